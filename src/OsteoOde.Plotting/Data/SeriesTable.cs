using System.Collections.ObjectModel;
using System.Globalization;

namespace OsteoOde.Plotting;

/// <summary>
/// Columnar table of named series over one index (time, age, dose, ...): the neutral shape every chart and table adapter
/// takes. A simulation result maps onto it with one small adapter (index = output times, one series per observable).
/// </summary>
/// <remarks>
/// The index must be finite and non-decreasing (repeated values are allowed: solvers report both sides of a dose event at
/// the same time). Series names are unique (ordinal comparison) and every series has one value per index entry.
/// </remarks>
public sealed class SeriesTable
{
    private readonly double[] _index;
    private readonly Dictionary<string, NamedSeries> _byName;

    /// <summary>Creates a table.</summary>
    /// <param name="index">Name and unit of the index, for example <c>new Quantity("time", "day")</c>.</param>
    /// <param name="indexValues">Index values: finite, non-decreasing.</param>
    /// <param name="series">Columns; each must have as many values as the index.</param>
    /// <exception cref="ArgumentException">An index value is not finite or decreases, a series length differs from the index
    /// length, a name repeats, or there is no series.</exception>
    public SeriesTable(Quantity index, IEnumerable<double> indexValues, IEnumerable<NamedSeries> series)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(indexValues);
        ArgumentNullException.ThrowIfNull(series);
        Index = index;
        _index = indexValues.ToArray();
        for (var i = 0; i < _index.Length; i++)
        {
            if (!double.IsFinite(_index[i]))
            {
                throw new ArgumentException(
                    $"Index '{index.Name}' value at row {i} is {Fmt(_index[i])}; index values must be finite.", nameof(indexValues));
            }

            if (i > 0 && _index[i] < _index[i - 1])
            {
                throw new ArgumentException(
                    $"Index '{index.Name}' decreases at row {i} ({Fmt(_index[i - 1])} then {Fmt(_index[i])}); it must be non-decreasing.",
                    nameof(indexValues));
            }
        }

        var columns = series.ToArray();
        if (columns.Length == 0)
        {
            throw new ArgumentException("A table needs at least one series.", nameof(series));
        }

        _byName = new Dictionary<string, NamedSeries>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(series));
            if (column.Count != _index.Length)
            {
                throw new ArgumentException(
                    $"Series '{column.Name}' has {column.Count} values but index '{index.Name}' has {_index.Length}.", nameof(series));
            }

            if (column.Name == index.Name)
            {
                throw new ArgumentException($"Series name '{column.Name}' is the index name; rename one of them.", nameof(series));
            }

            if (!_byName.TryAdd(column.Name, column))
            {
                throw new ArgumentException($"Series name '{column.Name}' appears more than once.", nameof(series));
            }
        }

        IndexValues = Array.AsReadOnly(_index);
        Series = Array.AsReadOnly(columns);
    }

    /// <summary>Name and unit of the index.</summary>
    public Quantity Index { get; }

    /// <summary>Index values.</summary>
    public ReadOnlyCollection<double> IndexValues { get; }

    /// <summary>Columns in their original order.</summary>
    public ReadOnlyCollection<NamedSeries> Series { get; }

    /// <summary>Number of rows (index values).</summary>
    public int RowCount => _index.Length;

    /// <summary>Series names in column order.</summary>
    public IEnumerable<string> Names => Series.Select(s => s.Name);

    /// <summary>Looks up a series by name.</summary>
    /// <param name="name">Series name (ordinal, case-sensitive).</param>
    /// <exception cref="ArgumentException">No series has that name; the message lists the names that exist.</exception>
    public NamedSeries this[string name] => Get(name, nameof(name));

    /// <summary>True if a series with this name exists.</summary>
    /// <param name="name">Series name.</param>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>A table with the same index and only the named series, in the given order.</summary>
    /// <param name="names">Series names.</param>
    /// <exception cref="ArgumentException">A name is unknown or no name is given.</exception>
    public SeriesTable Select(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length == 0)
        {
            throw new ArgumentException("Name at least one series.", nameof(names));
        }

        return new SeriesTable(Index, _index, names.Select(n => Get(n, nameof(names))));
    }

    /// <summary>
    /// Tabulates functions on an evenly spaced grid, for analytic curves (exact solutions, reference shapes).
    /// </summary>
    /// <param name="index">Name and unit of the index.</param>
    /// <param name="start">First index value.</param>
    /// <param name="end">Last index value, greater than <paramref name="start"/>.</param>
    /// <param name="points">Number of grid points, at least 2.</param>
    /// <param name="columns">Each column's quantity and function of the index value.</param>
    /// <returns>The table; the last grid point is exactly <paramref name="end"/>.</returns>
    /// <exception cref="ArgumentException">The range or point count is invalid, or a function returns an infinite value.</exception>
    public static SeriesTable Tabulate(Quantity index, double start, double end, int points, params (Quantity Quantity, Func<double, double> Function)[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (!double.IsFinite(start) || !double.IsFinite(end) || end <= start)
        {
            throw new ArgumentException($"Need finite start < end; got start={Fmt(start)}, end={Fmt(end)}.", nameof(end));
        }

        if (points < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "At least 2 points are needed.");
        }

        var grid = new double[points];
        var step = (end - start) / (points - 1);
        for (var i = 0; i < points; i++)
        {
            grid[i] = i == points - 1 ? end : start + (i * step);
        }

        return new SeriesTable(index, grid, columns.Select(c => new NamedSeries(c.Quantity, grid.Select(c.Function))));
    }

    internal double[] RawIndex => _index;

    private NamedSeries Get(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (_byName.TryGetValue(name, out var s))
        {
            return s;
        }

        throw new ArgumentException($"No series named '{name}'. Available: {string.Join(", ", Names)}.", parameterName);
    }

    private static string Fmt(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
