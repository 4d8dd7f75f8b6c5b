using System.Globalization;

namespace OsteoOde.Modeling;

/// <summary>Every message of parameter sets, schedules, simulations and steady states, in one place, with invariant round-trip numbers.</summary>
public static class SimulationMessages
{
    /// <summary>Round-trip invariant text of a number.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text.</returns>
    public static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Unit text for messages: "(dimensionless)" for 1.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>The text.</returns>
    public static string UnitText(Unit unit) => unit.IsOne ? "(dimensionless)" : unit.ToString();

    /// <summary>
    /// A range as text: <c>[0, 1000]</c>, <c>[0, ∞)</c>, <c>(−∞, 5]</c> or <c>(−∞, ∞)</c> (round-trip numbers; infinite ends open).
    /// </summary>
    /// <param name="lower">Lower bound (may be −∞).</param>
    /// <param name="upper">Upper bound (may be +∞).</param>
    /// <returns>The text.</returns>
    public static string Range(double lower, double upper) =>
        (double.IsNegativeInfinity(lower) ? "(−∞" : "[" + F(lower)) + ", " + (double.IsPositiveInfinity(upper) ? "∞)" : F(upper) + "]");

    internal static string Change(ParameterChange c) =>
        $"{c.Name}: {F(c.Default)} -> {F(c.Value)} {UnitText(c.Unit)}{(c.Source is null ? "" : $" (source: {c.Source})")}";

    // ---- parameter sets -----------------------------------------------------------------------------------------------

    internal static string UnknownParameter(string modelId, string name, IReadOnlyCollection<string> candidates) =>
        $"Model '{modelId}' has no parameter or input named '{name}'.{NameSuggestions.Hint(name, candidates)}";

    internal static string ParameterOutOfRange(string modelId, ModelParameter p, double value) =>
        double.IsFinite(value)
            ? $"Parameter '{p.Name}' of model '{modelId}' = {F(value)} {UnitText(p.Unit)} is outside its allowed range [{F(p.LowerBound)}, {F(p.UpperBound)}] {UnitText(p.Unit)}."
            : $"Parameter '{p.Name}' of model '{modelId}' must be a finite number in [{F(p.LowerBound)}, {F(p.UpperBound)}] {UnitText(p.Unit)} (got {F(value)}).";

    internal static string InputNotFinite(string modelId, ModelInput input, double value) =>
        $"Input '{input.Name}' of model '{modelId}' must be a finite number in {(input.IsBounded ? Range(input.LowerBound, input.UpperBound) + " " : "")}{UnitText(input.Unit)} (got {F(value)}).";

    internal static string InputOutOfRange(string modelId, ModelInput input, double value) =>
        $"Input '{input.Name}' of model '{modelId}' = {F(value)} {UnitText(input.Unit)} is outside its allowed range {Range(input.LowerBound, input.UpperBound)} {UnitText(input.Unit)}.";

    internal static string ParameterSetForOtherModel(string setModel, string model) =>
        $"The parameter set belongs to model '{setModel}', which differs from model '{model}' (not the same instance and a different content hash); create it with ParameterSet.Defaults(model).";

    // ---- parameter-set files --------------------------------------------------------------------------------------------

    internal static string JsonInvalid(string where, string reason) =>
        $"Parameter-set file{where}: {reason}";

    internal static string JsonModelMismatch(string fileModel, string model) =>
        $"The parameter-set file is for model '{fileModel}' but is being loaded for model '{model}'.";

    internal static string JsonUnitMismatch(string name, string fileUnit, Unit modelUnit) =>
        $"'{name}': the file gives the unit '{fileUnit}' but the model declares {UnitText(modelUnit)}; convert the value to {UnitText(modelUnit)} and write that unit.";

    internal static string JsonWrongKind(string name, string array, string actual) =>
        $"'{name}' is listed under \"{array}\" but is a{(actual == "input" ? "n" : "")} {actual} of the model; move it to \"{actual}s\".";

    internal static string JsonDuplicate(string name) =>
        $"'{name}' is listed more than once.";

    // ---- input schedules and doses --------------------------------------------------------------------------------------

    internal static string SwitchSyntax(string text) =>
        $"Cannot read the input switch '{text}'; write 'NAME = VALUE for T0 < t <= T1' or 'NAME = VALUE for t > T0' (invariant numbers).";

    internal static string UnknownInput(string modelId, InputSwitch s, IReadOnlyCollection<string> inputs) =>
        inputs.Count == 0
            ? $"Input switch '{s}': model '{modelId}' has no inputs."
            : $"Input switch '{s}': model '{modelId}' has no input named '{s.Input}'.{NameSuggestions.Hint(s.Input, inputs)}";

    internal static string SwitchValueNotFinite(InputSwitch s, Unit unit) =>
        $"Input switch '{s}': the value must be a finite number in {UnitText(unit)} (got {F(s.Value)}).";

    internal static string SwitchValueOutOfRange(string modelId, InputSwitch s, ModelInput input) =>
        $"Input switch '{s}': {F(s.Value)} {UnitText(input.Unit)} is outside the allowed range of input '{input.Name}' of model '{modelId}', {Range(input.LowerBound, input.UpperBound)} {UnitText(input.Unit)}.";

    internal static string SwitchWindowInvalid(InputSwitch s) =>
        $"Input switch '{s}': the window needs a finite start >= 0 and, when given, a finite end greater than the start.";

    internal static string SwitchesOverlap(InputSwitch a, InputSwitch b) =>
        $"Input switches overlap for '{a.Input}': '{a}' and '{b}'; windows of one input may touch but not overlap.";

    internal static string DoseInterval(double interval) =>
        $"The dosing interval must be a positive finite number (got {F(interval)}).";

    internal static string DoseInvalid(Dose d, Unit unit) =>
        $"Dose '{d.LogName}' of {F(d.Amount)} {UnitText(unit)} at t = {F(d.Time)}: the amount must be finite and the time finite and >= 0.";

    internal static string DoseFactorInvalid(Dose d) =>
        $"Dose '{d.LogName}' at t = {F(d.Time)}: the factor {F(d.Factor)} must be finite and >= 0.";

    internal static string ModelDoseBeforeStart(string dose) =>
        $"The model's dose '{dose}' has a time before t = 0, where simulations start.";

    // ---- simulation requests -------------------------------------------------------------------------------------------

    internal static string EndTimeInvalid(double endTime) =>
        $"EndTime must be a positive finite number (got {F(endTime)}); simulations run from t = 0.";

    internal static string OutputTimeOutside(int i, double t, double endTime) =>
        $"OutputTimes[{i}] = {F(t)} lies outside [0, {F(endTime)}] (the simulated interval).";

    internal static string OutputTimesUnsorted(int i, double t, double previous) =>
        $"OutputTimes must be strictly increasing: OutputTimes[{i}] = {F(t)} follows {F(previous)}.";

    internal static string UnknownState(string modelId, string name, IReadOnlyCollection<string> states) =>
        $"Model '{modelId}' has no state named '{name}'.{NameSuggestions.Hint(name, states)}";

    internal static string InitialNotFinite(string name, double value, Unit unit) =>
        $"The initial value of '{name}' must be a finite number in {UnitText(unit)} (got {F(value)}).";

    internal static string InitialExpressionNotFinite(string name, double value, Expr initial) =>
        $"The initial value of '{name}' evaluates to {F(value)} with these parameters (initial expression '{initial}'); check the parameters it uses or override it.";

    internal static string SolverOutputTimesSet() =>
        "Set output times on SimulationRequest.OutputTimes, not on the solver options (Solver.OutputTimes must be null).";

    internal static string PreEquilibrationFailed(string steadyMessage) =>
        $"Pre-equilibration failed, nothing was integrated: {steadyMessage}";

    internal static string UnknownColumn(string name, string kind, IReadOnlyCollection<string> names) =>
        $"No {kind} named '{name}'.{NameSuggestions.Hint(name, names)}";

    // ---- steady state ---------------------------------------------------------------------------------------------------

    internal static string PositiveFinite(string option, double value) =>
        $"{option} must be a positive finite number (got {F(value)}).";

    internal static string AtLeastOne(string option, int value) =>
        $"{option} must be at least 1 (got {value.ToString(CultureInfo.InvariantCulture)}).";

    internal static string UnknownMethod(string method) =>
        $"Unknown method '{method}'. Valid methods: {string.Join(", ", Numerics.OdeMethodCatalog.Default.Names)}.";

    internal static string VectorLength(string what, int expected, int actual) =>
        $"The {what} must have {expected.ToString(CultureInfo.InvariantCulture)} entries (got {actual.ToString(CultureInfo.InvariantCulture)}).";

    internal static string StartNotFinite(string state, double value) =>
        $"The starting value of '{state}' must be finite (got {F(value)}).";

    internal static string SteadyAllHeld(int n) =>
        $"All {n.ToString(CultureInfo.InvariantCulture)} states are held (no rate depends on any state); nothing to solve.";

    internal static string SteadyConverged(string method, int iterations, double residual) =>
        $"Steady state found by {method} in {iterations.ToString(CultureInfo.InvariantCulture)} iterations (residual {F(residual)} of the tolerance).";

    internal static string SteadyByIntegration(double elapsed, int iterations, double residual) =>
        $"Steady state found by integrating for {F(elapsed)} time units and Newton polishing ({iterations.ToString(CultureInfo.InvariantCulture)} Newton iterations in all; residual {F(residual)} of the tolerance).";

    internal static string SteadyByIntegrationSingular(double elapsed, double drift) =>
        $"Steady state reached by integrating for {F(elapsed)} time units; the Jacobian is singular (a conservation law?), so it was accepted because the state would drift by only {F(drift)} of its tolerance over another segment.";

    internal static string SteadyIntegrationFailed(double elapsed, string solverMessage) =>
        $"Newton failed and integrating towards the steady state failed after {F(elapsed)} time units: {solverMessage}";

    internal static string SteadyNotConverged(IReadOnlyList<string> problems, bool integrationAllowed) =>
        $"No steady state found ({string.Join("; ", problems)}).{(integrationAllowed
            ? " The system may have no steady state (oscillation, unbounded growth) or need longer integration (raise MaxIntegrationTime)."
            : " Allow the integration fallback (AllowIntegration = true) or start closer to the steady state.")}";
}
