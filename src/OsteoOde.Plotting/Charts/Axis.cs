namespace OsteoOde.Plotting;

/// <summary>Scale of an axis.</summary>
public enum AxisScale
{
    /// <summary>Linear scale.</summary>
    Linear,

    /// <summary>Base-10 logarithmic scale; all plotted values must be positive.</summary>
    Log,
}

/// <summary>Dash pattern of a line.</summary>
public enum LineDash
{
    /// <summary>Continuous line.</summary>
    Solid,

    /// <summary>Dashed line.</summary>
    Dash,

    /// <summary>Dotted line.</summary>
    Dot,

    /// <summary>Dash-dot line.</summary>
    DashDot,

    /// <summary>Long dashes.</summary>
    LongDash,
}

/// <summary>An axis: the quantity it shows (its label carries the unit), the scale and an optional fixed range.</summary>
/// <param name="Quantity">Quantity on the axis; the title is <c>Quantity.Label</c>, for example <c>OBa [pM]</c>.</param>
/// <param name="Scale">Linear or logarithmic.</param>
/// <param name="Min">Lower end of a fixed range in data units, or null for automatic.</param>
/// <param name="Max">Upper end of a fixed range in data units, or null for automatic.</param>
public sealed record Axis(Quantity Quantity, AxisScale Scale = AxisScale.Linear, double? Min = null, double? Max = null)
{
    /// <summary>Axis title as drawn: <c>Name [Unit]</c>.</summary>
    public string Title => Quantity.Label;

    internal void Validate(string parameterName)
    {
        ArgumentNullException.ThrowIfNull(Quantity, parameterName);
        if (Min is { } lo && !double.IsFinite(lo) || Max is { } hi && !double.IsFinite(hi))
        {
            throw new ArgumentException($"Axis '{Title}' range ends must be finite.", parameterName);
        }

        if (Min is { } a && Max is { } b && a >= b)
        {
            throw new ArgumentException($"Axis '{Title}' range needs Min < Max.", parameterName);
        }

        if (Scale == AxisScale.Log && (Min is <= 0 || Max is <= 0))
        {
            throw new ArgumentException($"Logarithmic axis '{Title}' needs a positive range.", parameterName);
        }
    }
}

/// <summary>A labelled horizontal reference line across a plot, for example a diagnostic threshold.</summary>
/// <param name="Value">Height in data units of the y axis.</param>
/// <param name="Label">Text drawn above the line at the right end.</param>
/// <param name="Color">CSS colour.</param>
/// <param name="Dash">Dash pattern.</param>
public sealed record ThresholdLine(double Value, string Label, string Color = "#444444", LineDash Dash = LineDash.Dash);

/// <summary>Common threshold lines.</summary>
public static class Thresholds
{
    /// <summary>WHO osteopenia threshold: T-score −1 (bone mineral density 1 SD below the young-adult mean).</summary>
    /// <remarks>WHO Study Group, Technical Report Series 843 (1994): osteopenia −2.5 &lt; T ≤ −1.</remarks>
    public static ThresholdLine Osteopenia { get; } = new(-1.0, "osteopenia (T = −1)", "#b8860b");

    /// <summary>WHO osteoporosis threshold: T-score −2.5.</summary>
    /// <remarks>WHO Study Group, Technical Report Series 843 (1994): osteoporosis T ≤ −2.5.</remarks>
    public static ThresholdLine Osteoporosis { get; } = new(-2.5, "osteoporosis (T = −2.5)", "#b22222");

    /// <summary>Both WHO T-score thresholds, for a plot whose y axis is a T-score.</summary>
    public static IReadOnlyList<ThresholdLine> WhoTScore { get; } = [Osteopenia, Osteoporosis];
}
