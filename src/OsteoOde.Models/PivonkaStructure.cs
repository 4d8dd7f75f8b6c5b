using OsteoOde.Modeling;
using static OsteoOde.Models.PivonkaExtensionPoints;

namespace OsteoOde.Models;

/// <summary>
/// The Pivonka et al. 2008 model structure shared by <c>pivonka2008</c> and <c>scheiner2013</c> (model-reference §2.2): RANKL
/// expressed on precursor osteoblasts, OPG on active osteoblasts, TGF-β released by resorbing osteoclasts, all ligand levels
/// quasi-steady. Declared with canonical names and the extension points of <see cref="PivonkaExtensionPoints"/>:
/// <code>
/// dOBp/dt = D_OBu·f_OBu·π_act,OBu − D_OBp·f_OBp·OBp·π_rep,OBp
/// dOBa/dt = D_OBp·f_OBp·OBp·π_rep,OBp − A_OBa·f_OBa·OBa
/// dOCa/dt = D_OCp·f_OC·π_act,OCp − A_OCa·f_OCa·OCa·π_act,OCa
/// TGFb   = α·OCa + (P_TGFb + ΣTGFb)/D_TGFb            π_act,OBu = act(TGFb; K_D1), π_rep,OBp = rep(TGFb; K_D2), π_act,OCa = act(TGFb; K_D3)
/// PTH    = (β_PTH + P_PTH + ΣPTH)/D_PTH              π_act,PTH = act(PTH; K_act), π_rep,PTH = rep(PTH; K_rep)
/// p_OPG  = β_OPG·f_OPG·OBa·π_rep,PTH                  OPG = (p_OPG + P_OPG + ΣOPG)·OPG_max/(p_OPG + D_OPG·OPG_max)
/// RANKL_eff = R_RANKL·f_cap·OBp·π_act,PTH
/// RANKL  = RANKL_eff/(1 + K_A1·OPG + K_A2·RANK + Σbind) · (β_RANKL + P_RANKL + ΣRANKL)/(β_RANKL + D_RANKL·RANKL_eff)
/// RANKL_RANK = K_A2·RANKL·RANK                        π_act,OCp = RANKL_RANK/(RANKL_RANK + K_D_RANKL_RANK)
/// </code>
/// where f are open products (1 when empty) and Σ open sums (0 when empty), so without modules these are the published equations.
/// </summary>
internal static class PivonkaStructure
{
    /// <summary>The canonical parameter names of the cell model, in declaration order.</summary>
    public static readonly string[] ParameterNames =
    [
        "D_OBu", "D_OBp", "A_OBa", "D_OCp", "A_OCa", "K_D1_TGFb", "K_D2_TGFb", "K_D3_TGFb", "K_act_PTH", "K_rep_PTH",
        "beta_PTH", "D_PTH", "beta_OPG", "OPG_max", "D_OPG", "R_RANKL", "beta_RANKL", "D_RANKL", "K_A1", "K_A2", "RANK",
        "K_D_RANKL_RANK", "alpha_TGFb", "D_TGFb",
    ];

    /// <summary>Declares states OBp, OBa, OCa, the cell-model parameters, the inputs, the algebraic ligand layer, observables and rates.</summary>
    /// <param name="b">Builder.</param>
    /// <param name="parameters">The parameter set (every name of <see cref="ParameterNames"/>, in that order).</param>
    /// <param name="initial">Initial OBp, OBa, OCa (pM).</param>
    public static void DeclareCells(ModelBuilder b, IReadOnlyList<ParameterSpec> parameters, IReadOnlyList<double> initial)
    {
        var obp = b.State("OBp", "pM", initial[0], "precursor osteoblasts");
        var oba = b.State("OBa", "pM", initial[1], "active osteoblasts");
        var oca = b.State("OCa", "pM", initial[2], "active osteoclasts");

        var p = new Dictionary<string, Expr>(StringComparer.Ordinal);
        for (var i = 0; i < ParameterNames.Length; i++)
        {
            if (parameters[i].Name != ParameterNames[i])
            {
                throw new ArgumentException($"Parameter set entry {i} is '{parameters[i].Name}' but the Pivonka structure expects '{ParameterNames[i]}'.", nameof(parameters));
            }

            p[ParameterNames[i]] = parameters[i].DeclareOn(b);
        }

        // Productions are non-negative, up to about two decades above the largest protocol value (model-reference §2.5).
        var pPth = b.Input("P_PTH", "pM/day", 0, "external PTH production", 0, 1e5);
        var pOpg = b.Input("P_OPG", "pM/day", 0, "external OPG production", 0, 2e7);
        var pRankl = b.Input("P_RANKL", "pM/day", 0, "external RANKL production", 0, 1e6);
        var pTgfb = b.Input("P_TGFb", "pM/day", 0, "external TGF-β production", 0, 0.1);

        var ranklExtra = b.OpenSum(RanklProductionExtra, "pM/day", "RANKL production added by modules to β_RANKL + P_RANKL");
        var bindingExtra = b.OpenSum(RanklBindingExtra, "1", "extra RANKL sinks added by modules to the binding denominator");
        var capacity = b.OpenProduct(RanklCapacityFactor, "module factors on R_RANKL (RANKL per precursor osteoblast)");
        var opgExtra = b.OpenSum(OpgProductionExtra, "pM/day", "OPG production added by modules to P_OPG");
        var opgFactor = b.OpenProduct(OpgProductionFactor, "module factors on β_OPG (OPG production per active osteoblast)");
        var pthExtra = b.OpenSum(PthProductionExtra, "pM/day", "PTH production added by modules to P_PTH");
        var tgfbExtra = b.OpenSum(TgfbProductionExtra, "pM/day", "TGF-β production added by modules to P_TGFb");
        var supply = b.OpenProduct(OBuSupplyFactor, "module factors on D_OBu (supply of precursor osteoblasts)");
        var obpDiff = b.OpenProduct(OBpDifferentiationFactor, "module factors on D_OBp (precursor → active osteoblasts)");
        var obaApoptosis = b.OpenProduct(OBaApoptosisFactor, "module factors on A_OBa (active osteoblast apoptosis)");
        var ocFormation = b.OpenProduct(OCFormationFactor, "module factors on D_OCp (osteoclast formation)");
        var ocaApoptosis = b.OpenProduct(OCaApoptosisFactor, "module factors on A_OCa (active osteoclast apoptosis)");

        var tgfb = b.Observable("TGFb", p["alpha_TGFb"] * oca + (pTgfb + tgfbExtra) / p["D_TGFb"], "TGF-β released by resorption plus external TGF-β", "pM");
        var piActObu = b.Assign("pi_act_OBu", Expr.Act(tgfb, p["K_D1_TGFb"]), "TGF-β activation of uncommitted osteoblast differentiation", "1");
        var piRepObp = b.Assign("pi_rep_OBp", Expr.Rep(tgfb, p["K_D2_TGFb"]), "TGF-β repression of precursor osteoblast differentiation", "1");
        var piActOca = b.Assign("pi_act_OCa", Expr.Act(tgfb, p["K_D3_TGFb"]), "TGF-β activation of osteoclast apoptosis", "1");
        var pth = b.Observable("PTH", (p["beta_PTH"] + pPth + pthExtra) / p["D_PTH"], "PTH concentration", "pM");
        var piActPth = b.Assign("pi_act_PTH", Expr.Act(pth, p["K_act_PTH"]), "PTH activation of RANKL expression", "1");
        var piRepPth = b.Assign("pi_rep_PTH", Expr.Rep(pth, p["K_rep_PTH"]), "PTH repression of OPG expression", "1");
        var pOpgCells = b.Assign("p_OPG", p["beta_OPG"] * opgFactor * oba * piRepPth, "OPG production by active osteoblasts", "pM/day");
        var opg = b.Observable("OPG", (pOpgCells + pOpg + opgExtra) * p["OPG_max"] / (pOpgCells + p["D_OPG"] * p["OPG_max"]),
            "OPG concentration (saturating at OPG_max)", "pM");
        var ranklEff = b.Assign("RANKL_eff", p["R_RANKL"] * capacity * obp * piActPth, "RANKL carrying capacity of precursor osteoblasts", "pM");
        var rankl = b.Observable("RANKL",
            ranklEff / (1 + p["K_A1"] * opg + p["K_A2"] * p["RANK"] + bindingExtra)
                * (p["beta_RANKL"] + pRankl + ranklExtra) / (p["beta_RANKL"] + p["D_RANKL"] * ranklEff),
            "free RANKL", "pM");
        var ranklRank = b.Observable("RANKL_RANK", p["K_A2"] * rankl * p["RANK"], "RANKL–RANK complex", "pM");
        var piActOcp = b.Observable("pi_act_OCp", ranklRank / (ranklRank + p["K_D_RANKL_RANK"]), "RANKL–RANK activation of osteoclast formation", "1");

        var differentiation = p["D_OBp"] * obpDiff * obp * piRepObp;
        b.AddRate(obp, "OBu_differentiation", p["D_OBu"] * supply * piActObu);
        b.AddRate(obp, "OBp_differentiation", -differentiation);
        b.AddRate(oba, "OBp_differentiation", differentiation);
        b.AddRate(oba, "OBa_apoptosis", -(p["A_OBa"] * obaApoptosis * oba));
        b.AddRate(oca, "OCp_differentiation", p["D_OCp"] * ocFormation * piActOcp);
        b.AddRate(oca, "OCa_apoptosis", -(p["A_OCa"] * ocaApoptosis * oca * piActOca));
    }

    /// <summary>Declares the bone volume fraction v_b (%) with dv_b/dt = k_form·f_form·OBa − k_res·f_res·OCa (Pivonka 2010, Scheiner 2013).</summary>
    /// <param name="b">Builder.</param>
    /// <param name="kForm">k_form row.</param>
    /// <param name="kRes">k_res row.</param>
    /// <param name="initialVolume">Initial v_b (%).</param>
    public static void DeclareBoneVolume(ModelBuilder b, ParameterSpec kForm, ParameterSpec kRes, double initialVolume)
    {
        var vb = b.State("vb", "%", initialVolume, "bone volume fraction");
        var form = kForm.DeclareOn(b);
        var res = kRes.DeclareOn(b);
        var formFactor = b.OpenProduct(BoneFormationFactor, "module factors on k_form (bone formation per active osteoblast)");
        var resFactor = b.OpenProduct(BoneResorptionFactor, "module factors on k_res (bone resorption per active osteoclast)");
        b.AddRate(vb, "formation", form * formFactor * ModelBuilder.Ref("OBa"));
        b.AddRate(vb, "resorption", -(res * resFactor * ModelBuilder.Ref("OCa")));
    }
}
