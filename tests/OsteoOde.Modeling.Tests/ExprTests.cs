using OsteoOde.Modeling;

namespace OsteoOde.Modeling.Tests;

public class ExprTests
{
    private static readonly Expr X = Expr.Symbol("x");
    private static readonly Expr Y = Expr.Symbol("y");
    private static readonly Expr Z = Expr.Symbol("z");

    [Fact]
    public void StructurallyEqualExpressionsAreTheSameObject()
    {
        var a = Expr.Exp(X * Y) + Expr.Act(X, Z);
        var b = Expr.Exp(Expr.Symbol("x") * Expr.Symbol("y")) + Expr.Act(Expr.Symbol("x"), Expr.Symbol("z"));
        Assert.Same(a, b);
        Assert.Same(Expr.Quantity(2, "pM/day"), Expr.Quantity(2, Unit.Parse("pM") / Unit.Day));
        Assert.NotSame(Expr.Quantity(2, "pM"), Expr.Quantity(2, "nM"));
        Assert.NotSame(X * Y, Y * X);
    }

    [Fact]
    public void CommonSubexpressionsAreShared()
    {
        var rankl = X / (1 + X * Y);
        var e = rankl * Z + Expr.Exp(rankl);
        // Nodes: x, y, z, 1, x*y, 1+x*y, rankl, rankl*z, exp(rankl), sum = 10 distinct.
        Assert.Equal(10, e.NodeCount);
    }

    [Fact]
    public void ConstructionSimplifies()
    {
        Assert.Same(X, X + 0);
        Assert.Same(X, 0 + X);
        Assert.Same(X, X * 1);
        Assert.Same(X, 1 * X);
        Assert.Same(Expr.Zero, X * 0);
        Assert.Same(X, Expr.Pow(X, 1));
        Assert.Same(Expr.One, Expr.Pow(X, 0));
        Assert.Same(X, -(-X));
        Assert.Same(Expr.Zero, X - X);
        Assert.Same(X, X / 1);
        Assert.Same(Expr.Constant(5), Expr.Constant(2) + 3);
        Assert.Same(Expr.Constant(8), Expr.Pow(2, 3));
        Assert.Same(Expr.Quantity(5, "pM"), Expr.Quantity(2, "pM") + Expr.Quantity(3, "pM"));
        Assert.Same(Expr.Quantity(6, "pM/day"), Expr.Quantity(2, "pM") * Expr.Quantity(3, "1/day"));
        Assert.Equal(ExprKind.Add, (Expr.Quantity(2, "pM") + Expr.Quantity(3, "nM")).Kind); // left for the unit check
        Assert.Same(X - Y, X + (-Y));
        Assert.Same(X - Y, X + (-1) * Y);
        Assert.Same(X + Y, X - (-Y));
        Assert.Same(-(X * Y), (-X) * Y);
        Assert.Same(X * Y, (-X) * (-Y));
        Assert.Same(-(2 * X), -2 * X);
        Assert.Same(Y - X, -(X - Y));
        Assert.Same(X, Expr.Log(Expr.Exp(X)));
        Assert.Same(X, Expr.If(Expr.Less(1, 2), X, Y));
        Assert.Same(Y, Expr.If(Expr.Greater(1, 2), X, Y));
        Assert.Same(X, Expr.If(X < Y, X, X));
    }

    [Fact]
    public void SimplifiedFormsKeepTheirValues()
    {
        var rng = new Random(11);
        var pairs = new (Expr Raw, Func<double, double, double> Reference)[]
        {
            (X + (-Y), (x, y) => x + -y),
            ((-X) * Y, (x, y) => -x * y),
            (X / (-Y), (x, y) => x / -y),
            (-(X - Y), (x, y) => -(x - y)),
            (-3 * X + Y, (x, y) => -3 * x + y),
            (Expr.Pow(X, 2) - Expr.Pow(Y, -1), (x, y) => x * x - 1 / y),
            (Expr.Pow(X, 0.5) + Expr.Pow(Y, -0.5), (x, y) => Math.Sqrt(x) + 1 / Math.Sqrt(y)),
        };
        foreach (var (raw, reference) in pairs)
        {
            for (var i = 0; i < 20; i++)
            {
                var x = 0.1 + 3 * rng.NextDouble();
                var y = 0.1 + 3 * rng.NextDouble();
                var v = raw.Evaluate(n => n == "x" ? x : y);
                Check.Close(reference(x, y), v, 2e-16, 0, raw.ToString());
            }
        }
    }

    [Fact]
    public void ConditionsCannotBeUsedAsNumbersAndViceVersa()
    {
        Assert.Throws<ArgumentException>(() => (X < Y) + 1);
        Assert.Throws<ArgumentException>(() => Expr.Exp(X < Y));
        Assert.Throws<ArgumentException>(() => Expr.And(X, X < Y));
        Assert.Throws<ArgumentException>(() => Expr.If(X, X, Y));
        Assert.Throws<ArgumentException>(() => Expr.Symbol("1abc"));
        Assert.Throws<ArgumentException>(() => Expr.Symbol("a-b"));
    }

    [Fact]
    public void InterpreterEvaluatesEveryKind()
    {
        double Eval(Expr e) => e.Evaluate(n => n switch { "x" => 2.0, "y" => 3.0, _ => 0.5 }, time: 7);
        Assert.Equal(5.0, Eval(X + Y));
        Assert.Equal(-1.0, Eval(X - Y));
        Assert.Equal(6.0, Eval(X * Y));
        Assert.Equal(2.0 / 3.0, Eval(X / Y));
        Assert.Equal(8.0, Eval(Expr.Pow(X, Y)));
        Assert.Equal(Math.Exp(2), Eval(Expr.Exp(X)));
        Assert.Equal(Math.Log(3), Eval(Expr.Log(Y)));
        Assert.Equal(Math.Sqrt(2), Eval(Expr.Sqrt(X)));
        Assert.Equal(1.0, Eval(Expr.Abs(X - Y)));
        Assert.Equal(2.0, Eval(Expr.Min(X, Y)));
        Assert.Equal(3.0, Eval(Expr.Max(X, Y)));
        Assert.Equal(7.0, Eval(Expr.Time));
        Assert.Equal(2.0 / 2.5, Eval(Expr.Act(X, Z)));
        Assert.Equal(0.5 / 2.5, Eval(Expr.Rep(X, Z)));
        Assert.Equal(16.0 / 17.0, Eval(Expr.Hill(X, Z, 2)), 15);
        Assert.Equal(1.0 / 17.0, Eval(Expr.HillRep(X, Z, 2)), 15);
        Assert.Equal(10.0, Eval(Expr.Piecewise((X > Y, 1), (Expr.Time >= 7, 10), 100)));
        Assert.Equal(100.0, Eval(Expr.Piecewise((X > Y, 1), (Expr.Time > 7, 10), 100)));
        Assert.Equal(1.0, Eval(Expr.If((X < Y) & !Expr.Equal(X, Y) | (Y <= X), 1, 0)));
        Assert.Equal(0.0, Eval(Expr.If(Expr.NotEqual(X, X + 0) | Expr.Equal(X, Y), 1, 0)));
    }

    [Fact]
    public void SubstituteReplacesSymbolsAndResimplifies()
    {
        var e = X * Y + Z;
        var r = e.Substitute(new Dictionary<string, Expr> { ["y"] = 1, ["z"] = 0 });
        Assert.Same(X, r);
        Assert.Equal(["x", "y", "z"], e.SymbolNames());
        Assert.True(e.DependsOn("z"));
        Assert.False(r.DependsOn("z"));
    }

    [Fact]
    public void AsciiRenderingUsesMinimalParentheses()
    {
        var a = Expr.Symbol("a");
        var b = Expr.Symbol("b");
        var c = Expr.Symbol("c");
        Assert.Equal("a + b * c", (a + b * c).ToString());
        Assert.Equal("(a + b) * c", ((a + b) * c).ToString());
        Assert.Equal("a - (b + c)", (a - (b + c)).ToString());
        Assert.Equal("a - b - c", (a - b - c).ToString());
        Assert.Equal("a / (b * c)", (a / (b * c)).ToString());
        Assert.Equal("a * b / c", (a * b / c).ToString());
        Assert.Equal("-(a + b)", (-(a + b)).ToString());
        Assert.Equal("(a + b)^2", Expr.Pow(a + b, 2).ToString());
        Assert.Equal("a^(b + 1)", Expr.Pow(a, b + 1).ToString());
        Assert.Equal("exp(-a) * 0.001", (Expr.Exp(-a) * 0.001).ToString());
        Assert.Equal("a * 1e-5 [pM]", (a * Expr.Quantity(1e-5, "pM")).ToString());
        Assert.Equal("piecewise(1, a < b, max(a, t))", Expr.If(a < b, 1, Expr.Max(a, Expr.Time)).ToString());
        Assert.Equal("a < b && !(b >= c) || a > c", Expr.Or(Expr.And(a < b, !(b >= c)), a > c).ToString());
    }

    [Theory]
    [InlineData("x", "x")]
    [InlineData("D_OBu", @"D_{\mathrm{OBu}}")]
    [InlineData("k1", "k_{1}")]
    [InlineData("beta_PTH", @"\beta_{\mathrm{PTH}}")]
    [InlineData("K_D1_TGFb", @"K_{\mathrm{D1},\mathrm{TGFb}}")]
    [InlineData("OPG_max", @"\mathrm{OPG}_{\mathrm{max}}")]
    [InlineData("OBp", @"\mathrm{OBp}")]
    [InlineData("alpha1", @"\alpha_{1}")]
    [InlineData("pi_act_OCp", @"\pi_{\mathrm{act},\mathrm{OCp}}")]
    [InlineData("K_A_eta", @"K_{\mathrm{A},\eta}")]
    public void LatexNamesUseSubscripts(string name, string latex) => Assert.Equal(latex, LatexFormatter.Name(name));

    [Theory]
    [InlineData(250.0, "250")]
    [InlineData(0.001, "0.001")]
    [InlineData(1.6249e8, @"1.6249 \times 10^{8}")]
    [InlineData(1e-5, "10^{-5}")]
    [InlineData(-2.5e-7, @"-2.5 \times 10^{-7}")]
    [InlineData(100000.0, "10^{5}")]
    [InlineData(4.545455e-3, "0.004545455")]
    public void LatexNumbers(double value, string latex) => Assert.Equal(latex, LatexFormatter.Number(value));

    [Fact]
    public void LatexExpressions()
    {
        var k = Expr.Symbol("K_D1");
        Assert.Equal(@"\frac{x}{x + K_{\mathrm{D1}}}", Expr.Act(X, k).ToLatex());
        Assert.Equal(@"{\left(x + y\right)}^{2} \cdot \exp\left(-x\right)", (Expr.Pow(X + Y, 2) * Expr.Exp(-X)).ToLatex());
        Assert.Equal(@"\begin{cases} 1 & \text{if } x < y \\ \sqrt{x} & \text{otherwise} \end{cases}", Expr.If(X < Y, 1, Expr.Sqrt(X)).ToLatex());
        Assert.Equal(@"2\,\mathrm{pM/day} - \left|x\right|", (Expr.Quantity(2, "pM/day") - Expr.Abs(X)).ToLatex());
    }
}
