using System.Globalization;
using System.Text;

namespace OsteoOde.Modeling;

/// <summary>Every message of model declaration, validation and unit checking, in one place, with invariant number formatting.</summary>
public static class ModelMessages
{
    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Where(string equation, string? termName) =>
        termName is null ? equation : $"{equation}, term '{termName}'";

    /// <summary>Header and list of structural problems.</summary>
    /// <param name="modelId">Model id.</param>
    /// <param name="problems">Problems.</param>
    /// <returns>The message.</returns>
    public static string ValidationFailed(string modelId, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var sb = new StringBuilder($"Model '{modelId}' is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):");
        foreach (var p in problems)
        {
            sb.Append("\n- ").Append(p);
        }

        return sb.ToString();
    }

    /// <summary>Header and list of unit mismatches.</summary>
    /// <param name="modelId">Model id.</param>
    /// <param name="issues">Mismatches.</param>
    /// <returns>The message.</returns>
    public static string UnitCheckFailed(string modelId, IReadOnlyList<UnitIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var sb = new StringBuilder($"Model '{modelId}' has {issues.Count} unit error{(issues.Count == 1 ? "" : "s")}:");
        foreach (var i in issues)
        {
            sb.Append("\n- ").Append(i.Message);
        }

        return sb.ToString();
    }

    internal static string TermUnitMismatch(string equation, string? termName, Expr term, Unit found, Unit expected) =>
        $"Unit mismatch in {Where(equation, termName)}: '{term}' has unit {found} but {equation} needs {expected}.";

    internal static string OperandUnitMismatch(string equation, string? termName, Expr node, Expr left, Unit leftUnit, Expr right, Unit rightUnit) =>
        $"Unit mismatch in {Where(equation, termName)}: in '{node}', '{left}' has unit {leftUnit} but '{right}' has unit {rightUnit}.";

    internal static string FunctionArgumentNotDimensionless(string equation, string? termName, Expr node, Expr argument, Unit unit) =>
        $"Unit mismatch in {Where(equation, termName)}: in '{node}', the argument '{argument}' has unit {unit} but must be dimensionless (1).";

    internal static string ExponentNotDimensionless(string equation, string? termName, Expr node, Expr exponent, Unit unit) =>
        $"Unit mismatch in {Where(equation, termName)}: in '{node}', the exponent '{exponent}' has unit {unit} but must be dimensionless (1).";

    internal static string VariableExponentNeedsDimensionlessBase(string equation, string? termName, Expr node, Expr baseExpr, Expr exponent, Unit unit) =>
        $"Unit mismatch in {Where(equation, termName)}: in '{node}', the exponent '{exponent}' is not a constant, so the base '{baseExpr}' must be dimensionless (1) but has unit {unit}; divide it by a reference value.";

    internal static string FractionalPower(string equation, string? termName, Expr node, Unit unit, double exponent) =>
        $"Unit mismatch in {Where(equation, termName)}: in '{node}', {unit} raised to the power {F(exponent)} does not have whole exponents; make the base dimensionless first.";

    internal static string DuplicateName(string name, string firstKind, string? firstModule, string secondKind, string? secondModule) =>
        $"Duplicate name '{name}': declared as {firstKind}{InModule(firstModule)} and again as {secondKind}{InModule(secondModule)}.";

    internal static string ReservedName(string name, string kind) =>
        $"The {kind} name '{name}' is reserved for the model time; choose another name.";

    internal static string UnknownName(string name, string where, string hint) =>
        $"Unknown name '{name}' in {where}.{hint}";

    internal static string UnknownState(string name, string where, string hint) =>
        $"{where} refers to the state '{name}', which is not declared.{hint}";

    internal static string NotAnExtensionPoint(string name, string expectedKind, string where, string? actual, string hint) =>
        actual is null
            ? $"{where} contributes to '{name}', which is not declared.{hint}"
            : $"{where} contributes to '{name}', which is {actual}, not an {expectedKind}.{hint}";

    internal static string DuplicateTerm(string termName, string target) =>
        $"Duplicate term name '{termName}' in {target}; term names must be unique per equation.";

    internal static string StateWithoutRate(string name, string? module) =>
        $"State '{name}'{InModule(module)} has no rate terms; add at least one with AddRate (use 0 for a constant state, or make it a parameter).";

    internal static string AssignmentCycle(IReadOnlyList<string> cycle) =>
        $"Assignments depend on each other in a cycle: {string.Join(" -> ", cycle)}.";

    internal static string ParameterMissing(string name, string what) =>
        $"Parameter '{name}' has no {what}; every parameter needs value, unit, description, source and bounds.";

    internal static string ParameterBoundsInvalid(string name, double lower, double upper) =>
        $"Parameter '{name}' has invalid bounds [{F(lower)}, {F(upper)}]: both must be finite with lower <= upper.";

    internal static string ParameterValueOutsideBounds(string name, double value, double lower, double upper) =>
        $"Parameter '{name}' = {F(value)} lies outside its bounds [{F(lower)}, {F(upper)}].";

    internal static string ParameterLogScaleNeedsPositiveBounds(string name, double lower) =>
        $"Parameter '{name}' uses a log scale but its lower bound {F(lower)} is not positive; use ParameterScale.Linear or a positive lower bound.";

    internal static string InputBoundsInvalid(string name, double lower, double upper) =>
        $"Input '{name}' has invalid bounds [{F(lower)}, {F(upper)}]: neither may be NaN, lower <= upper, and infinite bounds only on their own side.";

    internal static string InputDefaultOutsideBounds(string name, double value, double lower, double upper) =>
        $"Input '{name}' has default {F(value)} outside its bounds {SimulationMessages.Range(lower, upper)}.";

    internal static string NotFinite(string what, string name, double value) =>
        $"The {what} of '{name}' must be a finite number (got {F(value)}).";

    internal static string MissingDescription(string kind, string name) =>
        $"The {kind} '{name}' has no description.";

    internal static string InitialDependsOnState(string state, string dependency) =>
        $"The initial value of '{state}' depends on {dependency}; initial expressions may use parameters, inputs and assignments of those only.";

    internal static string DoseAmountDependsOnState(string dose, string dependency) =>
        $"The amount of dose '{dose}' depends on {dependency}; dose amounts may use parameters and inputs only.";

    internal static string TimeColumnDependsOnState(string name, string state) =>
        $"Time column '{name}' depends on the state '{state}'; time columns may use the time t, parameters and inputs only (declare it with Observable instead).";

    internal static string DoseTimesInvalid(string dose) =>
        $"Dose '{dose}' needs at least one finite dose time.";

    internal static string DuplicateEvent(string kind, string name) =>
        $"Duplicate {kind} name '{name}'.";

    internal static string UnknownObservable(string name, string hint) =>
        $"MarkObservable: '{name}' is not an assignment.{hint}";

    internal static string ObservableOrderInvalid(string name, string reason, string hint) =>
        $"OrderObservables: '{name}' {reason}.{hint}";

    internal static string ModuleDependencyMissing(string module, string dependency, string hint) =>
        $"Module '{module}' depends on '{dependency}', which is not part of the composition.{hint}";

    internal static string ModuleDependencyDisabled(string module, string dependency) =>
        $"Module '{module}' depends on '{dependency}', which is switched off; switch '{dependency}' on or '{module}' off.";

    internal static string ModuleCycle(IReadOnlyList<string> cycle) =>
        $"Module dependencies form a cycle: {string.Join(" -> ", cycle)}.";

    internal static string UnknownModule(string name, string hint) =>
        $"Unknown module '{name}'.{hint}";

    internal static string ModuleFailed(string module, string error) =>
        $"Module '{module}' failed while declaring its quantities: {error}";

    private static string InModule(string? module) => module is null ? "" : $" (module '{module}')";
}
