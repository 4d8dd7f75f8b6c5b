using OsteoOde.Modeling;

namespace OsteoOde.Models.Tests;

/// <summary>Every model is built with dimensional analysis on; these tests pin what that covers.</summary>
public class UnitConsistencyTests
{
    public static TheoryData<string> Ids => new(ModelCatalog.Ids);

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryRateTermHasTheUnitOfItsStatePerDay(string id)
    {
        // Build() rejects any unit mismatch; rebuilding from the base module proves the published declaration passes it.
        var model = ModelCatalog.Get(id).CreateComposition().Build();
        Assert.Equal(model.States.Select(s => s.Name), ModelCatalog.Get(id).Model.States.Select(s => s.Name));
        Assert.Equal(model.States.Select(s => s.Rate.ToString()), ModelCatalog.Get(id).Model.States.Select(s => s.Rate.ToString()));
    }

    [Fact]
    public void AWrongUnitInAPublishedEquationWouldBeCaught()
    {
        // A term added to dOCa/dt in %/day (a bone-volume rate) must be rejected: the checker is on for these models.
        var wrong = new ModelModule("wrong", "bone-volume rate added to a cell equation", b =>
            b.AddRate("OCa", "wrong", ModelBuilder.Ref("k_res") * ModelBuilder.Ref("OCa")));
        var ex = Assert.Throws<ModelUnitException>(() => Scheiner2013.Composition().With(wrong).Build());
        Assert.Contains("d(OCa)/dt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyUnitsFollowThePapers()
    {
        var s = Scheiner2013.Model;
        Assert.Equal(Unit.Parse("%/(pM*day)"), s.Parameter("k_form").Unit);
        Assert.Equal(Unit.Parse("1/pM"), s.Parameter("K_A1").Unit);
        Assert.Equal(Unit.Parse("pM"), s.Assignment("RANKL").Unit);
        Assert.Equal(Unit.Dimensionless, s.Assignment("pi_act_OCp").Unit);
        var l = Lemaire2004.Model;
        Assert.Equal(Unit.Parse("1/(pM*day)"), l.Parameter("k1").Unit);
        Assert.Equal(Unit.Parse("1/day"), l.Assignment("D_B").Unit);
        Assert.Equal(Unit.Parse("%/day"), Komarova2003.Model.Parameter("k1").Unit);
    }
}
