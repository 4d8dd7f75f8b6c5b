using OsteoOde.Modeling;
using static OsteoOde.Models.PivonkaExtensionPoints;

namespace OsteoOde.Models.Aging;

/// <summary>
/// The opt-in drug modules of the lifetime model (README "Interventions"). Both keep the drug amount in a state that a
/// scenario's exact-time <see cref="Dose"/> fills, so repeated doses compose and the solver lands on every dose time.
/// </summary>
internal static partial class AgingModules
{
    /// <summary>
    /// Denosumab, Martínez-Reina &amp; Pivonka 2019: SC depot <c>A_den</c> (ng, dose 6e7 ng) absorbed first order into the central
    /// concentration <c>C_den</c> (ng/mL) with Michaelis–Menten and linear elimination; the depot state replaces the paper's
    /// closed-form k_a·D·e^(−k_a t) input (the same equation for one dose; a sum of such terms for repeated doses). PD: the sink
    /// χ·K_A,den·C_den (pM) in the RANKL binding denominator of both compartments, so it also binds EV-borne RANKL.
    /// </summary>
    public static void DeclareDenosumab(ModelBuilder b)
    {
        var ka = P(b, "den_ka");
        var bioavailability = P(b, "den_F");
        var weight = P(b, "body_weight");
        var vc = b.Assign("den_Vc", P(b, "den_Vc_kg") * weight, "central volume of distribution of denosumab (per-kg value × body weight)", "mL");
        var vmax = b.Assign("den_Vmax", P(b, "den_Vmax_kg") * weight, "maximal Michaelis–Menten elimination rate of denosumab (per-kg value × body weight)", "ng/day");
        var km = P(b, "den_Km");

        var depot = b.State("A_den", "ng", 0.0, "denosumab amount in the subcutaneous depot (doses are boluses into it)");
        var c = b.State("C_den", "ng/mL", 0.0, "serum denosumab concentration");
        b.AddRate(depot, "absorption", -(ka * depot));
        b.AddRate(c, "absorption", ka * bioavailability * depot / vc);
        b.AddRate(c, "michaelis_menten_elimination", -(vmax / vc * c / (km + c)));
        b.AddRate(c, "linear_elimination", -(P(b, "den_kel") * c));

        var molar = b.Observable("C_den_pM", c / P(b, "den_MW") * Expr.Quantity(1000, "pM/nM"), "serum denosumab concentration in pM (C·1e6/MW)", "pM");
        var sink = b.Observable("den_rankl_sink", P(b, "den_chi") * P(b, "den_KA") * molar,
            "denosumab term χ·K_A,den·C_den in the RANKL binding denominator (both compartments)", "1");
        AddToBlocks(b, RanklBindingExtra, "denosumab", sink);
    }

    /// <summary>
    /// Alendronate (calibrated, README "Interventions"): absorbed drug <c>A_aln</c> (mg; oral doses × bioavailability) is cleared
    /// by the kidney or taken up into bone at a rate proportional to trabecular resorption relative to age 25; bone-bound drug
    /// <c>D_b</c> (mg) is released with a half-life of years and raises osteoclast apoptosis in both compartments by
    /// 1 + E_max·D_b/(D_b + EC50).
    /// </summary>
    public static void DeclareAlendronate(ModelBuilder b)
    {
        var renal = P(b, "aln_k_renal");
        var uptake = P(b, "aln_k_bone");
        var jRes0 = b.IsDeclared("J_res0")
            ? R("J_res0")
            : b.Assign("J_res0", R("k_res") * R("OCa_25"), "trabecular resorption flux at age 25 (normaliser of matrix-EV release)", "%/day");
        var relative = b.Assign("aln_resorption_rel", R("k_res") * R(BoneResorptionFactor) * R("OCa") / jRes0,
            "trabecular resorption relative to age 25 (scales the uptake of alendronate into bone)", "1");

        var absorbed = b.State("A_aln", "mg", 0.0, "absorbed alendronate in plasma and extracellular fluid (doses: oral amount × bioavailability)");
        var bound = b.State("D_b", "mg", 0.0, "alendronate bound to bone mineral");
        b.AddRate(absorbed, "renal_clearance", -(renal * absorbed));
        b.AddRate(absorbed, "bone_uptake", -(uptake * relative * absorbed));
        b.AddRate(bound, "bone_uptake", uptake * relative * absorbed);
        b.AddRate(bound, "release", -(P(b, "aln_k_release") * bound));

        var factor = b.Observable("aln_apoptosis_factor", 1 + (P(b, "aln_emax") * bound / (bound + P(b, "aln_ec50"))),
            "alendronate factor on osteoclast apoptosis, 1 + E_max·D_b/(D_b + EC50)", "1");
        MultiplyIntoBlocks(b, OCaApoptosisFactor, "alendronate", factor);
    }

    /// <summary>
    /// Young-MSC vesicle therapy (README "Interventions", uncalibrated): each injection adds one dose unit to the effect pool
    /// <c>E_y</c>, which decays first order (the deposited cargo, PCNA in Lei 2021, is diluted and degraded over days); while it
    /// lasts it raises the osteogenic supply of uncommitted progenitors in both compartments by 1 + ζ·E_y/(E_y + K) (model-reference
    /// §10.5: restored BMSC proliferation).
    /// </summary>
    public static void DeclareMscVesicles(ModelBuilder b)
    {
        var pool = b.State("E_y", "1", 0.0, "effect pool of injected young-MSC vesicles (dose units; each injection adds 1)");
        b.AddRate(pool, "decay", -(P(b, "msc_ev_k") * pool));
        var factor = b.Observable("msc_ev_factor", 1 + (P(b, "msc_ev_zeta") * pool / (pool + P(b, "msc_ev_K"))),
            "young-MSC vesicle factor on the progenitor supply, 1 + ζ·E_y/(E_y + K)", "1");
        MultiplyIntoBlocks(b, OBuSupplyFactor, "msc_ev", factor);
    }
}
