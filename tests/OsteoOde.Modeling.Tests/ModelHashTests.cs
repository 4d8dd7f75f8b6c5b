using OsteoOde.Modeling;
using static OsteoOde.Modeling.Tests.SimulationTestModels;

namespace OsteoOde.Modeling.Tests;

public class ModelHashTests
{
    [Fact]
    public void HashIsStableAcrossBuildsAndProcesses()
    {
        var a = Infusion();
        var b = Infusion();
        Assert.NotSame(a, b);
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.Equal(ModelFingerprint.CanonicalText(a), ModelFingerprint.CanonicalText(b));

        // Golden value: the canonical text is process- and machine-independent, so the hash is a constant. It changes only
        // when the infusion test model or the canonical form (ModelFingerprint.FormatVersion) changes.
        const string golden = "9f22e2f1668cd49d67b42644eaab0d903967f5bfcd9b7ef2dbb60f46b4f15572";
        Assert.True(a.ContentHash == golden, $"hash {a.ContentHash} differs from the golden {golden}");
    }

    [Fact]
    public void CanonicalTextCoversEquationsParametersAndUnits()
    {
        var text = ModelFingerprint.CanonicalText(Infusion());
        var lines = text.Split('\n');
        Assert.Equal("osteoode-model-canonical-v2", lines[0]);
        Assert.Contains("id infusion", lines);
        Assert.Contains("time_unit 86400 time^1", lines); // units as SI scale and base exponents: equal units, equal text
        Assert.Contains("state x unit=1E-09 amount^1 length^-3 nonneg=1 initial=x0 rate=(subtract u (multiply k x))", lines);
        Assert.Contains("parameter k value=0.1 unit=1.15740740741E-05 time^-1 lower=0.001 upper=10 scale=log tunable=1", lines);
        Assert.Contains("input u unit=1.15740740741E-14 amount^1 length^-3 time^-1 default=0", lines);
        Assert.Contains("assignment age kind=Expression unit=31557600 time^1 observable=0 time_column=1 value=(add age0 (divide t c:365.25[0.00273785078713]))",
            lines);
        Assert.Contains("dose bolus state=x amount=A times=10,20", lines);
        Assert.DoesNotContain("level", text, StringComparison.Ordinal); // descriptions are documentation
    }

    [Fact]
    public void HashChangesWithAnyParameterEquationOrUnitChangeButNotWithDocumentation()
    {
        var reference = Infusion().ContentHash;
        Assert.NotEqual(reference, InfusionBuilder(kValue: 0.1000000000000001).Build().ContentHash);
        Assert.Equal(reference, InfusionBuilder(kDescription: "another description").Build().ContentHash);

        static string Variant(Action<ModelBuilder> change)
        {
            var b = new ModelBuilder("v");
            var x = b.State("x", "pM", 1, "level");
            var k = b.Parameter("k", 0.1, "1/day", "loss", Src, 0.01, 1);
            change(b);
            b.AddRate(x, "loss", -(k * x));
            return b.Build().ContentHash;
        }

        var baseHash = Variant(_ => { });
        Assert.NotEqual(baseHash, Variant(b => b.AddRate("x", "extra", Expr.Quantity(1e-3, "pM/day"))));
        Assert.NotEqual(baseHash, Variant(b => b.Input("u", "pM/day", 0, "unused input")));
        Assert.NotEqual(baseHash, Variant(b => b.Observable("twice", 2 * ModelBuilder.Ref("x"), "2x", "pM")));

        var b1 = new ModelBuilder("v");
        var x1 = b1.State("x", "nM", 1, "level");
        var k1 = b1.Parameter("k", 0.1, "1/day", "loss", Src, 0.01, 1);
        b1.AddRate(x1, "loss", -(k1 * x1));
        Assert.NotEqual(baseHash, b1.Build().ContentHash); // unit pM -> nM

        var b2 = new ModelBuilder("v");
        var x2 = b2.State("x", "pM", 1, "level");
        var k2 = b2.Parameter("k", 0.1, "1/day", "loss", Src, 0.01, 1);
        b2.AddRate(x2, "degradation", -(k2 * x2)); // only the term name differs
        Assert.Equal(baseHash, b2.Build().ContentHash);
    }
}
