using System.Collections.ObjectModel;
using System.Globalization;
using OsteoOde.Numerics;

namespace OsteoOde.Modeling;

/// <summary>How a simulation ended.</summary>
public enum SimulationStatus
{
    /// <summary>The end time was reached.</summary>
    Success = 0,

    /// <summary>A terminal model event stopped the run; the result ends at the event time.</summary>
    StoppedByEvent = 1,

    /// <summary>The solver's step limit was reached.</summary>
    MaxStepsReached = 2,

    /// <summary>The step size fell below what floating-point resolution allows.</summary>
    StepSizeTooSmall = 3,

    /// <summary>A state became NaN or infinite (blow-up).</summary>
    NonFiniteState = 4,

    /// <summary>The right-hand side, Jacobian, an event or an action threw.</summary>
    RhsFailure = 5,

    /// <summary>The requested pre-equilibration found no steady state; nothing was integrated.</summary>
    PreEquilibrationFailed = 6,
}

/// <summary>What a result column holds.</summary>
public enum ColumnKind
{
    /// <summary>The time <c>t</c>.</summary>
    Time,

    /// <summary>A model time column (function of time and parameters, right after t).</summary>
    TimeColumn,

    /// <summary>A state.</summary>
    State,

    /// <summary>An observable.</summary>
    Observable,
}

/// <summary>One column of a <see cref="SimulationResult"/>.</summary>
/// <param name="Name">Column name (the CSV header).</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Unit">Unit of the values.</param>
/// <param name="Description">What it means.</param>
/// <param name="Values">Values at the result's times (read-only).</param>
public sealed record SimulationColumn(string Name, ColumnKind Kind, Unit Unit, string Description, IReadOnlyList<double> Values);

/// <summary>What produced a result: model identity, parameter changes, solver settings and the request's extras.</summary>
/// <param name="ModelId">Model id.</param>
/// <param name="ModelHash">Model content hash (<see cref="Model.ContentHash"/>).</param>
/// <param name="ParameterChanges">Parameters and inputs that differ from the model defaults.</param>
/// <param name="Method">Solver method name as requested.</param>
/// <param name="RelativeTolerance">Relative tolerance.</param>
/// <param name="AbsoluteTolerance">Scalar absolute tolerance.</param>
/// <param name="InitialOverrides">Initial overrides by state name.</param>
/// <param name="InputSwitches">Input switches (validated order).</param>
/// <param name="Doses">Extra doses of the request.</param>
/// <param name="PreEquilibration">The pre-equilibration result, or <see langword="null"/> when none was requested.</param>
public sealed record SimulationMetadata(
    string ModelId,
    string ModelHash,
    IReadOnlyList<ParameterChange> ParameterChanges,
    string Method,
    double RelativeTolerance,
    double AbsoluteTolerance,
    IReadOnlyDictionary<string, double> InitialOverrides,
    IReadOnlyList<InputSwitch> InputSwitches,
    IReadOnlyList<Dose> Doses,
    SteadyStateResult? PreEquilibration);

/// <summary>Thrown by <c>EnsureSuccess</c> for a failed simulation or steady-state solve.</summary>
public sealed class SimulationFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">Failure status.</param>
    /// <param name="message">Message.</param>
    public SimulationFailedException(SimulationStatus status, string message)
        : base(message) => Status = status;

    /// <summary>Creates the exception (status <see cref="SimulationStatus.RhsFailure"/>).</summary>
    public SimulationFailedException()
        : this(SimulationStatus.RhsFailure, "The simulation failed.")
    {
    }

    /// <summary>Creates the exception (status <see cref="SimulationStatus.RhsFailure"/>).</summary>
    /// <param name="message">Message.</param>
    public SimulationFailedException(string message)
        : this(SimulationStatus.RhsFailure, message)
    {
    }

    /// <summary>Creates the exception (status <see cref="SimulationStatus.RhsFailure"/>).</summary>
    /// <param name="message">Message.</param>
    /// <param name="innerException">Cause.</param>
    public SimulationFailedException(string message, Exception innerException)
        : base(message, innerException) => Status = SimulationStatus.RhsFailure;

    /// <summary>Failure status.</summary>
    public SimulationStatus Status { get; }
}

/// <summary>
/// Immutable outcome of a simulation: columns <c>t</c>, the model's time columns, the states in canonical order and (when
/// requested) the observables; status and message (failures are statuses: the rows up to the failure are kept), solver
/// statistics, event log and metadata.
/// </summary>
public sealed class SimulationResult
{
    private readonly Dictionary<string, int> _byName;

    internal SimulationResult(SimulationStatus status, string message, IReadOnlyList<SimulationColumn> columns, SolverStatistics statistics,
        IReadOnlyList<EventRecord> events, SimulationMetadata metadata, DenseSolution? dense)
    {
        Status = status;
        Message = message;
        Columns = columns;
        Statistics = statistics;
        Events = events;
        Metadata = metadata;
        Dense = dense;
        _byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            _byName[columns[i].Name] = i;
        }

        Times = columns[0].Values;
        StateNames = [.. columns.Where(c => c.Kind == ColumnKind.State).Select(c => c.Name)];
    }

    /// <summary>How the run ended.</summary>
    public SimulationStatus Status { get; }

    /// <summary>Whether the end time was reached or a terminal event stopped the run.</summary>
    public bool IsSuccess => Status is SimulationStatus.Success or SimulationStatus.StoppedByEvent;

    /// <summary>Outcome message; for failures it gives t, h, the offending state and what to try.</summary>
    public string Message { get; }

    /// <summary>Output times (the <c>t</c> column).</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => Times.Count;

    /// <summary>All columns: t, time columns, states, observables.</summary>
    public IReadOnlyList<SimulationColumn> Columns { get; }

    /// <summary>Column names in order (the CSV header).</summary>
    public IReadOnlyList<string> ColumnNames => [.. Columns.Select(c => c.Name)];

    /// <summary>State names in canonical order.</summary>
    public IReadOnlyList<string> StateNames { get; }

    /// <summary>Solver work counters.</summary>
    public SolverStatistics Statistics { get; }

    /// <summary>Events, mode switches, input switches and doses that fired, in time order.</summary>
    public IReadOnlyList<EventRecord> Events { get; }

    /// <summary>What produced the result.</summary>
    public SimulationMetadata Metadata { get; }

    /// <summary>Continuous solution of the states over the integrated interval (when the solver kept dense output).</summary>
    public DenseSolution? Dense { get; }

    /// <summary>Values of a column.</summary>
    /// <param name="name">Column name.</param>
    public IReadOnlyList<double> this[string name] => Column(name).Values;

    /// <summary>Whether a column of that name exists.</summary>
    /// <param name="name">Column name.</param>
    /// <returns>Whether present.</returns>
    public bool HasColumn(string name) => name is not null && _byName.ContainsKey(name);

    /// <summary>A column by name (with unit and description); unknown names throw with the nearest column names.</summary>
    /// <param name="name">Column name.</param>
    /// <returns>The column.</returns>
    public SimulationColumn Column(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out var i)
            ? Columns[i]
            : throw new ArgumentException(SimulationMessages.UnknownColumn(name, "column", ColumnNames), nameof(name));
    }

    /// <summary>The states at one row, in canonical order (for example to continue from the last row).</summary>
    /// <param name="row">Row index (0 … <see cref="RowCount"/> − 1).</param>
    /// <returns>A new array.</returns>
    public double[] StatesAt(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        var y = new double[StateNames.Count];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = Column(StateNames[i]).Values[row];
        }

        return y;
    }

    /// <summary>Writes CSV: header <c>t,</c> then the other column names; one row per time; invariant culture, round-trip numbers.</summary>
    /// <param name="writer">Destination.</param>
    public void ToCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        for (var c = 0; c < Columns.Count; c++)
        {
            if (c > 0)
            {
                writer.Write(',');
            }

            writer.Write(Columns[c].Name);
        }

        writer.Write('\n');
        for (var r = 0; r < RowCount; r++)
        {
            for (var c = 0; c < Columns.Count; c++)
            {
                if (c > 0)
                {
                    writer.Write(',');
                }

                writer.Write(Columns[c].Values[r].ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }

    /// <summary>The CSV text (see <see cref="ToCsv(TextWriter)"/>).</summary>
    /// <returns>The text.</returns>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        ToCsv(writer);
        return writer.ToString();
    }

    /// <summary>Throws <see cref="SimulationFailedException"/> unless <see cref="IsSuccess"/>.</summary>
    /// <returns>This result.</returns>
    public SimulationResult EnsureSuccess() => IsSuccess ? this : throw new SimulationFailedException(Status, Message);

    internal static IReadOnlyList<double> ReadOnly(double[] values) => new ReadOnlyCollection<double>(values);
}
