using OsteoOde.Numerics;

namespace OsteoOde.Modeling;

/// <summary>A compiled event: trigger and (optional) simultaneous state assignments.</summary>
/// <param name="Name">Event name.</param>
/// <param name="Trigger">Root function.</param>
/// <param name="Direction">Crossing direction.</param>
/// <param name="Terminal">Whether firing stops the integration.</param>
/// <param name="Action">State change, or <see langword="null"/> when the event has no assignments.</param>
public sealed record CompiledEvent(string Name, ModelScalarFunction Trigger, EventDirection Direction, bool Terminal, ModelStateAction? Action);

/// <summary>A compiled bolus dose record.</summary>
/// <param name="Name">Dose name.</param>
/// <param name="StateIndex">Index of the dosed state.</param>
/// <param name="Amount">Amount per dose from the parameter vector (evaluated when the dose is given).</param>
/// <param name="Times">Dose times, ascending.</param>
public sealed record CompiledDose(string Name, int StateIndex, Func<double[], double> Amount, IReadOnlyList<double> Times);

/// <summary>
/// A model compiled to allocation-free delegates over arrays: right-hand side, analytic Jacobian (symbolic differentiation,
/// row-major n×n), parameter Jacobian dF/dp (n×np, for forward sensitivities), observables, initial states, events and doses.
/// <para>
/// Parameter vector layout: all parameters in declaration order, then all inputs in declaration order
/// (<see cref="ParameterVectorNames"/>; <see cref="ParameterVectorIndex"/> finds a name). Inputs are ordinary entries of this
/// vector: a simulation switches an input by writing its entry (for example in a <see cref="TimedAction"/>).
/// </para>
/// <para>
/// What a parameter change recomputes: the delegates read <c>p</c> on every call, so new values take effect at the next
/// call; initial states are recomputed only when <see cref="InitialState"/> (or <see cref="CreateInitialState"/>) is called.
/// The Jacobian and dF/dp are differentiated and compiled on first use. Instances are immutable and thread-safe; the
/// delegates are reentrant.
/// </para>
/// <para>
/// Parameter-only subexpressions: the solver delegates (<see cref="CreateOdeFunction"/>, <see cref="CreateOdeJacobian"/>, and
/// those <see cref="Simulation"/> and <see cref="SteadyStateSolver"/> build) evaluate the largest subexpressions that depend
/// on parameters and inputs only (a steady state declared as parameter expressions, normalisers, products of rate constants)
/// once per parameter vector: each delegate keeps a private cache and a snapshot of the vector entries those values read,
/// compares the raw bits on every call (a few nanoseconds) and recomputes the cache when anything changed. The raw
/// delegates (<see cref="Rhs"/>, <see cref="Jacobian"/>, <see cref="ParameterJacobian"/>, <see cref="Observables"/>) evaluate
/// everything on every call, so they are correct for any <c>p</c> without state; prefer the bound delegates for repeated calls
/// with one parameter vector. Both give bit-identical results.
/// </para>
/// </summary>
public sealed class CompiledModel
{
    private readonly ExpressionCompiler _compiler;
    private readonly Dictionary<string, int> _vectorIndex;
    private readonly Dictionary<string, int> _observableIndex;
    private readonly Lazy<ModelFunction> _rhs;
    private readonly Lazy<ModelFunction> _observables;
    private readonly Lazy<IReadOnlyList<Expr>> _jacobianExpressions;
    private readonly Lazy<ModelFunction> _jacobian;
    private readonly Lazy<(IReadOnlyList<Expr> Exprs, ModelFunction Function)> _parameterJacobian;
    private readonly Lazy<HoistedVector> _hoistedRhs;
    private readonly Lazy<HoistedVector> _hoistedJacobian;
    private readonly Lazy<HoistedVector> _hoistedObservables;
    private readonly Lazy<SwitchingSystem> _switching;
    private readonly Lazy<IReadOnlyList<int>> _unreadStates;
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Model, CompiledModel> Cache = new();
    private static int _compilations;

    private CompiledModel(Model model)
    {
        Model = model;
        StateNames = model.States.Select(s => s.Name).ToArray();
        ParameterVectorNames = model.Parameters.Select(p => p.Name).Concat(model.Inputs.Select(i => i.Name)).ToArray();
        ObservableNames = model.Observables.Select(o => o.Name).ToArray();
        var stateIndex = Enumerate(StateNames);
        _vectorIndex = Enumerate(ParameterVectorNames);
        _observableIndex = Enumerate(ObservableNames);
        _compiler = new ExpressionCompiler(stateIndex, _vectorIndex, ParameterVectorNames.Count);

        RhsExpressions = model.States.Select(s => model.Resolve(s.Rate)).ToArray();
        _rhs = new Lazy<ModelFunction>(() => _compiler.CompileVector(RhsExpressions, model.Id + "_rhs"));
        ObservableExpressions = model.Observables.Select(o => model.Resolve(o.Symbol)).ToArray();
        _observables = new Lazy<ModelFunction>(() => _compiler.CompileVector(ObservableExpressions, model.Id + "_observables"));
        InitialStateExpressions = model.States.Select(s => model.Resolve(s.Initial)).ToArray();
        InitialState = _compiler.CompileParameterVector(InitialStateExpressions, model.Id + "_initial");
        NonNegativeStateIndices = model.States.Select((s, i) => (s, i)).Where(x => x.s.NonNegative).Select(x => x.i).ToArray();

        Events = model.Events.Select(e => new CompiledEvent(
            e.Name,
            _compiler.CompileScalar(model.Resolve(e.Trigger), model.Id + "_event_" + e.Name),
            e.Direction,
            e.Terminal,
            e.Assignments.Count == 0 ? null : _compiler.CompileStateAssignments(
                e.Assignments.Select(a => (stateIndex[a.State], model.Resolve(a.Value))).ToList(), model.Id + "_event_action_" + e.Name)))
            .ToArray();
        Doses = model.Doses.Select(d =>
        {
            // Amounts depend on parameters and inputs only (checked at build), so state and time are never read.
            var amount = _compiler.CompileScalar(model.Resolve(d.Amount), model.Id + "_dose_" + d.Name);
            return new CompiledDose(d.Name, stateIndex[d.State], p => amount(0, Array.Empty<double>(), p), d.Times);
        }).ToArray();

        TimeColumnNames = model.TimeColumns.Select(a => a.Name).ToArray();
        TimeColumnExpressions = model.TimeColumns.Select(a => model.Resolve(a.Symbol)).ToArray();
        TimeColumns = TimeColumnExpressions.Count == 0
            ? (_, _, _, _) => { }
            : _compiler.CompileVector(TimeColumnExpressions, model.Id + "_time_columns");
        _switching = new Lazy<SwitchingSystem>(() => SwitchingSystem.Build(this, stateIndex, _vectorIndex));
        _unreadStates = new Lazy<IReadOnlyList<int>>(() => FindUnreadStates());
        Interlocked.Increment(ref _compilations);

        _jacobianExpressions = new Lazy<IReadOnlyList<Expr>>(() => Differentiate(model.States.Select(s => s.Symbol).ToList()));
        _jacobian = new Lazy<ModelFunction>(() => _compiler.CompileVector(JacobianExpressions, model.Id + "_jacobian"));
        _parameterJacobian = new Lazy<(IReadOnlyList<Expr>, ModelFunction)>(() =>
        {
            var entries = Differentiate(ParameterVectorNames.Select(Expr.Symbol).ToList());
            return (entries, _compiler.CompileVector(entries, model.Id + "_parameter_jacobian"));
        });
        _hoistedRhs = new Lazy<HoistedVector>(() => _compiler.CompileHoistedVector(RhsExpressions, model.Id + "_rhs_hoisted"));
        _hoistedJacobian = new Lazy<HoistedVector>(() => _compiler.CompileHoistedVector(JacobianExpressions, model.Id + "_jacobian_hoisted"));
        _hoistedObservables = new Lazy<HoistedVector>(() => _compiler.CompileHoistedVector(ObservableExpressions, model.Id + "_observables_hoisted"));
    }

    /// <summary>Compiles a model.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The compiled model.</returns>
    public static CompiledModel Compile(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new CompiledModel(model);
    }

    /// <summary>
    /// The compiled form of <paramref name="model"/>, compiled once per model instance and cached for as long as the model is
    /// alive (compilation costs about 0.3 s for a bone model; parameter changes never recompile). Thread-safe.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <returns>The cached compiled model.</returns>
    public static CompiledModel GetOrCompile(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Cache.GetValue(model, m => new CompiledModel(m));
    }

    /// <summary>Number of compilations in this process (for tests of the cache).</summary>
    internal static int CompilationCount => Volatile.Read(ref _compilations);

    /// <summary>The source model.</summary>
    public Model Model { get; }

    /// <summary>Number of states <c>n</c>.</summary>
    public int StateCount => StateNames.Count;

    /// <summary>Number of parameters (the first block of the parameter vector).</summary>
    public int ParameterCount => Model.Parameters.Count;

    /// <summary>Number of inputs (the second block of the parameter vector).</summary>
    public int InputCount => Model.Inputs.Count;

    /// <summary>Length <c>np</c> of the parameter vector (parameters + inputs).</summary>
    public int ParameterVectorLength => ParameterVectorNames.Count;

    /// <summary>Number of observables.</summary>
    public int ObservableCount => ObservableNames.Count;

    /// <summary>State names in canonical order.</summary>
    public IReadOnlyList<string> StateNames { get; }

    /// <summary>Names of the parameter-vector entries: parameters, then inputs.</summary>
    public IReadOnlyList<string> ParameterVectorNames { get; }

    /// <summary>Observable names in output order.</summary>
    public IReadOnlyList<string> ObservableNames { get; }

    /// <summary>Indices of states the solver must keep non-negative (for <see cref="OdeOptions.NonNegative"/>).</summary>
    public IReadOnlyList<int> NonNegativeStateIndices { get; }

    /// <summary>
    /// Right-hand side: <c>output[i] = d(state i)/dt</c>, evaluating every subexpression on every call (correct for any
    /// <c>p</c>; <see cref="CreateOdeFunction"/> is faster for repeated calls with one vector). Compiled on first access.
    /// </summary>
    public ModelFunction Rhs => _rhs.Value;

    /// <summary>Analytic Jacobian: <c>output[i·n + j] = ∂f_i/∂y_j</c> (row-major n×n). Compiled on first access.</summary>
    public ModelFunction Jacobian => _jacobian.Value;

    /// <summary>Parameter Jacobian: <c>output[i·np + k] = ∂f_i/∂p_k</c> (row-major n×np, inputs included). Compiled on first access.</summary>
    public ModelFunction ParameterJacobian => _parameterJacobian.Value.Function;

    /// <summary>Observables: <c>output[k]</c> = observable k (every subexpression on every call). Compiled on first access.</summary>
    public ModelFunction Observables => _observables.Value;

    /// <summary>Initial states from the parameter vector.</summary>
    public ParameterFunction InitialState { get; }

    /// <summary>Names of the model's time columns (<see cref="ModelBuilder.TimeColumn"/>), in declaration order.</summary>
    public IReadOnlyList<string> TimeColumnNames { get; }

    /// <summary>The time columns with assignments inlined.</summary>
    public IReadOnlyList<Expr> TimeColumnExpressions { get; }

    /// <summary>Time columns: <c>output[k]</c> = time column k at time t (the state argument is not read).</summary>
    public ModelFunction TimeColumns { get; }

    /// <summary>
    /// Switching points of the right-hand side (min, max, |·| and piecewise comparisons depending on states or time), in the
    /// order of their mode flags (inner before outer). Simulations integrate them exactly: the right-hand side selects branches
    /// from mode flags frozen during a step, the switching functions are located as events, and at a crossing the mode flips and
    /// integration restarts (no smoothing). Empty for smooth models. Compiled on first access.
    /// </summary>
    public IReadOnlyList<ModelSwitch> Switches => _switching.Value.Switches;

    internal SwitchingSystem Switching => _switching.Value;

    /// <summary>
    /// Indices of states that no rate depends on (structurally zero Jacobian column: pure integrators such as a bone volume).
    /// A steady-state solve holds them fixed and reports their rates separately.
    /// </summary>
    public IReadOnlyList<int> UnreadStateIndices => _unreadStates.Value;

    /// <summary>Compiled events (triggers and actions take the parameter vector).</summary>
    public IReadOnlyList<CompiledEvent> Events { get; }

    /// <summary>Compiled dose records.</summary>
    public IReadOnlyList<CompiledDose> Doses { get; }

    /// <summary>The right-hand sides with assignments inlined (what <see cref="Rhs"/> computes).</summary>
    public IReadOnlyList<Expr> RhsExpressions { get; }

    /// <summary>The Jacobian entries, row-major (what <see cref="Jacobian"/> computes).</summary>
    public IReadOnlyList<Expr> JacobianExpressions => _jacobianExpressions.Value;

    /// <summary>The dF/dp entries, row-major n×np.</summary>
    public IReadOnlyList<Expr> ParameterJacobianExpressions => _parameterJacobian.Value.Exprs;

    /// <summary>
    /// The subexpressions of <see cref="RhsExpressions"/> that the solver right-hand side (<see cref="CreateOdeFunction"/>)
    /// evaluates once per parameter vector instead of on every call: the outermost number-valued nodes that read parameters
    /// and inputs only (not time, states or mode flags) and are more than a bare symbol or constant. Compiled on first access.
    /// </summary>
    public IReadOnlyList<Expr> HoistedRhsExpressions => _hoistedRhs.Value.Hoisted;

    /// <summary>The subexpressions of <see cref="JacobianExpressions"/> the solver Jacobian evaluates once per parameter vector.</summary>
    public IReadOnlyList<Expr> HoistedJacobianExpressions => _hoistedJacobian.Value.Hoisted;

    /// <summary>The observables with assignments inlined.</summary>
    public IReadOnlyList<Expr> ObservableExpressions { get; }

    /// <summary>The initial values with assignments inlined.</summary>
    public IReadOnlyList<Expr> InitialStateExpressions { get; }

    /// <summary>Index of a state in <c>y</c>.</summary>
    /// <param name="name">State name.</param>
    /// <returns>The index.</returns>
    public int StateIndex(string name) => Model.StateIndex(name);

    /// <summary>Index of a parameter or input in the parameter vector.</summary>
    /// <param name="name">Parameter or input name.</param>
    /// <returns>The index.</returns>
    public int ParameterVectorIndex(string name) =>
        _vectorIndex.TryGetValue(name, out var i) ? i
        : throw new ArgumentException($"Model '{Model.Id}' has no parameter or input named '{name}'.{NameSuggestions.Hint(name, ParameterVectorNames.ToList())}", nameof(name));

    /// <summary>Index of an observable in the observable output.</summary>
    /// <param name="name">Observable name.</param>
    /// <returns>The index.</returns>
    public int ObservableIndex(string name) =>
        _observableIndex.TryGetValue(name, out var i) ? i
        : throw new ArgumentException($"Model '{Model.Id}' has no observable named '{name}'.{NameSuggestions.Hint(name, ObservableNames.ToList())}", nameof(name));

    /// <summary>A new parameter vector holding the declared parameter values and input defaults.</summary>
    /// <returns>The vector (length <see cref="ParameterVectorLength"/>).</returns>
    public double[] CreateParameterVector() =>
        Model.Parameters.Select(p => p.Value).Concat(Model.Inputs.Select(i => i.DefaultValue)).ToArray();

    /// <summary>Initial states for a parameter vector.</summary>
    /// <param name="p">Parameter vector.</param>
    /// <returns>A new state vector.</returns>
    public double[] CreateInitialState(double[] p)
    {
        CheckParameterVector(p);
        var y0 = new double[StateCount];
        InitialState(p, y0);
        return y0;
    }

    /// <summary>
    /// The solver's right-hand side, closed over <paramref name="p"/> (not copied: later writes to it, such as input switches,
    /// take effect at the next call). Parameter-only subexpressions are evaluated once per parameter vector: the delegate keeps
    /// its own cache of them and recomputes it when the entries they read differ (bitwise) from its snapshot. One delegate must
    /// not be called from several threads at once (a solver never does); create one per simulation. Allocation-free per call;
    /// bit-identical to <see cref="Rhs"/>.
    /// </summary>
    /// <param name="p">Parameter vector.</param>
    /// <returns>The delegate.</returns>
    public OdeFunction CreateOdeFunction(double[] p)
    {
        CheckParameterVector(p);
        return new BoundVector(_hoistedRhs, p).Invoke;
    }

    /// <summary>
    /// The solver's Jacobian, closed over <paramref name="p"/> (not copied), with its own cache of parameter-only
    /// subexpressions as for <see cref="CreateOdeFunction"/>; compiled on its first call.
    /// </summary>
    /// <param name="p">Parameter vector.</param>
    /// <returns>The delegate.</returns>
    public OdeJacobian CreateOdeJacobian(double[] p)
    {
        CheckParameterVector(p);
        return new BoundVector(_hoistedJacobian, p).Invoke;
    }

    /// <summary>The observables bound to a live parameter vector (own cache of parameter-only subexpressions).</summary>
    internal BoundVector BindObservables(double[] p) => new(_hoistedObservables, p);

    /// <summary>The hoisted right-hand side (prepare + kernel), compiled on first use.</summary>
    internal Lazy<HoistedVector> HoistedRhs => _hoistedRhs;

    /// <summary>The compiler of this model (states and the parameter vector), for derived expressions such as sensitivities.</summary>
    internal ExpressionCompiler Compiler => _compiler;

    /// <summary>The hoisted Jacobian (prepare + kernel), compiled on first use.</summary>
    internal Lazy<HoistedVector> HoistedJacobian => _hoistedJacobian;

    /// <summary>The model's events as solver events, closed over <paramref name="p"/>.</summary>
    /// <param name="p">Parameter vector.</param>
    /// <returns>The events.</returns>
    public IReadOnlyList<OdeEvent> CreateOdeEvents(double[] p)
    {
        CheckParameterVector(p);
        return Events.Select(e =>
        {
            var trigger = e.Trigger;
            var action = e.Action;
            return new OdeEvent(e.Name, (t, y) => trigger(t, y, p), e.Direction, e.Terminal,
                action is null ? null : (t, y) => action(t, y, p));
        }).ToArray();
    }

    /// <summary>The model's doses as timed actions (<c>state += amount</c>), closed over <paramref name="p"/>, sorted by time.</summary>
    /// <param name="p">Parameter vector.</param>
    /// <returns>The actions.</returns>
    public IReadOnlyList<TimedAction> CreateDoseActions(double[] p)
    {
        CheckParameterVector(p);
        return Doses.SelectMany(d => d.Times.Select(time =>
        {
            var index = d.StateIndex;
            var amount = d.Amount;
            return new TimedAction(time, d.Name, (_, y) => y[index] += amount(p));
        })).OrderBy(a => a.Time).ToArray();
    }

    private Expr[] Differentiate(IReadOnlyList<Expr> variables)
    {
        var n = RhsExpressions.Count;
        var m = variables.Count;
        var entries = new Expr[n * m];
        for (var j = 0; j < m; j++)
        {
            var d = new Differentiator(variables[j]);
            for (var i = 0; i < n; i++)
            {
                entries[i * m + j] = d.Derivative(RhsExpressions[i]);
            }
        }

        return entries;
    }

    private int[] FindUnreadStates()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rate in RhsExpressions)
        {
            foreach (var name in rate.SymbolNames())
            {
                names.Add(name);
            }
        }

        return [.. Enumerable.Range(0, StateCount).Where(i => !names.Contains(StateNames[i]))];
    }

    private void CheckParameterVector(double[] p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Length != ParameterVectorLength)
        {
            throw new ArgumentException(
                $"The parameter vector of model '{Model.Id}' must have {ParameterVectorLength} entries ({ParameterCount} parameters + {InputCount} inputs); got {p.Length}.",
                nameof(p));
        }
    }

    private static Dictionary<string, int> Enumerate(IReadOnlyList<string> names)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            d[names[i]] = i;
        }

        return d;
    }
}
