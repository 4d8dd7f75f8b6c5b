using OsteoOde.Numerics;

namespace OsteoOde.Modeling;

/// <summary>What a named model quantity is.</summary>
public enum QuantityKind
{
    /// <summary>A state variable integrated by the solver.</summary>
    State,

    /// <summary>A constant parameter with value, unit, source and bounds.</summary>
    Parameter,

    /// <summary>A piecewise-constant external input (switched at exact times by simulation schedules).</summary>
    Input,

    /// <summary>A named intermediate defined by an expression (assignment rule), possibly an open sum or product.</summary>
    Assignment,
}

/// <summary>Scale on which a parameter is sampled and fitted.</summary>
public enum ParameterScale
{
    /// <summary>Linear scale (may include zero and negative values).</summary>
    Linear,

    /// <summary>Logarithmic scale (bounds must be positive); the default for rate constants.</summary>
    Log,
}

/// <summary>How an assignment is defined.</summary>
public enum AssignmentKind
{
    /// <summary>A single expression.</summary>
    Expression,

    /// <summary>An extension point: the sum of the terms modules contribute (0 when none).</summary>
    OpenSum,

    /// <summary>An extension point: the product of the factors modules contribute (1 when none).</summary>
    OpenProduct,
}

/// <summary>A named quantity of a model (state, parameter, input or assignment).</summary>
public abstract class ModelQuantity
{
    private protected ModelQuantity(string name, Unit unit, string description, string? module)
    {
        Name = name;
        Unit = unit;
        Description = description;
        Module = module;
        Symbol = Expr.Symbol(name);
    }

    /// <summary>Name (an identifier; unique across all quantities of the model).</summary>
    public string Name { get; }

    /// <summary>Unit.</summary>
    public Unit Unit { get; }

    /// <summary>What the quantity means.</summary>
    public string Description { get; }

    /// <summary>The module that declared it, or <see langword="null"/> for the base model.</summary>
    public string? Module { get; }

    /// <summary>The symbol node that refers to this quantity in expressions.</summary>
    public Expr Symbol { get; }

    /// <summary>What kind of quantity this is.</summary>
    public abstract QuantityKind Kind { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {Name} [{Unit}]";
}

/// <summary>A state variable.</summary>
public sealed class ModelState : ModelQuantity
{
    internal ModelState(string name, Unit unit, Expr initial, bool initialIsExpression, string description, bool nonNegative,
        string? module, IReadOnlyList<RateTerm> rateTerms)
        : base(name, unit, description, module)
    {
        Initial = initial;
        InitialIsExpression = initialIsExpression;
        NonNegative = nonNegative;
        RateTerms = rateTerms;
        Rate = rateTerms.Aggregate(Expr.Zero, (sum, term) => sum + term.Expression);
    }

    /// <inheritdoc/>
    public override QuantityKind Kind => QuantityKind.State;

    /// <summary>
    /// Initial value: a constant in <see cref="ModelQuantity.Unit"/>, or an expression of parameters, inputs and state-free
    /// assignments (recomputed from the parameter vector whenever initial states are evaluated).
    /// </summary>
    public Expr Initial { get; }

    /// <summary>True when <see cref="Initial"/> was declared as an expression rather than a number.</summary>
    public bool InitialIsExpression { get; }

    /// <summary>The solver must keep this state non-negative (steps that make it negative are rejected, never clamped).</summary>
    public bool NonNegative { get; }

    /// <summary>Named terms of <c>d(state)/dt</c> in the order they were added (base first, then modules).</summary>
    public IReadOnlyList<RateTerm> RateTerms { get; }

    /// <summary>The right-hand side <c>d(state)/dt</c>: the sum of <see cref="RateTerms"/> (assignments not inlined).</summary>
    public Expr Rate { get; }

    /// <summary>The equation label used in messages and renderings: <c>d(Name)/dt</c>.</summary>
    public string EquationLabel => $"d({Name})/dt";
}

/// <summary>A model parameter with its full provenance.</summary>
public sealed class ModelParameter : ModelQuantity
{
    internal ModelParameter(string name, double value, Unit unit, string description, Citation source, double lowerBound,
        double upperBound, bool tunable, ParameterScale scale, string? module)
        : base(name, unit, description, module)
    {
        Value = value;
        Source = source;
        LowerBound = lowerBound;
        UpperBound = upperBound;
        Tunable = tunable;
        Scale = scale;
    }

    /// <inheritdoc/>
    public override QuantityKind Kind => QuantityKind.Parameter;

    /// <summary>Default value in <see cref="ModelQuantity.Unit"/>.</summary>
    public double Value { get; }

    /// <summary>Where the value comes from.</summary>
    public Citation Source { get; }

    /// <summary>Smallest plausible value (for scans, sampling and fits).</summary>
    public double LowerBound { get; }

    /// <summary>Largest plausible value.</summary>
    public double UpperBound { get; }

    /// <summary>Whether fits and sensitivity analyses may vary it.</summary>
    public bool Tunable { get; }

    /// <summary>Scale for sampling and fitting.</summary>
    public ParameterScale Scale { get; }
}

/// <summary>A piecewise-constant input (external production rate, drug concentration, switch), stored after the parameters in the parameter vector.</summary>
public sealed class ModelInput : ModelQuantity
{
    internal ModelInput(string name, Unit unit, double defaultValue, string description, string? module,
        double lowerBound = double.NegativeInfinity, double upperBound = double.PositiveInfinity)
        : base(name, unit, description, module)
    {
        DefaultValue = defaultValue;
        LowerBound = lowerBound;
        UpperBound = upperBound;
    }

    /// <inheritdoc/>
    public override QuantityKind Kind => QuantityKind.Input;

    /// <summary>Value when no schedule sets it.</summary>
    public double DefaultValue { get; }

    /// <summary>Smallest allowed value (<see cref="double.NegativeInfinity"/>: no lower bound).</summary>
    public double LowerBound { get; }

    /// <summary>Largest allowed value (<see cref="double.PositiveInfinity"/>: no upper bound).</summary>
    public double UpperBound { get; }

    /// <summary>Whether at least one bound is finite.</summary>
    public bool IsBounded => double.IsFinite(LowerBound) || double.IsFinite(UpperBound);

    /// <summary>Whether <paramref name="value"/> is finite and within the bounds.</summary>
    /// <param name="value">A value in <see cref="ModelQuantity.Unit"/>.</param>
    /// <returns>Whether allowed.</returns>
    public bool Allows(double value) => double.IsFinite(value) && value >= LowerBound && value <= UpperBound;
}

/// <summary>A named term or factor contributed to an open sum/product, or a term of a state's rate.</summary>
/// <param name="Name">Term name (unique within its target).</param>
/// <param name="Expression">The term.</param>
/// <param name="Module">Contributing module, or <see langword="null"/> for the base model.</param>
public sealed record RateTerm(string Name, Expr Expression, string? Module);

/// <summary>A named intermediate (assignment rule); an observable when <see cref="IsObservable"/>.</summary>
public sealed class ModelAssignment : ModelQuantity
{
    internal ModelAssignment(string name, AssignmentKind assignmentKind, Expr expression, Unit unit, bool unitDeclared,
        string description, bool isObservable, IReadOnlyList<RateTerm> contributions, string? module, bool isTimeColumn = false,
        AssignmentGroup? group = null)
        : base(name, unit, description, module)
    {
        IsTimeColumn = isTimeColumn;
        Group = group;
        AssignmentKind = assignmentKind;
        Expression = expression;
        UnitDeclared = unitDeclared;
        IsObservable = isObservable;
        Contributions = contributions;
    }

    /// <inheritdoc/>
    public override QuantityKind Kind => QuantityKind.Assignment;

    /// <summary>Plain expression, open sum or open product.</summary>
    public AssignmentKind AssignmentKind { get; }

    /// <summary>The defining expression (for open sums/products: the sum/product of <see cref="Contributions"/>, or 0/1).</summary>
    public Expr Expression { get; }

    /// <summary>Whether the unit was declared (checked) rather than inferred from the expression.</summary>
    public bool UnitDeclared { get; }

    /// <summary>Whether the quantity is reported as an output column.</summary>
    public bool IsObservable { get; }

    /// <summary>
    /// Whether this is a time column (<see cref="ModelBuilder.TimeColumn"/>): a function of time and parameters reported right
    /// after <c>t</c> in simulation results (before the states).
    /// </summary>
    public bool IsTimeColumn { get; }

    /// <summary>Terms (open sum) or factors (open product) contributed by modules, in order; empty for plain assignments.</summary>
    public IReadOnlyList<RateTerm> Contributions { get; }

    /// <summary>
    /// The group of internal helpers this assignment belongs to (<see cref="ModelBuilder.InternalAssignments"/>), or
    /// <see langword="null"/>. Only rendering uses it; the assignment computes and is hashed like any other.
    /// </summary>
    public AssignmentGroup? Group { get; }
}

/// <summary>A named group of internal helper assignments, shown as one line in rendered equations.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Summary">What the helpers compute and where they are declared.</param>
public sealed record AssignmentGroup(string Name, string Summary);

/// <summary>One assignment <c>state := value</c> of an event (all values are computed from the pre-event state).</summary>
/// <param name="State">Target state name.</param>
/// <param name="Value">New value, in the state's unit.</param>
public sealed record EventAssignment(string State, Expr Value);

/// <summary>A state event: fires where <see cref="Trigger"/> crosses zero in <see cref="Direction"/>.</summary>
/// <param name="Name">Event name (unique among events).</param>
/// <param name="Trigger">Root expression (any unit).</param>
/// <param name="Direction">Crossing direction that fires the event.</param>
/// <param name="Assignments">State changes (may be empty: the event then only marks a kink for the integrator).</param>
/// <param name="Terminal">Whether firing stops the integration.</param>
/// <param name="Description">What the event represents.</param>
/// <param name="Module">Declaring module, or <see langword="null"/> for the base model.</param>
public sealed record ModelEvent(string Name, Expr Trigger, EventDirection Direction, IReadOnlyList<EventAssignment> Assignments,
    bool Terminal, string Description, string? Module);

/// <summary>A bolus dose record: <c>state += amount</c> at each of <see cref="Times"/> (becomes timed actions at simulation).</summary>
/// <param name="Name">Dose name (unique among doses).</param>
/// <param name="State">Target state name.</param>
/// <param name="Amount">Amount added, in the state's unit (may depend on parameters and inputs, not on states).</param>
/// <param name="Times">Dose times in the model time unit, ascending.</param>
/// <param name="Description">What the dose represents.</param>
/// <param name="Module">Declaring module, or <see langword="null"/> for the base model.</param>
public sealed record ModelDose(string Name, string State, Expr Amount, IReadOnlyList<double> Times, string Description, string? Module);

/// <summary>A module that was applied to build a model.</summary>
/// <param name="Name">Module name.</param>
/// <param name="Description">What it adds.</param>
/// <param name="DependsOn">Modules it requires.</param>
public sealed record AppliedModule(string Name, string Description, IReadOnlyList<string> DependsOn);
