using System.Globalization;
using OsteoOde.Modeling;
using OsteoOde.Numerics;
using static OsteoOde.Modeling.Tests.SimulationTestModels;

namespace OsteoOde.Modeling.Tests;

public class SimulationTests
{
    private static readonly Lazy<Model> InfusionModel = new(Infusion);

    /// <summary>x' = u − k x with u = U on (from, until], x(0) = x0, bolus A at 10 and 20 (right-continuous), in closed form piece by piece.</summary>
    private static double InfusionExact(double t, double x0, double k, double u, double a, double from = 20, double until = 80)
    {
        double[] doses = [10, 20];
        var breaks = new SortedSet<double>(doses) { from, until }.Where(b => b <= t).ToList();
        var pending = new List<double>(breaks);
        var x = x0;
        var now = 0.0;
        foreach (var b in breaks.Append(t))
        {
            var mid = 0.5 * (now + b);
            var uu = mid > from && mid <= until ? u : 0;
            var decay = Math.Exp(-k * (b - now));
            x = (x * decay) + (uu / k * (1 - decay));
            now = b;
            if (doses.Contains(b) && pending.Remove(b))
            {
                x += a; // a break equal to t is visited twice (as a break and as the end): dose once
            }
        }

        return x;
    }

    [Fact]
    public void InputWindowMatchesClosedFormAndSwitchesExactly()
    {
        var model = InfusionModel.Value;
        var times = Enumerable.Range(0, 401).Select(i => i * 0.25).ToArray();
        var request = new SimulationRequest(model, 100)
        {
            InputSwitches = [new InputSwitch("u", 2, 20, 80)],
            OutputTimes = times,
            Solver = Tight,
        };
        var result = Simulation.Run(request).EnsureSuccess();
        Assert.Equal(times, result.Times);
        var x = result["x"];
        for (var i = 0; i < times.Length; i++)
        {
            Check.Close(InfusionExact(times[i], 1, 0.1, 2, 0.5), x[i], 1e-8, 0, $"x({times[i]})");
        }

        // The switch times are landed on exactly (step ends) and logged at exactly those times.
        var free = Simulation.Run(request with { OutputTimes = null }).EnsureSuccess();
        Assert.Contains(20.0, free.Times);
        Assert.Contains(80.0, free.Times);
        Assert.Contains(free.Events, e => e.Name == "switch on: u = 2 for 20 < t <= 80" && e.Time == 20);
        Assert.Contains(free.Events, e => e.Name == "switch off: u = 2 for 20 < t <= 80" && e.Time == 80);
        for (var i = 0; i < free.RowCount; i++)
        {
            Check.Close(InfusionExact(free.Times[i], 1, 0.1, 2, 0.5), free["x"][i], 1e-8, 0, $"x({free.Times[i]})");
        }
    }

    [Fact]
    public void ObservablesSeeLeftContinuousInputsWhileStatesAreContinuous()
    {
        var model = InfusionModel.Value;
        var request = new SimulationRequest(model, 100)
        {
            InputSwitches = [new InputSwitch("u", 2, 20, 80)],
            OutputTimes = [19.5, 20, 20.5, 79.5, 80, 80.5],
            Solver = Tight,
        };
        var r = Simulation.Run(request).EnsureSuccess();
        var x = r["x"];
        var net = r["net"];
        double[] u = [0, 0, 2, 2, 2, 0];
        for (var i = 0; i < r.RowCount; i++)
        {
            Assert.Equal(u[i] - (0.1 * x[i]), net[i], 15);
            Assert.Equal(2 * x[i], r["x_double"][i]);
        }

        // The state is continuous at the switch: its value at 20 is the limit from both sides.
        Check.Close(InfusionExact(20, 1, 0.1, 2, 0.5), x[1], 1e-10);
        var schedule = InputSchedule.Create(model, request.InputSwitches);
        Assert.Equal(0, schedule.ValueAt("u", 20));
        Assert.Equal(2, schedule.ValueAt("u", 20.000000000000004));
        Assert.Equal(2, schedule.ValueAt("u", 80));
        Assert.Equal(0, schedule.ValueAt("u", 80.00000000000001));
    }

    [Fact]
    public void SeveralWindowsPerInputAndOpenEndedWindows()
    {
        var model = InfusionModel.Value;
        var request = new SimulationRequest(model, 100)
        {
            InputSwitches = [new InputSwitch("u", 3, 50, 70), new InputSwitch("u", 1, 30, 50), InputSwitch.Parse("u = 0.5 for t > 90")],
            OutputTimes = [29, 40, 50, 60, 70, 80, 90, 95, 100],
            Solver = Tight,
        };
        var r = Simulation.Run(request).EnsureSuccess();
        Assert.Equal(["u = 1 for 30 < t <= 50", "u = 3 for 50 < t <= 70", "u = 0.5 for t > 90"], r.Metadata.InputSwitches.Select(s => s.ToString()));

        // Independent piecewise closed form with the two doses.
        double Exact(double t)
        {
            (double From, double To, double U)[] pieces = [(0, 10, 0), (10, 20, 0), (20, 30, 0), (30, 50, 1), (50, 70, 3), (70, 90, 0), (90, 100, 0.5)];
            var xv = 1.0;
            foreach (var (from, to, uu) in pieces)
            {
                if (from >= t)
                {
                    break;
                }

                if (from is 10 or 20)
                {
                    xv += 0.5;
                }

                var end = Math.Min(to, t);
                var decay = Math.Exp(-0.1 * (end - from));
                xv = (xv * decay) + (uu / 0.1 * (1 - decay));
            }

            return xv;
        }

        for (var i = 0; i < r.RowCount; i++)
        {
            Check.Close(Exact(r.Times[i]), r["x"][i], 1e-8, 0, $"x({r.Times[i]})");
        }

        double[] expectedU = [0, 1, 1, 3, 3, 0, 0, 0.5, 0.5];
        for (var i = 0; i < r.RowCount; i++)
        {
            Assert.Equal(expectedU[i] - (0.1 * r["x"][i]), r["net"][i], 14);
        }
    }

    [Fact]
    public void OverlappingOrInvalidSwitchesAreRejectedWithBothNamed()
    {
        var model = InfusionModel.Value;
        var overlap = Assert.Throws<ArgumentException>(() => Simulation.Run(new SimulationRequest(model, 100)
        {
            InputSwitches = [new InputSwitch("u", 2, 20, 80), new InputSwitch("u", 1, 50)],
        }));
        Assert.StartsWith("Input switches overlap for 'u': 'u = 2 for 20 < t <= 80' and 'u = 1 for t > 50'; windows of one input may touch but not overlap.",
            overlap.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<ArgumentException>(() => InputSchedule.Create(model, [new InputSwitch("U", 2, 20, 80)]));
        Assert.StartsWith("Input switch 'U = 2 for 20 < t <= 80': model 'infusion' has no input named 'U'. Did you mean: u?", unknown.Message, StringComparison.Ordinal);

        var empty = Assert.Throws<ArgumentException>(() => InputSchedule.Create(model, [new InputSwitch("u", 2, 20, 20)]));
        Assert.Contains("finite end greater than the start", empty.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => InputSchedule.Create(model, [new InputSwitch("u", double.NaN, 20, 30)]));
        Assert.Throws<ArgumentException>(() => InputSchedule.Create(model, [new InputSwitch("u", 1, -1, 30)]));
        var syntax = Assert.Throws<ArgumentException>(() => InputSwitch.Parse("u = 2 during 20..80"));
        Assert.StartsWith("Cannot read the input switch 'u = 2 during 20..80'", syntax.Message, StringComparison.Ordinal);

        // Touching windows are fine: one ends exactly where the next starts.
        InputSchedule.Create(model, [new InputSwitch("u", 2, 20, 80), new InputSwitch("u", 1, 80, 90)]);
        Assert.Equal(new InputSwitch("u", 2, 20, 80), InputSwitch.Parse("u = 2 for 20 < t ≤ 80"));
        Assert.Equal(new InputSwitch("u", 1e-3, 0.5), InputSwitch.Parse("  u=1e-3 for t>0.5 "));
    }

    [Fact]
    public void ModelAndRequestDosesMatchClosedFormAndAreRightContinuous()
    {
        var model = InfusionModel.Value;
        var parameters = ParameterSet.Defaults(model).With("A", 0.8);
        var times = new[] { 0, 5, 10, 15, 20, 25, 30, 35, 40 }.Select(v => (double)v).ToArray();
        var r = Simulation.Run(new SimulationRequest(model, 40)
        {
            Parameters = parameters,
            Doses = [new Dose("x", 1.5, 30)],
            OutputTimes = times,
            Solver = Tight,
        }).EnsureSuccess();

        double Exact(double t)
        {
            var v = Math.Exp(-0.1 * t);
            foreach (var (time, amount) in new[] { (10.0, 0.8), (20.0, 0.8), (30.0, 1.5) })
            {
                if (time <= t)
                {
                    v += amount * Math.Exp(-0.1 * (t - time));
                }
            }

            return v;
        }

        for (var i = 0; i < times.Length; i++)
        {
            Check.Close(Exact(times[i]), r["x"][i], 1e-10, 0, $"x({times[i]})");
        }

        Assert.Equal([10.0, 20.0, 30.0], r.Events.Select(e => e.Time));
        Assert.Equal(["bolus", "bolus", "dose x"], r.Events.Select(e => e.Name));
    }

    [Fact]
    public void OutputTimesAreReportedBitExactly()
    {
        var model = InfusionModel.Value;
        double[] times = [0, 0.1, 1.0 / 3, Math.PI, 10, 10.000000000000002, 20, 99.99999999999999, 100];
        var r = Simulation.Run(new SimulationRequest(model, 100) { OutputTimes = times }).EnsureSuccess();
        Assert.Equal(times.Length, r.RowCount);
        for (var i = 0; i < times.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(times[i]), BitConverter.DoubleToInt64Bits(r.Times[i]));
        }
    }

    [Fact]
    public void ColumnsAreTimeTimeColumnsStatesObservablesWithUnits()
    {
        var model = InfusionModel.Value;
        var r = Simulation.Run(new SimulationRequest(model, 730.5) { OutputTimes = [0, 365.25, 730.5] }).EnsureSuccess();
        Assert.Equal(["t", "age", "x", "net", "x_double"], r.ColumnNames);
        Assert.Equal([25.0, 26.0, 27.0], r["age"]);
        Assert.Equal("year", r.Column("age").Unit.ToString());
        Assert.Equal(ColumnKind.TimeColumn, r.Column("age").Kind);
        Assert.Equal("pM", r.Column("x").Unit.ToString());
        Assert.Equal("pM/day", r.Column("net").Unit.ToString());
        Assert.Equal("day", r.Column("t").Unit.ToString());
        var ex = Assert.Throws<ArgumentException>(() => r.Column("X"));
        Assert.StartsWith("No column named 'X'. Did you mean: x?", ex.Message, StringComparison.Ordinal);

        var noObservables = Simulation.Run(new SimulationRequest(model, 10) { IncludeObservables = false, OutputTimes = [0, 10] });
        Assert.Equal(["t", "age", "x"], noObservables.ColumnNames);

        // The time column is an ordinary assignment too, and may not depend on states.
        var b = new ModelBuilder("bad_time_column");
        var y = b.State("y", "1", 1, "y");
        b.TimeColumn("age", Expr.Time / Expr.Quantity(365.25, "day/year") + y * Expr.Quantity(1, "year"), "age", "year");
        b.AddRate(y, "loss", -y * Expr.Quantity(1, "1/day"));
        var invalid = Assert.Throws<ModelValidationException>(b.Build);
        Assert.Contains("Time column 'age' depends on the state 'y'; time columns may use the time t, parameters and inputs only (declare it with Observable instead).",
            invalid.Problems);
    }

    [Fact]
    public void CsvHasHeaderInvariantRoundTripNumbers()
    {
        var model = InfusionModel.Value;
        var r = Simulation.Run(new SimulationRequest(model, 50)
        {
            InputSwitches = [new InputSwitch("u", 2, 20, 80)],
            OutputTimes = [0, 1.0 / 3, 12.5, 50],
        }).EnsureSuccess();
        var csv = r.ToCsv();
        var lines = csv.Split('\n');
        Assert.Equal("t,age,x,net,x_double", lines[0]);
        Assert.Equal(r.RowCount + 2, lines.Length); // header, rows, empty after the final newline
        Assert.Equal("", lines[^1]);
        for (var row = 0; row < r.RowCount; row++)
        {
            var cells = lines[row + 1].Split(',');
            Assert.Equal(r.Columns.Count, cells.Length);
            for (var c = 0; c < cells.Length; c++)
            {
                var parsed = double.Parse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture);
                Assert.Equal(BitConverter.DoubleToInt64Bits(r.Columns[c].Values[row]), BitConverter.DoubleToInt64Bits(parsed));
            }
        }

        Assert.StartsWith("0.3333333333333333," + (25 + (1.0 / 3 / 365.25)).ToString("R", CultureInfo.InvariantCulture) + ",", lines[2],
            StringComparison.Ordinal);
    }

    [Fact]
    public void BadRequestsThrowNamingTheItemAndTheChoices()
    {
        var model = InfusionModel.Value;
        var baseRequest = new SimulationRequest(model, 100);
        string Message(SimulationRequest request) => Assert.Throws<ArgumentException>(() => Simulation.Run(request)).Message;

        Assert.StartsWith("Model 'infusion' has no state named 'X'. Did you mean: x?",
            Message(baseRequest with { InitialOverrides = new Dictionary<string, double> { ["X"] = 1 } }), StringComparison.Ordinal);
        Assert.StartsWith("The initial value of 'x' must be a finite number in pM (got NaN).",
            Message(baseRequest with { InitialOverrides = new Dictionary<string, double> { ["x"] = double.NaN } }), StringComparison.Ordinal);
        Assert.StartsWith("OutputTimes[1] = 101 lies outside [0, 100] (the simulated interval).",
            Message(baseRequest with { OutputTimes = [0, 101] }), StringComparison.Ordinal);
        Assert.StartsWith("OutputTimes[1] = NaN lies outside [0, 100] (the simulated interval).",
            Message(baseRequest with { OutputTimes = [0, double.NaN] }), StringComparison.Ordinal);
        Assert.StartsWith("OutputTimes must be strictly increasing: OutputTimes[2] = 1 follows 1.",
            Message(baseRequest with { OutputTimes = [0, 1, 1] }), StringComparison.Ordinal);
        Assert.StartsWith("EndTime must be a positive finite number (got -1); simulations run from t = 0.",
            Message(baseRequest with { EndTime = -1 }), StringComparison.Ordinal);
        Assert.StartsWith("Model 'infusion' has no state named 'y'. Did you mean: x?",
            Message(baseRequest with { Doses = [new Dose("y", 1, 5)] }), StringComparison.Ordinal);
        Assert.StartsWith("Dose 'dose x' of Infinity pM at t = 5: the amount must be finite and the time finite and >= 0.",
            Message(baseRequest with { Doses = [new Dose("x", double.PositiveInfinity, 5)] }), StringComparison.Ordinal);
        Assert.StartsWith("Set output times on SimulationRequest.OutputTimes",
            Message(baseRequest with { Solver = new OdeOptions { OutputTimes = [1] } }), StringComparison.Ordinal);
        Assert.StartsWith("Unknown method 'rk45'. Valid methods: dopri5, tsit5, dop853",
            Message(baseRequest with { Solver = new OdeOptions { Method = "rk45" } }), StringComparison.Ordinal);

        // An initial expression that evaluates to a non-finite value for the given parameters is bad input, found before any run.
        var b = new ModelBuilder("singular_initial");
        var k = b.Parameter("k", 0.4, "1", "shift", Src, 0.1, 1, scale: ParameterScale.Linear);
        var y = b.State("y", "1", 1 / (k - 0.5), "level", nonNegative: false);
        b.AddRate(y, "loss", -y * Expr.Quantity(1, "1/day"));
        var singular = b.Build();
        var request = new SimulationRequest(singular, 1) { Parameters = ParameterSet.Defaults(singular).With("k", 0.5) };
        Assert.StartsWith("The initial value of 'y' evaluates to Infinity with these parameters (initial expression '1 / (k - 0.5)')",
            Assert.Throws<ArgumentException>(() => Simulation.RunBatch([new SimulationRequest(singular, 1), request])).Message, StringComparison.Ordinal);

        var other = SimulationTestModels.BlowUp();
        Assert.StartsWith("The parameter set belongs to model 'blowup', which differs from model 'infusion'",
            Message(baseRequest with { Parameters = ParameterSet.Defaults(other) }), StringComparison.Ordinal);
    }

    [Fact]
    public void BlowUpIsAStatusAndABatchContinues()
    {
        var blowUp = SimulationTestModels.BlowUp();
        var failing = new SimulationRequest(blowUp, 2) { Solver = new OdeOptions { Method = "dopri5" } };
        var r = Simulation.Run(failing);
        Assert.False(r.IsSuccess);
        Assert.Contains(r.Status, new[] { SimulationStatus.NonFiniteState, SimulationStatus.StepSizeTooSmall, SimulationStatus.MaxStepsReached });
        Assert.Contains("t = ", r.Message, StringComparison.Ordinal);
        Assert.True(r.RowCount > 0);
        Assert.True(r.Times[^1] < 1.001, $"the run stops near the blow-up at t = 1 (last row at {r.Times[^1]}; {r.Message})");
        var ex = Assert.Throws<SimulationFailedException>(() => r.EnsureSuccess());
        Assert.Equal(r.Status, ex.Status);

        var model = InfusionModel.Value;
        var fine = new SimulationRequest(model, 10) { OutputTimes = [10], Solver = Tight };
        var results = Simulation.RunBatch([fine, failing, fine with { Parameters = ParameterSet.Defaults(model).With("k", 0.2) }, failing with { EndTime = 0.5 }]);
        Assert.Equal(4, results.Count);
        Assert.True(results[0].IsSuccess);
        Assert.False(results[1].IsSuccess);
        Assert.True(results[2].IsSuccess);
        Assert.True(results[3].IsSuccess);
        Check.Close(InfusionExact(10, 1, 0.1, 0, 0.5), results[0]["x"][0], 1e-10);
        Check.Close(InfusionExact(10, 1, 0.2, 0, 0.5), results[2]["x"][0], 1e-10);
        Check.Close(1 / (1 - 0.5), results[3]["x"][^1], 1e-6); // x = 1/(1 − t)

        var parallel = Simulation.RunBatch([fine, failing, fine], maxDegreeOfParallelism: 2);
        Assert.Equal(results[0]["x"][0], parallel[0]["x"][0]);
        Assert.False(parallel[1].IsSuccess);
    }

    [Fact]
    public void ModelIsCompiledOncePerInstanceAndParameterChangesDoNotRecompile()
    {
        var model = Infusion();
        var before = CompiledModel.CompilationCount;
        var first = Simulation.Compile(model);
        Assert.Same(first, Simulation.Compile(model));
        Assert.Same(first, CompiledModel.GetOrCompile(model));
        var set = ParameterSet.Defaults(model);
        for (var k = 1; k <= 5; k++)
        {
            Simulation.Run(new SimulationRequest(model, 10) { Parameters = set.With("k", 0.1 * k), OutputTimes = [10] }).EnsureSuccess();
        }

        // Other tests may compile their own models concurrently; this model added exactly one compilation.
        Assert.Same(first, Simulation.Compile(model));
        Assert.True(CompiledModel.CompilationCount - before >= 1);
    }

    [Fact]
    public void MetadataNamesModelParametersAndSolver()
    {
        var model = InfusionModel.Value;
        var set = ParameterSet.Defaults(model).With("k", 0.25, new Citation("Smith 2020, Table 1")).With("u", 0.5);
        var r = Simulation.Run(new SimulationRequest(model, 10)
        {
            Parameters = set,
            Solver = new OdeOptions { Method = "tsit5", RelativeTolerance = 1e-7, AbsoluteTolerance = 1e-11 },
            InitialOverrides = new Dictionary<string, double> { ["x"] = 3 },
            OutputTimes = [0, 10],
        }).EnsureSuccess();
        var m = r.Metadata;
        Assert.Equal("infusion", m.ModelId);
        Assert.Equal(model.ContentHash, m.ModelHash);
        Assert.Matches("^[0-9a-f]{64}$", m.ModelHash);
        Assert.Equal("tsit5", m.Method);
        Assert.Equal(1e-7, m.RelativeTolerance);
        Assert.Equal(1e-11, m.AbsoluteTolerance);
        Assert.Equal(["k: 0.1 -> 0.25 1/day (source: Smith 2020, Table 1)", "u: 0 -> 0.5 pM/day"], m.ParameterChanges.Select(c => c.ToString()));
        Assert.Equal(3, m.InitialOverrides["x"]);
        Assert.Equal(3, r["x"][0]);
        Assert.True(r.Statistics.AcceptedSteps > 0);
    }
}
