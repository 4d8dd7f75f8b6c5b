using System.Reflection;
using LinqExpression = System.Linq.Expressions.Expression;
using ParameterExpression = System.Linq.Expressions.ParameterExpression;

namespace OsteoOde.Modeling;

/// <summary>
/// Compiles resolved expressions (states, parameters, inputs, time) to delegates with System.Linq.Expressions.
/// <para>
/// Why expression trees rather than hand-emitted IL: the generated code is straight-line arithmetic, for which the JIT
/// produces the same machine code either way; expression trees are type-checked when built (a wrong tree fails at compile
/// time with a clear message, wrong IL fails at run time with InvalidProgramException), support block locals for shared
/// subexpressions directly, and keep this file short. Dynamic methods are JIT-compiled fully optimised (no tiering).
/// </para>
/// <para>
/// Code shape: every DAG node used more than once across all outputs of one function is computed once into a local, before
/// the statement that first needs it (shared nodes inside piecewise branches are therefore evaluated eagerly, which is
/// harmless because every operation is total on doubles); states and parameters used more than once are loaded once;
/// small constant powers become multiplications (the same kernels as <see cref="ExprMath.Pow"/>, so compiled code and the
/// interpreter agree exactly). The delegates allocate nothing per call.
/// </para>
/// <para>
/// Hoisting (<see cref="CompileHoistedVector"/>): the largest subexpressions that read only parameter-vector entries below
/// <c>staticLength</c> (parameters and inputs, not the mode flags stored after them) and neither time nor states are computed by
/// a separate prepare function into a cache array, which the kernel reads. Both halves are emitted from the same nodes with
/// the same code, so hoisted and unhoisted evaluation agree bit for bit.
/// </para>
/// </summary>
internal sealed class ExpressionCompiler(IReadOnlyDictionary<string, int> stateIndex, IReadOnlyDictionary<string, int> parameterIndex,
    int staticLength = int.MaxValue)
{
    private readonly IReadOnlyDictionary<string, int> _stateIndex = stateIndex;
    private readonly IReadOnlyDictionary<string, int> _parameterIndex = parameterIndex;
    private readonly int _staticLength = staticLength;

    private static readonly MethodInfo MathExp = typeof(Math).GetMethod(nameof(Math.Exp), [typeof(double)])!;
    private static readonly MethodInfo MathLog = typeof(Math).GetMethod(nameof(Math.Log), [typeof(double)])!;
    private static readonly MethodInfo MathSqrt = typeof(Math).GetMethod(nameof(Math.Sqrt), [typeof(double)])!;
    private static readonly MethodInfo MathAbs = typeof(Math).GetMethod(nameof(Math.Abs), [typeof(double)])!;
    private static readonly MethodInfo MathPow = typeof(Math).GetMethod(nameof(Math.Pow), [typeof(double), typeof(double)])!;
    private static readonly MethodInfo MathMin = typeof(Math).GetMethod(nameof(Math.Min), [typeof(double), typeof(double)])!;
    private static readonly MethodInfo MathMax = typeof(Math).GetMethod(nameof(Math.Max), [typeof(double), typeof(double)])!;

    /// <summary>Compiles <c>output[i] = outputs[i]</c>.</summary>
    public ModelFunction CompileVector(IReadOnlyList<Expr> outputs, string name)
    {
        var emitter = new Emitter(this, outputs, withStateAndTime: true);
        var output = LinqExpression.Parameter(typeof(double[]), "output");
        for (var i = 0; i < outputs.Count; i++)
        {
            emitter.Statement(LinqExpression.Assign(LinqExpression.ArrayAccess(output, LinqExpression.Constant(i)), emitter.Emit(outputs[i])));
        }

        return LinqExpression.Lambda<ModelFunction>(emitter.Body(), name, [emitter.T, emitter.Y, emitter.P, output]).Compile();
    }

    /// <summary>
    /// Compiles <c>output[i] = outputs[i]</c> split into a prepare function (the hoisted parameter-only subexpressions into a
    /// cache) and a kernel that reads the cache. With nothing worth hoisting the cache is empty and the prepare does nothing.
    /// </summary>
    public HoistedVector CompileHoistedVector(IReadOnlyList<Expr> outputs, string name)
    {
        var hoisted = FindHoistable(outputs);
        var slots = new Dictionary<Expr, int>(hoisted.Count);
        var first = int.MaxValue;
        var last = -1;
        foreach (var node in hoisted)
        {
            slots[node] = slots.Count;
        }

        var visited = new HashSet<Expr>();
        var stack = new Stack<Expr>(hoisted);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!visited.Add(node))
            {
                continue;
            }

            if (node.Kind == ExprKind.Symbol)
            {
                var index = _parameterIndex[node.Name!];
                first = Math.Min(first, index);
                last = Math.Max(last, index);
            }

            foreach (var child in node.Args)
            {
                stack.Push(child);
            }
        }

        var prepare = hoisted.Count == 0 ? (_, _) => { } : CompileParameterVector(hoisted, name + "_prepare");
        var emitter = new Emitter(this, outputs, withStateAndTime: true, slots);
        var output = LinqExpression.Parameter(typeof(double[]), "output");
        for (var i = 0; i < outputs.Count; i++)
        {
            emitter.Statement(LinqExpression.Assign(LinqExpression.ArrayAccess(output, LinqExpression.Constant(i)), emitter.Emit(outputs[i])));
        }

        var kernel = LinqExpression.Lambda<HoistedModelFunction>(emitter.Body(), name, [emitter.T, emitter.Y, emitter.P, emitter.Cache, output]).Compile();
        return new HoistedVector(hoisted, prepare, kernel, last < 0 ? 0 : first, last < 0 ? 0 : last - first + 1);
    }

    /// <summary>
    /// The outermost number-valued subexpressions of <paramref name="roots"/> that depend on static parameter-vector entries
    /// only and cost something (not a bare symbol or constant), in order of first discovery.
    /// </summary>
    private List<Expr> FindHoistable(IReadOnlyList<Expr> roots)
    {
        var isStatic = new Dictionary<Expr, bool>();
        var pending = new Stack<(Expr Node, bool Expanded)>();
        foreach (var root in roots)
        {
            pending.Push((root, false));
        }

        while (pending.Count > 0)
        {
            var (node, expanded) = pending.Pop();
            if (isStatic.ContainsKey(node))
            {
                continue;
            }

            if (!expanded)
            {
                pending.Push((node, true));
                foreach (var child in node.Args)
                {
                    if (!isStatic.ContainsKey(child))
                    {
                        pending.Push((child, false));
                    }
                }

                continue;
            }

            var result = node.Kind switch
            {
                ExprKind.Time => false,
                ExprKind.Symbol => _parameterIndex.TryGetValue(node.Name!, out var index) && index < _staticLength,
                _ => node.Args.All(a => isStatic[a]),
            };
            isStatic[node] = result;
        }

        var hoisted = new List<Expr>();
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>();
        for (var i = roots.Count - 1; i >= 0; i--)
        {
            stack.Push(roots[i]);
        }

        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            if (isStatic[node] && !node.IsCondition && node.Kind is not (ExprKind.Constant or ExprKind.Symbol))
            {
                hoisted.Add(node);
                continue;
            }

            for (var i = node.Args.Length - 1; i >= 0; i--)
            {
                stack.Push(node.Args[i]);
            }
        }

        return hoisted;
    }

    /// <summary>Compiles <c>output[i] = outputs[i]</c> for expressions of parameters and inputs only.</summary>
    public ParameterFunction CompileParameterVector(IReadOnlyList<Expr> outputs, string name)
    {
        var emitter = new Emitter(this, outputs, withStateAndTime: false);
        var output = LinqExpression.Parameter(typeof(double[]), "output");
        for (var i = 0; i < outputs.Count; i++)
        {
            emitter.Statement(LinqExpression.Assign(LinqExpression.ArrayAccess(output, LinqExpression.Constant(i)), emitter.Emit(outputs[i])));
        }

        return LinqExpression.Lambda<ParameterFunction>(emitter.Body(), name, [emitter.P, output]).Compile();
    }

    /// <summary>Compiles a scalar function.</summary>
    public ModelScalarFunction CompileScalar(Expr e, string name)
    {
        var emitter = new Emitter(this, [e], withStateAndTime: true);
        var value = emitter.Emit(e);
        emitter.Statement(value);
        return LinqExpression.Lambda<ModelScalarFunction>(emitter.Body(), name, [emitter.T, emitter.Y, emitter.P]).Compile();
    }

    /// <summary>Compiles simultaneous state assignments <c>y[index] := value</c> (values from the old state).</summary>
    public ModelStateAction CompileStateAssignments(IReadOnlyList<(int Index, Expr Value)> assignments, string name)
    {
        var emitter = new Emitter(this, assignments.Select(a => a.Value).ToList(), withStateAndTime: true);
        var temps = new List<ParameterExpression>();
        foreach (var (_, value) in assignments)
        {
            var temp = emitter.NewLocal(typeof(double));
            emitter.Statement(LinqExpression.Assign(temp, emitter.Emit(value)));
            temps.Add(temp);
        }

        for (var i = 0; i < assignments.Count; i++)
        {
            emitter.Statement(LinqExpression.Assign(LinqExpression.ArrayAccess(emitter.Y, LinqExpression.Constant(assignments[i].Index)), temps[i]));
        }

        emitter.Statement(LinqExpression.Empty());
        return LinqExpression.Lambda<ModelStateAction>(emitter.Body(), name, [emitter.T, emitter.Y, emitter.P]).Compile();
    }

    private sealed class Emitter
    {
        private readonly ExpressionCompiler _owner;
        private readonly Dictionary<Expr, int> _uses = [];
        private readonly Dictionary<Expr, LinqExpression> _locals = [];
        private readonly List<ParameterExpression> _variables = [];
        private readonly List<LinqExpression> _statements = [];
        private readonly bool _withStateAndTime;
        private readonly IReadOnlyDictionary<Expr, int> _slots;

        public Emitter(ExpressionCompiler owner, IReadOnlyList<Expr> roots, bool withStateAndTime, IReadOnlyDictionary<Expr, int>? slots = null)
        {
            _owner = owner;
            _withStateAndTime = withStateAndTime;
            _slots = slots ?? new Dictionary<Expr, int>();
            T = LinqExpression.Parameter(typeof(double), "t");
            Y = LinqExpression.Parameter(typeof(double[]), "y");
            P = LinqExpression.Parameter(typeof(double[]), "p");
            Cache = LinqExpression.Parameter(typeof(double[]), "cache");
            CountUses(roots);
        }

        public ParameterExpression T { get; }

        public ParameterExpression Y { get; }

        public ParameterExpression P { get; }

        /// <summary>The cache of hoisted values (a parameter of kernels only).</summary>
        public ParameterExpression Cache { get; }

        public void Statement(LinqExpression e) => _statements.Add(e);

        public ParameterExpression NewLocal(Type type)
        {
            var v = LinqExpression.Variable(type, "v" + _variables.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _variables.Add(v);
            return v;
        }

        public LinqExpression Body() =>
            _statements.Count == 0 ? LinqExpression.Empty() : LinqExpression.Block(_variables, _statements);

        public LinqExpression Emit(Expr e)
        {
            if (_locals.TryGetValue(e, out var existing))
            {
                return existing;
            }

            var code = Build(e);
            if (_uses.GetValueOrDefault(e) > 1 && e.Kind is not (ExprKind.Constant or ExprKind.Boolean or ExprKind.Time))
            {
                var local = NewLocal(code.Type);
                _statements.Add(LinqExpression.Assign(local, code));
                _locals[e] = local;
                return local;
            }

            return code;
        }

        private void CountUses(IReadOnlyList<Expr> roots)
        {
            var visited = new HashSet<Expr>();
            var stack = new Stack<Expr>();
            foreach (var root in roots)
            {
                _uses[root] = _uses.GetValueOrDefault(root) + 1;
                stack.Push(root);
            }

            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (!visited.Add(node))
                {
                    continue;
                }

                if (_slots.ContainsKey(node))
                {
                    continue; // read from the cache: its inside is not emitted here
                }

                foreach (var child in node.Args)
                {
                    _uses[child] = _uses.GetValueOrDefault(child) + 1;
                    stack.Push(child);
                }

                // Small integer powers read their base several times: keep it in a local.
                if (node.Kind == ExprKind.Power && node.Args[1].IsConstant
                    && ExprMath.ClassifyExponent(node.Args[1].Value) is ExprMath.PowerForm.Square or ExprMath.PowerForm.Cube
                        or ExprMath.PowerForm.Fourth or ExprMath.PowerForm.ReciprocalSquare)
                {
                    _uses[node.Args[0]] = _uses.GetValueOrDefault(node.Args[0]) + 2;
                }
            }
        }

        private LinqExpression Build(Expr e)
        {
            if (_slots.TryGetValue(e, out var slot))
            {
                return LinqExpression.ArrayIndex(Cache, LinqExpression.Constant(slot));
            }

            var a = e.Args;
            switch (e.Kind)
            {
                case ExprKind.Constant:
                    return LinqExpression.Constant(e.Value);
                case ExprKind.Boolean:
                    return LinqExpression.Constant(e.Value != 0);
                case ExprKind.Time:
                    RequireDynamic(e);
                    return T;
                case ExprKind.Symbol:
                    if (_owner._stateIndex.TryGetValue(e.Name!, out var si))
                    {
                        RequireDynamic(e);
                        return LinqExpression.ArrayIndex(Y, LinqExpression.Constant(si));
                    }

                    if (_owner._parameterIndex.TryGetValue(e.Name!, out var pi))
                    {
                        return LinqExpression.ArrayIndex(P, LinqExpression.Constant(pi));
                    }

                    throw new InvalidOperationException($"Cannot compile the unresolved symbol '{e.Name}' (assignments must be inlined first).");
                case ExprKind.Add: return LinqExpression.Add(Emit(a[0]), Emit(a[1]));
                case ExprKind.Subtract: return LinqExpression.Subtract(Emit(a[0]), Emit(a[1]));
                case ExprKind.Multiply: return LinqExpression.Multiply(Emit(a[0]), Emit(a[1]));
                case ExprKind.Divide: return LinqExpression.Divide(Emit(a[0]), Emit(a[1]));
                case ExprKind.Negate: return LinqExpression.Negate(Emit(a[0]));
                case ExprKind.Power: return Power(a[0], a[1]);
                case ExprKind.Exp: return LinqExpression.Call(MathExp, Emit(a[0]));
                case ExprKind.Log: return LinqExpression.Call(MathLog, Emit(a[0]));
                case ExprKind.Sqrt: return LinqExpression.Call(MathSqrt, Emit(a[0]));
                case ExprKind.Abs: return LinqExpression.Call(MathAbs, Emit(a[0]));
                case ExprKind.Min: return LinqExpression.Call(MathMin, Emit(a[0]), Emit(a[1]));
                case ExprKind.Max: return LinqExpression.Call(MathMax, Emit(a[0]), Emit(a[1]));
                case ExprKind.Piecewise:
                {
                    // Conditions and values are emitted first (in order) so hoisted locals precede the conditional.
                    var parts = a.Select(Emit).ToArray();
                    var result = parts[^1];
                    for (var i = a.Length - 3; i >= 0; i -= 2)
                    {
                        result = LinqExpression.Condition(parts[i + 1], parts[i], result);
                    }

                    return result;
                }

                case ExprKind.Less: return LinqExpression.LessThan(Emit(a[0]), Emit(a[1]));
                case ExprKind.LessOrEqual: return LinqExpression.LessThanOrEqual(Emit(a[0]), Emit(a[1]));
                case ExprKind.Greater: return LinqExpression.GreaterThan(Emit(a[0]), Emit(a[1]));
                case ExprKind.GreaterOrEqual: return LinqExpression.GreaterThanOrEqual(Emit(a[0]), Emit(a[1]));
                case ExprKind.Equal: return LinqExpression.Equal(Emit(a[0]), Emit(a[1]));
                case ExprKind.NotEqual: return LinqExpression.NotEqual(Emit(a[0]), Emit(a[1]));
                case ExprKind.And: return LinqExpression.AndAlso(Emit(a[0]), Emit(a[1]));
                case ExprKind.Or: return LinqExpression.OrElse(Emit(a[0]), Emit(a[1]));
                case ExprKind.Not: return LinqExpression.Not(Emit(a[0]));
                default:
                    throw new InvalidOperationException($"Cannot compile {e.Kind}.");
            }
        }

        private LinqExpression Power(Expr baseExpr, Expr exponent)
        {
            if (!exponent.IsConstant)
            {
                return LinqExpression.Call(MathPow, Emit(baseExpr), Emit(exponent));
            }

            var b = Emit(baseExpr);
            var one = LinqExpression.Constant(1.0);
            switch (ExprMath.ClassifyExponent(exponent.Value))
            {
                case ExprMath.PowerForm.Zero: return one;
                case ExprMath.PowerForm.One: return b;
                case ExprMath.PowerForm.Square: return LinqExpression.Multiply(b, b);
                case ExprMath.PowerForm.Cube: return LinqExpression.Multiply(LinqExpression.Multiply(b, b), b);
                case ExprMath.PowerForm.Fourth:
                {
                    var square = NewLocal(typeof(double));
                    _statements.Add(LinqExpression.Assign(square, LinqExpression.Multiply(b, b)));
                    return LinqExpression.Multiply(square, square);
                }

                case ExprMath.PowerForm.Reciprocal: return LinqExpression.Divide(one, b);
                case ExprMath.PowerForm.ReciprocalSquare: return LinqExpression.Divide(one, LinqExpression.Multiply(b, b));
                case ExprMath.PowerForm.SquareRoot: return LinqExpression.Call(MathSqrt, b);
                case ExprMath.PowerForm.ReciprocalSquareRoot: return LinqExpression.Divide(one, LinqExpression.Call(MathSqrt, b));
                default: return LinqExpression.Call(MathPow, b, LinqExpression.Constant(exponent.Value));
            }
        }

        private void RequireDynamic(Expr e)
        {
            if (!_withStateAndTime)
            {
                throw new InvalidOperationException($"'{e}' cannot appear in a function of the parameters only.");
            }
        }
    }
}
