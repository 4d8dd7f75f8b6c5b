using OsteoOde.Modeling;

namespace OsteoOde.Models.Tests;

/// <summary>
/// The declared initial state of every model is the published steady state (model-reference §9): the right-hand side
/// vanishes there relative to the size of its terms, and the published numbers and identities hold.
/// </summary>
public class DeclaredSteadyStateTests
{
    public static TheoryData<string> Ids => new(Published.Ids); // the lifetime model has its own tests (Aging/)

    [Theory]
    [MemberData(nameof(Ids))]
    public void RhsVanishesAtTheDeclaredInitialState(string id)
    {
        var m = Compiled.For(id);
        var p = m.CreateParameterVector();
        var y = m.CreateInitialState(p);
        var (_, scale) = RhsTests.Reference(id, y, Compiled.Lookup(m, p));
        var f = Compiled.Rhs(m, y, p);
        for (var i = 0; i < y.Length; i++)
        {
            // Komarova's z has no terms at the steady state (both max() are 0): its rate must be exactly 0.
            Assert.True(Math.Abs(f[i]) <= 1e-13 * scale[i], $"{id} d{m.StateNames[i]}/dt = {f[i]:R} at the declared state (term scale {scale[i]:R})");
        }
    }

    [Fact]
    public void LemaireDeclaredStateIsThePublishedSteadyState()
    {
        var m = Compiled.Lemaire;
        var p = m.CreateParameterVector();
        var y = m.CreateInitialState(p);
        AssertRelative(7.7344e-4, y[0], 1e-4);
        AssertRelative(7.2834e-4, y[1], 1e-4);
        AssertRelative(9.1275e-4, y[2], 1e-4);
        AssertLemaireIdentities(m, p, y, 1e-10);
    }

    [Fact]
    public void PivonkaDeclaredStateIsThePublishedSteadyState()
    {
        var m = Compiled.Pivonka;
        var p = m.CreateParameterVector();
        var y = m.CreateInitialState(p);
        AssertRelative(6.1964e-4, y[0], 1e-4);
        AssertRelative(5.5839e-4, y[1], 1e-4);
        AssertRelative(8.0696e-4, y[2], 1e-4);
        var o = Compiled.Observables(m, y, p);
        AssertRelative(0.55223, o[m.ObservableIndex("RANKL")], 1e-4);
        AssertRelative(1.8436e4, o[m.ObservableIndex("OPG")], 1e-4);
        AssertRelative(0.040554, o[m.ObservableIndex("pi_act_OCp")], 1e-4);
        AssertRelative(0.18841, o[m.ObservableIndex("RANKL_RANK")], 1e-4);
        AssertRelative(250.0 / 86, o[m.ObservableIndex("PTH")], 1e-15);
        AssertRelative(y[2], o[m.ObservableIndex("TGFb")], 1e-15); // α = 1: TGF-β equals OCa numerically
    }

    [Fact]
    public void ScheinerDeclaredStateIsTheRoundDesignedSteadyState()
    {
        var m = Compiled.Scheiner;
        var p = m.CreateParameterVector();
        var y = m.CreateInitialState(p);
        Assert.Equal([1e-3, 5e-4, 1e-4, 15], y);
        var lookup = Compiled.Lookup(m, p);
        AssertRelative(0.02, lookup("k_form") * y[1], 1e-6);
        AssertRelative(0.02, lookup("k_res") * y[2], 1e-6);
        var o = Compiled.Observables(m, y, p);
        AssertRelative(0.70366, o[m.ObservableIndex("RANKL")], 1e-4);
        AssertRelative(1.6508e4, o[m.ObservableIndex("OPG")], 1e-4);
        AssertRelative(0.040554, o[m.ObservableIndex("pi_act_OCp")], 1e-4);
    }

    [Fact]
    public void KomarovaSteadyStateMatchesPublishedAndClosedForm()
    {
        var m = Compiled.Komarova;
        var p = m.CreateParameterVector();
        var o = Compiled.Observables(m, m.CreateInitialState(p), p);
        AssertRelative(1.060660, o[0], 1e-6);
        AssertRelative(212.1320, o[1], 1e-6);
        AssertRelative(15 * Math.Sqrt(0.005), o[0], 1e-14); // γ = −1: x̄1 = (α1/β1)·√(β2/α2)
        AssertRelative(15 * Math.Sqrt(200), o[1], 1e-14);   // x̄2 = (α1/β1)·√(α2/β2)
        Assert.Equal([o[0], o[1], 100], m.CreateInitialState(p));

        // The default initial state follows the parameters (g11 = 1.1 → x̄1 = 1.15862, x̄2 = 231.724).
        p[m.ParameterVectorIndex("g11")] = 1.1;
        var (x1, x2) = HandWritten.KomarovaSteadyState(Compiled.Lookup(m, p));
        var y = m.CreateInitialState(p);
        AssertRelative(x1, y[0], 1e-14);
        AssertRelative(x2, y[1], 1e-14);
        Assert.All(Compiled.Rhs(m, y, p), d => Assert.True(Math.Abs(d) < 1e-12));
    }

    internal static void AssertLemaireIdentities(CompiledModel m, double[] p, double[] y, double tolerance)
    {
        var v = Compiled.Lookup(m, p);
        var piC = Compiled.Observables(m, y, p)[m.ObservableIndex("pi_C")];
        var dB = v("f0") * v("d_B");
        var rStar = v("D_R") * piC * piC / dB;
        AssertRelative(rStar, y[0], tolerance);
        AssertRelative(dB * rStar / (piC * v("k_B")), y[1], tolerance);
    }

    internal static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}, tolerance {tolerance:E1})");
}
