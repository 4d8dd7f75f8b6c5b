using OsteoOde.Modeling;
using static OsteoOde.Models.PivonkaExtensionPoints;

namespace OsteoOde.Models.Tests;

/// <summary>
/// The Pivonka-structure extension points: empty they vanish (the published equations), filled they act exactly where the
/// lifetime model needs them (checked against the hand-written RHS with the same extensions).
/// </summary>
public class ExtensionPointTests
{
    public static TheoryData<string> PivonkaIds => new([Pivonka2008.Id, Scheiner2013.Id]);

    [Theory]
    [MemberData(nameof(PivonkaIds))]
    public void EmptyExtensionPointsVanishFromThePublishedEquations(string id)
    {
        var m = ModelCatalog.Get(id).Model;
        var points = id == Scheiner2013.Id ? BoneVolumeModel : CellModel;
        foreach (var name in points)
        {
            var a = m.Assignment(name);
            Assert.Empty(a.Contributions);
            Assert.Same(a.AssignmentKind == AssignmentKind.OpenSum ? Expr.Zero : Expr.One, m.Resolve(a.Symbol));
        }

        var compiled = Compiled.For(id);
        foreach (var rhs in compiled.RhsExpressions.Concat(compiled.ObservableExpressions))
        {
            Assert.DoesNotContain(rhs.SymbolNames(), n => points.Contains(n));
        }

        // The whole extension-point surface is declared (and only it carries these names).
        Assert.Equal(points.Order(), m.Assignments.Where(x => x.AssignmentKind != AssignmentKind.Expression).Select(x => x.Name).Order());
    }

    [Theory]
    [MemberData(nameof(PivonkaIds))]
    public void EveryExtensionPointActsWhereTheLifetimeModelNeedsIt(string id)
    {
        var module = new ModelModule("probe", "fills every extension point", b =>
        {
            Expr P(string name, double value, string unit) =>
                b.Parameter(name, value, unit, "probe value", new Citation("test probe"), value / 10, value * 10);

            b.AddToSum(RanklProductionExtra, "probe", P("x_rankl", 37, "pM/day"));
            b.AddToSum(RanklBindingExtra, "probe", P("x_bind", 3.5, "1"));
            b.MultiplyInto(RanklCapacityFactor, "probe", P("x_cap", 1.3, "1"));
            b.AddToSum(OpgProductionExtra, "probe", P("x_opg", 900, "pM/day"));
            b.MultiplyInto(OpgProductionFactor, "probe", P("x_opgf", 0.8, "1"));
            b.AddToSum(PthProductionExtra, "probe", P("x_pth", 120, "pM/day"));
            b.AddToSum(TgfbProductionExtra, "probe", P("x_tgfb", 2e-4, "pM/day"));
            b.MultiplyInto(OBuSupplyFactor, "probe", P("x_obu", 0.9, "1"));
            b.MultiplyInto(OBpDifferentiationFactor, "probe", P("x_obp", 1.1, "1"));
            b.MultiplyInto(OBaApoptosisFactor, "probe", P("x_oba", 1.2, "1"));
            b.MultiplyInto(OCFormationFactor, "probe", P("x_ocf", 1.4, "1"));
            b.MultiplyInto(OCaApoptosisFactor, "probe", P("x_oca", 0.7, "1"));
            if (b.IsDeclared("vb"))
            {
                b.MultiplyInto(BoneFormationFactor, "probe", P("x_form", 0.95, "1"));
                b.MultiplyInto(BoneResorptionFactor, "probe", P("x_res", 1.05, "1"));
            }
        });

        var composition = ModelCatalog.Get(id).CreateComposition().With(module);
        var m = CompiledModel.Compile(composition.Build());
        var rng = new Random(11);
        for (var k = 0; k < 100; k++)
        {
            var p = Compiled.RandomParameters(m, rng);
            var y = Compiled.RandomState(m, p, rng);
            var v = Compiled.Lookup(m, p);
            var ext = new HandWritten.Extensions(v("x_rankl"), v("x_bind"), v("x_cap"), v("x_opg"), v("x_opgf"), v("x_pth"), v("x_tgfb"),
                v("x_obu"), v("x_obp"), v("x_oba"), v("x_ocf"), v("x_oca"),
                id == Scheiner2013.Id ? v("x_form") : 1, id == Scheiner2013.Id ? v("x_res") : 1);
            var (expected, scale) = HandWritten.Pivonka(y, v, ext);
            var actual = Compiled.Rhs(m, y, p);
            for (var i = 0; i < y.Length; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-12 * scale[i], $"{m.StateNames[i]}: {actual[i]:R} vs {expected[i]:R}");
            }
        }

        // Switching the probe off gives back the published model, expression for expression.
        var off = CompiledModel.Compile(composition.Disable("probe").Build());
        var published = Compiled.For(id);
        for (var i = 0; i < published.StateCount; i++)
        {
            Assert.Same(published.RhsExpressions[i], off.RhsExpressions[i]);
        }
    }

    [Fact]
    public void ExtraRanklProductionIsEquivalentToTheExternalRanklInput()
    {
        // A module adding X pM/day to RANKL production must act like P_RANKL = X: the lifetime model's EV-RANKL relies on it.
        var module = new ModelModule("ev_rankl", "constant EV-RANKL", b =>
            b.AddToSum(RanklProductionExtra, "ev", b.Parameter("P_EV", 50, "pM/day", "EV RANKL", new Citation("test"), 1, 500)));
        var withModule = CompiledModel.Compile(Scheiner2013.Composition().With(module).Build());
        var published = Compiled.Scheiner;
        var p1 = withModule.CreateParameterVector();
        var p0 = published.CreateParameterVector();
        p0[published.ParameterVectorIndex("P_RANKL")] = 50;
        var rng = new Random(3);
        for (var k = 0; k < 20; k++)
        {
            var y = Compiled.RandomState(published, p0, rng);
            Assert.Equal(Compiled.Rhs(published, y, p0), Compiled.Rhs(withModule, y, p1));
        }
    }

    [Fact]
    public void ExtensionTermsWithWrongUnitsAreRejected()
    {
        var bad = new ModelModule("bad", "RANKL production in pM instead of pM/day", b =>
            b.AddToSum(RanklProductionExtra, "bad", b.Parameter("P_bad", 5, "pM", "wrong unit", new Citation("test"), 1, 10)));
        var ex = Assert.Throws<ModelUnitException>(() => Pivonka2008.Composition().With(bad).Build());
        Assert.Contains(RanklProductionExtra, ex.Message, StringComparison.Ordinal);
    }
}
