namespace OsteoOde.Modeling;

/// <summary>
/// Tree-walking evaluator. Evaluates every distinct node once in post-order (branches of a piecewise included, which is
/// harmless because every operation is total on doubles) using the same scalar kernels as the compiler.
/// </summary>
internal sealed class Interpreter(Func<string, double> symbolValue, double time)
{
    private readonly Dictionary<Expr, double> _values = [];

    public double Value(Expr root)
    {
        foreach (var node in root.PostOrder())
        {
            if (!_values.ContainsKey(node))
            {
                _values[node] = Compute(node);
            }
        }

        return _values[root];
    }

    private double Compute(Expr e)
    {
        var a = e.Args;
        double V(int i) => _values[a[i]];
        static double B(bool b) => b ? 1.0 : 0.0;
        switch (e.Kind)
        {
            case ExprKind.Constant:
            case ExprKind.Boolean:
                return e.Value;
            case ExprKind.Symbol:
                return symbolValue(e.Name!);
            case ExprKind.Time:
                return time;
            case ExprKind.Add: return V(0) + V(1);
            case ExprKind.Subtract: return V(0) - V(1);
            case ExprKind.Multiply: return V(0) * V(1);
            case ExprKind.Divide: return V(0) / V(1);
            case ExprKind.Negate: return -V(0);
            case ExprKind.Power:
                return a[1].IsConstant ? ExprMath.Pow(V(0), a[1].Value) : ExprMath.PowGeneral(V(0), V(1));
            case ExprKind.Exp: return Math.Exp(V(0));
            case ExprKind.Log: return Math.Log(V(0));
            case ExprKind.Sqrt: return Math.Sqrt(V(0));
            case ExprKind.Abs: return Math.Abs(V(0));
            case ExprKind.Min: return ExprMath.Min(V(0), V(1));
            case ExprKind.Max: return ExprMath.Max(V(0), V(1));
            case ExprKind.Piecewise:
                for (var i = 0; i + 1 < a.Length; i += 2)
                {
                    if (V(i + 1) != 0)
                    {
                        return V(i);
                    }
                }

                return V(a.Length - 1);
            case ExprKind.Less: return B(V(0) < V(1));
            case ExprKind.LessOrEqual: return B(V(0) <= V(1));
            case ExprKind.Greater: return B(V(0) > V(1));
            case ExprKind.GreaterOrEqual: return B(V(0) >= V(1));
            case ExprKind.Equal: return B(V(0) == V(1));
            case ExprKind.NotEqual: return B(V(0) != V(1));
            case ExprKind.And: return B(V(0) != 0 && V(1) != 0);
            case ExprKind.Or: return B(V(0) != 0 || V(1) != 0);
            case ExprKind.Not: return B(V(0) == 0);
            default:
                throw new InvalidOperationException($"Cannot evaluate {e.Kind}.");
        }
    }
}
