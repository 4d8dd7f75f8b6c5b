using System.Collections.ObjectModel;

namespace OsteoOde.Modeling;

/// <summary>Settings of <see cref="SteadyStateSolver"/> (immutable; derive variants with <c>with</c>).</summary>
public sealed record SteadyStateOptions
{
    /// <summary>Relative tolerance of the steady state (weights <c>atol + rtol·|y_i|</c>).</summary>
    public double RelativeTolerance { get; init; } = 1e-10;

    /// <summary>Absolute tolerance in state units.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-14;

    /// <summary>Maximum Newton iterations per attempt (plain, damped, and each polish after an integration segment).</summary>
    public int MaxIterations { get; init; } = 50;

    /// <summary>Whether to fall back to integrating towards the steady state when (damped) Newton fails.</summary>
    public bool AllowIntegration { get; init; } = true;

    /// <summary>Longest total integration of the fallback, in model time units.</summary>
    public double MaxIntegrationTime { get; init; } = 1e9;

    /// <summary>Method of the integration fallback (a name from the Numerics method catalog).</summary>
    public string IntegrationMethod { get; init; } = "auto";

    /// <summary>Time at which the rates are evaluated (the system is treated as autonomous at this time).</summary>
    public double Time { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(RelativeTolerance > 0) || !double.IsFinite(RelativeTolerance))
        {
            throw new ArgumentException(SimulationMessages.PositiveFinite(nameof(RelativeTolerance), RelativeTolerance), nameof(RelativeTolerance));
        }

        if (!(AbsoluteTolerance > 0) || !double.IsFinite(AbsoluteTolerance))
        {
            throw new ArgumentException(SimulationMessages.PositiveFinite(nameof(AbsoluteTolerance), AbsoluteTolerance), nameof(AbsoluteTolerance));
        }

        if (MaxIterations < 1)
        {
            throw new ArgumentException(SimulationMessages.AtLeastOne(nameof(MaxIterations), MaxIterations), nameof(MaxIterations));
        }

        if (!(MaxIntegrationTime > 0) || !double.IsFinite(MaxIntegrationTime))
        {
            throw new ArgumentException(SimulationMessages.PositiveFinite(nameof(MaxIntegrationTime), MaxIntegrationTime), nameof(MaxIntegrationTime));
        }

        if (!double.IsFinite(Time))
        {
            throw new ArgumentException(SimulationMessages.PositiveFinite(nameof(Time), Time), nameof(Time));
        }

        if (!Numerics.OdeMethodCatalog.Default.TryGet(IntegrationMethod, out _))
        {
            throw new ArgumentException(SimulationMessages.UnknownMethod(IntegrationMethod), nameof(IntegrationMethod));
        }
    }
}

/// <summary>How a steady-state solve ended.</summary>
public enum SteadyStateStatus
{
    /// <summary>A steady state was found to the requested tolerance.</summary>
    Converged = 0,

    /// <summary>No method reached the tolerance (no steady state, or too far for the iteration and time limits).</summary>
    NotConverged = 1,

    /// <summary>The integration fallback failed numerically (message from the solver).</summary>
    Failed = 2,
}

/// <summary>Which method produced the steady state.</summary>
public enum SteadyStateMethod
{
    /// <summary>Nothing to solve (every state is held) or nothing converged.</summary>
    None = 0,

    /// <summary>Newton's method with full steps and the analytic Jacobian.</summary>
    Newton = 1,

    /// <summary>Newton's method with backtracking (Armijo) line search.</summary>
    DampedNewton = 2,

    /// <summary>Integration with a stiff method towards the steady state, then Newton polishing (or a rate test when the Jacobian is singular).</summary>
    Integration = 3,
}

/// <summary>A state held at its starting value during a steady-state solve because no rate depends on it (a pure integrator).</summary>
/// <param name="Name">State name.</param>
/// <param name="Index">State index.</param>
/// <param name="Value">Held value.</param>
/// <param name="Rate">Its rate at the steady state of the other states (its residual; not driven to zero).</param>
public sealed record HeldState(string Name, int Index, double Value, double Rate);

/// <summary>Outcome of <see cref="SteadyStateSolver"/>; failures are statuses, never exceptions.</summary>
public sealed class SteadyStateResult
{
    private readonly double[] _state;
    private readonly Dictionary<string, int> _index;

    internal SteadyStateResult(SteadyStateStatus status, SteadyStateMethod method, int iterations, double residualNorm, double maxScaledRate,
        IReadOnlyList<string> stateNames, double[] state, IReadOnlyList<HeldState> held, string message)
    {
        Status = status;
        Method = method;
        Iterations = iterations;
        ResidualNorm = residualNorm;
        MaxScaledRate = maxScaledRate;
        StateNames = stateNames;
        _state = state;
        HeldStates = held;
        Message = message;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < stateNames.Count; i++)
        {
            _index[stateNames[i]] = i;
        }

        State = new ReadOnlyCollection<double>(_state);
    }

    /// <summary>How the solve ended.</summary>
    public SteadyStateStatus Status { get; }

    /// <summary>Whether <see cref="Status"/> is <see cref="SteadyStateStatus.Converged"/>.</summary>
    public bool IsConverged => Status == SteadyStateStatus.Converged;

    /// <summary>Method that produced the result.</summary>
    public SteadyStateMethod Method { get; }

    /// <summary>Newton iterations over all attempts.</summary>
    public int Iterations { get; }

    /// <summary>
    /// Estimated distance to the exact steady state in units of the tolerance: the weighted max norm of the Newton correction
    /// <c>J⁻¹f</c> at the final state (weights <c>atol + rtol·|y_i|</c>, free states only); ≤ 1 when converged. When the Jacobian
    /// is singular it is the drift over the last integration segment at the final rates, in the same units.
    /// </summary>
    public double ResidualNorm { get; }

    /// <summary>Largest <c>|f_i| / (atol + rtol·|y_i|)</c> over the free states, per model time unit (how fast the state still moves).</summary>
    public double MaxScaledRate { get; }

    /// <summary>Outcome message (for failures: why, and what to try).</summary>
    public string Message { get; }

    /// <summary>State names in canonical order.</summary>
    public IReadOnlyList<string> StateNames { get; }

    /// <summary>The steady state (held states at their held values), canonical order.</summary>
    public IReadOnlyList<double> State { get; }

    /// <summary>States held fixed because no rate depends on them, with their rates.</summary>
    public IReadOnlyList<HeldState> HeldStates { get; }

    /// <summary>Steady-state value of a state.</summary>
    /// <param name="name">State name.</param>
    public double this[string name] => _index.TryGetValue(name, out var i)
        ? _state[i]
        : throw new ArgumentException(SimulationMessages.UnknownColumn(name, "state", StateNames), nameof(name));

    /// <summary>The steady state as a new array.</summary>
    /// <returns>A copy.</returns>
    public double[] ToArray() => (double[])_state.Clone();

    /// <summary>Throws <see cref="SimulationFailedException"/> unless converged.</summary>
    /// <returns>This result.</returns>
    public SteadyStateResult EnsureSuccess() =>
        IsConverged ? this : throw new SimulationFailedException(SimulationStatus.PreEquilibrationFailed, Message);
}
