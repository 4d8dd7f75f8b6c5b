using OsteoOde.Modeling;

namespace OsteoOde.Modeling.Tests;

/// <summary>
/// Symbolic derivatives against central finite differences (step 1e-5·max(1, |v|)), at seeded random points.
/// Tolerance: |d_sym − d_fd| ≤ 1e-6·max(|d_sym|, |d_fd|) + 1e-8·(1 + |f|) — the truncation error of the difference quotient is
/// about 1e-10 relative and its rounding error about 1e-11·|f|/h·h, so 1e-6 leaves a wide margin without hiding wrong rules.
/// </summary>
public class DerivativeTests
{
    private const double Rel = 1e-6;
    private static readonly Expr X = RandomExpressions.X;
    private static readonly Expr Y = RandomExpressions.Y;
    private static readonly Expr Z = RandomExpressions.Z;

    public static TheoryData<string> CaseNames => new(Cases().Select(c => c.Name));

    private static IEnumerable<(string Name, Expr F, Func<double, double, double, double, bool>? Valid)> Cases()
    {
        yield return ("add", X + Y, null);
        yield return ("subtract", X - Y, null);
        yield return ("multiply", X * Y * Z, null);
        yield return ("divide", X / Y, null);
        yield return ("negate", -(X * Y), null);
        yield return ("pow2", Expr.Pow(X, 2), null);
        yield return ("pow3", Expr.Pow(X + Y, 3), null);
        yield return ("pow4", Expr.Pow(X, 4), null);
        yield return ("pow-1", Expr.Pow(X * Y, -1), null);
        yield return ("pow-2", Expr.Pow(X, -2), null);
        yield return ("pow0.5", Expr.Pow(X, 0.5), null);
        yield return ("pow-0.5", Expr.Pow(X + Z, -0.5), null);
        yield return ("pow2.7", Expr.Pow(X, 2.7), null);
        yield return ("pow-variable-exponent", Expr.Pow(X, Y), null);
        yield return ("pow-variable-base-and-exponent", Expr.Pow(X * Z, Y - Z), null);
        yield return ("pow-constant-base", Expr.Pow(2.5, X * Y), null);
        yield return ("exp", Expr.Exp(X * Y), null);
        yield return ("log", Expr.Log(X * Y + Z), null);
        yield return ("sqrt", Expr.Sqrt(X + Y * Z), null);
        yield return ("abs", Expr.Abs(X - Y), (x, y, _, _) => Math.Abs(x - y) > 1e-3);
        yield return ("min", Expr.Min(X * Y, Z), (x, y, z, _) => Math.Abs(x * y - z) > 1e-3);
        yield return ("max", Expr.Max(X * Y, Z), (x, y, z, _) => Math.Abs(x * y - z) > 1e-3);
        yield return ("piecewise", Expr.Piecewise((X < Y, X * Y), (Z > 1, X * X), Expr.Exp(X)),
            (x, y, z, _) => Math.Abs(x - y) > 1e-3 && Math.Abs(z - 1) > 1e-3);
        yield return ("komarova-kink", Expr.Max(0, X - Y) * Z, (x, y, _, _) => Math.Abs(x - y) > 1e-3);
        yield return ("act", Expr.Act(X, Y), null);
        yield return ("rep", Expr.Rep(X, Y), null);
        yield return ("hill", Expr.Hill(X, Y, Z), null);
        yield return ("hill-constant-n", Expr.Hill(X, Y, 2), null);
        yield return ("hillrep", Expr.HillRep(X, Y, Z), null);
        yield return ("time", Expr.Exp(-Expr.Time * X) * Expr.Time, null);
        yield return ("nested", Expr.Log(1 + Expr.Exp(-X * Y)) / Expr.Sqrt(1 + Z * Z) + Expr.Pow(Expr.Act(X, Z), Y), null);
        yield return ("shared-subexpression", Expr.Act(X * Y, Z) * Expr.Exp(Expr.Act(X * Y, Z)) - Expr.Pow(X * Y, 2), null);
        yield return ("pivonka-like", PivonkaLikeRankl(), null);
    }

    private static Expr PivonkaLikeRankl()
    {
        var eff = 3e6 * X * Expr.Act(Expr.Constant(2.9), 150);
        return eff / (1 + 1e-3 * Y + 0.034 * 10) * (168 + Z) / (168 + 10 * eff);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void DerivativeMatchesFiniteDifferences(string name)
    {
        var (_, f, valid) = Cases().Single(c => c.Name == name);
        var rng = new Random(name.Length * 7919 + name[0]);
        var tested = 0;
        for (var attempt = 0; tested < 25 && attempt < 1000; attempt++)
        {
            var point = new[] { 0.2 + 1.8 * rng.NextDouble(), 0.2 + 1.8 * rng.NextDouble(), 0.2 + 1.8 * rng.NextDouble(), 3 * rng.NextDouble() };
            if (valid is not null && !valid(point[0], point[1], point[2], point[3]))
            {
                continue;
            }

            AssertGradient(f, point, name);
            tested++;
        }

        Assert.Equal(25, tested);
    }

    [Fact]
    public void RandomNestedCompositionsMatchFiniteDifferences()
    {
        for (var seed = 0; seed < 150; seed++)
        {
            var f = new RandomExpressions(seed, allowNonSmooth: false).Next(4);
            var rng = new Random(1000 + seed);
            for (var k = 0; k < 3; k++)
            {
                var point = new[] { -1.5 + 3 * rng.NextDouble(), -1.5 + 3 * rng.NextDouble(), -1.5 + 3 * rng.NextDouble(), 2 * rng.NextDouble() };
                AssertGradient(f, point, $"seed {seed}: {f}");
            }
        }
    }

    [Fact]
    public void DerivativesOfSimpleFormsAreExact()
    {
        Assert.Same(Y, (X * Y).Differentiate("x"));
        Assert.Same(Expr.Zero, (Y * Z).Differentiate("x"));
        Assert.Same(2 * X, Expr.Pow(X, 2).Differentiate("x"));
        Assert.Same(Expr.Exp(X), Expr.Exp(X).Differentiate("x"));
        Assert.Same(Expr.One / X, Expr.Log(X).Differentiate("x"));
        Assert.Same(Expr.One, Expr.Time.Differentiate(Expr.Time));
        Assert.Throws<ArgumentException>(() => X.Differentiate(X + Y));
    }

    private static void AssertGradient(Expr f, double[] point, string label)
    {
        string[] names = ["x", "y", "z"];
        double Eval(Expr e, double[] p) => e.Evaluate(n => p[Array.IndexOf(names, n)], p[3]);
        var value = Eval(f, point);
        for (var v = 0; v < 4; v++)
        {
            var variable = v < 3 ? Expr.Symbol(names[v]) : Expr.Time;
            var symbolic = Eval(f.Differentiate(variable), point);
            var h = 1e-5 * Math.Max(1, Math.Abs(point[v]));
            var plus = (double[])point.Clone();
            var minus = (double[])point.Clone();
            plus[v] += h;
            minus[v] -= h;
            var fd = (Eval(f, plus) - Eval(f, minus)) / (plus[v] - minus[v]);
            Check.Close(fd, symbolic, Rel, 1e-8 * (1 + Math.Abs(value)), $"{label}, d/d{(v < 3 ? names[v] : "t")}");
        }
    }
}
