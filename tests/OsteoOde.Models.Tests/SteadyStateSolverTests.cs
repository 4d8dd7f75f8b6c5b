using OsteoOde.Modeling;
using Xunit.Abstractions;
using static OsteoOde.Models.Tests.DeclaredSteadyStateTests;

namespace OsteoOde.Models.Tests;

/// <summary>
/// The published steady states (model-reference §9) found by <see cref="SteadyStateSolver"/> from perturbed starts
/// (every state ×1.3 or ×0.7 alternately), and the §2.8 RANKL-dose table of the Scheiner set.
/// </summary>
public class SteadyStateSolverTests(ITestOutputHelper output)
{
    private static readonly SteadyStateOptions Tight = new() { RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-20 };

    private SteadyStateResult SolveFromPerturbed(Model model, ParameterSet? parameters = null, string[]? skip = null)
    {
        var c = Simulation.Compile(model);
        var p = (parameters ?? ParameterSet.Defaults(model)).ToVector();
        var start = c.CreateInitialState(p);
        for (var i = 0; i < start.Length; i++)
        {
            if (skip?.Contains(c.StateNames[i]) != true)
            {
                start[i] *= i % 2 == 0 ? 1.3 : 0.7;
            }
        }

        var result = SteadyStateSolver.Solve(c, p, start, Tight);
        output.WriteLine($"{model.Id}: {result.Status} by {result.Method} in {result.Iterations} iterations; {string.Join(", ", result.StateNames.Zip(result.State, (n, v) => $"{n} = {v:R}"))}");
        Assert.True(result.IsConverged, result.Message);
        return result;
    }

    [Fact]
    public void LemaireSteadyStateAndIdentities()
    {
        var ss = SolveFromPerturbed(Lemaire2004.Model);
        AssertRelative(7.7344e-4, ss["R"], 1e-4);
        AssertRelative(7.2834e-4, ss["B"], 1e-4);
        AssertRelative(9.1275e-4, ss["C"], 1e-4);
        AssertLemaireIdentities(Compiled.Lemaire, Compiled.Lemaire.CreateParameterVector(), ss.ToArray(), 1e-10);
        var o = Compiled.Observables(Compiled.Lemaire, ss.ToArray(), Compiled.Lemaire.CreateParameterVector());
        AssertRelative(0.19665, o[0], 1e-4);          // π_C
        AssertRelative(250.0 / 86 / 150, o[1], 1e-14); // π_P = P_0/P_s = 0.019380
        AssertRelative(0.059831, o[2], 1e-4);         // π_L = D_A·π_C·C/D_C (model-reference prints 0.05985; see README)
    }

    [Fact]
    public void LemaireIdentitiesHoldForOtherParameterValuesToo()
    {
        var set = ParameterSet.Defaults(Lemaire2004.Model).With("D_R", 1.1e-3).With("k_B", 0.25).With("I_P", 300);
        var ss = SolveFromPerturbed(Lemaire2004.Model, set);
        AssertLemaireIdentities(Compiled.Lemaire, set.ToVector(), ss.ToArray(), 1e-10);
    }

    [Fact]
    public void Pivonka2008SteadyState()
    {
        var ss = SolveFromPerturbed(Pivonka2008.Model);
        AssertRelative(6.1964e-4, ss["OBp"], 1e-4);
        AssertRelative(5.5839e-4, ss["OBa"], 1e-4);
        AssertRelative(8.0696e-4, ss["OCa"], 1e-4);
        var c = Compiled.Pivonka;
        var o = Compiled.Observables(c, ss.ToArray(), c.CreateParameterVector());
        AssertRelative(0.55223, o[c.ObservableIndex("RANKL")], 1e-4);
        AssertRelative(1.8436e4, o[c.ObservableIndex("OPG")], 1e-4);
        AssertRelative(0.040554, o[c.ObservableIndex("pi_act_OCp")], 1e-4);
        AssertRelative(0.69197, ss["OBa"] / ss["OCa"], 1e-4);
    }

    [Fact]
    public void Scheiner2013SteadyStateIsExactlyRound()
    {
        var ss = SolveFromPerturbed(Scheiner2013.Model, skip: ["vb"]);
        AssertRelative(1e-3, ss["OBp"], 1e-6);
        AssertRelative(5e-4, ss["OBa"], 1e-6);
        AssertRelative(1e-4, ss["OCa"], 1e-6);
        AssertRelative(0.02, 40 * ss["OBa"], 1e-6);
        AssertRelative(0.02, 200 * ss["OCa"], 1e-6);
        var vb = Assert.Single(ss.HeldStates);
        Assert.Equal("vb", vb.Name);
        Assert.Equal(15, vb.Value);
        Assert.True(Math.Abs(vb.Rate) < 1e-6 * 0.02, $"dvb/dt = {vb.Rate:E3} %/day at the steady state");
    }

    [Fact]
    public void Komarova2003SteadyState()
    {
        var ss = SolveFromPerturbed(Komarova2003.Model, skip: ["z"]);
        AssertRelative(1.060660, ss["x1"], 1e-6);
        AssertRelative(212.1320, ss["x2"], 1e-6);
        Assert.Equal("z", Assert.Single(ss.HeldStates).Name);
    }

    /// <summary>model-reference §2.8 [COMPUTED]: steady OBa, OCa (pM) and dv_b/dt (% abs/yr) for constant extra RANKL production.</summary>
    [Theory]
    [InlineData(10, 5.102e-4, 1.024e-4, -0.027, -0.18)]
    [InlineData(30, 5.294e-4, 1.070e-4, -0.082, -0.54)]
    [InlineData(50, 5.472e-4, 1.113e-4, -0.136, -0.91)]
    [InlineData(100, 5.868e-4, 1.211e-4, -0.273, -1.82)]
    [InlineData(200, 6.514e-4, 1.377e-4, -0.540, -3.60)]
    [InlineData(500, 7.849e-4, 1.747e-4, -1.290, -8.60)]
    public void ScheinerRanklDoseTable(double pRankl, double oba, double oca, double dvbPerYear, double relativePerYear)
    {
        var set = ParameterSet.Defaults(Scheiner2013.Model).With("P_RANKL", pRankl);
        var ss = SteadyStateSolver.Solve(Scheiner2013.Model, set, Tight);
        Assert.True(ss.IsConverged, ss.Message);
        var rate = Assert.Single(ss.HeldStates).Rate * 365.25; // %/day → %/yr (Julian year)
        var relative = rate / ss["vb"] * 100;
        output.WriteLine($"P_RANKL = {pRankl}: OBa {ss["OBa"]:E4}, OCa {ss["OCa"]:E4}, dvb/dt {rate:F4} %/yr, relative {relative:F3} %/yr at vb = 15 %");
        AssertRelative(oba, ss["OBa"], 0.01);
        AssertRelative(oca, ss["OCa"], 0.01);
        AssertRelative(dvbPerYear, rate, 0.01);
        AssertRelative(relativePerYear, relative, 0.01);
    }
}
