using OsteoOde.Modeling;
using OsteoOde.Numerics;
using static OsteoOde.Modeling.Tests.SimulationTestModels;

namespace OsteoOde.Modeling.Tests;

/// <summary>What a parameter change recomputes (README "Recomputation rules"): each rule has a test that would fail if it were cached.</summary>
public class RecomputationTests
{
    private static readonly Lazy<Model> Pivonka = new(Pivonka2008TestModel.Build);

    [Fact]
    public void InitialExpressionsAreReEvaluatedFromTheNewParameters()
    {
        var model = Infusion();
        var defaults = ParameterSet.Defaults(model);
        var request = new SimulationRequest(model, 5) { OutputTimes = [0, 5], Solver = Tight };
        var a = Simulation.Run(request).EnsureSuccess();
        var b = Simulation.Run(request with { Parameters = defaults.With("x0", 3) }).EnsureSuccess();
        Assert.Equal(1, a["x"][0]);
        Assert.Equal(3, b["x"][0]);
        Check.Close(3 * Math.Exp(-0.5), b["x"][1], 1e-11);

        // An explicit initial override wins over the initial expression.
        var c = Simulation.Run(request with { Parameters = defaults.With("x0", 3), InitialOverrides = new Dictionary<string, double> { ["x"] = 7 } });
        Assert.Equal(7, c["x"][0]);
        Check.Close(7 * Math.Exp(-0.5), c["x"][1], 1e-11);
    }

    [Fact]
    public void ObservablesTimeColumnsAndDoseAmountsUseTheNewParameters()
    {
        var model = Infusion();
        var set = ParameterSet.Defaults(model).With("k", 0.4).With("age0", 60).With("A", 2).With("u", 0.3);
        var r = Simulation.Run(new SimulationRequest(model, 11) { Parameters = set, OutputTimes = [0, 10, 11], Solver = Tight }).EnsureSuccess();
        for (var i = 0; i < r.RowCount; i++)
        {
            Assert.Equal(0.3 - (0.4 * r["x"][i]), r["net"][i], 15); // overridden input default and new k
            Assert.Equal(60 + (r.Times[i] / 365.25), r["age"][i], 12);
        }

        // x' = 0.3 − 0.4 x, x(0) = 1, bolus A = 2 at t = 10 (right-continuous).
        var eq = 0.3 / 0.4;
        var at10 = eq + ((1 - eq) * Math.Exp(-4)) + 2;
        Check.Close(at10, r["x"][1], 1e-10);
        Check.Close(eq + ((at10 - eq) * Math.Exp(-0.4)), r["x"][2], 1e-10);
    }

    [Fact]
    public void PreEquilibrationIsReSolvedForEveryParameterSetAndOverridesWin()
    {
        var model = Pivonka.Value;
        var defaults = ParameterSet.Defaults(model);
        var raised = defaults.With("P_RANKL", 1e3).With("A_OCa", 0.6);
        var steadyOptions = new SteadyStateOptions();
        var request = new SimulationRequest(model, 50)
        {
            PreEquilibration = steadyOptions,
            OutputTimes = [0, 50],
            Solver = new OdeOptions { Method = "auto", RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-16 },
        };
        var a = Simulation.Run(request).EnsureSuccess();
        var b = Simulation.Run(request with { Parameters = raised }).EnsureSuccess();
        var steadyA = SteadyStateSolver.Solve(model, defaults, steadyOptions);
        var steadyB = SteadyStateSolver.Solve(model, raised, steadyOptions);
        foreach (var name in model.States.Select(s => s.Name))
        {
            Assert.Equal(steadyA[name], a[name][0]);
            Assert.Equal(steadyB[name], b[name][0]);
            // Started at its steady state, the run stays there.
            Check.Close(a[name][0], a[name][1], 1e-8, 0, name);
            Check.Close(b[name][0], b[name][1], 1e-8, 0, name);
        }

        Assert.True(b["OCa"][0] > 1.2 * a["OCa"][0], "more RANKL and less apoptosis raise the osteoclast steady state");
        Assert.True(b.Metadata.PreEquilibration!.IsConverged);

        // An explicit override wins over the pre-equilibrated value; the other states start at the steady state.
        var c = Simulation.Run(request with { Parameters = raised, InitialOverrides = new Dictionary<string, double> { ["OCa"] = 2e-3 } });
        Assert.Equal(2e-3, c["OCa"][0]);
        Assert.Equal(steadyB["OBp"], c["OBp"][0]);
        Assert.Equal(steadyB["OBa"], c["OBa"][0]);
    }

    [Fact]
    public void PreEquilibrationHoldsPureIntegratorsAtTheirInitialOrOverriddenValue()
    {
        var model = PivonkaWithBoneVolume();
        var r = Simulation.Run(new SimulationRequest(model, 10)
        {
            PreEquilibration = new SteadyStateOptions(),
            InitialOverrides = new Dictionary<string, double> { ["vb"] = 11 },
            OutputTimes = [0, 10],
            Solver = new OdeOptions { Method = "rodas5p", RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-16 },
        }).EnsureSuccess();
        Assert.Equal(11, r["vb"][0]);
        var held = Assert.Single(r.Metadata.PreEquilibration!.HeldStates);
        Assert.Equal(11, held.Value);
        // At the cell steady state vb changes linearly at the held state's rate.
        Check.Close(11 + (10 * held.Rate), r["vb"][1], 1e-7);
    }
}
