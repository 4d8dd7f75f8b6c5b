using OsteoOde.Modeling;

namespace OsteoOde.Models.Aging;

/// <summary>One row of the lifetime model's parameter table: the parameter and the module that owns it.</summary>
/// <param name="Spec">Value, unit, description, source, bounds, scale.</param>
/// <param name="Module">Owning module (<c>base</c> for the Scheiner cell block and trabecular bone, <c>readouts</c> for the BMD readout).</param>
public sealed record AgingParameter(ParameterSpec Spec, string Module)
{
    /// <summary>Parameter name.</summary>
    public string Name => Spec.Name;
}

/// <summary>
/// The parameter table of the lifetime model (frozen calibrated defaults). The Scheiner 2013 rows keep the values, units,
/// descriptions and sources of <see cref="Scheiner2013.Parameters"/>; their bounds are the wider lifetime-model ranges of
/// the calibration (two to three decades around the value). Every other row carries its source: a paper, a model-reference
/// section, a derivation, or "calibrated" with the target that fixes it.
/// </summary>
public static class AgingParameters
{
    // Lifetime-model ranges of the Scheiner parameters (lower, upper); scale stays log.
    private static readonly Dictionary<string, (double Lower, double Upper)> BaseBounds = new(StringComparer.Ordinal)
    {
        ["D_OBu"] = (1e-5, 1e-2), ["D_OBp"] = (1e-3, 10), ["A_OBa"] = (1e-3, 10), ["D_OCp"] = (1e-5, 1e-1), ["A_OCa"] = (1e-2, 100),
        ["K_D1_TGFb"] = (1e-6, 1e-1), ["K_D2_TGFb"] = (1e-6, 1e-1), ["K_D3_TGFb"] = (1e-6, 1e-1), ["K_act_PTH"] = (1, 1e4),
        ["K_rep_PTH"] = (1e-3, 1e2), ["beta_PTH"] = (1, 1e4), ["D_PTH"] = (1, 1e3), ["beta_OPG"] = (1e6, 1e10), ["OPG_max"] = (1e6, 1e10),
        ["D_OPG"] = (1e-2, 10), ["R_RANKL"] = (1e4, 1e8), ["beta_RANKL"] = (1, 1e5), ["D_RANKL"] = (1e-1, 1e3), ["K_A1"] = (1e-5, 1e-1),
        ["K_A2"] = (1e-4, 1), ["RANK"] = (1e-1, 1e3), ["K_D_RANKL_RANK"] = (1e-2, 1e3), ["alpha_TGFb"] = (0.1, 10), ["D_TGFb"] = (0.1, 10),
        ["k_form"] = (1, 1e3), ["k_res"] = (1, 1e4),
    };

    /// <summary>Every row in declaration order of the full model (women: both peak BMD rows listed, one is declared per sex).</summary>
    public static IReadOnlyList<AgingParameter> All { get; } = Build();

    /// <summary>The row of a parameter.</summary>
    /// <param name="name">Parameter name.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static AgingParameter Get(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"The lifetime model has no parameter '{name}'.", nameof(name));

    /// <summary>The Scheiner 2013 cell-model rows (canonical order) with the lifetime-model bounds.</summary>
    internal static IReadOnlyList<ParameterSpec> CellRows => [.. All.Take(PivonkaStructure.ParameterNames.Length).Select(p => p.Spec)];

    internal static ParameterSpec Spec(string name) => Get(name).Spec;

    private static AgingParameter[] Build()
    {
        var rows = new List<AgingParameter>();
        foreach (var row in Scheiner2013.Parameters)
        {
            var (lower, upper) = BaseBounds[row.Name];
            rows.Add(new(row with { LowerBound = lower, UpperBound = upper }, "base"));
        }

        void Add(string module, string name, double value, string unit, string description, Citation source, double lower, double upper,
            ParameterScale scale, bool tunable = true) =>
            rows.Add(new(new ParameterSpec(name, value, unit, description, source, lower, upper, tunable, scale), module));

        const ParameterScale Log = ParameterScale.Log;
        const ParameterScale Linear = ParameterScale.Linear;
        var r = AgingSources.Reference;
        var c = AgingSources.Calibrated;

        // Compartments.
        Add("base", "vb_tb0", 20, "%", "trabecular bone volume fraction at age 25 (peak; initial value of vb)",
            r("§7.4", "young trabecular BV/TV 20–25 % [MEMORY]; aging-model notes: about 20 %"), 10, 35, Linear);
        Add("cortical", "vb_ct0", 95, "%", "cortical bone volume fraction at age 25 (porosity 5 %; initial value of vb_ct)",
            r("§2.6/§7.4", "Scheiner 2013 cortical value, vascular porosity 5 %"), 85, 98, Linear);
        Add("cortical", "ct_turnover_scale", 0.39014373716632444, "1",
            "scale of k_form and k_res in the cortical block, so that cortical turnover is 3 %/yr of its volume",
            r("§7.4", "derived: 0.03/yr × 95 % / (0.02 %/day × 365.25 day/yr); adult cortical turnover about 3 %/yr [MEMORY]"), 0.1, 1, Log);

        // Closure (mechanostat on the osteogenic supply).
        Add("closure", "lambda_mech_tb", 0.3095, "1", "mechanostat gain, trabecular: osteogenic supply × [1 + λ((vb0/vb)^m − 1)]",
            c("SWAN deceleration after FMP+2 and women's T-scores at 70/80; cf. Scheiner 2013 slope 1.25"), 0, 0.95, Linear);
        Add("closure", "lambda_mech_ct", 0.2228, "1", "mechanostat gain, cortical (same form as trabecular)",
            c("post-FMP rate and women's T-scores at 70/80"), 0, 0.95, Linear);
        Add("closure", "m_mech", 2, "1", "exponent of the strain-energy stimulus (vb0/vb)^m (apparent strain energy with E ∝ vb²)",
            r("§10.1", "m = 2 for apparent strain-energy density with E_app ∝ vb²"), 1, 4, Linear);

        // Senescence (Karin 2019 saturating removal, human parameters).
        Add("senescence", "eta_sen", 1.35e-3, "1/(day*year)", "increase of senescent-cell production with age", AgingSources.Karin2019, 1e-4, 1e-2, Log);
        Add("senescence", "beta_sen", 0.15, "1/day", "maximal removal rate of senescent cells", AgingSources.Karin2019, 1e-2, 1, Log);
        Add("senescence", "kappa_sen", 0.5, "1", "half-saturation of removal (Karin units)", AgingSources.Karin2019, 0.05, 5, Log);
        Add("senescence", "eps_sen", 0, "1/day",
            "noise amplitude ε of the stochastic SR model (0 = deterministic mean model; used by stochastic cohorts, AgingCohort, not by the deterministic ODE)",
            AgingSources.Karin2019 with { Note = "Karin's human value is 0.142 /day; default 0 for the deterministic mean model" }, 0, 0.5, Linear);
        Add("senescence", "f_sen25", 0.007, "1", "senescent fraction of marrow EV-secreting cells at age 25",
            r("§10.2/§10.8", "f_S,30 0.005–0.03 proposed; 0.007 keeps the marrow EV number within Davis 2017 (≤ +30 % from 30 to 80) with φ = 4; gives f_S(80) = 0.059"),
            0.001, 0.05, Log);

        // Soluble SASP.
        Add("sasp", "sasp_oc_max", 0.3855, "1", "maximal fractional increase of osteoclast formation D_OCp by soluble (non-vesicle) SASP",
            c("men's FN loss 30→75 with the resorptive split prior (EV-RANKL and soluble SASP equal at 70); Farr 2017 qualitative"), 0, 3, Linear);

        // Vesicles.
        Add("vesicles", "K_half", 2, "1", "half-saturation of every cargo and SASP coupling H(x) = (x − 1)/(x + K_half)",
            r("§10.4/§10.8", "Hill K = 2, n = 1, rescaled to a unit maximum; shared by the vesicle, SASP and marrow-fate couplings"), 0.5, 10, Log);
        Add("vesicles", "phi_sen", 4, "1", "small EVs released per senescent cell relative to a non-senescent cell", AgingSources.TerleckiZaniewicz2018, 1, 8, Linear);
        Add("vesicles", "k_ev", 5, "1/day", "marrow EV uptake and clearance rate", r("§10.3/§10.8", "[PROPOSAL] 1–20 /day, unknown; affects transients only"), 0.5, 50, Log);
        Add("vesicles", "w_r", 0.1, "1", "share of marrow EVs released by resorption of matrix (AB-EVs) at age 25",
            r("§10.3", "[PROPOSAL] 0.05–0.5; lowered from 0.2 to keep the marrow EV number within Davis 2017; Wang 2022 qualitative"), 0.02, 0.5, Linear);
        Add("vesicles", "g_rankl_ev", 0.3, "1", "slope of RANKL cargo per cellular EV with the senescent burden s",
            AgingSources.Davis2017 with { Note = "chosen so that cargo loads rise several-fold from 30 to 80 (×3.7); only the product with the coupling gain is identifiable" }, 0, 2, Linear);
        Add("vesicles", "g_mirna_ob", 0.3, "1", "slope of osteo-inhibitory miRNA (miR-183, -34a, -31a) cargo per cellular EV with s",
            AgingSources.Davis2017 with { Note = "chosen equal to g_rankl_ev (no separate data)" }, 0, 2, Linear);
        Add("vesicles", "g_mirna_mat", 0.3, "1", "slope of adipogenic miRNA (miR-483-5p, miR-2861) cargo per matrix EV with s",
            AgingSources.Wang2022 with { Note = "chosen equal to g_rankl_ev (no separate data)" }, 0, 2, Linear);
        Add("vesicles", "P_rankl_ev_max", 113.4, "pM/day", "maximal extra RANKL production carried by RANKL⁺ EVs (saturating in the load)",
            c("men's FN loss 30→75 with the resorptive split prior"), 0, 2000, Linear);
        Add("vesicles", "theta_ob", 0.2047, "1", "maximal fractional inhibition of osteoblast supply D_OBu and differentiation D_OBp by EV miRNAs",
            c("men's FN loss 30→75 with the turnover prior (resorption marker ×1.2 at 75)"), 0, 0.9, Linear);
        Add("vesicles", "ev_plasma0", 1e10, "vesicles/mL", "plasma EV concentration at age 25", AgingSources.Johnsen2019, 1e9, 1e11, Log);
        Add("vesicles", "x_bone_plasma", 0.2, "1", "share of plasma EVs that originate from the bone-marrow pool",
            r("§10.3", "[PROPOSAL], no data; readout only"), 0, 1, Linear);

        // Marrow fate.
        Add("marrow_fate", "theta_ad0", 0.02, "1", "adipogenic share of the committed progenitor flux at age 25",
            r("§10.4", "[PROPOSAL] small baseline share (aging-model notes); sets the bone cost of the fat rise"), 0.005, 0.1, Log);
        Add("marrow_fate", "dtheta_ad_max", 0.04561, "1", "maximal increase of the adipogenic share by aged-matrix EV miRNAs",
            c("women's marrow fat fraction ×2 from 30 to 70"), 0, 0.5, Linear);
        Add("marrow_fate", "k_ad", 0.15 / 365.25, "1/day", "marrow adipocyte turnover (0.15 /yr)",
            r("§10.4", "k_A 0.1–0.2 /yr [MEMORY]"), 5e-5, 5e-3, Log);
        Add("marrow_fate", "fat_frac25", 0.3, "1", "marrow fat fraction at age 25", r("§7.4", "young vertebral MRS fat fraction 30–40 % [MEMORY]"), 0.1, 0.6, Linear);

        // Estrogen (women).
        Add("estrogen", "age_fmp", 51, "year", "age at the final menstrual period", AgingSources.OpenBoneMin with { Note = "ageDONE; SWAN median FMP about 51" }, 45, 56, Linear);
        Add("estrogen", "meno_dur", 1.66, "year", "duration of the menopausal estrogen decline (onset = age_fmp − meno_dur)",
            AgingSources.OpenBoneMin with { Note = "menoDUR" }, 0.5, 4, Linear);
        Add("estrogen", "est_drop", 0.64, "1", "final fractional fall of estrogen (EST → 1 − est_drop)", AgingSources.OpenBoneMin with { Note = "age50" }, 0.3, 0.9, Linear);
        Add("estrogen", "k_est_rankl", 1009, "pM/day", "extra RANKL production per unit estrogen deficit (1 − EST)",
            c("SWAN femoral-neck change −5.8 % from FMP−1 to FMP+2 (Greendale 2012)"), 0, 1e4, Linear);

        // Readouts.
        Add("readouts", "w_tb_fn", 0.3, "1", "trabecular share of femoral-neck BMD",
            r("§10.6", "0.25–0.35 for the femoral neck [MEMORY]; aging-model notes: cortical share 0.7–0.75"), 0.15, 0.5, Linear);
        Add("readouts", "bmd_peak_female", 0.858, "g/cm^2", "femoral-neck BMD at age 25, women (= the NHANES III young-women mean)", AgingSources.Looker1998, 0.6, 1.2, Linear);
        Add("readouts", "bmd_peak_male", 0.9428280123583933, "g/cm^2", "femoral-neck BMD at age 25, men",
            AgingSources.Nhanes2026 with { Note = "derived: 0.858 × (hip men 1.067 / hip women 0.971, NHANES age 21–30)" }, 0.6, 1.3, Linear);
        Add("readouts", "bmd_ref_mean", 0.858, "g/cm^2",
            "T-score reference mean: NHANES III white women 20–29, femoral neck (used for both sexes, WHO/ISCD convention)", AgingSources.Looker1998, 0.6, 1.2, Linear);
        Add("readouts", "bmd_ref_sd", 0.12, "g/cm^2", "T-score reference SD (NHANES III white women 20–29, femoral neck)", AgingSources.Looker1998, 0.05, 0.3, Linear);
        // Denosumab (Martínez-Reina & Pivonka 2019, per-kg values × the 60-kg reference weight of their code).
        var mr = AgingSources.MartinezReina2019;
        Add("denosumab", "body_weight", 60, "kg", "body weight multiplying the per-kg PK volumes and rates", mr with { Note = "60-kg reference weight of the public code" }, 40, 120, Linear);
        Add("denosumab", "den_ka", 0.17, "1/day", "first-order absorption rate of denosumab from the subcutaneous depot", mr, 0.05, 0.5, Log);
        Add("denosumab", "den_F", 1, "1", "bioavailability of subcutaneous denosumab (F in V_c/F)", mr with { Note = "F = 1 (V_c is the apparent V_c/F)" }, 0.5, 1, Linear);
        Add("denosumab", "den_Vc_kg", 77.9, "mL/kg", "central volume of distribution per kg body weight", mr, 20, 200, Log);
        Add("denosumab", "den_Vmax_kg", 2672, "ng/(kg*day)", "maximal Michaelis–Menten elimination rate per kg body weight", mr, 500, 15000, Log);
        Add("denosumab", "den_Km", 411, "ng/mL", "Michaelis–Menten constant of denosumab elimination", mr, 50, 3000, Log);
        Add("denosumab", "den_kel", 1.15e-2, "1/day", "linear elimination rate of denosumab", mr, 2e-3, 5e-2, Log);
        Add("denosumab", "den_MW", 149, "kDa", "molecular weight of denosumab (C in pM = C[ng/mL]·1e6/MW[Da])", mr, 140, 160, Linear);
        Add("denosumab", "den_chi", 0.012, "1", "accessibility of RANKL to denosumab in bone", mr, 1e-3, 0.1, Log);
        Add("denosumab", "den_KA", 0.333, "1/pM", "association constant of denosumab to RANKL", mr, 0.03, 3, Log);

        // Alendronate (two PK values from memory of the label, release and effect: stated assumption and calibration).
        var aln = AgingSources.AlendronatePk;
        Add("alendronate", "aln_k_renal", 5.5, "1/day", "renal clearance rate of absorbed alendronate from plasma and extracellular fluid",
            aln with { Note = "about half of an absorbed dose is excreted in urine, half retained in bone; plasma half-life of hours: k_renal = k_bone = 5.5/day gives t½ 1.5 h and 50 % bone retention at age-25 resorption [MEMORY]" },
            1, 30, Log);
        Add("alendronate", "aln_k_bone", 5.5, "1/day", "uptake rate of absorbed alendronate into bone at age-25 resorption (scaled by resorption relative to age 25)",
            aln with { Note = "equal to aln_k_renal: about 50 % of an absorbed dose retained in bone [MEMORY]" }, 1, 30, Log);
        Add("alendronate", "aln_k_release", Math.Log(2) / (10 * Karin.DaysPerYear), "1/day", "release rate of bone-bound alendronate (terminal half-life 10 years)",
            aln with { Note = "terminal half-life in bone more than 10 years [MEMORY]; assumption: 10 years" }, 5e-5, 2e-3, Log);
        Add("alendronate", "aln_emax", AlendronateEmax, "1", "maximal fractional increase of osteoclast apoptosis A_OCa by bone-bound alendronate",
            c("weighted least squares on FIT-type targets, women treated from 65 with 70 mg weekly: femoral-neck BMD +4 % ± 0.5 vs baseline at 3 years and CTX proxy −60 % ± 10 vs control at 12 months [MEMORY targets]; achieved +4.20 % and −53.5 %"), 0, 20, Linear);
        Add("alendronate", "aln_ec50", AlendronateEc50, "mg", "bone-bound alendronate at half-maximal effect on osteoclast apoptosis",
            c("not fitted: assumption that half the maximal effect is reached after about 3 weekly doses (CTX nadir within 1–3 months [MEMORY]); "
                + "weakly identified by the FIT-type targets (EC50 0.05 → 10 mg moves the 3-year FN gain by 0.65 points at E_max 5.5)"), 1e-3, 10, Log);

        // Young-MSC vesicle therapy: no human or quantitative animal data encoded; every value is a stated assumption.
        var lei = AgingSources.Lei2021;
        Add("msc_ev", "msc_ev_k", Math.Log(2) / 7, "1/day", "decay rate of the effect of injected young-MSC vesicles (half-life 7 days)",
            lei with { Note = "assumption, not fitted: the deposited cargo acts for days to weeks; Lei 2021 gave repeated injections" }, 0.01, 5, Log);
        Add("msc_ev", "msc_ev_K", 1, "1", "effect pool at half-maximal effect (dose units)",
            lei with { Note = "assumption, not fitted: one injection gives half the maximal effect" }, 0.01, 100, Log);
        Add("msc_ev", "msc_ev_zeta", 0.25, "1", "maximal fractional increase of the progenitor supply D_OBu by young-MSC vesicles",
            lei with { Note = "assumption, not fitted: restored proliferation of aged BMSCs (PCNA) in Lei 2021, magnitude not encoded" }, 0, 5, Linear);
        return [.. rows];
    }

    // Frozen calibrated values of the alendronate effect (seeds/aging-calibration.md, "Interventions").
    private const double AlendronateEmax = 5.4;
    private const double AlendronateEc50 = 1;
}
