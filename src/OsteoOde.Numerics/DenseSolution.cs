namespace OsteoOde.Numerics;

/// <summary>
/// Continuous solution over an integrated interval, stitched from the dense output of every accepted step. At a time where
/// an event or timed action changed the state, evaluation returns the state after the change (right-continuous);
/// <see cref="EvaluateLeftLimit(double, Span{double})"/> returns the state just before it. Step ends, and the final time,
/// return the integrator's values exactly. Immutable once returned in a result, so it may be evaluated from several threads.
/// </summary>
public sealed class DenseSolution
{
    private readonly List<IDenseFormat> _formats = [];
    private double[] _coefficients;
    private int _used;
    private double[] _stepStart;
    private double[] _stepSize;
    private int[] _offset;
    private int[] _format;
    private int _count;
    private double[] _finalState;

    /// <summary>Creates an empty solution starting at <paramref name="tStart"/> (used by the driver).</summary>
    /// <param name="dimension">Number of components.</param>
    /// <param name="tStart">Start of the interval.</param>
    internal DenseSolution(int dimension, double tStart)
    {
        Dimension = dimension;
        TStart = tStart;
        TEnd = tStart;
        _coefficients = new double[Math.Max(64, 64 * dimension)];
        _stepStart = new double[16];
        _stepSize = new double[16];
        _offset = new int[16];
        _format = new int[16];
        _finalState = new double[dimension];
    }

    /// <summary>Number of components.</summary>
    public int Dimension { get; }

    /// <summary>Start of the covered interval.</summary>
    public double TStart { get; }

    /// <summary>End of the covered interval (the time the integration reached).</summary>
    public double TEnd { get; private set; }

    /// <summary>Number of stored steps.</summary>
    public int StepCount => _count;

    /// <summary>Start time of stored step <paramref name="index"/>; the steps partition [<see cref="TStart"/>, <see cref="TEnd"/>].</summary>
    /// <param name="index">Step index, 0 to <see cref="StepCount"/> − 1.</param>
    /// <returns>The time at which that step's interpolant takes over.</returns>
    public double StepStart(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        return _stepStart[index];
    }

    /// <summary>Evaluates the solution at <paramref name="t"/> in [<see cref="TStart"/>, <see cref="TEnd"/>] (right-continuous).</summary>
    /// <param name="t">Time.</param>
    /// <param name="y">Destination (length <see cref="Dimension"/>).</param>
    public void Evaluate(double t, Span<double> y)
    {
        CheckArguments(t, y);
        if (t == TEnd || _count == 0)
        {
            _finalState.CopyTo(y);
            return;
        }

        EvaluateStep(LastStepStartingAtOrBefore(t), t, y);
    }

    /// <summary>Evaluates the solution at <paramref name="t"/> into a new array.</summary>
    /// <param name="t">Time.</param>
    /// <returns>The state.</returns>
    public double[] Evaluate(double t)
    {
        var y = new double[Dimension];
        Evaluate(t, y);
        return y;
    }

    /// <summary>
    /// Evaluates the limit from the left at <paramref name="t"/>: at the time of a dose or event action, the state just before
    /// it; elsewhere the same as <see cref="Evaluate(double, Span{double})"/>. At <see cref="TStart"/> it returns the
    /// (right-continuous) initial value.
    /// </summary>
    /// <param name="t">Time in [<see cref="TStart"/>, <see cref="TEnd"/>].</param>
    /// <param name="y">Destination (length <see cref="Dimension"/>).</param>
    public void EvaluateLeftLimit(double t, Span<double> y)
    {
        CheckArguments(t, y);
        if (t == TStart || _count == 0)
        {
            Evaluate(t, y);
            return;
        }

        // The last step that starts strictly before t.
        var k = LastStepStartingAtOrBefore(t);
        if (_stepStart[k] == t)
        {
            k--;
        }

        EvaluateStep(k, t, y);
    }

    /// <summary>Reserves the coefficient block of a new step (steps must be added in time order).</summary>
    /// <param name="format">Dense format of the step.</param>
    /// <param name="tStart">Start time of the step.</param>
    /// <param name="h">Step size the coefficients refer to.</param>
    /// <returns>The block to fill with <see cref="IOdeStepper.WriteDenseCoefficients"/>.</returns>
    internal Span<double> AddStep(IDenseFormat format, double tStart, double h)
    {
        var formatIndex = -1;
        for (var i = 0; i < _formats.Count; i++)
        {
            if (ReferenceEquals(_formats[i], format))
            {
                formatIndex = i;
                break;
            }
        }

        if (formatIndex < 0)
        {
            _formats.Add(format);
            formatIndex = _formats.Count - 1;
        }

        var size = format.CoefficientCount(Dimension);
        if (_used + size > _coefficients.Length)
        {
            Array.Resize(ref _coefficients, Grow(_coefficients.Length, _used + size));
        }

        if (_count == _stepStart.Length)
        {
            var capacity = Grow(_count, _count + 1);
            Array.Resize(ref _stepStart, capacity);
            Array.Resize(ref _stepSize, capacity);
            Array.Resize(ref _offset, capacity);
            Array.Resize(ref _format, capacity);
        }

        _stepStart[_count] = tStart;
        _stepSize[_count] = h;
        _offset[_count] = _used;
        _format[_count] = formatIndex;
        _count++;
        var block = _coefficients.AsSpan(_used, size);
        _used += size;
        return block;
    }

    /// <summary>Closes the interval at the time reached, with the state there (after any action at that time).</summary>
    /// <param name="tEnd">Time reached.</param>
    /// <param name="finalState">State at <paramref name="tEnd"/>.</param>
    internal void Complete(double tEnd, ReadOnlySpan<double> finalState)
    {
        TEnd = tEnd;
        finalState.CopyTo(_finalState);
    }

    private static int Grow(int current, int needed)
    {
        var capacity = Math.Max(16, current);
        while (capacity < needed)
        {
            capacity = capacity > Array.MaxLength / 2 ? Array.MaxLength : capacity * 2;
        }

        return capacity;
    }

    private void CheckArguments(double t, Span<double> y)
    {
        if (y.Length != Dimension)
        {
            throw new ArgumentException($"The destination has {y.Length} entries; the solution has {Dimension} components.", nameof(y));
        }

        if (!(t >= TStart && t <= TEnd))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t,
                $"The dense solution covers [{TStart.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, "
                + $"{TEnd.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}].");
        }
    }

    private int LastStepStartingAtOrBefore(double t)
    {
        var lo = 0;
        var hi = _count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (_stepStart[mid] <= t)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private void EvaluateStep(int k, double t, Span<double> y)
    {
        var format = _formats[_format[k]];
        var size = format.CoefficientCount(Dimension);
        format.Evaluate(_coefficients.AsSpan(_offset[k], size), _stepStart[k], _stepSize[k], t, y);
    }
}
