using System.Collections.Immutable;
using System.Globalization;

namespace OsteoOde.Plotting;

/// <summary>
/// Entry point for figures: trajectories, comparisons, reference overlays, percentile bands, tornado charts, heatmaps and
/// grids. Inputs are plain named arrays with units (<see cref="SeriesTable"/>, <see cref="PercentileSummary"/>, ...);
/// axis titles always carry the units.
/// </summary>
public static class Charts
{
    private static readonly LineDash[] RunDashes = [LineDash.Solid, LineDash.Dash, LineDash.Dot, LineDash.DashDot, LineDash.LongDash];

    private static readonly HashSet<string> ColorScales = new(StringComparer.Ordinal)
    {
        "Blackbody", "Bluered", "Blues", "Cividis", "Earth", "Electric", "Greens", "Greys", "Hot", "Jet",
        "Picnic", "Portland", "Rainbow", "RdBu", "Reds", "Viridis", "YlGnBu", "YlOrRd",
    };

    /// <summary>Several series of one table against its index, one coloured line each, on a shared y axis.</summary>
    /// <param name="table">Data.</param>
    /// <param name="names">Series to draw; none means all. They must share one unit (use <see cref="TrajectoryPanels"/> otherwise).</param>
    /// <returns>The figure; the y title is the series name and unit (for several series: their names, or "value", and the unit).</returns>
    /// <exception cref="ArgumentException">A name is unknown or the units differ.</exception>
    public static Figure Trajectories(SeriesTable table, params string[] names) => Trajectories(table, names, yAxis: null);

    /// <summary>Several series of one table against its index on a shared y axis, with an explicit y-axis quantity.</summary>
    /// <param name="table">Data.</param>
    /// <param name="names">Series to draw; empty means all.</param>
    /// <param name="yAxis">Y-axis quantity (name and unit); null to derive it from the series. Its unit must match theirs.</param>
    /// <exception cref="ArgumentException">A name is unknown or the units differ.</exception>
    public static Figure Trajectories(SeriesTable table, IReadOnlyList<string> names, Quantity? yAxis)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(names);
        var selected = names.Count == 0 ? table : table.Select([.. names]);
        var y = SharedQuantity(selected.Series, yAxis, nameof(names));
        var traces = selected.Series.Select((s, i) =>
            (TraceSpec)new LineSpec(s.Name, selected.RawIndex, s.RawValues, Palette.At(i), LineDash.Solid, 2.0));
        return new Figure(FigureKind.XY, [.. traces], new Axis(table.Index), new Axis(y))
            .WithLegend(selected.Series.Count > 1);
    }

    /// <summary>One panel per series (each with its own unit), in a grid with the given number of columns.</summary>
    /// <param name="table">Data.</param>
    /// <param name="columns">Panels per row, 1 to 6.</param>
    /// <param name="names">Series; none means all.</param>
    /// <exception cref="ArgumentException">A name is unknown.</exception>
    public static FigureGrid TrajectoryPanels(SeriesTable table, int columns, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(names);
        var selected = names.Length == 0 ? table : table.Select(names);
        var panels = selected.Series.Select((s, i) =>
            new Figure(FigureKind.XY, [new LineSpec(s.Name, selected.RawIndex, s.RawValues, Palette.At(i), LineDash.Solid, 2.0)],
                new Axis(table.Index), new Axis(s.Quantity)).WithTitle(s.Name).WithLegend(false));
        return Grid(columns, panels.ToArray());
    }

    /// <summary>
    /// Baseline against scenario: each series keeps one colour, the baseline is solid and the scenario dashed.
    /// </summary>
    /// <param name="baseline">Baseline run.</param>
    /// <param name="scenario">Scenario run (same index quantity and series units).</param>
    /// <param name="names">Series to compare; none means all series of the baseline.</param>
    /// <exception cref="ArgumentException">A series is missing from a run, or units differ.</exception>
    public static Figure Comparison(SeriesTable baseline, SeriesTable scenario, params string[] names) =>
        Comparison([("baseline", baseline), ("scenario", scenario)], names);

    /// <summary>
    /// Several labelled runs of the same series: colour identifies the series, dash pattern the run
    /// (solid, dashed, dotted, ...). Legend entries read <c>OBa (scenario)</c>.
    /// </summary>
    /// <param name="runs">Labelled runs; at least one, at most five, labels unique.</param>
    /// <param name="names">Series to compare; none means all series of the first run.</param>
    /// <exception cref="ArgumentException">Runs disagree on index quantity or series units, a series is missing, or labels repeat.</exception>
    public static Figure Comparison(IReadOnlyList<(string Label, SeriesTable Table)> runs, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(names);
        if (runs.Count is 0 or > 5)
        {
            throw new ArgumentException($"Compare 1 to 5 runs (got {runs.Count}); more are unreadable as dash patterns, use a grid.", nameof(runs));
        }

        var first = runs[0].Table ?? throw new ArgumentNullException(nameof(runs));
        var selectedNames = names.Length == 0 ? first.Names.ToArray() : names;
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var traces = ImmutableArray.CreateBuilder<TraceSpec>();
        for (var r = 0; r < runs.Count; r++)
        {
            var (label, table) = runs[r];
            ArgumentException.ThrowIfNullOrWhiteSpace(label, nameof(runs));
            ArgumentNullException.ThrowIfNull(table, nameof(runs));
            if (!labels.Add(label))
            {
                throw new ArgumentException($"Run label '{label}' is used twice.", nameof(runs));
            }

            if (table.Index != first.Index)
            {
                throw new ArgumentException($"Run '{label}' is indexed by '{table.Index}' but run '{runs[0].Label}' by '{first.Index}'.", nameof(runs));
            }

            for (var s = 0; s < selectedNames.Length; s++)
            {
                var name = selectedNames[s];
                if (!table.Contains(name))
                {
                    throw new ArgumentException($"Run '{label}' has no series '{name}'. Available: {string.Join(", ", table.Names)}.", nameof(names));
                }

                var series = table[name];
                if (series.Unit != first[name].Unit)
                {
                    throw new ArgumentException($"Series '{name}' is in '{series.Unit}' in run '{label}' but in '{first[name].Unit}' in run '{runs[0].Label}'.", nameof(runs));
                }

                traces.Add(new LineSpec($"{name} ({label})", table.RawIndex, series.RawValues, Palette.At(s), RunDashes[r], 2.0));
            }
        }

        var y = SharedQuantity(selectedNames.Select(n => first[n]).ToArray(), null, nameof(names));
        return new Figure(FigureKind.XY, traces.ToImmutable(), new Axis(first.Index), new Axis(y));
    }

    /// <summary>Simulated series as lines with measured or published points on top.</summary>
    /// <param name="table">Simulation output.</param>
    /// <param name="name">Series to compare.</param>
    /// <param name="reference">Reference points in the same units as the series and index.</param>
    public static Figure SimulatedVersusReference(SeriesTable table, string name, ReferencePoints reference) =>
        Trajectories(table, name).WithLegend(true).WithReference(reference);

    /// <summary>Median line with shaded percentile bands (widest band lightest), for ensembles and virtual populations.</summary>
    /// <param name="summary">Median and bands.</param>
    /// <param name="color">Colour as <c>#rrggbb</c> for the median; bands use it with decreasing transparency.</param>
    /// <exception cref="ArgumentException">The colour is not <c>#rrggbb</c>.</exception>
    public static Figure PercentileBands(PercentileSummary summary, string color = "#1f77b4")
    {
        ArgumentNullException.ThrowIfNull(summary);
        var traces = ImmutableArray.CreateBuilder<TraceSpec>();
        var x = summary.Table.RawIndex;
        for (var b = 0; b < summary.Bands.Count; b++)
        {
            var band = summary.Bands[b];
            // Widest band faintest; nested bands darken where they overlap.
            var alpha = 0.18 + (0.12 * b);
            traces.Add(new BandSpec(band.Label, x, [.. band.Lower], [.. band.Upper], Palette.WithAlpha(color, Math.Min(alpha, 0.6)), band.Label));
        }

        traces.Add(new LineSpec("median", x, summary.Table.Series[0].RawValues, color, LineDash.Solid, 2.5));
        return new Figure(FigureKind.XY, traces.ToImmutable(), new Axis(summary.Index), new Axis(summary.Quantity));
    }

    /// <summary>
    /// Tornado chart of one output's sensitivity: for each parameter a bar from the baseline to the output at the
    /// parameter's low value and one to its high value; parameters sorted by largest swing, largest on top.
    /// </summary>
    /// <param name="bars">One entry per parameter; names unique.</param>
    /// <param name="output">Output quantity on the x axis, for example <c>BMD change at 10 years [%]</c>.</param>
    /// <param name="baseline">Output at nominal parameters; bars start here (0 when values are changes).</param>
    /// <param name="lowLabel">Legend text for the low-value bars.</param>
    /// <param name="highLabel">Legend text for the high-value bars.</param>
    /// <exception cref="ArgumentException">No bars, a repeated or empty name, or a non-finite value.</exception>
    public static Figure Tornado(IEnumerable<SensitivityBar> bars, Quantity output, double baseline = 0.0, string lowLabel = "low value", string highLabel = "high value")
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(output);
        if (!double.IsFinite(baseline))
        {
            throw new ArgumentException("The tornado baseline must be finite.", nameof(baseline));
        }

        var list = bars.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A tornado chart needs at least one parameter.", nameof(bars));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bar in list)
        {
            ArgumentNullException.ThrowIfNull(bar, nameof(bars));
            bar.Validate();
            if (!seen.Add(bar.Parameter))
            {
                throw new ArgumentException($"Parameter '{bar.Parameter}' appears twice in the tornado chart.", nameof(bars));
            }
        }

        var sorted = list.OrderByDescending(b => b.Swing(baseline)).ThenBy(b => b.Parameter, StringComparer.Ordinal).ToArray();
        var categories = sorted.Select(b => b.Parameter).ToArray();
        TraceSpec low = new BarSpec(lowLabel, categories, [.. sorted.Select(b => b.LowValue)], baseline, "#1f77b4");
        TraceSpec high = new BarSpec(highLabel, categories, [.. sorted.Select(b => b.HighValue)], baseline, "#d62728");
        var height = Math.Max(260, 90 + (34 * sorted.Length));
        return new Figure(FigureKind.Tornado, [low, high], new Axis(output), new Axis(new Quantity("parameter")))
            .WithSize(Figure.DefaultWidth, Math.Min(height, 10000));
    }

    /// <summary>Colour map of a 2-D scan, for example an output over two parameters.</summary>
    /// <param name="x">Quantity along the columns.</param>
    /// <param name="xValues">Column coordinates, strictly increasing.</param>
    /// <param name="y">Quantity along the rows.</param>
    /// <param name="yValues">Row coordinates, strictly increasing.</param>
    /// <param name="z">Values, indexed <c>z[row (y), column (x)]</c>; NaN marks a failed or missing point (drawn blank).</param>
    /// <param name="zQuantity">Quantity of the values (colour bar title).</param>
    /// <param name="colorScale">A plotly.js named colour scale, for example Viridis, Cividis or RdBu.</param>
    /// <exception cref="ArgumentException">Shapes disagree, coordinates are not increasing, or the colour scale is unknown.</exception>
    public static Figure Heatmap(Quantity x, IEnumerable<double> xValues, Quantity y, IEnumerable<double> yValues, double[,] z, Quantity zQuantity, string colorScale = "Viridis")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(xValues);
        ArgumentNullException.ThrowIfNull(yValues);
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(zQuantity);
        ArgumentNullException.ThrowIfNull(colorScale);
        var xs = xValues.ToArray();
        var ys = yValues.ToArray();
        StrictlyIncreasing(xs, x, nameof(xValues));
        StrictlyIncreasing(ys, y, nameof(yValues));
        if (z.GetLength(0) != ys.Length || z.GetLength(1) != xs.Length)
        {
            throw new ArgumentException(
                $"z is {z.GetLength(0)}×{z.GetLength(1)} but needs {ys.Length} rows ({y.Name}) × {xs.Length} columns ({x.Name}).", nameof(z));
        }

        if (!ColorScales.Contains(colorScale))
        {
            throw new ArgumentException($"Unknown colour scale '{colorScale}'. Known: {string.Join(", ", ColorScales.Order())}.", nameof(colorScale));
        }

        var rows = new double[ys.Length][];
        for (var i = 0; i < ys.Length; i++)
        {
            rows[i] = new double[xs.Length];
            for (var j = 0; j < xs.Length; j++)
            {
                var v = z[i, j];
                if (double.IsInfinity(v))
                {
                    throw new ArgumentException($"z[{i},{j}] is infinite; use NaN for a missing point.", nameof(z));
                }

                rows[i][j] = v;
            }
        }

        return new Figure(FigureKind.Heatmap, [new HeatmapSpec(zQuantity.Name, xs, ys, rows, zQuantity.Label, colorScale)], new Axis(x), new Axis(y))
            .WithLegend(false);
    }

    /// <summary>
    /// Vertical bars, one per category, each split into stacked segments: for example the Shapley shares of mechanisms
    /// (segments) in the bone loss at ages 60, 70 and 80 (categories). Positive segments stack upwards from zero and negative
    /// ones downwards, so a bar's top minus its bottom is the sum of its segments' absolute values and its net height the sum.
    /// </summary>
    /// <param name="category">Quantity along the x axis (for example <c>age [year]</c>).</param>
    /// <param name="categories">Category labels, left to right; unique, at least one.</param>
    /// <param name="value">Quantity of the segment values (y axis, for example <c>share of loss [%]</c>).</param>
    /// <param name="segments">Segments in stacking order (bottom first), each with one value per category; names unique.</param>
    /// <param name="colors">CSS colour per segment (<see langword="null"/>: the palette in order); give them when panels of a grid
    /// have different segment sets, so a segment keeps its colour.</param>
    /// <returns>The figure; segments share one legend entry across grid panels.</returns>
    /// <exception cref="ArgumentException">No category or segment, repeated names, a length mismatch, an infinite value, or a colour count that differs from the segment count.</exception>
    public static Figure StackedBars(Quantity category, IReadOnlyList<string> categories, Quantity value, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> segments,
        IReadOnlyList<string>? colors = null)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(segments);
        if (categories.Count == 0 || categories.Any(string.IsNullOrWhiteSpace) || categories.Distinct(StringComparer.Ordinal).Count() != categories.Count)
        {
            throw new ArgumentException("Stacked bars need at least one category; labels must be non-empty and unique.", nameof(categories));
        }

        if (segments.Count == 0)
        {
            throw new ArgumentException("Stacked bars need at least one segment.", nameof(segments));
        }

        if (colors is not null && (colors.Count != segments.Count || colors.Any(string.IsNullOrWhiteSpace)))
        {
            throw new ArgumentException($"Give one non-empty colour per segment ({segments.Count}), or none.", nameof(colors));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var traces = ImmutableArray.CreateBuilder<TraceSpec>();
        for (var k = 0; k < segments.Count; k++)
        {
            var (name, values) = segments[k];
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(segments));
            ArgumentNullException.ThrowIfNull(values, nameof(segments));
            if (!names.Add(name))
            {
                throw new ArgumentException($"Segment '{name}' appears twice.", nameof(segments));
            }

            if (values.Count != categories.Count)
            {
                throw new ArgumentException($"Segment '{name}' has {values.Count} values for {categories.Count} categories.", nameof(segments));
            }

            if (values.Any(double.IsInfinity))
            {
                throw new ArgumentException($"Segment '{name}' has an infinite value; use NaN for a missing one.", nameof(segments));
            }

            traces.Add(new StackSegmentSpec(name, [.. categories], [.. values], colors?[k] ?? Palette.At(k)));
        }

        return new Figure(FigureKind.StackedBars, traces.ToImmutable(), new Axis(category), new Axis(value));
    }

    /// <summary>Panels in a grid, filled row by row.</summary>
    /// <param name="columns">Panels per row, 1 to 6.</param>
    /// <param name="panels">Figures; at least one, at most 36. Each keeps its own axes; its title becomes the panel title.</param>
    /// <exception cref="ArgumentException">No panels, too many, or a bad column count.</exception>
    public static FigureGrid Grid(int columns, params Figure[] panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (columns is < 1 or > 6)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "Use 1 to 6 columns.");
        }

        if (panels.Length is 0 or > 36)
        {
            throw new ArgumentException($"A grid holds 1 to 36 panels (got {panels.Length}).", nameof(panels));
        }

        foreach (var p in panels)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(panels));
        }

        var cols = Math.Min(columns, panels.Length);
        var rows = (panels.Length + cols - 1) / cols;
        return new FigureGrid([.. panels], rows, cols);
    }

    private static Quantity SharedQuantity(IReadOnlyList<NamedSeries> series, Quantity? requested, string parameter)
    {
        var units = series.Select(s => s.Unit).Distinct(StringComparer.Ordinal).ToArray();
        if (units.Length > 1)
        {
            throw new ArgumentException(
                "Series with different units cannot share a y axis: " +
                string.Join(", ", series.Select(s => s.Quantity.Label)) + ". Use Charts.TrajectoryPanels or select one unit.",
                parameter);
        }

        if (requested is not null)
        {
            if (requested.Unit != units[0])
            {
                throw new ArgumentException($"Y axis '{requested}' does not match the series unit '{units[0]}'.", nameof(requested));
            }

            return requested;
        }

        var name = series.Count switch
        {
            1 => series[0].Name,
            <= 4 => string.Join(", ", series.Select(s => s.Name)),
            _ => "value",
        };
        return new Quantity(name, units[0]);
    }

    private static void StrictlyIncreasing(double[] values, Quantity q, string parameter)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException($"No coordinates for '{q.Name}'.", parameter);
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]) || (i > 0 && values[i] <= values[i - 1]))
            {
                throw new ArgumentException(
                    $"Coordinates of '{q.Name}' must be finite and strictly increasing (position {i}: {values[i].ToString("R", CultureInfo.InvariantCulture)}).",
                    parameter);
            }
        }
    }
}
