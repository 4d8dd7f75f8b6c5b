namespace OsteoOde.Numerics;

/// <summary>
/// Continuous solution over an integrated interval, stitched from the dense output of every accepted step. At a time where
/// an event or timed action changed the state, evaluation returns the state after the change (right-continuous).
/// </summary>
public sealed class DenseSolution
{
    // TODO(numerics-core): storage of per-step coefficient blocks; implemented with the driver.
    private DenseSolution(int dimension, double tStart, double tEnd)
    {
        Dimension = dimension;
        TStart = tStart;
        TEnd = tEnd;
    }

    /// <summary>Number of components.</summary>
    public int Dimension { get; }

    /// <summary>Start of the covered interval.</summary>
    public double TStart { get; }

    /// <summary>End of the covered interval.</summary>
    public double TEnd { get; }

    /// <summary>Evaluates the solution at <paramref name="t"/> in [<see cref="TStart"/>, <see cref="TEnd"/>].</summary>
    /// <param name="t">Time.</param>
    /// <param name="y">Destination (length <see cref="Dimension"/>).</param>
    public void Evaluate(double t, Span<double> y) => throw new NotImplementedException();

    /// <summary>Evaluates the solution at <paramref name="t"/> into a new array.</summary>
    /// <param name="t">Time.</param>
    /// <returns>The state.</returns>
    public double[] Evaluate(double t)
    {
        var y = new double[Dimension];
        Evaluate(t, y);
        return y;
    }
}
