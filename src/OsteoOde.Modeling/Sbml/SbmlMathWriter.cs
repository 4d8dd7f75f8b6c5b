using System.Xml.Linq;

namespace OsteoOde.Modeling.Sbml;

/// <summary>
/// Writes expressions as SBML Level 3 Version 2 MathML, one MathML operator per <see cref="Expr"/> node (binary plus/times
/// are kept binary so an import rebuilds the identical DAG). Numbers carry <c>sbml:units</c>: their own unit, or for the
/// unit-free literal 0 the unit its context implies (the other operand of a sum, comparison, min/max or piecewise).
/// </summary>
internal sealed class SbmlMathWriter(Func<Unit, string?> unitReference, Func<Expr, Unit?> unitOf)
{
    private static readonly XNamespace M = SbmlXml.MathMl;

    /// <summary>A <c>&lt;math&gt;</c> element; <paramref name="contextUnit"/> is the unit a bare 0 at the top stands for.</summary>
    public XElement Math(Expr e, Unit? contextUnit) => new(M + "math", Namespaces(), Node(e, contextUnit));

    /// <summary>A <c>&lt;math&gt;</c> element holding the comparison <c>left op right</c> written as given (no simplification).</summary>
    public XElement Comparison(string op, Expr left, Expr right) =>
        new(M + "math", Namespaces(), Apply(op, Pair(left, right, null)));

    // MathML is the default namespace inside <math>; the sbml prefix serves the sbml:units attributes of numbers.
    private static XAttribute[] Namespaces() =>
        [new XAttribute("xmlns", SbmlXml.MathMl.NamespaceName), new XAttribute(XNamespace.Xmlns + "sbml", SbmlXml.L3V2.NamespaceName)];

    private XElement Node(Expr e, Unit? context)
    {
        var a = e.Arguments;
        switch (e.Kind)
        {
            case ExprKind.Constant:
                return Number(e.Value, e.IsZero ? context : e.Unit);
            case ExprKind.Boolean:
                return new XElement(M + (e.Value != 0 ? "true" : "false"));
            case ExprKind.Symbol:
                return new XElement(M + "ci", " " + e.Name + " ");
            case ExprKind.Time:
                return new XElement(M + "csymbol", new XAttribute("encoding", "text"), new XAttribute("definitionURL", SbmlXml.TimeSymbol), " time ");
            case ExprKind.Add:
                return Apply("plus", Pair(a[0], a[1], context));
            case ExprKind.Subtract:
                return Apply("minus", Pair(a[0], a[1], context));
            case ExprKind.Multiply:
                return Apply("times", Node(a[0], null), Node(a[1], null));
            case ExprKind.Divide:
                return Apply("divide", Node(a[0], null), Node(a[1], null));
            case ExprKind.Negate:
                return Apply("minus", Node(a[0], context));
            case ExprKind.Power:
                return Apply("power", Node(a[0], null), Node(a[1], Unit.Dimensionless));
            case ExprKind.Exp:
                return Apply("exp", Node(a[0], Unit.Dimensionless));
            case ExprKind.Log:
                return Apply("ln", Node(a[0], Unit.Dimensionless));
            case ExprKind.Sqrt:
                return Apply("root", Node(a[0], null));
            case ExprKind.Abs:
                return Apply("abs", Node(a[0], context));
            case ExprKind.Min:
                return Apply("min", Pair(a[0], a[1], context));
            case ExprKind.Max:
                return Apply("max", Pair(a[0], a[1], context));
            case ExprKind.Piecewise:
                return Piecewise(e, context);
            case ExprKind.Less:
                return Apply("lt", Pair(a[0], a[1], null));
            case ExprKind.LessOrEqual:
                return Apply("leq", Pair(a[0], a[1], null));
            case ExprKind.Greater:
                return Apply("gt", Pair(a[0], a[1], null));
            case ExprKind.GreaterOrEqual:
                return Apply("geq", Pair(a[0], a[1], null));
            case ExprKind.Equal:
                return Apply("eq", Pair(a[0], a[1], null));
            case ExprKind.NotEqual:
                return Apply("neq", Pair(a[0], a[1], null));
            case ExprKind.And:
                return Apply("and", Node(a[0], null), Node(a[1], null));
            case ExprKind.Or:
                return Apply("or", Node(a[0], null), Node(a[1], null));
            case ExprKind.Not:
                return Apply("not", Node(a[0], null));
            default:
                throw new InvalidOperationException($"No MathML for {e.Kind}.");
        }
    }

    /// <summary>Two operands that share a unit: a bare 0 takes the other operand's unit (or the context's).</summary>
    private XElement[] Pair(Expr left, Expr right, Unit? context)
    {
        var shared = context;
        if (left.IsZero || right.IsZero)
        {
            shared = unitOf(left.IsZero ? right : left) ?? context;
        }

        return [Node(left, shared), Node(right, shared)];
    }

    private XElement Piecewise(Expr e, Unit? context)
    {
        var a = e.Arguments;
        var shared = context;
        for (var i = 0; i < a.Length && shared is null; i += 2)
        {
            if (!a[i].IsZero)
            {
                shared = unitOf(a[i]);
            }
        }

        var pw = new XElement(M + "piecewise");
        for (var i = 0; i + 1 < a.Length; i += 2)
        {
            pw.Add(new XElement(M + "piece", Node(a[i], shared), Node(a[i + 1], null)));
        }

        pw.Add(new XElement(M + "otherwise", Node(a[^1], shared)));
        return pw;
    }

    private XElement Number(double value, Unit? unit)
    {
        if (double.IsNaN(value))
        {
            return new XElement(M + "notanumber");
        }

        if (double.IsInfinity(value))
        {
            var inf = new XElement(M + "infinity");
            return value > 0 ? inf : Apply("minus", inf);
        }

        var cn = new XElement(M + "cn");
        var reference = unitReference(unit ?? Unit.Dimensionless);
        if (reference is not null)
        {
            cn.Add(new XAttribute(SbmlXml.L3V2 + "units", reference));
        }

        cn.Add(" " + SbmlXml.Number(value) + " ");
        return cn;
    }

    private static XElement Apply(string op, params XElement[] args) => new(M + "apply", new XElement(M + op), args);
}
