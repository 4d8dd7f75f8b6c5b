using OsteoOde.Modeling;

namespace OsteoOde.Modeling.Tests;

public class ModelUnitCheckTests
{
    private static readonly Citation Src = ModelValidationTests.Src;

    private static ModelBuilder Cells()
    {
        var b = new ModelBuilder("cells");
        b.State("OBp", "pM", 1e-3, "precursors");
        b.Parameter("D_OBp", 0.2, "1/day", "differentiation", Src, 0.01, 1);
        b.Parameter("K", 1e-3, "nM", "half-saturation in nM", Src, 1e-5, 1);
        b.Parameter("K_pM", 1, "pM", "half-saturation in pM", Src, 1e-3, 10);
        b.Parameter("k_h", 0.01, "1/h", "hourly rate", Src, 1e-4, 1);
        b.Parameter("n", 2, "1", "Hill coefficient", Src, 1, 4);
        b.Parameter("v", 15, "%", "volume fraction", Src, 1, 100);
        return b;
    }

    private static readonly Expr OBp = Expr.Symbol("OBp");

    [Fact]
    public void WrongRateUnitNamesEquationTermAndBothUnits()
    {
        var b = Cells();
        b.AddRate("OBp", "loss", -(Expr.Symbol("k_h") * OBp));
        var ex = Assert.Throws<ModelUnitException>(b.Build);
        var issue = Assert.Single(ex.Issues);
        Assert.Equal("d(OBp)/dt", ex.Equation);
        Assert.Equal("-k_h * OBp", ex.Term);
        Assert.Equal("pM/h", issue.FoundUnit);
        Assert.Equal("pM/day", issue.ExpectedUnit);
        Assert.Equal("Unit mismatch in d(OBp)/dt, term 'loss': '-k_h * OBp' has unit pM/h but d(OBp)/dt needs pM/day.", issue.Message);
        Assert.Contains(issue.Message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("Model 'cells' has 1 unit error:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MixingPicomolarAndNanomolarInASumIsAMismatch()
    {
        var b = Cells();
        b.AddRate("OBp", "saturating", Expr.Symbol("D_OBp") * OBp * OBp / (OBp + Expr.Symbol("K")));
        var ex = Assert.Throws<ModelUnitException>(b.Build);
        var issue = Assert.Single(ex.Issues);
        Assert.Equal("Unit mismatch in d(OBp)/dt, term 'saturating': in 'OBp + K', 'OBp' has unit pM but 'K' has unit nM.", issue.Message);
        Assert.Equal("OBp + K", issue.Term);
        Assert.Equal("nM", issue.FoundUnit);
        Assert.Equal("pM", issue.ExpectedUnit);
    }

    [Fact]
    public void PercentAndDimensionlessDoNotMix()
    {
        var b = Cells();
        b.Assign("fraction", Expr.Symbol("v") + 1, "bad sum");
        b.AddRate("OBp", "growth", Expr.Symbol("D_OBp") * OBp);
        var ex = Assert.Throws<ModelUnitException>(b.Build);
        Assert.Equal("Unit mismatch in fraction: in 'v + 1', 'v' has unit % but '1' has unit 1.", Assert.Single(ex.Issues).Message);
    }

    [Fact]
    public void FunctionArgumentsAndExponentsMustBeDimensionless()
    {
        var b = Cells();
        b.Assign("a", Expr.Exp(OBp), "exp of a concentration");
        b.Assign("c", Expr.Pow(OBp, Expr.Symbol("n")), "variable power of a concentration");
        b.Assign("d", Expr.Pow(2, OBp), "concentration as exponent");
        b.Assign("e", Expr.Sqrt(OBp), "root of a concentration");
        b.Assign("ok", Expr.Hill(OBp, Expr.Symbol("K_pM"), Expr.Symbol("n")) + Expr.Log(OBp / Expr.Symbol("K_pM")), "fine");
        b.AddRate("OBp", "growth", Expr.Symbol("D_OBp") * OBp);
        var ex = Assert.Throws<ModelUnitException>(b.Build);
        Assert.Equal(
        [
            "Unit mismatch in a: in 'exp(OBp)', the argument 'OBp' has unit pM but must be dimensionless (1).",
            "Unit mismatch in c: in 'OBp^n', the exponent 'n' is not a constant, so the base 'OBp' must be dimensionless (1) but has unit pM; divide it by a reference value.",
            "Unit mismatch in d: in '2^OBp', the exponent 'OBp' has unit pM but must be dimensionless (1).",
            "Unit mismatch in e: in 'sqrt(OBp)', pM raised to the power 0.5 does not have whole exponents; make the base dimensionless first.",
        ], ex.Issues.Select(i => i.Message));
    }

    [Fact]
    public void DeclaredAssignmentUnitIsChecked()
    {
        var b = Cells();
        b.Assign("flux", Expr.Symbol("D_OBp") * OBp, "flux", "nM/day");
        b.AddRate("OBp", "growth", Expr.Symbol("flux"));
        var ex = Assert.Throws<ModelUnitException>(b.Build);
        Assert.Equal(
        [
            "Unit mismatch in flux: 'D_OBp * OBp' has unit pM/day but flux needs nM/day.",
            "Unit mismatch in d(OBp)/dt, term 'growth': 'flux' has unit nM/day but d(OBp)/dt needs pM/day.",
        ], ex.Issues.Select(i => i.Message));
    }

    [Fact]
    public void ZeroFitsAnyUnitAndConsistentModelsBuild()
    {
        var b = Cells();
        var k = Expr.Symbol("K_pM");
        b.Assign("kink", Expr.Max(0, OBp - k), "Komarova-style kink");
        b.Assign("switch", Expr.If(OBp > k, 0, Expr.Symbol("D_OBp") * OBp), "piecewise with a zero branch");
        b.Assign("scaled", Expr.Quantity(2, "pM/day") * Expr.Quantity(3, "day"), "folded quantity", "pM");
        b.AddRate("OBp", "growth", Expr.Symbol("switch") - Expr.Symbol("D_OBp") * Expr.Symbol("kink") + Expr.Symbol("scaled") * Expr.Symbol("D_OBp"));
        var m = b.Build();
        Assert.Equal(Unit.PicoMolar, m.Assignment("kink").Unit);
        Assert.Equal(Unit.Parse("pM/day"), m.Assignment("switch").Unit);
        Assert.Same(Expr.Quantity(6, "pM"), m.Assignment("scaled").Expression);
    }

    [Fact]
    public void PiecewiseBranchesAndComparisonsNeedEqualUnits()
    {
        var b = Cells();
        b.Assign("bad_branch", Expr.If(OBp > Expr.Symbol("K_pM"), OBp, Expr.Symbol("K")), "branches in pM and nM");
        b.Assign("bad_compare", Expr.If(OBp > Expr.Symbol("K"), 1, 2), "compares pM with nM");
        b.AddRate("OBp", "growth", Expr.Symbol("D_OBp") * OBp);
        var ex = Assert.Throws<ModelUnitException>(b.Build);
        Assert.Equal(
        [
            "Unit mismatch in bad_branch: in 'piecewise(OBp, OBp > K_pM, K)', 'K' has unit nM but 'OBp' has unit pM.",
            "Unit mismatch in bad_compare: in 'OBp > K', 'OBp' has unit pM but 'K' has unit nM.",
        ], ex.Issues.Select(i => i.Message));
    }
}
