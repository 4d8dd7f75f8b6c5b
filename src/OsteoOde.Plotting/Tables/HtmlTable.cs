using System.Globalization;
using System.Text;
using Deedle;
using OsteoOde.Modeling;

namespace OsteoOde.Plotting;

/// <summary>Options for compact HTML tables.</summary>
/// <param name="HeadRows">Rows shown from the top.</param>
/// <param name="TailRows">Rows shown from the bottom (after an ellipsis row when rows are skipped).</param>
/// <param name="MaxColumns">Columns shown; the rest are summarised in the caption.</param>
/// <param name="NumberFormat">.NET format for floating-point values, for example <c>G6</c>.</param>
public sealed record TableOptions(int HeadRows = 10, int TailRows = 5, int MaxColumns = 16, string NumberFormat = "G6")
{
    internal void Validate()
    {
        if (HeadRows < 0 || TailRows < 0 || HeadRows + TailRows == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(HeadRows), "Show at least one row: HeadRows and TailRows must be >= 0 with a positive sum.");
        }

        if (MaxColumns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxColumns), MaxColumns, "Show at least one column.");
        }

        try
        {
            _ = 1.0.ToString(NumberFormat, CultureInfo.InvariantCulture);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"NumberFormat '{NumberFormat}' is not a .NET numeric format (try G6, F3 or E4).", nameof(NumberFormat), e);
        }
    }
}

/// <summary>
/// Compact HTML tables (a few kilobytes whatever the data size) for notebooks and reports: head and tail rows, units in the
/// headers, numbers in invariant culture.
/// </summary>
public static class HtmlTable
{
    private const string Style =
        "<style>.osteo-table table{border-collapse:collapse;font:12px/1.35 Menlo,Consolas,monospace}" +
        ".osteo-table th,.osteo-table td{border-bottom:1px solid #ddd;padding:2px 8px;text-align:right}" +
        ".osteo-table th{background:#f3f3f3}.osteo-table caption{text-align:left;font:12px sans-serif;color:#555;padding:2px 0}" +
        ".osteo-table td.gap{text-align:center;color:#888}.osteo-table td.l,.osteo-table th.l{text-align:left}" +
        ".osteo-table tr.changed td{background:#fff3cd}</style>";

    /// <summary>Renders a table (index first, then the series; units in the headers).</summary>
    /// <param name="table">Table.</param>
    /// <param name="options">Row and column limits; null for defaults.</param>
    public static string Render(SeriesTable table, TableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new TableOptions();
        options.Validate();
        var headers = new List<string> { table.Index.Label };
        headers.AddRange(table.Series.Select(s => s.Quantity.Label));
        var index = table.RawIndex;
        string Cell(int row, int column) => column == 0
            ? Number(index[row], options.NumberFormat)
            : Number(table.Series[column - 1].RawValues[row], options.NumberFormat);
        var caption = $"{table.RowCount} rows × {table.Series.Count} series";
        return Build(caption, headers, table.RowCount, Cell, options);
    }

    /// <summary>Renders a Deedle frame (row keys first). Missing values show as empty cells.</summary>
    /// <typeparam name="TRow">Row key type.</typeparam>
    /// <typeparam name="TColumn">Column key type.</typeparam>
    /// <param name="frame">Frame.</param>
    /// <param name="options">Row and column limits; null for defaults.</param>
    public static string Render<TRow, TColumn>(Frame<TRow, TColumn> frame, TableOptions? options = null)
        where TRow : notnull
        where TColumn : notnull
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= new TableOptions();
        options.Validate();
        var shownColumns = Math.Min(frame.ColumnCount, options.MaxColumns);
        var columnKeys = frame.ColumnKeys.Take(shownColumns).ToArray();
        var headers = new List<string> { string.Empty };
        headers.AddRange(columnKeys.Select(k => Text(k, options.NumberFormat)));
        var columns = Enumerable.Range(0, shownColumns).Select(frame.GetColumnAt<object>).ToArray();
        string Cell(int row, int column)
        {
            if (column == 0)
            {
                return Text(frame.GetRowKeyAt(row), options.NumberFormat);
            }

            var v = columns[column - 1].TryGetAt(row);
            return v.HasValue ? Text(v.Value, options.NumberFormat) : string.Empty;
        }

        var caption = $"Frame: {frame.RowCount} rows × {frame.ColumnCount} columns";
        if (shownColumns < frame.ColumnCount)
        {
            caption += $" (first {shownColumns} columns shown)";
        }

        return Build(caption, headers, frame.RowCount, Cell, options);
    }

    /// <summary>Renders a Deedle series as a two-column table (keys, values). Missing values show as empty cells.</summary>
    /// <typeparam name="TKey">Key type.</typeparam>
    /// <typeparam name="TValue">Value type.</typeparam>
    /// <param name="series">Series.</param>
    /// <param name="options">Row limits; null for defaults.</param>
    public static string Render<TKey, TValue>(Series<TKey, TValue> series, TableOptions? options = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= new TableOptions();
        options.Validate();
        var keys = series.Keys.ToArray();
        string Cell(int row, int column)
        {
            if (column == 0)
            {
                return Text(keys[row], options.NumberFormat);
            }

            var v = series.TryGetAt(row);
            return v.HasValue ? Text(v.Value, options.NumberFormat) : string.Empty;
        }

        return Build($"Series: {keys.Length} values", [string.Empty, "value"], keys.Length, Cell, options);
    }

    /// <summary>Renders an analysis table (for example a figure's data): labels left-aligned, units in the headers.</summary>
    /// <param name="table">Table.</param>
    /// <param name="options">Row and column limits; null for defaults.</param>
    /// <returns>The HTML (class <c>osteo-table</c>).</returns>
    public static string Render(Analysis.Figures.DataTable table, TableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new TableOptions();
        options.Validate();
        var columns = table.Columns;
        string Cell(int row, int column) => columns[column].IsText ? columns[column].Texts[row] : Number(columns[column].Numbers[row], options.NumberFormat);
        return Build($"{table.RowCount} rows × {columns.Count} columns", [.. columns.Select(c => c.Label)], table.RowCount, Cell, options,
            [.. columns.Select(c => c.IsText)]);
    }

    /// <summary>
    /// Renders a parameter set: one row per parameter, then per input, with value, unit, allowed range, description and
    /// source. Entries that differ from the model default are highlighted and show the default. Every row is shown (a model
    /// has tens of parameters, not thousands).
    /// </summary>
    /// <param name="set">Parameter set.</param>
    /// <returns>The HTML (class <c>osteo-table</c>).</returns>
    public static string Render(ParameterSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var model = set.Model;
        var changed = set.Diff().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var rows = new List<string[]>();
        var highlighted = new List<bool>();
        foreach (var p in model.Parameters)
        {
            rows.Add([p.Name, "parameter", Value(set[p.Name], p.Value), p.Unit.ToString(), SimulationMessages.Range(p.LowerBound, p.UpperBound),
                p.Description, set.SourceOf(p.Name)?.ToString() ?? ""]);
            highlighted.Add(changed.Contains(p.Name));
        }

        foreach (var i in model.Inputs)
        {
            rows.Add([i.Name, "input", Value(set[i.Name], i.DefaultValue), i.Unit.ToString(), SimulationMessages.Range(i.LowerBound, i.UpperBound),
                i.Description, set.AttachedSource(i.Name)?.ToString() ?? ""]);
            highlighted.Add(changed.Contains(i.Name));
        }

        var caption = $"Parameters of {model.Id}: {model.Parameters.Count} parameters, {model.Inputs.Count} inputs; {changed.Count} changed from the defaults";
        string[] headers = ["name", "kind", "value", "unit", "allowed range", "description", "source"];
        var all = new TableOptions(HeadRows: Math.Max(1, rows.Count), TailRows: 0, MaxColumns: headers.Length);
        return Build(caption, [.. headers], rows.Count, (r, c) => rows[r][c], all, [true, true, false, true, false, true, true], r => highlighted[r]);
    }

    private static string Value(double value, double defaultValue) =>
        BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(defaultValue)
            ? Number(value, "R")
            : $"{Number(value, "R")} (default {Number(defaultValue, "R")})";

    private static string Build(string caption, List<string> headers, int rowCount, Func<int, int, string> cell, TableOptions options,
        bool[]? leftAligned = null, Func<int, bool>? highlight = null)
    {
        var shownColumns = Math.Min(headers.Count, options.MaxColumns + 1);
        var skipped = rowCount - options.HeadRows - options.TailRows;
        var sb = new StringBuilder(1024);
        if (shownColumns < headers.Count)
        {
            caption += $" (first {shownColumns - 1} columns after the index shown)";
        }

        sb.Append("<div class=\"osteo-table\">").Append(Style).Append("<table><caption>").Append(Escape(caption));
        sb.Append("</caption><thead><tr>");
        for (var c = 0; c < shownColumns; c++)
        {
            sb.Append(leftAligned?[c] == true ? "<th class=\"l\">" : "<th>").Append(Escape(headers[c])).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        void Row(int r)
        {
            sb.Append(highlight?.Invoke(r) == true ? "<tr class=\"changed\">" : "<tr>");
            for (var c = 0; c < shownColumns; c++)
            {
                sb.Append(leftAligned?[c] == true ? "<td class=\"l\">" : "<td>").Append(Escape(cell(r, c))).Append("</td>");
            }

            sb.Append("</tr>");
        }

        if (skipped <= 0)
        {
            for (var r = 0; r < rowCount; r++)
            {
                Row(r);
            }
        }
        else
        {
            for (var r = 0; r < options.HeadRows; r++)
            {
                Row(r);
            }

            sb.Append("<tr><td class=\"gap\" colspan=\"").Append(shownColumns.ToString(CultureInfo.InvariantCulture))
              .Append("\">… ").Append(skipped.ToString(CultureInfo.InvariantCulture)).Append(" more rows …</td></tr>");
            for (var r = rowCount - options.TailRows; r < rowCount; r++)
            {
                Row(r);
            }
        }

        sb.Append("</tbody></table></div>");
        return sb.ToString();
    }

    /// <summary>Escapes the HTML-significant characters only; the document is UTF-8, so "×" or "²" stay as they are.</summary>
    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string Number(double value, string format) =>
        double.IsNaN(value) ? string.Empty : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Text(object? value, string format) => value switch
    {
        null => string.Empty,
        double d => Number(d, format),
        float f => Number(f, format),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
