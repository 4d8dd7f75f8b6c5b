namespace OsteoOde.Modeling;

public sealed partial class Expr
{
    /// <summary>All distinct nodes of the DAG, children before parents (each shared node once).</summary>
    /// <returns>The nodes in post-order.</returns>
    public IReadOnlyList<Expr> PostOrder()
    {
        var result = new List<Expr>();
        var seen = new HashSet<Expr>();
        var stack = new Stack<(Expr Node, int Next)>();
        stack.Push((this, 0));
        seen.Add(this);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node._args.Length)
            {
                stack.Push((node, next + 1));
                var child = node._args[next];
                if (seen.Add(child))
                {
                    stack.Push((child, 0));
                }
            }
            else
            {
                result.Add(node);
            }
        }

        return result;
    }

    /// <summary>Number of distinct nodes (the size of the DAG).</summary>
    public int NodeCount => PostOrder().Count;

    /// <summary>Names of the symbols this expression reads, in order of first appearance (post-order).</summary>
    /// <returns>The names.</returns>
    public IReadOnlyList<string> SymbolNames() =>
        PostOrder().Where(n => n.Kind == ExprKind.Symbol).Select(n => n.Name!).ToList();

    /// <summary>Whether the expression reads the named symbol.</summary>
    /// <param name="name">Symbol name.</param>
    /// <returns>Whether it occurs.</returns>
    public bool DependsOn(string name) => PostOrder().Any(n => n.Kind == ExprKind.Symbol && n.Name == name);

    /// <summary>Whether the expression reads the time <c>t</c>.</summary>
    public bool DependsOnTime => PostOrder().Any(n => n.Kind == ExprKind.Time);

    /// <summary>Replaces symbols by expressions (simultaneously; replacements are not substituted again).</summary>
    /// <param name="replacements">Map from symbol name to replacement.</param>
    /// <returns>The rebuilt, re-simplified expression.</returns>
    public Expr Substitute(IReadOnlyDictionary<string, Expr> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        return Substitute(n => n.Kind == ExprKind.Symbol && replacements.TryGetValue(n.Name!, out var r) ? r : null);
    }

    /// <summary>
    /// Rebuilds the expression bottom-up, replacing every leaf (symbol, time, constant) for which <paramref name="replace"/>
    /// returns a node; other nodes are rebuilt through the simplifying factories. Shared nodes are visited once.
    /// </summary>
    /// <param name="replace">Returns the replacement of a leaf, or <see langword="null"/> to keep it.</param>
    /// <returns>The rebuilt expression.</returns>
    public Expr Substitute(Func<Expr, Expr?> replace)
    {
        ArgumentNullException.ThrowIfNull(replace);
        return new Rewriter(replace).Rewrite(this);
    }

    /// <summary>Partial derivative with respect to a symbol or the time (symbolic, memoised over the DAG, simplified).</summary>
    /// <param name="variable">A <see cref="ExprKind.Symbol"/> node or <see cref="Time"/>.</param>
    /// <returns>The derivative expression.</returns>
    public Expr Differentiate(Expr variable) => new Differentiator(variable).Derivative(this);

    /// <summary>Partial derivative with respect to the named symbol.</summary>
    /// <param name="symbolName">Symbol name.</param>
    /// <returns>The derivative expression.</returns>
    public Expr Differentiate(string symbolName) => Differentiate(Symbol(symbolName));

    /// <summary>Evaluates the expression with an interpreter (for tests and one-off values; compile models for speed).</summary>
    /// <param name="symbolValue">Value of each symbol by name; may throw for unknown names.</param>
    /// <param name="time">Value of <c>t</c>.</param>
    /// <returns>The value; conditions evaluate to 1 or 0.</returns>
    public double Evaluate(Func<string, double> symbolValue, double time = 0)
    {
        ArgumentNullException.ThrowIfNull(symbolValue);
        return new Interpreter(symbolValue, time).Value(this);
    }

    /// <summary>Evaluates the expression with symbol values from a dictionary.</summary>
    /// <param name="symbolValues">Values by name; a missing name throws <see cref="KeyNotFoundException"/> naming it.</param>
    /// <param name="time">Value of <c>t</c>.</param>
    /// <returns>The value.</returns>
    public double Evaluate(IReadOnlyDictionary<string, double> symbolValues, double time = 0)
    {
        ArgumentNullException.ThrowIfNull(symbolValues);
        return Evaluate(
            name => symbolValues.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"No value given for symbol '{name}'."),
            time);
    }

    private sealed class Rewriter(Func<Expr, Expr?> replace)
    {
        private readonly Dictionary<Expr, Expr> _memo = [];

        public Expr Rewrite(Expr root)
        {
            foreach (var node in root.PostOrder())
            {
                if (node._args.Length == 0)
                {
                    _memo[node] = replace(node) ?? node;
                    continue;
                }

                var changed = false;
                var args = new Expr[node._args.Length];
                for (var i = 0; i < args.Length; i++)
                {
                    args[i] = _memo[node._args[i]];
                    changed |= !ReferenceEquals(args[i], node._args[i]);
                }

                _memo[node] = changed ? Create(node.Kind, args) : node;
            }

            return _memo[root];
        }
    }
}
