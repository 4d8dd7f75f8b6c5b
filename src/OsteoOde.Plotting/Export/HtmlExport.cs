using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Plotly.NET;

namespace OsteoOde.Plotting;

/// <summary>How an HTML file gets plotly.js. Never from the network.</summary>
public enum PlotlyJsMode
{
    /// <summary>plotly.js is inlined: one self-contained file (about 3.7 MB) that opens anywhere, offline.</summary>
    Embedded,

    /// <summary>
    /// plotly.js is written once as <see cref="PlotlyJs.FileName"/> next to the HTML and referenced by relative path:
    /// small HTML files, but the script file must travel with them.
    /// </summary>
    SideBySide,
}

/// <summary>Offline HTML for figures: full documents for files, fragments for notebook outputs.</summary>
public static class HtmlExport
{
    private static long _fragmentCounter;

    /// <summary>A complete HTML document showing the figure.</summary>
    /// <param name="figure">Figure.</param>
    /// <param name="mode">How plotly.js is provided.</param>
    /// <param name="scriptSource">For <see cref="PlotlyJsMode.SideBySide"/>: relative path of the script (default <see cref="PlotlyJs.FileName"/>).
    /// Network addresses are refused.</param>
    /// <exception cref="ArgumentException"><paramref name="scriptSource"/> is a network address or absolute URL.</exception>
    public static string ToHtmlDocument(IFigure figure, PlotlyJsMode mode = PlotlyJsMode.Embedded, string? scriptSource = null)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return ToHtmlDocument(figure.ToPlotly(), figure.Title, mode, scriptSource);
    }

    /// <summary>A complete HTML document for any Plotly.NET chart (escape hatch for charts built with Plotly.NET directly).</summary>
    /// <param name="chart">Chart.</param>
    /// <param name="title">Document title, or null.</param>
    /// <param name="mode">How plotly.js is provided.</param>
    /// <param name="scriptSource">For <see cref="PlotlyJsMode.SideBySide"/>: relative path of the script.</param>
    public static string ToHtmlDocument(GenericChart chart, string? title, PlotlyJsMode mode = PlotlyJsMode.Embedded, string? scriptSource = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var figureJson = SafeFigureJson(chart);
        var id = "osteo-figure-" + Hash(figureJson);
        var (width, height) = Size(figureJson);
        var sb = new StringBuilder(mode == PlotlyJsMode.Embedded ? PlotlyJs.Source.Length + figureJson.Length + 2048 : figureJson.Length + 2048);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<title>").Append(System.Net.WebUtility.HtmlEncode(title ?? "figure")).Append("</title>\n");
        sb.Append("<meta name=\"generator\" content=\"OsteoOde.Plotting; plotly.js ").Append(PlotlyJs.Version).Append("\">\n");
        sb.Append("<style>body{margin:0;padding:8px;background:#fff}</style>\n");
        switch (mode)
        {
            case PlotlyJsMode.Embedded:
                sb.Append("<script type=\"text/javascript\">").Append(PlotlyJs.Source).Append("</script>\n");
                break;
            case PlotlyJsMode.SideBySide:
                var src = CheckLocalScriptSource(scriptSource ?? PlotlyJs.FileName);
                sb.Append("<script type=\"text/javascript\" src=\"").Append(System.Net.WebUtility.HtmlEncode(src)).Append("\"></script>\n");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown plotly.js mode.");
        }

        sb.Append("</head>\n<body>\n");
        AppendDiv(sb, id, width, height);
        sb.Append("<script type=\"text/javascript\">\n(function () {\n  var figure = ").Append(figureJson).Append(";\n");
        sb.Append("  Plotly.newPlot('").Append(id).Append("', figure.data, figure.layout, figure.config);\n})();\n</script>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Saves the figure as an HTML file (written atomically).</summary>
    /// <param name="figure">Figure.</param>
    /// <param name="path">Target path, usually ending in <c>.html</c>.</param>
    /// <param name="mode">Self-contained (default) or with <see cref="PlotlyJs.FileName"/> written next to it.</param>
    /// <returns>Full path of the HTML file.</returns>
    public static string SaveHtml(IFigure figure, string path, PlotlyJsMode mode = PlotlyJsMode.Embedded)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (mode == PlotlyJsMode.SideBySide)
        {
            PlotlyJs.WriteTo(Path.GetDirectoryName(full)!);
        }

        AtomicFile.WriteAllText(full, ToHtmlDocument(figure, mode));
        return full;
    }

    /// <summary>
    /// An HTML fragment for notebook outputs: a div and a script that draws into it once plotly.js is present. With
    /// <paramref name="includePlotlyJs"/> the fragment also defines plotly.js (bypassing any AMD loader such as
    /// require.js on the page); without it, the script waits for another output to have loaded it.
    /// </summary>
    /// <param name="chart">Chart.</param>
    /// <param name="includePlotlyJs">Whether to inline plotly.js (about 3.6 MB) in this fragment.</param>
    /// <returns>HTML text with a page-unique element id.</returns>
    public static string ToHtmlFragment(GenericChart chart, bool includePlotlyJs)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var figureJson = SafeFigureJson(chart);
        var n = Interlocked.Increment(ref _fragmentCounter);
        var id = "osteo-figure-" + Hash(figureJson) + "-" + n.ToString(CultureInfo.InvariantCulture);
        var (width, height) = Size(figureJson);
        var sb = new StringBuilder((includePlotlyJs ? PlotlyJs.Source.Length : 0) + figureJson.Length + 2048);
        AppendDiv(sb, id, width, height);
        if (includePlotlyJs)
        {
            // Parameters shadow AMD/CommonJS globals so the bundle always sets window.Plotly.
            sb.Append("<script type=\"text/javascript\">\n(function (define, module, exports) {\nif (typeof window.Plotly !== 'undefined') { return; }\n");
            sb.Append(PlotlyJs.Source);
            sb.Append("\n}).call(window);\n</script>\n");
        }

        sb.Append("<script type=\"text/javascript\">\n(function () {\n  var figure = ").Append(figureJson).Append(";\n");
        sb.Append("  var id = '").Append(id).Append("';\n");
        sb.Append("""
              function draw() {
                var el = document.getElementById(id);
                if (el) { el.textContent = ''; }
                window.Plotly.newPlot(id, figure.data, figure.layout, figure.config);
              }
              if (typeof window.Plotly !== 'undefined') { draw(); return; }
              // plotly.js arrives with an earlier output of this page (notebook views show all outputs in one page);
              // wait for it, cheaply, for up to ten minutes.
              var note = document.getElementById(id);
              if (note) { note.textContent = 'Waiting for plotly.js from the first chart output of this notebook...'; }
              var waited = 0;
              var timer = setInterval(function () {
                if (typeof window.Plotly !== 'undefined') { clearInterval(timer); draw(); return; }
                waited += 500;
                if (waited >= 600000) {
                  clearInterval(timer);
                  var el = document.getElementById(id);
                  if (el) { el.textContent = 'plotly.js is not loaded in this view (the output that carried it was cleared or is not shown). Re-run the notebook from the top.'; }
                }
              }, 500);
            })();
            </script>

            """);
        return sb.ToString();
    }

    /// <summary>
    /// The chart's plotly JSON (<c>{"data": [...], "layout": {...}, "config": {...}}</c>) made safe to paste into a
    /// script block: every '&lt;' is escaped so no text in the data can close the script.
    /// </summary>
    /// <param name="chart">Chart.</param>
    public static string SafeFigureJson(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return GenericChart.toJson(chart).Replace("<", "\\u003c", StringComparison.Ordinal);
    }

    private static void AppendDiv(StringBuilder sb, string id, int? width, int? height)
    {
        sb.Append("<div id=\"").Append(id).Append("\" class=\"osteo-figure\" style=\"");
        sb.Append("width:").Append(width is { } w ? w.ToString(CultureInfo.InvariantCulture) + "px" : "100%").Append(';');
        sb.Append("height:").Append((height ?? Figure.DefaultHeight).ToString(CultureInfo.InvariantCulture)).Append("px;\"></div>\n");
    }

    private static (int? Width, int? Height) Size(string figureJson)
    {
        using var doc = JsonDocument.Parse(figureJson);
        int? Get(string name) =>
            doc.RootElement.TryGetProperty("layout", out var layout) && layout.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
                ? (int)Math.Round(v.GetDouble())
                : null;
        return (Get("width"), Get("height"));
    }

    private static string CheckLocalScriptSource(string source)
    {
        var s = source.Trim();
        if (s.Length == 0 || s.StartsWith("//", StringComparison.Ordinal) || s.Contains(':', StringComparison.Ordinal) || s.StartsWith('/'))
        {
            throw new ArgumentException(
                $"Script source '{source}' must be a relative path (for example '{PlotlyJs.FileName}'); figures never load plotly.js from the network.",
                nameof(source));
        }

        return s;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
}
