using System.Collections.ObjectModel;
using System.Globalization;

namespace OsteoOde.Plotting;

/// <summary>One central interval of an ensemble, for example the 5th to 95th percentile at every index value.</summary>
public sealed class PercentileBand
{
    /// <summary>Creates a band.</summary>
    /// <param name="lowerPercent">Lower percentile in (0, 50), for example 5.</param>
    /// <param name="upperPercent">Upper percentile in (50, 100), for example 95.</param>
    /// <param name="lower">Lower bound at every index value.</param>
    /// <param name="upper">Upper bound at every index value; not below <paramref name="lower"/>.</param>
    /// <exception cref="ArgumentException">Percentiles out of range, counts differ, or upper is below lower somewhere.</exception>
    public PercentileBand(double lowerPercent, double upperPercent, IEnumerable<double> lower, IEnumerable<double> upper)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (!(lowerPercent > 0 && lowerPercent < 50))
        {
            throw new ArgumentOutOfRangeException(nameof(lowerPercent), lowerPercent, "The lower percentile must lie in (0, 50).");
        }

        if (!(upperPercent > 50 && upperPercent < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(upperPercent), upperPercent, "The upper percentile must lie in (50, 100).");
        }

        var lo = lower.ToArray();
        var hi = upper.ToArray();
        if (lo.Length != hi.Length)
        {
            throw new ArgumentException($"Band {Describe(lowerPercent, upperPercent)} has {lo.Length} lower but {hi.Length} upper values.", nameof(upper));
        }

        for (var i = 0; i < lo.Length; i++)
        {
            if (!double.IsFinite(lo[i]) || !double.IsFinite(hi[i]))
            {
                throw new ArgumentException($"Band {Describe(lowerPercent, upperPercent)} has a non-finite bound at row {i}.", nameof(lower));
            }

            if (hi[i] < lo[i])
            {
                throw new ArgumentException(
                    $"Band {Describe(lowerPercent, upperPercent)} has upper < lower at row {i} ({F(hi[i])} < {F(lo[i])}).", nameof(upper));
            }
        }

        LowerPercent = lowerPercent;
        UpperPercent = upperPercent;
        Lower = Array.AsReadOnly(lo);
        Upper = Array.AsReadOnly(hi);
    }

    /// <summary>Lower percentile, in percent.</summary>
    public double LowerPercent { get; }

    /// <summary>Upper percentile, in percent.</summary>
    public double UpperPercent { get; }

    /// <summary>Lower bound per index value.</summary>
    public ReadOnlyCollection<double> Lower { get; }

    /// <summary>Upper bound per index value.</summary>
    public ReadOnlyCollection<double> Upper { get; }

    /// <summary>Legend text, for example <c>5–95 %</c>.</summary>
    public string Label => Describe(LowerPercent, UpperPercent);

    private static string Describe(double lo, double hi) => $"{F(lo)}–{F(hi)} %";

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>
/// Median and nested percentile bands of an ensemble (virtual population, parameter uncertainty) over one index.
/// Computing the percentiles is analysis work; this type only carries them to a chart.
/// </summary>
public sealed class PercentileSummary
{
    /// <summary>Creates a summary.</summary>
    /// <param name="index">Name and unit of the index (for example <c>age [year]</c>).</param>
    /// <param name="indexValues">Index values, finite and non-decreasing.</param>
    /// <param name="quantity">Name and unit of the summarised output.</param>
    /// <param name="median">Median at every index value.</param>
    /// <param name="bands">Bands, each containing the median; drawn widest first. Two bands must not have the same percentiles.</param>
    /// <exception cref="ArgumentException">Counts differ, the median leaves a band, or two bands coincide.</exception>
    public PercentileSummary(Quantity index, IEnumerable<double> indexValues, Quantity quantity, IEnumerable<double> median, IEnumerable<PercentileBand> bands)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        ArgumentNullException.ThrowIfNull(median);
        ArgumentNullException.ThrowIfNull(bands);
        var medianSeries = new NamedSeries(quantity, median);
        Table = new SeriesTable(index, indexValues, [medianSeries]);
        Quantity = quantity;
        var list = bands.OrderByDescending(b => b.UpperPercent - b.LowerPercent).ToArray();
        for (var b = 0; b < list.Length; b++)
        {
            var band = list[b];
            if (band.Lower.Count != Table.RowCount)
            {
                throw new ArgumentException($"Band {band.Label} has {band.Lower.Count} rows but the index has {Table.RowCount}.", nameof(bands));
            }

            for (var i = 0; i < Table.RowCount; i++)
            {
                var m = medianSeries.RawValues[i];
                if (m < band.Lower[i] || m > band.Upper[i])
                {
                    throw new ArgumentException($"The median lies outside band {band.Label} at row {i}.", nameof(bands));
                }
            }

            if (b > 0 && list[b - 1].LowerPercent == band.LowerPercent && list[b - 1].UpperPercent == band.UpperPercent)
            {
                throw new ArgumentException($"Band {band.Label} is given twice.", nameof(bands));
            }
        }

        Bands = Array.AsReadOnly(list);
    }

    /// <summary>Name and unit of the summarised output.</summary>
    public Quantity Quantity { get; }

    /// <summary>Index name and unit.</summary>
    public Quantity Index => Table.Index;

    /// <summary>Index values.</summary>
    public ReadOnlyCollection<double> IndexValues => Table.IndexValues;

    /// <summary>Median per index value.</summary>
    public ReadOnlyCollection<double> Median => Table.Series[0].Values;

    /// <summary>Bands, widest first.</summary>
    public ReadOnlyCollection<PercentileBand> Bands { get; }

    internal SeriesTable Table { get; }
}
