using System.Globalization;
using OsteoOde.Analysis.Figures;
using OsteoOde.Models;
using OsteoOde.Models.Aging;

namespace OsteoOde.Plotting;

/// <summary>
/// Draws the catalog figures (<see cref="FigureCatalog"/>) from their computed data. Rendering only reads the table: every
/// number on a chart is in the figure's CSV.
/// </summary>
public static class FigureCharts
{
    private static readonly Dictionary<string, Func<FigureData, IFigure>> Renderers = new(StringComparer.Ordinal)
    {
        ["lemaire-protocols"] = LemaireProtocols,
        ["pivonka-protocols"] = data => RelativeProtocols(data, Pivonka2008.Id),
        ["scheiner-protocols"] = ScheinerProtocols,
        ["scheiner-rankl-dose"] = ScheinerRanklDose,
        ["komarova-cycle"] = KomarovaCycle,
        ["komarova-autocrine"] = KomarovaAutocrine,
        ["lifetime-bmd"] = LifetimeBmd,
        ["senescence-vesicles"] = SenescenceVesicles,
        ["mechanism-attribution"] = MechanismAttribution,
        ["interventions"] = Interventions,
    };

    /// <summary>Names of the figures that can be drawn.</summary>
    public static IReadOnlyCollection<string> Names => Renderers.Keys;

    /// <summary>Registers the renderer of a figure defined outside the catalog's built-in set (replaces an existing one).</summary>
    /// <param name="name">Figure name.</param>
    /// <param name="render">Draws the figure from its data.</param>
    public static void Register(string name, Func<FigureData, IFigure> render)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(render);
        lock (Renderers)
        {
            Renderers[name] = render;
        }
    }

    /// <summary>Draws a figure from its data.</summary>
    /// <param name="data">Computed data (<see cref="FigureDefinition.Compute"/>).</param>
    /// <returns>The chart, titled with the figure's title.</returns>
    /// <exception cref="ArgumentException">No renderer for the figure's name.</exception>
    public static IFigure Render(FigureData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Func<FigureData, IFigure>? render;
        lock (Renderers)
        {
            Renderers.TryGetValue(data.Name, out render);
        }

        return render is null
            ? throw new ArgumentException($"No renderer for figure '{data.Name}'. Renderers: {string.Join(", ", Names)}.", nameof(data))
            : render(data);
    }

    private static string Title(string modelId, string protocol)
    {
        var scenario = ScenarioCatalog.For(modelId).FirstOrDefault(s => s.Name == protocol);
        return scenario is null ? protocol : $"{protocol}: {scenario.Title}";
    }

    private static IFigure LemaireProtocols(FigureData data)
    {
        var t = data.Table;
        var panels = t.Distinct("protocol").Select(p =>
            Charts.Trajectories(t.Where("protocol", p).ToSeriesTable("t", "R", "B", "C")).WithTitle(Title(Lemaire2004.Id, p))).ToArray();
        return Charts.Grid(3, panels).WithTitle(data.Title).WithSize(1320, 1100);
    }

    private static IFigure RelativeProtocols(FigureData data, string modelId)
    {
        var t = data.Table;
        var fold = new Quantity("relative to steady state");
        var panels = t.Distinct("protocol").Select(p =>
            Charts.Trajectories(t.Where("protocol", p).ToSeriesTable("t", "OBp_rel", "OBa_rel", "OCa_rel"), ["OBp_rel", "OBa_rel", "OCa_rel"], fold)
                .WithThreshold(1, "steady state", "#888888", LineDash.Dot).WithTitle(Title(modelId, p))).ToArray();
        return Charts.Grid(2, panels).WithTitle(data.Title).WithSize(1000, 760);
    }

    private static IFigure ScheinerProtocols(FigureData data)
    {
        var cells = (FigureGrid)RelativeProtocols(data, Scheiner2013.Id);
        var t = data.Table;
        var protocols = t.Distinct("protocol");
        var first = t.Where("protocol", protocols[0]);
        var vb = new SeriesTable(new Quantity("t", first["t"].Unit), first.Numbers("t"),
            protocols.Select(p => new NamedSeries(new Quantity("vb " + p, t["vb"].Unit), t.Where("protocol", p).Numbers("vb"))));
        // Colours after the three cell colours, so the legend never pairs a protocol with a cell type.
        var volume = Charts.Trajectories(vb, [], new Quantity("vb", t["vb"].Unit))
            .WithColors([.. Enumerable.Range(4, protocols.Count).Select(Palette.At)])
            .WithThreshold(first.Numbers("vb")[0], "start", "#888888", LineDash.Dot).WithTitle("bone volume fraction vb");
        return Charts.Grid(3, [.. cells.Panels, volume]).WithTitle(data.Title).WithSize(1320, 760);
    }

    private static IFigure ScheinerRanklDose(FigureData data)
    {
        var t = data.Table;
        var cells = Charts.Trajectories(t.ToSeriesTable("P_RANKL", "OBa_rel", "OCa_rel"), ["OBa_rel", "OCa_rel"], new Quantity("relative to P_RANKL = 0"))
            .WithTitle("steady-state cells");
        var loss = Charts.Trajectories(t.ToSeriesTable("P_RANKL", "relative_loss"), ["relative_loss"], new Quantity("bone volume change", t["relative_loss"].Unit))
            .WithThreshold(0, "balance", "#888888", LineDash.Dot).WithTitle("bone balance (relative to vb = 15 %)");
        return Charts.Grid(2, cells, loss).WithTitle(data.Title).WithSize(1000, 430);
    }

    private static IFigure KomarovaCycle(FigureData data)
    {
        var t = data.Table;
        var x1Bar = t.Numbers("x1_bar")[0];
        var x2Bar = t.Numbers("x2_bar")[0];
        return Charts.Grid(3,
            Charts.Trajectories(t.ToSeriesTable("t", "x1")).WithThreshold(x1Bar, F("x̄1 = {0:G4}", x1Bar)).WithTitle("osteoclasts"),
            Charts.Trajectories(t.ToSeriesTable("t", "x2")).WithThreshold(x2Bar, F("x̄2 = {0:G5}", x2Bar)).WithTitle("osteoblasts"),
            Charts.Trajectories(t.ToSeriesTable("t", "z")).WithThreshold(100, "initial bone mass", "#888888", LineDash.Dot).WithTitle("bone mass"))
            .WithTitle(data.Title).WithSize(1320, 430);
    }

    private static IFigure KomarovaAutocrine(FigureData data)
    {
        var t = data.Table;
        var panels = t.Distinct("regime").Select(r =>
        {
            var block = t.Where("regime", r);
            var g11 = block.Numbers("g11")[0];
            return Charts.Trajectories(block.ToSeriesTable("t", "x1"))
                .WithThreshold(block.Numbers("x1_bar")[0], "x̄1").WithTitle(F("g11 = {0:R}", g11));
        }).ToArray();
        return Charts.Grid(3, panels).WithTitle(data.Title).WithSize(1320, 430);
    }

    /// <summary>
    /// One column of a lifetime figure's table (label column <c>sex</c>, index <c>age</c>) as two series, <c>women</c> and
    /// <c>men</c>, over age: <c>Charts.Trajectories(FigureCharts.BySex(bmd.Table, "t_score_fn"))</c>.
    /// </summary>
    /// <param name="t">Table with columns <c>sex</c> (female, male) and <c>age</c>, both sexes on the same ages.</param>
    /// <param name="column">Numeric column.</param>
    /// <param name="name">Prefix of the series names (<see langword="null"/>: just women, men).</param>
    /// <returns>The series table.</returns>
    /// <exception cref="ArgumentException">A column is missing or the sexes have different ages.</exception>
    public static SeriesTable BySex(DataTable t, string column, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(column);
        var female = t.Where("sex", "female");
        var male = t.Where("sex", "male");
        if (!female.Numbers("age").SequenceEqual(male.Numbers("age")))
        {
            throw new ArgumentException("Women and men are tabulated at different ages.", nameof(t));
        }

        var unit = t[column].Unit;
        return new SeriesTable(new Quantity("age", t["age"].Unit), female.Numbers("age"),
        [
            new NamedSeries(new Quantity(name is null ? "women" : $"{name} women", unit), female.Numbers(column)),
            new NamedSeries(new Quantity(name is null ? "men" : $"{name} men", unit), male.Numbers(column)),
        ]);
    }

    private static readonly string[] SexColors = ["#c2185b", "#1565c0"];

    private static IFigure LifetimeBmd(FigureData data)
    {
        var t = data.Table;
        var tScore = Charts.Trajectories(BySex(t, "t_score_fn"), [], new Quantity("T-score")).WithColors(SexColors)
            .WithThresholds(Thresholds.WhoTScore).WithTitle("femoral-neck T-score (NHANES III women reference)");
        var bmd = Charts.Trajectories(BySex(t, "bmd_fn"), [], new Quantity("BMD", t["bmd_fn"].Unit)).WithColors(SexColors)
            .WithTitle("femoral-neck BMD");
        return Charts.Grid(2, tScore, bmd).WithTitle(data.Title).WithSize(1240, 470);
    }

    private static IFigure SenescenceVesicles(FigureData data)
    {
        var t = data.Table;
        Figure Panel(string column, string title, string? axis = null) =>
            Charts.Trajectories(BySex(t, column), [], new Quantity(axis ?? column, t[column].Unit)).WithColors(SexColors).WithTitle(title);
        var female = t.Where("sex", "female");
        var male = t.Where("sex", "male");
        var cargo = Charts.Comparison(
            [("women", female.ToSeriesTable("age", "rankl_ev", "mirna_ob", "mirna_adipo")), ("men", male.ToSeriesTable("age", "rankl_ev", "mirna_ob", "mirna_adipo"))])
            .WithColors("#2e7d32", "#ef6c00", "#6a1b9a").WithTitle("vesicle cargo loads (relative to 25; men dashed)");
        return Charts.Grid(3,
            Panel("senescent_burden", "senescent burden (relative to X*(30); women = men)", "burden"),
            Panel("f_sen", "bone-local senescent fraction (women = men)"),
            Panel("ev_marrow", "marrow EV number (relative to 25)", "EVs"),
            Panel("ev_plasma", "plasma EVs"),
            cargo,
            Panel("marrow_fat", "marrow fat fraction"))
            .WithTitle(data.Title).WithSize(1320, 800);
    }

    private static IFigure MechanismAttribution(FigureData data)
    {
        var t = data.Table;
        var order = AgingMechanisms.All.Select(m => m.Name).ToList();
        var panels = new[] { "female", "male" }.Select(sex =>
        {
            var block = t.Where("sex", sex);
            var ages = block.Numbers("age").Distinct().ToList();
            var categories = ages.Select(a => F("{0:R}", a) + string.Create(CultureInfo.InvariantCulture, $" y (loss {block.Where("age", a).Numbers("total")[0]:F1} %)")).ToList();
            var mechanisms = block.Distinct("mechanism");
            var segments = mechanisms.Select(m =>
            {
                var rows = block.Where("mechanism", m);
                return (rows.Texts("title")[0], (IReadOnlyList<double>)[.. ages.Select(a => rows.Where("age", a).Numbers("share")[0])]);
            }).ToList();
            return Charts.StackedBars(new Quantity("age"), categories, new Quantity("share of the loss from the peak", "%"), segments,
                [.. mechanisms.Select(m => Palette.At(order.IndexOf(m)))]).WithTitle(sex == "female" ? "women" : "men");
        }).ToArray();
        return Charts.Grid(2, panels).WithTitle(data.Title).WithSize(1240, 520);
    }

    private static readonly Dictionary<string, string> TreatmentColors = new(StringComparer.Ordinal)
    {
        ["denosumab"] = "#6a1b9a", ["alendronate"] = "#ef6c00", [InterventionsFigure.Control] = "#757575",
    };

    /// <summary>
    /// One column of the <c>interventions</c> table (label column <c>treatment</c>, index <c>month</c>) as one series per
    /// treatment: <c>Charts.Trajectories(FigureCharts.ByTreatment(data.Table, "ctx_vs_control", "denosumab", "alendronate"))</c>.
    /// </summary>
    /// <param name="t">Table with columns <c>treatment</c> and <c>month</c>, every treatment on the same months.</param>
    /// <param name="column">Numeric column.</param>
    /// <param name="treatments">Treatments to include; none means all, in table order.</param>
    /// <returns>The series table.</returns>
    /// <exception cref="ArgumentException">A column or treatment is missing (the message lists the treatments), or the treatments have different months.</exception>
    public static SeriesTable ByTreatment(DataTable t, string column, params string[] treatments)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(treatments);
        var names = treatments.Length == 0 ? t.Distinct("treatment") : treatments;
        var blocks = names.Select(n => t.Where("treatment", n)).ToList();
        var months = blocks[0].Numbers("month");
        for (var k = 0; k < blocks.Count; k++)
        {
            if (!blocks[k].Numbers("month").SequenceEqual(months))
            {
                throw new ArgumentException($"Treatment '{names[k]}' is tabulated at other months than '{names[0]}'.", nameof(t));
            }
        }

        var unit = t[column].Unit;
        return new SeriesTable(new Quantity("months since the first dose", t["month"].Unit), months,
            names.Select((n, k) => new NamedSeries(new Quantity(n, unit), blocks[k].Numbers(column))));
    }

    private static IFigure Interventions(FigureData data)
    {
        var t = data.Table;
        Figure Panel(string column, string axis, string title, params string[] treatments) =>
            Charts.Trajectories(ByTreatment(t, column, treatments), [], new Quantity(axis, t[column].Unit))
                .WithColors([.. (treatments.Length == 0 ? t.Distinct("treatment") : treatments).Select(n => TreatmentColors.GetValueOrDefault(n, "#000000"))])
                .WithTitle(title);
        return Charts.Grid(2,
            Panel("bmd_fn_vs_baseline", "FN BMD vs 65", "femoral-neck BMD relative to the untreated value at 65")
                .WithThreshold(0, "baseline", "#888888", LineDash.Dot),
            Panel("ctx_vs_control", "CTX proxy vs control", "CTX proxy (resorption) relative to the untreated control", "denosumab", "alendronate")
                .WithThreshold(0, "control", "#888888", LineDash.Dot),
            Panel("C_den", "serum denosumab", "denosumab 60 mg every 6 months: serum concentration", "denosumab"),
            Panel("D_b", "bone-bound alendronate", "alendronate 70 mg weekly: drug bound to bone", "alendronate"))
            .WithTitle(data.Title).WithSize(1240, 800);
    }

    private static string F(string format, double value) => string.Format(CultureInfo.InvariantCulture, format, value);
}
