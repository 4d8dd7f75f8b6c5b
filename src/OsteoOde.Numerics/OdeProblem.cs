namespace OsteoOde.Numerics;

/// <summary>
/// An initial value problem <c>dy/dt = f(t, y)</c>, <c>y(T0) = Y0</c>, integrated to <see cref="TEnd"/>, with optional analytic
/// Jacobian, state events, timed actions and extra stop times (times the integrator must land on exactly, e.g. where a
/// forcing function is discontinuous). Construction validates every argument and throws <see cref="ArgumentException"/>
/// naming the offending one.
/// </summary>
public sealed record OdeProblem
{
    /// <summary>Creates a problem and validates its arguments.</summary>
    /// <param name="rhs">Right-hand side.</param>
    /// <param name="t0">Initial time.</param>
    /// <param name="y0">Initial state (copied).</param>
    /// <param name="tEnd">Final time; must be greater than <paramref name="t0"/>.</param>
    /// <param name="jacobian">Analytic Jacobian, or <see langword="null"/> for finite differences.</param>
    /// <param name="stateNames">Names of the components for messages, or <see langword="null"/> for <c>y[i]</c>.</param>
    public OdeProblem(OdeFunction rhs, double t0, ReadOnlySpan<double> y0, double tEnd, OdeJacobian? jacobian = null,
        IReadOnlyList<string>? stateNames = null)
    {
        ArgumentNullException.ThrowIfNull(rhs);
        if (y0.Length == 0)
        {
            throw new ArgumentException("The initial state y0 must have at least one component.", nameof(y0));
        }

        if (!double.IsFinite(t0))
        {
            throw new ArgumentException($"The initial time t0 must be finite (got {t0.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}).", nameof(t0));
        }

        if (!double.IsFinite(tEnd) || tEnd <= t0)
        {
            throw new ArgumentException(
                $"The final time tEnd must be finite and greater than t0 = {t0.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} (got {tEnd.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}).",
                nameof(tEnd));
        }

        for (var i = 0; i < y0.Length; i++)
        {
            if (!double.IsFinite(y0[i]))
            {
                var label = stateNames is not null && i < stateNames.Count ? stateNames[i] : $"y[{i}]";
                throw new ArgumentException($"The initial state y0 has a non-finite value in component {i} ({label}).", nameof(y0));
            }
        }

        if (stateNames is not null && stateNames.Count != y0.Length)
        {
            throw new ArgumentException(
                $"stateNames has {stateNames.Count} names but y0 has {y0.Length} components.", nameof(stateNames));
        }

        Rhs = rhs;
        T0 = t0;
        Y0 = y0.ToArray();
        TEnd = tEnd;
        Jacobian = jacobian;
        StateNames = stateNames;
    }

    /// <summary>Number of state components.</summary>
    public int Dimension => Y0.Length;

    /// <summary>Right-hand side.</summary>
    public OdeFunction Rhs { get; }

    /// <summary>Analytic Jacobian, or <see langword="null"/> (finite differences are used).</summary>
    public OdeJacobian? Jacobian { get; init; }

    /// <summary>
    /// Declares that the right-hand side does not depend on t explicitly (f(t, y) = f(y)). Stiff methods that need ∂f/∂t
    /// (Rosenbrock) then skip its finite-difference estimate, saving one right-hand-side evaluation per step. Default
    /// <see langword="false"/> (always safe).
    /// </summary>
    public bool IsAutonomous { get; init; }

    /// <summary>Initial time.</summary>
    public double T0 { get; }

    /// <summary>Initial state (a private copy; do not modify).</summary>
    public double[] Y0 { get; }

    /// <summary>Final time.</summary>
    public double TEnd { get; }

    /// <summary>Component names used in messages; <see langword="null"/> means <c>y[i]</c>.</summary>
    public IReadOnlyList<string>? StateNames { get; }

    /// <summary>State events (root functions located on the dense output).</summary>
    public IReadOnlyList<OdeEvent> Events { get; init; } = [];

    /// <summary>
    /// Actions at exact times (doses, input switches). Times must be finite and not before <see cref="T0"/>; actions after
    /// <see cref="TEnd"/> are never reached (so a long dosing schedule can be reused for a shorter run). Actions at equal times
    /// run in list order.
    /// </summary>
    public IReadOnlyList<TimedAction> TimedActions { get; init; } = [];

    /// <summary>
    /// Extra times the integrator must land on exactly without any action (forcing discontinuities); times outside
    /// (<see cref="T0"/>, <see cref="TEnd"/>) are ignored. A step ending at a stop time evaluates the right-hand side at that
    /// time itself, so a forcing that switches there should switch through a <see cref="TimedAction"/> (a flag the
    /// right-hand side reads) rather than a test on t.
    /// </summary>
    public IReadOnlyList<double> StopTimes { get; init; } = [];

    /// <summary>Name of component <paramref name="index"/> for messages.</summary>
    /// <param name="index">Component index.</param>
    /// <returns>The declared name, or <c>y[index]</c>.</returns>
    public string ComponentName(int index) =>
        StateNames is not null && index >= 0 && index < StateNames.Count ? StateNames[index] : $"y[{index}]";
}
