using Microsoft.DotNet.Interactive.Formatting;
using OsteoOde.Plotting;

namespace OsteoOde.Interactive;

/// <summary>When notebook chart outputs carry plotly.js (about 3.6 MB).</summary>
public enum PlotlyJsInclusion
{
    /// <summary>
    /// The first chart output of the kernel session carries plotly.js, later ones reuse it (smaller notebooks). If that first
    /// output is cleared and the notebook reopened, later charts show a note asking to re-run.
    /// </summary>
    FirstChart,

    /// <summary>Every chart output carries plotly.js: each output renders on its own, at 3.6 MB per chart.</summary>
    EveryChart,
}

/// <summary>Notebook display settings and the list of registered displays.</summary>
public static class OsteoDisplays
{
    private static readonly Lock Sync = new();
    private static bool _plotlyJsSent;
    private static bool _registered;

    /// <summary>All displays registered by <see cref="Register"/>.</summary>
    public static IReadOnlyList<IHtmlDisplay> All { get; } =
    [
        new FigureDisplay<Figure>(),
        new FigureDisplay<FigureGrid>(),
        new PlotlyChartDisplay(),
        new SeriesTableDisplay(),
        new DeedleFrameDisplay(),
        new DeedleSeriesDisplay(),
        new SimulationResultDisplay(),
        new ParameterSetDisplay(),
        new ModelDisplay(),
        new DataTableDisplay(),
        new FigureDataDisplay(),
    ];

    /// <summary>When chart outputs carry plotly.js; <see cref="PlotlyJsInclusion.FirstChart"/> by default.</summary>
    public static PlotlyJsInclusion PlotlyJs { get; set; } = PlotlyJsInclusion.FirstChart;

    /// <summary>Whether simulation results show a chart of their states above the table (default true).</summary>
    public static bool SimulationCharts { get; set; } = true;

    /// <summary>Row and column limits for tables.</summary>
    public static TableOptions Tables { get; set; } = new();

    /// <summary>Registers every display with the .NET Interactive formatter as the preferred <c>text/html</c> output. Idempotent.</summary>
    public static void Register()
    {
        lock (Sync)
        {
            if (_registered)
            {
                return;
            }

            foreach (var display in All)
            {
                Formatter.Register(display.DisplayedType, display.WriteHtml, HtmlMime);
                Formatter.SetPreferredMimeTypesFor(display.DisplayedType, HtmlMime);
            }

            _registered = true;
        }
    }

    /// <summary>Makes the next chart output carry plotly.js again (for a new notebook in the same process).</summary>
    public static void ResetPlotlyJs()
    {
        lock (Sync)
        {
            _plotlyJsSent = false;
        }
    }

    /// <summary>MIME type of all displays.</summary>
    public const string HtmlMime = "text/html";

    /// <summary>Whether the chart being formatted now must carry plotly.js; marks it sent.</summary>
    internal static bool TakePlotlyJs()
    {
        lock (Sync)
        {
            if (PlotlyJs == PlotlyJsInclusion.EveryChart || !_plotlyJsSent)
            {
                _plotlyJsSent = true;
                return true;
            }

            return false;
        }
    }
}
