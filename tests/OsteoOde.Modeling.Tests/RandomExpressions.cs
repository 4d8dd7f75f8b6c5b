using OsteoOde.Modeling;

namespace OsteoOde.Modeling.Tests;

/// <summary>Seeded random expressions over x, y, z and t whose operations stay in their real domains for any inputs.</summary>
internal sealed class RandomExpressions(int seed, bool allowNonSmooth)
{
    public static readonly Expr X = Expr.Symbol("x");
    public static readonly Expr Y = Expr.Symbol("y");
    public static readonly Expr Z = Expr.Symbol("z");

    private readonly Random _rng = new(seed);

    public Expr Next(int depth)
    {
        if (depth <= 0 || _rng.NextDouble() < 0.15)
        {
            return _rng.Next(5) switch
            {
                0 => X,
                1 => Y,
                2 => Z,
                3 => Expr.Time,
                _ => Expr.Constant(Math.Round(0.5 + 1.5 * _rng.NextDouble(), 3)),
            };
        }

        var a = Next(depth - 1);
        var b = Next(depth - 1);
        var positiveA = 1 + a * a;
        var positiveB = 1 + b * b;
        var choices = allowNonSmooth ? 17 : 13;
        return _rng.Next(choices) switch
        {
            0 => a + b,
            1 => a - b,
            2 => a * b,
            3 => a / positiveB,
            4 => -a,
            5 => Expr.Exp(a / positiveA),
            6 => Expr.Log(positiveA),
            7 => Expr.Sqrt(positiveA),
            8 => Expr.Pow(positiveA, b / positiveB),
            9 => Expr.Pow(a, _rng.Next(2, 5)),
            10 => Expr.Act(positiveA, positiveB),
            11 => Expr.Hill(positiveA, positiveB, 1 + 0.5 * b * b / positiveB),
            12 => Expr.Pow(positiveA, -0.5) * Expr.Rep(a * a, positiveB),
            13 => Expr.Abs(a),
            14 => Expr.Min(a, b),
            15 => Expr.Max(a, b),
            _ => Expr.Piecewise((a < b, a * b), (Expr.Greater(a, 1), a), b),
        };
    }
}
