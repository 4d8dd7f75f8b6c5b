using Deedle;

namespace OsteoOde.Plotting;

/// <summary>Conversions between <see cref="SeriesTable"/> and Deedle frames.</summary>
public static class DeedleAdapters
{
    /// <summary>
    /// A frame indexed by the table's index values (time, age, ...), one <see cref="double"/> column per series.
    /// NaN values become missing values.
    /// </summary>
    /// <param name="table">Table.</param>
    /// <param name="withUnits">Column keys as <c>OBa [pM]</c> instead of <c>OBa</c>.</param>
    /// <exception cref="ArgumentException">The index repeats a value (event times); use <see cref="ToOrdinalFrame"/> then.</exception>
    public static Frame<double, string> ToFrame(this SeriesTable table, bool withUnits = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        var index = table.RawIndex;
        for (var i = 1; i < index.Length; i++)
        {
            if (index[i] == index[i - 1])
            {
                throw new ArgumentException(
                    $"Index '{table.Index.Name}' repeats the value at rows {i - 1} and {i}; a Deedle frame needs unique row keys. Use ToOrdinalFrame.",
                    nameof(table));
            }
        }

        var columns = table.Series.Select(s => KeyValuePair.Create(
            withUnits ? s.Quantity.Label : s.Name,
            new Series<double, double>(index, s.RawValues)));
        return Frame.FromColumns(columns);
    }

    /// <summary>
    /// A frame with row numbers 0..n-1 as keys: the index is the first column, then one column per series. Column keys
    /// carry units (<c>time [day]</c>, <c>OBa [pM]</c>) when <paramref name="withUnits"/> is true. Works with repeated index values.
    /// </summary>
    /// <param name="table">Table.</param>
    /// <param name="withUnits">Column keys with units.</param>
    public static Frame<int, string> ToOrdinalFrame(this SeriesTable table, bool withUnits = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        var columns = new List<KeyValuePair<string, Series<int, double>>>
        {
            KeyValuePair.Create(withUnits ? table.Index.Label : table.Index.Name, new Series<int, double>(rows, table.RawIndex)),
        };
        columns.AddRange(table.Series.Select(s => KeyValuePair.Create(withUnits ? s.Quantity.Label : s.Name, new Series<int, double>(rows, s.RawValues))));
        return Frame.FromColumns(columns);
    }

    /// <summary>
    /// A table from a frame indexed by numbers. Every column must convert to <see cref="double"/>; missing values become NaN.
    /// Column keys of the form <c>OBa [pM]</c> give name and unit; <paramref name="units"/> supplies units for plain keys.
    /// </summary>
    /// <param name="frame">Frame with numeric row keys in non-decreasing order.</param>
    /// <param name="index">Name and unit of the row keys.</param>
    /// <param name="units">Optional units by column key (for keys without a <c>[unit]</c>).</param>
    /// <exception cref="ArgumentException">A column is not numeric, or row keys are not ordered.</exception>
    public static SeriesTable ToSeriesTable(this Frame<double, string> frame, Quantity index, IReadOnlyDictionary<string, string>? units = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(index);
        var keys = frame.RowKeys.ToArray();
        return new SeriesTable(index, keys, Columns(frame, units));
    }

    /// <summary>
    /// A table from an ordinal frame whose first column (or <paramref name="indexColumn"/>) is the index, for example one
    /// read from CSV. Column keys of the form <c>OBa [pM]</c> give name and unit.
    /// </summary>
    /// <param name="frame">Frame.</param>
    /// <param name="indexColumn">Column holding the index; null for the first column.</param>
    /// <exception cref="ArgumentException">The index column is missing, a column is not numeric, or the index is not ordered.</exception>
    public static SeriesTable ToSeriesTable(this Frame<int, string> frame, string? indexColumn = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var keys = frame.ColumnKeys.ToArray();
        if (keys.Length < 2)
        {
            throw new ArgumentException($"The frame has {keys.Length} column(s); it needs an index column and at least one series.", nameof(frame));
        }

        var indexKey = indexColumn ?? keys[0];
        if (!keys.Contains(indexKey))
        {
            throw new ArgumentException($"The frame has no column '{indexKey}'. Columns: {string.Join(", ", keys)}.", nameof(indexColumn));
        }

        var indexValues = ColumnValues(frame, indexKey);
        var rest = frame.Columns.Keys.Where(k => k != indexKey).ToArray();
        var series = rest.Select(k => new NamedSeries(Quantity.Parse(k), ColumnValues(frame, k)));
        return new SeriesTable(Quantity.Parse(indexKey), indexValues, series);
    }

    private static IEnumerable<NamedSeries> Columns(Frame<double, string> frame, IReadOnlyDictionary<string, string>? units)
    {
        foreach (var key in frame.ColumnKeys)
        {
            var q = Quantity.Parse(key);
            if (q.Unit.Length == 0 && units is not null && units.TryGetValue(key, out var unit))
            {
                q = new Quantity(q.Name, unit);
            }

            yield return new NamedSeries(q, ColumnValues(frame, key));
        }
    }

    private static double[] ColumnValues<TRow>(Frame<TRow, string> frame, string key)
    {
        Series<TRow, double> column;
        try
        {
            column = frame.GetColumn<double>(key);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"Column '{key}' is not numeric: {e.Message}", nameof(frame), e);
        }

        var values = new double[frame.RowCount];
        var i = 0;
        foreach (var observation in column.ObservationsAll)
        {
            values[i++] = observation.Value.HasValue ? observation.Value.Value : double.NaN;
        }

        return values;
    }
}
