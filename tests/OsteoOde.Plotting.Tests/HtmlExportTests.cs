using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OsteoOde.Plotting.Tests;

public partial class HtmlExportTests
{
    [GeneratedRegex("<script\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    private static Figure Logistic() =>
        Charts.Trajectories(SeriesTable.Tabulate(Samples.Time, 0, 80, 81, (new Quantity("N", "cells"), Samples.Logistic)))
            .WithTitle("Logistic growth");

    /// <summary>The HTML with the embedded plotly.js bundle cut out (the bundle itself mentions URLs in its defaults).</summary>
    private static string WithoutBundle(string html)
    {
        var at = html.IndexOf(PlotlyJs.Source, StringComparison.Ordinal);
        return at < 0 ? html : html.Remove(at, PlotlyJs.Source.Length);
    }

    [Fact]
    public void Self_contained_document_embeds_plotly_js_and_references_nothing_remote()
    {
        var html = Logistic().ToHtml();

        Assert.Contains(PlotlyJs.Source, html);
        Assert.StartsWith("/**\n* plotly.js v2.28.0", PlotlyJs.Source);
        var rest = WithoutBundle(html);
        Assert.DoesNotContain("cdn.plot.ly", rest);
        Assert.DoesNotContain("http", rest, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("require", rest, StringComparison.Ordinal);
        Assert.All(ScriptTag().Matches(html), tag => Assert.DoesNotContain("src=", tag.Value));
        Assert.Contains("Plotly.newPlot(", rest);
        Assert.Contains("\"text\":\"N [cells]\"", rest);
    }

    [Fact]
    public void Side_by_side_document_writes_the_bundle_once_and_references_it_relatively()
    {
        using var folder = new TempFolder();
        var path = Logistic().SaveHtml(folder.File("fig.html"), PlotlyJsMode.SideBySide);
        Logistic().WithTitle("second").SaveHtml(folder.File("fig2.html"), PlotlyJsMode.SideBySide);

        var html = File.ReadAllText(path);
        var bundle = folder.File(PlotlyJs.FileName);
        Assert.True(File.Exists(bundle));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(PlotlyJs.Source)), SHA256.HashData(File.ReadAllBytes(bundle)));
        var tags = ScriptTag().Matches(html).Select(m => m.Value).ToArray();
        Assert.Contains(tags, t => t.Contains($"src=\"{PlotlyJs.FileName}\"", StringComparison.Ordinal));
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(html.Length < 20_000, $"HTML without the bundle should be small, was {html.Length} bytes");
        Assert.Equal(3, Directory.GetFiles(folder.Path).Length);
    }

    [Theory]
    [InlineData("https://cdn.plot.ly/plotly-2.28.0.min.js")]
    [InlineData("//cdn.example/plotly.js")]
    [InlineData("/abs/plotly.js")]
    public void Remote_or_absolute_script_sources_are_refused(string source)
    {
        var e = Assert.Throws<ArgumentException>(() => HtmlExport.ToHtmlDocument(Logistic(), PlotlyJsMode.SideBySide, source));
        Assert.Contains("relative path", e.Message);
    }

    [Fact]
    public void Text_in_the_data_cannot_close_the_script_block()
    {
        var table = new SeriesTable(Samples.Time, [0, 1], [new NamedSeries("</script><script>alert(1)</script>", "", [1, 2])]);
        var html = Charts.Trajectories(table).ToHtml(PlotlyJsMode.SideBySide);
        Assert.DoesNotContain("alert(1)</script>", html);
        Assert.Equal(2, Regex.Matches(html, "</script>").Count);
    }

    [Fact]
    public void Same_figure_gives_byte_identical_documents()
    {
        Assert.Equal(Logistic().ToHtml(PlotlyJsMode.SideBySide), Logistic().ToHtml(PlotlyJsMode.SideBySide));
    }

    [Fact]
    public void Notebook_fragments_have_unique_ids_and_bypass_AMD_loaders_when_carrying_the_bundle()
    {
        var chart = Logistic().ToPlotly();
        var first = HtmlExport.ToHtmlFragment(chart, includePlotlyJs: true);
        var second = HtmlExport.ToHtmlFragment(chart, includePlotlyJs: false);

        Assert.Contains(PlotlyJs.Source, first);
        Assert.Contains("(function (define, module, exports) {", first);
        Assert.DoesNotContain(PlotlyJs.Source, second);
        Assert.True(second.Length < 20_000);
        var id1 = Regex.Match(first, "id=\"(osteo-figure-[0-9a-f]+-\\d+)\"").Groups[1].Value;
        var id2 = Regex.Match(second, "id=\"(osteo-figure-[0-9a-f]+-\\d+)\"").Groups[1].Value;
        Assert.NotEqual(id1, id2);
        Assert.DoesNotContain("http", WithoutBundle(first), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Both_html_modes_draw_the_curve_in_Chromium_with_the_network_blocked()
    {
        using var folder = new TempFolder();
        var figure = Logistic().WithSize(700, 420);
        var paths = new[]
        {
            figure.SaveHtml(folder.File("embedded.html")),
            figure.SaveHtml(folder.File("side.html"), PlotlyJsMode.SideBySide),
        };

        foreach (var path in paths)
        {
            var (png, blocked, error) = await OfflineBrowser.ScreenshotAsync(path, 760, 480);
            Assert.Empty(blocked);
            Assert.Null(error);
            var pixels = new Pixels(png);
            var line = pixels.Near(Palette.Default[0]);
            // A 2-px curve across ~600 px of plot width.
            Assert.True(line.Count > 600, $"{Path.GetFileName(path)}: only {line.Count} trace-coloured pixels");
            // Logistic growth rises: trace pixels on the left sit lower (larger y) than on the right.
            var left = line.Where(p => p.X < line.Min(q => q.X) + 40).Average(p => p.Y);
            var right = line.Where(p => p.X > line.Max(q => q.X) - 40).Average(p => p.Y);
            Assert.True(left > right + 150, $"curve should rise: left y {left:F0}, right y {right:F0}");
        }
    }

    [Fact]
    public async Task A_fragment_shown_before_the_one_carrying_plotly_js_waits_for_it_and_draws()
    {
        using var folder = new TempFolder();
        var chart = Logistic().ToPlotly();
        var later = HtmlExport.ToHtmlFragment(chart, includePlotlyJs: false);
        var carrier = HtmlExport.ToHtmlFragment(chart, includePlotlyJs: true);
        var page = folder.File("outputs.html");
        // An AMD loader on the page (as in notebook views with require.js) must not capture plotly.js.
        File.WriteAllText(page,
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>window.define = function () { throw new Error('AMD used'); }; window.define.amd = {};</script></head><body>" +
            later + carrier + "</body></html>");

        var (drawn, blocked, error) = await OfflineBrowser.CountDrawnPlotsAsync(page, 2);
        Assert.Empty(blocked);
        Assert.Null(error);
        Assert.Equal(2, drawn);
    }
}
