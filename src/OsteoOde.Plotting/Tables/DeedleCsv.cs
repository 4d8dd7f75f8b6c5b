using System.Globalization;
using System.Text;
using Deedle;

namespace OsteoOde.Plotting;

/// <summary>
/// CSV files of <see cref="SeriesTable"/>s through Deedle. The header carries units (<c>time [day],OBa [pM]</c>); values are
/// written with round-trip precision and read back as <see cref="double"/> (Deedle would otherwise infer <c>decimal</c>,
/// which rounds to 28 digits and fails on values like 1e-30).
/// </summary>
public static class DeedleCsv
{
    /// <summary>Writes the table as CSV (index first, then each series), atomically.</summary>
    /// <param name="table">Table.</param>
    /// <param name="path">Target path.</param>
    /// <returns>Full path written.</returns>
    public static string Save(SeriesTable table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var frame = table.ToOrdinalFrame(withUnits: true);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        frame.SaveCsv(writer, includeRowKeys: false, keyNames: null, separator: ',', culture: CultureInfo.InvariantCulture);
        var full = Path.GetFullPath(path);
        AtomicFile.WriteAllText(full, writer.ToString());
        return full;
    }

    /// <summary>Text that may stand for a missing value; anything else that Deedle could not parse is an error.</summary>
    private static readonly HashSet<string> MissingMarkers = new(StringComparer.OrdinalIgnoreCase) { "", "NaN", "NA", "N/A", "#N/A" };

    /// <summary>Reads a CSV written by <see cref="Save"/> (or any CSV whose first column is a numeric index).</summary>
    /// <param name="path">CSV file.</param>
    /// <returns>The table; units come from <c>[unit]</c> in the header.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file has no header, fewer than two columns, or a value that is not a number.</exception>
    public static SeriesTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"CSV file '{full}' does not exist.", full);
        }

        string? header;
        using (var reader = new StreamReader(full, Encoding.UTF8))
        {
            header = reader.ReadLine();
        }

        if (string.IsNullOrWhiteSpace(header))
        {
            throw new InvalidDataException($"CSV file '{full}' is empty or has no header line.");
        }

        var columnCount = header.Split(',').Length;
        if (columnCount < 2)
        {
            throw new InvalidDataException($"CSV file '{full}' has {columnCount} column; an index and at least one series are needed.");
        }

        // Positional schema: every column is float (double). Names stay as in the header.
        var schema = string.Join(",", Enumerable.Repeat("float", columnCount));
        Frame<int, string> frame;
        try
        {
            frame = Frame.ReadCsv(full, hasHeaders: true, inferTypes: false, inferRows: null, schema: schema, separators: ",",
                culture: CultureInfo.InvariantCulture.Name, maxRows: null, missingValues: null, preferOptions: false, encoding: Encoding.UTF8);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"CSV file '{full}' could not be read as numbers: {e.Message}", e);
        }

        RejectSilentlyMissing(full, frame);
        try
        {
            return frame.ToSeriesTable();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"CSV file '{full}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Deedle reads text it cannot parse as a float as a missing value. Compare every missing cell with the file text and
    /// refuse the file unless the cell was empty or an explicit missing marker.
    /// </summary>
    private static void RejectSilentlyMissing(string path, Frame<int, string> frame)
    {
        var keys = frame.ColumnKeys.ToArray();
        List<string[]>? rows = null;
        for (var c = 0; c < keys.Length; c++)
        {
            var column = frame.GetColumnAt<double>(c);
            for (var r = 0; r < frame.RowCount; r++)
            {
                if (column.TryGetAt(r).HasValue)
                {
                    continue;
                }

                rows ??= File.ReadLines(path, Encoding.UTF8).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
                var text = r < rows.Count && c < rows[r].Length ? rows[r][c].Trim().Trim('"') : string.Empty;
                if (!MissingMarkers.Contains(text))
                {
                    throw new InvalidDataException(
                        $"CSV file '{path}', line {r + 2}, column '{keys[c]}': '{text}' is not a number.");
                }
            }
        }
    }
}
