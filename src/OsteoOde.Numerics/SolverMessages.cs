using System.Globalization;

namespace OsteoOde.Numerics;

/// <summary>Every failure message of the solvers, in one place, with invariant number formatting.</summary>
public static class SolverMessages
{
    // Round-trip formatting: a failure time must identify the step (1.0000002 is not 1).
    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The step size underflowed.</summary>
    /// <param name="method">Method name.</param>
    /// <param name="t">Time reached.</param>
    /// <param name="h">Last attempted step.</param>
    /// <param name="component">Component with the largest scaled error, or null.</param>
    /// <returns>The message.</returns>
    public static string StepSizeTooSmall(string method, double t, double h, string? component) =>
        $"{method}: step size too small at t = {F(t)} (h = {F(h)})"
        + (component is null ? "" : $"; largest error in {component}")
        + ". The problem may be stiff (try method 'rodas5p' or 'auto'), singular there, or the tolerances too tight.";

    /// <summary>The maximum number of steps was reached.</summary>
    /// <param name="method">Method name.</param>
    /// <param name="t">Time reached.</param>
    /// <param name="h">Current step size.</param>
    /// <param name="maxSteps">The limit.</param>
    /// <returns>The message.</returns>
    public static string MaxSteps(string method, double t, double h, int maxSteps) =>
        $"{method}: reached the limit of {maxSteps} steps at t = {F(t)} (h = {F(h)}). Raise MaxSteps, loosen the tolerances, "
        + "or use a stiff method ('rodas5p', 'radau5' or 'auto') if the step size stays small.";

    /// <summary>A state or derivative became non-finite.</summary>
    /// <param name="method">Method name.</param>
    /// <param name="t">Time.</param>
    /// <param name="h">Step size.</param>
    /// <param name="component">Offending component.</param>
    /// <returns>The message.</returns>
    public static string NonFinite(string method, double t, double h, string component) =>
        $"{method}: {component} became NaN or infinite at t = {F(t)} (h = {F(h)}) and smaller steps did not help. "
        + "The solution may blow up here; check parameters and initial values, or protect the component with NonNegative.";

    /// <summary>The right-hand side (or Jacobian, or an event function) threw.</summary>
    /// <param name="method">Method name.</param>
    /// <param name="t">Time.</param>
    /// <param name="what">Which function failed.</param>
    /// <param name="error">The exception.</param>
    /// <returns>The message.</returns>
    public static string CallbackFailed(string method, double t, string what, Exception error) =>
        $"{method}: the {what} threw {error?.GetType().Name} at t = {F(t)}: {error?.Message}";

    /// <summary>An event or timed action left a component NaN or infinite.</summary>
    /// <param name="method">Method name.</param>
    /// <param name="t">Time of the action.</param>
    /// <param name="component">Offending component.</param>
    /// <returns>The message.</returns>
    public static string ActionNotFinite(string method, double t, string component) =>
        $"{method}: an event or timed action at t = {F(t)} set {component} to NaN or infinity. Check the action's arithmetic "
        + "(a division by a zero state, an unset dose amount).";

    /// <summary>Success.</summary>
    /// <param name="method">Method name.</param>
    /// <param name="t">End time.</param>
    /// <param name="stats">Counters.</param>
    /// <returns>The message.</returns>
    public static string Success(string method, double t, SolverStatistics stats) =>
        $"{method}: reached t = {F(t)} in {stats.AcceptedSteps} steps ({stats.RejectedSteps} rejected), "
        + $"{stats.RhsEvaluations} RHS evaluations, {stats.JacobianEvaluations} Jacobians, {stats.LuDecompositions} LU factorisations.";

    /// <summary>A terminal event stopped the integration.</summary>
    /// <param name="method">Method name.</param>
    /// <param name="eventName">Event name.</param>
    /// <param name="t">Event time.</param>
    /// <returns>The message.</returns>
    public static string StoppedByEvent(string method, string eventName, double t) =>
        $"{method}: stopped by terminal event '{eventName}' at t = {F(t)}.";

    /// <summary>The Jacobian had a NaN or infinite entry (or an entry an analytic Jacobian did not write).</summary>
    /// <param name="method">Method name.</param>
    /// <param name="t">Time.</param>
    /// <param name="h">Step size.</param>
    /// <param name="row">Name of the differentiated component (row).</param>
    /// <param name="column">Name of the component differentiated against (column).</param>
    /// <param name="analytic">Whether the Jacobian is the problem's analytic one.</param>
    /// <returns>The message.</returns>
    public static string JacobianNotFinite(string method, double t, double h, string row, string column, bool analytic) =>
        $"{method}: the Jacobian entry d({row})/d({column}) is NaN or infinite at t = {F(t)} (h = {F(h)}). "
        + (analytic
            ? "Check that the analytic Jacobian writes all n*n entries in row-major order (J[i*n + j] = df_i/dy_j) for this "
              + "dimension, or leave it out to use finite differences."
            : "The right-hand side is not differentiable or not finite near this state; check parameters and initial values.");

    /// <summary>The iteration matrix stayed singular while the step size was reduced.</summary>
    /// <param name="method">Method name.</param>
    /// <param name="t">Time.</param>
    /// <param name="h">Last step size tried.</param>
    /// <param name="component">Component at the first zero pivot.</param>
    /// <returns>The message.</returns>
    public static string SingularMatrix(string method, double t, double h, string component) =>
        $"{method}: the iteration matrix I/(h*gamma) - J stayed singular at t = {F(t)} (h = {F(h)}; zero pivot at {component}) "
        + "although the step was reduced. Check the Jacobian, or whether the model has a conserved quantity written as an "
        + "algebraic constraint.";

    /// <summary>A protected component kept going negative until the step size underflowed.</summary>
    /// <param name="method">Method name.</param>
    /// <param name="t">Time.</param>
    /// <param name="h">Last step size tried.</param>
    /// <param name="component">Component that went below −atol.</param>
    /// <returns>The message.</returns>
    public static string NegativeState(string method, double t, double h, string component) =>
        $"{method}: {component} kept going below minus its absolute tolerance at t = {F(t)} (h = {F(h)}) although the step "
        + "was reduced. The model may drive it negative (check rate laws and parameters), or its absolute tolerance is too small.";

    /// <summary>The Newton iteration of an implicit method kept failing until the step size underflowed.</summary>
    /// <param name="method">Method name.</param>
    /// <param name="t">Time.</param>
    /// <param name="h">Last step size tried.</param>
    /// <param name="component">Component with the largest Newton increment, or null.</param>
    /// <returns>The message.</returns>
    public static string NewtonFailure(string method, double t, double h, string? component) =>
        $"{method}: the Newton iteration did not converge at t = {F(t)} (h = {F(h)})"
        + (component is null ? "" : $"; largest increment in {component}")
        + ". Check the analytic Jacobian (compare with finite differences by leaving it out), or try 'rodas5p'.";
}
