namespace OsteoOde.Models;

/// <summary>
/// Names of the extension points of the Pivonka-structure models (<c>pivonka2008</c>, <c>scheiner2013</c>). Modules (senescence,
/// vesicles, drugs, mechanics) add terms to the open sums with <c>ModelBuilder.AddToSum</c> and factors to the open products
/// with <c>ModelBuilder.MultiplyInto</c>; with nothing contributed a sum is 0, a product 1, and both vanish from the compiled
/// equations, which are then exactly the published ones. Extra state-rate terms (for example an OBp proliferation term) are
/// added to the states directly with <c>ModelBuilder.AddRate</c>.
/// </summary>
public static class PivonkaExtensionPoints
{
    /// <summary>Open sum (pM/day) added to β_RANKL + P_RANKL in the RANKL numerator: EV-borne RANKL, postmenopausal RANKL, mechanical disuse.</summary>
    public const string RanklProductionExtra = "RANKL_production_extra";

    /// <summary>Open sum (dimensionless) added to the binding denominator 1 + K_A1·OPG + K_A2·RANK: extra RANKL sinks such as denosumab (χ·K_A,den·C_den).</summary>
    public const string RanklBindingExtra = "RANKL_binding_extra";

    /// <summary>Open product multiplying R_RANKL, the RANKL carrying capacity per precursor osteoblast.</summary>
    public const string RanklCapacityFactor = "RANKL_capacity_factor";

    /// <summary>Open sum (pM/day) added to P_OPG: OPG production not tied to active osteoblasts (for example recombinant OPG PK).</summary>
    public const string OpgProductionExtra = "OPG_production_extra";

    /// <summary>Open product multiplying β_OPG, OPG production per active osteoblast (estrogen, cargo effects).</summary>
    public const string OpgProductionFactor = "OPG_production_factor";

    /// <summary>Open sum (pM/day) added to P_PTH (teriparatide or hyperparathyroidism).</summary>
    public const string PthProductionExtra = "PTH_production_extra";

    /// <summary>Open sum (pM/day) added to P_TGFb (TGF-β not released by resorption).</summary>
    public const string TgfbProductionExtra = "TGFb_production_extra";

    /// <summary>Open product multiplying D_OBu, the supply of precursor osteoblasts from uncommitted progenitors (miRNA cargo, adipogenic fate split).</summary>
    public const string OBuSupplyFactor = "OBu_supply_factor";

    /// <summary>Open product multiplying D_OBp, the precursor → active osteoblast differentiation rate.</summary>
    public const string OBpDifferentiationFactor = "OBp_differentiation_factor";

    /// <summary>Open product multiplying A_OBa, active osteoblast apoptosis.</summary>
    public const string OBaApoptosisFactor = "OBa_apoptosis_factor";

    /// <summary>Open product multiplying D_OCp, osteoclast formation (SASP, miR-31a).</summary>
    public const string OCFormationFactor = "OC_formation_factor";

    /// <summary>Open product multiplying A_OCa, active osteoclast apoptosis (antiresorptives).</summary>
    public const string OCaApoptosisFactor = "OCa_apoptosis_factor";

    /// <summary>Open product multiplying k_form (scheiner2013 only): surface availability, mineralisation or drug effects on formation.</summary>
    public const string BoneFormationFactor = "bone_formation_factor";

    /// <summary>Open product multiplying k_res (scheiner2013 only): surface availability or bisphosphonate effects on resorption.</summary>
    public const string BoneResorptionFactor = "bone_resorption_factor";

    /// <summary>Every extension point of <c>pivonka2008</c>.</summary>
    public static IReadOnlyList<string> CellModel { get; } =
    [
        RanklProductionExtra, RanklBindingExtra, RanklCapacityFactor, OpgProductionExtra, OpgProductionFactor, PthProductionExtra,
        TgfbProductionExtra, OBuSupplyFactor, OBpDifferentiationFactor, OBaApoptosisFactor, OCFormationFactor, OCaApoptosisFactor,
    ];

    /// <summary>Every extension point of <c>scheiner2013</c> (the cell model's plus the bone-volume ones).</summary>
    public static IReadOnlyList<string> BoneVolumeModel { get; } = [.. CellModel, BoneFormationFactor, BoneResorptionFactor];
}
