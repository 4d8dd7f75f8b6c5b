using OsteoOde.Analysis.Figures;
using OsteoOde.Modeling;
using OsteoOde.Numerics;

namespace OsteoOde.Plotting;

/// <summary>
/// Thin adapters from result types of the lower layers to <see cref="SeriesTable"/>.
/// </summary>
public static class SeriesTableAdapters
{
    /// <summary>
    /// The output of an ODE solve as a table: the output times as index and one series per state component. A failed
    /// solve still tabulates the points it produced (check <see cref="OdeResult.Status"/> before drawing conclusions).
    /// </summary>
    /// <param name="result">Solver output.</param>
    /// <param name="time">Name and unit of the time axis.</param>
    /// <param name="components">Name and unit of every state component, in state order.</param>
    /// <exception cref="ArgumentException">The number of components differs from the result's dimension.</exception>
    public static SeriesTable ToSeriesTable(this OdeResult result, Quantity time, params Quantity[] components)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(components);
        if (components.Length != result.Dimension)
        {
            throw new ArgumentException(
                $"The result has {result.Dimension} components but {components.Length} names were given.", nameof(components));
        }

        return new SeriesTable(time, result.Times, components.Select((q, i) => new NamedSeries(q, result.Component(i))));
    }

    /// <summary>
    /// A simulation result as a table: time (with the model's time unit) as index, then the named columns (time
    /// columns, states, observables) with their units. A failed run tabulates the rows it produced; check
    /// <see cref="SimulationResult.Status"/> before drawing conclusions.
    /// </summary>
    /// <param name="result">Simulation result.</param>
    /// <param name="columns">Columns to include; none means every column after <c>t</c>.</param>
    /// <exception cref="ArgumentException">A column name is unknown (the message lists the available ones).</exception>
    public static SeriesTable ToSeriesTable(this SimulationResult result, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(columns);
        var time = result.Columns[0];
        var chosen = columns.Length == 0
            ? result.Columns.Skip(1).ToArray()
            : columns.Select(name => result.HasColumn(name)
                ? result.Column(name)
                : throw new ArgumentException(
                    $"The result has no column '{name}'. Available: {string.Join(", ", result.ColumnNames.Skip(1))}.", nameof(columns))).ToArray();
        return new SeriesTable(
            new Quantity("time", UnitText(time.Unit)),
            time.Values,
            chosen.Select(c => new NamedSeries(new Quantity(c.Name, UnitText(c.Unit)), c.Values)));
    }

    /// <summary>
    /// A simulation result as a table over another column than time, for example a lifetime run over <c>age</c>:
    /// <c>Charts.Trajectories(women.ToSeriesTableOver("age", "t_score_fn"))</c>. The index column must be non-decreasing.
    /// </summary>
    /// <param name="result">Simulation result.</param>
    /// <param name="index">Column used as index (a time column such as <c>age</c>, or any monotone column).</param>
    /// <param name="columns">Columns to include; none means every column after <c>t</c> except the index.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">A column is unknown (the message lists the available ones) or the index decreases.</exception>
    public static SeriesTable ToSeriesTableOver(this SimulationResult result, string index, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(columns);
        SimulationColumn Get(string name) => result.HasColumn(name) ? result.Column(name)
            : throw new ArgumentException($"The result has no column '{name}'. Available: {string.Join(", ", result.ColumnNames)}.", nameof(columns));
        var x = Get(index);
        var chosen = columns.Length == 0 ? result.Columns.Skip(1).Where(c => c.Name != index).ToArray() : columns.Select(Get).ToArray();
        return new SeriesTable(new Quantity(x.Name, UnitText(x.Unit)), x.Values,
            chosen.Select(c => new NamedSeries(new Quantity(c.Name, UnitText(c.Unit)), c.Values)));
    }

    /// <summary>
    /// Numeric columns of an analysis table as a series table: <paramref name="index"/> becomes the index (it must be
    /// non-decreasing, so select one block of a long table first with <see cref="DataTable.Where(string, string)"/>), the named columns the
    /// series, with their units.
    /// </summary>
    /// <param name="table">Analysis table (for example a figure's data).</param>
    /// <param name="index">Numeric index column.</param>
    /// <param name="columns">Numeric columns; none means every numeric column other than the index.</param>
    /// <returns>The series table.</returns>
    /// <exception cref="ArgumentException">A column is unknown or holds text, or the index decreases.</exception>
    public static SeriesTable ToSeriesTable(this DataTable table, string index, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(columns);
        var names = columns.Length > 0 ? columns : [.. table.Columns.Where(c => !c.IsText && c.Name != index).Select(c => c.Name)];
        var x = table[index];
        return new SeriesTable(new Quantity(x.Name, x.Unit), x.Numbers,
            names.Select(n => table[n]).Select(c => new NamedSeries(new Quantity(c.Name, c.Unit), c.Numbers)));
    }

    /// <summary>Unit as label text; dimensionless columns get no unit.</summary>
    private static string UnitText(Unit unit)
    {
        var text = unit.ToString();
        return text is "1" or "dimensionless" ? string.Empty : text;
    }
}
