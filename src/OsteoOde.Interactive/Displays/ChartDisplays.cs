using Plotly.NET;
using OsteoOde.Plotting;

namespace OsteoOde.Interactive;

/// <summary>Shows an OsteoOde figure or grid as an offline plotly chart.</summary>
/// <typeparam name="T">Figure type.</typeparam>
public sealed class FigureDisplay<T> : HtmlDisplay<T>
    where T : IFigure
{
    /// <inheritdoc />
    public override string ToHtml(T value) => HtmlExport.ToHtmlFragment(value.ToPlotly(), OsteoDisplays.TakePlotlyJs());
}

/// <summary>
/// Shows any Plotly.NET chart offline (replaces Plotly.NET.Interactive, whose formatter loads plotly.js from a CDN through require.js).
/// </summary>
public sealed class PlotlyChartDisplay : HtmlDisplay<GenericChart>
{
    /// <inheritdoc />
    public override string ToHtml(GenericChart value) => HtmlExport.ToHtmlFragment(value, OsteoDisplays.TakePlotlyJs());
}
