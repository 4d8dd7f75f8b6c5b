using System.Globalization;
using System.Net;
using System.Text;

namespace OsteoOde.Modeling;

/// <summary>
/// Presentation MathML printer (MathML Core elements only), for HTML that must show typeset equations offline: browsers
/// render MathML natively, with no script and nothing fetched. Names follow the convention of <see cref="LatexFormatter"/>:
/// <c>D_OBu</c> is D with subscript OBu, <c>k1</c> is k with subscript 1, <c>beta_PTH</c> is β with subscript PTH, one-letter
/// bases are italic and longer ones upright.
/// </summary>
public static class MathMLFormatter
{
    private static readonly Dictionary<string, string> Greek = new(StringComparer.Ordinal)
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["zeta"] = "ζ", ["eta"] = "η",
        ["theta"] = "θ", ["iota"] = "ι", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν", ["xi"] = "ξ", ["pi"] = "π",
        ["rho"] = "ρ", ["sigma"] = "σ", ["tau"] = "τ", ["upsilon"] = "υ", ["phi"] = "φ", ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω",
        ["Gamma"] = "Γ", ["Delta"] = "Δ", ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Xi"] = "Ξ", ["Pi"] = "Π", ["Sigma"] = "Σ",
        ["Upsilon"] = "Υ", ["Phi"] = "Φ", ["Psi"] = "Ψ", ["Omega"] = "Ω",
    };

    /// <summary>Renders an expression as MathML content of a <c>&lt;math&gt;</c> element (without the element itself).</summary>
    /// <param name="e">Expression.</param>
    /// <returns>MathML markup (an <c>mrow</c> or a single token).</returns>
    public static string Format(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sb = new StringBuilder();
        Write(sb, e, 0);
        return sb.ToString();
    }

    /// <summary>Renders a model name (see the class remarks).</summary>
    /// <param name="name">ASCII name.</param>
    /// <returns>MathML markup.</returns>
    public static string Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return Upright(name);
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
            subscripts.Add("<mn>" + head[digitsStart..] + "</mn>");
            head = head[..digitsStart];
        }

        subscripts.AddRange(parts.Skip(1).Select(p => Greek.TryGetValue(p, out var g) ? "<mi>" + g + "</mi>"
            : p.All(char.IsAsciiDigit) ? "<mn>" + p + "</mn>" : Upright(p)));
        var baseText = Greek.TryGetValue(head, out var letter) ? "<mi>" + letter + "</mi>" : head.Length == 1 ? "<mi>" + Escape(head) + "</mi>" : Upright(head);
        return subscripts.Count == 0 ? baseText
            : "<msub>" + baseText + "<mrow>" + string.Join("<mo separator=\"true\">,</mo>", subscripts) + "</mrow></msub>";
    }

    /// <summary>Renders a number: plain for 1e-3 ≤ |v| &lt; 1e5, otherwise <c>m × 10^e</c>.</summary>
    /// <param name="v">Value.</param>
    /// <returns>MathML markup.</returns>
    public static string Number(double v)
    {
        if (!double.IsFinite(v))
        {
            return double.IsNaN(v) ? "<mi mathvariant=\"normal\">NaN</mi>" : v > 0 ? "<mi>∞</mi>" : "<mrow><mo>−</mo><mi>∞</mi></mrow>";
        }

        var abs = Math.Abs(v);
        if (v == 0 || (abs >= 1e-3 && abs < 1e5))
        {
            var text = NumberText.Ascii(abs);
            return v < 0 ? "<mrow><mo>−</mo><mn>" + text + "</mn></mrow>" : "<mn>" + text + "</mn>";
        }

        var (mantissa, exponent) = NumberText.Scientific(abs);
        var power = "<msup><mn>10</mn><mn>" + exponent.ToString(CultureInfo.InvariantCulture).Replace("-", "−", StringComparison.Ordinal) + "</mn></msup>";
        var body = mantissa == "1" ? power : "<mrow><mn>" + mantissa + "</mn><mo>×</mo>" + power + "</mrow>";
        return v < 0 ? "<mrow><mo>−</mo>" + body + "</mrow>" : body;
    }

    /// <summary>Renders a unit as upright text.</summary>
    /// <param name="unit">Unit.</param>
    /// <returns>MathML markup.</returns>
    public static string Unit(Unit unit) => "<mtext>" + Escape(unit.ToString()) + "</mtext>";

    private static string Upright(string text) => "<mi mathvariant=\"normal\">" + Escape(text) + "</mi>";

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static int MathPrecedence(Expr e) => e.Kind switch
    {
        ExprKind.Divide => Precedence.Power - 1, // a fraction bar groups by itself, except as a power base
        ExprKind.Constant when e.Unit.IsOne && e.Value > 0 && (e.Value >= 1e5 || e.Value < 1e-3) => Precedence.Multiplicative,
        _ => Precedence.Of(e),
    };

    private static void Write(StringBuilder sb, Expr e, int minPrecedence)
    {
        if (MathPrecedence(e) < minPrecedence)
        {
            sb.Append("<mrow><mo>(</mo>");
            WriteBare(sb, e);
            sb.Append("<mo>)</mo></mrow>");
        }
        else
        {
            WriteBare(sb, e);
        }
    }

    private static void WriteBare(StringBuilder sb, Expr e)
    {
        var a = e.Args;
        switch (e.Kind)
        {
            case ExprKind.Constant:
                if (e.Unit.IsOne)
                {
                    sb.Append(Number(e.Value));
                }
                else
                {
                    sb.Append("<mrow>").Append(Number(e.Value)).Append("<mspace width=\"0.2em\"></mspace>").Append(Unit(e.Unit)).Append("</mrow>");
                }

                break;
            case ExprKind.Boolean:
                sb.Append(Upright(e.Value != 0 ? "true" : "false"));
                break;
            case ExprKind.Symbol:
                sb.Append(Name(e.Name!));
                break;
            case ExprKind.Time:
                sb.Append("<mi>t</mi>");
                break;
            case ExprKind.Add:
                Binary(sb, a[0], "+", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.Subtract:
                Binary(sb, a[0], "−", a[1], Precedence.Additive, Precedence.Multiplicative);
                break;
            case ExprKind.Multiply:
                Binary(sb, a[0], "·", a[1], Precedence.Multiplicative, Precedence.Multiplicative);
                break;
            case ExprKind.Divide:
                sb.Append("<mfrac>");
                Row(sb, a[0]);
                Row(sb, a[1]);
                sb.Append("</mfrac>");
                break;
            case ExprKind.Negate:
                sb.Append("<mrow><mo>−</mo>");
                Write(sb, a[0], Precedence.Multiplicative);
                sb.Append("</mrow>");
                break;
            case ExprKind.Power:
                sb.Append("<msup>");
                Write(sb, a[0], Precedence.Atom);
                Row(sb, a[1]);
                sb.Append("</msup>");
                break;
            case ExprKind.Exp:
                Function(sb, "exp", a);
                break;
            case ExprKind.Log:
                Function(sb, "ln", a);
                break;
            case ExprKind.Min:
                Function(sb, "min", a);
                break;
            case ExprKind.Max:
                Function(sb, "max", a);
                break;
            case ExprKind.Sqrt:
                sb.Append("<msqrt>");
                Write(sb, a[0], 0);
                sb.Append("</msqrt>");
                break;
            case ExprKind.Abs:
                sb.Append("<mrow><mo>|</mo>");
                Write(sb, a[0], 0);
                sb.Append("<mo>|</mo></mrow>");
                break;
            case ExprKind.Piecewise:
                sb.Append("<mrow><mo>{</mo><mtable>");
                for (var i = 0; i + 1 < a.Length; i += 2)
                {
                    sb.Append("<mtr><mtd>");
                    Write(sb, a[i], 0);
                    sb.Append("</mtd><mtd><mtext>if </mtext>");
                    Write(sb, a[i + 1], 0);
                    sb.Append("</mtd></mtr>");
                }

                sb.Append("<mtr><mtd>");
                Write(sb, a[^1], 0);
                sb.Append("</mtd><mtd><mtext>otherwise</mtext></mtd></mtr></mtable></mrow>");
                break;
            case ExprKind.Less:
                Binary(sb, a[0], "&lt;", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.LessOrEqual:
                Binary(sb, a[0], "≤", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.Greater:
                Binary(sb, a[0], "&gt;", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.GreaterOrEqual:
                Binary(sb, a[0], "≥", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.Equal:
                Binary(sb, a[0], "=", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.NotEqual:
                Binary(sb, a[0], "≠", a[1], Precedence.Additive, Precedence.Additive);
                break;
            case ExprKind.And:
                Binary(sb, a[0], "∧", a[1], Precedence.And, Precedence.Not);
                break;
            case ExprKind.Or:
                Binary(sb, a[0], "∨", a[1], Precedence.Or, Precedence.And);
                break;
            case ExprKind.Not:
                sb.Append("<mrow><mo>¬</mo>");
                Write(sb, a[0], Precedence.Atom);
                sb.Append("</mrow>");
                break;
            default:
                throw new InvalidOperationException($"Cannot print {e.Kind}.");
        }
    }

    /// <summary>A child of a fixed-arity element (<c>mfrac</c>, <c>msup</c>) must be one element: wrap it in an <c>mrow</c>.</summary>
    private static void Row(StringBuilder sb, Expr e)
    {
        sb.Append("<mrow>");
        Write(sb, e, 0);
        sb.Append("</mrow>");
    }

    private static void Function(StringBuilder sb, string name, IReadOnlyList<Expr> args)
    {
        sb.Append("<mrow><mi>").Append(name).Append("</mi><mo>&#x2061;</mo><mrow><mo>(</mo>");
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                sb.Append("<mo separator=\"true\">,</mo>");
            }

            Write(sb, args[i], 0);
        }

        sb.Append("<mo>)</mo></mrow></mrow>");
    }

    private static void Binary(StringBuilder sb, Expr left, string op, Expr right, int leftMin, int rightMin)
    {
        sb.Append("<mrow>");
        Write(sb, left, leftMin);
        sb.Append("<mo>").Append(op).Append("</mo>");
        Write(sb, right, rightMin);
        sb.Append("</mrow>");
    }
}
