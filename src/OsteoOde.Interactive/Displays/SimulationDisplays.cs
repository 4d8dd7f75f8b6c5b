using System.Globalization;
using OsteoOde.Modeling;
using OsteoOde.Plotting;

namespace OsteoOde.Interactive;

/// <summary>
/// Shows a simulation result as a status line (status, model, method and tolerances; the message for a failed run), a chart
/// of its states (one panel per unit, so states in pM and a bone volume in % are not forced onto one axis) and a compact
/// table of every column with units. Observables are in the table; plot them with
/// <c>Charts.Trajectories(result.ToSeriesTable("RANKL", "OPG"))</c>.
/// </summary>
public sealed class SimulationResultDisplay : HtmlDisplay<SimulationResult>
{
    /// <inheritdoc />
    public override string ToHtml(SimulationResult value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var m = value.Metadata;
        var colour = value.IsSuccess ? "#2e7d32" : "#c62828";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{value.Status} · model {m.ModelId} · {m.Method}, rtol {m.RelativeTolerance:G3}, atol {m.AbsoluteTolerance:G3} · {value.RowCount} rows");
        if (m.ParameterChanges.Count > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $" · {m.ParameterChanges.Count} parameter change(s)");
        }

        var html = $"<div class=\"osteo-simulation\"><div style=\"font:12px sans-serif;color:{colour};margin:2px 0\">{Escape(line)}</div>";
        if (!value.IsSuccess)
        {
            html += $"<div style=\"font:12px sans-serif;color:#c62828;margin:2px 0\">{Escape(value.Message)}</div>";
        }

        if (value.RowCount == 0)
        {
            return html + "</div>";
        }

        if (value.RowCount >= 2 && OsteoDisplays.SimulationCharts)
        {
            html += HtmlExport.ToHtmlFragment(StateChart(value).ToPlotly(), OsteoDisplays.TakePlotlyJs());
        }

        return html + HtmlTable.Render(value.ToSeriesTable(), OsteoDisplays.Tables) + "</div>";
    }

    /// <summary>
    /// The states of a result against time: one chart when they share a unit, else one panel per unit (at most three panels
    /// a row), each titled with its unit.
    /// </summary>
    /// <param name="result">A result with at least two rows.</param>
    /// <returns>The chart.</returns>
    public static IFigure StateChart(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = result.ToSeriesTable([.. result.StateNames]);
        var groups = table.Series.GroupBy(s => s.Unit, StringComparer.Ordinal).ToList();
        if (groups.Count == 1)
        {
            return Charts.Trajectories(table).WithSize(760, 380);
        }

        var panels = groups.Take(36).Select(g => Charts.Trajectories(table.Select([.. g.Select(s => s.Name)]))
            .WithTitle(g.Key.Length == 0 ? "dimensionless" : g.Key)).ToArray();
        var columns = Math.Min(3, panels.Length);
        var rows = (panels.Length + columns - 1) / columns;
        return Charts.Grid(columns, panels).WithSize(Math.Max(760, 400 * columns), (300 * rows) + 60);
    }

    /// <summary>Escapes HTML-significant characters only (the output is UTF-8, so "·" stays readable).</summary>
    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}

/// <summary>Shows a parameter set as a table of every parameter and input: value (with the default when changed, highlighted), unit, allowed range, description, source.</summary>
public sealed class ParameterSetDisplay : HtmlDisplay<ParameterSet>
{
    /// <inheritdoc />
    public override string ToHtml(ParameterSet value) => HtmlTable.Render(value);
}

/// <summary>Shows a model as its equations typeset in MathML (with the LaTeX source to copy) and its parameter table.</summary>
public sealed class ModelDisplay : HtmlDisplay<Model>
{
    /// <inheritdoc />
    public override string ToHtml(Model value) => ModelHtml.Render(value);
}

/// <summary>Shows an analysis table (for example a figure's data) compactly: head and tail rows, units in the headers.</summary>
public sealed class DataTableDisplay : HtmlDisplay<Analysis.Figures.DataTable>
{
    /// <inheritdoc />
    public override string ToHtml(Analysis.Figures.DataTable value) => HtmlTable.Render(value, OsteoDisplays.Tables);
}

/// <summary>
/// Shows computed figure data as the figure (<see cref="FigureCharts.Render"/>), a provenance line (models with content hashes,
/// solver settings, parameter changes) and a compact table of the data.
/// </summary>
public sealed class FigureDataDisplay : HtmlDisplay<Analysis.Figures.FigureData>
{
    /// <inheritdoc />
    public override string ToHtml(Analysis.Figures.FigureData value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var models = string.Join(", ", value.Models.Select(m => (m.Variant.Length == 0 ? m.Id : $"{m.Id} ({m.Variant})") + " " + m.ContentHash[..12] + "…"));
        var changes = value.Settings.Parameters.Count == 0 ? "published parameters"
            : string.Join(", ", value.Settings.Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} = {p.Value:R}")));
        var line = string.Create(CultureInfo.InvariantCulture,
            $"figure {value.Name} · {models} · {value.Solver.Method}, rtol {value.Solver.RelativeTolerance:G3}, atol {value.Solver.AbsoluteTolerance:G3} · {changes}");
        return "<div class=\"osteo-figure-data\"><div style=\"font:12px sans-serif;color:#555;margin:2px 0\">" + EscapeMarkup(line) + "</div>"
            + HtmlExport.ToHtmlFragment(FigureCharts.Render(value).ToPlotly(), OsteoDisplays.TakePlotlyJs())
            + HtmlTable.Render(value.Table, OsteoDisplays.Tables) + "</div>";
    }

    // Escapes only markup characters so that text such as '·' or 'µ' stays readable in the saved notebook.
    private static string EscapeMarkup(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
