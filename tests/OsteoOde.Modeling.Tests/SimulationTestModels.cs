using OsteoOde.Modeling;
using OsteoOde.Numerics;

namespace OsteoOde.Modeling.Tests;

/// <summary>Small models with closed-form solutions for the simulation tests.</summary>
internal static class SimulationTestModels
{
    public static readonly Citation Src = new("Test value", Note: "analytic test problem");

    /// <summary>Tight explicit settings for comparisons with closed forms.</summary>
    public static OdeOptions Tight => new() { Method = "dop853", RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-14 };

    /// <summary>
    /// <c>x' = u − k·x</c>, x(0) = x0 (a parameter, so the initial value is an initial expression), input u (default 0),
    /// observable <c>net = u − k·x</c>, observable <c>x_double = 2x</c>, time column <c>age = age0 + t/365.25</c> in years, and a
    /// bolus dose record <c>x += A</c> at t = 10 and 20 (amount A a parameter).
    /// </summary>
    public static Model Infusion() => InfusionBuilder().Build();

    public static ModelBuilder InfusionBuilder(double kValue = 0.1, string kDescription = "loss rate")
    {
        var b = new ModelBuilder("infusion");
        var x0 = b.Parameter("x0", 1, "pM", "initial level", Src, 0.01, 100);
        var x = b.State("x", "pM", x0, "level");
        var k = b.Parameter("k", kValue, "1/day", kDescription, Src, 0.001, 10);
        var amount = b.Parameter("A", 0.5, "pM", "bolus amount", Src, 0.01, 10);
        var age0 = b.Parameter("age0", 25, "year", "age at t = 0", Src, 0, 120, scale: ParameterScale.Linear);
        var u = b.Input("u", "pM/day", 0, "infusion rate");
        b.TimeColumn("age", age0 + Expr.Time / Expr.Quantity(365.25, "day/year"), "age", "year");
        b.Observable("net", u - k * x, "net rate", "pM/day");
        b.Observable("x_double", 2 * x, "twice the level", "pM");
        b.AddRate(x, "infusion", u);
        b.AddRate(x, "loss", -(k * x));
        b.Dose("bolus", "x", amount, [10, 20], "bolus");
        return b;
    }

    /// <summary><c>y' = −max(0, y − 1) − 0.1</c>, y(0) = 2: kink at y = 1 (t* = ln 11), then y = 1 − 0.1·(t − t*).</summary>
    public static Model Kink()
    {
        var b = new ModelBuilder("kink");
        var y = b.State("y", "1", 2, "level", nonNegative: false);
        b.AddRate(y, "relaxation", -Expr.Max(0, y - 1) * Expr.Quantity(1, "1/day"));
        b.AddRate(y, "drain", -Expr.Quantity(0.1, "1/day"));
        return b.Build();
    }

    public static double KinkExact(double t)
    {
        var tStar = Math.Log(11);
        return t <= tStar ? 1 + (1.1 * Math.Exp(-t)) - 0.1 : 1 - (0.1 * (t - tStar));
    }

    /// <summary><c>x' = x²</c>, x(0) = x0: blows up at t = 1/x0.</summary>
    public static Model BlowUp()
    {
        var b = new ModelBuilder("blowup");
        var x0 = b.Parameter("x0", 1, "1", "initial value", Src, 0.01, 10);
        var x = b.State("x", "1", x0, "growing quantity");
        b.AddRate(x, "growth", x * x * Expr.Quantity(1, "1/day"));
        return b.Build();
    }

    /// <summary>The Pivonka test model plus a bone volume vb that integrates formation − resorption (a pure integrator).</summary>
    public static Model PivonkaWithBoneVolume()
    {
        var volume = new ModelModule("bone_volume", "bone volume fraction integrating formation and resorption", b =>
        {
            var vb = b.State("vb", "%", 15, "bone volume fraction");
            var kForm = b.Parameter("k_form", 40, "%/(pM*day)", "formation per active osteoblast", Src, 1, 400);
            var kRes = b.Parameter("k_res", 200, "%/(pM*day)", "resorption per active osteoclast", Src, 10, 2000);
            b.AddRate(vb, "formation", kForm * ModelBuilder.Ref("OBa"));
            b.AddRate(vb, "resorption", -(kRes * ModelBuilder.Ref("OCa")));
        });
        return new ModelComposition(Pivonka2008TestModel.Base).With(volume).Build();
    }
}
