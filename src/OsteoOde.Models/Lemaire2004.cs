using OsteoOde.Modeling;

namespace OsteoOde.Models;

/// <summary>
/// Lemaire et al. 2004 (J Theor Biol 229:293–309): responding osteoblasts R, active osteoblasts B and active osteoclasts C
/// (pM) with quasi-steady PTH-receptor and RANK/RANKL/OPG binding and TGF-β taken proportional to C (model-reference §1):
/// <code>
/// dR/dt = D_R·π_C − (D_B/π_C)·R + I_R          D_B = f0·d_B
/// dB/dt = (D_B/π_C)·R − k_B·B + I_B            π_C = (C + f0·C_s)/(C + C_s)
/// dC/dt = D_C·π_L − D_A·π_C·C + I_C            π_P = (I_P/k_P + S_P/k_P)/(I_P/k_P + k6/k5)
/// π_L = (k3/k4)·K_LP·π_P·B / [1 + k3·K/k4 + k1/(k2·k_O)·(K_OP·R/π_P + I_O)] · (1 + I_L/r_L)
/// </code>
/// Equations and values as curated in BioModels BIOMD0000000278 (identical in cmodiz/Bone-Models <c>lemaire_model.py</c>).
/// The default initial state is the steady state of these equations.
/// </summary>
public static class Lemaire2004
{
    /// <summary>Canonical model id.</summary>
    public const string Id = "lemaire2004";

    /// <summary>
    /// Steady state (R, B, C in pM) of the published parameter set with all inputs 0: the root of the equations, computed
    /// independently (Newton, double precision). BioModels lists the rounded values 7.734e-4, 7.282e-4, 9.127e-4.
    /// </summary>
    public static IReadOnlyList<double> SteadyState { get; } = [7.734377443555468e-4, 7.283395929496935e-4, 9.127528388901342e-4];

    private static readonly Citation Table = new(
        "Lemaire et al. 2004, J Theor Biol 229:293–309, parameter table; value as curated in BioModels BIOMD0000000278",
        Doi: "10.1016/j.jtbi.2004.03.023", Url: "https://www.ebi.ac.uk/biomodels/BIOMD0000000278",
        CodePath: Sources.BoneModels("models/lemaire_model.py", Sources.BoneModelsModelCommit));

    private static Citation Noted(string note) => Table with { Note = note };

    /// <summary>The published parameter table (model-reference §1.3), in declaration order.</summary>
    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.Decade("D_R", 7.0e-4, "pM/day", "production of responding osteoblasts R from uncommitted progenitors", Table),
        ParameterSpec.Decade("d_B", 0.7, "1/day", "R→B differentiation rate constant before the f0 scaling",
            Noted("pitfall: the rate used in the equations is D_B = f0·d_B = 0.035 /day; using d_B directly moves the steady state about 20-fold")),
        new("f0", 0.05, "1", "fixed fraction of the TGF-β effect present without osteoclasts",
            Noted("enters twice: π_C = (C + f0·C_s)/(C + C_s) and D_B = f0·d_B"), 0.005, 0.5),
        ParameterSpec.Decade("C_s", 5.0e-3, "pM", "osteoclast level giving the half-maximal TGF-β effect", Table),
        ParameterSpec.Decade("k_B", 0.189, "1/day", "elimination rate of active osteoblasts", Table),
        ParameterSpec.Decade("D_C", 2.1e-3, "pM/day", "osteoclast formation rate (scaled by π_L)", Table),
        ParameterSpec.Decade("D_A", 0.7, "1/day", "osteoclast apoptosis rate (scaled by π_C)", Table),
        ParameterSpec.Decade("K", 10, "pM", "fixed RANK concentration", Table),
        ParameterSpec.Decade("k1", 1.0e-2, "1/(pM*day)", "RANKL–OPG association rate", Table),
        ParameterSpec.Decade("k2", 10, "1/day", "RANKL–OPG dissociation rate", Table),
        ParameterSpec.Decade("k3", 5.8e-4, "1/(pM*day)", "RANKL–RANK association rate", Table),
        ParameterSpec.Decade("k4", 1.7e-2, "1/day", "RANKL–RANK dissociation rate", Table),
        ParameterSpec.Decade("k5", 0.02, "1/(pM*day)", "PTH–receptor association rate",
            Noted("P_s = k6/k5 = 150 pM is the PTH level of half receptor occupancy")),
        ParameterSpec.Decade("k6", 3, "1/day", "PTH–receptor dissociation rate", Table),
        ParameterSpec.Decade("K_LP", 3.0e6, "1", "maximal RANKL per active osteoblast (pM RANKL per pM B)",
            Noted("pitfall: RANKL is carried by active osteoblasts B and activated by PTH: K_LP·π_P·B")),
        ParameterSpec.Decade("r_L", 1.0e3, "pM/day", "intrinsic RANKL production scaling the external RANKL input",
            Noted("pitfall: I_L enters multiplicatively as (1 + I_L/r_L), not as an additive RANKL pool")),
        ParameterSpec.Decade("K_OP", 2.0e5, "1/day", "OPG production per responding osteoblast ((pM/day) per pM R)",
            Noted("pitfall: OPG is produced by responding osteoblasts R and repressed by PTH: K_OP·R/π_P")),
        ParameterSpec.Decade("k_O", 0.35, "1/day", "OPG degradation rate", Table),
        ParameterSpec.Decade("S_P", 250, "pM/day", "endogenous PTH production", Table),
        ParameterSpec.Decade("k_P", 86, "1/day", "PTH elimination rate",
            Noted("pitfall: external PTH I_P enters numerator and denominator of π_P through P̄ = I_P/k_P, so π_P → 1 as I_P → ∞")),
    ];

    /// <summary>The base module (all declarations of the published model).</summary>
    public static ModelModule Base { get; } = new(Id, "Lemaire 2004 RANK/RANKL/OPG bone-cell model", Declare);

    private static readonly Lazy<Model> Built = new(() => new ModelComposition(Base).Build());

    /// <summary>The published model (built once; immutable).</summary>
    public static Model Model => Built.Value;

    /// <summary>A composition with the published model as base, for adding modules.</summary>
    /// <returns>The composition.</returns>
    public static ModelComposition Composition() => new(Base);

    private static void Declare(ModelBuilder b)
    {
        b.Title = "Lemaire et al. 2004 bone remodelling (R, B, C)";
        b.Description = "Responding and active osteoblasts and active osteoclasts coupled through TGF-β (∝ C), PTH and quasi-steady RANK/RANKL/OPG binding.";
        b.AddSource(Sources.Lemaire2004).AddSource(Sources.Lemaire2004BioModels);

        var r = b.State("R", "pM", SteadyState[0], "responding (precursor) osteoblasts");
        var bb = b.State("B", "pM", SteadyState[1], "active osteoblasts");
        var c = b.State("C", "pM", SteadyState[2], "active osteoclasts");

        var p = Parameters.ToDictionary(s => s.Name, s => s.DeclareOn(b), StringComparer.Ordinal);

        // Bounds: productions are non-negative, up to about two decades above the largest figure-experiment value; the cell
        // inputs may be negative (the curated removeR/removeB/removeC protocols subtract cells), ±0.1 pM/day (~140·D_R).
        var iP = b.Input("I_P", "pM/day", 0, "external PTH production (figure experiments)", 0, 1e5);
        var iO = b.Input("I_O", "pM/day", 0, "external OPG production (figure experiments)", 0, 2e7);
        var iL = b.Input("I_L", "pM/day", 0, "external RANKL production, entering as (1 + I_L/r_L) (figure experiments)", 0, 1e6);
        var iR = b.Input("I_R", "pM/day", 0, "responding osteoblasts added to (or, negative, removed from) dR/dt", -0.1, 0.1);
        var iB = b.Input("I_B", "pM/day", 0, "active osteoblasts added to (or removed from) dB/dt", -0.1, 0.1);
        var iC = b.Input("I_C", "pM/day", 0, "active osteoclasts added to (or removed from) dC/dt", -0.1, 0.1);

        var dB = b.Assign("D_B", p["f0"] * p["d_B"], "effective R→B differentiation rate f0·d_B", "1/day");
        var piC = b.Observable("pi_C", (c + p["f0"] * p["C_s"]) / (c + p["C_s"]), "TGF-β function π_C (activates R production and OC apoptosis, represses R→B)", "1");
        var pBar = b.Assign("P_bar", iP / p["k_P"], "PTH from the external input", "pM");
        var p0 = b.Assign("P_0", p["S_P"] / p["k_P"], "endogenous PTH", "pM");
        var pS = b.Assign("P_s", p["k6"] / p["k5"], "PTH level of half receptor occupancy", "pM");
        var piP = b.Observable("pi_P", (pBar + p0) / (pBar + pS), "PTH receptor occupancy π_P", "1");
        var binding = 1 + p["k3"] * p["K"] / p["k4"] + p["k1"] / (p["k2"] * p["k_O"]) * (p["K_OP"] * r / piP + iO);
        var piL = b.Observable("pi_L", p["k3"] / p["k4"] * p["K_LP"] * piP * bb / binding * (1 + iL / p["r_L"]),
            "RANKL–RANK occupancy π_L driving osteoclast formation", "1");

        b.AddRate(r, "production", p["D_R"] * piC);
        b.AddRate(r, "differentiation", -(dB / piC * r));
        b.AddRate(r, "input", iR);
        b.AddRate(bb, "differentiation", dB / piC * r);
        b.AddRate(bb, "elimination", -(p["k_B"] * bb));
        b.AddRate(bb, "input", iB);
        b.AddRate(c, "formation", p["D_C"] * piL);
        b.AddRate(c, "apoptosis", -(p["D_A"] * piC * c));
        b.AddRate(c, "input", iC);
    }
}
