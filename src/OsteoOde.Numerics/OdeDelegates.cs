namespace OsteoOde.Numerics;

/// <summary>
/// Right-hand side of an ordinary differential equation system, <c>dy/dt = f(t, y)</c>.
/// The function must write every component of <paramref name="dydt"/> and must not modify <paramref name="y"/>.
/// Both arrays have the problem's dimension; they are solver-owned work arrays and must not be kept.
/// </summary>
/// <param name="t">Time.</param>
/// <param name="y">State at <paramref name="t"/> (read only).</param>
/// <param name="dydt">Destination for the derivative.</param>
public delegate void OdeFunction(double t, double[] y, double[] dydt);

/// <summary>
/// Jacobian of the right-hand side, <c>J[i * n + j] = ∂f_i/∂y_j</c> (row-major, <c>n × n</c>).
/// The function must write every entry of <paramref name="jacobian"/> and must not modify <paramref name="y"/>.
/// </summary>
/// <param name="t">Time.</param>
/// <param name="y">State at <paramref name="t"/> (read only).</param>
/// <param name="jacobian">Destination, length <c>n * n</c>, row-major.</param>
public delegate void OdeJacobian(double t, double[] y, double[] jacobian);

/// <summary>A scalar root function of an event; the event fires where it changes sign.</summary>
/// <param name="t">Time.</param>
/// <param name="y">State at <paramref name="t"/> (read only).</param>
/// <returns>The value whose zero crossing defines the event.</returns>
public delegate double EventFunction(double t, double[] y);

/// <summary>
/// Action applied when an event fires or a timed event is reached: it may change the state in place
/// (a bolus dose, a reset) and may change state the right-hand side reads (a switched input).
/// The solver restarts integration after every action.
/// </summary>
/// <param name="t">Time at which the action is applied.</param>
/// <param name="y">State, modified in place.</param>
public delegate void EventAction(double t, double[] y);
