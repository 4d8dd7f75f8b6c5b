using OsteoOde.Modeling;
using OsteoOde.Numerics;

namespace OsteoOde.Modeling.Tests.Sbml;

/// <summary>
/// Models for the SBML tests, built here so every exporter feature is exercised: states in pM (species, concentration),
/// cells (species, amount), vesicles/mL (species, concentration of items), %, dimensionless and g/cm² (parameters); inputs;
/// open sums and products filled by a module; piecewise, min, max, abs, exp, ln, sqrt and powers; dimensioned constants;
/// rising, falling, two-way and terminal events; doses with numeric and parameter-dependent amounts; initial expressions.
/// The numbers are arbitrary but unit-consistent; the biology is not the point.
/// </summary>
internal static class SbmlTestModels
{
    private static readonly Citation Made = new("SBML test model (arbitrary values)", Doi: "10.0000/osteoode.test",
        Url: "https://example.org/osteoode", CodePath: "tests/OsteoOde.Modeling.Tests/Sbml/SbmlTestModels.cs", Note: "made up for export tests");

    private static readonly Citation Plain = new("SBML test model, plain citation");

    public static ModelModule KitchenSinkBase { get; } = new("kitchen_sink", "Every exporter feature on one model", DeclareBase);

    public static ModelModule ExtraModule { get; } = new("extra", "Adds a state, a parameter, terms to the open sum/product and an event", DeclareExtra);

    public static ModelModule SecondModule { get; } = new("second", "Depends on extra; adds a rate term to E", DeclareSecond, ["extra"]);

    /// <summary>The kitchen-sink model with both modules on.</summary>
    public static Model KitchenSink() => new ModelComposition(KitchenSinkBase).With(ExtraModule).With(SecondModule).Build();

    /// <summary>The kitchen-sink base alone (empty open sum and product).</summary>
    public static Model KitchenSinkBaseOnly() => new ModelComposition(KitchenSinkBase).Build();

    private static void DeclareBase(ModelBuilder b)
    {
        b.Title = "Kitchen sink";
        b.Description = "Synthetic model for SBML export and import tests.";
        b.AddSource(Made);
        b.AddSource(Plain);

        var a = b.State("A", "pM", 1.5e-3, "a concentration");
        var n = b.State("N", "cells", 100, "a cell count", nonNegative: false);
        var z = b.State("Z", "%", 100, "a percentage");
        var d = b.State("D", "1", 0.2, "a dimensionless level");
        var m = b.State("M", "g/cm^2", 0.9, "an areal density");

        var kA = b.Parameter("k_A", 0.3, "1/day", "turnover of A", Made, 0.01, 10);
        var kAHalf = b.Parameter("K_A", 2e-3, "pM", "half-activation of A", Plain, 1e-4, 1e-1);
        var hill = b.Parameter("n_hill", 2.5, "1", "Hill coefficient", Made, 1, 4, tunable: false, scale: ParameterScale.Linear);
        var kN = b.Parameter("k_N", 0.05, "1/day", "growth of N", Made, 0.001, 1);
        var nMax = b.Parameter("N_max", 400, "cells", "capacity of N", Made, 10, 1e4);
        var vProd = b.Parameter("v_prod", 1.2e6, "vesicles/mL/day", "vesicle release", Made, 1e4, 1e8);
        var kV = b.Parameter("k_V", 0.7, "1/day", "vesicle clearance", Made, 0.01, 10);
        var v0 = b.Parameter("V0", 1e6, "vesicles/mL", "reference vesicle level", Made, 1e3, 1e9);
        var kZ = b.Parameter("k_Z", 0.4, "%/day", "drift of Z", Made, 0.01, 5);
        var kM = b.Parameter("k_M", 1e-3, "g/cm^2/day", "drift of M", Made, 1e-5, 1);
        var tau = b.Parameter("tau", 30, "day", "decay time", Made, 1, 365);
        var shift = b.Parameter("shift", -0.25, "1", "a negative offset", Made, -1, 0, scale: ParameterScale.Linear);
        var vDose = b.Parameter("v_dose", 5e5, "vesicles/mL", "vesicle dose size", Made, 1e3, 1e7);
        var yearly = b.Parameter("yearly_rate", 0.02, "1/year", "a rate written per year", Made, 1e-3, 1);

        var uA = b.Input("u_A", "pM/day", 0, "external supply of A");
        var drug = b.Input("drug", "1", 1, "drug switch");

        var v = b.State("V", "vesicles/mL", v0 * 2, "a vesicle concentration");

        var extra = b.OpenSum("A_extra", "pM/day", "extra supply of A from modules");
        var nFactor = b.OpenProduct("kN_factor", "multiplicative effects on k_N");

        var act = b.Observable("act", Expr.Hill(a, kAHalf, hill), "activation by A");
        var window = b.Assign("window", Expr.Piecewise((Expr.Greater(Expr.Time, Expr.Quantity(20, "day")) & Expr.LessOrEqual(Expr.Time, Expr.Quantity(80, "day")), 1.0), 0.0),
            "1 during 20 < t ≤ 80 days");
        var excess = b.Assign("excess", Expr.Max(0, a - kAHalf), "A above its half-activation", "pM");
        var capped = b.Assign("capped", Expr.Min(z, Expr.Quantity(100, "%")), "Z capped at 100 %");
        var distance = b.Assign("distance", Expr.Abs(d - 0.5), "distance of D from one half");
        var decay = b.Assign("decay", Expr.Exp(-(Expr.Time / tau)), "exponential decay in time");
        var logA = b.Assign("logA", Expr.Log(1 + a / kAHalf), "log of relative A");
        var geo = b.Observable("geo", Expr.Sqrt(a * kAHalf), "geometric mean of A and K_A", "pM");
        var sq = b.Assign("sq", Expr.Pow(a / kAHalf, 2), "square of relative A");
        b.TimeColumn("age", b.Parameter("age0", 25, "year", "age at t = 0", Plain, 0, 100, scale: ParameterScale.Linear)
            + Expr.Time / Expr.Quantity(365.25, "day/year"), "age in years", "year");
        var notLow = b.Assign("not_low", Expr.If(!(a < Expr.Quantity(1e-4, "pM")) | (d > 0.9), 1.0, 0.5), "1 unless A is low");

        b.AddRate(a, "supply", uA + extra);
        b.AddRate(a, "production", kA * kAHalf * act * window * notLow);
        b.AddRate(a, "loss", -(kA * a));
        b.AddRate(a, "excess_loss", -(kA * excess * sq / (1 + sq)));
        b.AddRate(n, "growth", kN * nFactor * n * (1 - n / nMax));
        b.AddRate(n, "yearly", -(yearly * Expr.Quantity(1, "year") / Expr.Quantity(365.25, "day")) * n);
        b.AddRate(v, "release", vProd * (1 + act) * drug);
        b.AddRate(v, "clearance", -(kV * v));
        b.AddRate(z, "drift", kZ * (act + shift) - kZ * distance);
        b.AddRate(z, "cap", -(kZ * (z - capped) / Expr.Quantity(1, "%")));
        b.AddRate(d, "relax", kA * (logA - d) + kA * decay * geo / kAHalf);
        b.AddRate(m, "follow", kM * (z / Expr.Quantity(100, "%") - 1));

        b.Event("low_A", a - Expr.Quantity(1e-3, "pM"), EventDirection.Falling, [("A", a + Expr.Quantity(5e-4, "pM")), ("D", d * 0.5)],
            "tops A up when it falls below 1e-3 pM");
        b.Event("D_half", d - 0.5, EventDirection.Both, [("M", m * 1.01)], "marks D crossing one half either way");
        b.Event("N_near_capacity", Expr.Log(n / nMax / 0.9), EventDirection.Rising, [("N", n * 0.5)], "halves N near capacity");
        b.Event("stop", Expr.Time - Expr.Quantity(500, "day"), EventDirection.Rising, [], "ends the run at day 500", terminal: true);

        b.Dose("bolus", "A", 2e-4, [30, 0, 10], "boluses of A");
        b.Dose("vesicle_dose", "V", vDose * drug, [5], "one vesicle injection");
    }

    private static void DeclareExtra(ModelBuilder b)
    {
        var e = b.State("E", "pM", 0, "an extra concentration");
        var kE = b.Parameter("k_E", 0.1, "1/day", "turnover of E", Made, 0.01, 1);
        var eIn = b.Input("E_in", "pM/day", 1e-5, "supply of E");
        b.AddRate(e, "supply", eIn);
        b.AddRate(e, "loss", -(kE * e));
        b.AddToSum("A_extra", "from_E", kE * e);
        b.MultiplyInto("kN_factor", "E_boost", 1 + e / ModelBuilder.Ref("K_A"));
        b.AddRate("Z", "E_effect", -(Expr.Quantity(0.01, "%/day") * e / ModelBuilder.Ref("K_A")));
        b.Event("E_high", e - Expr.Quantity(0.05, "pM"), EventDirection.Rising, [("E", Expr.Quantity(0, "pM"))], "resets E");
        b.Observable("E_share", e / (e + ModelBuilder.Ref("A")), "share of E");
    }

    private static void DeclareSecond(ModelBuilder b)
    {
        var k2 = b.Parameter("k_second", 0.02, "1/day", "second-module loss of E", Plain, 0.001, 0.1);
        b.AddRate("E", "second_loss", -(k2 * ModelBuilder.Ref("E")));
        b.AddToSum("A_extra", "second", Expr.Quantity(1e-6, "pM/day"));
    }

    /// <summary>A small model in years (time unit year), every state a parameter under the Parameters encoding.</summary>
    public static Model Yearly()
    {
        var b = new ModelBuilder("yearly", Unit.Year) { Title = "Yearly decay" };
        var bmd = b.State("BMD", "g/cm^2", 1.0, "areal bone mineral density");
        var rate = b.Parameter("loss", 0.01, "1/year", "annual loss", Made, 0.001, 0.1);
        var floor = b.Parameter("floor", 0.5, "g/cm^2", "lowest density", Made, 0.1, 1);
        b.AddRate(bmd, "loss", -(rate * (bmd - floor)));
        b.Observable("t_score", (bmd - Expr.Quantity(1.0, "g/cm^2")) / Expr.Quantity(0.12, "g/cm^2"), "T-score against a young mean");
        b.Dose("treatment", "BMD", Expr.Quantity(0.02, "g/cm^2"), [1, 2, 3], "yearly gain");
        return b.Build();
    }

    /// <summary>The Pivonka test model with a module filling its open sum and product.</summary>
    public static Model PivonkaWithModule()
    {
        var module = new ModelModule("rankl_boost", "adds RANKL production and scales D_OBu", b =>
        {
            var boost = b.Parameter("RANKL_boost", 10, "pM/day", "extra RANKL production", new Citation("test"), 1, 100);
            b.AddToSum("RANKL_production_extra", "boost", boost);
            b.MultiplyInto("D_OBu_factor", "half", Expr.Constant(0.5));
        });
        return new ModelComposition(Pivonka2008TestModel.Base).With(module).Build();
    }
}
