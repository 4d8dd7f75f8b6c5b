using OsteoOde.Numerics;

namespace OsteoOde.Testing;

/// <summary>Drives a stepper directly (without the Solve driver) and samples its dense output.</summary>
public static class StepperRuns
{
    /// <summary>
    /// Steps to <paramref name="tEnd"/> and evaluates the dense output of the step covering each sample time.
    /// </summary>
    /// <param name="stepper">Stepper at its initial point.</param>
    /// <param name="tEnd">Final time.</param>
    /// <param name="sampleTimes">Ascending times in (t0, tEnd].</param>
    /// <returns>States at the sample times (null rows where the integration failed first).</returns>
    public static double[]?[] RunAndSample(IOdeStepper stepper, double tEnd, IReadOnlyList<double> sampleTimes)
    {
        ArgumentNullException.ThrowIfNull(stepper);
        ArgumentNullException.ThrowIfNull(sampleTimes);
        var result = new double[]?[sampleTimes.Count];
        var next = 0;
        while (next < sampleTimes.Count && stepper.Step(tEnd))
        {
            while (next < sampleTimes.Count && sampleTimes[next] <= stepper.T)
            {
                var y = new double[stepper.Dimension];
                if (sampleTimes[next] == stepper.T)
                {
                    stepper.Y.CopyTo(y);
                }
                else
                {
                    stepper.Interpolate(sampleTimes[next], y);
                }

                result[next++] = y;
            }
        }

        return result;
    }

    /// <summary>Steps to <paramref name="tEnd"/>; returns whether it got there.</summary>
    /// <param name="stepper">Stepper.</param>
    /// <param name="tEnd">Final time.</param>
    /// <returns>True when <see cref="IOdeStepper.T"/> reached <paramref name="tEnd"/>.</returns>
    public static bool RunTo(IOdeStepper stepper, double tEnd)
    {
        ArgumentNullException.ThrowIfNull(stepper);
        while (stepper.T < tEnd)
        {
            if (!stepper.Step(tEnd))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Least-squares slope of log(error) against log(h): the observed convergence order.</summary>
    /// <param name="steps">Step sizes.</param>
    /// <param name="errors">Errors.</param>
    /// <returns>The slope.</returns>
    public static double ObservedOrder(IReadOnlyList<double> steps, IReadOnlyList<double> errors)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(errors);
        var x = steps.Select(v => Math.Log(v)).ToArray();
        var y = errors.Select(v => Math.Log(v)).ToArray();
        var mx = x.Average();
        var my = y.Average();
        var sxy = 0.0;
        var sxx = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }

        return sxy / sxx;
    }
}
