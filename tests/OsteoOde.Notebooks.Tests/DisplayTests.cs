using Deedle;
using Microsoft.DotNet.Interactive.Formatting;
using OsteoOde.Interactive;
using OsteoOde.Modeling;
using OsteoOde.Models;
using OsteoOde.Plotting;

namespace OsteoOde.Notebooks.Tests;

/// <summary>Shares the static display state (which output carries plotly.js) with the in-process notebook run.</summary>
[CollectionDefinition(Name)]
public sealed class DisplayStateCollection
{
    public const string Name = "osteo display state";
}

[Collection(DisplayStateCollection.Name)]
public class DisplayTests
{
    public DisplayTests()
    {
        OsteoDisplays.Register();
    }

    private static SeriesTable Large() => SeriesTable.Tabulate(new Quantity("time", "day"), 0, 9999, 10_000,
        (new Quantity("OBa", "pM"), t => 1e-3 + (1e-7 * t)), (new Quantity("OCa", "pM"), t => 1e-4));

    [Fact]
    public void Frames_series_and_tables_are_compact_html_whatever_their_size()
    {
        var table = Large();
        var frame = table.ToFrame(withUnits: true);

        Assert.Equal("text/html", Formatter.GetPreferredMimeTypesFor(frame.GetType()).First());
        var frameHtml = frame.ToDisplayString("text/html");
        var seriesHtml = frame.GetColumn<double>("OBa [pM]").ToDisplayString("text/html");
        var tableHtml = table.ToDisplayString("text/html");

        Assert.All(new[] { frameHtml, seriesHtml, tableHtml }, html =>
        {
            Assert.Contains("class=\"osteo-table\"", html);
            Assert.InRange(html.Length, 500, 4096);
        });
        Assert.Contains("… 9985 more rows …", frameHtml);
        Assert.Contains("<th>OBa [pM]</th>", tableHtml);
        Assert.Contains("<td>9999</td>", seriesHtml);
    }

    [Fact]
    public void First_chart_carries_plotly_js_and_later_ones_reuse_it_unless_every_chart_is_asked_for()
    {
        var figure = Charts.Trajectories(Large(), "OBa");
        var before = OsteoDisplays.PlotlyJs;
        try
        {
            OsteoDisplays.PlotlyJs = PlotlyJsInclusion.FirstChart;
            OsteoDisplays.ResetPlotlyJs();
            var first = figure.ToDisplayString("text/html");
            var second = Charts.Grid(1, figure).ToDisplayString("text/html");
            var raw = figure.ToPlotly().ToDisplayString("text/html");
            Assert.Contains(PlotlyJs.Source, first);
            Assert.DoesNotContain(PlotlyJs.Source, second);
            Assert.DoesNotContain(PlotlyJs.Source, raw);
            Assert.All(new[] { first, second, raw }, h => Assert.Contains("Plotly.newPlot(", h));
            Assert.All(new[] { first, second, raw }, h => Assert.DoesNotContain("cdn.plot.ly", h.Replace(PlotlyJs.Source, string.Empty, StringComparison.Ordinal)));

            OsteoDisplays.PlotlyJs = PlotlyJsInclusion.EveryChart;
            Assert.Contains(PlotlyJs.Source, figure.ToDisplayString("text/html"));
            Assert.Contains(PlotlyJs.Source, figure.ToDisplayString("text/html"));
        }
        finally
        {
            OsteoDisplays.PlotlyJs = before;
            OsteoDisplays.ResetPlotlyJs();
        }
    }

    [Fact]
    public void Simulation_results_show_status_and_a_compact_table_with_units()
    {
        var times = Enumerable.Range(0, 101).Select(i => i * 1.0).ToArray();
        var result = Simulation.Run(new SimulationRequest(Lemaire2004.Model, 100) { OutputTimes = times }).EnsureSuccess();
        var html = result.ToDisplayString("text/html");
        Assert.Contains("class=\"osteo-simulation\"", html);
        Assert.Contains("Success · model " + result.Metadata.ModelId, html);
        Assert.Contains("class=\"osteo-table\"", html);
        Assert.Contains($"<th>{result.StateNames[0]} [{result.Column(result.StateNames[0]).Unit}]</th>", html);
        Assert.Contains("… 86 more rows …", html);
        Assert.InRange(html.Length, 500, 20_000); // status line, a chart of 3 x 101 points, the compact table
    }
}
