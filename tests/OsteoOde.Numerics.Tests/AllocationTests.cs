using OsteoOde.Benchmarks;
using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Numerics.Tests;

/// <summary>
/// Runs the allocation measurements alone: <see cref="GC.GetAllocatedBytesForCurrentThread"/> can report bytes that the
/// measured thread did not allocate when a garbage collection triggered by another thread falls into the window, so these
/// tests never run in parallel with others, and <see cref="AllocationProbe"/> repeats a measurement that is not zero.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "Allocation measurements";
}

/// <summary>The hot paths allocate nothing per step.</summary>
[Collection(AllocationMeasurements.Name)]
public class AllocationTests
{
    public static TheoryData<string, bool> AllMethods()
    {
        var data = new TheoryData<string, bool>();
        foreach (var method in OdeMethodCatalog.Default.Methods)
        {
            data.Add(method.Name, true);
            if (method.IsStiff)
            {
                data.Add(method.Name, false);
            }
        }

        return data;
    }

    /// <summary>
    /// Van der Pol with μ = 10 over 40 periods' worth of time: slow phases that are stiff for explicit methods and fast jumps
    /// that are not, so <c>auto</c> switches both ways dozens of times (and runs its stiffness probes); stiff methods run
    /// with the analytic Jacobian and with finite differences. Every step also evaluates the dense output, writes its
    /// coefficients, and every 500th step restarts.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllMethods))]
    public void Thousands_of_steps_with_dense_output_switches_and_restarts_allocate_nothing(string method, bool analyticJacobian)
    {
        const double tEnd = 400;
        var problem = new OdeProblem(
            (t, y, f) =>
            {
                f[0] = y[1];
                f[1] = (10 * (1 - (y[0] * y[0])) * y[1]) - y[0];
            },
            0, [2.0, 0.0], tEnd,
            analyticJacobian
                ? (t, y, j) =>
                {
                    j[0] = 0;
                    j[1] = 1;
                    j[2] = (-20 * y[0] * y[1]) - 1;
                    j[3] = 10 * (1 - (y[0] * y[0]));
                }
                : null);
        var y = new double[2];
        var coefficients = new double[64];
        IOdeStepper stepper = null!;
        var steps = 0;

        void Run(int count)
        {
            for (var k = 0; k < count && stepper.T < tEnd; k++)
            {
                Assert.True(stepper.Step(tEnd), stepper.FailureMessage);
                stepper.Interpolate(0.5 * (stepper.TPrevious + stepper.T), y);
                stepper.WriteDenseCoefficients(coefficients.AsSpan(0, stepper.DenseFormat.CoefficientCount(2)));
                if (++steps % 500 == 0)
                {
                    stepper.Restart(stepper.T, stepper.Y);
                }
            }
        }

        var allocated = AllocationProbe.LeastAllocated(() =>
        {
            stepper = OdeSolver.Default.CreateStepper(problem, new OdeOptions { Method = method, RelativeTolerance = 1e-5, AbsoluteTolerance = 1e-8 });
            steps = 0;
            Run(200);
            return () => Run(int.MaxValue);
        });
        Assert.Equal(tEnd, stepper.T);
        Assert.True(steps >= 2000, $"{method}: only {steps} steps");
        if (method == "auto")
        {
            Assert.True(stepper.Counters.MethodSwitches >= 40, $"auto switched {stepper.Counters.MethodSwitches} times");
        }

        Assert.Equal(0, allocated);
    }

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
        Assert.Equal(0, AllocationProbe.LeastAllocated(() => () => Run(5_000), attempts: 4));
    }

    [Theory]
    [InlineData("dopri5")]
    [InlineData("rodas5p")]
    [InlineData("radau5")]
    [InlineData("auto")]
    public void Solve_allocates_the_same_whether_it_takes_100_or_10000_steps(string method)
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
            var options = new OdeOptions { Method = method, DenseOutput = false, OutputTimes = [0, 0.25, 0.5, 1] };
            Assert.Equal(OdeStatus.Success, OdeSolver.Default.Solve(problem, options).Status);
            return AllocationProbe.LeastAllocated(() => () => OdeSolver.Default.Solve(problem, options));
        }

        var small = Allocated(10);
        var large = Allocated(1000);

        // Only the success message differs (time and step counts in it): a few characters.
        Assert.InRange(large - small, 0, 64);
    }

    [Theory]
    [InlineData("rodas5p", true)]
    [InlineData("rodas4", true)]
    [InlineData("radau5", true)]
    [InlineData("auto", true)]
    [InlineData("rodas5p", false)]
    [InlineData("radau5", false)]
    public void StepsAllocateNothing(string method, bool analyticJacobian)
    {
        var hires = StiffTestProblem.Hires;
        var options = hires.CreateOptions(method, 1e-7) with { OutputTimes = null };
        var stepper = OdeSolver.Default.CreateStepper(hires.CreateProblem(analyticJacobian), options);
        var y = new double[hires.Dimension];
        for (var k = 0; k < 20; k++)
        {
            Assert.True(stepper.Step(hires.TEnd));
        }

        var steps = 0;
        var allocated = AllocationProbe.LeastAllocated(() => () =>
        {
            for (var k = 0; k < 100 && stepper.T < hires.TEnd; k++)
            {
                Assert.True(stepper.Step(hires.TEnd));
                stepper.Interpolate(0.5 * (stepper.TPrevious + stepper.T), y);
                steps++;
            }
        });
        Assert.True(steps >= 100);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void DenseLu_factor_and_solve_allocate_nothing()
    {
        const int n = 8;
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            a[(i * n) + i] = 2 + i;
            a[(i * n) + ((i + 1) % n)] = 1;
        }

        var work = new double[n * n];
        var piv = new int[n];
        var b = new double[n];
        Array.Copy(a, work, a.Length);
        DenseLu.Factor(work, n, piv);
        DenseLu.Solve(work, n, piv, b);
        Assert.Equal(0, AllocationProbe.LeastAllocated(() => () =>
        {
            for (var r = 0; r < 1000; r++)
            {
                Array.Copy(a, work, a.Length);
                DenseLu.Factor(work, n, piv);
                DenseLu.Solve(work, n, piv, b);
            }
        }));
    }
}
