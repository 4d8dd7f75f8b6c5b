namespace OsteoOde.Plotting;

/// <summary>Export shortcuts on figures: <c>figure.SaveHtml("fig1.html")</c>, <c>await figure.SavePngAsync("fig1.png")</c>.</summary>
public static class FigureExport
{
    /// <summary>Saves an offline HTML file; see <see cref="HtmlExport.SaveHtml"/>.</summary>
    /// <param name="figure">Figure.</param>
    /// <param name="path">Target path.</param>
    /// <param name="mode">Self-contained (default) or with plotly.js written next to it.</param>
    /// <returns>Full path written.</returns>
    public static string SaveHtml(this IFigure figure, string path, PlotlyJsMode mode = PlotlyJsMode.Embedded) =>
        HtmlExport.SaveHtml(figure, path, mode);

    /// <summary>An offline HTML document; see <see cref="HtmlExport.ToHtmlDocument(IFigure, PlotlyJsMode, string?)"/>.</summary>
    /// <param name="figure">Figure.</param>
    /// <param name="mode">How plotly.js is provided.</param>
    public static string ToHtml(this IFigure figure, PlotlyJsMode mode = PlotlyJsMode.Embedded) => HtmlExport.ToHtmlDocument(figure, mode);

    /// <summary>The plotly JSON of the figure (<c>data</c>, <c>layout</c>, <c>config</c>).</summary>
    /// <param name="figure">Figure.</param>
    public static string ToPlotlyJson(this IFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return Plotly.NET.GenericChart.toJson(figure.ToPlotly());
    }

    /// <summary>Saves a PNG through a local headless browser; see <see cref="StaticImageExport"/>.</summary>
    /// <param name="figure">Figure.</param>
    /// <param name="path">Target path.</param>
    /// <param name="options">Size, scale, browser; null for defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static Task<string> SavePngAsync(this IFigure figure, string path, StaticImageOptions? options = null, CancellationToken cancellationToken = default) =>
        StaticImageExport.SavePngAsync(figure, path, options, cancellationToken);

    /// <summary>Saves an SVG through a local headless browser; see <see cref="StaticImageExport"/>.</summary>
    /// <param name="figure">Figure.</param>
    /// <param name="path">Target path.</param>
    /// <param name="options">Size, browser; null for defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static Task<string> SaveSvgAsync(this IFigure figure, string path, StaticImageOptions? options = null, CancellationToken cancellationToken = default) =>
        StaticImageExport.SaveSvgAsync(figure, path, options, cancellationToken);
}
