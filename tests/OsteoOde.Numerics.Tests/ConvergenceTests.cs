using OsteoOde.Numerics;
using OsteoOde.Testing;
using Xunit.Abstractions;

namespace OsteoOde.Numerics.Tests;

/// <summary>
/// Observed convergence orders of every explicit method with fixed steps (<see cref="ExplicitRungeKuttaStepper.StepFixed"/>)
/// on problems with exact solutions, and tolerance proportionality of the adaptive solver.
/// </summary>
public class ConvergenceTests(ITestOutputHelper output)
{
    /// <summary>
    /// (method, problem, interval stretch, first number of steps, number of refinements). Each window is where the error
    /// (max over the step ends) lies between ~1e-5 and ~1e-14, above rounding and in the asymptotic range. Tsitouras' pair
    /// has a deliberately tiny leading error coefficient, so its h^6 term dominates longer and it needs finer windows.
    /// </summary>
    public static TheoryData<string, string, double, int, int> GlobalWindows() => new()
    {
        { "dopri5", "rotation", 1, 64, 4 },
        { "dopri5", "y'=cos(t)y", 1, 128, 3 },
        { "dopri5", "y'=-2ty", 1, 128, 3 },
        { "dopri5", "forced linear 2-D", 1, 128, 3 },
        { "tsit5", "rotation", 1, 64, 4 },
        { "tsit5", "y'=cos(t)y", 3, 256, 3 },
        { "tsit5", "forced linear 2-D", 3, 512, 2 },
        { "tsit5", "y'=-2ty", 3, 512, 2 },
        { "dop853", "rotation", 1, 8, 3 },
        { "dop853", "y'=cos(t)y", 1, 16, 3 },
        { "dop853", "y'=-2ty", 1, 8, 3 },
        { "dop853", "forced linear 2-D", 1, 8, 3 },
    };

    /// <summary>Windows for the dense output (max error at 7 interior points of every step).</summary>
    public static TheoryData<string, string, int, int> DenseWindows() => new()
    {
        { "dopri5", "rotation", 64, 4 },
        { "dopri5", "y'=cos(t)y", 64, 4 },
        { "dopri5", "y'=-2ty", 64, 4 },
        { "dopri5", "forced linear 2-D", 64, 4 },
        { "tsit5", "rotation", 64, 4 },
        { "tsit5", "y'=cos(t)y", 64, 4 },
        { "tsit5", "y'=-2ty", 64, 3 },
        { "tsit5", "forced linear 2-D", 64, 4 },
        { "dop853", "rotation", 8, 4 },
        { "dop853", "y'=cos(t)y", 8, 4 },
        { "dop853", "y'=-2ty", 16, 2 },
        { "dop853", "forced linear 2-D", 8, 4 },
    };

    private static ExactProblem Problem(string name, double stretch = 1)
    {
        var p = ExactProblems.All.Single(x => x.Name == name);
        return p with { TEnd = p.T0 + ((p.TEnd - p.T0) * stretch) };
    }

    [Theory]
    [MemberData(nameof(GlobalWindows))]
    public void Global_error_converges_at_the_declared_order(string method, string problemName, double stretch, int steps0, int points)
    {
        var problem = Problem(problemName, stretch);
        var order = ExplicitTableauTests.TableauOf(method).Order;
        var h = new double[points];
        var e = new double[points];
        for (var k = 0; k < points; k++)
        {
            var steps = steps0 << k;
            h[k] = (problem.TEnd - problem.T0) / steps;
            e[k] = FixedStepRunner.GlobalError(method, problem, steps);
        }

        output.WriteLine($"{method} {problem.Name} on [{problem.T0}, {problem.TEnd:G4}]: orders {string.Join(", ", ConvergenceOrder.Pairwise(h, e).Select(p => p.ToString("F3")))}");
        ConvergenceOrder.AssertOrder(order, h, e, 0.2, $"{method} global error on {problem.Name}");
    }

    [Theory]
    [MemberData(nameof(DenseWindows))]
    public void Dense_output_converges_at_the_order_of_the_continuous_extension_plus_one(string method, string problemName, int steps0, int points)
    {
        // Interpolation error = global error at the nodes, O(h^p), plus the local error of the extension, O(h^(p*+1)).
        var problem = Problem(problemName);
        var tableau = ExplicitTableauTests.TableauOf(method);
        var expected = Math.Min(tableau.Order, tableau.DenseOrder + 1);
        var h = new double[points];
        var e = new double[points];
        for (var k = 0; k < points; k++)
        {
            var steps = steps0 << k;
            h[k] = (problem.TEnd - problem.T0) / steps;
            e[k] = FixedStepRunner.GlobalDenseError(method, problem, steps);
        }

        output.WriteLine($"{method} dense on {problem.Name}: orders {string.Join(", ", ConvergenceOrder.Pairwise(h, e).Select(p => p.ToString("F3")))}");
        ConvergenceOrder.AssertOrder(expected, h, e, 0.2, $"{method} dense output on {problem.Name}");
    }

    [Theory]
    [InlineData("dopri5")]
    [InlineData("tsit5")]
    [InlineData("dop853")]
    public void Global_error_is_proportional_to_the_tolerance(string method)
    {
        // With local extrapolation and error-per-step control the global error scales like the tolerance (slope 1 in log-log);
        // DOP853's combined 5th/3rd-order estimate is pessimistic at loose tolerances, flattening its slope a little.
        var problem = Problem("rotation", 3);
        double[] tolerances = [1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11];
        var errors = new double[tolerances.Length];
        for (var k = 0; k < tolerances.Length; k++)
        {
            var result = OdeSolver.Default.Solve(problem.ToProblem(), new OdeOptions
            {
                Method = method,
                RelativeTolerance = tolerances[k],
                AbsoluteTolerance = tolerances[k],
            });
            Assert.Equal(OdeStatus.Success, result.Status);
            for (var i = 0; i < result.Times.Count; i++)
            {
                errors[k] = Math.Max(errors[k], FixedStepRunner.MaxDifference(result.StateAt(i), problem.ExactAt(result.Times[i])));
            }

            // The global error over ~3 periods stays within a small multiple of the tolerance.
            Assert.True(errors[k] <= 10 * tolerances[k], $"{method}: error {errors[k]:E2} at tolerance {tolerances[k]:E0}");
        }

        var slope = ConvergenceOrder.Fitted(tolerances, errors);
        output.WriteLine($"{method}: d log(err) / d log(tol) = {slope:F3}; err/tol = {string.Join(", ", errors.Select((x, k) => (x / tolerances[k]).ToString("F3")))}");
        Assert.InRange(slope, 0.8, 1.15);
    }
}
