using OsteoOde.Modeling;

namespace OsteoOde.Models;

/// <summary>
/// Komarova et al. 2003 (Bone 33:206–215): power-law autocrine/paracrine interactions of osteoclasts x1 and osteoblasts x2 at
/// one remodelling site, and bone mass z (% of initial) (model-reference §3):
/// <code>
/// dx1/dt = α1·x1^g11·x2^g21 − β1·x1
/// dx2/dt = α2·x1^g12·x2^g22 − β2·x2
/// dz/dt  = −k1·max(0, x1 − x̄1) + k2·max(0, x2 − x̄2)
/// γ = g12·g21 − (1 − g11)(1 − g22),  x̄1 = (β1/α1)^((1−g22)/γ)·(β2/α2)^(g21/γ),  x̄2 = (β1/α1)^(g12/γ)·(β2/α2)^((1−g11)/γ)
/// </code>
/// Cell numbers are pure counts (unit 1): with parameter exponents g_ij no cell unit could balance α_i. The max() kinks
/// are declared with <see cref="Expr.Max"/>; the simulation layer locates them exactly. The default initial state is the
/// steady state (x̄1, x̄2, 100 %), recomputed from the parameters; the published single cycle starts from x1 = 11, x2 = 212.
/// </summary>
public static class Komarova2003
{
    /// <summary>Canonical model id.</summary>
    public const string Id = "komarova2003";

    private static readonly Citation Curated = new(
        "Komarova et al. 2003, Bone 33:206–215; value as curated in BioModels BIOMD0000000148",
        Doi: "10.1016/S8756-3282(03)00157-1", Url: "https://www.ebi.ac.uk/biomodels/BIOMD0000000148");

    /// <summary>The published parameter table (model-reference §3.2), in declaration order.</summary>
    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.Decade("alpha1", 3, "1/day", "osteoclast production rate constant", Curated),
        ParameterSpec.Decade("alpha2", 4, "1/day", "osteoblast production rate constant", Curated),
        ParameterSpec.Decade("beta1", 0.2, "1/day", "osteoclast removal rate", Curated),
        ParameterSpec.Decade("beta2", 0.02, "1/day", "osteoblast removal rate", Curated),
        new("g11", 0.5, "1", "osteoclast autocrine effectiveness",
            Curated with { Note = "controls the dynamics: with β1 = 0.2, β2 = 0.02, g22 = 0 the steady state is a stable focus for g11 < 1 + β2(1 − g22)/β1 = 1.1 (Jacobian trace β1(g11 − 1) + β2(g22 − 1)), a centre at 1.1, unstable above" },
            0, 1.5, Scale: ParameterScale.Linear),
        new("g21", -0.5, "1", "osteoblast → osteoclast paracrine effectiveness (inhibition)", Curated, -1.5, 0, Scale: ParameterScale.Linear),
        new("g12", 1, "1", "osteoclast → osteoblast paracrine effectiveness (stimulation)", Curated, 0, 2, Scale: ParameterScale.Linear),
        new("g22", 0, "1", "osteoblast autocrine effectiveness", Curated, -1, 1, Scale: ParameterScale.Linear),
        ParameterSpec.Decade("k1", 0.24, "%/day", "bone resorbed per osteoclast above steady state", Curated),
        ParameterSpec.Decade("k2", 0.0017, "%/day", "bone formed per osteoblast above steady state", Curated),
    ];

    /// <summary>The base module (all declarations of the published model).</summary>
    public static ModelModule Base { get; } = new(Id, "Komarova 2003 osteoclast/osteoblast power-law model with bone mass", Declare);

    private static readonly Lazy<Model> Built = new(() => new ModelComposition(Base).Build());

    /// <summary>The published model (built once; immutable).</summary>
    public static Model Model => Built.Value;

    /// <summary>A composition with the published model as base, for adding modules.</summary>
    /// <returns>The composition.</returns>
    public static ModelComposition Composition() => new(Base);

    private static void Declare(ModelBuilder b)
    {
        b.Title = "Komarova et al. 2003 remodelling cycle (x1, x2, z)";
        b.Description = "Osteoclasts and osteoblasts with power-law autocrine and paracrine regulation at one remodelling site; bone mass changes with the cells in excess of their steady state.";
        b.AddSource(Sources.Komarova2003).AddSource(Sources.Komarova2003BioModels);

        var x1 = Expr.Symbol("x1");
        var x2 = Expr.Symbol("x2");
        var p = new Dictionary<string, Expr>(StringComparer.Ordinal);
        foreach (var row in Parameters)
        {
            p[row.Name] = row.DeclareOn(b);
        }

        var gamma = b.Assign("gamma", p["g12"] * p["g21"] - (1 - p["g11"]) * (1 - p["g22"]), "γ = g12·g21 − (1 − g11)(1 − g22)", "1");
        var r1 = p["beta1"] / p["alpha1"];
        var r2 = p["beta2"] / p["alpha2"];
        var x1Bar = b.Observable("x1_bar", Expr.Pow(r1, (1 - p["g22"]) / gamma) * Expr.Pow(r2, p["g21"] / gamma), "steady-state osteoclast number", "1");
        var x2Bar = b.Observable("x2_bar", Expr.Pow(r1, p["g12"] / gamma) * Expr.Pow(r2, (1 - p["g11"]) / gamma), "steady-state osteoblast number", "1");

        b.State("x1", "1", x1Bar, "osteoclasts (cell number)");
        b.State("x2", "1", x2Bar, "osteoblasts (cell number)");
        var z = b.State("z", "%", 100, "bone mass (% of initial)", nonNegative: false);

        var y1 = b.Assign("y1", Expr.Max(0, x1 - x1Bar), "osteoclasts in excess of steady state", "1");
        var y2 = b.Assign("y2", Expr.Max(0, x2 - x2Bar), "osteoblasts in excess of steady state", "1");

        b.AddRate("x1", "production", p["alpha1"] * Expr.Pow(x1, p["g11"]) * Expr.Pow(x2, p["g21"]));
        b.AddRate("x1", "removal", -(p["beta1"] * x1));
        b.AddRate("x2", "production", p["alpha2"] * Expr.Pow(x1, p["g12"]) * Expr.Pow(x2, p["g22"]));
        b.AddRate("x2", "removal", -(p["beta2"] * x2));
        b.AddRate(z, "resorption", -(p["k1"] * y1));
        b.AddRate(z, "formation", p["k2"] * y2);
    }
}
