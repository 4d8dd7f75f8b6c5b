using OsteoOde.Numerics;

namespace OsteoOde.Testing;

/// <summary>An initial value problem with a known solution, for convergence and accuracy tests.</summary>
/// <param name="Name">Short name (shown in test output).</param>
/// <param name="Rhs">Right-hand side.</param>
/// <param name="T0">Initial time.</param>
/// <param name="Y0">Initial state.</param>
/// <param name="TEnd">Final time.</param>
/// <param name="Exact">Writes the exact solution at a time into the destination.</param>
public sealed record ExactProblem(string Name, OdeFunction Rhs, double T0, double[] Y0, double TEnd, Action<double, double[]> Exact)
{
    /// <summary>Problem dimension.</summary>
    public int Dimension => Y0.Length;

    /// <summary>The problem as an <see cref="OdeProblem"/>.</summary>
    /// <returns>A new problem.</returns>
    public OdeProblem ToProblem() => new(Rhs, T0, Y0, TEnd);

    /// <summary>The exact solution at <paramref name="t"/>.</summary>
    /// <param name="t">Time.</param>
    /// <returns>A new array.</returns>
    public double[] ExactAt(double t)
    {
        var y = new double[Dimension];
        Exact(t, y);
        return y;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>Test problems with closed-form solutions; several have right-hand sides that depend on t explicitly.</summary>
public static class ExactProblems
{
    /// <summary><c>y' = −2ty</c>, y(0) = 1 on [0, 2]: <c>y = exp(−t²)</c> (non-autonomous).</summary>
    public static ExactProblem Gaussian { get; } = new(
        "y'=-2ty",
        static (t, y, dy) => dy[0] = -2.0 * t * y[0],
        0.0,
        [1.0],
        2.0,
        static (t, y) => y[0] = Math.Exp(-t * t));

    /// <summary><c>y' = cos(t) y</c>, y(0) = 1 on [0, 6]: <c>y = exp(sin t)</c> (non-autonomous, oscillating).</summary>
    public static ExactProblem ExpSin { get; } = new(
        "y'=cos(t)y",
        static (t, y, dy) => dy[0] = Math.Cos(t) * y[0],
        0.0,
        [1.0],
        6.0,
        static (t, y) => y[0] = Math.Exp(Math.Sin(t)));

    /// <summary>Rotation <c>y1' = −y2, y2' = y1</c>, y(0) = (1, 0) on [0, 2π]: <c>(cos t, sin t)</c>.</summary>
    public static ExactProblem Rotation { get; } = new(
        "rotation",
        static (t, y, dy) =>
        {
            dy[0] = -y[1];
            dy[1] = y[0];
        },
        0.0,
        [1.0, 0.0],
        2.0 * Math.PI,
        static (t, y) =>
        {
            y[0] = Math.Cos(t);
            y[1] = Math.Sin(t);
        });

    /// <summary>
    /// Forced, damped rotation <c>y1' = −y1 + y2 + t, y2' = −y1 − y2 + 1</c>, y(0) = (1, 0) on [0, 4] (non-autonomous):
    /// <c>y1 = e^(−t)(½ cos t − sin t) + t/2 + ½</c>, <c>y2 = −e^(−t)(½ sin t + cos t) − t/2 + 1</c>
    /// (a linear particular solution plus the decaying rotation of the eigenvalues −1 ± i).
    /// </summary>
    public static ExactProblem ForcedLinear { get; } = new(
        "forced linear 2-D",
        static (t, y, dy) =>
        {
            dy[0] = -y[0] + y[1] + t;
            dy[1] = -y[0] - y[1] + 1.0;
        },
        0.0,
        [1.0, 0.0],
        4.0,
        static (t, y) =>
        {
            var decay = Math.Exp(-t);
            var (s, c) = Math.SinCos(t);
            y[0] = (decay * ((0.5 * c) - s)) + (0.5 * t) + 0.5;
            y[1] = (-decay * ((0.5 * s) + c)) - (0.5 * t) + 1.0;
        });

    /// <summary>All problems above.</summary>
    public static IReadOnlyList<ExactProblem> All { get; } = [Gaussian, ExpSin, Rotation, ForcedLinear];
}
