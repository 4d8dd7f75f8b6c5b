namespace OsteoOde.Testing;

/// <summary>Observed convergence orders from errors at a sequence of step sizes.</summary>
public static class ConvergenceOrder
{
    /// <summary>Observed order between consecutive refinements: <c>log(e_k / e_(k+1)) / log(h_k / h_(k+1))</c>.</summary>
    /// <param name="stepSizes">Step sizes, decreasing.</param>
    /// <param name="errors">Errors at those step sizes (positive).</param>
    /// <returns>One order per consecutive pair.</returns>
    public static double[] Pairwise(IReadOnlyList<double> stepSizes, IReadOnlyList<double> errors)
    {
        Check(stepSizes, errors);
        var orders = new double[stepSizes.Count - 1];
        for (var k = 0; k < orders.Length; k++)
        {
            orders[k] = Math.Log(errors[k] / errors[k + 1]) / Math.Log(stepSizes[k] / stepSizes[k + 1]);
        }

        return orders;
    }

    /// <summary>Least-squares slope of log(error) against log(h) over all points.</summary>
    /// <param name="stepSizes">Step sizes.</param>
    /// <param name="errors">Errors (positive).</param>
    /// <returns>The fitted order.</returns>
    public static double Fitted(IReadOnlyList<double> stepSizes, IReadOnlyList<double> errors)
    {
        Check(stepSizes, errors);
        var n = stepSizes.Count;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var k = 0; k < n; k++)
        {
            var x = Math.Log(stepSizes[k]);
            var y = Math.Log(errors[k]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }

        return ((n * sxy) - (sx * sy)) / ((n * sxx) - (sx * sx));
    }

    /// <summary>
    /// Asserts that every pairwise observed order is within <paramref name="tolerance"/> of <paramref name="expected"/>,
    /// with a message listing step sizes, errors and orders.
    /// </summary>
    /// <param name="expected">Declared order.</param>
    /// <param name="stepSizes">Step sizes, decreasing.</param>
    /// <param name="errors">Errors.</param>
    /// <param name="tolerance">Allowed deviation (default 0.2).</param>
    /// <param name="label">What was measured, for the message.</param>
    public static void AssertOrder(double expected, IReadOnlyList<double> stepSizes, IReadOnlyList<double> errors,
        double tolerance = 0.2, string label = "")
    {
        var orders = Pairwise(stepSizes, errors);
        var table = string.Join("; ", Enumerable.Range(0, stepSizes.Count).Select(k =>
            FormattableString.Invariant($"h={stepSizes[k]:G4} err={errors[k]:E3}")
            + (k < orders.Length ? FormattableString.Invariant($" p={orders[k]:F3}") : "")));
        foreach (var p in orders)
        {
            Xunit.Assert.True(Math.Abs(p - expected) <= tolerance,
                $"{label}: observed order {p:F3} is not within {tolerance} of {expected}. {table}");
        }
    }

    private static void Check(IReadOnlyList<double> stepSizes, IReadOnlyList<double> errors)
    {
        ArgumentNullException.ThrowIfNull(stepSizes);
        ArgumentNullException.ThrowIfNull(errors);
        if (stepSizes.Count != errors.Count || stepSizes.Count < 2)
        {
            throw new ArgumentException("Need at least two step sizes and as many errors.", nameof(errors));
        }
    }
}
