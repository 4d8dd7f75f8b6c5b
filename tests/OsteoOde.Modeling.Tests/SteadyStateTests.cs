using OsteoOde.Modeling;
using OsteoOde.Numerics;
using static OsteoOde.Modeling.Tests.SimulationTestModels;

namespace OsteoOde.Modeling.Tests;

public class SteadyStateTests
{
    private static readonly Lazy<Model> Pivonka = new(Pivonka2008TestModel.Build);

    /// <summary>Published steady state of the Pivonka 2008 set (model-reference §2.3 and test table; 5 significant digits).</summary>
    private static readonly (string Name, double Value)[] Published =
        [("OBp", 6.1964e-4), ("OBa", 5.5839e-4), ("OCa", 8.0696e-4)];

    /// <summary>Independent reference: the steady state reached by a long, tight explicit integration (relaxation time ~ weeks).</summary>
    private static readonly Lazy<double[]> IntegratedReference = new(() =>
    {
        var r = Simulation.Run(new SimulationRequest(Pivonka.Value, 4000)
        {
            OutputTimes = [4000],
            Solver = new OdeOptions { Method = "dop853", RelativeTolerance = 1e-13, AbsoluteTolerance = 1e-20 },
        }).EnsureSuccess();
        return [r["OBp"][0], r["OBa"][0], r["OCa"][0]];
    });

    [Theory]
    [InlineData(1.5, 0.7, 2.0)]
    [InlineData(0.5, 1.3, 0.4)]
    [InlineData(3.0, 3.0, 3.0)]
    [InlineData(0.1, 0.1, 0.1)]
    public void PivonkaSteadyStateFromPerturbedStarts(double fObp, double fOba, double fOca)
    {
        var model = Pivonka.Value;
        var start = new Dictionary<string, double>
        {
            ["OBp"] = 6.1964e-4 * fObp,
            ["OBa"] = 5.5839e-4 * fOba,
            ["OCa"] = 8.0696e-4 * fOca,
        };
        var s = SteadyStateSolver.Solve(model, start: start);
        Assert.True(s.IsConverged, s.Message);
        Assert.True(s.ResidualNorm <= 1, s.Message);
        Assert.Empty(s.HeldStates);
        // Newton from moderate perturbations; from 10× too low the chain falls back to integration and polishing.
        Assert.Contains(s.Method, fObp >= 0.5 ? [SteadyStateMethod.Newton, SteadyStateMethod.DampedNewton] : new[] { SteadyStateMethod.Integration });
        foreach (var (name, value) in Published)
        {
            Check.Close(value, s[name], 1e-4, 0, $"{name} against the published value");
        }

        var reference = IntegratedReference.Value;
        for (var i = 0; i < 3; i++)
        {
            Check.Close(reference[i], s.State[i], 1e-8, 0, $"{s.StateNames[i]} against the integrated steady state");
        }

        // The derived quantities of the published table at this steady state.
        var c = CompiledModel.GetOrCompile(model);
        var obs = new double[c.ObservableCount];
        c.Observables(0, s.ToArray(), c.CreateParameterVector(), obs);
        Check.Close(0.55223, obs[c.ObservableIndex("RANKL")], 1e-4, 0, "RANKL");
        Check.Close(1.8436e4, obs[c.ObservableIndex("OPG")], 1e-4, 0, "OPG");
        Check.Close(0.040554, obs[c.ObservableIndex("pi_act_OCp")], 1e-4, 0, "pi_act_OCp");
    }

    [Fact]
    public void PureIntegratorsAreHeldAndReportedWithTheirRates()
    {
        var model = PivonkaWithBoneVolume();
        var c = CompiledModel.GetOrCompile(model);
        Assert.Equal([c.StateIndex("vb")], c.UnreadStateIndices);
        var s = SteadyStateSolver.Solve(model, start: new Dictionary<string, double> { ["vb"] = 12.5, ["OCa"] = 2e-3 });
        Assert.True(s.IsConverged, s.Message);
        var held = Assert.Single(s.HeldStates);
        Assert.Equal("vb", held.Name);
        Assert.Equal(12.5, held.Value);
        Assert.Equal(12.5, s["vb"]);
        Check.Close((40 * s["OBa"]) - (200 * s["OCa"]), held.Rate, 1e-12);
        var reference = IntegratedReference.Value;
        Check.Close(reference[0], s["OBp"], 1e-8);
        Check.Close(reference[2], s["OCa"], 1e-8);
    }

    [Fact]
    public void DampedNewtonConvergesWhereNewtonDiverges()
    {
        // f(x) = −(x − 3)/sqrt(1 + (x − 3)²): full Newton steps map d = x − 3 to −d³ and diverge for |d| > 1.
        var b = new ModelBuilder("damped");
        var x = b.State("x", "1", 6, "x", nonNegative: false);
        var d = x - 3;
        b.AddRate(x, "pull", -d / Expr.Sqrt(1 + (d * d)) * Expr.Quantity(1, "1/day"));
        var s = SteadyStateSolver.Solve(b.Build(), options: new SteadyStateOptions { AllowIntegration = false });
        Assert.True(s.IsConverged, s.Message);
        Assert.Equal(SteadyStateMethod.DampedNewton, s.Method);
        Check.Close(3, s["x"], 1e-10);
    }

    [Fact]
    public void SingularJacobianFallsBackToIntegration()
    {
        // x' = y − x, y' = x − y conserves x + y: J is singular everywhere; the steady state on x + y = 1 is (0.5, 0.5).
        var b = new ModelBuilder("exchange");
        var x = b.State("x", "1", 1, "x");
        var y = b.State("y", "1", 0, "y");
        var k = Expr.Quantity(1, "1/day");
        b.AddRate(x, "exchange", (y - x) * k);
        b.AddRate(y, "exchange", (x - y) * k);
        var s = SteadyStateSolver.Solve(b.Build());
        Assert.True(s.IsConverged, s.Message);
        Assert.Equal(SteadyStateMethod.Integration, s.Method);
        Assert.Contains("singular", s.Message, StringComparison.Ordinal);
        Check.Close(0.5, s["x"], 1e-8);
        Check.Close(0.5, s["y"], 1e-8);

        var noFallback = SteadyStateSolver.Solve(b.Build(), options: new SteadyStateOptions { AllowIntegration = false });
        Assert.Equal(SteadyStateStatus.NotConverged, noFallback.Status);
        Assert.StartsWith("No steady state found (Newton: singular Jacobian (pivot of state 'y'", noFallback.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSteadyStateIsAStatusNotAnException()
    {
        // x' = 1 + x² has no root; integrating it blows up at t = π/2.
        var b = new ModelBuilder("no_root");
        var x = b.State("x", "1", 0, "x", nonNegative: false);
        b.AddRate(x, "growth", (1 + (x * x)) * Expr.Quantity(1, "1/day"));
        var s = SteadyStateSolver.Solve(b.Build());
        Assert.False(s.IsConverged);
        Assert.Equal(SteadyStateStatus.Failed, s.Status);
        Assert.StartsWith("Newton failed and integrating towards the steady state failed after 1 time units:", s.Message, StringComparison.Ordinal);
        Assert.Throws<SimulationFailedException>(() => s.EnsureSuccess());

        // As a pre-equilibration, the simulation reports the failure as its status and integrates nothing.
        var r = Simulation.Run(new SimulationRequest(b.Build(), 1) { PreEquilibration = new SteadyStateOptions() });
        Assert.Equal(SimulationStatus.PreEquilibrationFailed, r.Status);
        Assert.Equal(0, r.RowCount);
        Assert.StartsWith("Pre-equilibration failed, nothing was integrated: Newton failed", r.Message, StringComparison.Ordinal);
        Assert.NotNull(r.Metadata.PreEquilibration);
    }

    [Fact]
    public void BadSteadyStateArgumentsThrow()
    {
        var model = Pivonka.Value;
        Assert.StartsWith("RelativeTolerance must be a positive finite number (got 0).",
            Assert.Throws<ArgumentException>(() => SteadyStateSolver.Solve(model, options: new SteadyStateOptions { RelativeTolerance = 0 })).Message,
            StringComparison.Ordinal);
        Assert.StartsWith("Unknown method 'lsoda'.",
            Assert.Throws<ArgumentException>(() => SteadyStateSolver.Solve(model, options: new SteadyStateOptions { IntegrationMethod = "lsoda" })).Message,
            StringComparison.Ordinal);
        Assert.StartsWith("Model 'pivonka2008_test' has no state named 'OCp'. Did you mean: OBp, OCa?",
            Assert.Throws<ArgumentException>(() => SteadyStateSolver.Solve(model, start: new Dictionary<string, double> { ["OCp"] = 1 })).Message,
            StringComparison.Ordinal);
    }
}
