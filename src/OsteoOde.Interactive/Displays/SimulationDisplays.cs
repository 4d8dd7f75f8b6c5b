using System.Globalization;
using OsteoOde.Modeling;
using OsteoOde.Plotting;

namespace OsteoOde.Interactive;

/// <summary>
/// Shows a simulation result as a status line (status, model, method and tolerances; the message for a failed run) above
/// a compact table of its columns with units.
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

        return value.RowCount == 0 ? html + "</div>" : html + HtmlTable.Render(value.ToSeriesTable(), OsteoDisplays.Tables) + "</div>";
    }

    /// <summary>Escapes HTML-significant characters only (the output is UTF-8, so "·" stays readable).</summary>
    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
