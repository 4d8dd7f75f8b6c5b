using OsteoOde.Modeling;
using OsteoOde.Models.Aging;

namespace OsteoOde.Models.Tests.Aging;

/// <summary>The lifetime model in the catalog: options (sex, modules off), variants, scenarios.</summary>
public class CatalogTests
{
    [Fact]
    public void CatalogBuildsTheVariantOfTheOptions()
    {
        var entry = ModelCatalog.Get(AgingModel.Id);
        Assert.Equal(["sex", "off", "drugs"], entry.Options.Select(o => o.Name));
        Assert.Equal(["female", "male"], entry.Options[0].AllowedValues);
        Assert.Same(AgingModel.Model, entry.Model);
        Assert.Same(AgingModel.Create(Sex.Male), entry.CreateModel(new Dictionary<string, string> { ["sex"] = "male" }));
        var variant = entry.CreateModel(new Dictionary<string, string> { ["sex"] = "female", ["off"] = "senescence, vesicles" });
        Assert.Same(AgingModel.Create(AgingOptions.Female.Without(AgingModel.Senescence, AgingModel.Vesicles)), variant);
        Assert.False(variant.TryGetQuantity("S", out _));
        Assert.Equal(["cortical", "closure", "marrow_fate", "sasp", "estrogen", "readouts"], variant.Modules.Select(m => m.Name));
        Assert.DoesNotContain(AgingModel.Create(Sex.Male).Modules, m => m.Name == AgingModel.Estrogen);
        Assert.Equal("aging", variant.Id);
    }

    [Fact]
    public void BadOptionsAreRejectedWithTheAllowedValues()
    {
        var entry = ModelCatalog.Get(AgingModel.Id);
        var sex = Assert.Throws<ArgumentException>(() => entry.CreateModel(new Dictionary<string, string> { ["sex"] = "other" }));
        Assert.Contains("'female' or 'male'", sex.Message, StringComparison.Ordinal);
        var off = Assert.Throws<ArgumentException>(() => entry.CreateModel(new Dictionary<string, string> { ["off"] = "sasp,vesicle" }));
        Assert.Contains("'vesicle' is not a module", off.Message, StringComparison.Ordinal);
        Assert.Contains("vesicles", off.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ArgumentException>(() => entry.CreateModel(new Dictionary<string, string> { ["age"] = "70" }));
        Assert.Contains("no option 'age'", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ModelCatalog.Get("scheiner2013").CreateModel(new Dictionary<string, string> { ["sex"] = "male" }));
        Assert.Throws<ArgumentException>(() => AgingOptions.Female.Without("bone"));
    }

    [Fact]
    public void ScenariosCoverBothSexesAndEveryReferenceVariant()
    {
        var names = ScenarioCatalog.For(AgingModel.Id).Select(s => s.Name).ToHashSet();
        foreach (var sex in new[] { "female", "male" })
        {
            Assert.Contains($"life_course_{sex}", names);
            foreach (var v in AgingRuns.Variants.Skip(1).Where(v => sex == "female" || v != "no_estrogen"))
            {
                Assert.Contains($"{v}_{sex}", names);
            }
        }

        Assert.Contains("senolytic_farr2024", names);
        Assert.Contains("senolytic_farr2024_control", names);
        var male = ScenarioCatalog.Get(AgingModel.Id, "life_course_male");
        Assert.Same(AgingModel.Create(Sex.Male), male.CreateModel());
        var ex = Assert.Throws<ArgumentException>(() => male.Validate(AgingModel.Create(Sex.Female)));
        Assert.Contains("sex = male", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("life_course_female", Sex.Female, "all_on")]
    [InlineData("life_course_male", Sex.Male, "all_on")]
    [InlineData("no_mirna_ob_male", Sex.Male, "no_mirna_ob")]
    [InlineData("sen_ves_off_female", Sex.Female, "sen_ves_off")]
    public void ScenarioRunsEqualTheDirectRuns(string scenario, Sex sex, string variant)
    {
        var s = ScenarioCatalog.Get(AgingModel.Id, scenario);
        var r = Simulation.Run(s.CreateRequest()).EnsureSuccess();
        var direct = AgingRuns.LifeCourse(AgingRuns.Configuration(sex, variant));
        Assert.Equal(direct.ColumnNames, r.ColumnNames);
        foreach (var c in r.ColumnNames)
        {
            Assert.Equal(direct[c], r[c]);
        }
    }
}
