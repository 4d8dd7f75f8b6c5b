using System.Collections.Immutable;
using System.Globalization;
using Plotly.NET;

namespace OsteoOde.Plotting;

/// <summary>
/// An immutable chart: traces, axes with units, optional title and threshold lines. Create one with <see cref="Charts"/>;
/// every <c>With…</c> method returns a new figure. Render with <see cref="ToPlotly"/> or the export methods in
/// <see cref="FigureExport"/>.
/// </summary>
public sealed class Figure : IFigure
{
    /// <summary>Default width in CSS pixels.</summary>
    public const int DefaultWidth = 760;

    /// <summary>Default height in CSS pixels.</summary>
    public const int DefaultHeight = 460;

    internal Figure(FigureKind kind, ImmutableArray<TraceSpec> traces, Axis xAxis, Axis yAxis)
    {
        Kind = kind;
        Traces = traces;
        XAxis = xAxis;
        YAxis = yAxis;
        Thresholds = [];
        Width = DefaultWidth;
        Height = DefaultHeight;
    }

    private Figure(Figure other)
    {
        Kind = other.Kind;
        Traces = other.Traces;
        XAxis = other.XAxis;
        YAxis = other.YAxis;
        Title = other.Title;
        Thresholds = other.Thresholds;
        Width = other.Width;
        Height = other.Height;
        ShowLegend = other.ShowLegend;
    }

    /// <inheritdoc />
    public string? Title { get; private init; }

    /// <summary>Horizontal axis.</summary>
    public Axis XAxis { get; private init; }

    /// <summary>Vertical axis.</summary>
    public Axis YAxis { get; private init; }

    /// <summary>Threshold lines, in the order added.</summary>
    public ImmutableArray<ThresholdLine> Thresholds { get; private init; }

    /// <inheritdoc />
    public int Width { get; private init; }

    /// <inheritdoc />
    public int Height { get; private init; }

    /// <summary>Whether the legend is shown.</summary>
    public bool ShowLegend { get; private init; } = true;

    /// <summary>Number of plotly traces the figure draws (a shaded band counts as two: its lower and upper edge).</summary>
    public int TraceCount => Traces.Sum(t => t.PlotlyTraceCount);

    internal FigureKind Kind { get; }

    internal ImmutableArray<TraceSpec> Traces { get; private init; }

    /// <summary>Same figure with a title.</summary>
    /// <param name="title">Title text; null or empty removes it.</param>
    public Figure WithTitle(string? title) => new(this) { Title = string.IsNullOrWhiteSpace(title) ? null : title };

    /// <summary>Same figure with another size.</summary>
    /// <param name="width">Width in CSS pixels, 100 to 10000.</param>
    /// <param name="height">Height in CSS pixels, 100 to 10000.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is outside 100 to 10000.</exception>
    public Figure WithSize(int width, int height)
    {
        FigureChecks.Size(width, height);
        return new(this) { Width = width, Height = height };
    }

    /// <summary>Same figure with a horizontal threshold line and its label, for example T-score −2.5.</summary>
    /// <param name="value">Height in y-axis units.</param>
    /// <param name="label">Label drawn above the line's right end.</param>
    /// <param name="color">CSS colour.</param>
    /// <param name="dash">Dash pattern.</param>
    /// <exception cref="ArgumentException">The value is not finite, or is not positive on a logarithmic axis.</exception>
    public Figure WithThreshold(double value, string label, string color = "#444444", LineDash dash = LineDash.Dash) =>
        WithThresholds([new ThresholdLine(value, label, color, dash)]);

    /// <summary>Same figure with threshold lines added.</summary>
    /// <param name="lines">Lines to add, for example <see cref="Thresholds.WhoTScore"/>.</param>
    /// <exception cref="ArgumentException">A value is not finite, or not positive on a logarithmic axis.</exception>
    public Figure WithThresholds(IEnumerable<ThresholdLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var list = lines.ToArray();
        foreach (var line in list)
        {
            ArgumentNullException.ThrowIfNull(line, nameof(lines));
            ArgumentNullException.ThrowIfNull(line.Label, nameof(lines));
            if (!double.IsFinite(line.Value) || (YAxis.Scale == AxisScale.Log && line.Value <= 0))
            {
                throw new ArgumentException(
                    $"Threshold '{line.Label}' at {line.Value.ToString("R", CultureInfo.InvariantCulture)} cannot be drawn on y axis '{YAxis.Title}'.",
                    nameof(lines));
            }
        }

        return new(this) { Thresholds = Thresholds.AddRange(list) };
    }

    /// <summary>Same figure with another horizontal axis (title, unit, scale, range).</summary>
    /// <param name="axis">New axis.</param>
    public Figure WithXAxis(Axis axis)
    {
        ArgumentNullException.ThrowIfNull(axis);
        axis.Validate(nameof(axis));
        return new(this) { XAxis = axis };
    }

    /// <summary>Same figure with another vertical axis (title, unit, scale, range).</summary>
    /// <param name="axis">New axis.</param>
    public Figure WithYAxis(Axis axis)
    {
        ArgumentNullException.ThrowIfNull(axis);
        axis.Validate(nameof(axis));
        return new(this) { YAxis = axis };
    }

    /// <summary>Same figure with a logarithmic y axis.</summary>
    public Figure WithLogY() => WithYAxis(YAxis with { Scale = AxisScale.Log });

    /// <summary>Same figure with a fixed y range.</summary>
    /// <param name="min">Lower end in data units.</param>
    /// <param name="max">Upper end in data units.</param>
    public Figure WithYRange(double min, double max) => WithYAxis(YAxis with { Min = min, Max = max });

    /// <summary>Same figure with a fixed x range.</summary>
    /// <param name="min">Lower end in data units.</param>
    /// <param name="max">Upper end in data units.</param>
    public Figure WithXRange(double min, double max) => WithXAxis(XAxis with { Min = min, Max = max });

    /// <summary>Same figure with its lines recoloured in order (cycling through <paramref name="colors"/>), for journal colour schemes.</summary>
    /// <param name="colors">CSS colours such as <c>#d62728</c>; at least one.</param>
    /// <exception cref="ArgumentException">No colour, or an empty one.</exception>
    public Figure WithColors(params string[] colors)
    {
        ArgumentNullException.ThrowIfNull(colors);
        if (colors.Length == 0 || colors.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Give at least one non-empty CSS colour.", nameof(colors));
        }

        var i = 0;
        var traces = Traces.Select(t => t is LineSpec line ? line with { Color = colors[i++ % colors.Length] } : t);
        return new(this) { Traces = [.. traces] };
    }

    /// <summary>Same figure with the legend shown or hidden.</summary>
    /// <param name="show">True to show it.</param>
    public Figure WithLegend(bool show) => new(this) { ShowLegend = show };

    /// <summary>Same figure with measured or published points drawn on top (markers, with error bars if given).</summary>
    /// <param name="points">Reference points in the units of this figure's axes.</param>
    /// <param name="color">Marker colour; black by default.</param>
    /// <exception cref="InvalidOperationException">The figure is not an x–y chart.</exception>
    public Figure WithReference(ReferencePoints points, string color = "#000000")
    {
        ArgumentNullException.ThrowIfNull(points);
        RequireKind(FigureKind.XY, nameof(WithReference));
        var symbols = new[] { "circle", "square", "diamond", "triangle-up", "x" };
        var symbol = symbols[Traces.OfType<MarkerSpec>().Count() % symbols.Length];
        var spec = new MarkerSpec(points.Name, [.. points.X], [.. points.Y], points.YError is null ? null : [.. points.YError], color, symbol, points.Source);
        return new(this) { Traces = Traces.Add(spec) };
    }

    /// <summary>
    /// Draws another x–y figure's traces on top of this one (same axes). Axis units must agree; titles, thresholds and size
    /// are taken from this figure.
    /// </summary>
    /// <param name="other">Figure to draw on top.</param>
    /// <exception cref="ArgumentException">The units of the x or y axes differ, or either figure is not an x–y chart.</exception>
    public Figure Overlay(Figure other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Kind != FigureKind.XY || other.Kind != FigureKind.XY)
        {
            throw new ArgumentException("Only x–y charts (lines, markers, bands) can be overlaid.", nameof(other));
        }

        if (XAxis.Quantity.Unit != other.XAxis.Quantity.Unit || YAxis.Quantity.Unit != other.YAxis.Quantity.Unit)
        {
            throw new ArgumentException(
                $"Cannot overlay '{other.YAxis.Title}' vs '{other.XAxis.Title}' on '{YAxis.Title}' vs '{XAxis.Title}': units differ.",
                nameof(other));
        }

        return new(this) { Traces = Traces.AddRange(other.Traces), Thresholds = Thresholds.AddRange(other.Thresholds) };
    }

    /// <inheritdoc />
    public GenericChart ToPlotly()
    {
        var builder = new PlotlyBuilder(Width, Height, Title, ShowLegend);
        builder.AddPanel(this, 1, null);
        return builder.Build();
    }

    private void RequireKind(FigureKind kind, string operation)
    {
        if (Kind != kind)
        {
            throw new InvalidOperationException($"{operation} needs an x–y chart; this figure is a {Kind.ToString().ToLowerInvariant()} chart.");
        }
    }
}

internal static class FigureChecks
{
    public static void Size(int width, int height)
    {
        if (width is < 100 or > 10000)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "Width must lie in [100, 10000] pixels.");
        }

        if (height is < 100 or > 10000)
        {
            throw new ArgumentOutOfRangeException(nameof(height), height, "Height must lie in [100, 10000] pixels.");
        }
    }
}
