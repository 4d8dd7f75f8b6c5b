namespace OsteoOde.Modeling;

public sealed partial class Expr
{
    // ---- arithmetic ---------------------------------------------------------------------------------------------------

    /// <summary>Sum <c>a + b</c>.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>The simplified sum.</returns>
    public static Expr Add(Expr a, Expr b)
    {
        RequireReal(a, b, "+");
        if (a.IsZero)
        {
            return b;
        }

        if (b.IsZero)
        {
            return a;
        }

        if (a.IsConstant && b.IsConstant && a.Unit.Equals(b.Unit))
        {
            return Quantity(a.Value + b.Value, a.Unit);
        }

        if (b.Kind == ExprKind.Negate)
        {
            return Subtract(a, b._args[0]);
        }

        if (b.IsConstant && b.Value < 0)
        {
            return Subtract(a, Quantity(-b.Value, b.Unit));
        }

        if (a.Kind == ExprKind.Negate)
        {
            return Subtract(b, a._args[0]);
        }

        return Intern(ExprKind.Add, 0, default, null, [a, b]);
    }

    /// <summary>Difference <c>a − b</c>.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>The simplified difference.</returns>
    public static Expr Subtract(Expr a, Expr b)
    {
        RequireReal(a, b, "-");
        if (b.IsZero)
        {
            return a;
        }

        if (a.IsZero)
        {
            return Negate(b);
        }

        if (ReferenceEquals(a, b))
        {
            return Zero;
        }

        if (a.IsConstant && b.IsConstant && a.Unit.Equals(b.Unit))
        {
            return Quantity(a.Value - b.Value, a.Unit);
        }

        if (b.Kind == ExprKind.Negate)
        {
            return Add(a, b._args[0]);
        }

        if (b.IsConstant && b.Value < 0)
        {
            return Add(a, Quantity(-b.Value, b.Unit));
        }

        return Intern(ExprKind.Subtract, 0, default, null, [a, b]);
    }

    /// <summary>Product <c>a · b</c>.</summary>
    /// <param name="a">Left factor.</param>
    /// <param name="b">Right factor.</param>
    /// <returns>The simplified product.</returns>
    public static Expr Multiply(Expr a, Expr b)
    {
        RequireReal(a, b, "*");
        if (a.IsZero || b.IsZero)
        {
            return Zero;
        }

        if (a.IsOne)
        {
            return b;
        }

        if (b.IsOne)
        {
            return a;
        }

        if (a.IsConstant && b.IsConstant)
        {
            return Quantity(a.Value * b.Value, a.Unit * b.Unit);
        }

        if (IsMinusOne(a))
        {
            return Negate(b);
        }

        if (IsMinusOne(b))
        {
            return Negate(a);
        }

        // Move signs out: (−a)·b = −(a·b), a·(−b) = −(a·b), c·x with c < 0 = −(|c|·x); all exact.
        if (a.Kind == ExprKind.Negate || b.Kind == ExprKind.Negate || IsNegativeConstant(a) || IsNegativeConstant(b))
        {
            var (pa, na) = SplitSign(a);
            var (pb, nb) = SplitSign(b);
            var product = Multiply(pa, pb);
            return na != nb ? Negate(product) : product;
        }

        return Intern(ExprKind.Multiply, 0, default, null, [a, b]);
    }

    /// <summary>Quotient <c>a / b</c>.</summary>
    /// <param name="a">Numerator.</param>
    /// <param name="b">Denominator.</param>
    /// <returns>The simplified quotient.</returns>
    public static Expr Divide(Expr a, Expr b)
    {
        RequireReal(a, b, "/");
        if (b.IsOne)
        {
            return a;
        }

        if (a.IsZero && !b.IsZero)
        {
            return Zero;
        }

        if (a.IsConstant && b.IsConstant && b.Value != 0)
        {
            return Quantity(a.Value / b.Value, a.Unit / b.Unit);
        }

        if (IsMinusOne(b))
        {
            return Negate(a);
        }

        if (a.Kind == ExprKind.Negate || b.Kind == ExprKind.Negate || IsNegativeConstant(a) || IsNegativeConstant(b))
        {
            var (pa, na) = SplitSign(a);
            var (pb, nb) = SplitSign(b);
            var quotient = Divide(pa, pb);
            return na != nb ? Negate(quotient) : quotient;
        }

        return Intern(ExprKind.Divide, 0, default, null, [a, b]);
    }

    /// <summary>Negation <c>−a</c>.</summary>
    /// <param name="a">Operand.</param>
    /// <returns>The simplified negation.</returns>
    public static Expr Negate(Expr a)
    {
        RequireReal(a, "-");
        if (a.IsConstant)
        {
            return Quantity(-a.Value, a.Unit);
        }

        if (a.Kind == ExprKind.Negate)
        {
            return a._args[0];
        }

        if (a.Kind == ExprKind.Subtract)
        {
            return Subtract(a._args[1], a._args[0]);
        }

        return Intern(ExprKind.Negate, 0, default, null, [a]);
    }

    /// <summary>Power <c>base ^ exponent</c>. A non-constant exponent needs a dimensionless base (checked when a model is built).</summary>
    /// <param name="baseValue">Base.</param>
    /// <param name="exponent">Exponent (dimensionless).</param>
    /// <returns>The simplified power.</returns>
    public static Expr Pow(Expr baseValue, Expr exponent)
    {
        ArgumentNullException.ThrowIfNull(baseValue);
        ArgumentNullException.ThrowIfNull(exponent);
        RequireReal(baseValue, exponent, "^");
        if (exponent.IsZero)
        {
            return One;
        }

        if (exponent.IsOne)
        {
            return baseValue;
        }

        if (baseValue.IsOne)
        {
            return One;
        }

        if (baseValue.IsConstant && exponent.IsConstant && exponent.Unit.IsOne
            && baseValue.Unit.TryPow(exponent.Value, out var unit))
        {
            return Quantity(ExprMath.Pow(baseValue.Value, exponent.Value), unit);
        }

        return Intern(ExprKind.Power, 0, default, null, [baseValue, exponent]);
    }

    /// <summary>Exponential <c>exp(a)</c> (argument dimensionless).</summary>
    /// <param name="a">Argument.</param>
    /// <returns>The node.</returns>
    public static Expr Exp(Expr a)
    {
        RequireReal(a, "exp");
        if (a.IsConstant && a.Unit.IsOne)
        {
            return Constant(Math.Exp(a.Value));
        }

        return Intern(ExprKind.Exp, 0, default, null, [a]);
    }

    /// <summary>Natural logarithm <c>ln(a)</c> (argument dimensionless).</summary>
    /// <param name="a">Argument.</param>
    /// <returns>The node.</returns>
    public static Expr Log(Expr a)
    {
        RequireReal(a, "log");
        if (a.IsConstant && a.Unit.IsOne && a.Value > 0)
        {
            return Constant(Math.Log(a.Value));
        }

        if (a.Kind == ExprKind.Exp)
        {
            return a._args[0];
        }

        return Intern(ExprKind.Log, 0, default, null, [a]);
    }

    /// <summary>Square root.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>The node.</returns>
    public static Expr Sqrt(Expr a)
    {
        RequireReal(a, "sqrt");
        if (a.IsConstant && a.Value >= 0 && a.Unit.TryPow(0.5, out var unit))
        {
            return Quantity(Math.Sqrt(a.Value), unit);
        }

        return Intern(ExprKind.Sqrt, 0, default, null, [a]);
    }

    /// <summary>Absolute value.</summary>
    /// <param name="a">Argument.</param>
    /// <returns>The node.</returns>
    public static Expr Abs(Expr a)
    {
        RequireReal(a, "abs");
        if (a.IsConstant)
        {
            return Quantity(Math.Abs(a.Value), a.Unit);
        }

        if (a.Kind is ExprKind.Abs or ExprKind.Exp or ExprKind.Sqrt)
        {
            return a; // already non-negative
        }

        if (a.Kind == ExprKind.Negate)
        {
            return Abs(a._args[0]);
        }

        return Intern(ExprKind.Abs, 0, default, null, [a]);
    }

    /// <summary>Smaller of two values (returns <paramref name="a"/> on ties).</summary>
    /// <param name="a">First value.</param>
    /// <param name="b">Second value.</param>
    /// <returns>The node.</returns>
    public static Expr Min(Expr a, Expr b)
    {
        RequireReal(a, b, "min");
        if (ReferenceEquals(a, b))
        {
            return a;
        }

        if (a.IsConstant && b.IsConstant && a.Unit.Equals(b.Unit))
        {
            return Quantity(ExprMath.Min(a.Value, b.Value), a.Unit);
        }

        return Intern(ExprKind.Min, 0, default, null, [a, b]);
    }

    /// <summary>Larger of two values (returns <paramref name="a"/> on ties).</summary>
    /// <param name="a">First value.</param>
    /// <param name="b">Second value.</param>
    /// <returns>The node.</returns>
    public static Expr Max(Expr a, Expr b)
    {
        RequireReal(a, b, "max");
        if (ReferenceEquals(a, b))
        {
            return a;
        }

        if (a.IsConstant && b.IsConstant && a.Unit.Equals(b.Unit))
        {
            return Quantity(ExprMath.Max(a.Value, b.Value), a.Unit);
        }

        return Intern(ExprKind.Max, 0, default, null, [a, b]);
    }

    // ---- biology helpers ----------------------------------------------------------------------------------------------

    /// <summary>Activator (Michaelis–Menten/Hill n = 1): <c>x / (x + K)</c>.</summary>
    /// <param name="x">Effector level.</param>
    /// <param name="k">Half-activation constant (same unit as <paramref name="x"/>).</param>
    /// <returns>The expression.</returns>
    public static Expr Act(Expr x, Expr k) => Divide(x, Add(x, k));

    /// <summary>Repressor (n = 1): <c>K / (x + K)</c>.</summary>
    /// <param name="x">Effector level.</param>
    /// <param name="k">Half-repression constant (same unit as <paramref name="x"/>).</param>
    /// <returns>The expression.</returns>
    public static Expr Rep(Expr x, Expr k) => Divide(k, Add(x, k));

    /// <summary>
    /// Hill activator <c>r^n / (1 + r^n)</c> with <c>r = x/K</c> (equal to <c>x^n/(x^n + K^n)</c>, written so that a
    /// non-constant Hill coefficient acts on a dimensionless base). For <c>n = 1</c> this is <see cref="Act"/>.
    /// </summary>
    /// <param name="x">Effector level.</param>
    /// <param name="k">Half-activation constant.</param>
    /// <param name="n">Hill coefficient (dimensionless).</param>
    /// <returns>The expression.</returns>
    public static Expr Hill(Expr x, Expr k, Expr n)
    {
        ArgumentNullException.ThrowIfNull(n);
        if (n.IsOne)
        {
            return Act(x, k);
        }

        var rn = Pow(Divide(x, k), n);
        return Divide(rn, Add(One, rn));
    }

    /// <summary>Hill repressor <c>1 / (1 + (x/K)^n)</c>; for <c>n = 1</c> this is <see cref="Rep"/>.</summary>
    /// <param name="x">Effector level.</param>
    /// <param name="k">Half-repression constant.</param>
    /// <param name="n">Hill coefficient (dimensionless).</param>
    /// <returns>The expression.</returns>
    public static Expr HillRep(Expr x, Expr k, Expr n)
    {
        ArgumentNullException.ThrowIfNull(n);
        if (n.IsOne)
        {
            return Rep(x, k);
        }

        return Divide(One, Add(One, Pow(Divide(x, k), n)));
    }

    // ---- conditions ---------------------------------------------------------------------------------------------------

    /// <summary>Condition <c>a &lt; b</c>.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The condition.</returns>
    public static Expr Less(Expr a, Expr b) => Compare(ExprKind.Less, a, b);

    /// <summary>Condition <c>a ≤ b</c>.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The condition.</returns>
    public static Expr LessOrEqual(Expr a, Expr b) => Compare(ExprKind.LessOrEqual, a, b);

    /// <summary>Condition <c>a &gt; b</c>.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The condition.</returns>
    public static Expr Greater(Expr a, Expr b) => Compare(ExprKind.Greater, a, b);

    /// <summary>Condition <c>a ≥ b</c>.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The condition.</returns>
    public static Expr GreaterOrEqual(Expr a, Expr b) => Compare(ExprKind.GreaterOrEqual, a, b);

    /// <summary>Condition <c>a = b</c> (exact floating-point equality).</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The condition.</returns>
    public static Expr Equal(Expr a, Expr b) => Compare(ExprKind.Equal, a, b);

    /// <summary>Condition <c>a ≠ b</c>.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The condition.</returns>
    public static Expr NotEqual(Expr a, Expr b) => Compare(ExprKind.NotEqual, a, b);

    /// <summary>Logical and.</summary>
    /// <param name="a">Left condition.</param>
    /// <param name="b">Right condition.</param>
    /// <returns>The condition.</returns>
    public static Expr And(Expr a, Expr b)
    {
        RequireCondition(a, b, "and");
        if (a.Kind == ExprKind.Boolean)
        {
            return a.Value != 0 ? b : False;
        }

        if (b.Kind == ExprKind.Boolean)
        {
            return b.Value != 0 ? a : False;
        }

        return ReferenceEquals(a, b) ? a : Intern(ExprKind.And, 0, default, null, [a, b]);
    }

    /// <summary>Logical or.</summary>
    /// <param name="a">Left condition.</param>
    /// <param name="b">Right condition.</param>
    /// <returns>The condition.</returns>
    public static Expr Or(Expr a, Expr b)
    {
        RequireCondition(a, b, "or");
        if (a.Kind == ExprKind.Boolean)
        {
            return a.Value != 0 ? True : b;
        }

        if (b.Kind == ExprKind.Boolean)
        {
            return b.Value != 0 ? True : a;
        }

        return ReferenceEquals(a, b) ? a : Intern(ExprKind.Or, 0, default, null, [a, b]);
    }

    /// <summary>Logical negation.</summary>
    /// <param name="a">Condition.</param>
    /// <returns>The condition.</returns>
    public static Expr Not(Expr a)
    {
        RequireCondition(a, a, "not");
        if (a.Kind == ExprKind.Boolean)
        {
            return Boolean(a.Value == 0);
        }

        return a.Kind == ExprKind.Not ? a._args[0] : Intern(ExprKind.Not, 0, default, null, [a]);
    }

    /// <summary>
    /// Piecewise value: the value of the first case whose condition holds, otherwise <paramref name="otherwise"/>.
    /// Cases with a constant false condition are dropped; a constant true condition ends the list.
    /// </summary>
    /// <param name="cases">(condition, value) pairs in priority order.</param>
    /// <param name="otherwise">Value when no condition holds.</param>
    /// <returns>The node.</returns>
    public static Expr Piecewise(IEnumerable<(Expr Condition, Expr Value)> cases, Expr otherwise)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(otherwise);
        RequireReal(otherwise, "piecewise");
        var args = new List<Expr>();
        foreach (var (condition, value) in cases)
        {
            ArgumentNullException.ThrowIfNull(condition);
            ArgumentNullException.ThrowIfNull(value);
            if (!condition.IsCondition)
            {
                throw new ArgumentException($"A piecewise condition must be a comparison or logic expression (got '{condition}').", nameof(cases));
            }

            RequireReal(value, "piecewise");
            if (condition.Kind == ExprKind.Boolean)
            {
                if (condition.Value == 0)
                {
                    continue;
                }

                otherwise = value;
                break;
            }

            args.Add(value);
            args.Add(condition);
        }

        if (args.Count == 0)
        {
            return otherwise;
        }

        var allSame = true;
        for (var i = 0; i < args.Count; i += 2)
        {
            allSame &= ReferenceEquals(args[i], otherwise);
        }

        if (allSame)
        {
            return otherwise;
        }

        args.Add(otherwise);
        return Intern(ExprKind.Piecewise, 0, default, null, [.. args]);
    }

    /// <summary>Piecewise value with one case.</summary>
    /// <param name="case1">(condition, value).</param>
    /// <param name="otherwise">Value when the condition does not hold.</param>
    /// <returns>The node.</returns>
    public static Expr Piecewise((Expr Condition, Expr Value) case1, Expr otherwise) => Piecewise([case1], otherwise);

    /// <summary>Piecewise value with two cases.</summary>
    /// <param name="case1">First (condition, value).</param>
    /// <param name="case2">Second (condition, value).</param>
    /// <param name="otherwise">Value when no condition holds.</param>
    /// <returns>The node.</returns>
    public static Expr Piecewise((Expr Condition, Expr Value) case1, (Expr Condition, Expr Value) case2, Expr otherwise) =>
        Piecewise([case1, case2], otherwise);

    /// <summary>Conditional value: <paramref name="then"/> when <paramref name="condition"/> holds, else <paramref name="otherwise"/>.</summary>
    /// <param name="condition">Condition.</param>
    /// <param name="then">Value when it holds.</param>
    /// <param name="otherwise">Value when it does not.</param>
    /// <returns>The node.</returns>
    public static Expr If(Expr condition, Expr then, Expr otherwise) => Piecewise([(condition, then)], otherwise);

    // ---- generic construction (importers) -----------------------------------------------------------------------------

    /// <summary>
    /// Builds a non-leaf node of the given kind through the simplifying factories (for importers and tree rewriting).
    /// Leaves are built with <see cref="Constant(double)"/>, <see cref="Quantity(double, Unit)"/>, <see cref="Symbol"/>,
    /// <see cref="Time"/> and <see cref="Boolean(bool)"/>.
    /// </summary>
    /// <param name="kind">Node kind (not a leaf kind).</param>
    /// <param name="arguments">Arguments in the layout documented on <see cref="ExprKind"/>.</param>
    /// <returns>The node.</returns>
    public static Expr Create(ExprKind kind, IReadOnlyList<Expr> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        int Need(int n)
        {
            if (arguments.Count != n)
            {
                throw new ArgumentException($"{kind} takes {n} argument(s) (got {arguments.Count}).", nameof(arguments));
            }

            return n;
        }

        switch (kind)
        {
            case ExprKind.Add: Need(2); return Add(arguments[0], arguments[1]);
            case ExprKind.Subtract: Need(2); return Subtract(arguments[0], arguments[1]);
            case ExprKind.Multiply: Need(2); return Multiply(arguments[0], arguments[1]);
            case ExprKind.Divide: Need(2); return Divide(arguments[0], arguments[1]);
            case ExprKind.Negate: Need(1); return Negate(arguments[0]);
            case ExprKind.Power: Need(2); return Pow(arguments[0], arguments[1]);
            case ExprKind.Exp: Need(1); return Exp(arguments[0]);
            case ExprKind.Log: Need(1); return Log(arguments[0]);
            case ExprKind.Sqrt: Need(1); return Sqrt(arguments[0]);
            case ExprKind.Abs: Need(1); return Abs(arguments[0]);
            case ExprKind.Min: Need(2); return Min(arguments[0], arguments[1]);
            case ExprKind.Max: Need(2); return Max(arguments[0], arguments[1]);
            case ExprKind.Less: Need(2); return Less(arguments[0], arguments[1]);
            case ExprKind.LessOrEqual: Need(2); return LessOrEqual(arguments[0], arguments[1]);
            case ExprKind.Greater: Need(2); return Greater(arguments[0], arguments[1]);
            case ExprKind.GreaterOrEqual: Need(2); return GreaterOrEqual(arguments[0], arguments[1]);
            case ExprKind.Equal: Need(2); return Equal(arguments[0], arguments[1]);
            case ExprKind.NotEqual: Need(2); return NotEqual(arguments[0], arguments[1]);
            case ExprKind.And: Need(2); return And(arguments[0], arguments[1]);
            case ExprKind.Or: Need(2); return Or(arguments[0], arguments[1]);
            case ExprKind.Not: Need(1); return Not(arguments[0]);
            case ExprKind.Piecewise:
                if (arguments.Count % 2 != 1)
                {
                    throw new ArgumentException($"Piecewise takes value/condition pairs and an otherwise value (an odd count; got {arguments.Count}).", nameof(arguments));
                }

                var cases = new List<(Expr, Expr)>();
                for (var i = 0; i + 1 < arguments.Count; i += 2)
                {
                    cases.Add((arguments[i + 1], arguments[i]));
                }

                return Piecewise(cases, arguments[^1]);
            default:
                throw new ArgumentException($"{kind} is a leaf kind; use the matching factory (Constant, Quantity, Symbol, Time, Boolean).", nameof(kind));
        }
    }

    // ---- operators ----------------------------------------------------------------------------------------------------

    /// <summary>Sum.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns><c>a + b</c>.</returns>
    public static Expr operator +(Expr a, Expr b) => Add(a, b);

    /// <summary>Difference.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns><c>a − b</c>.</returns>
    public static Expr operator -(Expr a, Expr b) => Subtract(a, b);

    /// <summary>Product.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns><c>a · b</c>.</returns>
    public static Expr operator *(Expr a, Expr b) => Multiply(a, b);

    /// <summary>Quotient.</summary>
    /// <param name="a">Numerator.</param>
    /// <param name="b">Denominator.</param>
    /// <returns><c>a / b</c>.</returns>
    public static Expr operator /(Expr a, Expr b) => Divide(a, b);

    /// <summary>Negation.</summary>
    /// <param name="a">Operand.</param>
    /// <returns><c>−a</c>.</returns>
    public static Expr operator -(Expr a) => Negate(a);

    /// <summary>Unary plus (identity).</summary>
    /// <param name="a">Operand.</param>
    /// <returns><paramref name="a"/>.</returns>
    public static Expr operator +(Expr a) => a;

    /// <summary>Condition <c>a &lt; b</c>.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The condition.</returns>
    public static Expr operator <(Expr a, Expr b) => Less(a, b);

    /// <summary>Condition <c>a &gt; b</c>.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The condition.</returns>
    public static Expr operator >(Expr a, Expr b) => Greater(a, b);

    /// <summary>Condition <c>a ≤ b</c>.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The condition.</returns>
    public static Expr operator <=(Expr a, Expr b) => LessOrEqual(a, b);

    /// <summary>Condition <c>a ≥ b</c>.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The condition.</returns>
    public static Expr operator >=(Expr a, Expr b) => GreaterOrEqual(a, b);

    /// <summary>Logical and of two conditions.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The condition.</returns>
    public static Expr operator &(Expr a, Expr b) => And(a, b);

    /// <summary>Logical or of two conditions.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The condition.</returns>
    public static Expr operator |(Expr a, Expr b) => Or(a, b);

    /// <summary>Logical negation of a condition.</summary>
    /// <param name="a">Operand.</param>
    /// <returns>The condition.</returns>
    public static Expr operator !(Expr a) => Not(a);

    // ---- helpers ------------------------------------------------------------------------------------------------------

    private static Expr Compare(ExprKind kind, Expr a, Expr b)
    {
        RequireReal(a, b, "comparison");
        if (a.IsConstant && b.IsConstant && (a.Unit.Equals(b.Unit) || a.IsZero || b.IsZero))
        {
            var (x, y) = (a.Value, b.Value);
            return Boolean(kind switch
            {
                ExprKind.Less => x < y,
                ExprKind.LessOrEqual => x <= y,
                ExprKind.Greater => x > y,
                ExprKind.GreaterOrEqual => x >= y,
                ExprKind.Equal => x == y,
                _ => x != y,
            });
        }

        return Intern(kind, 0, default, null, [a, b]);
    }

    private static bool IsMinusOne(Expr e) => e.Kind == ExprKind.Constant && e.Value == -1 && e.Unit.IsOne;

    private static bool IsNegativeConstant(Expr e) => e.Kind == ExprKind.Constant && e.Value < 0;

    private static (Expr Positive, bool Negated) SplitSign(Expr e) =>
        e.Kind == ExprKind.Negate ? (e._args[0], true)
        : IsNegativeConstant(e) ? (Quantity(-e.Value, e.Unit), true)
        : (e, false);

    private static void RequireReal(Expr a, string op)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.IsCondition)
        {
            throw new ArgumentException($"'{op}' needs a number but got the condition '{a}'; use Piecewise/If to turn a condition into a value.", nameof(a));
        }
    }

    private static void RequireReal(Expr a, Expr b, string op)
    {
        RequireReal(a, op);
        RequireReal(b, op);
    }

    private static void RequireCondition(Expr a, Expr b, string op)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.IsCondition || !b.IsCondition)
        {
            var bad = a.IsCondition ? b : a;
            throw new ArgumentException($"'{op}' needs conditions but got the number-valued '{bad}'.", nameof(a));
        }
    }
}
