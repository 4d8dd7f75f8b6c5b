using System.Runtime.CompilerServices;

namespace OsteoOde.Numerics;

/// <summary>
/// Error norms, tolerance handling and starting-step selection shared by all methods (Hairer, Nørsett &amp; Wanner,
/// <i>Solving ODEs I</i>, §II.4). Allocation-free.
/// </summary>
public sealed class StepControl
{
    private readonly double[] _absoluteTolerance;
    private readonly int[] _nonNegative;

    /// <summary>Creates the tolerance data for a problem size from validated options.</summary>
    /// <param name="dimension">Problem dimension.</param>
    /// <param name="options">Options.</param>
    public StepControl(int dimension, OdeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Dimension = dimension;
        RelativeTolerance = options.RelativeTolerance;
        _absoluteTolerance = new double[dimension];
        for (var i = 0; i < dimension; i++)
        {
            _absoluteTolerance[i] = options.AbsoluteToleranceOf(i);
        }

        _nonNegative = options.NonNegative is null ? [] : [.. options.NonNegative.Distinct()];
        MaxStep = options.MaxStep;
        MaxSteps = options.MaxSteps;
        InitialStep = options.InitialStep;
    }

    /// <summary>Problem dimension.</summary>
    public int Dimension { get; }

    /// <summary>Relative tolerance.</summary>
    public double RelativeTolerance { get; }

    /// <summary>Largest allowed step.</summary>
    public double MaxStep { get; }

    /// <summary>Maximum number of step attempts.</summary>
    public int MaxSteps { get; }

    /// <summary>User initial step, or 0 for automatic.</summary>
    public double InitialStep { get; }

    /// <summary>Absolute tolerance of component <paramref name="i"/>.</summary>
    /// <param name="i">Component index.</param>
    /// <returns>The tolerance.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double AbsoluteTolerance(int i) => _absoluteTolerance[i];

    /// <summary>
    /// Weighted RMS norm of an error estimate: sqrt(mean((err_i / (atol_i + rtol·max(|y_i|, |yNew_i|)))²)).
    /// A value ≤ 1 means the step is accepted.
    /// </summary>
    /// <param name="error">Local error estimate.</param>
    /// <param name="y">State at the start of the step.</param>
    /// <param name="yNew">State at the end of the step.</param>
    /// <returns>The scaled error norm (NaN propagates).</returns>
    public double ErrorNorm(ReadOnlySpan<double> error, ReadOnlySpan<double> y, ReadOnlySpan<double> yNew)
    {
        var sum = 0.0;
        for (var i = 0; i < error.Length; i++)
        {
            var scale = _absoluteTolerance[i] + (RelativeTolerance * Math.Max(Math.Abs(y[i]), Math.Abs(yNew[i])));
            var r = error[i] / scale;
            sum += r * r;
        }

        return Math.Sqrt(sum / error.Length);
    }

    /// <summary>Weighted RMS norm of a vector scaled by the tolerances at a single state.</summary>
    /// <param name="v">Vector.</param>
    /// <param name="y">State giving the relative part of the scale.</param>
    /// <returns>The scaled norm.</returns>
    public double ScaledNorm(ReadOnlySpan<double> v, ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        for (var i = 0; i < v.Length; i++)
        {
            var scale = _absoluteTolerance[i] + (RelativeTolerance * Math.Abs(y[i]));
            var r = v[i] / scale;
            sum += r * r;
        }

        return Math.Sqrt(sum / v.Length);
    }

    /// <summary>Index of the component with the largest scaled error (as weighted in <see cref="ErrorNorm"/>), or −1.</summary>
    /// <param name="error">Local error estimate.</param>
    /// <param name="y">State at the start of the step.</param>
    /// <param name="yNew">State at the end of the step.</param>
    /// <returns>The component index; a NaN ratio wins.</returns>
    public int LargestErrorComponent(ReadOnlySpan<double> error, ReadOnlySpan<double> y, ReadOnlySpan<double> yNew)
    {
        var best = -1;
        var max = -1.0;
        for (var i = 0; i < error.Length; i++)
        {
            var scale = _absoluteTolerance[i] + (RelativeTolerance * Math.Max(Math.Abs(y[i]), Math.Abs(yNew[i])));
            var r = Math.Abs(error[i]) / scale;
            if (double.IsNaN(r))
            {
                return i;
            }

            if (r > max)
            {
                max = r;
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// Index of the first protected component that is more negative than its absolute tolerance in <paramref name="yNew"/>,
    /// or −1 when all protected components are acceptable.
    /// </summary>
    /// <param name="yNew">Candidate state.</param>
    /// <returns>Offending component index or −1.</returns>
    public int FindNegative(ReadOnlySpan<double> yNew)
    {
        foreach (var i in _nonNegative)
        {
            if (yNew[i] < -_absoluteTolerance[i])
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Index of the first non-finite component, or −1.</summary>
    /// <param name="v">Vector to check.</param>
    /// <returns>Offending component index or −1.</returns>
    public static int FindNonFinite(ReadOnlySpan<double> v)
    {
        for (var i = 0; i < v.Length; i++)
        {
            if (!double.IsFinite(v[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Smallest step that still changes <paramref name="t"/> meaningfully in double precision (16 ulps of t, at least 1e-300).
    /// </summary>
    /// <param name="t">Current time.</param>
    /// <returns>The minimum step size.</returns>
    public static double MinimumStep(double t)
    {
        var a = Math.Abs(t);
        return Math.Max(16.0 * (Math.BitIncrement(a) - a), 1e-300);
    }

    /// <summary>
    /// Starting step size by the algorithm of Hairer, Nørsett &amp; Wanner (§II.4): an explicit Euler probe with the local error
    /// of a method of order <paramref name="order"/> kept at the tolerance. Costs one right-hand-side evaluation.
    /// </summary>
    /// <param name="rhs">Right-hand side.</param>
    /// <param name="t0">Start time.</param>
    /// <param name="y0">Start state.</param>
    /// <param name="f0">Derivative at the start.</param>
    /// <param name="order">Method order.</param>
    /// <param name="tLimit">Span available (the step is not larger than <c>tLimit − t0</c>).</param>
    /// <param name="work1">Work array (length n).</param>
    /// <param name="work2">Work array (length n).</param>
    /// <param name="counters">Counters to charge the evaluation to.</param>
    /// <returns>A positive starting step.</returns>
    public double SelectInitialStep(OdeFunction rhs, double t0, double[] y0, double[] f0, int order, double tLimit,
        double[] work1, double[] work2, SolverCounters counters)
    {
        ArgumentNullException.ThrowIfNull(rhs);
        ArgumentNullException.ThrowIfNull(counters);
        var span = tLimit - t0;
        if (InitialStep > 0)
        {
            return Math.Min(Math.Min(InitialStep, MaxStep), span);
        }

        var d0 = ScaledNorm(y0, y0);
        var d1 = ScaledNorm(f0, y0);
        var h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * (d0 / d1);
        h0 = Math.Min(h0, span);
        for (var i = 0; i < y0.Length; i++)
        {
            work1[i] = y0[i] + (h0 * f0[i]);
        }

        rhs(t0 + h0, work1, work2);
        counters.RhsEvaluations++;
        for (var i = 0; i < y0.Length; i++)
        {
            work1[i] = work2[i] - f0[i];
        }

        var d2 = ScaledNorm(work1, y0) / h0;
        var dMax = Math.Max(d1, d2);
        var h1 = dMax <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / dMax, 1.0 / (order + 1));
        var h = Math.Min(Math.Min(100 * h0, h1), Math.Min(MaxStep, span));
        if (!(h > 0) || !double.IsFinite(h))
        {
            h = Math.Min(1e-6, span);
        }

        return Math.Max(h, MinimumStep(t0));
    }
}
