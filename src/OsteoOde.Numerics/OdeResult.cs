namespace OsteoOde.Numerics;

/// <summary>
/// Outcome of an integration: status and message, the state at the output times, work statistics, the event log and
/// (when requested) a continuous interpolant over the integrated interval. Numerical failure is reported here, never thrown;
/// call <see cref="EnsureSuccess"/> to turn a failure into an exception.
/// </summary>
public sealed class OdeResult
{
    private readonly double[] _values;

    /// <summary>Creates a result (used by the driver).</summary>
    /// <param name="status">How the integration ended.</param>
    /// <param name="message">Human-readable outcome; for failures it names t, h, the component and a suggestion.</param>
    /// <param name="method">Method name.</param>
    /// <param name="dimension">Number of components.</param>
    /// <param name="times">Output times.</param>
    /// <param name="values">Row-major states at the output times (times × dimension).</param>
    /// <param name="statistics">Work counters.</param>
    /// <param name="events">Event log in time order.</param>
    /// <param name="dense">Continuous solution, or <see langword="null"/>.</param>
    /// <param name="finalTime">Time reached.</param>
    /// <param name="finalState">State at <paramref name="finalTime"/>.</param>
    public OdeResult(OdeStatus status, string message, string method, int dimension, double[] times, double[] values,
        SolverStatistics statistics, IReadOnlyList<EventRecord> events, DenseSolution? dense, double finalTime, double[] finalState)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != times.Length * dimension)
        {
            throw new ArgumentException("values must hold times.Length × dimension entries.", nameof(values));
        }

        Status = status;
        Message = message;
        Method = method;
        Dimension = dimension;
        Times = times;
        _values = values;
        Statistics = statistics;
        Events = events;
        Dense = dense;
        FinalTime = finalTime;
        FinalState = finalState;
    }

    /// <summary>How the integration ended.</summary>
    public OdeStatus Status { get; }

    /// <summary>Whether the integration reached its end time or stopped at a terminal event.</summary>
    public bool IsSuccess => Status is OdeStatus.Success or OdeStatus.StoppedByEvent;

    /// <summary>Outcome message (for failures: time, step size, offending component and what to try).</summary>
    public string Message { get; }

    /// <summary>Method name.</summary>
    public string Method { get; }

    /// <summary>Number of components.</summary>
    public int Dimension { get; }

    /// <summary>Output times (those requested, up to where the integration ended).</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>Work statistics.</summary>
    public SolverStatistics Statistics { get; }

    /// <summary>Events and timed actions that fired, in time order.</summary>
    public IReadOnlyList<EventRecord> Events { get; }

    /// <summary>Continuous interpolant over [t0, <see cref="FinalTime"/>], when dense output was requested.</summary>
    public DenseSolution? Dense { get; }

    /// <summary>Time reached (the end time on success).</summary>
    public double FinalTime { get; }

    /// <summary>State at <see cref="FinalTime"/>.</summary>
    public IReadOnlyList<double> FinalState { get; }

    /// <summary>Component <paramref name="component"/> at output time number <paramref name="timeIndex"/>.</summary>
    /// <param name="timeIndex">Index into <see cref="Times"/>.</param>
    /// <param name="component">Component index.</param>
    public double this[int timeIndex, int component] => _values[(timeIndex * Dimension) + component];

    /// <summary>State at output time number <paramref name="timeIndex"/>.</summary>
    /// <param name="timeIndex">Index into <see cref="Times"/>.</param>
    /// <returns>A view of the stored row.</returns>
    public ReadOnlySpan<double> StateAt(int timeIndex) => _values.AsSpan(timeIndex * Dimension, Dimension);

    /// <summary>One component over all output times (a copy).</summary>
    /// <param name="component">Component index.</param>
    /// <returns>The column.</returns>
    public double[] Component(int component)
    {
        var column = new double[Times.Count];
        for (var k = 0; k < column.Length; k++)
        {
            column[k] = _values[(k * Dimension) + component];
        }

        return column;
    }

    /// <summary>Throws <see cref="OdeSolverException"/> unless <see cref="IsSuccess"/>.</summary>
    /// <returns>This result, for chaining.</returns>
    public OdeResult EnsureSuccess() => IsSuccess ? this : throw new OdeSolverException(Status, Message);
}

/// <summary>Thrown by <see cref="OdeResult.EnsureSuccess"/> for a failed integration.</summary>
public sealed class OdeSolverException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">Failure status.</param>
    /// <param name="message">Solver message.</param>
    public OdeSolverException(OdeStatus status, string message)
        : base(message) => Status = status;

    /// <summary>Creates the exception with a message only (status <see cref="OdeStatus.RhsFailure"/>).</summary>
    /// <param name="message">Message.</param>
    public OdeSolverException(string message)
        : this(OdeStatus.RhsFailure, message)
    {
    }

    /// <summary>Creates the exception (status <see cref="OdeStatus.RhsFailure"/>).</summary>
    public OdeSolverException()
        : this(OdeStatus.RhsFailure, "The ODE solver failed.")
    {
    }

    /// <summary>Creates the exception wrapping another (status <see cref="OdeStatus.RhsFailure"/>).</summary>
    /// <param name="message">Message.</param>
    /// <param name="innerException">Cause.</param>
    public OdeSolverException(string message, Exception innerException)
        : base(message, innerException) => Status = OdeStatus.RhsFailure;

    /// <summary>Failure status.</summary>
    public OdeStatus Status { get; }
}
