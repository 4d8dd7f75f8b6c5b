using System.Globalization;
using OsteoOde.Analysis.Figures;
using OsteoOde.Models;

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

    private static string F(string format, double value) => string.Format(CultureInfo.InvariantCulture, format, value);
}
