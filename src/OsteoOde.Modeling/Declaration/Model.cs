namespace OsteoOde.Modeling;

/// <summary>
/// An immutable, validated, unit-checked model declared as data: states (in canonical order — the CSV column contract),
/// parameters with provenance, inputs, assignments and observables, rate terms, events, doses and the modules used.
/// Build one with <see cref="ModelBuilder"/> or <see cref="ModelComposition"/>; compile it with <see cref="CompiledModel.Compile"/>.
/// </summary>
public sealed class Model
{
    private readonly Dictionary<string, ModelQuantity> _byName;
    private readonly Dictionary<string, int> _stateIndex;
    private readonly Dictionary<string, int> _parameterIndex;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Lazy<Dictionary<string, Expr>> _resolvedAssignments;
    private readonly Lazy<string> _contentHash;

    internal Model(string id, string title, string description, IReadOnlyList<Citation> sources, Unit timeUnit,
        IReadOnlyList<ModelState> states, IReadOnlyList<ModelParameter> parameters, IReadOnlyList<ModelInput> inputs,
        IReadOnlyList<ModelAssignment> assignments, IReadOnlyList<string> assignmentOrder, IReadOnlyList<ModelEvent> events,
        IReadOnlyList<ModelDose> doses, IReadOnlyList<AppliedModule> modules, bool unitsChecked = true, IReadOnlyList<string>? observableOrder = null)
    {
        UnitsChecked = unitsChecked;
        Id = id;
        Title = title;
        Description = description;
        Sources = sources;
        TimeUnit = timeUnit;
        States = states;
        Parameters = parameters;
        Inputs = inputs;
        Assignments = assignments;
        Events = events;
        Doses = doses;
        Modules = modules;
        _byName = new Dictionary<string, ModelQuantity>(StringComparer.Ordinal);
        foreach (var q in states.Cast<ModelQuantity>().Concat(parameters).Concat(inputs).Concat(assignments))
        {
            _byName[q.Name] = q;
        }

        _stateIndex = Index(states);
        _parameterIndex = Index(parameters);
        _inputIndex = Index(inputs);
        var byName = assignments.ToDictionary(a => a.Name, StringComparer.Ordinal);
        AssignmentsInEvaluationOrder = assignmentOrder.Select(n => byName[n]).ToArray();
        var declared = assignments.Where(a => a.IsObservable && !a.IsTimeColumn).ToArray();
        if (observableOrder is { Count: > 0 })
        {
            var first = observableOrder.Select(n => byName[n]).ToArray();
            var listed = new HashSet<string>(observableOrder, StringComparer.Ordinal);
            Observables = [.. first, .. declared.Where(a => !listed.Contains(a.Name))];
        }
        else
        {
            Observables = declared;
        }

        TimeColumns = assignments.Where(a => a.IsTimeColumn).ToArray();
        _contentHash = new Lazy<string>(() => ModelFingerprint.Sha256(this));
        _resolvedAssignments = new Lazy<Dictionary<string, Expr>>(ResolveAssignments);
    }

    /// <summary>Model id (for example <c>pivonka2008</c>).</summary>
    public string Id { get; }

    /// <summary>Title.</summary>
    public string Title { get; }

    /// <summary>Description.</summary>
    public string Description { get; }

    /// <summary>References for the model as a whole.</summary>
    public IReadOnlyList<Citation> Sources { get; }

    /// <summary>
    /// Whether the model passed dimensional analysis. False only for models built with <see cref="ModelBuilder.CheckUnits"/>
    /// off (imports whose source declares no units); their units are as declared by the source, and dimensionless where unknown.
    /// </summary>
    public bool UnitsChecked { get; }

    /// <summary>Time unit (day for all OsteoOde models).</summary>
    public Unit TimeUnit { get; }

    /// <summary>States in canonical order (declaration order; the order of <c>y</c> and of CSV columns).</summary>
    public IReadOnlyList<ModelState> States { get; }

    /// <summary>Parameters in declaration order (the first block of the parameter vector).</summary>
    public IReadOnlyList<ModelParameter> Parameters { get; }

    /// <summary>Inputs in declaration order (the second block of the parameter vector).</summary>
    public IReadOnlyList<ModelInput> Inputs { get; }

    /// <summary>Assignments in declaration order.</summary>
    public IReadOnlyList<ModelAssignment> Assignments { get; }

    /// <summary>Assignments ordered so that each comes after those it uses.</summary>
    public IReadOnlyList<ModelAssignment> AssignmentsInEvaluationOrder { get; }

    /// <summary>
    /// Assignments reported as output columns (time columns excluded): in declaration order, except that observables named in
    /// <see cref="ModelBuilder.OrderObservables"/> come first in the order given there.
    /// </summary>
    public IReadOnlyList<ModelAssignment> Observables { get; }

    /// <summary>Time columns (functions of time and parameters reported right after <c>t</c>), in declaration order.</summary>
    public IReadOnlyList<ModelAssignment> TimeColumns { get; }

    /// <summary>
    /// SHA-256 (lower-case hex) of the canonical text of the model (<see cref="ModelFingerprint.CanonicalText"/>): everything
    /// that changes numbers or output columns, nothing that is documentation. Stable across runs, processes and machines.
    /// </summary>
    public string ContentHash => _contentHash.Value;

    /// <summary>State events.</summary>
    public IReadOnlyList<ModelEvent> Events { get; }

    /// <summary>Bolus dose records.</summary>
    public IReadOnlyList<ModelDose> Doses { get; }

    /// <summary>Modules applied on top of the base model, in application order.</summary>
    public IReadOnlyList<AppliedModule> Modules { get; }

    /// <summary>Number of states.</summary>
    public int StateCount => States.Count;

    /// <summary>Looks up any quantity by name.</summary>
    /// <param name="name">Name.</param>
    /// <param name="quantity">The quantity when found.</param>
    /// <returns>Whether found.</returns>
    public bool TryGetQuantity(string name, out ModelQuantity quantity) => _byName.TryGetValue(name, out quantity!);

    /// <summary>Looks up any quantity by name; unknown names throw with the nearest valid names.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The quantity.</returns>
    public ModelQuantity Quantity(string name) =>
        _byName.TryGetValue(name, out var q) ? q : throw Unknown(name, "quantity", _byName.Keys);

    /// <summary>The state with this name.</summary>
    /// <param name="name">State name.</param>
    /// <returns>The state.</returns>
    public ModelState State(string name) => States[StateIndex(name)];

    /// <summary>The parameter with this name.</summary>
    /// <param name="name">Parameter name.</param>
    /// <returns>The parameter.</returns>
    public ModelParameter Parameter(string name) => Parameters[ParameterIndex(name)];

    /// <summary>The input with this name.</summary>
    /// <param name="name">Input name.</param>
    /// <returns>The input.</returns>
    public ModelInput Input(string name) => Inputs[InputIndex(name)];

    /// <summary>The assignment (or observable) with this name.</summary>
    /// <param name="name">Assignment name.</param>
    /// <returns>The assignment.</returns>
    public ModelAssignment Assignment(string name) =>
        _byName.TryGetValue(name, out var q) && q is ModelAssignment a ? a
        : throw Unknown(name, "assignment", Assignments.Select(x => x.Name));

    /// <summary>Index of a state in <c>y</c>.</summary>
    /// <param name="name">State name.</param>
    /// <returns>The index.</returns>
    public int StateIndex(string name) =>
        _stateIndex.TryGetValue(name, out var i) ? i : throw Unknown(name, "state", _stateIndex.Keys);

    /// <summary>Index of a parameter among the parameters (equal to its index in the parameter vector).</summary>
    /// <param name="name">Parameter name.</param>
    /// <returns>The index.</returns>
    public int ParameterIndex(string name) =>
        _parameterIndex.TryGetValue(name, out var i) ? i : throw Unknown(name, "parameter", _parameterIndex.Keys);

    /// <summary>Index of an input among the inputs (its index in the parameter vector is <c>Parameters.Count + index</c>).</summary>
    /// <param name="name">Input name.</param>
    /// <returns>The index.</returns>
    public int InputIndex(string name) =>
        _inputIndex.TryGetValue(name, out var i) ? i : throw Unknown(name, "input", _inputIndex.Keys);

    /// <summary>Unit of a named quantity.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The unit.</returns>
    public Unit UnitOf(string name) => Quantity(name).Unit;

    /// <summary>
    /// Replaces every assignment symbol in <paramref name="e"/> by its definition, recursively, so the result reads only
    /// states, parameters, inputs and time (re-simplified; an empty open product becomes 1 and disappears from products).
    /// </summary>
    /// <param name="e">Expression over model names.</param>
    /// <returns>The resolved expression.</returns>
    public Expr Resolve(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Substitute(_resolvedAssignments.Value);
    }

    /// <summary>The resolved right-hand side of a state (assignments inlined).</summary>
    /// <param name="state">State name.</param>
    /// <returns><c>d(state)/dt</c> over states, parameters, inputs and time.</returns>
    public Expr ResolvedRate(string state) => Resolve(State(state).Rate);

    /// <inheritdoc/>
    public override string ToString() => string.IsNullOrEmpty(Title) ? Id : $"{Id} ({Title})";

    private Dictionary<string, Expr> ResolveAssignments()
    {
        var resolved = new Dictionary<string, Expr>(StringComparer.Ordinal);
        foreach (var a in AssignmentsInEvaluationOrder)
        {
            resolved[a.Name] = a.Expression.Substitute(resolved);
        }

        return resolved;
    }

    private static Dictionary<string, int> Index(IEnumerable<ModelQuantity> items)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var q in items)
        {
            d[q.Name] = i++;
        }

        return d;
    }

    private ArgumentException Unknown(string name, string kind, IEnumerable<string> candidates) =>
        new($"Model '{Id}' has no {kind} named '{name}'.{NameSuggestions.Hint(name, candidates.ToList())}", nameof(name));
}
