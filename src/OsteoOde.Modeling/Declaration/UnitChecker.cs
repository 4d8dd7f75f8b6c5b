namespace OsteoOde.Modeling;

/// <summary>Result of unit inference for one node: a real value with a unit, the unit-free zero, or a condition.</summary>
internal readonly record struct UnitType(UnitTypeKind Kind, Unit Unit)
{
    public static UnitType Any => new(UnitTypeKind.Any, default);

    public static UnitType Condition => new(UnitTypeKind.Condition, default);

    public static UnitType Of(Unit unit) => new(UnitTypeKind.Real, unit);

    public bool IsAny => Kind == UnitTypeKind.Any;

    public override string ToString() => Kind switch
    {
        UnitTypeKind.Any => "any unit",
        UnitTypeKind.Condition => "condition",
        _ => Unit.ToString(),
    };
}

/// <summary>Kinds of <see cref="UnitType"/>.</summary>
internal enum UnitTypeKind
{
    Real,
    Any,
    Condition,
}

/// <summary>
/// Dimensional analysis of model expressions. Rules: sums, differences, min/max, comparisons and piecewise branches need equal
/// units (same dimension and scale); exp/log arguments and exponents are pure numbers; a power with a non-constant exponent
/// needs a pure-number base; a constant power must give whole exponents; the literal 0 fits any unit. Every mismatch is recorded
/// with the equation and term being checked; a node that failed counts as "any unit" so one mistake is reported once.
/// </summary>
internal sealed class UnitChecker(Func<string, Unit> symbolUnit, Unit timeUnit)
{
    private readonly Dictionary<Expr, UnitType> _memo = [];
    private string _equation = "";
    private string? _termName;

    public List<UnitIssue> Issues { get; } = [];

    /// <summary>Infers the unit of <paramref name="e"/> in the context of an equation (for messages).</summary>
    public UnitType Infer(Expr e, string equation, string? termName)
    {
        (_equation, _termName) = (equation, termName);
        return Infer(e);
    }

    /// <summary>Checks that <paramref name="e"/> has the unit <paramref name="expected"/> (the zero literal passes).</summary>
    public void Expect(Expr e, Unit expected, string equation, string? termName)
    {
        var found = Infer(e, equation, termName);
        if (found.Kind == UnitTypeKind.Real && !found.Unit.Equals(expected))
        {
            Issues.Add(new UnitIssue(equation, e.ToString(), found.Unit.ToString(), expected.ToString(),
                ModelMessages.TermUnitMismatch(equation, termName, e, found.Unit, expected)));
        }
    }

    private UnitType Infer(Expr e)
    {
        if (_memo.TryGetValue(e, out var known))
        {
            return known;
        }

        var result = Compute(e);
        _memo[e] = result;
        return result;
    }

    private UnitType Compute(Expr e)
    {
        var a = e.Args;
        switch (e.Kind)
        {
            case ExprKind.Constant:
                return e.IsZero ? UnitType.Any : UnitType.Of(e.Unit);
            case ExprKind.Boolean:
                return UnitType.Condition;
            case ExprKind.Symbol:
                return UnitType.Of(symbolUnit(e.Name!));
            case ExprKind.Time:
                return UnitType.Of(timeUnit);
            case ExprKind.Add:
            case ExprKind.Subtract:
            case ExprKind.Min:
            case ExprKind.Max:
                return Same(e, a[0], a[1]);
            case ExprKind.Multiply:
            {
                var (u, v) = (Infer(a[0]), Infer(a[1]));
                return u.IsAny || v.IsAny ? UnitType.Any : UnitType.Of(u.Unit * v.Unit);
            }

            case ExprKind.Divide:
            {
                var (u, v) = (Infer(a[0]), Infer(a[1]));
                return u.IsAny || v.IsAny ? UnitType.Any : UnitType.Of(u.Unit / v.Unit);
            }

            case ExprKind.Negate:
            case ExprKind.Abs:
                return Infer(a[0]);
            case ExprKind.Power:
                return Power(e, a[0], a[1]);
            case ExprKind.Exp:
            case ExprKind.Log:
            {
                var u = Infer(a[0]);
                if (u.Kind == UnitTypeKind.Real && !u.Unit.IsOne)
                {
                    return Fail(e, a[0].ToString(), u.Unit, Unit.Dimensionless,
                        ModelMessages.FunctionArgumentNotDimensionless(_equation, _termName, e, a[0], u.Unit));
                }

                return UnitType.Of(Unit.Dimensionless);
            }

            case ExprKind.Sqrt:
            {
                var u = Infer(a[0]);
                if (u.IsAny)
                {
                    return u;
                }

                if (!u.Unit.TryPow(0.5, out var root))
                {
                    return Fail(e, e.ToString(), u.Unit, Unit.Dimensionless, ModelMessages.FractionalPower(_equation, _termName, e, u.Unit, 0.5));
                }

                return UnitType.Of(root);
            }

            case ExprKind.Piecewise:
            {
                for (var i = 1; i < a.Length; i += 2)
                {
                    Infer(a[i]);
                }

                var result = Infer(a[^1]);
                var resultExpr = a[^1];
                for (var i = 0; i + 1 < a.Length; i += 2)
                {
                    var u = Infer(a[i]);
                    if (u.IsAny)
                    {
                        continue;
                    }

                    if (result.IsAny)
                    {
                        (result, resultExpr) = (u, a[i]);
                    }
                    else if (!u.Unit.Equals(result.Unit))
                    {
                        return Fail(e, e.ToString(), u.Unit, result.Unit,
                            ModelMessages.OperandUnitMismatch(_equation, _termName, e, resultExpr, result.Unit, a[i], u.Unit));
                    }
                }

                return result;
            }

            case ExprKind.Less:
            case ExprKind.LessOrEqual:
            case ExprKind.Greater:
            case ExprKind.GreaterOrEqual:
            case ExprKind.Equal:
            case ExprKind.NotEqual:
                Same(e, a[0], a[1]);
                return UnitType.Condition;
            case ExprKind.And:
            case ExprKind.Or:
            case ExprKind.Not:
                foreach (var arg in a)
                {
                    Infer(arg);
                }

                return UnitType.Condition;
            default:
                throw new InvalidOperationException($"No unit rule for {e.Kind}.");
        }
    }

    private UnitType Same(Expr node, Expr left, Expr right)
    {
        var (u, v) = (Infer(left), Infer(right));
        if (u.IsAny)
        {
            return v;
        }

        if (v.IsAny || u.Unit.Equals(v.Unit))
        {
            return u;
        }

        return Fail(node, node.ToString(), v.Unit, u.Unit,
            ModelMessages.OperandUnitMismatch(_equation, _termName, node, left, u.Unit, right, v.Unit));
    }

    private UnitType Power(Expr node, Expr baseExpr, Expr exponent)
    {
        var (u, v) = (Infer(baseExpr), Infer(exponent));
        if (v.Kind == UnitTypeKind.Real && !v.Unit.IsOne)
        {
            return Fail(node, exponent.ToString(), v.Unit, Unit.Dimensionless,
                ModelMessages.ExponentNotDimensionless(_equation, _termName, node, exponent, v.Unit));
        }

        if (u.IsAny)
        {
            return u;
        }

        if (exponent.IsConstant)
        {
            if (!u.Unit.TryPow(exponent.Value, out var powered))
            {
                return Fail(node, node.ToString(), u.Unit, Unit.Dimensionless,
                    ModelMessages.FractionalPower(_equation, _termName, node, u.Unit, exponent.Value));
            }

            return UnitType.Of(powered);
        }

        if (!u.Unit.IsOne)
        {
            return Fail(node, baseExpr.ToString(), u.Unit, Unit.Dimensionless,
                ModelMessages.VariableExponentNeedsDimensionlessBase(_equation, _termName, node, baseExpr, exponent, u.Unit));
        }

        return UnitType.Of(Unit.Dimensionless);
    }

    private UnitType Fail(Expr node, string term, Unit found, Unit expected, string message)
    {
        _ = node;
        Issues.Add(new UnitIssue(_equation, term, found.ToString(), expected.ToString(), message));
        return UnitType.Any;
    }
}
