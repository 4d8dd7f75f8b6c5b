using OsteoOde.Modeling;
using OsteoOde.Numerics;
using static OsteoOde.Modeling.Tests.SimulationTestModels;

namespace OsteoOde.Modeling.Tests;

public class NonSmoothTests
{
    private static Expr PerDay(double v) => Expr.Quantity(v, "1/day");

    [Fact]
    public void KinkIsLocatedAsAnEventAndTheSolutionIsExactToTolerance()
    {
        var model = Kink();
        var compiled = CompiledModel.GetOrCompile(model);
        var sw = Assert.Single(compiled.Switches);
        Assert.Equal(SwitchKind.Max, sw.Kind);
        Assert.Equal("switch 0: max(0, y - 1)", sw.Label);

        var times = Enumerable.Range(0, 201).Select(i => i * 0.05).ToArray();
        foreach (var method in new[] { "dop853", "dopri5", "rodas5p", "auto" })
        {
            var r = Simulation.Run(new SimulationRequest(model, 10)
            {
                OutputTimes = times,
                Solver = new OdeOptions { Method = method, RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12 },
            }).EnsureSuccess();
            var crossing = Assert.Single(r.Events);
            Assert.Equal("switch 0: max(0, y - 1)", crossing.Name);
            Assert.True(Math.Abs(crossing.Time - Math.Log(11)) <= 1e-10, $"{method}: crossing at {crossing.Time:R}, exact {Math.Log(11):R}");
            for (var i = 0; i < times.Length; i++)
            {
                Check.Close(KinkExact(times[i]), r["y"][i], 0, 1e-8, $"{method}: y({times[i]})");
            }
        }
    }

    [Fact]
    public void ModesAreFrozenWithinStepsSoStepsAreNotWastedOnTheKink()
    {
        // The same kink integrated through the raw max() (no modes, no events): the error controller has to shrink the step
        // around the kink and the error there is still larger. With modes the step simply ends at the located crossing.
        var model = Kink();
        var compiled = CompiledModel.GetOrCompile(model);
        var p = compiled.CreateParameterVector();
        var options = new OdeOptions { Method = "dop853", RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12, OutputTimes = [10] };
        var raw = OdeSolver.Default.Solve(new OdeProblem(compiled.CreateOdeFunction(p), 0, [2.0], 10), options);
        var moded = Simulation.Run(new SimulationRequest(model, 10) { OutputTimes = [10], Solver = options with { OutputTimes = null } });
        Assert.True(moded.Statistics.RejectedSteps < raw.Statistics.RejectedSteps,
            $"rejected steps with modes {moded.Statistics.RejectedSteps}, raw {raw.Statistics.RejectedSteps}");
        Check.Close(KinkExact(10), moded["y"][0], 0, 1e-9);
    }

    [Fact]
    public void DiscontinuousPiecewiseWithAStateConditionSwitchesExactly()
    {
        // x' = 2 while x < 1, else 0.5; x(0) = 0: x = 2t until t = 0.5, then 1 + 0.5 (t − 0.5).
        var b = new ModelBuilder("piecewise_state");
        var x = b.State("x", "1", 0, "level");
        b.AddRate(x, "drive", Expr.Piecewise((x < 1, PerDay(2)), PerDay(0.5)));
        var model = b.Build();
        Assert.Equal(SwitchKind.Less, Assert.Single(CompiledModel.GetOrCompile(model).Switches).Kind);
        var times = Enumerable.Range(0, 41).Select(i => i * 0.05).ToArray();
        var r = Simulation.Run(new SimulationRequest(model, 2) { OutputTimes = times, Solver = Tight }).EnsureSuccess();
        for (var i = 0; i < times.Length; i++)
        {
            var t = times[i];
            Check.Close(t <= 0.5 ? 2 * t : 1 + (0.5 * (t - 0.5)), r["x"][i], 0, 1e-11, $"x({t})");
        }

        Assert.True(Math.Abs(Assert.Single(r.Events).Time - 0.5) <= 1e-12);
    }

    [Fact]
    public void TimeKinksAndAbsoluteValuesAreExact()
    {
        // x' = |t − 3|, x(0) = 0: x = 3t − t²/2 for t ≤ 3, then 4.5 + (t − 3)²/2; z' = min(t, 2) (a time kink inside min).
        var b = new ModelBuilder("time_kinks");
        var x = b.State("x", "day", 0, "integral of |t − 3|");
        var z = b.State("z", "day", 0, "integral of min(t, 2)");
        b.AddRate(x, "abs", Expr.Abs(Expr.Time - Expr.Quantity(3, "day")) * PerDay(1));
        b.AddRate(z, "min", Expr.Min(Expr.Time, Expr.Quantity(2, "day")) * PerDay(1));
        var model = b.Build();
        Assert.Equal([SwitchKind.Abs, SwitchKind.Min], CompiledModel.GetOrCompile(model).Switches.Select(s => s.Kind));
        var times = Enumerable.Range(0, 61).Select(i => i * 0.1).ToArray();
        var r = Simulation.Run(new SimulationRequest(model, 6) { OutputTimes = times, Solver = Tight }).EnsureSuccess();
        for (var i = 0; i < times.Length; i++)
        {
            var t = times[i];
            Check.Close(t <= 3 ? (3 * t) - (t * t / 2) : 4.5 + ((t - 3) * (t - 3) / 2), r["x"][i], 0, 1e-11, $"x({t})");
            Check.Close(t <= 2 ? t * t / 2 : 2 + (2 * (t - 2)), r["z"][i], 0, 1e-11, $"z({t})");
        }

        Assert.Equal(2, r.Events.Count);
        Assert.True(Math.Abs(r.Events[0].Time - 2) <= 1e-11);
        Assert.True(Math.Abs(r.Events[1].Time - 3) <= 1e-11);
    }

    [Fact]
    public void JacobianOfTheSwitchedSystemIsConsistentWithTheFrozenMode()
    {
        // f = [−max(0, y1 − y2²)·y1, min(y1, 2 y2) − |y2 − 0.3|·y1]: compare the switched Jacobian with central differences of
        // the switched right-hand side for every combination of modes, at points on both sides of the switching surfaces.
        var b = new ModelBuilder("jacobian_modes");
        var y1 = b.State("y1", "1", 1, "first", nonNegative: false);
        var y2 = b.State("y2", "1", 1, "second", nonNegative: false);
        b.AddRate(y1, "a", -Expr.Max(0, y1 - (y2 * y2)) * y1 * PerDay(1));
        b.AddRate(y2, "b", (Expr.Min(y1, 2 * y2) - (Expr.Abs(y2 - 0.3) * y1)) * PerDay(1));
        var compiled = CompiledModel.GetOrCompile(b.Build());
        var system = compiled.Switching;
        Assert.Equal(3, system.Switches.Count);
        var p = new double[system.ExtendedLength];
        var jac = new double[4];
        var fPlus = new double[2];
        var fMinus = new double[2];
        var rng = new Random(11);
        for (var trial = 0; trial < 40; trial++)
        {
            var y = new[] { -1 + (3 * rng.NextDouble()), -1 + (2 * rng.NextDouble()) };
            for (var modes = 0; modes < 8; modes++)
            {
                for (var k = 0; k < 3; k++)
                {
                    p[system.ModeOffset + k] = (modes >> k) & 1;
                }

                system.Jacobian(0, y, p, jac);
                for (var j = 0; j < 2; j++)
                {
                    const double h = 1e-6;
                    var yp = (double[])y.Clone();
                    var ym = (double[])y.Clone();
                    yp[j] += h;
                    ym[j] -= h;
                    system.Rhs(0, yp, p, fPlus);
                    system.Rhs(0, ym, p, fMinus);
                    for (var i = 0; i < 2; i++)
                    {
                        Check.Close((fPlus[i] - fMinus[i]) / (2 * h), jac[(i * 2) + j], 1e-7, 1e-8, $"J[{i},{j}] modes {modes} at ({y[0]}, {y[1]})");
                    }
                }
            }

            // With modes set from the state, the switched right-hand side equals the raw one.
            var controller = new ModeController(system, p, 2);
            controller.Initialise(0, y);
            var raw = new double[2];
            compiled.Rhs(0, y, compiled.CreateParameterVector(), raw);
            system.Rhs(0, y, p, fPlus);
            Assert.Equal(raw, fPlus);
        }
    }

    [Fact]
    public void SimulationAllocatesNothingPerStepWithModesAndSwitches()
    {
        // Same number of output rows, 100× longer run: allocation must not grow with the number of steps.
        var b = new ModelBuilder("oscillating_kinks");
        var x = b.State("x", "1", 1, "position", nonNegative: false);
        var v = b.State("v", "1", 0, "velocity", nonNegative: false);
        var u = b.Input("u", "1", 0, "forcing");
        b.AddRate(x, "v", v * PerDay(1));
        b.AddRate(v, "spring", (-x - (0.1 * Expr.Max(0, x - 0.5)) + u) * PerDay(1));
        var model = b.Build();
        Allocated(10);
        var shortRun = Allocated(10);
        var longRun = Allocated(1000);
        Assert.True(longRun - shortRun < 20_000, $"short run {shortRun} B, long run {longRun} B");

        long Allocated(double end)
        {
            var request = new SimulationRequest(model, end)
            {
                OutputTimes = [.. Enumerable.Range(0, 11).Select(i => i * end / 10)],
                InputSwitches = [new InputSwitch("u", 0.2, end / 4, end / 2)],
                Solver = new OdeOptions { Method = "dopri5", DenseOutput = false },
                IncludeObservables = false,
            };
            var before = GC.GetAllocatedBytesForCurrentThread();
            var r = Simulation.Run(request).EnsureSuccess();
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(r.Statistics.AcceptedSteps > (end > 100 ? 1000 : 10));
            return bytes - (r.Events.Count * 64L); // the event log grows with crossings, not steps
        }
    }

    [Fact]
    public void DosesAcrossASwitchingSurfaceResetTheMode()
    {
        // x' = −max(0, x − 1)·k − 0.05 per day, x(0) = 0.5; a dose of 1 at t = 2 jumps x across 1 (not a crossing): the
        // mode must follow the new state or x would drain at the slow rate only.
        var b = new ModelBuilder("dose_switch");
        var x = b.State("x", "1", 0.5, "level", nonNegative: false);
        b.AddRate(x, "relax", -Expr.Max(0, x - 1) * PerDay(1));
        b.AddRate(x, "drain", -PerDay(0.05));
        var model = b.Build();
        var r = Simulation.Run(new SimulationRequest(model, 6) { Doses = [new Dose("x", 1, 2)], OutputTimes = [1, 2, 3, 6], Solver = Tight })
            .EnsureSuccess();
        // Before the dose x = 0.5 − 0.05 t; after it x(2) = 1.4 and z = x − 1 obeys z' = −z − 0.05, so
        // z = 0.45 e^−(t−2) − 0.05 until z = 0 at t* = 2 + ln 9, then x = 1 − 0.05 (t − t*).
        Check.Close(0.45, r["x"][0], 0, 1e-12);
        Check.Close(1.4, r["x"][1], 0, 1e-12);
        Check.Close(1 + (0.45 * Math.Exp(-1)) - 0.05, r["x"][2], 0, 1e-10);
        var tStar = 2 + Math.Log(9);
        Check.Close(1 - (0.05 * (6 - tStar)), r["x"][3], 0, 1e-10);
        Assert.Contains(r.Events, e => e.Name.StartsWith("switch 0", StringComparison.Ordinal) && Math.Abs(e.Time - tStar) < 1e-10);
    }
}
