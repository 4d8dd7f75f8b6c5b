using System.Xml.Linq;

namespace OsteoOde.Modeling.Sbml;

/// <summary>A function definition: parameter names and the lambda body (inlined at each call).</summary>
internal sealed record SbmlFunction(string Id, IReadOnlyList<string> Parameters, XElement Body);

/// <summary>
/// Reads SBML MathML into <see cref="Expr"/> through the simplifying factories, so MathML written by
/// <see cref="SbmlMathWriter"/> comes back as the identical DAG. n-ary plus/times/min/max/and/or fold left; function calls are
/// inlined; chained relations (<c>a &lt; b &lt; c</c>) become conjunctions. Operations without an <see cref="ExprKind"/>
/// (floor, ceiling, factorial, trigonometric functions, rem, quotient) are evaluated when their arguments are numbers and
/// rejected otherwise, naming the element that holds the formula.
/// </summary>
internal sealed class SbmlMathReader(
    int level,
    int version,
    IReadOnlyDictionary<string, SbmlFunction> functions,
    Func<string, Unit?> unitById,
    List<string> warnings)
{
    private static readonly XNamespace M = SbmlXml.MathMl;

    private static readonly Dictionary<string, Func<double, double>> FoldedFunctions = new(StringComparer.Ordinal)
    {
        ["floor"] = Math.Floor,
        ["ceiling"] = Math.Ceiling,
        ["factorial"] = x => x >= 0 && x == Math.Floor(x) && x <= 170 ? Enumerable.Range(1, (int)x).Aggregate(1.0, (p, k) => p * k) : double.NaN,
        ["sin"] = Math.Sin,
        ["cos"] = Math.Cos,
        ["tan"] = Math.Tan,
        ["sec"] = x => 1 / Math.Cos(x),
        ["csc"] = x => 1 / Math.Sin(x),
        ["cot"] = x => 1 / Math.Tan(x),
        ["sinh"] = Math.Sinh,
        ["cosh"] = Math.Cosh,
        ["tanh"] = Math.Tanh,
        ["sech"] = x => 1 / Math.Cosh(x),
        ["csch"] = x => 1 / Math.Sinh(x),
        ["coth"] = x => 1 / Math.Tanh(x),
        ["arcsin"] = Math.Asin,
        ["arccos"] = Math.Acos,
        ["arctan"] = Math.Atan,
        ["arcsinh"] = Math.Asinh,
        ["arccosh"] = Math.Acosh,
        ["arctanh"] = Math.Atanh,
        ["arcsec"] = x => Math.Acos(1 / x),
        ["arccsc"] = x => Math.Asin(1 / x),
        ["arccot"] = x => Math.Atan(1 / x),
        ["arcsech"] = x => Math.Acosh(1 / x),
        ["arccsch"] = x => Math.Asinh(1 / x),
        ["arccoth"] = x => Math.Atanh(1 / x),
    };

    private readonly Stack<string> _calls = new();

    /// <summary>Where the formula being read lives, for messages (element name and id).</summary>
    private (string Element, string? Id) _where;

    /// <summary>Reads the content of a <c>&lt;math&gt;</c> element.</summary>
    /// <param name="math">The math element.</param>
    /// <param name="element">SBML element holding it (for messages).</param>
    /// <param name="id">Its id or variable.</param>
    /// <param name="symbol">Maps a <c>ci</c> name to its expression (renames, local parameters, reactions).</param>
    public Expr Read(XElement math, string element, string? id, Func<string, Expr> symbol)
    {
        _where = (element, id);
        var content = Children(math).ToList();
        if (content.Count != 1)
        {
            throw Error($"its <math> must hold exactly one expression (found {content.Count})");
        }

        return Node(content[0], symbol);
    }

    private Expr Node(XElement e, Func<string, Expr> symbol)
    {
        if (e.Name.Namespace != M)
        {
            throw Error($"element <{e.Name.LocalName}> is not MathML");
        }

        switch (e.Name.LocalName)
        {
            case "cn":
                return Number(e);
            case "ci":
                return symbol(e.Value.Trim());
            case "csymbol":
                return CSymbol(e);
            case "true":
                return Expr.True;
            case "false":
                return Expr.False;
            case "pi":
                return Math.PI;
            case "exponentiale":
                return Math.E;
            case "infinity":
                return double.PositiveInfinity;
            case "notanumber":
                return double.NaN;
            case "piecewise":
                return Piecewise(e, symbol);
            case "apply":
                return Apply(e, symbol);
            case "semantics":
                var first = Children(e).FirstOrDefault(c => c.Name.LocalName is not ("annotation" or "annotation-xml"))
                    ?? throw Error("<semantics> holds no expression");
                return Node(first, symbol);
            case "lambda":
                throw Error("a <lambda> may appear only in a function definition");
            default:
                throw Unsupported($"MathML element <{e.Name.LocalName}>");
        }
    }

    private Expr Number(XElement cn)
    {
        var type = ((string?)cn.Attribute("type"))?.Trim() ?? "real";
        if (cn.Attribute("base") is { } b && b.Value.Trim() != "10")
        {
            throw Unsupported($"<cn base=\"{b.Value}\">");
        }

        var parts = SplitSep(cn);
        double value;
        switch (type)
        {
            case "real":
            case "integer":
            case "double":
                value = ParseNumber(parts[0]);
                break;
            case "e-notation":
                RequireParts(parts, 2, type);
                value = ParseNumber(parts[0] + "e" + parts[1].Trim());
                break;
            case "rational":
                RequireParts(parts, 2, type);
                value = ParseNumber(parts[0]) / ParseNumber(parts[1]);
                break;
            default:
                throw Unsupported($"<cn type=\"{type}\">");
        }

        var unitAttribute = cn.Attributes().FirstOrDefault(a => a.Name.LocalName == "units" && a.Name.Namespace != XNamespace.None);
        if (unitAttribute is null || value == 0 || !double.IsFinite(value))
        {
            return Expr.Constant(value);
        }

        var unit = unitById(unitAttribute.Value.Trim());
        if (unit is null)
        {
            warnings.Add($"{Where()}: the number {SbmlXml.Number(value)} has units '{unitAttribute.Value.Trim()}' that cannot be converted; read as a pure number.");
            return Expr.Constant(value);
        }

        return Expr.Quantity(value, unit.Value);
    }

    private List<string> SplitSep(XElement cn)
    {
        var parts = new List<string> { "" };
        foreach (var node in cn.Nodes())
        {
            if (node is XText text)
            {
                parts[^1] += text.Value;
            }
            else if (node is XElement { Name.LocalName: "sep" })
            {
                parts.Add("");
            }
        }

        return parts;
    }

    private void RequireParts(List<string> parts, int count, string type)
    {
        if (parts.Count != count)
        {
            throw Error($"<cn type=\"{type}\"> needs {count} parts separated by <sep/>");
        }
    }

    private double ParseNumber(string text)
    {
        if (!SbmlXml.TryParseNumber(text, out var value))
        {
            throw Error($"'{text.Trim()}' is not a number");
        }

        return value;
    }

    private Expr CSymbol(XElement e)
    {
        var url = ((string?)e.Attribute("definitionURL"))?.Trim() ?? "";
        return url switch
        {
            SbmlXml.TimeSymbol => Expr.Time,
            // SBML L3V1 fixed the 2006 CODATA value; L3V2 the 2019 SI value.
            SbmlXml.AvogadroSymbol => level == 3 && version == 1 ? 6.02214179e23 : 6.02214076e23,
            SbmlXml.DelaySymbol => throw Unsupported("the delay function (csymbol delay)"),
            SbmlXml.RateOfSymbol => throw Unsupported("the rateOf function (csymbol rateOf)"),
            _ => throw Unsupported($"csymbol '{url}'"),
        };
    }

    private Expr Piecewise(XElement e, Func<string, Expr> symbol)
    {
        var cases = new List<(Expr Condition, Expr Value)>();
        Expr? otherwise = null;
        foreach (var child in Children(e))
        {
            switch (child.Name.LocalName)
            {
                case "piece":
                    var pair = Children(child).ToList();
                    if (pair.Count != 2)
                    {
                        throw Error("a <piece> needs a value and a condition");
                    }

                    var condition = Node(pair[1], symbol);
                    if (!condition.IsCondition)
                    {
                        throw Error($"the condition of a <piece> is the number '{condition}'");
                    }

                    cases.Add((condition, Real(Node(pair[0], symbol), "piece")));
                    break;
                case "otherwise":
                    var value = Children(child).ToList();
                    if (value.Count != 1)
                    {
                        throw Error("<otherwise> needs one value");
                    }

                    otherwise = Real(Node(value[0], symbol), "otherwise");
                    break;
                default:
                    throw Error($"<piecewise> may not contain <{child.Name.LocalName}>");
            }
        }

        if (otherwise is null)
        {
            warnings.Add($"{Where()}: a <piecewise> without <otherwise> is undefined when no piece applies; read as NaN there.");
            otherwise = double.NaN;
        }

        return Guard(() => Expr.Piecewise(cases, otherwise));
    }

    private Expr Apply(XElement e, Func<string, Expr> symbol)
    {
        var children = Children(e).ToList();
        if (children.Count == 0)
        {
            throw Error("an empty <apply>");
        }

        var head = children[0];
        var rest = children.Skip(1).ToList();
        var op = head.Name.LocalName;
        if (op == "ci")
        {
            return Call(head.Value.Trim(), rest, symbol);
        }

        if (op == "csymbol")
        {
            _ = CSymbol(head); // delay and rateOf throw with their names
            throw Unsupported($"csymbol '{(string?)head.Attribute("definitionURL")}' as a function");
        }

        // Qualifiers (degree, logbase) are not operands.
        var degree = rest.FirstOrDefault(c => c.Name.LocalName == "degree");
        var logBase = rest.FirstOrDefault(c => c.Name.LocalName == "logbase");
        var operands = rest.Where(c => c.Name.LocalName is not ("degree" or "logbase" or "bvar")).ToList();
        List<Expr> Args() => operands.Select(o => Node(o, symbol)).ToList();

        switch (op)
        {
            case "plus":
            {
                var args = Args();
                return args.Count == 0 ? Expr.Zero : Guard(() => args.Skip(1).Aggregate(Real(args[0], op), (s, x) => s + Real(x, op)));
            }

            case "times":
            {
                var args = Args();
                return args.Count == 0 ? Expr.One : Guard(() => args.Skip(1).Aggregate(Real(args[0], op), (s, x) => s * Real(x, op)));
            }

            case "minus":
            {
                var args = Args();
                return args.Count switch
                {
                    1 => Guard(() => -Real(args[0], op)),
                    2 => Guard(() => Real(args[0], op) - Real(args[1], op)),
                    _ => throw Error($"<minus/> takes 1 or 2 arguments (got {args.Count})"),
                };
            }

            case "divide":
                return Binary(op, Args(), Expr.Divide);
            case "power":
                return Binary(op, Args(), Expr.Pow);
            case "root":
            {
                var args = Args();
                Require(op, args, 1);
                if (degree is null)
                {
                    return Guard(() => Expr.Sqrt(Real(args[0], op)));
                }

                var n = Real(Node(Single(degree), symbol), "degree");
                return n.IsConstant && n.Value == 2 ? Guard(() => Expr.Sqrt(Real(args[0], op))) : Guard(() => Expr.Pow(Real(args[0], op), Expr.One / n));
            }

            case "exp":
                return Unary(op, Args(), Expr.Exp);
            case "ln":
                return Unary(op, Args(), Expr.Log);
            case "log":
            {
                var args = Args();
                Require(op, args, 1);
                var b = logBase is null ? Expr.Constant(10) : Real(Node(Single(logBase), symbol), "logbase");
                return Guard(() => Expr.Log(Real(args[0], op)) / Expr.Log(b));
            }

            case "abs":
                return Unary(op, Args(), Expr.Abs);
            case "min":
            case "max":
            {
                var args = Args();
                if (args.Count == 0)
                {
                    throw Error($"<{op}/> needs at least one argument");
                }

                Func<Expr, Expr, Expr> f = op == "min" ? Expr.Min : Expr.Max;
                return Guard(() => args.Skip(1).Aggregate(Real(args[0], op), (s, x) => f(s, Real(x, op))));
            }

            case "eq":
            case "neq":
            case "gt":
            case "lt":
            case "geq":
            case "leq":
                return Relation(op, Args());
            case "and":
            case "or":
            case "xor":
            {
                var args = Args().Select(a => Condition(a, op)).ToList();
                if (args.Count == 0)
                {
                    return op == "and" ? Expr.True : Expr.False;
                }

                return Guard(() => args.Skip(1).Aggregate(args[0], (s, x) => op switch
                {
                    "and" => s & x,
                    "or" => s | x,
                    _ => (s & !x) | (!s & x),
                }));
            }

            case "not":
            {
                var args = Args();
                Require(op, args, 1);
                return Guard(() => !Condition(args[0], op));
            }

            case "implies":
            {
                var args = Args();
                Require(op, args, 2);
                return Guard(() => !Condition(args[0], op) | Condition(args[1], op));
            }

            case "rem":
            case "quotient":
            {
                var args = Args();
                Require(op, args, 2);
                if (args.All(a => a.IsConstant && a.Unit.IsOne))
                {
                    var (x, y) = (args[0].Value, args[1].Value);
                    return op == "rem" ? x % y : Math.Truncate(x / y);
                }

                throw Unsupported($"<{op}/> of a non-constant argument");
            }

            default:
                if (FoldedFunctions.TryGetValue(op, out var fold))
                {
                    var args = Args();
                    Require(op, args, 1);
                    if (args[0].IsConstant && args[0].Unit.IsOne)
                    {
                        return fold(args[0].Value);
                    }

                    throw Unsupported($"<{op}/> of a non-constant argument ('{args[0]}')");
                }

                throw Unsupported($"MathML operator <{op}/>");
        }
    }

    private Expr Call(string name, List<XElement> argumentElements, Func<string, Expr> symbol)
    {
        if (!functions.TryGetValue(name, out var f))
        {
            throw Error($"it calls '{name}', which is not a function definition");
        }

        if (argumentElements.Count != f.Parameters.Count)
        {
            throw Error($"function '{name}' takes {f.Parameters.Count} argument(s) but is called with {argumentElements.Count}");
        }

        if (_calls.Contains(name))
        {
            throw Error($"function '{name}' calls itself (recursion is not allowed in SBML)");
        }

        var args = argumentElements.Select(a => Node(a, symbol)).ToList();
        var bound = new Dictionary<string, Expr>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            bound[f.Parameters[i]] = args[i];
        }

        _calls.Push(name);
        try
        {
            // Inside the body, names are the lambda's bound variables (SBML forbids other references; fall back to the model's).
            return Node(f.Body, n => bound.TryGetValue(n, out var v) ? v : symbol(n));
        }
        finally
        {
            _calls.Pop();
        }
    }

    private Expr Relation(string op, List<Expr> args)
    {
        if (args.Count < 2 || (op == "neq" && args.Count != 2))
        {
            throw Error($"<{op}/> takes {(op == "neq" ? "2" : "at least 2")} arguments (got {args.Count})");
        }

        Func<Expr, Expr, Expr> f = op switch
        {
            "eq" => Expr.Equal,
            "neq" => Expr.NotEqual,
            "gt" => Expr.Greater,
            "lt" => Expr.Less,
            "geq" => Expr.GreaterOrEqual,
            _ => Expr.LessOrEqual,
        };
        return Guard(() =>
        {
            var result = f(Real(args[0], op), Real(args[1], op));
            for (var i = 2; i < args.Count; i++)
            {
                result &= f(Real(args[i - 1], op), Real(args[i], op));
            }

            return result;
        });
    }

    private Expr Unary(string op, List<Expr> args, Func<Expr, Expr> f)
    {
        Require(op, args, 1);
        return Guard(() => f(Real(args[0], op)));
    }

    private Expr Binary(string op, List<Expr> args, Func<Expr, Expr, Expr> f)
    {
        Require(op, args, 2);
        return Guard(() => f(Real(args[0], op), Real(args[1], op)));
    }

    private void Require(string op, List<Expr> args, int count)
    {
        if (args.Count != count)
        {
            throw Error($"<{op}/> takes {count} argument(s) (got {args.Count})");
        }
    }

    private Expr Real(Expr e, string op) =>
        e.IsCondition ? e.Kind == ExprKind.Boolean ? (e.Value != 0 ? Expr.One : Expr.Zero) : throw Error($"<{op}> needs a number but got the condition '{e}'") : e;

    private Expr Condition(Expr e, string op) =>
        e.IsCondition ? e : throw Error($"<{op}/> needs conditions but got the number '{e}'");

    private XElement Single(XElement qualifier) =>
        Children(qualifier).SingleOrDefault() ?? throw Error($"<{qualifier.Name.LocalName}> needs one value");

    private Expr Guard(Func<Expr> build)
    {
        try
        {
            return build();
        }
        catch (SbmlImportException)
        {
            throw;
        }
        catch (ArgumentException ex)
        {
            throw Error(ex.Message);
        }
    }

    private static IEnumerable<XElement> Children(XElement e) => e.Elements();

    private string Where() => _where.Id is null ? $"<{_where.Element}>" : $"<{_where.Element}> '{_where.Id}'";

    private SbmlImportException Error(string what) =>
        new($"SBML {Where()}: {what}.", _where.Element, _where.Id);

    private SbmlUnsupportedException Unsupported(string what) =>
        new($"SBML {Where()} uses {what}, which OsteoOde cannot represent; the model was not imported.", _where.Element, _where.Id);

    /// <summary>Reads a function definition's lambda (bound variables and body).</summary>
    public static SbmlFunction ReadFunction(string id, XElement math)
    {
        var lambda = math.Elements().FirstOrDefault();
        if (lambda?.Name.LocalName == "semantics")
        {
            lambda = lambda.Elements().FirstOrDefault();
        }

        if (lambda is null || lambda.Name != M + "lambda")
        {
            throw new SbmlImportException($"SBML <functionDefinition> '{id}': its <math> must hold a <lambda>.", "functionDefinition", id);
        }

        var parameters = lambda.Elements(M + "bvar").Select(b => b.Elements(M + "ci").Single().Value.Trim()).ToList();
        var body = lambda.Elements().Where(c => c.Name != M + "bvar").ToList();
        if (body.Count != 1)
        {
            throw new SbmlImportException($"SBML <functionDefinition> '{id}': the <lambda> must have one body expression.", "functionDefinition", id);
        }

        return new SbmlFunction(id, parameters, body[0]);
    }
}
