using OsteoOde.Modeling;
using static OsteoOde.Models.PivonkaExtensionPoints;

namespace OsteoOde.Models.Aging;

/// <summary>
/// Declarations of the lifetime model's base and modules (SPEC §5 of the prototype; README of this folder). Modules adapt to
/// what is present: a module that reads the burden s uses s = 1 when <c>senescence</c> is off, the couplings act on the
/// cortical block only when <c>cortical</c> is on, and so on; "off" therefore always means "this module's terms are absent".
/// </summary>
internal static partial class AgingModules
{
    private const string Ct = AgingModel.CorticalSuffix;

    private static Expr R(string name) => ModelBuilder.Ref(name);

    private static Expr P(ModelBuilder b, string name) =>
        b.IsDeclared(name) ? R(name) : AgingParameters.Spec(name).DeclareOn(b);

    /// <summary>H(x) = (x − 1)/(x + K_half): 0 at x = 1, → 1 for x → ∞ (the saturating coupling of every driver).</summary>
    private static Expr H(ModelBuilder b, Expr x) => (x - 1) / (x + P(b, "K_half"));

    private static bool HasCortical(ModelBuilder b) => b.IsDeclared("vb_ct");

    /// <summary>Burden s = S/S(25) when the senescence module is on, else the constant 1.</summary>
    private static Expr Burden(ModelBuilder b) => b.IsDeclared("s_rel25") ? R("s_rel25") : 1.0;

    /// <summary>Multiplies a factor into an open product of every cell block present.</summary>
    private static void MultiplyIntoBlocks(ModelBuilder b, string product, string factorName, Expr factor)
    {
        b.MultiplyInto(product, factorName, factor);
        if (HasCortical(b))
        {
            b.MultiplyInto(product + Ct, factorName, factor);
        }
    }

    /// <summary>Adds a term to an open sum of every cell block present.</summary>
    private static void AddToBlocks(ModelBuilder b, string sum, string termName, Expr term)
    {
        b.AddToSum(sum, termName, term);
        if (HasCortical(b))
        {
            b.AddToSum(sum + Ct, termName, term);
        }
    }

    public static void DeclareBase(ModelBuilder b)
    {
        b.Title = "Lifetime bone model with senescence and extracellular vesicles (age 25 to 90)";
        b.Description = "Scheiner 2013 cell blocks for trabecular and cortical bone with a mechanostat closure, Karin 2019 senescence, "
            + "marrow extracellular vesicles with RANKL and microRNA cargo, osteogenic/adipogenic fate split with marrow fat, soluble SASP "
            + "and the menopause; femoral-neck BMD and T-score. With every module off: scheiner2013 with trabecular bone (vb0 = 20 %).";
        b.AddSource(Sources.Scheiner2013).AddSource(Sources.Pivonka2008).AddSource(AgingSources.Karin2019).AddSource(AgingSources.TerleckiZaniewicz2018)
            .AddSource(AgingSources.Davis2017).AddSource(AgingSources.Wang2022).AddSource(AgingSources.OpenBoneMin).AddSource(AgingSources.Swan2012)
            .AddSource(AgingSources.Farr2024).AddSource(AgingSources.Calibration);

        b.TimeColumn("age", Expr.Quantity(AgingModel.StartAge, "year") + (Expr.Time / Expr.Quantity(Karin.DaysPerYear, "day/year")),
            "age of the simulated person (25 at t = 0)", "year");

        PivonkaStructure.DeclareCellBlock(b, new CellBlock("", "", AgingParameters.CellRows, null,
            [R("OBp_25"), R("OBa_25"), R("OCa_25")], PivonkaStructure.LigandObservables));
        PivonkaStructure.DeclareSteadyState(b, "ss25", ("OBp_25", "OBa_25", "OCa_25"), "age-25 steady state of the cell block");

        var vb0 = AgingParameters.Spec("vb_tb0").DeclareOn(b);
        var vb = b.State("vb", "%", vb0, "trabecular bone volume fraction");
        PivonkaStructure.DeclareBoneVolumeRates(b, vb, "", AgingParameters.Spec("k_form").DeclareOn(b), AgingParameters.Spec("k_res").DeclareOn(b), "");
    }

    public static void DeclareCortical(ModelBuilder b)
    {
        const string Label = "cortical compartment";
        PivonkaStructure.DeclareCellBlock(b, new CellBlock(Ct, Label, null, null, [R("OBp_25"), R("OBa_25"), R("OCa_25")], ["OPG", "RANKL"]));
        var vb0 = P(b, "vb_ct0");
        var scale = P(b, "ct_turnover_scale");
        var vb = b.State("vb" + Ct, "%", vb0, "cortical bone volume fraction (100 − porosity)");
        PivonkaStructure.DeclareBoneVolumeRates(b, vb, Ct, scale * R("k_form"), scale * R("k_res"), Label);
    }

    public static void DeclareClosure(ModelBuilder b)
    {
        var m = P(b, "m_mech");
        var mechTb = b.Observable("mech_tb", 1 + (P(b, "lambda_mech_tb") * (Expr.Pow(R("vb_tb0") / R("vb"), m) - 1)),
            "mechanostat factor on the trabecular osteogenic supply, 1 + λ_tb((vb0/vb)^m − 1)", "1");
        b.MultiplyInto(OBuSupplyFactor, "mechanostat", mechTb);
        if (HasCortical(b))
        {
            var mechCt = b.Observable("mech_ct", 1 + (P(b, "lambda_mech_ct") * (Expr.Pow(R("vb_ct0") / R("vb" + Ct), m) - 1)),
                "mechanostat factor on the cortical osteogenic supply, 1 + λ_ct((vb_ct0/vb_ct)^m − 1)", "1");
            b.MultiplyInto(OBuSupplyFactor + Ct, "mechanostat", mechCt);
        }
    }

    public static void DeclareSenescence(ModelBuilder b)
    {
        var eta = P(b, "eta_sen");
        var beta = P(b, "beta_sen");
        var kappa = P(b, "kappa_sen");
        _ = P(b, "eps_sen");
        var f25 = P(b, "f_sen25");

        Expr XStar(double age)
        {
            var a = Expr.Quantity(age, "year");
            return kappa * eta * a / (beta - (eta * a));
        }

        var s25 = b.Assign("S_25", XStar(AgingModel.StartAge), "Karin quasi-steady burden X*(25) = κηa/(β − ηa) at a = 25 (initial S, driver normaliser)", "1");
        var s30 = b.Assign("S_30", XStar(30), "Karin quasi-steady burden X*(30) (normaliser of the burden readout)", "1");
        var sen = b.State("S", "1", s25, "senescent-cell abundance (Karin units)");
        b.AddRate(sen, "production", eta * R("age"));
        b.AddRate(sen, "removal", -(beta * sen / (kappa + sen)));

        var s = b.Observable("s_rel25", sen / s25, "senescent burden relative to age 25 (driver of every senescence-dependent term)", "1");
        b.Observable("senescent_burden", sen / s30, "senescent burden relative to the quasi-steady value at age 30 (readout)", "1");
        b.Observable("f_sen", f25 * s / (1 - f25 + (f25 * s)), "bone-local senescent fraction (senescent count ∝ S, non-senescent count constant)", "1");
    }

    public static void DeclareVesicles(ModelBuilder b)
    {
        var s = Burden(b);
        var kEv = P(b, "k_ev");
        var wr = P(b, "w_r");
        var phi = P(b, "phi_sen");
        var x = P(b, "x_bone_plasma");

        Expr qCell;
        if (b.IsDeclared("S"))
        {
            var f25 = R("f_sen25");
            qCell = b.Assign("q_cell", (1 - f25 + (phi * f25 * s)) / (1 - f25 + (phi * f25)),
                "cellular EV release relative to age 25 (senescent cells release phi_sen-fold more)", "1");
        }
        else
        {
            qCell = b.Assign("q_cell", 1.0, "cellular EV release relative to age 25 (constant without the senescence module)", "1");
        }

        var eCell = b.State("E_cell", "1", 1.0, "marrow pool of cell-derived EVs relative to age 25");
        var eMat = b.State("E_mat", "1", 1.0, "marrow pool of matrix-derived EVs released by resorption (AB-EVs) relative to age 25");
        var jRes0 = b.Assign("J_res0", R("k_res") * R("OCa_25"), "trabecular resorption flux at age 25 (normaliser of matrix-EV release)", "%/day");
        b.AddRate(eCell, "release_and_clearance", kEv * (qCell - eCell));
        b.AddRate(eMat, "release_and_clearance", kEv * ((R("k_res") * R("OCa") / jRes0) - eMat));

        var ranklLoad = b.Observable("rankl_ev", eCell * (1 + (P(b, "g_rankl_ev") * (s - 1))), "RANKL⁺ EV load (EV number × RANKL per EV) relative to age 25", "1");
        var mirnaOb = b.Observable("mirna_ob", eCell * (1 + (P(b, "g_mirna_ob") * (s - 1))),
            "osteo-inhibitory miRNA load (miR-183, -34a, -31a) relative to age 25", "1");
        b.Observable("mirna_adipo", eMat * (1 + (P(b, "g_mirna_mat") * (s - 1))), "aged-matrix miRNA load (miR-483-5p, miR-2861) relative to age 25", "1");
        var marrow = b.Observable("ev_marrow", ((1 - wr) * eCell) + (wr * eMat), "marrow EV number relative to age 25", "1");
        b.Observable("ev_plasma", P(b, "ev_plasma0") * ((x * marrow) + ((1 - x) * qCell)), "plasma EV concentration (quasi-steady)", "vesicles/mL");
        var ranklEv = b.Observable("P_RANKL_ev", P(b, "P_rankl_ev_max") * H(b, ranklLoad), "extra RANKL production carried by RANKL⁺ EVs", "pM/day");
        var mirnaFactor = b.Observable("mirna_factor", 1 - (P(b, "theta_ob") * H(b, mirnaOb)),
            "miRNA factor on osteoblast supply and differentiation, 1 − θ_ob·H(mirna_ob)", "1");

        AddToBlocks(b, RanklProductionExtra, "ev_rankl", ranklEv);
        MultiplyIntoBlocks(b, OBuSupplyFactor, "mirna", mirnaFactor);
        MultiplyIntoBlocks(b, OBpDifferentiationFactor, "mirna", mirnaFactor);
    }

    public static void DeclareMarrowFate(ModelBuilder b)
    {
        var theta0 = P(b, "theta_ad0");
        var dTheta = P(b, "dtheta_ad_max");
        var kAd = P(b, "k_ad");
        var ff = P(b, "fat_frac25");

        var thetaAd = b.IsDeclared("mirna_adipo")
            ? b.Observable("theta_ad", theta0 + (dTheta * H(b, R("mirna_adipo"))), "adipogenic share of the committed progenitor flux", "1")
            : b.Observable("theta_ad", theta0, "adipogenic share of the committed progenitor flux (no matrix-EV driver without the vesicles module)", "1");
        var uAd = b.Assign("u_ad", (1 - thetaAd) / (1 - theta0), "osteogenic share relative to age 25, (1 − θ_ad)/(1 − θ_ad0)", "1");
        MultiplyIntoBlocks(b, OBuSupplyFactor, "fate_split", uAd);

        var flux = b.Assign("F_tb", R("D_OBu") * R("pi_act_OBu"), "committed progenitor flux of the trabecular (marrow) compartment", "pM/day");
        var tgfb0 = R("alpha_TGFb") * R("OCa_25") + (R("P_TGFb") / R("D_TGFb"));
        var flux0 = b.Assign("F_0", R("D_OBu") * Expr.Act(tgfb0, R("K_D1_TGFb")), "committed progenitor flux at age 25 (normaliser)", "pM/day");
        var fat = b.State("A_fat", "1", 1.0, "marrow adipocyte volume relative to age 25");
        b.AddRate(fat, "adipogenesis_and_turnover", kAd * ((thetaAd * flux / (theta0 * flux0)) - fat));
        b.Observable("marrow_fat", ff * fat / ((ff * fat) + 1 - ff), "marrow fat fraction (fat volume / marrow volume)", "1");
    }

    public static void DeclareSasp(ModelBuilder b)
    {
        var factor = b.Observable("sasp_factor", 1 + (P(b, "sasp_oc_max") * H(b, Burden(b))),
            "soluble SASP factor on osteoclast formation, 1 + sasp_oc_max·H(s)", "1");
        MultiplyIntoBlocks(b, OCFormationFactor, "soluble_sasp", factor);
    }

    public static void DeclareEstrogen(ModelBuilder b)
    {
        var fmp = P(b, "age_fmp");
        var duration = P(b, "meno_dur");
        var drop = P(b, "est_drop");
        var gain = P(b, "k_est_rankl");
        var onset = fmp - duration;
        var d = R("age") - onset;
        var half = 0.5 * duration;
        var est = b.Observable("EST",
            Expr.If(R("age") <= onset, 1.0, 1 - (drop * d * d / ((half * half) + (d * d)))),
            "estrogen relative to premenopause (OpenBoneMin menopause bracket; 1 before age_fmp − meno_dur)", "1");
        var extra = b.Observable("P_RANKL_est", gain * (1 - est), "extra RANKL production from the estrogen deficit", "pM/day");
        AddToBlocks(b, RanklProductionExtra, "estrogen_deficit", extra);
    }

    public static void DeclareReadouts(ModelBuilder b, Sex sex)
    {
        var w = P(b, "w_tb_fn");
        var peak = P(b, sex == Sex.Female ? "bmd_peak_female" : "bmd_peak_male");
        var cortical = HasCortical(b);
        var share = cortical ? (1 - w) * R("vb" + Ct) / R("vb_ct0") : 1 - w;
        var bmd = b.Observable("bmd_fn", peak * ((w * R("vb") / R("vb_tb0")) + share), "femoral-neck areal BMD", "g/cm^2");
        b.Observable("t_score_fn", (bmd - P(b, "bmd_ref_mean")) / P(b, "bmd_ref_sd"), "femoral-neck T-score (NHANES III young-women reference)", "1");
        b.Observable("bv_tb", R("vb"), "trabecular bone volume fraction", "%");
        b.Observable("formation", R("k_form") * R(BoneFormationFactor) * R("OBa"), "trabecular bone formation flux (P1NP proxy)", "%/day");
        b.Observable("resorption", R("k_res") * R(BoneResorptionFactor) * R("OCa"), "trabecular bone resorption flux (CTX proxy)", "%/day");
        if (cortical)
        {
            b.Observable("bv_ct", R("vb" + Ct), "cortical bone volume fraction", "%");
            var scale = R("ct_turnover_scale");
            b.Observable("formation_ct", scale * R("k_form") * R(BoneFormationFactor + Ct) * R("OBa" + Ct), "cortical bone formation flux", "%/day");
            b.Observable("resorption_ct", scale * R("k_res") * R(BoneResorptionFactor + Ct) * R("OCa" + Ct), "cortical bone resorption flux", "%/day");
        }

        b.OrderObservables(AgingModel.ObservableOrder.Where(b.IsDeclared));
    }
}
