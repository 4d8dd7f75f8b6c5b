using OsteoOde.Modeling;

namespace OsteoOde.Models;

/// <summary>
/// Scheiner et al. 2013 (CMAME 254:181–196) re-parameterisation of the Pivonka structure with the bone volume fraction v_b (%),
/// dv_b/dt = k_form·OBa − k_res·OCa (model-reference §2.6). Its designed steady state is round: OBp = 1e-3, OBa = 5e-4,
/// OCa = 1e-4 pM and k_form·OBa = k_res·OCa = 0.02 %/day. The mechanostat feedback of the paper (strain-energy-driven OBp
/// proliferation and disuse RANKL) is not part of this model: it is the bare cell model plus bone volume, on which the
/// lifetime model adds its own closure as modules. v_b starts at 15 % (trabecular, as in Martínez-Reina 2019) unless set.
/// </summary>
public static class Scheiner2013
{
    /// <summary>Canonical model id.</summary>
    public const string Id = "scheiner2013";

    /// <summary>Default initial bone volume fraction (%): trabecular bone.</summary>
    public const double InitialBoneVolume = 15;

    /// <summary>The designed steady state of the cell states (OBp, OBa, OCa in pM).</summary>
    public static IReadOnlyList<double> SteadyState { get; } = [1.0e-3, 5.0e-4, 1.0e-4];

    private static readonly Citation Code = new(
        "Scheiner et al. 2013, CMAME 254:181–196; full-precision value from the public implementation",
        Doi: "10.1016/j.cma.2012.10.015", CodePath: Sources.BoneModels("parameters/scheiner_parameters.py"));

    private static Citation Noted(string note) => Code with { Note = note };

    /// <summary>The parameter table: the Pivonka structure's parameters (Scheiner values) followed by k_form and k_res.</summary>
    public static IReadOnlyList<ParameterSpec> Parameters { get; } = BuildTable();

    /// <summary>The base module (cells and bone volume, all published equations).</summary>
    public static ModelModule Base { get; } = new(Id, "Scheiner 2013 bone-cell model with bone volume fraction (no mechanostat)", Declare);

    private static readonly Lazy<Model> Built = new(() => new ModelComposition(Base).Build());

    /// <summary>The published model (built once; immutable).</summary>
    public static Model Model => Built.Value;

    /// <summary>A composition with the published model as base, for adding modules (the lifetime model starts here).</summary>
    /// <returns>The composition.</returns>
    public static ModelComposition Composition() => new(Base);

    private static void Declare(ModelBuilder b)
    {
        b.Title = "Scheiner et al. 2013 bone-cell model with bone volume (OBp, OBa, OCa, vb)";
        b.Description = "Pivonka structure with the Scheiner 2013 parameters (round steady state) and the bone volume fraction dvb/dt = k_form·OBa − k_res·OCa; without the paper's mechanostat.";
        b.AddSource(Sources.Scheiner2013).AddSource(Sources.Pivonka2008).AddSource(Sources.Pivonka2010)
            .AddSource(new Citation("cmodiz/Bone-Models (public Python implementation)", Url: "https://github.com/cmodiz/Bone-Models",
                CodePath: Sources.BoneModels("models/scheiner_model.py", Sources.BoneModelsModelCommit)));
        var cells = Parameters.Take(PivonkaStructure.ParameterNames.Length).ToList();
        PivonkaStructure.DeclareCells(b, cells, SteadyState);
        PivonkaStructure.DeclareBoneVolume(b, Parameters[^2], Parameters[^1], InitialBoneVolume);
    }

    private static ParameterSpec[] BuildTable()
    {
        var scheinerValues = new Dictionary<string, (double Value, string? Note)>(StringComparer.Ordinal)
        {
            ["D_OBp"] = (0.165696312976030, "used directly (no f0 factor, unlike the Pivonka 2008 code)"),
            ["A_OBa"] = (0.211072625806496, null),
            ["A_OCa"] = (5.64874468409633, null),
            ["K_D1_TGFb"] = (0.000563278809675429, null),
            ["K_D2_TGFb"] = (0.000175426051821094, null),
            ["K_D3_TGFb"] = (0.000563278809675429, null),
            ["K_rep_PTH"] = (0.222581427709954, null),
            ["K_D_RANKL_RANK"] = (5.67971833061048, "applied to the RANKL–RANK complex, as in the Pivonka 2008 set (≡ 16.65 pM on free RANKL)"),
            ["beta_RANKL"] = (1.684195714712206e2, "the Pivonka 2008 paper prints 1.684e4; the code uses 1.684e2 (code comment: e+4 in the paper, e+2 in the code)"),
            ["beta_OPG"] = (1.624900337835679e8, "code value; the Pivonka 2008 code notes that paper and code differ"),
            ["R_RANKL"] = (2.703476379131062e6, "N_RANKL^OB in Scheiner's notation; the Bone-Models Pivonka 2008 file uses 3.0e6 (see pivonka2008)"),
        };

        var shared = Pivonka2008.Table(Code, Noted, Code);
        var rows = new List<ParameterSpec>();
        foreach (var row in shared)
        {
            if (scheinerValues.TryGetValue(row.Name, out var v))
            {
                rows.Add(row.WithValue(v.Value, v.Note is null ? Code : Noted(v.Note)));
            }
            else
            {
                // Same value as Pivonka 2008, read from Scheiner's own parameter file; keep the documented notes.
                rows.Add(row with { Source = row.Source.Note is null ? Code : Noted(row.Source.Note) });
            }
        }

        var bv = Code with { Text = "Scheiner et al. 2013, CMAME 254:181–196, bone volume equation (Pivonka 2010 form); value from the public implementation" };
        rows.Add(ParameterSpec.Decade("k_form", 40, "%/(pM*day)", "bone formation rate per active osteoblast", bv));
        rows.Add(ParameterSpec.Decade("k_res", 200, "%/(pM*day)", "bone resorption rate per active osteoclast",
            bv with { Note = "with k_form = 40 the designed steady state balances: k_form·OBa = k_res·OCa = 0.02 %/day" }));
        return [.. rows];
    }
}
