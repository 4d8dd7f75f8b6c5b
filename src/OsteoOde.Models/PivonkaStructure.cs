using System.Globalization;
using OsteoOde.Modeling;
using static OsteoOde.Models.PivonkaExtensionPoints;

namespace OsteoOde.Models;

/// <summary>
/// The Pivonka et al. 2008 model structure shared by <c>pivonka2008</c>, <c>scheiner2013</c> and the lifetime model
/// (model-reference §2.2): RANKL expressed on precursor osteoblasts, OPG on active osteoblasts, TGF-β released by resorbing
/// osteoclasts, all ligand levels quasi-steady. Declared with canonical names and the extension points of
/// <see cref="PivonkaExtensionPoints"/>:
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
/// A model may hold several copies of the block (the lifetime model's trabecular and cortical compartments): a copy with a name
/// suffix has its own states, ligand layer and extension points (every name with the suffix) and shares the parameters and
/// inputs of the first block.
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

    /// <summary>The inputs of the cell model, in declaration order.</summary>
    public static readonly string[] InputNames = ["P_PTH", "P_OPG", "P_RANKL", "P_TGFb"];

    /// <summary>The ligand-layer quantities the published models report as observables, in declaration order.</summary>
    public static readonly string[] LigandObservables = ["TGFb", "PTH", "OPG", "RANKL", "RANKL_RANK", "pi_act_OCp"];

    /// <summary>Declares states OBp, OBa, OCa, the cell-model parameters, the inputs, the algebraic ligand layer, observables and rates.</summary>
    /// <param name="b">Builder.</param>
    /// <param name="parameters">The parameter set (every name of <see cref="ParameterNames"/>, in that order).</param>
    /// <param name="initial">Initial OBp, OBa, OCa (pM).</param>
    public static void DeclareCells(ModelBuilder b, IReadOnlyList<ParameterSpec> parameters, IReadOnlyList<double> initial) =>
        DeclareCellBlock(b, new CellBlock("", "", parameters, [initial[0], initial[1], initial[2]], null, LigandObservables));

    /// <summary>Declares one copy of the cell block (see <see cref="CellBlock"/>).</summary>
    /// <param name="b">Builder.</param>
    /// <param name="block">What to declare.</param>
    public static void DeclareCellBlock(ModelBuilder b, CellBlock block)
    {
        string N(string name) => name + block.Suffix;
        var where = block.Label.Length == 0 ? "" : $" ({block.Label})";

        Expr State(int i, string name, string description) =>
            block.InitialValues is { } v ? b.State(N(name), "pM", v[i], description + where)
            : b.State(N(name), "pM", block.InitialExpressions![i], description + where);

        var obp = State(0, "OBp", "precursor osteoblasts");
        var oba = State(1, "OBa", "active osteoblasts");
        var oca = State(2, "OCa", "active osteoclasts");

        var p = new Dictionary<string, Expr>(StringComparer.Ordinal);
        if (block.Parameters is { } parameters)
        {
            for (var i = 0; i < ParameterNames.Length; i++)
            {
                if (parameters[i].Name != ParameterNames[i])
                {
                    throw new ArgumentException($"Parameter set entry {i} is '{parameters[i].Name}' but the Pivonka structure expects '{ParameterNames[i]}'.", nameof(block));
                }

                p[ParameterNames[i]] = parameters[i].DeclareOn(b);
            }
        }
        else
        {
            foreach (var name in ParameterNames)
            {
                p[name] = ModelBuilder.Ref(name);
            }
        }

        Expr pPth, pOpg, pRankl, pTgfb;
        if (block.Parameters is not null)
        {
            // Productions are non-negative, up to about two decades above the largest protocol value (model-reference §2.5).
            pPth = b.Input("P_PTH", "pM/day", 0, "external PTH production", 0, 1e5);
            pOpg = b.Input("P_OPG", "pM/day", 0, "external OPG production", 0, 2e7);
            pRankl = b.Input("P_RANKL", "pM/day", 0, "external RANKL production", 0, 1e6);
            pTgfb = b.Input("P_TGFb", "pM/day", 0, "external TGF-β production", 0, 0.1);
        }
        else
        {
            (pPth, pOpg, pRankl, pTgfb) = (ModelBuilder.Ref("P_PTH"), ModelBuilder.Ref("P_OPG"), ModelBuilder.Ref("P_RANKL"), ModelBuilder.Ref("P_TGFb"));
        }

        var ranklExtra = b.OpenSum(N(RanklProductionExtra), "pM/day", "RANKL production added by modules to β_RANKL + P_RANKL" + where);
        var bindingExtra = b.OpenSum(N(RanklBindingExtra), "1", "extra RANKL sinks added by modules to the binding denominator" + where);
        var capacity = b.OpenProduct(N(RanklCapacityFactor), "module factors on R_RANKL (RANKL per precursor osteoblast)" + where);
        var opgExtra = b.OpenSum(N(OpgProductionExtra), "pM/day", "OPG production added by modules to P_OPG" + where);
        var opgFactor = b.OpenProduct(N(OpgProductionFactor), "module factors on β_OPG (OPG production per active osteoblast)" + where);
        var pthExtra = b.OpenSum(N(PthProductionExtra), "pM/day", "PTH production added by modules to P_PTH" + where);
        var tgfbExtra = b.OpenSum(N(TgfbProductionExtra), "pM/day", "TGF-β production added by modules to P_TGFb" + where);
        var supply = b.OpenProduct(N(OBuSupplyFactor), "module factors on D_OBu (supply of precursor osteoblasts)" + where);
        var obpDiff = b.OpenProduct(N(OBpDifferentiationFactor), "module factors on D_OBp (precursor → active osteoblasts)" + where);
        var obaApoptosis = b.OpenProduct(N(OBaApoptosisFactor), "module factors on A_OBa (active osteoblast apoptosis)" + where);
        var ocFormation = b.OpenProduct(N(OCFormationFactor), "module factors on D_OCp (osteoclast formation)" + where);
        var ocaApoptosis = b.OpenProduct(N(OCaApoptosisFactor), "module factors on A_OCa (active osteoclast apoptosis)" + where);

        Expr Ligand(string name, Expr definition, string description, string unit) =>
            block.Observables.Contains(name) ? b.Observable(N(name), definition, description + where, unit)
            : b.Assign(N(name), definition, description + where, unit);

        var tgfb = Ligand("TGFb", p["alpha_TGFb"] * oca + (pTgfb + tgfbExtra) / p["D_TGFb"], "TGF-β released by resorption plus external TGF-β", "pM");
        var piActObu = b.Assign(N("pi_act_OBu"), Expr.Act(tgfb, p["K_D1_TGFb"]), "TGF-β activation of uncommitted osteoblast differentiation" + where, "1");
        var piRepObp = b.Assign(N("pi_rep_OBp"), Expr.Rep(tgfb, p["K_D2_TGFb"]), "TGF-β repression of precursor osteoblast differentiation" + where, "1");
        var piActOca = b.Assign(N("pi_act_OCa"), Expr.Act(tgfb, p["K_D3_TGFb"]), "TGF-β activation of osteoclast apoptosis" + where, "1");
        var pth = Ligand("PTH", (p["beta_PTH"] + pPth + pthExtra) / p["D_PTH"], "PTH concentration", "pM");
        var piActPth = b.Assign(N("pi_act_PTH"), Expr.Act(pth, p["K_act_PTH"]), "PTH activation of RANKL expression" + where, "1");
        var piRepPth = b.Assign(N("pi_rep_PTH"), Expr.Rep(pth, p["K_rep_PTH"]), "PTH repression of OPG expression" + where, "1");
        var pOpgCells = b.Assign(N("p_OPG"), p["beta_OPG"] * opgFactor * oba * piRepPth, "OPG production by active osteoblasts" + where, "pM/day");
        var opg = Ligand("OPG", (pOpgCells + pOpg + opgExtra) * p["OPG_max"] / (pOpgCells + p["D_OPG"] * p["OPG_max"]),
            "OPG concentration (saturating at OPG_max)", "pM");
        var ranklEff = b.Assign(N("RANKL_eff"), p["R_RANKL"] * capacity * obp * piActPth, "RANKL carrying capacity of precursor osteoblasts" + where, "pM");
        var rankl = Ligand("RANKL",
            ranklEff / (1 + p["K_A1"] * opg + p["K_A2"] * p["RANK"] + bindingExtra)
                * (p["beta_RANKL"] + pRankl + ranklExtra) / (p["beta_RANKL"] + p["D_RANKL"] * ranklEff),
            "free RANKL", "pM");
        var ranklRank = Ligand("RANKL_RANK", p["K_A2"] * rankl * p["RANK"], "RANKL–RANK complex", "pM");
        var piActOcp = Ligand("pi_act_OCp", ranklRank / (ranklRank + p["K_D_RANKL_RANK"]), "RANKL–RANK activation of osteoclast formation", "1");

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
        DeclareBoneVolumeRates(b, vb, "", kForm.DeclareOn(b), kRes.DeclareOn(b), "");
    }

    /// <summary>
    /// Declares the rates of a bone volume state of a block: dv/dt = kForm·f_form·OBa − kRes·f_res·OCa with the block's own
    /// formation and resorption extension points.
    /// </summary>
    /// <param name="b">Builder.</param>
    /// <param name="volume">The bone volume state (declared by the caller).</param>
    /// <param name="suffix">Name suffix of the block ("" for the first).</param>
    /// <param name="kForm">Formation per active osteoblast (%/(pM·day)).</param>
    /// <param name="kRes">Resorption per active osteoclast (%/(pM·day)).</param>
    /// <param name="label">Block label for descriptions ("" for the first).</param>
    public static void DeclareBoneVolumeRates(ModelBuilder b, Expr volume, string suffix, Expr kForm, Expr kRes, string label)
    {
        var where = label.Length == 0 ? "" : $" ({label})";
        var formFactor = b.OpenProduct(BoneFormationFactor + suffix, "module factors on k_form (bone formation per active osteoblast)" + where);
        var resFactor = b.OpenProduct(BoneResorptionFactor + suffix, "module factors on k_res (bone resorption per active osteoclast)" + where);
        b.AddRate(volume, "formation", kForm * formFactor * ModelBuilder.Ref("OBa" + suffix));
        b.AddRate(volume, "resorption", -(kRes * resFactor * ModelBuilder.Ref("OCa" + suffix)));
    }

    /// <summary>
    /// Declares the steady state of the cell block with every extension point neutral (inputs at their values) as assignments
    /// of the parameters and inputs only, so that initial states and normalisers built on it are recomputed for every parameter
    /// vector. At a steady state TGF-β fixes OBp = D_OBu·π_act,OBu/(D_OBp·π_rep,OBp) and OBa = D_OBu·π_act,OBu/A_OBa, which
    /// reduces the three cell equations to one equation in OCa,
    /// <c>G(x) = ln[D_OCp·π_act,OCp / (A_OCa·OCa·π_act,OCa)] = 0</c> with <c>OCa = 1e-4 pM · e^x</c>; G falls from +∞ (OCa → 0)
    /// to −∞ (OCa → ∞). It is solved by <paramref name="iterations"/> steps of Newton's method safeguarded by bisection on
    /// the bracket x ∈ [−30, 20] (OCa from 9e-18 to 49 pM), unrolled into named assignments <c>{prefix}_x{k}</c>,
    /// <c>{prefix}_lo{k}</c>, <c>{prefix}_hi{k}</c>, <c>{prefix}_g{k}</c>, <c>{prefix}_dg{k}</c>. The result is NaN unless
    /// |G| ≤ 1e-10 at the last iterate, so a parameter set without a root in the bracket fails loudly instead of starting off
    /// its steady state (|G| ≤ 1e-10 means OCa is within about 1e-10 relative of the root). Safeguarded Newton converged in at most 8
    /// steps on 3000 random parameter sets within a decade of the Scheiner values and at every corner of the lifetime model's bounds
    /// of D_OCp, A_OCa, K_D3_TGFb, D_OBu and R_RANKL; 12 steps are unrolled. The helpers form one internal assignment group
    /// named <paramref name="prefix"/> (rendered as one line); the three results are ordinary assignments. Compiled solver
    /// delegates evaluate the whole solve once per parameter vector (it depends on parameters and inputs only).
    /// </summary>
    /// <param name="b">Builder (the cell parameters and inputs must be declared, possibly later, under their canonical names).</param>
    /// <param name="prefix">Prefix of the helper assignments.</param>
    /// <param name="names">Names of the three results (OBp, OBa, OCa steady state, pM).</param>
    /// <param name="what">Description text of the results ("age-25 steady state" …).</param>
    /// <param name="iterations">Number of safeguarded Newton steps.</param>
    /// <returns>Symbols of the three results.</returns>
    public static (Expr OBp, Expr OBa, Expr OCa) DeclareSteadyState(ModelBuilder b, string prefix, (string OBp, string OBa, string OCa) names,
        string what, int iterations = 12)
    {
        static Expr R(string n) => ModelBuilder.Ref(n);
        var reference = Expr.Quantity(1e-4, "pM");
        var x = Expr.Symbol(prefix + "_var");

        // Residual and its derivative as functions of the placeholder x (substituted per iterate).
        (Expr Obp, Expr Oba, Expr Residual) Block(Expr logOca)
        {
            var oca = reference * Expr.Exp(logOca);
            var tgfb = R("alpha_TGFb") * oca + R("P_TGFb") / R("D_TGFb");
            var piU = Expr.Act(tgfb, R("K_D1_TGFb"));
            var piP = Expr.Rep(tgfb, R("K_D2_TGFb"));
            var piC = Expr.Act(tgfb, R("K_D3_TGFb"));
            var obp = R("D_OBu") * piU / (R("D_OBp") * piP);
            var oba = R("D_OBu") * piU / R("A_OBa");
            var pth = (R("beta_PTH") + R("P_PTH")) / R("D_PTH");
            var pOpg = R("beta_OPG") * oba * Expr.Rep(pth, R("K_rep_PTH"));
            var opg = (pOpg + R("P_OPG")) * R("OPG_max") / (pOpg + R("D_OPG") * R("OPG_max"));
            var ranklEff = R("R_RANKL") * obp * Expr.Act(pth, R("K_act_PTH"));
            var rankl = ranklEff / (1 + R("K_A1") * opg + R("K_A2") * R("RANK"))
                * (R("beta_RANKL") + R("P_RANKL")) / (R("beta_RANKL") + R("D_RANKL") * ranklEff);
            var complex = R("K_A2") * rankl * R("RANK");
            var piL = complex / (complex + R("K_D_RANKL_RANK"));
            return (obp, oba, Expr.Log(R("D_OCp") * piL / (R("A_OCa") * oca * piC)));
        }

        var residual = Block(x).Residual;
        var slope = residual.Differentiate(x);
        Expr At(Expr e, Expr value) => e.Substitute(n => ReferenceEquals(n, x) ? value : null);

        Expr xk;
        using (b.InternalAssignments(prefix, string.Create(CultureInfo.InvariantCulture,
            $"{what}: safeguarded Newton solve, {iterations} iterations, see PivonkaStructure.DeclareSteadyState")))
        {
            xk = b.Assign($"{prefix}_x0", 0.0, $"{what}: start of the safeguarded Newton solve (ln of OCa/1e-4 pM)", "1");
            var lo = (Expr)(-30.0);
            var hi = (Expr)20.0;
            for (var k = 0; k < iterations; k++)
            {
                var g = b.Assign($"{prefix}_g{k}", At(residual, xk), $"{what}: residual G at iterate {k}", "1");
                var dg = b.Assign($"{prefix}_dg{k}", At(slope, xk), $"{what}: dG/dx at iterate {k}", "1");
                lo = b.Assign($"{prefix}_lo{k + 1}", Expr.If(g > 0, xk, lo), $"{what}: lower end of the bracket after iterate {k}", "1");
                hi = b.Assign($"{prefix}_hi{k + 1}", Expr.If(g > 0, hi, xk), $"{what}: upper end of the bracket after iterate {k}", "1");
                var newton = xk - (g / dg);
                xk = b.Assign($"{prefix}_x{k + 1}", Expr.If((dg < 0) & (newton >= lo) & (newton <= hi), newton, 0.5 * (lo + hi)),
                    $"{what}: Newton step, or bisection when it leaves the bracket (iterate {k + 1})", "1");
            }
        }

        var final = Block(xk);
        var converged = Expr.Abs(final.Residual) <= 1e-10;
        var oca = b.Assign(names.OCa, Expr.If(converged, reference * Expr.Exp(xk), Expr.Quantity(double.NaN, "pM")),
            $"{what}: active osteoclasts (NaN when the solve did not converge)", "pM");
        var obpValue = b.Assign(names.OBp, final.Obp, $"{what}: precursor osteoblasts", "pM");
        var obaValue = b.Assign(names.OBa, final.Oba, $"{what}: active osteoblasts", "pM");
        return (obpValue, obaValue, oca);
    }
}

/// <summary>What one copy of the Pivonka cell block declares.</summary>
/// <param name="Suffix">Name suffix of every state, ligand quantity and extension point ("" for the first block).</param>
/// <param name="Label">Label appended to descriptions ("" for none), for example "cortical compartment".</param>
/// <param name="Parameters">The parameter rows to declare with their inputs (first block), or <see langword="null"/> to share the ones already declared.</param>
/// <param name="InitialValues">Numeric initial OBp, OBa, OCa (pM), or <see langword="null"/> when <paramref name="InitialExpressions"/> are given.</param>
/// <param name="InitialExpressions">Initial OBp, OBa, OCa as expressions of parameters and inputs.</param>
/// <param name="Observables">Ligand quantities (names without suffix, see <see cref="PivonkaStructure.LigandObservables"/>) reported as observables; the others are plain assignments.</param>
internal sealed record CellBlock(string Suffix, string Label, IReadOnlyList<ParameterSpec>? Parameters, IReadOnlyList<double>? InitialValues,
    IReadOnlyList<Expr>? InitialExpressions, IReadOnlyCollection<string> Observables);
