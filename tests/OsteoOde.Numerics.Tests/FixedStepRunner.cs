using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Numerics.Tests;

/// <summary>Fixed-step runs of the explicit kernel (its documented test mode) for convergence measurements.</summary>
internal static class FixedStepRunner
{
    public static ExplicitRungeKuttaStepper Create(string method, ExactProblem problem) =>
        new(ExplicitTableauTests.TableauOf(method), problem.ToProblem(), new OdeOptions { Method = method });

    /// <summary>Largest max-norm error at the step ends of <paramref name="steps"/> equal steps over the problem's interval.</summary>
    public static double GlobalError(string method, ExactProblem problem, int steps)
    {
        var stepper = Create(method, problem);
        var h = (problem.TEnd - problem.T0) / steps;
        var worst = 0.0;
        for (var k = 0; k < steps; k++)
        {
            Assert.True(stepper.StepFixed(h), stepper.FailureMessage);
            worst = Math.Max(worst, MaxDifference(stepper.Y, problem.ExactAt(stepper.T)));
        }

        return worst;
    }

    /// <summary>Max-norm error of the dense output at θ = 0.3 and 0.7 of one step of size h from the exact initial value.</summary>
    public static double LocalDenseError(string method, ExactProblem problem, double h)
    {
        var stepper = Create(method, problem);
        Assert.True(stepper.StepFixed(h), stepper.FailureMessage);
        var y = new double[problem.Dimension];
        var worst = 0.0;
        foreach (var theta in (double[])[0.3, 0.7])
        {
            var t = problem.T0 + (theta * h);
            stepper.Interpolate(t, y);
            worst = Math.Max(worst, MaxDifference(y, problem.ExactAt(t)));
        }

        return worst;
    }

    /// <summary>Max-norm error of the dense output over 7 interior points of every step of a fixed-step run.</summary>
    public static double GlobalDenseError(string method, ExactProblem problem, int steps)
    {
        var stepper = Create(method, problem);
        var h = (problem.TEnd - problem.T0) / steps;
        var y = new double[problem.Dimension];
        var worst = 0.0;
        for (var k = 0; k < steps; k++)
        {
            Assert.True(stepper.StepFixed(h), stepper.FailureMessage);
            for (var j = 1; j <= 7; j++)
            {
                var t = stepper.TPrevious + (j / 8.0 * (stepper.T - stepper.TPrevious));
                stepper.Interpolate(t, y);
                worst = Math.Max(worst, MaxDifference(y, problem.ExactAt(t)));
            }
        }

        return worst;
    }

    public static double MaxDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var worst = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }
}
