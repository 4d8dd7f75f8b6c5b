using OsteoOde.Modeling;

namespace OsteoOde.Modeling.Tests;

/// <summary>
/// The Pivonka 2008 cell model (model-reference §2.2, parameters §2.3) declared with the builder for tests only; the
/// published model is built in OsteoOde.Models. The base declares two extension points so module tests can act on it:
/// the open sum <c>RANKL_production_extra</c> (pM/day, added to β_RANKL + P_RANKL) and the open product
/// <c>D_OBu_factor</c> (multiplying D_OBu). With no contributions both vanish, so the equations are the published ones.
/// </summary>
internal static class Pivonka2008TestModel
{
    private static readonly Citation Code = new("Pivonka et al. 2008, Bone 43:249–263 (values as in public code)", Doi: "10.1016/j.bone.2008.03.025",
        CodePath: "cmodiz/Bone-Models parameters/pivonka_parameters.py");

    public static readonly ModelModule Base = new("pivonka2008_test", "Pivonka 2008 bone-cell model (test declaration)", Declare);

    public static Model Build() => new ModelComposition(Base).Build();

    private static void Declare(ModelBuilder b)
    {
        b.Title = "Pivonka 2008 (test)";
        b.AddSource(Code);
        var obp = b.State("OBp", "pM", 6.1964e-4, "precursor osteoblasts");
        var oba = b.State("OBa", "pM", 5.5839e-4, "active osteoblasts");
        var oca = b.State("OCa", "pM", 8.0696e-4, "active osteoclasts");

        Expr P(string name, double value, string unit, string description) =>
            b.Parameter(name, value, unit, description, Code, value / 10, value * 10);

        var dObu = P("D_OBu", 7.00e-4, "pM/day", "differentiation rate of uncommitted osteoblasts");
        var dObp = P("D_OBp", 2.674078e-1, "1/day", "differentiation rate of precursor osteoblasts");
        var aOba = P("A_OBa", 1.89e-1, "1/day", "apoptosis rate of active osteoblasts");
        var dOcp = P("D_OCp", 2.10e-3, "pM/day", "differentiation rate of precursor osteoclasts");
        var aOca = P("A_OCa", 7.00e-1, "1/day", "apoptosis rate of active osteoclasts");
        var k1 = P("K_D1_TGFb", 4.545455e-3, "pM", "TGF-β activation of OBu differentiation");
        var k2 = P("K_D2_TGFb", 1.415624e-3, "pM", "TGF-β repression of OBp differentiation");
        var k3 = P("K_D3_TGFb", 4.545455e-3, "pM", "TGF-β activation of OCa apoptosis");
        var kAct = P("K_act_PTH", 150, "pM", "PTH activation constant");
        var kRep = P("K_rep_PTH", 2.225814e-1, "pM", "PTH repression constant");
        var betaPth = P("beta_PTH", 250, "pM/day", "endogenous PTH production");
        var dPth = P("D_PTH", 86, "1/day", "PTH degradation rate");
        var betaOpg = P("beta_OPG", 1.6249e8, "(pM/day)/pM", "OPG production per active osteoblast");
        var opgMax = P("OPG_max", 2.0e8, "pM", "maximal OPG concentration");
        var dOpg = P("D_OPG", 0.35, "1/day", "OPG degradation rate");
        var rRankl = P("R_RANKL", 2.703476e6, "pM/pM", "RANKL per precursor osteoblast");
        var betaRankl = P("beta_RANKL", 1.684196e2, "pM/day", "endogenous RANKL production");
        var dRankl = P("D_RANKL", 1.013247e1, "1/day", "RANKL degradation rate");
        var ka1 = P("K_A1", 1.0e-3, "1/pM", "RANKL–OPG association constant");
        var ka2 = P("K_A2", 3.411765e-2, "1/pM", "RANKL–RANK association constant");
        var rank = P("RANK", 10, "pM", "RANK concentration");
        var kd = P("K_D_RANKL_RANK", 4.457453, "pM", "RANKL–RANK complex activation constant");
        var alpha = P("alpha_TGFb", 1, "1", "TGF-β released per resorbing osteoclast (lumped)");
        var dTgfb = P("D_TGFb", 1, "1/day", "TGF-β degradation rate");

        var pPth = b.Input("P_PTH", "pM/day", 0, "external PTH production");
        var pOpg = b.Input("P_OPG", "pM/day", 0, "external OPG production");
        var pRankl = b.Input("P_RANKL", "pM/day", 0, "external RANKL production");
        var pTgfb = b.Input("P_TGFb", "pM/day", 0, "external TGF-β production");

        var extra = b.OpenSum("RANKL_production_extra", "pM/day", "extra RANKL production contributed by modules");
        var dObuFactor = b.OpenProduct("D_OBu_factor", "multiplicative effects on D_OBu contributed by modules");

        var tgfb = b.Observable("TGFb", alpha * oca + pTgfb / dTgfb, "TGF-β", "pM");
        var piActObu = b.Assign("pi_act_OBu", Expr.Act(tgfb, k1), "TGF-β activation of OBu differentiation");
        var piRepObp = b.Assign("pi_rep_OBp", Expr.Rep(tgfb, k2), "TGF-β repression of OBp differentiation");
        var piActOca = b.Assign("pi_act_OCa", Expr.Act(tgfb, k3), "TGF-β activation of OCa apoptosis");
        var pth = b.Observable("PTH", (betaPth + pPth) / dPth, "PTH", "pM");
        var piActPth = b.Assign("pi_act_PTH", Expr.Act(pth, kAct));
        var piRepPth = b.Assign("pi_rep_PTH", Expr.Rep(pth, kRep));
        var pOpgProd = b.Assign("p_OPG", betaOpg * oba * piRepPth, "OPG production by active osteoblasts", "pM/day");
        var opg = b.Observable("OPG", (pOpgProd + pOpg) * opgMax / (pOpgProd + dOpg * opgMax), "OPG", "pM");
        var ranklEff = b.Assign("RANKL_eff", rRankl * obp * piActPth, "RANKL carrying capacity", "pM");
        var rankl = b.Observable("RANKL",
            ranklEff / (1 + ka1 * opg + ka2 * rank) * (betaRankl + pRankl + extra) / (betaRankl + dRankl * ranklEff), "free RANKL", "pM");
        var ranklRank = b.Observable("RANKL_RANK", ka2 * rankl * rank, "RANKL–RANK complex", "pM");
        var piActOcp = b.Observable("pi_act_OCp", ranklRank / (ranklRank + kd), "RANKL activation of OCp differentiation");

        b.AddRate(obp, "OBu_differentiation", dObu * dObuFactor * piActObu);
        b.AddRate(obp, "OBp_differentiation", -(dObp * obp * piRepObp));
        b.AddRate(oba, "OBp_differentiation", dObp * obp * piRepObp);
        b.AddRate(oba, "OBa_apoptosis", -(aOba * oba));
        b.AddRate(oca, "OCp_differentiation", dOcp * piActOcp);
        b.AddRate(oca, "OCa_apoptosis", -(aOca * oca * piActOca));
    }
}
