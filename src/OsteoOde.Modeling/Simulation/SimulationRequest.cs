using OsteoOde.Numerics;

namespace OsteoOde.Modeling;

/// <summary>
/// Everything one simulation needs, as an immutable record (derive variants with <c>with</c>). Time runs from 0 to
/// <see cref="EndTime"/> in the model's time unit.
/// <para>
/// What is computed from what, on every run (nothing is cached between runs except the compiled model): initial states given
/// by initial expressions are evaluated from <see cref="Parameters"/>; if <see cref="PreEquilibration"/> is set, the steady state
/// for <see cref="Parameters"/> (inputs at their values in the set) is solved from that initial state and replaces it; entries of
/// <see cref="InitialOverrides"/> are applied last and win over both; observables, time columns and dose amounts given by
/// expressions are evaluated with <see cref="Parameters"/> (and the inputs active at each time).
/// </para>
/// </summary>
public sealed record SimulationRequest
{
    /// <summary>A request for a model (compiled once per model instance and cached).</summary>
    /// <param name="model">The model.</param>
    /// <param name="endTime">End time (&gt; 0), model time unit.</param>
    public SimulationRequest(Model model, double endTime)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        EndTime = endTime;
    }

    /// <summary>A request for an already compiled model.</summary>
    /// <param name="compiled">The compiled model.</param>
    /// <param name="endTime">End time (&gt; 0), model time unit.</param>
    public SimulationRequest(CompiledModel compiled, double endTime)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        Model = compiled.Model;
        Compiled = compiled;
        EndTime = endTime;
    }

    /// <summary>The model.</summary>
    public Model Model { get; }

    /// <summary>The compiled model when given explicitly (otherwise the cached compilation of <see cref="Model"/> is used).</summary>
    public CompiledModel? Compiled { get; }

    /// <summary>End time (&gt; 0), model time unit.</summary>
    public double EndTime { get; init; }

    /// <summary>Parameter and input values (<see langword="null"/>: model defaults). Must belong to <see cref="Model"/> (same instance or same content hash).</summary>
    public ParameterSet? Parameters { get; init; }

    /// <summary>
    /// Times at which to report (strictly increasing, within [0, <see cref="EndTime"/>]); values are reported at exactly these
    /// times (interpolated to the solver's accuracy). <see langword="null"/>: t = 0 and the end of every accepted step.
    /// </summary>
    public IReadOnlyList<double>? OutputTimes { get; init; }

    /// <summary>Initial values by state name; they win over initial expressions and pre-equilibration.</summary>
    public IReadOnlyDictionary<string, double>? InitialOverrides { get; init; }

    /// <summary>Input windows (<see cref="InputSwitch"/>; validated into an <see cref="InputSchedule"/>).</summary>
    public IReadOnlyList<InputSwitch> InputSwitches { get; init; } = [];

    /// <summary>Bolus doses in addition to the model's dose records.</summary>
    public IReadOnlyList<Dose> Doses { get; init; } = [];

    /// <summary>
    /// Solver settings: method (default <c>auto</c>), tolerances, step limits. <see cref="OdeOptions.OutputTimes"/> must be left
    /// unset (use <see cref="OutputTimes"/>); <see cref="OdeOptions.NonNegative"/> defaults to the model's non-negative states.
    /// </summary>
    public OdeOptions Solver { get; init; } = new();

    /// <summary>Whether to add the model's observables as columns after the states.</summary>
    public bool IncludeObservables { get; init; } = true;

    /// <summary>Pre-equilibrate: start from the steady state for <see cref="Parameters"/> (solved on every run) with these settings; <see langword="null"/> for none.</summary>
    public SteadyStateOptions? PreEquilibration { get; init; }
}
