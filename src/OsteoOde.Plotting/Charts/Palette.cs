namespace OsteoOde.Plotting;

/// <summary>Colours used for series, in order. Fixed so the same series keeps its colour across figures of a paper.</summary>
public static class Palette
{
    /// <summary>Ten distinguishable colours (the D3 "category10" set, also plotly's default trace colours).</summary>
    public static IReadOnlyList<string> Default { get; } =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ];

    /// <summary>Colour for the <paramref name="index"/>-th series (cycles after ten).</summary>
    /// <param name="index">Zero-based series number.</param>
    public static string At(int index) => Default[((index % Default.Count) + Default.Count) % Default.Count];

    /// <summary>A CSS <c>rgba()</c> colour from a <c>#rrggbb</c> colour and an opacity, for shaded bands.</summary>
    /// <param name="hex">Colour as <c>#rrggbb</c>.</param>
    /// <param name="alpha">Opacity in [0, 1].</param>
    /// <exception cref="ArgumentException">The colour is not <c>#rrggbb</c> or alpha is outside [0, 1].</exception>
    public static string WithAlpha(string hex, double alpha)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != 7 || hex[0] != '#' || !int.TryParse(hex.AsSpan(1), System.Globalization.NumberStyles.HexNumber, null, out var rgb))
        {
            throw new ArgumentException($"Colour '{hex}' is not of the form #rrggbb.", nameof(hex));
        }

        if (!(alpha >= 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Opacity must lie in [0, 1].");
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"rgba({(rgb >> 16) & 255},{(rgb >> 8) & 255},{rgb & 255},{alpha:0.###})");
    }
}
