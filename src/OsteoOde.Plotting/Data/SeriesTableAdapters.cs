using OsteoOde.Numerics;

namespace OsteoOde.Plotting;

/// <summary>
/// Thin adapters from result types of the lower layers to <see cref="SeriesTable"/>. A simulation result of the modeling
/// layer gets one more method here, mapping its observables (with their units) to series.
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
}
