using System.Globalization;
using System.Text;

namespace OsteoOde.Modeling;

/// <summary>Operator precedence shared by the ASCII and LaTeX printers.</summary>
internal static class Precedence
{
    public const int Or = 1;
    public const int And = 2;
    public const int Not = 3;
    public const int Comparison = 4;
    public const int Additive = 5;
    public const int Multiplicative = 6;
    public const int Quantity = 7;
    public const int Power = 8;
    public const int Atom = 9;

    public static int Of(Expr e) => e.Kind switch
    {
        ExprKind.Or => Or,
        ExprKind.And => And,
        ExprKind.Not => Not,
        ExprKind.Less or ExprKind.LessOrEqual or ExprKind.Greater or ExprKind.GreaterOrEqual or ExprKind.Equal
            or ExprKind.NotEqual => Comparison,
        ExprKind.Add or ExprKind.Subtract or ExprKind.Negate => Additive,
        ExprKind.Multiply or ExprKind.Divide => Multiplicative,
        ExprKind.Power => Power,
        ExprKind.Constant when e.Value < 0 || double.IsNaN(e.Value) => Additive,
        ExprKind.Constant when !e.Unit.IsOne => Quantity,
        _ => Atom,
    };
}

/// <summary>Number formatting for printers: shortest round-trip digits, invariant culture.</summary>
internal static class NumberText
{
    /// <summary>Shortest round-trip text with a compact exponent: 0.001, 162490000, 1e-5, 2.5e+20 → 2.5e20.</summary>
    public static string Ascii(double v)
    {
        if (double.IsNaN(v))
        {
            return "NaN";
        }

        if (double.IsInfinity(v))
        {
            return v > 0 ? "inf" : "-inf";
        }

        var r = v.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return r;
        }

        var exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return r[..e] + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Mantissa in [1, 10) (shortest round-trip digits) and decimal exponent of a finite non-zero value.</summary>
    public static (string Mantissa, int Exponent) Scientific(double v)
    {
        var r = Math.Abs(v).ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        var exponentPart = 0;
        if (e >= 0)
        {
            exponentPart = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        // Digits without the point; the exponent of the first non-zero digit relative to the point.
        var point = r.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = point < 0 ? r.Length : point;
        var all = r.Replace(".", "", StringComparison.Ordinal);
        var first = 0;
        while (first < all.Length - 1 && all[first] == '0')
        {
            first++;
        }

        var exponent = integerDigits - 1 - first + exponentPart;
        var d = all[first..].TrimEnd('0');
        if (d.Length == 0)
        {
            d = "0";
        }

        var mantissa = d.Length == 1 ? d : d[0] + "." + d[1..];
        return ((v < 0 ? "-" : "") + mantissa, exponent);
    }
}

/// <summary>ASCII infix printer (used in messages, Markdown and <see cref="Expr.ToString"/>).</summary>
internal static class ExprFormatter
{
    public static string Format(Expr e)
    {
        var sb = new StringBuilder();
        Write(sb, e, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Expr e, int minPrecedence)
    {
        var parens = Precedence.Of(e) < minPrecedence;
        if (parens)
        {
            sb.Append('(');
        }

        WriteBare(sb, e);
        if (parens)
        {
            sb.Append(')');
        }
    }

    private static void WriteBare(StringBuilder sb, Expr e)
    {
        var a = e.Args;
        switch (e.Kind)
        {
            case ExprKind.Constant:
                sb.Append(NumberText.Ascii(e.Value));
                if (!e.Unit.IsOne)
                {
                    sb.Append(" [").Append(e.Unit.ToString()).Append(']');
                }

                break;
            case ExprKind.Boolean:
                sb.Append(e.Value != 0 ? "true" : "false");
                break;
            case ExprKind.Symbol:
                sb.Append(e.Name);
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
                Binary(sb, a[0], " * ", a[1], Precedence.Multiplicative, Precedence.Multiplicative);
                break;
            case ExprKind.Divide:
                Binary(sb, a[0], " / ", a[1], Precedence.Multiplicative, Precedence.Power);
                break;
            case ExprKind.Negate:
                sb.Append('-');
                Write(sb, a[0], Precedence.Multiplicative);
                break;
            case ExprKind.Power:
                Binary(sb, a[0], "^", a[1], Precedence.Atom, Precedence.Atom);
                break;
            case ExprKind.Exp:
            case ExprKind.Log:
            case ExprKind.Sqrt:
            case ExprKind.Abs:
            case ExprKind.Min:
            case ExprKind.Max:
            case ExprKind.Piecewise:
                sb.Append(FunctionName(e.Kind)).Append('(');
                for (var i = 0; i < a.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Write(sb, a[i], 0);
                }

                sb.Append(')');
                break;
            case ExprKind.Less:
            case ExprKind.LessOrEqual:
            case ExprKind.Greater:
            case ExprKind.GreaterOrEqual:
            case ExprKind.Equal:
            case ExprKind.NotEqual:
                Binary(sb, a[0], ComparisonText(e.Kind), a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.And:
                Binary(sb, a[0], " && ", a[1], Precedence.And, Precedence.Not);
                break;
            case ExprKind.Or:
                Binary(sb, a[0], " || ", a[1], Precedence.Or, Precedence.And);
                break;
            case ExprKind.Not:
                sb.Append('!');
                Write(sb, a[0], Precedence.Atom);
                break;
            default:
                throw new InvalidOperationException($"Cannot print {e.Kind}.");
        }
    }

    private static void Binary(StringBuilder sb, Expr left, string op, Expr right, int leftMin, int rightMin)
    {
        Write(sb, left, leftMin);
        sb.Append(op);
        Write(sb, right, rightMin);
    }

    private static string FunctionName(ExprKind kind) => kind switch
    {
        ExprKind.Exp => "exp",
        ExprKind.Log => "log",
        ExprKind.Sqrt => "sqrt",
        ExprKind.Abs => "abs",
        ExprKind.Min => "min",
        ExprKind.Max => "max",
        _ => "piecewise",
    };

    private static string ComparisonText(ExprKind kind) => kind switch
    {
        ExprKind.Less => " < ",
        ExprKind.LessOrEqual => " <= ",
        ExprKind.Greater => " > ",
        ExprKind.GreaterOrEqual => " >= ",
        ExprKind.Equal => " == ",
        _ => " != ",
    };
}
