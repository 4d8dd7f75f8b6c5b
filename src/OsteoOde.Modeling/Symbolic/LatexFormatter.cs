using System.Globalization;
using System.Text;

namespace OsteoOde.Modeling;

/// <summary>
/// LaTeX printer. Names follow a fixed convention: the part before the first underscore is the base (Greek names such as
/// <c>beta</c> become <c>\beta</c>, one letter stays italic, longer words are upright), trailing digits of the base and every
/// further underscore-separated part become a comma-separated subscript: <c>D_OBu → D_{\mathrm{OBu}}</c>,
/// <c>k1 → k_{1}</c>, <c>beta_PTH → \beta_{\mathrm{PTH}}</c>, <c>OPG_max → \mathrm{OPG}_{\mathrm{max}}</c>.
/// </summary>
public static class LatexFormatter
{
    private static readonly HashSet<string> Greek = new(StringComparer.Ordinal)
    {
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi",
        "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    };

    /// <summary>Renders an expression as LaTeX (math mode, without delimiters).</summary>
    /// <param name="e">Expression.</param>
    /// <returns>The LaTeX text.</returns>
    public static string Format(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sb = new StringBuilder();
        Write(sb, e, 0);
        return sb.ToString();
    }

    /// <summary>Renders a model name as LaTeX (see the class remarks for the convention).</summary>
    /// <param name="name">ASCII name.</param>
    /// <returns>The LaTeX text.</returns>
    public static string Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return @"\mathrm{" + name.Replace("_", @"\_", StringComparison.Ordinal) + "}";
        }

        var head = parts[0];
        var subscripts = new List<string>();
        var digitsStart = head.Length;
        while (digitsStart > 0 && char.IsAsciiDigit(head[digitsStart - 1]))
        {
            digitsStart--;
        }

        if (digitsStart > 0 && digitsStart < head.Length)
        {
            subscripts.Add(head[digitsStart..]);
            head = head[..digitsStart];
        }

        subscripts.AddRange(parts.Skip(1).Select(SubscriptPart));
        var baseText = Greek.Contains(head) ? "\\" + head : head.Length == 1 ? head : @"\mathrm{" + head + "}";
        return subscripts.Count == 0 ? baseText : baseText + "_{" + string.Join(",", subscripts) + "}";
    }

    /// <summary>Renders a unit as LaTeX (upright, <c>·</c> as <c>\cdot</c>).</summary>
    /// <param name="unit">Unit.</param>
    /// <returns>The LaTeX text.</returns>
    public static string Unit(Unit unit)
    {
        var text = unit.ToString()
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("·", @" \cdot ", StringComparison.Ordinal)
            .Replace("µ", @"\mu ", StringComparison.Ordinal);
        return @"\mathrm{" + text + "}";
    }

    /// <summary>Renders a number: plain for 1e-3 ≤ |v| &lt; 1e5, otherwise <c>m \times 10^{e}</c>.</summary>
    /// <param name="v">Value.</param>
    /// <returns>The LaTeX text.</returns>
    public static string Number(double v)
    {
        if (!double.IsFinite(v))
        {
            return double.IsNaN(v) ? @"\mathrm{NaN}" : v > 0 ? @"\infty" : @"-\infty";
        }

        var abs = Math.Abs(v);
        if (v == 0 || (abs >= 1e-3 && abs < 1e5))
        {
            return NumberText.Ascii(v);
        }

        var (mantissa, exponent) = NumberText.Scientific(v);
        var power = "10^{" + exponent.ToString(CultureInfo.InvariantCulture) + "}";
        return mantissa is "1" ? power : mantissa is "-1" ? "-" + power : mantissa + @" \times " + power;
    }

    private static string SubscriptPart(string part) =>
        Greek.Contains(part) ? "\\" + part : part.All(char.IsAsciiDigit) ? part : @"\mathrm{" + part + "}";

    private static int LatexPrecedence(Expr e) => e.Kind switch
    {
        ExprKind.Divide => Precedence.Power - 1, // \frac needs no parentheses except as a power base
        ExprKind.Constant when e.Unit.IsOne && e.Value > 0 && (e.Value >= 1e5 || e.Value < 1e-3) => Precedence.Multiplicative,
        _ => Precedence.Of(e),
    };

    private static void Write(StringBuilder sb, Expr e, int minPrecedence)
    {
        var parens = LatexPrecedence(e) < minPrecedence;
        if (parens)
        {
            sb.Append(@"\left(");
        }

        WriteBare(sb, e);
        if (parens)
        {
            sb.Append(@"\right)");
        }
    }

    private static void WriteBare(StringBuilder sb, Expr e)
    {
        var a = e.Args;
        switch (e.Kind)
        {
            case ExprKind.Constant:
                sb.Append(Number(e.Value));
                if (!e.Unit.IsOne)
                {
                    sb.Append(@"\,").Append(Unit(e.Unit));
                }

                break;
            case ExprKind.Boolean:
                sb.Append(e.Value != 0 ? @"\mathrm{true}" : @"\mathrm{false}");
                break;
            case ExprKind.Symbol:
                sb.Append(Name(e.Name!));
                break;
            case ExprKind.Time:
                sb.Append('t');
                break;
            case ExprKind.Add:
                Binary(sb, a[0], " + ", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.Subtract:
                Binary(sb, a[0], " - ", a[1], Precedence.Additive, Precedence.Multiplicative);
                break;
            case ExprKind.Multiply:
                Binary(sb, a[0], @" \cdot ", a[1], Precedence.Multiplicative, Precedence.Multiplicative);
                break;
            case ExprKind.Divide:
                sb.Append(@"\frac{");
                Write(sb, a[0], 0);
                sb.Append("}{");
                Write(sb, a[1], 0);
                sb.Append('}');
                break;
            case ExprKind.Negate:
                sb.Append('-');
                Write(sb, a[0], Precedence.Multiplicative);
                break;
            case ExprKind.Power:
                sb.Append('{');
                Write(sb, a[0], Precedence.Atom);
                sb.Append("}^{");
                Write(sb, a[1], 0);
                sb.Append('}');
                break;
            case ExprKind.Exp:
                Function(sb, @"\exp", a);
                break;
            case ExprKind.Log:
                Function(sb, @"\ln", a);
                break;
            case ExprKind.Min:
                Function(sb, @"\min", a);
                break;
            case ExprKind.Max:
                Function(sb, @"\max", a);
                break;
            case ExprKind.Sqrt:
                sb.Append(@"\sqrt{");
                Write(sb, a[0], 0);
                sb.Append('}');
                break;
            case ExprKind.Abs:
                sb.Append(@"\left|");
                Write(sb, a[0], 0);
                sb.Append(@"\right|");
                break;
            case ExprKind.Piecewise:
                sb.Append(@"\begin{cases} ");
                for (var i = 0; i + 1 < a.Length; i += 2)
                {
                    Write(sb, a[i], 0);
                    sb.Append(@" & \text{if } ");
                    Write(sb, a[i + 1], 0);
                    sb.Append(@" \\ ");
                }

                Write(sb, a[^1], 0);
                sb.Append(@" & \text{otherwise} \end{cases}");
                break;
            case ExprKind.Less:
                Binary(sb, a[0], " < ", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.LessOrEqual:
                Binary(sb, a[0], @" \leq ", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.Greater:
                Binary(sb, a[0], " > ", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.GreaterOrEqual:
                Binary(sb, a[0], @" \geq ", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.Equal:
                Binary(sb, a[0], " = ", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.NotEqual:
                Binary(sb, a[0], @" \neq ", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.And:
                Binary(sb, a[0], @" \land ", a[1], Precedence.And, Precedence.Not);
                break;
            case ExprKind.Or:
                Binary(sb, a[0], @" \lor ", a[1], Precedence.Or, Precedence.And);
                break;
            case ExprKind.Not:
                sb.Append(@"\lnot ");
                Write(sb, a[0], Precedence.Atom);
                break;
            default:
                throw new InvalidOperationException($"Cannot print {e.Kind}.");
        }
    }

    private static void Function(StringBuilder sb, string name, IReadOnlyList<Expr> args)
    {
        sb.Append(name).Append(@"\left(");
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            Write(sb, args[i], 0);
        }

        sb.Append(@"\right)");
    }

    private static void Binary(StringBuilder sb, Expr left, string op, Expr right, int leftMin, int rightMin)
    {
        Write(sb, left, leftMin);
        sb.Append(op);
        Write(sb, right, rightMin);
    }
}
