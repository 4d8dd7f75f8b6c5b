namespace OsteoOde.Modeling;

/// <summary>
/// Symbolic partial derivatives with respect to one variable, memoised over the DAG: a shared node is differentiated once, and
/// the derivative reuses the original nodes (<c>d exp(u) = exp(u)·du</c> reuses <c>exp(u)</c>), so hash-consing keeps the
/// result compact. One instance may differentiate many expressions (a Jacobian column) and shares work between them.
/// </summary>
internal sealed class Differentiator
{
    private readonly Expr _variable;
    private readonly Dictionary<Expr, Expr> _memo = [];

    public Differentiator(Expr variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable.Kind is not (ExprKind.Symbol or ExprKind.Time))
        {
            throw new ArgumentException($"Can only differentiate with respect to a symbol or the time (got '{variable}').", nameof(variable));
        }

        _variable = variable;
    }

    public Expr Derivative(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.IsCondition)
        {
            throw new ArgumentException($"A condition has no derivative ('{e}').", nameof(e));
        }

        // Post-order so that recursion depth stays bounded by the DAG walk, not by nested derivative calls.
        foreach (var node in e.PostOrder())
        {
            if (!_memo.ContainsKey(node) && !node.IsCondition)
            {
                _memo[node] = Rule(node);
            }
        }

        return _memo[e];
    }

    private Expr D(Expr e) => _memo[e];

    private Expr Rule(Expr e)
    {
        var a = e.Args;
        switch (e.Kind)
        {
            case ExprKind.Constant:
                return Expr.Zero;
            case ExprKind.Symbol:
            case ExprKind.Time:
                return ReferenceEquals(e, _variable) ? Expr.One : Expr.Zero;
            case ExprKind.Add:
                return D(a[0]) + D(a[1]);
            case ExprKind.Subtract:
                return D(a[0]) - D(a[1]);
            case ExprKind.Negate:
                return -D(a[0]);
            case ExprKind.Multiply:
                return D(a[0]) * a[1] + a[0] * D(a[1]);
            case ExprKind.Divide:
            {
                var (du, dv) = (D(a[0]), D(a[1]));
                if (dv.IsZero)
                {
                    return du / a[1];
                }

                // (du·v − u·dv)/v² = (du − (u/v)·dv)/v, reusing the quotient node itself.
                return (du - e * dv) / a[1];
            }

            case ExprKind.Power:
            {
                var (u, v) = (a[0], a[1]);
                var (du, dv) = (D(u), D(v));
                if (dv.IsZero)
                {
                    if (du.IsZero)
                    {
                        return Expr.Zero;
                    }

                    var reduced = v.IsConstant ? Expr.Constant(v.Value - 1) : v - 1;
                    return v * Expr.Pow(u, reduced) * du;
                }

                var logTerm = dv * Expr.Log(u);
                return du.IsZero ? e * logTerm : e * (logTerm + v * du / u);
            }

            case ExprKind.Exp:
                return e * D(a[0]);
            case ExprKind.Log:
                return D(a[0]) / a[0];
            case ExprKind.Sqrt:
            {
                var du = D(a[0]);
                return du.IsZero ? Expr.Zero : du / (2 * e);
            }

            case ExprKind.Abs:
            {
                var du = D(a[0]);
                return du.IsZero ? Expr.Zero : Expr.If(Expr.Less(a[0], Expr.Zero), -du, du);
            }

            case ExprKind.Min:
                return Expr.If(Expr.LessOrEqual(a[0], a[1]), D(a[0]), D(a[1]));
            case ExprKind.Max:
                return Expr.If(Expr.GreaterOrEqual(a[0], a[1]), D(a[0]), D(a[1]));
            case ExprKind.Piecewise:
            {
                var cases = new List<(Expr, Expr)>();
                for (var i = 0; i + 1 < a.Length; i += 2)
                {
                    cases.Add((a[i + 1], D(a[i])));
                }

                return Expr.Piecewise(cases, D(a[^1]));
            }

            default:
                throw new InvalidOperationException($"No derivative rule for {e.Kind}.");
        }
    }
}
