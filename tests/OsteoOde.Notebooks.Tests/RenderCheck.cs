using OsteoOde.Plotting;
using PuppeteerSharp;

namespace OsteoOde.Notebooks.Tests;

/// <summary>
/// Shows a notebook's HTML outputs in order on one page, the way the VS Code notebook webview does, in headless Chromium
/// with the network blocked and an AMD loader present (as require.js would be), and counts the plots that were drawn.
/// </summary>
internal static class RenderCheck
{
    public static async Task<(int Drawn, int WithTraces, List<string> Blocked, string? PageError)> RenderAsync(IReadOnlyList<CellRun> runs, string pagePath)
    {
        var html = new System.Text.StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>")
            .Append("window.define = function () { throw new Error('an AMD loader was used'); }; window.define.amd = {};")
            .Append("</script></head><body>\n");
        foreach (var output in runs.SelectMany(r => r.Outputs).Where(o => o.Html is not null))
        {
            html.Append("<div class=\"cell-output\">").Append(output.Html).Append("</div>\n");
        }

        html.Append("</body></html>");
        await File.WriteAllTextAsync(pagePath, html.ToString());
        var expected = runs.SelectMany(r => r.Outputs).Count(o => o.IsChart);

        await using var offline = await OsteoOde.Testing.Browser.OfflinePage.OpenAsync(pagePath);
        await offline.WaitForCountAsync(".osteo-figure .main-svg", expected);
        var drawn = await offline.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('.osteo-figure.js-plotly-plot').length");
        var withTraces = await offline.Page.EvaluateExpressionAsync<int>(
            "Array.from(document.querySelectorAll('.osteo-figure.js-plotly-plot')).filter(p => p.querySelectorAll('path.js-line, .heatmaplayer image, .barlayer path').length > 0).length");
        return (drawn, withTraces, offline.Blocked, offline.PageError);
    }
}
