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

        var options = new LaunchOptions
        {
            Headless = true,
            ExecutablePath = BrowserLocator.Find(),
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"],
            Timeout = 90_000,
        };
        await using var browser = await Puppeteer.LaunchAsync(options);
        await using var page = await browser.NewPageAsync();
        var blocked = new List<string>();
        string? pageError = null;
        page.PageError += (_, e) => pageError ??= e.Message;
        await page.SetRequestInterceptionAsync(true);
        page.Request += async (_, e) =>
        {
            if (e.Request.Url.StartsWith("file:", StringComparison.Ordinal) || e.Request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                await e.Request.ContinueAsync();
            }
            else
            {
                lock (blocked)
                {
                    blocked.Add(e.Request.Url);
                }

                await e.Request.AbortAsync();
            }
        };
        await page.GoToAsync(new Uri(pagePath).AbsoluteUri, new NavigationOptions { Timeout = 90_000 });
        try
        {
            await page.WaitForFunctionAsync(
                $"() => document.querySelectorAll('.osteo-figure .main-svg').length >= {expected}",
                new WaitForFunctionOptions { Timeout = 60_000, PollingInterval = 200 });
        }
        catch (WaitTaskTimeoutException)
        {
            // Counted below; the assertion reports how many were drawn.
        }

        var drawn = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('.osteo-figure.js-plotly-plot').length");
        var withTraces = await page.EvaluateExpressionAsync<int>(
            "Array.from(document.querySelectorAll('.osteo-figure.js-plotly-plot')).filter(p => p.querySelectorAll('path.js-line, .heatmaplayer image, .barlayer path').length > 0).length");
        return (drawn, withTraces, blocked, pageError);
    }
}
