using OsteoOde.Modeling;

namespace OsteoOde.Models.Tests;

/// <summary>Names, order and units follow the canonical identifier table of model-reference.md exactly.</summary>
public class IdentifierTests
{
    private static readonly string[] PivonkaParameters =
    [
        "D_OBu", "D_OBp", "A_OBa", "D_OCp", "A_OCa", "K_D1_TGFb", "K_D2_TGFb", "K_D3_TGFb", "K_act_PTH", "K_rep_PTH", "beta_PTH",
        "D_PTH", "beta_OPG", "OPG_max", "D_OPG", "R_RANKL", "beta_RANKL", "D_RANKL", "K_A1", "K_A2", "RANK", "K_D_RANKL_RANK",
        "alpha_TGFb", "D_TGFb",
    ];

    private static readonly string[] PivonkaObservables = ["TGFb", "PTH", "OPG", "RANKL", "RANKL_RANK", "pi_act_OCp"];

    public static TheoryData<string, string[], string[], string[], string[], string[]> Table => new()
    {
        {
            "lemaire2004", ["R", "B", "C"], ["pM", "pM", "pM"],
            ["D_R", "d_B", "f0", "C_s", "k_B", "D_C", "D_A", "K", "k1", "k2", "k3", "k4", "k5", "k6", "K_LP", "r_L", "K_OP", "k_O", "S_P", "k_P"],
            ["I_P", "I_O", "I_L", "I_R", "I_B", "I_C"], ["pi_C", "pi_P", "pi_L"]
        },
        { "pivonka2008", ["OBp", "OBa", "OCa"], ["pM", "pM", "pM"], PivonkaParameters, ["P_PTH", "P_OPG", "P_RANKL", "P_TGFb"], PivonkaObservables },
        {
            "scheiner2013", ["OBp", "OBa", "OCa", "vb"], ["pM", "pM", "pM", "%"], [.. PivonkaParameters, "k_form", "k_res"],
            ["P_PTH", "P_OPG", "P_RANKL", "P_TGFb"], PivonkaObservables
        },
        {
            "komarova2003", ["x1", "x2", "z"], ["1", "1", "%"], ["alpha1", "alpha2", "beta1", "beta2", "g11", "g21", "g12", "g22", "k1", "k2"],
            [], ["x1_bar", "x2_bar"]
        },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void ModelsUseTheCanonicalNamesInCanonicalOrder(string id, string[] states, string[] units, string[] parameters, string[] inputs, string[] observables)
    {
        var m = ModelCatalog.Get(id).Model;
        Assert.Equal(id, m.Id);
        Assert.Equal(states, m.States.Select(s => s.Name));
        Assert.Equal(units.Select(Unit.Parse), m.States.Select(s => s.Unit));
        Assert.Equal(parameters, m.Parameters.Select(p => p.Name));
        Assert.Equal(inputs, m.Inputs.Select(i => i.Name));
        Assert.Equal(observables, m.Observables.Select(o => o.Name));
        Assert.All(m.Inputs, i => Assert.Equal(0, i.DefaultValue));
        Assert.All(m.Inputs, i => Assert.Equal(Unit.Parse("pM/day"), i.Unit));
        Assert.Equal(Unit.Day, m.TimeUnit);
    }

    [Fact]
    public void PivonkaParameterVectorMatchesTheHandWrittenBenchmarkLayout()
    {
        // OsteoOde.Modeling's benchmark fixture assumes this layout; a change here must be deliberate.
        Assert.Equal(Modeling.Diagnostics.PivonkaHandWritten.ParameterNames, Compiled.Pivonka.ParameterVectorNames);
    }

    [Fact]
    public void CatalogListsTheFourPublishedModelsAndTheLifetimeModel()
    {
        Assert.Equal(["lemaire2004", "pivonka2008", "scheiner2013", "komarova2003", "aging"], ModelCatalog.Ids);
        foreach (var e in ModelCatalog.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Title));
            Assert.False(string.IsNullOrWhiteSpace(e.Description));
            Assert.NotEmpty(e.Sources);
            Assert.Contains(e.Sources, s => s.Doi is not null);
            Assert.Same(e.Model, ModelCatalog.Get(e.Id).Model);
            Assert.Equal(e.Parameters.Select(p => p.Name), e.Model.Parameters.Select(p => p.Name));
            Assert.Equal(e.Id, e.CreateComposition().Build().Id);
            Assert.NotEmpty(e.Scenarios);
        }
    }

    [Fact]
    public void UnknownModelIdIsRejectedWithTheKnownIds()
    {
        var ex = Assert.Throws<ArgumentException>(() => ModelCatalog.Get("pivonka2010"));
        Assert.Equal("id", ex.ParamName);
        Assert.Contains("Unknown model 'pivonka2010'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pivonka2008", ex.Message, StringComparison.Ordinal);
        Assert.False(ModelCatalog.TryGet("", out _));
    }
}
