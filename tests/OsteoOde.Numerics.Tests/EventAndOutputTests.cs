using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Numerics.Tests;

/// <summary>Timed actions, stop times, state events and output times of the driver, against analytic solutions.</summary>
public class EventAndOutputTests
{
    public static TheoryData<string> Methods() => ExplicitTableauTests.ExplicitMethodNames();

    private static OdeOptions Tight(string method) => new()
    {
        Method = method,
        RelativeTolerance = 1e-11,
        AbsoluteTolerance = 1e-13,
    };

    /// <summary>One-compartment elimination y' = −k y with bolus doses D at the dose times: y(t) = Σ_(t_i ≤ t) D e^(−k(t − t_i)).</summary>
    private static double Doses(double t, double k, double dose, double[] doseTimes, bool includeAtT = true)
    {
        var y = 0.0;
        foreach (var td in doseTimes)
        {
            if (td < t || (includeAtT && td == t))
            {
                y += dose * Math.Exp(-k * (t - td));
            }
        }

        return y;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Bolus_doses_match_the_analytic_superposition_and_output_is_right_continuous(string method)
    {
        const double k = 0.173;
        const double dose = 100;
        double[] doseTimes = [0, 12, 24, 36];
        var problem = new OdeProblem((t, y, dy) => dy[0] = -k * y[0], 0, [0.0], 48)
        {
            TimedActions = [.. doseTimes.Select(td => new TimedAction(td, "dose", (t, y) => y[0] += dose))],
        };
        var outputTimes = Enumerable.Range(0, 97).Select(i => i * 0.5).ToArray();
        var result = OdeSolver.Default.Solve(problem, Tight(method) with { OutputTimes = outputTimes });

        Assert.Equal(OdeStatus.Success, result.Status);
        Assert.Equal(outputTimes, result.Times);
        for (var i = 0; i < outputTimes.Length; i++)
        {
            var exact = Doses(outputTimes[i], k, dose, doseTimes);
            Assert.True(Math.Abs(result[i, 0] - exact) <= 1e-8 * exact,
                $"{method}: t = {outputTimes[i]}: {result[i, 0]:R} vs {exact:R}");
        }

        // At a dose time the reported value includes the dose (right-continuous); the dense solution's left limit does not.
        var at12 = Array.IndexOf(outputTimes, 12.0);
        Assert.True(result[at12, 0] > result[at12 - 1, 0], "the output at the dose time must include the dose");
        var dense = result.Dense!;
        var left = new double[1];
        dense.EvaluateLeftLimit(12, left);
        Assert.Equal(Doses(12, k, dose, doseTimes, includeAtT: false), left[0], 1e-8 * 100);
        Assert.Equal(result[at12, 0], dense.Evaluate(12)[0], 1e-12 * 100);
        Assert.Equal(doseTimes, result.Events.Select(e => e.Time).ToArray());
        Assert.All(result.Events, e => Assert.Equal("dose", e.Name));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Stop_and_action_times_are_landed_exactly(string method)
    {
        var p = ExactProblems.ExpSin;
        double[] stops = [0.1, 1.0 / 3, 2.7, Math.PI];
        var problem = p.ToProblem() with
        {
            StopTimes = [.. stops, -1, 99],
            TimedActions = [new TimedAction(Math.E, "no-op", (t, y) => { })],
        };
        var result = OdeSolver.Default.Solve(problem, new OdeOptions { Method = method });

        Assert.Equal(OdeStatus.Success, result.Status);
        foreach (var stop in (double[])[.. stops, Math.E, 6.0])
        {
            Assert.Contains(stop, result.Times);
            var stepStarts = Enumerable.Range(0, result.Dense!.StepCount).Select(result.Dense.StepStart);
            if (stop < 6.0)
            {
                Assert.Contains(stop, stepStarts);
            }
        }

        Assert.Equal(6.0, result.FinalTime);
        Assert.True(result.Times.Zip(result.Times.Skip(1)).All(pair => pair.First < pair.Second), "step ends must increase");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Output_is_reported_at_exactly_the_requested_times(string method)
    {
        var p = ExactProblems.Rotation;
        var requested = Enumerable.Range(0, 17).Select(i => i * 0.37).ToArray();
        var result = OdeSolver.Default.Solve(p.ToProblem(), new OdeOptions
        {
            Method = method,
            RelativeTolerance = 1e-9,
            AbsoluteTolerance = 1e-12,
            OutputTimes = requested,
        });

        Assert.Equal(requested.Length, result.Times.Count);
        for (var i = 0; i < requested.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(requested[i]), BitConverter.DoubleToInt64Bits(result.Times[i]));
            var exact = p.ExactAt(requested[i]);
            Assert.True(FixedStepRunner.MaxDifference(result.StateAt(i), exact) < 1e-7, $"{method} at t = {requested[i]}");
        }
    }

    [Theory]
    [InlineData("dopri5", EventDirection.Falling)]
    [InlineData("tsit5", EventDirection.Falling)]
    [InlineData("dop853", EventDirection.Falling)]
    [InlineData("dopri5", EventDirection.Both)]
    [InlineData("dop853", EventDirection.Both)]
    public void Bouncing_ball_impact_times_match_the_analytic_ones(string method, EventDirection direction)
    {
        // h'' = −g from h0 at rest; at impact the height is reset to 0 and the speed reversed and scaled by e.
        // Impacts: t1 = sqrt(2 h0 / g), then t_(k+1) = t_k + 2 e^k v1 / g with v1 = g t1.
        const double g = 9.81;
        const double h0 = 10;
        const double e = 0.8;
        var problem = new OdeProblem((t, y, dy) =>
        {
            dy[0] = y[1];
            dy[1] = -g;
        }, 0, [h0, 0.0], 10)
        {
            Events = [new OdeEvent("impact", (t, y) => y[0], direction, Action: (t, y) =>
            {
                y[0] = 0;
                y[1] = -e * y[1];
            })],
        };
        var result = OdeSolver.Default.Solve(problem, new OdeOptions { Method = method, RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12 });

        var expected = new List<double>();
        var t1 = Math.Sqrt(2 * h0 / g);
        var v1 = g * t1;
        for (double t = t1, flight = 2 * e * v1 / g; t < 10; t += flight, flight *= e)
        {
            expected.Add(t);
        }

        Assert.Equal(OdeStatus.Success, result.Status);
        Assert.Equal(expected.Count, result.Events.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(result.Events[i].Time - expected[i]) < 1e-10,
                $"{method}: impact {i} at {result.Events[i].Time:R}, analytic {expected[i]:R}");
        }

        Assert.All(result.Times.Select((t, i) => result[i, 0]), height => Assert.True(height >= -1e-9, $"height {height}"));
    }

    [Theory]
    [InlineData(EventDirection.Rising, new[] { 2.0 })]
    [InlineData(EventDirection.Falling, new[] { 1.0, 3.0 })]
    [InlineData(EventDirection.Both, new[] { 1.0, 2.0, 3.0 })]
    public void Event_direction_filters_the_zero_crossings_of_sine(EventDirection direction, double[] multiplesOfPi)
    {
        // y' = cos t, y(0) = 0, so y = sin t: it is exactly zero at the start (must not fire), falls through 0 at π and 3π
        // and rises through it at 2π.
        foreach (var method in new[] { "dopri5", "tsit5", "dop853" })
        {
            var problem = new OdeProblem((t, y, dy) => dy[0] = Math.Cos(t), 0, [0.0], 10)
            {
                Events = [new OdeEvent("zero", (t, y) => y[0], direction)],
            };
            var result = OdeSolver.Default.Solve(problem, Tight(method));
            Assert.Equal(multiplesOfPi.Length, result.Events.Count);
            for (var i = 0; i < multiplesOfPi.Length; i++)
            {
                Assert.True(Math.Abs(result.Events[i].Time - (multiplesOfPi[i] * Math.PI)) < 1e-9,
                    $"{method}: {result.Events[i].Time:R} vs {multiplesOfPi[i]}π");
                Assert.False(result.Events[i].Terminal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Terminal_event_stops_at_the_analytic_time(string method)
    {
        // y' = −k y from 1 reaches 1/4 at t* = ln 4 / k.
        const double k = 0.5;
        var problem = new OdeProblem((t, y, dy) => dy[0] = -k * y[0], 0, [1.0], 10)
        {
            Events = [new OdeEvent("quarter", (t, y) => y[0] - 0.25, EventDirection.Falling, Terminal: true)],
        };
        var result = OdeSolver.Default.Solve(problem, Tight(method) with { OutputTimes = [0, 1, 2, 3, 4, 5] });

        var tStar = Math.Log(4) / k;
        Assert.Equal(OdeStatus.StoppedByEvent, result.Status);
        Assert.True(result.IsSuccess);
        Assert.True(Math.Abs(result.FinalTime - tStar) < 1e-10, $"{result.FinalTime:R} vs {tStar:R}");
        Assert.Equal(0.25, result.FinalState[0], 1e-10);
        Assert.Equal([0.0, 1, 2], result.Times);
        Assert.Contains("quarter", result.Message, StringComparison.Ordinal);
        Assert.Equal(result.FinalTime, result.Dense!.TEnd);
        var e = Assert.Single(result.Events);
        Assert.True(e.Terminal);
    }

    [Fact]
    public void Actions_at_the_start_and_the_end_are_applied_and_reported_right_continuously()
    {
        var problem = new OdeProblem((t, y, dy) => dy[0] = -y[0], 0, [0.0], 2)
        {
            TimedActions = [new TimedAction(0, "start dose", (t, y) => y[0] += 1), new TimedAction(2, "end dose", (t, y) => y[0] += 1),
                new TimedAction(5, "after the end", (t, y) => y[0] += 1000)],
        };
        var result = OdeSolver.Default.Solve(problem, new OdeOptions { Method = "dopri5", RelativeTolerance = 1e-10, OutputTimes = [0, 1, 2] });

        Assert.Equal(1.0, result[0, 0]);
        Assert.Equal(Math.Exp(-1), result[1, 0], 1e-9);
        Assert.Equal(Math.Exp(-2) + 1, result[2, 0], 1e-9);
        Assert.Equal(result[2, 0], result.FinalState[0]);
        Assert.Equal(["start dose", "end dose"], result.Events.Select(x => x.Name).ToArray());
    }

    [Fact]
    public void Record_only_events_are_logged_without_cutting_steps_and_an_action_cuts_later_crossings()
    {
        // y = sin t. "crossing" only records; "reset" at y = 0.5 rising sets y to 0 (so sin restarts shifted).
        var problem = new OdeProblem((t, y, dy) => dy[0] = Math.Cos(t), 0, [0.0], 4)
        {
            Events =
            [
                new OdeEvent("crossing", (t, y) => y[0] - 0.25, EventDirection.Rising),
                new OdeEvent("reset", (t, y) => y[0] - 0.5, EventDirection.Rising, Action: (t, y) => y[0] = 0),
            ],
        };
        var result = OdeSolver.Default.Solve(problem, new OdeOptions { Method = "tsit5", RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-13 });

        // After the reset at t = π/6, y = sin t − 1/2 rises through 0.25 where sin t = 0.75.
        double[] expected = [Math.Asin(0.25), Math.PI / 6, Math.Asin(0.75)];
        Assert.Equal(["crossing", "reset", "crossing"], result.Events.Select(x => x.Name).ToArray());
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(result.Events[i].Time - expected[i]) < 1e-9, $"event {i}: {result.Events[i].Time:R} vs {expected[i]:R}");
        }

        Assert.Equal(Math.Sin(4) - 0.5, result.FinalState[0], 1e-8);
    }
}
