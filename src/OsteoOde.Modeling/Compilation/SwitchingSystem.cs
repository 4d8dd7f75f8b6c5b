using OsteoOde.Numerics;

namespace OsteoOde.Modeling;

/// <summary>What a switching point of the right-hand side is.</summary>
public enum SwitchKind
{
    /// <summary><c>max(a, b)</c>: mode true selects <c>a</c> (root <c>a − b</c>, true when ≥ 0).</summary>
    Max,

    /// <summary><c>min(a, b)</c>: mode true selects <c>a</c> (root <c>a − b</c>, true when ≤ 0).</summary>
    Min,

    /// <summary><c>|u|</c>: mode true selects <c>−u</c> (root <c>u</c>, true when &lt; 0).</summary>
    Abs,

    /// <summary>Condition <c>a &gt; b</c> (root <c>a − b</c>).</summary>
    Greater,

    /// <summary>Condition <c>a ≥ b</c> (root <c>a − b</c>).</summary>
    GreaterOrEqual,

    /// <summary>Condition <c>a &lt; b</c> (root <c>a − b</c>).</summary>
    Less,

    /// <summary>Condition <c>a ≤ b</c> (root <c>a − b</c>).</summary>
    LessOrEqual,

    /// <summary>Condition <c>a = b</c> (root <c>a − b</c>; false after any crossing).</summary>
    Equal,

    /// <summary>Condition <c>a ≠ b</c> (root <c>a − b</c>; true after any crossing).</summary>
    NotEqual,
}

/// <summary>
/// One switching point of the right-hand side: a <c>min</c>, <c>max</c>, <c>|·|</c> or a comparison inside a piecewise
/// condition whose operands depend on states or time. The simulation integrates it exactly (see <see cref="CompiledModel.Switches"/>).
/// </summary>
/// <param name="Index">Index of its mode flag.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Node">The original expression node (assignments inlined).</param>
/// <param name="Root">The switching function whose sign sets the mode (its zero crossings are located as events).</param>
public sealed record ModelSwitch(int Index, SwitchKind Kind, Expr Node, Expr Root)
{
    /// <summary>The mode a value of the switching function implies (a zero counts as on the boundary, as the raw expression does).</summary>
    /// <param name="kind">Switch kind.</param>
    /// <param name="g">Value of <see cref="Root"/>.</param>
    /// <returns>The mode flag.</returns>
    public static bool ModeFor(SwitchKind kind, double g) => kind switch
    {
        SwitchKind.Max or SwitchKind.GreaterOrEqual => g >= 0,
        SwitchKind.Min or SwitchKind.LessOrEqual => g <= 0,
        SwitchKind.Abs or SwitchKind.Less => g < 0,
        SwitchKind.Greater => g > 0,
        SwitchKind.Equal => g == 0,
        _ => g != 0,
    };

    /// <summary>Short text for the event log: kind and (truncated) expression.</summary>
    public string Label
    {
        get
        {
            var text = Node.ToString();
            return $"switch {Index}: {(text.Length <= 80 ? text : text[..77] + "...")}";
        }
    }
}

/// <summary>
/// The right-hand side in Modelica-style zero-crossing form: every switching point (<see cref="ModelSwitch"/>) reads a mode
/// flag stored after the inputs in an extended parameter vector, so within a step the right-hand side is smooth and its
/// Jacobian (differentiated from the same expressions) is consistent with the frozen modes; the switching functions are
/// handed to the solver as events, and a crossing flips the mode and restarts integration. Models without switching points
/// use the plain compiled functions. Mode flags are never hoisted: only parameters and inputs count as static.
/// </summary>
internal sealed class SwitchingSystem
{
    private readonly Lazy<ModelFunction> _rhs;
    private readonly Lazy<ModelFunction> _jacobian;

    private SwitchingSystem(ExpressionCompiler compiler, IReadOnlyList<ModelSwitch> switches, int modeOffset, IReadOnlyList<Expr> rhs, Lazy<ModelFunction> rhsFunction,
        ModelScalarFunction[] roots, Lazy<ModelFunction> jacobian, Lazy<HoistedVector> hoistedRhs, Lazy<HoistedVector> hoistedJacobian)
    {
        Compiler = compiler;
        Switches = switches;
        ModeOffset = modeOffset;
        RhsExpressions = rhs;
        _rhs = rhsFunction;
        Roots = roots;
        _jacobian = jacobian;
        HoistedRhs = hoistedRhs;
        HoistedJacobian = hoistedJacobian;
    }

    public IReadOnlyList<ModelSwitch> Switches { get; }

    /// <summary>Compiler over states and the extended parameter vector (mode flags included), for derived expressions.</summary>
    public ExpressionCompiler Compiler { get; }

    /// <summary>Index of the first mode flag in the extended parameter vector (= parameters + inputs).</summary>
    public int ModeOffset { get; }

    /// <summary>Length of the extended parameter vector.</summary>
    public int ExtendedLength => ModeOffset + Switches.Count;

    public IReadOnlyList<Expr> RhsExpressions { get; }

    /// <summary>Unhoisted right-hand side (compiled on first use; simulations use <see cref="HoistedRhs"/>).</summary>
    public ModelFunction Rhs => _rhs.Value;

    public ModelFunction Jacobian => _jacobian.Value;

    /// <summary>Right-hand side with parameter-only subexpressions hoisted (bind with <see cref="BoundVector"/>).</summary>
    public Lazy<HoistedVector> HoistedRhs { get; }

    /// <summary>Jacobian with parameter-only subexpressions hoisted.</summary>
    public Lazy<HoistedVector> HoistedJacobian { get; }

    public ModelScalarFunction[] Roots { get; }

    public static SwitchingSystem Build(CompiledModel compiled, IReadOnlyDictionary<string, int> stateIndex,
        IReadOnlyDictionary<string, int> vectorIndex)
    {
        var model = compiled.Model;
        var rewriter = new Rewriter(new HashSet<string>(compiled.StateNames, StringComparer.Ordinal), ModePrefix(model));
        var rewritten = compiled.RhsExpressions.Select(rewriter.Rewrite).ToArray();
        var offset = compiled.ParameterVectorLength;
        if (rewriter.Switches.Count == 0)
        {
            return new SwitchingSystem(compiled.Compiler, [], offset, compiled.RhsExpressions, new Lazy<ModelFunction>(() => compiled.Rhs), [],
                new Lazy<ModelFunction>(() => compiled.Jacobian), compiled.HoistedRhs, compiled.HoistedJacobian);
        }

        var extended = new Dictionary<string, int>(vectorIndex, StringComparer.Ordinal);
        for (var k = 0; k < rewriter.Switches.Count; k++)
        {
            extended[rewriter.ModeName(k)] = offset + k;
        }

        // Entries from the offset on are mode flags: they change within a run without an action, so they are never hoisted.
        var compiler = new ExpressionCompiler(stateIndex, extended, offset);
        var rhs = new Lazy<ModelFunction>(() => compiler.CompileVector(rewritten, model.Id + "_switched_rhs"));
        var roots = rewriter.Switches.Select(s => compiler.CompileScalar(s.Root, model.Id + "_switch_" + s.Index.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var jacobianEntries = new Lazy<Expr[]>(() =>
        {
            var n = rewritten.Length;
            var entries = new Expr[n * n];
            for (var j = 0; j < n; j++)
            {
                var d = new Differentiator(Expr.Symbol(compiled.StateNames[j]));
                for (var i = 0; i < n; i++)
                {
                    entries[(i * n) + j] = d.Derivative(rewritten[i]);
                }
            }

            return entries;
        });

        return new SwitchingSystem(compiler, rewriter.Switches, offset, rewritten, rhs, roots,
            new Lazy<ModelFunction>(() => compiler.CompileVector(jacobianEntries.Value, model.Id + "_switched_jacobian")),
            new Lazy<HoistedVector>(() => compiler.CompileHoistedVector(rewritten, model.Id + "_switched_rhs_hoisted")),
            new Lazy<HoistedVector>(() => compiler.CompileHoistedVector(jacobianEntries.Value, model.Id + "_switched_jacobian_hoisted")));
    }

    /// <summary>A symbol prefix no model quantity starts with.</summary>
    private static string ModePrefix(Model model)
    {
        var prefix = "__mode";
        while (model.States.Select(s => s.Name).Concat(model.Parameters.Select(p => p.Name)).Concat(model.Inputs.Select(i => i.Name))
               .Concat(model.Assignments.Select(a => a.Name)).Any(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            prefix = "_" + prefix;
        }

        return prefix;
    }

    /// <summary>Replaces state- or time-dependent switching nodes by mode-selected branches, bottom-up over the shared DAG.</summary>
    private sealed class Rewriter(HashSet<string> states, string prefix)
    {
        private readonly Dictionary<Expr, Expr> _memo = [];
        private readonly Dictionary<Expr, bool> _dynamic = [];

        public List<ModelSwitch> Switches { get; } = [];

        public string ModeName(int k) => prefix + k.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public Expr Rewrite(Expr root)
        {
            foreach (var node in root.PostOrder())
            {
                if (_memo.ContainsKey(node))
                {
                    continue;
                }

                var args = node.Arguments;
                var dynamic = node.Kind == ExprKind.Time || (node.Kind == ExprKind.Symbol && states.Contains(node.Name!));
                foreach (var a in args)
                {
                    dynamic |= _dynamic[a];
                }

                _dynamic[node] = dynamic;
                _memo[node] = dynamic ? Replace(node) : node;
            }

            return _memo[root];
        }

        private Expr Replace(Expr node)
        {
            var args = node.Arguments.Select(a => _memo[a]).ToArray();
            switch (node.Kind)
            {
                case ExprKind.Max:
                    return Branch(node, SwitchKind.Max, args[0] - args[1], args[0], args[1]);
                case ExprKind.Min:
                    return Branch(node, SwitchKind.Min, args[0] - args[1], args[0], args[1]);
                case ExprKind.Abs:
                    return Branch(node, SwitchKind.Abs, args[0], -args[0], args[0]);
                case ExprKind.Less or ExprKind.LessOrEqual or ExprKind.Greater or ExprKind.GreaterOrEqual or ExprKind.Equal
                    or ExprKind.NotEqual:
                    return Expr.NotEqual(Mode(node, Kind(node.Kind), args[0] - args[1]), Expr.Zero);
                default:
                {
                    var changed = false;
                    for (var i = 0; i < args.Length; i++)
                    {
                        changed |= !ReferenceEquals(args[i], node.Arguments[i]);
                    }

                    return changed ? Expr.Create(node.Kind, args) : node;
                }
            }
        }

        private Expr Branch(Expr node, SwitchKind kind, Expr root, Expr whenOn, Expr whenOff) =>
            Expr.If(Expr.NotEqual(Mode(node, kind, root), Expr.Zero), whenOn, whenOff);

        private Expr Mode(Expr node, SwitchKind kind, Expr root)
        {
            var k = Switches.Count;
            Switches.Add(new ModelSwitch(k, kind, node, root));
            return Expr.Symbol(ModeName(k));
        }

        private static SwitchKind Kind(ExprKind kind) => kind switch
        {
            ExprKind.Less => SwitchKind.Less,
            ExprKind.LessOrEqual => SwitchKind.LessOrEqual,
            ExprKind.Greater => SwitchKind.Greater,
            ExprKind.GreaterOrEqual => SwitchKind.GreaterOrEqual,
            ExprKind.Equal => SwitchKind.Equal,
            _ => SwitchKind.NotEqual,
        };
    }
}

/// <summary>
/// The mode flags of one simulation run (stored in the extended parameter vector) and the events that flip them. Modes are
/// set from the switching functions at the start and after every action (a dose or input switch may jump across a switching
/// surface, which is not a crossing); a located crossing flips its mode.
/// </summary>
internal sealed class ModeController
{
    private readonly SwitchingSystem _system;
    private readonly double[] _p;
    private readonly double[] _f;
    private readonly double[] _y1;
    private readonly bool[] _tie;
    private readonly BoundVector _rhs;

    public ModeController(SwitchingSystem system, double[] extendedParameters, int dimension)
    {
        _system = system;
        _p = extendedParameters;
        _rhs = new BoundVector(system.HoistedRhs, extendedParameters);
        _f = new double[dimension];
        _y1 = new double[dimension];
        _tie = new bool[system.Switches.Count];
    }

    public int Count => _system.Switches.Count;

    public bool Mode(int k) => _p[_system.ModeOffset + k] != 0;

    /// <summary>
    /// Sets every mode from the sign of its switching function at (t, y), inner switches first. On an exact zero the sign just
    /// ahead along the trajectory decides (g evaluated a small time step ahead on the Euler line).
    /// </summary>
    public void Initialise(double t, double[] y)
    {
        var switches = _system.Switches;
        for (var k = 0; k < switches.Count; k++)
        {
            var g = _system.Roots[k](t, y, _p);
            _tie[k] = g == 0;
            Set(k, ModelSwitch.ModeFor(switches[k].Kind, g));
        }

        for (var k = 0; k < switches.Count; k++)
        {
            if (_tie[k] && SignAhead(k, t, y) is double sign && sign != 0)
            {
                Set(k, ModelSwitch.ModeFor(switches[k].Kind, sign));
            }
        }
    }

    /// <summary>A located crossing of switch <paramref name="k"/>: its mode follows the new sign (flips on an exact zero); others are repaired if inconsistent.</summary>
    public void OnCrossing(int k, double t, double[] y)
    {
        var switches = _system.Switches;
        var g = _system.Roots[k](t, y, _p);
        var kind = switches[k].Kind;
        Set(k, g != 0 ? ModelSwitch.ModeFor(kind, g) : kind switch
        {
            SwitchKind.Equal => false,
            SwitchKind.NotEqual => true,
            _ => !Mode(k),
        });

        for (var j = 0; j < switches.Count; j++)
        {
            if (j == k)
            {
                continue;
            }

            var gj = _system.Roots[j](t, y, _p);
            if (gj != 0 && ModelSwitch.ModeFor(switches[j].Kind, gj) != Mode(j))
            {
                Set(j, !Mode(j));
            }
        }
    }

    /// <summary>Solver events: one per switch, both directions, flipping its mode.</summary>
    public IReadOnlyList<OdeEvent> CreateEvents()
    {
        var events = new OdeEvent[Count];
        for (var k = 0; k < Count; k++)
        {
            var index = k;
            var root = _system.Roots[k];
            var p = _p;
            events[k] = new OdeEvent(_system.Switches[k].Label, (t, y) => root(t, y, p), EventDirection.Both, false,
                (t, y) => OnCrossing(index, t, y));
        }

        return events;
    }

    private void Set(int k, bool on) => _p[_system.ModeOffset + k] = on ? 1.0 : 0.0;

    private double? SignAhead(int k, double t, double[] y)
    {
        _rhs.Invoke(t, y, _f);
        for (var delta = 1e-8 * Math.Max(1, Math.Abs(t)); delta <= 1e-2 * Math.Max(1, Math.Abs(t)); delta *= 100)
        {
            for (var i = 0; i < y.Length; i++)
            {
                _y1[i] = y[i] + (delta * _f[i]);
            }

            var g = _system.Roots[k](t + delta, _y1, _p);
            if (g != 0)
            {
                return Math.Sign(g);
            }
        }

        return null;
    }
}
