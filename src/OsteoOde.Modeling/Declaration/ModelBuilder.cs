using OsteoOde.Numerics;

namespace OsteoOde.Modeling;

/// <summary>
/// Declares a model as data and builds an immutable <see cref="Model"/>. Declarations return the symbol of the declared
/// quantity for use in expressions; quantities declared elsewhere (by the base model or another module) are referred to by
/// name with <see cref="Ref"/>. Names, units and syntax are checked immediately; cross-references, duplicates, cycles,
/// metadata and units are checked by <see cref="Build"/>, which reports every problem at once.
/// <para>
/// Extension points: an assignment declared with <see cref="OpenSum(string, Unit, string)"/> is the sum of terms that modules
/// add with <see cref="AddToSum"/> (0 with none), one declared with <see cref="OpenProduct"/> the product of factors added with
/// <see cref="MultiplyInto"/> (1 with none); modules may also add terms to any state's rate with <see cref="AddRate(string, string, Expr)"/>.
/// </para>
/// </summary>
public sealed class ModelBuilder
{
    private readonly List<StateDraft> _states = [];
    private readonly List<ModelParameter> _parameters = [];
    private readonly List<ModelInput> _inputs = [];
    private readonly List<AssignmentDraft> _assignments = [];
    private readonly List<(string State, RateTerm Term)> _rateTerms = [];
    private readonly List<(string Target, RateTerm Term, AssignmentKind Kind)> _contributions = [];
    private readonly List<string> _observableMarks = [];
    private readonly List<string> _timeColumnMarks = [];
    private List<string>? _observableOrder;
    private readonly List<EventDraft> _events = [];
    private readonly List<DoseDraft> _doses = [];
    private readonly List<Citation> _sources = [];
    private readonly List<AppliedModule> _modules = [];
    private AssignmentGroup? _group;

    /// <summary>Starts a model.</summary>
    /// <param name="id">Model id (an identifier, for example <c>pivonka2008</c>).</param>
    /// <param name="timeUnit">Time unit of the model (default: day).</param>
    public ModelBuilder(string id, Unit? timeUnit = null)
    {
        if (!Expr.IsValidName(id))
        {
            throw new ArgumentException($"Model id '{id}' is not an identifier (letter or '_' first, then letters, digits, '_').", nameof(id));
        }

        Id = id;
        TimeUnit = timeUnit ?? Unit.Day;
        if (TimeUnit.Exponent(BaseDimension.Time) != 1 || !TimeUnit.Equals(Unit.FromDimensions(TimeUnit.Scale, 0, 0, 0, 1)))
        {
            throw new ArgumentException($"The time unit must be a unit of time (got {TimeUnit}).", nameof(timeUnit));
        }
    }

    /// <summary>Model id.</summary>
    public string Id { get; }

    /// <summary>Human-readable title.</summary>
    public string Title { get; set; } = "";

    /// <summary>What the model describes.</summary>
    public string Description { get; set; } = "";

    /// <summary>
    /// Whether <see cref="Build"/> runs dimensional analysis (default true). Set it to false only for models whose source
    /// declares no units, such as SBML files without unit definitions: units are then recorded as given (dimensionless where
    /// unknown), assignments without a declared unit are dimensionless, and <see cref="Model.UnitsChecked"/> is false.
    /// </summary>
    public bool CheckUnits { get; set; } = true;

    /// <summary>Time unit.</summary>
    public Unit TimeUnit { get; }

    /// <summary>The module currently being applied (recorded as the origin of each declaration), or <see langword="null"/> for the base model.</summary>
    public string? CurrentModule { get; private set; }

    /// <summary>Adds a reference for the model as a whole.</summary>
    /// <param name="source">The citation.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder AddSource(Citation source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _sources.Add(source);
        return this;
    }

    /// <summary>A symbol referring to a quantity declared anywhere in the model (checked at <see cref="Build"/>).</summary>
    /// <param name="name">Quantity name.</param>
    /// <returns>The symbol.</returns>
    public static Expr Ref(string name) => Expr.Symbol(name);

    /// <summary>Whether a quantity of that name has been declared so far (modules use it to adapt to what is present).</summary>
    /// <param name="name">Quantity name.</param>
    /// <returns>Whether declared.</returns>
    public bool IsDeclared(string name) =>
        _states.Any(s => s.Name == name) || _parameters.Any(p => p.Name == name) || _inputs.Any(i => i.Name == name)
        || _assignments.Any(a => a.Name == name);

    /// <summary>
    /// Declares the assignments made until the returned scope is disposed as one group of internal helpers, for example the
    /// unrolled iterations of a solve written as expressions: they are ordinary assignments for everything that computes (and
    /// the model's content hash covers them), but <see cref="ModelRenderer"/> shows the group as one line with
    /// <paramref name="summary"/> instead of every member. Observables and time columns declared inside are still shown.
    /// Groups do not nest.
    /// </summary>
    /// <param name="name">Group name (an identifier), for example the common prefix of the helpers.</param>
    /// <param name="summary">One line saying what the helpers compute and where they are declared.</param>
    /// <returns>The scope; dispose it (a <c>using</c> block) after the last helper.</returns>
    /// <exception cref="InvalidOperationException">A group is already open.</exception>
    public IDisposable InternalAssignments(string name, string summary)
    {
        if (!Expr.IsValidName(name))
        {
            throw new ArgumentException($"Assignment group name '{name}' is not an identifier (letter or '_' first, then letters, digits, '_').", nameof(name));
        }

        if (string.IsNullOrWhiteSpace(summary))
        {
            throw new ArgumentException($"Assignment group '{name}' needs a summary (it replaces the members in rendered equations).", nameof(summary));
        }

        if (_group is not null)
        {
            throw new InvalidOperationException($"Assignment group '{name}' cannot start inside group '{_group.Name}' (groups do not nest).");
        }

        _group = new AssignmentGroup(name, summary);
        return new GroupScope(this);
    }

    private sealed class GroupScope(ModelBuilder owner) : IDisposable
    {
        public void Dispose() => owner._group = null;
    }

    // ---- states -------------------------------------------------------------------------------------------------------

    /// <summary>Declares a state with a numeric initial value (in <paramref name="unit"/>).</summary>
    /// <param name="name">Name (becomes the CSV column; declaration order is the state order).</param>
    /// <param name="unit">Unit text, for example "pM".</param>
    /// <param name="initialValue">Initial value.</param>
    /// <param name="description">What the state is.</param>
    /// <param name="nonNegative">Whether the solver must keep it non-negative.</param>
    /// <returns>The state's symbol.</returns>
    public Expr State(string name, string unit, double initialValue, string description, bool nonNegative = true) =>
        State(name, ParseUnit(unit, nameof(unit)), initialValue, description, nonNegative);

    /// <summary>Declares a state with a numeric initial value.</summary>
    /// <param name="name">Name.</param>
    /// <param name="unit">Unit.</param>
    /// <param name="initialValue">Initial value in <paramref name="unit"/>.</param>
    /// <param name="description">What the state is.</param>
    /// <param name="nonNegative">Whether the solver must keep it non-negative.</param>
    /// <returns>The state's symbol.</returns>
    public Expr State(string name, Unit unit, double initialValue, string description, bool nonNegative = true)
    {
        var symbol = Expr.Symbol(name);
        _states.Add(new StateDraft(name, unit, Expr.Quantity(initialValue, unit), false, initialValue, description ?? "", nonNegative, CurrentModule));
        return symbol;
    }

    /// <summary>Declares a state whose initial value is an expression of parameters and inputs (re-evaluated for each parameter vector).</summary>
    /// <param name="name">Name.</param>
    /// <param name="unit">Unit text.</param>
    /// <param name="initial">Initial expression (in <paramref name="unit"/>).</param>
    /// <param name="description">What the state is.</param>
    /// <param name="nonNegative">Whether the solver must keep it non-negative.</param>
    /// <returns>The state's symbol.</returns>
    public Expr State(string name, string unit, Expr initial, string description, bool nonNegative = true) =>
        State(name, ParseUnit(unit, nameof(unit)), initial, description, nonNegative);

    /// <summary>Declares a state whose initial value is an expression of parameters and inputs.</summary>
    /// <param name="name">Name.</param>
    /// <param name="unit">Unit.</param>
    /// <param name="initial">Initial expression.</param>
    /// <param name="description">What the state is.</param>
    /// <param name="nonNegative">Whether the solver must keep it non-negative.</param>
    /// <returns>The state's symbol.</returns>
    public Expr State(string name, Unit unit, Expr initial, string description, bool nonNegative = true)
    {
        ArgumentNullException.ThrowIfNull(initial);
        RequireReal(initial, nameof(initial));
        var symbol = Expr.Symbol(name);
        _states.Add(new StateDraft(name, unit, initial, true, null, description ?? "", nonNegative, CurrentModule));
        return symbol;
    }

    // ---- parameters and inputs ----------------------------------------------------------------------------------------

    /// <summary>Declares a parameter with its full provenance.</summary>
    /// <param name="name">Name (referred to by name everywhere, never by position).</param>
    /// <param name="value">Default value in <paramref name="unit"/>.</param>
    /// <param name="unit">Unit text.</param>
    /// <param name="description">What it means.</param>
    /// <param name="source">Where the value comes from.</param>
    /// <param name="lowerBound">Smallest plausible value.</param>
    /// <param name="upperBound">Largest plausible value.</param>
    /// <param name="tunable">Whether fits and sensitivity analyses may vary it.</param>
    /// <param name="scale">Sampling/fitting scale (log needs a positive lower bound).</param>
    /// <returns>The parameter's symbol.</returns>
    public Expr Parameter(string name, double value, string unit, string description, Citation source, double lowerBound,
        double upperBound, bool tunable = true, ParameterScale scale = ParameterScale.Log) =>
        Parameter(name, value, ParseUnit(unit, nameof(unit)), description, source, lowerBound, upperBound, tunable, scale);

    /// <summary>Declares a parameter with its full provenance.</summary>
    /// <param name="name">Name.</param>
    /// <param name="value">Default value.</param>
    /// <param name="unit">Unit.</param>
    /// <param name="description">What it means.</param>
    /// <param name="source">Where the value comes from.</param>
    /// <param name="lowerBound">Smallest plausible value.</param>
    /// <param name="upperBound">Largest plausible value.</param>
    /// <param name="tunable">Whether fits and sensitivity analyses may vary it.</param>
    /// <param name="scale">Sampling/fitting scale.</param>
    /// <returns>The parameter's symbol.</returns>
    public Expr Parameter(string name, double value, Unit unit, string description, Citation source, double lowerBound,
        double upperBound, bool tunable = true, ParameterScale scale = ParameterScale.Log)
    {
        var symbol = Expr.Symbol(name);
        _parameters.Add(new ModelParameter(name, value, unit, description ?? "", source!, lowerBound, upperBound, tunable, scale, CurrentModule));
        return symbol;
    }

    /// <summary>
    /// Declares a piecewise-constant input (stored after all parameters in the parameter vector) without bounds: any finite
    /// value is accepted. Prefer <see cref="Input(string, string, double, string, double, double)"/>, which states the allowed
    /// range (a production rate cannot be negative; a sink can).
    /// </summary>
    /// <param name="name">Name.</param>
    /// <param name="unit">Unit text.</param>
    /// <param name="defaultValue">Value when no schedule sets it.</param>
    /// <param name="description">What it represents.</param>
    /// <returns>The input's symbol.</returns>
    public Expr Input(string name, string unit, double defaultValue, string description) =>
        Input(name, ParseUnit(unit, nameof(unit)), defaultValue, description, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>
    /// Declares a piecewise-constant input with the range of values it may take (checked by <see cref="ParameterSet"/> and
    /// <see cref="InputSchedule"/>; infinite bounds mean no bound on that side).
    /// </summary>
    /// <param name="name">Name.</param>
    /// <param name="unit">Unit text.</param>
    /// <param name="defaultValue">Value when no schedule sets it (within the bounds).</param>
    /// <param name="description">What it represents.</param>
    /// <param name="lowerBound">Smallest allowed value (<see cref="double.NegativeInfinity"/> for none).</param>
    /// <param name="upperBound">Largest allowed value (<see cref="double.PositiveInfinity"/> for none).</param>
    /// <returns>The input's symbol.</returns>
    public Expr Input(string name, string unit, double defaultValue, string description, double lowerBound, double upperBound) =>
        Input(name, ParseUnit(unit, nameof(unit)), defaultValue, description, lowerBound, upperBound);

    /// <summary>Declares a piecewise-constant input without bounds (see <see cref="Input(string, string, double, string)"/>).</summary>
    /// <param name="name">Name.</param>
    /// <param name="unit">Unit.</param>
    /// <param name="defaultValue">Default value.</param>
    /// <param name="description">What it represents.</param>
    /// <returns>The input's symbol.</returns>
    public Expr Input(string name, Unit unit, double defaultValue, string description) =>
        Input(name, unit, defaultValue, description, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Declares a piecewise-constant input with the range of values it may take.</summary>
    /// <param name="name">Name.</param>
    /// <param name="unit">Unit.</param>
    /// <param name="defaultValue">Default value (within the bounds).</param>
    /// <param name="description">What it represents.</param>
    /// <param name="lowerBound">Smallest allowed value (<see cref="double.NegativeInfinity"/> for none).</param>
    /// <param name="upperBound">Largest allowed value (<see cref="double.PositiveInfinity"/> for none).</param>
    /// <returns>The input's symbol.</returns>
    public Expr Input(string name, Unit unit, double defaultValue, string description, double lowerBound, double upperBound)
    {
        var symbol = Expr.Symbol(name);
        _inputs.Add(new ModelInput(name, unit, defaultValue, description ?? "", CurrentModule, lowerBound, upperBound));
        return symbol;
    }

    // ---- assignments, observables, extension points -------------------------------------------------------------------

    /// <summary>Declares a named intermediate. With a unit it is checked; without, it is inferred.</summary>
    /// <param name="name">Name.</param>
    /// <param name="definition">Defining expression.</param>
    /// <param name="description">What it means.</param>
    /// <param name="unit">Unit text, or <see langword="null"/> to infer it.</param>
    /// <returns>The assignment's symbol.</returns>
    public Expr Assign(string name, Expr definition, string description = "", string? unit = null) =>
        AddAssignment(name, definition, description, unit is null ? null : ParseUnit(unit, nameof(unit)), observable: false);

    /// <summary>Declares a named intermediate with a unit.</summary>
    /// <param name="name">Name.</param>
    /// <param name="definition">Defining expression.</param>
    /// <param name="unit">Unit (checked).</param>
    /// <param name="description">What it means.</param>
    /// <returns>The assignment's symbol.</returns>
    public Expr Assign(string name, Expr definition, Unit unit, string description = "") =>
        AddAssignment(name, definition, description, unit, observable: false);

    /// <summary>Declares an observable: an assignment reported as an output column (and usable in equations).</summary>
    /// <param name="name">Name.</param>
    /// <param name="definition">Defining expression.</param>
    /// <param name="description">What it means.</param>
    /// <param name="unit">Unit text, or <see langword="null"/> to infer it.</param>
    /// <returns>The observable's symbol.</returns>
    public Expr Observable(string name, Expr definition, string description = "", string? unit = null) =>
        AddAssignment(name, definition, description, unit is null ? null : ParseUnit(unit, nameof(unit)), observable: true);

    /// <summary>Marks an assignment (declared anywhere, possibly by another module) as observable.</summary>
    /// <param name="name">Assignment name.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder MarkObservable(string name)
    {
        Expr.Symbol(name);
        _observableMarks.Add(name);
        return this;
    }

    /// <summary>
    /// Sets the output order of observables: the named observables (declared anywhere, possibly by other modules) come first,
    /// in this order, and the remaining observables follow in declaration order. A later call replaces an earlier one. Use it
    /// when a model's output contract lists its columns in an order other than the order the modules declare them.
    /// Unknown names, names that are not observables and duplicates are reported by <see cref="Build"/>.
    /// </summary>
    /// <param name="names">Observable names in output order.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder OrderObservables(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = names.ToList();
        foreach (var name in list)
        {
            Expr.Symbol(name);
        }

        _observableOrder = list;
        return this;
    }

    /// <summary>
    /// Declares a time column: an assignment of the time and parameters only (no states), reported in simulation results right
    /// after <c>t</c>, for example <c>age = age0 + t/365.25</c> in years. It is an ordinary assignment in equations too.
    /// </summary>
    /// <param name="name">Name (the column header).</param>
    /// <param name="definition">Expression of <see cref="Expr.Time"/>, parameters and inputs.</param>
    /// <param name="description">What it means.</param>
    /// <param name="unit">Unit text (checked).</param>
    /// <returns>The assignment's symbol.</returns>
    public Expr TimeColumn(string name, Expr definition, string description, string unit)
    {
        var symbol = AddAssignment(name, definition, description, ParseUnit(unit, nameof(unit)), observable: false);
        _timeColumnMarks.Add(name);
        return symbol;
    }

    /// <summary>Declares an open sum: an extension point equal to the sum of the terms modules add (0 with none).</summary>
    /// <param name="name">Name.</param>
    /// <param name="unit">Unit text of the sum and of every term.</param>
    /// <param name="description">What it means.</param>
    /// <returns>The sum's symbol.</returns>
    public Expr OpenSum(string name, string unit, string description = "") => OpenSum(name, ParseUnit(unit, nameof(unit)), description);

    /// <summary>Declares an open sum.</summary>
    /// <param name="name">Name.</param>
    /// <param name="unit">Unit of the sum and of every term.</param>
    /// <param name="description">What it means.</param>
    /// <returns>The sum's symbol.</returns>
    public Expr OpenSum(string name, Unit unit, string description = "")
    {
        var symbol = Expr.Symbol(name);
        _assignments.Add(new AssignmentDraft(name, AssignmentKind.OpenSum, null, unit, description ?? "", false, CurrentModule) { Group = _group });
        return symbol;
    }

    /// <summary>Declares an open product: a dimensionless extension point equal to the product of the factors modules add (1 with none), typically multiplying a rate constant.</summary>
    /// <param name="name">Name.</param>
    /// <param name="description">What it means.</param>
    /// <returns>The product's symbol.</returns>
    public Expr OpenProduct(string name, string description = "")
    {
        var symbol = Expr.Symbol(name);
        _assignments.Add(new AssignmentDraft(name, AssignmentKind.OpenProduct, null, Unit.Dimensionless, description ?? "", false, CurrentModule) { Group = _group });
        return symbol;
    }

    /// <summary>Adds a named term to an open sum (declared anywhere in the model).</summary>
    /// <param name="sumName">Open sum name.</param>
    /// <param name="termName">Term name (unique within the sum).</param>
    /// <param name="term">The term (in the sum's unit).</param>
    /// <returns>This builder.</returns>
    public ModelBuilder AddToSum(string sumName, string termName, Expr term)
    {
        Expr.Symbol(sumName);
        RequireTermName(termName);
        RequireReal(term, nameof(term));
        _contributions.Add((sumName, new RateTerm(termName, term, CurrentModule), AssignmentKind.OpenSum));
        return this;
    }

    /// <summary>Multiplies a named dimensionless factor into an open product.</summary>
    /// <param name="productName">Open product name.</param>
    /// <param name="factorName">Factor name (unique within the product).</param>
    /// <param name="factor">The factor (dimensionless).</param>
    /// <returns>This builder.</returns>
    public ModelBuilder MultiplyInto(string productName, string factorName, Expr factor)
    {
        Expr.Symbol(productName);
        RequireTermName(factorName);
        RequireReal(factor, nameof(factor));
        _contributions.Add((productName, new RateTerm(factorName, factor, CurrentModule), AssignmentKind.OpenProduct));
        return this;
    }

    // ---- rates --------------------------------------------------------------------------------------------------------

    /// <summary>Adds a named term to <c>d(state)/dt</c> (the state may be declared by another module). Write losses with a minus sign.</summary>
    /// <param name="state">State name.</param>
    /// <param name="termName">Term name (unique within the state's equation).</param>
    /// <param name="term">The term, in state-unit per time-unit.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder AddRate(string state, string termName, Expr term)
    {
        Expr.Symbol(state);
        RequireTermName(termName);
        RequireReal(term, nameof(term));
        _rateTerms.Add((state, new RateTerm(termName, term, CurrentModule)));
        return this;
    }

    /// <summary>Adds a named term to the rate of the state whose symbol is given.</summary>
    /// <param name="state">State symbol (as returned by <see cref="State(string, string, double, string, bool)"/>).</param>
    /// <param name="termName">Term name.</param>
    /// <param name="term">The term.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder AddRate(Expr state, string termName, Expr term)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Kind != ExprKind.Symbol)
        {
            throw new ArgumentException($"AddRate needs a state symbol, got '{state}'.", nameof(state));
        }

        return AddRate(state.Name!, termName, term);
    }

    // ---- events and doses ---------------------------------------------------------------------------------------------

    /// <summary>Declares a state event: fires where <paramref name="trigger"/> crosses zero; assignments use pre-event values.</summary>
    /// <param name="name">Event name.</param>
    /// <param name="trigger">Root expression.</param>
    /// <param name="direction">Crossing direction.</param>
    /// <param name="assignments">State changes <c>(state, new value)</c>; empty to only mark a kink.</param>
    /// <param name="description">What it represents.</param>
    /// <param name="terminal">Whether firing stops the integration.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Event(string name, Expr trigger, EventDirection direction, IEnumerable<(string State, Expr Value)> assignments,
        string description = "", bool terminal = false)
    {
        Expr.Symbol(name);
        RequireReal(trigger, nameof(trigger));
        ArgumentNullException.ThrowIfNull(assignments);
        var list = assignments.ToList();
        foreach (var (state, value) in list)
        {
            Expr.Symbol(state);
            RequireReal(value, nameof(assignments));
        }

        _events.Add(new EventDraft(name, trigger, direction, list, terminal, description ?? "", CurrentModule));
        return this;
    }

    /// <summary>Declares bolus doses: <c>state += amount</c> at each time (amount in the state's unit).</summary>
    /// <param name="name">Dose name.</param>
    /// <param name="state">Target state.</param>
    /// <param name="amount">Amount per dose in the state's unit.</param>
    /// <param name="times">Dose times in the model time unit.</param>
    /// <param name="description">What it represents.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Dose(string name, string state, double amount, IEnumerable<double> times, string description = "") =>
        AddDose(name, state, null, amount, times, description);

    /// <summary>Declares bolus doses with an amount given by an expression of parameters and inputs.</summary>
    /// <param name="name">Dose name.</param>
    /// <param name="state">Target state.</param>
    /// <param name="amount">Amount per dose (in the state's unit).</param>
    /// <param name="times">Dose times in the model time unit.</param>
    /// <param name="description">What it represents.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Dose(string name, string state, Expr amount, IEnumerable<double> times, string description = "")
    {
        RequireReal(amount, nameof(amount));
        return AddDose(name, state, amount, null, times, description);
    }

    // ---- modules ------------------------------------------------------------------------------------------------------

    /// <summary>Applies a module: runs its declarations with <see cref="CurrentModule"/> set to its name.</summary>
    /// <param name="module">The module.</param>
    /// <returns>This builder.</returns>
    public ModelBuilder Apply(ModelModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var previous = CurrentModule;
        CurrentModule = module.Name;
        try
        {
            module.Declare(this);
        }
        catch (ArgumentException ex)
        {
            throw new ModelException(ModelMessages.ModuleFailed(module.Name, ex.Message), ex);
        }
        finally
        {
            CurrentModule = previous;
        }

        _modules.Add(new AppliedModule(module.Name, module.Description, module.DependsOn));
        return this;
    }

    internal void ApplyBase(ModelModule baseModule)
    {
        baseModule.Declare(this);
        if (string.IsNullOrEmpty(Description))
        {
            Description = baseModule.Description;
        }
    }

    // ---- build --------------------------------------------------------------------------------------------------------

    /// <summary>Validates everything and builds the immutable model.</summary>
    /// <returns>The model.</returns>
    /// <exception cref="ModelValidationException">Unknown or duplicate names, cycles, states without rate, missing metadata.</exception>
    /// <exception cref="ModelUnitException">Dimensional analysis failed.</exception>
    public Model Build() => ModelAssembler.Assemble(this);

    // ---- drafts (read by the assembler) -------------------------------------------------------------------------------

    internal IReadOnlyList<StateDraft> States => _states;

    internal IReadOnlyList<ModelParameter> Parameters => _parameters;

    internal IReadOnlyList<ModelInput> Inputs => _inputs;

    internal IReadOnlyList<AssignmentDraft> Assignments => _assignments;

    internal IReadOnlyList<(string State, RateTerm Term)> RateTermDrafts => _rateTerms;

    internal IReadOnlyList<(string Target, RateTerm Term, AssignmentKind Kind)> Contributions => _contributions;

    internal IReadOnlyList<string> ObservableMarks => _observableMarks;

    internal IReadOnlyList<string> TimeColumnMarks => _timeColumnMarks;

    internal IReadOnlyList<string>? ObservableOrder => _observableOrder;

    internal IReadOnlyList<EventDraft> Events => _events;

    internal IReadOnlyList<DoseDraft> Doses => _doses;

    internal IReadOnlyList<Citation> Sources => _sources;

    internal IReadOnlyList<AppliedModule> Modules => _modules;

    private ModelBuilder AddDose(string name, string state, Expr? amount, double? amountValue, IEnumerable<double> times, string description)
    {
        Expr.Symbol(name);
        Expr.Symbol(state);
        ArgumentNullException.ThrowIfNull(times);
        _doses.Add(new DoseDraft(name, state, amount, amountValue, [.. times], description ?? "", CurrentModule));
        return this;
    }

    private Expr AddAssignment(string name, Expr definition, string description, Unit? unit, bool observable)
    {
        RequireReal(definition, nameof(definition));
        var symbol = Expr.Symbol(name);
        _assignments.Add(new AssignmentDraft(name, AssignmentKind.Expression, definition, unit, description ?? "", observable, CurrentModule) { Group = _group });
        return symbol;
    }

    private static Unit ParseUnit(string text, string paramName)
    {
        if (!Unit.TryParse(text, out var unit, out var error))
        {
            throw new ArgumentException(error, paramName);
        }

        return unit;
    }

    private static void RequireReal(Expr e, string paramName)
    {
        ArgumentNullException.ThrowIfNull(e, paramName);
        if (e.IsCondition)
        {
            throw new ArgumentException($"Expected a number-valued expression but got the condition '{e}'.", paramName);
        }
    }

    private static void RequireTermName(string termName)
    {
        if (string.IsNullOrWhiteSpace(termName))
        {
            throw new ArgumentException("A term name must not be empty.", nameof(termName));
        }
    }
}

internal sealed record StateDraft(string Name, Unit Unit, Expr Initial, bool InitialIsExpression, double? InitialValue,
    string Description, bool NonNegative, string? Module);

internal sealed record AssignmentDraft(string Name, AssignmentKind Kind, Expr? Definition, Unit? DeclaredUnit, string Description,
    bool Observable, string? Module)
{
    /// <summary>Internal helper group, or <see langword="null"/>.</summary>
    public AssignmentGroup? Group { get; init; }
}

internal sealed record EventDraft(string Name, Expr Trigger, EventDirection Direction, IReadOnlyList<(string State, Expr Value)> Assignments,
    bool Terminal, string Description, string? Module);

internal sealed record DoseDraft(string Name, string State, Expr? Amount, double? AmountValue, double[] Times, string Description,
    string? Module);
