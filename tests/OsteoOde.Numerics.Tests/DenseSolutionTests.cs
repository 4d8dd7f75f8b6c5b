using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Numerics.Tests;

/// <summary>The stitched dense solution over the whole interval.</summary>
public class DenseSolutionTests
{
    public static TheoryData<string> Methods() => ExplicitTableauTests.ExplicitMethodNames();

    [Theory]
    [MemberData(nameof(Methods))]
    public void Dense_solution_matches_the_exact_solution_everywhere_to_tolerance_consistent_accuracy(string method)
    {
        foreach (var p in ExactProblems.All)
        {
            var result = OdeSolver.Default.Solve(p.ToProblem(), new OdeOptions { Method = method, RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10 });
            var dense = result.Dense!;
            Assert.Equal(p.T0, dense.TStart);
            Assert.Equal(p.TEnd, dense.TEnd);
            var y = new double[p.Dimension];
            var worst = 0.0;
            for (var i = 0; i <= 2000; i++)
            {
                var t = p.T0 + ((p.TEnd - p.T0) * i / 2000.0);
                dense.Evaluate(t, y);
                worst = Math.Max(worst, FixedStepRunner.MaxDifference(y, p.ExactAt(t)));
            }

            // Within a small multiple of the tolerance (the step-end errors are ≤ ~6·rtol, see the proportionality test).
            Assert.True(worst < 2e-7, $"{method} on {p.Name}: max dense error {worst:E2} at rtol 1e-8");
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Dense_solution_returns_step_end_values_bit_for_bit(string method)
    {
        var p = ExactProblems.ForcedLinear;
        var result = OdeSolver.Default.Solve(p.ToProblem(), new OdeOptions { Method = method });
        var dense = result.Dense!;
        Assert.Equal(result.Times.Count - 1, dense.StepCount);
        for (var k = 0; k < result.Times.Count; k++)
        {
            var y = dense.Evaluate(result.Times[k]);
            for (var i = 0; i < p.Dimension; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(result[k, i]), BitConverter.DoubleToInt64Bits(y[i]));
            }
        }
    }

    [Fact]
    public void Dense_solution_is_absent_when_not_requested_and_rejects_times_outside_its_interval()
    {
        var p = ExactProblems.Gaussian.ToProblem();
        Assert.Null(OdeSolver.Default.Solve(p, new OdeOptions { Method = "dopri5", DenseOutput = false }).Dense);

        var dense = OdeSolver.Default.Solve(p, new OdeOptions { Method = "dopri5" }).Dense!;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => dense.Evaluate(2.5));
        Assert.Equal("t", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => dense.Evaluate(-1e-9));
        Assert.Throws<ArgumentException>(() => dense.Evaluate(1.0, new double[3]));
    }

    [Fact]
    public void Dense_solution_is_right_continuous_at_an_event_reset()
    {
        // Sawtooth: y' = 1 from 0, reset to 0 when y reaches 1 (t = 1, 2, 3).
        var problem = new OdeProblem((t, y, dy) => dy[0] = 1, 0, [0.0], 3.5)
        {
            Events = [new OdeEvent("reset", (t, y) => y[0] - 1, EventDirection.Rising, Action: (t, y) => y[0] = 0)],
        };
        var result = OdeSolver.Default.Solve(problem, new OdeOptions { Method = "dop853" });
        Assert.Equal(3, result.Events.Count);
        var dense = result.Dense!;
        var left = new double[1];
        foreach (var e in result.Events)
        {
            Assert.Equal(0.0, dense.Evaluate(e.Time)[0]);
            dense.EvaluateLeftLimit(e.Time, left);
            Assert.Equal(1.0, left[0], 1e-9);
            Assert.Equal(e.Time - Math.Floor(e.Time + 1e-6) + 0.25, dense.Evaluate(e.Time + 0.25)[0], 1e-9);
        }

        Assert.Equal(0.5, result.FinalState[0], 1e-9);
    }
}
