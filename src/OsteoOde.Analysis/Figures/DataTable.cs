using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace OsteoOde.Analysis.Figures;

/// <summary>
/// One column of a <see cref="DataTable"/>: numbers with a unit, or text labels (a protocol name, a sex, a mechanism).
/// Values are copied on construction, so the column never changes.
/// </summary>
public sealed class DataColumn
{
    private readonly double[]? _numbers;
    private readonly string[]? _texts;

    private DataColumn(string name, string unit, string description, double[]? numbers, string[]? texts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(description);
        if (name.AsSpan().IndexOfAny("[],\"\r\n") >= 0 || name != name.Trim())
        {
            throw new ArgumentException($"Column name '{name}' must not contain brackets, commas, quotes, line breaks or outer spaces.", nameof(name));
        }

        if (unit.AsSpan().IndexOfAny("[],\"\r\n") >= 0)
        {
            throw new ArgumentException($"Unit '{unit}' of column '{name}' must not contain brackets, commas, quotes or line breaks.", nameof(unit));
        }

        Name = name;
        Unit = unit.Trim();
        Description = description;
        _numbers = numbers;
        _texts = texts;
    }

    /// <summary>A numeric column.</summary>
    /// <param name="name">Column name (no brackets, commas or quotes).</param>
    /// <param name="unit">Unit text (<c>pM</c>, <c>day</c>); empty for a dimensionless quantity.</param>
    /// <param name="values">Values; NaN marks a missing value, infinities are refused.</param>
    /// <param name="description">What the column holds.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentException">A value is infinite, or the name or unit contain forbidden characters.</exception>
    public static DataColumn Numeric(string name, string unit, IEnumerable<double> values, string description = "")
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = values.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            if (double.IsInfinity(copy[i]))
            {
                throw new ArgumentException($"Column '{name}' has an infinite value at row {i}; use NaN for a missing value.", nameof(values));
            }
        }

        return new DataColumn(name, unit, description, copy, null);
    }

    /// <summary>A text column (labels; compared exactly).</summary>
    /// <param name="name">Column name.</param>
    /// <param name="values">Labels (no line breaks).</param>
    /// <param name="description">What the column holds.</param>
    /// <returns>The column.</returns>
    public static DataColumn Text(string name, IEnumerable<string> values, string description = "")
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = values.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i] is null || copy[i].AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"Column '{name}' row {i}: labels must be non-null single-line text.", nameof(values));
            }
        }

        return new DataColumn(name, "", description, null, copy);
    }

    /// <summary>Column name.</summary>
    public string Name { get; }

    /// <summary>Unit text; empty for text columns and dimensionless numbers.</summary>
    public string Unit { get; }

    /// <summary>What the column holds.</summary>
    public string Description { get; }

    /// <summary>Whether the column holds text labels rather than numbers.</summary>
    public bool IsText => _texts is not null;

    /// <summary>Number of values.</summary>
    public int Count => _numbers?.Length ?? _texts!.Length;

    /// <summary>Header label: <c>name [unit]</c>, or the name alone.</summary>
    public string Label => Unit.Length == 0 ? Name : $"{Name} [{Unit}]";

    /// <summary>The numbers (throws for a text column).</summary>
    public ReadOnlyCollection<double> Numbers => Array.AsReadOnly(_numbers ?? throw new InvalidOperationException($"Column '{Name}' holds text, not numbers."));

    /// <summary>The labels (throws for a numeric column).</summary>
    public ReadOnlyCollection<string> Texts => Array.AsReadOnly(_texts ?? throw new InvalidOperationException($"Column '{Name}' holds numbers, not text."));

    internal double[] RawNumbers => _numbers!;

    internal string[] RawTexts => _texts!;

    internal DataColumn Take(int[] rows) => _numbers is not null
        ? new DataColumn(Name, Unit, Description, [.. rows.Select(r => _numbers[r])], null)
        : new DataColumn(Name, Unit, Description, null, [.. rows.Select(r => _texts![r])]);

    internal string Cell(int row) => _numbers is not null ? Format(_numbers[row]) : Quote(_texts![row]);

    internal static string Format(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"") >= 0 || text != text.Trim() || text.Length == 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
}

/// <summary>
/// An immutable table of named columns with units: the data of one figure (long format: label columns such as
/// <c>protocol</c> or <c>sex</c>, then numbers). Written and read as CSV with <c>name [unit]</c> headers and shortest
/// round-trip numbers, so a table read back is bit-identical.
/// </summary>
public sealed class DataTable
{
    private readonly DataColumn[] _columns;
    private readonly Dictionary<string, DataColumn> _byName;

    /// <summary>Creates a table.</summary>
    /// <param name="columns">Columns; at least one, unique names, equal lengths.</param>
    /// <exception cref="ArgumentException">No column, a repeated name, or unequal lengths.</exception>
    public DataTable(IEnumerable<DataColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        if (_columns.Length == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        }

        _byName = new Dictionary<string, DataColumn>(StringComparer.Ordinal);
        foreach (var c in _columns)
        {
            ArgumentNullException.ThrowIfNull(c, nameof(columns));
            if (!_byName.TryAdd(c.Name, c))
            {
                throw new ArgumentException($"Column '{c.Name}' appears twice.", nameof(columns));
            }

            if (c.Count != _columns[0].Count)
            {
                throw new ArgumentException($"Column '{c.Name}' has {c.Count} values but '{_columns[0].Name}' has {_columns[0].Count}.", nameof(columns));
            }
        }
    }

    /// <summary>Columns in order.</summary>
    public IReadOnlyList<DataColumn> Columns => _columns;

    /// <summary>Column names in order.</summary>
    public IReadOnlyList<string> Names => [.. _columns.Select(c => c.Name)];

    /// <summary>Number of rows.</summary>
    public int RowCount => _columns[0].Count;

    /// <summary>A column by name.</summary>
    /// <param name="name">Column name.</param>
    /// <exception cref="ArgumentException">Unknown name; the message lists the columns.</exception>
    public DataColumn this[string name] =>
        _byName.TryGetValue(name ?? throw new ArgumentNullException(nameof(name)), out var c)
            ? c
            : throw new ArgumentException($"The table has no column '{name}'. Columns: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>Whether a column exists.</summary>
    /// <param name="name">Column name.</param>
    /// <returns>Whether found.</returns>
    public bool Contains(string name) => name is not null && _byName.ContainsKey(name);

    /// <summary>The numbers of a numeric column.</summary>
    /// <param name="name">Column name.</param>
    /// <returns>The values.</returns>
    public IReadOnlyList<double> Numbers(string name) => this[name].Numbers;

    /// <summary>The labels of a text column.</summary>
    /// <param name="name">Column name.</param>
    /// <returns>The labels.</returns>
    public IReadOnlyList<string> Texts(string name) => this[name].Texts;

    /// <summary>The distinct labels of a text column in order of first appearance.</summary>
    /// <param name="name">Column name.</param>
    /// <returns>The labels.</returns>
    public IReadOnlyList<string> Distinct(string name) => [.. this[name].RawTexts.Distinct(StringComparer.Ordinal)];

    /// <summary>The rows whose label in <paramref name="column"/> equals <paramref name="value"/>.</summary>
    /// <param name="column">A text column.</param>
    /// <param name="value">Label.</param>
    /// <returns>A new table with the same columns.</returns>
    /// <exception cref="ArgumentException">No row has that label; the message lists the labels.</exception>
    public DataTable Where(string column, string value)
    {
        var texts = this[column].RawTexts ?? throw new ArgumentException($"Column '{column}' holds numbers, not labels.", nameof(column));
        var rows = Enumerable.Range(0, RowCount).Where(r => texts[r] == value).ToArray();
        if (rows.Length == 0)
        {
            throw new ArgumentException($"No row has {column} = '{value}'. Values: {string.Join(", ", Distinct(column))}.", nameof(value));
        }

        return new DataTable(_columns.Select(c => c.Take(rows)));
    }

    /// <summary>The rows whose number in <paramref name="column"/> equals <paramref name="value"/> exactly (for example <c>t</c> = 80).</summary>
    /// <param name="column">A numeric column.</param>
    /// <param name="value">Value.</param>
    /// <returns>A new table with the same columns.</returns>
    /// <exception cref="ArgumentException">The column holds text, or no row has that value.</exception>
    public DataTable Where(string column, double value)
    {
        var numbers = this[column].IsText ? throw new ArgumentException($"Column '{column}' holds labels, not numbers.", nameof(column)) : this[column].RawNumbers;
        var rows = Enumerable.Range(0, RowCount).Where(r => numbers[r].Equals(value)).ToArray();
        if (rows.Length == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"No row has {column} = {value:R} (range {numbers.Min():R} to {numbers.Max():R})."), nameof(value));
        }

        return new DataTable(_columns.Select(c => c.Take(rows)));
    }

    /// <summary>The rows whose number in <paramref name="column"/> is one of <paramref name="values"/> (exact), in table order.</summary>
    /// <param name="column">A numeric column.</param>
    /// <param name="values">Values, for example ages <c>[50, 60, 70]</c>.</param>
    /// <returns>A new table with the same columns.</returns>
    /// <exception cref="ArgumentException">The column holds text, or a value matches no row.</exception>
    public DataTable Where(string column, IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var numbers = this[column].IsText ? throw new ArgumentException($"Column '{column}' holds labels, not numbers.", nameof(column)) : this[column].RawNumbers;
        var missing = values.Where(v => !numbers.Contains(v)).ToList();
        if (missing.Count > 0 || values.Count == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"No row has {column} = {string.Join(" or ", missing.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))} (range {numbers.Min():R} to {numbers.Max():R})."), nameof(values));
        }

        var wanted = values.ToHashSet();
        var rows = Enumerable.Range(0, RowCount).Where(r => wanted.Contains(numbers[r])).ToArray();
        return new DataTable(_columns.Select(c => c.Take(rows)));
    }

    /// <summary>The named columns, in the given order.</summary>
    /// <param name="columns">Column names; at least one.</param>
    /// <returns>A new table.</returns>
    /// <exception cref="ArgumentException">No name or an unknown one.</exception>
    public DataTable Select(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return columns.Length == 0
            ? throw new ArgumentException("Name at least one column.", nameof(columns))
            : new DataTable(columns.Select(c => this[c]));
    }

    /// <summary>Writes the table as CSV: a header of <see cref="DataColumn.Label"/>s, then one line per row (LF line ends,
    /// invariant shortest round-trip numbers, NaN as an empty cell, labels quoted when they contain commas or quotes).</summary>
    /// <param name="writer">Destination.</param>
    public void ToCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(",", _columns.Select(c => c.Label)));
        writer.Write('\n');
        var cells = new string[_columns.Length];
        for (var r = 0; r < RowCount; r++)
        {
            for (var c = 0; c < _columns.Length; c++)
            {
                cells[c] = _columns[c].Cell(r);
            }

            writer.Write(string.Join(",", cells));
            writer.Write('\n');
        }
    }

    /// <summary>The CSV text (<see cref="ToCsv(TextWriter)"/>).</summary>
    /// <returns>The text.</returns>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        ToCsv(writer);
        return writer.ToString();
    }

    /// <summary>
    /// Reads a table written by <see cref="ToCsv(TextWriter)"/>. A column whose every cell parses as a number (or is empty) is
    /// numeric, unless <paramref name="textColumns"/> names it; the others are text.
    /// </summary>
    /// <param name="text">CSV text.</param>
    /// <param name="textColumns">Columns to read as text whatever they contain (for example labels that look like numbers).</param>
    /// <returns>The table.</returns>
    /// <exception cref="FormatException">No header, a row with the wrong number of cells, or an unterminated quote; the message gives the line.</exception>
    public static DataTable FromCsv(string text, IReadOnlyCollection<string>? textColumns = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var count = lines.Length;
        while (count > 0 && lines[count - 1].Length == 0)
        {
            count--;
        }

        if (count == 0)
        {
            throw new FormatException("The CSV text is empty: a header line is needed.");
        }

        var header = SplitLine(lines[0], 1);
        var cells = new List<string[]>(count - 1);
        for (var i = 1; i < count; i++)
        {
            var row = SplitLine(lines[i], i + 1);
            if (row.Length != header.Length)
            {
                throw new FormatException($"CSV line {i + 1} has {row.Length} cells but the header has {header.Length}.");
            }

            cells.Add(row);
        }

        var columns = new List<DataColumn>(header.Length);
        for (var c = 0; c < header.Length; c++)
        {
            var (name, unit) = ParseLabel(header[c]);
            var raw = cells.Select(r => r[c]).ToArray();
            var numbers = new double[raw.Length];
            var numeric = textColumns?.Contains(name) != true;
            for (var r = 0; r < raw.Length && numeric; r++)
            {
                if (raw[r].Length == 0)
                {
                    numbers[r] = double.NaN; // a missing value
                }
                else
                {
                    numeric = double.TryParse(raw[r], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[r]) && double.IsFinite(numbers[r]);
                }
            }

            columns.Add(numeric && (unit.Length > 0 || raw.Length == 0 || raw.Any(v => v.Length > 0))
                ? DataColumn.Numeric(name, unit, numbers)
                : DataColumn.Text(name, raw));
        }

        return new DataTable(columns);
    }

    private static (string Name, string Unit) ParseLabel(string label)
    {
        var text = label.Trim();
        if (text.EndsWith(']'))
        {
            var open = text.LastIndexOf('[');
            if (open > 0)
            {
                return (text[..open].TrimEnd(), text[(open + 1)..^1]);
            }
        }

        return (text, "");
    }

    private static string[] SplitLine(string line, int lineNumber)
    {
        var cells = new List<string>();
        var sb = new StringBuilder();
        var i = 0;
        while (true)
        {
            sb.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new FormatException($"CSV line {lineNumber}: a quoted cell is not closed.");
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    throw new FormatException($"CSV line {lineNumber}: text after a closing quote.");
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    sb.Append(line[i++]);
                }
            }

            cells.Add(sb.ToString());
            if (i >= line.Length)
            {
                return [.. cells];
            }

            i++; // the comma
        }
    }
}
