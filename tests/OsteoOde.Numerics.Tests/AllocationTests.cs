using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Numerics.Tests;

/// <summary>The hot paths allocate nothing per step.</summary>
public class AllocationTests
{
    public static TheoryData<string> Methods() => ExplicitTableauTests.ExplicitMethodNames();

    [Theory]
    [MemberData(nameof(Methods))]
    public void Adaptive_steps_with_dense_output_allocate_nothing(string method)
    {
        var p = ExactProblems.Rotation;
        var problem = new OdeProblem(p.Rhs, 0, p.Y0, 1e6);
        var stepper = OdeSolver.Default.CreateStepper(problem, new OdeOptions { Method = method, RelativeTolerance = 1e-8, NonNegative = [] });
        var y = new double[2];
        var coefficients = new double[stepper.DenseFormat.CoefficientCount(2)];

        void Run(int steps)
        {
            for (var k = 0; k < steps; k++)
            {
                Assert.True(stepper.Step(1e6));
                stepper.Interpolate(0.5 * (stepper.TPrevious + stepper.T), y);
                stepper.WriteDenseCoefficients(coefficients);
                if (k % 100 == 0)
                {
                    stepper.Restart(stepper.T, stepper.Y);
                }
            }
        }

        Run(200);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(20_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Solve_allocates_the_same_whether_it_takes_100_or_10000_steps()
    {
        // Same outputs, events and settings; only the number of steps differs. Per-step allocation would show as a difference.
        var p = ExactProblems.Rotation;
        long Allocated(double tEnd)
        {
            var problem = new OdeProblem(p.Rhs, 0, p.Y0, tEnd)
            {
                Events = [new OdeEvent("never", (t, y) => 2 - y[0])],
                StopTimes = [0.5],
            };
            var options = new OdeOptions { Method = "dopri5", DenseOutput = false, OutputTimes = [0, 0.25, 0.5, 1] };
            OdeSolver.Default.Solve(problem, options);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var result = OdeSolver.Default.Solve(problem, options);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(OdeStatus.Success, result.Status);
            return allocated;
        }

        var small = Allocated(10);
        var large = Allocated(1000);

        // Only the success message differs ("t = 10 in 40 steps" vs "t = 1000 in 3000 steps"): a few characters.
        Assert.InRange(large - small, 0, 64);
    }
}
