using OsteoOde.Modeling;
using OsteoOde.Numerics;

namespace OsteoOde.Modeling.Tests;

public class ModelValidationTests
{
    internal static readonly Citation Src = new("Test source 2024", Doi: "10.1/x");

    /// <summary>A valid two-state model: x decays into y.</summary>
    internal static ModelBuilder Minimal()
    {
        var b = new ModelBuilder("minimal");
        var x = b.State("x", "pM", 1, "substrate");
        var y = b.State("y", "pM", 0, "product");
        var k = b.Parameter("k", 0.5, "1/day", "conversion rate", Src, 0.01, 10);
        var flux = b.Assign("flux", k * x, "conversion flux", "pM/day");
        b.AddRate(x, "conversion", -flux);
        b.AddRate(y, "conversion", flux);
        return b;
    }

    private static ModelValidationException Invalid(ModelBuilder b) => Assert.Throws<ModelValidationException>(b.Build);

    [Fact]
    public void MinimalModelBuilds()
    {
        var m = Minimal().Build();
        Assert.Equal(["x", "y"], m.States.Select(s => s.Name));
        Assert.Equal("-flux", m.State("x").Rate.ToString());
        Assert.Equal(Unit.Parse("pM/day"), m.Assignment("flux").Unit);
        Assert.Same(-(Expr.Symbol("k") * Expr.Symbol("x")), m.ResolvedRate("x"));
    }

    [Fact]
    public void UnknownNameSuggestsTheNearestValidNames()
    {
        var b = Minimal();
        b.AddRate("y", "leak", -(Expr.Symbol("K") * Expr.Symbol("y")));
        b.AddRate("y", "typo", Expr.Symbol("flx"));
        var ex = Invalid(b);
        Assert.Equal(2, ex.Problems.Count);
        Assert.Equal("Unknown name 'K' in d(y)/dt, term 'leak'. Did you mean: k?", ex.Problems[0]);
        Assert.Equal("Unknown name 'flx' in d(y)/dt, term 'typo'. Did you mean: flux?", ex.Problems[1]);
        Assert.Contains("Model 'minimal' is invalid (2 problems)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownStateInAddRateSuggestsStates()
    {
        var b = Minimal();
        b.AddRate("X", "extra", 0);
        var ex = Invalid(b);
        Assert.Equal("AddRate term 'extra' refers to the state 'X', which is not declared. Did you mean: x?", Assert.Single(ex.Problems));
    }

    [Fact]
    public void DuplicateAndReservedNamesAreReported()
    {
        var b = Minimal();
        b.Parameter("x", 1, "1", "clash", Src, 0.1, 10);
        b.Input("t", "1", 0, "reserved");
        var ex = Invalid(b);
        Assert.Contains("Duplicate name 'x': declared as state and again as parameter.", ex.Problems);
        Assert.Contains("The input name 't' is reserved for the model time; choose another name.", ex.Problems);
    }

    [Fact]
    public void CyclesAmongAssignmentsAreNamed()
    {
        var b = Minimal();
        b.Assign("A", Expr.Symbol("B") + 1);
        b.Assign("B", Expr.Symbol("C") * 2);
        b.Assign("C", Expr.Symbol("A") - 3);
        b.Assign("D", Expr.Symbol("D") * 2);
        var ex = Invalid(b);
        Assert.Equal(
            ["Assignments depend on each other in a cycle: A -> B -> C -> A.", "Assignments depend on each other in a cycle: D -> D."],
            ex.Problems);
    }

    [Fact]
    public void StatesWithoutRateAreReported()
    {
        var b = Minimal();
        b.State("z", "pM", 0, "unused");
        var ex = Invalid(b);
        Assert.StartsWith("State 'z' has no rate terms", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMissingParameterMetadataIsReportedAtOnce()
    {
        var b = Minimal();
        b.Parameter("noDescription", 1, "1", "", Src, 0.1, 10);
        b.Parameter("noSource", 1, "1", "d", new Citation(" "), 0.1, 10);
        b.Parameter("nullSource", 1, "1", "d", null!, 0.1, 10);
        b.Parameter("badBounds", 1, "1", "d", Src, 10, 0.1);
        b.Parameter("outside", 20, "1", "d", Src, 0.1, 10);
        b.Parameter("logAtZero", 0, "1", "d", Src, 0, 10);
        b.Parameter("linearAtZero", 0, "1", "d", Src, -1, 10, scale: ParameterScale.Linear);
        var ex = Invalid(b);
        Assert.Equal(
        [
            "Parameter 'noDescription' has no description; every parameter needs value, unit, description, source and bounds.",
            "Parameter 'noSource' has no source citation; every parameter needs value, unit, description, source and bounds.",
            "Parameter 'nullSource' has no source citation; every parameter needs value, unit, description, source and bounds.",
            "Parameter 'badBounds' has invalid bounds [10, 0.1]: both must be finite with lower <= upper.",
            "Parameter 'outside' = 20 lies outside its bounds [0.1, 10].",
            "Parameter 'logAtZero' uses a log scale but its lower bound 0 is not positive; use ParameterScale.Linear or a positive lower bound.",
        ], ex.Problems);
    }

    [Fact]
    public void ContributionsMustTargetOpenSumsAndProducts()
    {
        var b = Minimal();
        b.OpenSum("extra_flux", "pM/day");
        b.AddToSum("flux", "more", Expr.Quantity(1, "pM/day"));
        b.AddToSum("extra_flx", "more", Expr.Quantity(1, "pM/day"));
        b.MultiplyInto("extra_flux", "factor", 2);
        var ex = Invalid(b);
        Assert.Equal(
        [
            "AddToSum term 'more' contributes to 'flux', which is a plain assignment, not an open sum. Valid names: extra_flux.",
            "AddToSum term 'more' contributes to 'extra_flx', which is not declared. Did you mean: extra_flux?",
            "MultiplyInto term 'factor' contributes to 'extra_flux', which is an open sum, not an open product.",
        ], ex.Problems);
    }

    [Fact]
    public void DuplicateTermNamesAreReported()
    {
        var b = Minimal();
        b.AddRate("x", "conversion", 0);
        var ex = Invalid(b);
        Assert.Equal("Duplicate term name 'conversion' in d(x)/dt; term names must be unique per equation.", Assert.Single(ex.Problems));
    }

    [Fact]
    public void InitialExpressionsAndDoseAmountsMayNotDependOnStatesOrTime()
    {
        var b = Minimal();
        var x = Expr.Symbol("x");
        b.State("w", "pM", x * 2, "depends on x");
        b.AddRate("w", "none", 0);
        b.Assign("clock", Expr.Time * Expr.Quantity(1, "pM/day"));
        b.State("v", "pM", Expr.Symbol("clock"), "depends on time");
        b.AddRate("v", "none", 0);
        b.Dose("bolus", "x", Expr.Symbol("y"), [1.0]);
        var ex = Invalid(b);
        Assert.Equal(
        [
            "The initial value of 'w' depends on the state 'x'; initial expressions may use parameters, inputs and assignments of those only.",
            "The initial value of 'v' depends on the time t (through 'clock'); initial expressions may use parameters, inputs and assignments of those only.",
            "The amount of dose 'bolus' depends on the state 'y'; dose amounts may use parameters and inputs only.",
        ], ex.Problems);
    }

    [Fact]
    public void EventsAndDosesMustNameStates()
    {
        var b = Minimal();
        b.Event("reset", Expr.Symbol("x") - Expr.Quantity(0.5, "pM"), EventDirection.Falling, [("xx", Expr.Quantity(1, "pM"))]);
        b.Dose("bolus", "Y", 1.0, []);
        var ex = Invalid(b);
        Assert.Equal(
        [
            "Event 'reset' refers to the state 'xx', which is not declared. Did you mean: x?",
            "Dose 'bolus' refers to the state 'Y', which is not declared. Did you mean: y?",
            "Dose 'bolus' needs at least one finite dose time.",
        ], ex.Problems);
    }

    [Fact]
    public void MarkObservableNeedsAnAssignment()
    {
        var b = Minimal();
        b.MarkObservable("flx");
        var ex = Invalid(b);
        Assert.Equal("MarkObservable: 'flx' is not an assignment. Did you mean: flux?", Assert.Single(ex.Problems));
    }

    [Fact]
    public void BadNamesAndUnitsFailImmediatelyNamingTheArgument()
    {
        var b = new ModelBuilder("m");
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => b.State("1x", "pM", 0, "d")).ParamName);
        var unitError = Assert.Throws<ArgumentException>(() => b.State("x", "pMol", 0, "d"));
        Assert.Equal("unit", unitError.ParamName);
        Assert.Contains("pMol", unitError.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ModelBuilder("bad id"));
        Assert.Throws<ArgumentException>(() => new ModelBuilder("m", Unit.PicoMolar));
        Assert.Throws<ArgumentException>(() => b.AddRate("x", "cond", Expr.Symbol("x") < 1));
    }

    [Fact]
    public void NearestNamesRankByEditDistanceCaseFirst()
    {
        Assert.Equal(["RANKL"], NameSuggestions.Nearest("rankl", ["OPG", "RANK", "RANKL", "PTH"]));
        Assert.Equal(["RANK", "RANKL"], NameSuggestions.Nearest("RANKX", ["OPG", "RANK", "RANKL", "PTH"]));
        Assert.Equal(["beta_RANKL"], NameSuggestions.Nearest("beta_RANK_L", ["beta_RANKL", "beta_PTH", "D_RANKL"], 1));
        Assert.Empty(NameSuggestions.Nearest("completely_different", ["k", "x"]));
        Assert.Equal(" Valid names: k, x.", NameSuggestions.Hint("completely_different", ["x", "k"]));
    }
}
