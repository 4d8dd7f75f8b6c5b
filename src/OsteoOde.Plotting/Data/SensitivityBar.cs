using System.Globalization;

namespace OsteoOde.Plotting;

/// <summary>
/// One row of a tornado chart: how much an output moves when one parameter is set to its low and to its high value.
/// </summary>
/// <param name="Parameter">Parameter name (with its perturbation if useful, for example <c>kRANKL ±20 %</c>).</param>
/// <param name="LowValue">Output (or output change) with the parameter at its low value.</param>
/// <param name="HighValue">Output (or output change) with the parameter at its high value.</param>
public sealed record SensitivityBar(string Parameter, double LowValue, double HighValue)
{
    /// <summary>Largest distance of either value from <paramref name="baseline"/>; the chart sorts by it.</summary>
    /// <param name="baseline">Reference value the bars start from.</param>
    public double Swing(double baseline) => Math.Max(Math.Abs(LowValue - baseline), Math.Abs(HighValue - baseline));

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Parameter))
        {
            throw new ArgumentException("A sensitivity bar needs a parameter name.", nameof(Parameter));
        }

        if (!double.IsFinite(LowValue) || !double.IsFinite(HighValue))
        {
            throw new ArgumentException(
                $"Sensitivity of '{Parameter}' is not finite (low {LowValue.ToString("R", CultureInfo.InvariantCulture)}, high {HighValue.ToString("R", CultureInfo.InvariantCulture)}).",
                nameof(LowValue));
        }
    }
}
