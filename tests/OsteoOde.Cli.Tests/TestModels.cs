using OsteoOde.Modeling;
using OsteoOde.Models;

namespace OsteoOde.Cli.Tests;

/// <summary>
/// Small models registered next to the catalog to exercise what the published models do not have: model options (like a
/// lifetime model's --sex), a time column (like its age), blow-up and the absence of a steady state.
/// </summary>
public static class TestModels
{
    private static readonly Citation Test = new("CLI test model");
    private static readonly Lazy<Model> Slow = new(() => Decay("slow"));
    private static readonly Lazy<Model> Fast = new(() => Decay("fast"));
    private static readonly Lazy<Model> BlowUpModel = new(BlowUp);
    private static readonly Lazy<Model> NoSteadyModel = new(NoSteadyState);

    /// <summary>
    /// x' = −k·x with a time column age = a0 + t/365.25 before the states. Option --variant slow|fast picks k = 0.1 or 1 and a0 = 50
    /// or 60.
    /// </summary>
    public static Model Decay(string variant)
    {
        var b = new ModelBuilder("decay") { Title = "exponential decay with an age column" };
        b.AddSource(Test);
        var x = b.State("x", "pM", 1.0, "amount");
        var k = b.Parameter("k", variant == "fast" ? 1.0 : 0.1, "1/day", "loss rate", Test, 0.001, 100);
        var a0 = b.Parameter("a0", variant == "fast" ? 60.0 : 50.0, "year", "age at t = 0", Test, 0, 120, scale: ParameterScale.Linear);
        b.TimeColumn("age", a0 + (Expr.Time / Expr.Quantity(365.25, "day/year")), "age in years", "year");
        b.AddRate(x, "loss", -k * x);
        return b.Build();
    }

    /// <summary>x' = x² from x = 1: blows up at t = 1.</summary>
    public static Model BlowUp()
    {
        var b = new ModelBuilder("blowup") { Title = "finite-time blow-up" };
        b.AddSource(Test);
        var x = b.State("x", "1", 1.0, "amount");
        var c = b.Parameter("c", 1, "1/day", "growth constant", Test, 0.1, 10);
        b.AddRate(x, "growth", c * x * x);
        return b.Build();
    }

    /// <summary>x' = 1 + x²: no real steady state.</summary>
    public static Model NoSteadyState()
    {
        var b = new ModelBuilder("nosteady") { Title = "no steady state" };
        b.AddSource(Test);
        var x = b.State("x", "1", 0.0, "amount", nonNegative: false);
        var c = b.Parameter("c", 1, "1/day", "rate", Test, 0.1, 10);
        b.AddRate(x, "drift", c * (1 + (x * x)));
        return b.Build();
    }

    public static OptionSpec Variant { get; } = new("variant", "slow|fast", "which decay variant (default slow)");

    /// <summary>The catalog models plus the test models.</summary>
    public static CliModelRegistry Registry { get; } = new(
    [
        .. ModelCatalog.All.Select(CliModel.FromCatalog),
        new CliModel("decay", "exponential decay", [Variant], args => args.GetChoice("variant", ["slow", "fast"]) == "fast" ? Fast.Value : Slow.Value, () => []),
        new CliModel("blowup", "blow-up", [], _ => BlowUpModel.Value, () => []),
        new CliModel("nosteady", "no steady state", [], _ => NoSteadyModel.Value, () => []),
    ]);

    public static OsteoApp App { get; } = OsteoApp.Create(Registry);
}
