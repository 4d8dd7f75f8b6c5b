using System.Globalization;
using OsteoOde.Modeling;

namespace OsteoOde.Models;

/// <summary>
/// One row of a published parameter table: everything <see cref="ModelBuilder.Parameter(string, double, string, string, Citation, double, double, bool, ParameterScale)"/>
/// needs. Parameter sets are lists of these so that one model structure (for example Pivonka's) can be declared with several
/// published parameterisations.
/// </summary>
/// <param name="Name">Canonical identifier (model-reference identifier table).</param>
/// <param name="Value">Published value in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit text.</param>
/// <param name="Description">What the parameter means.</param>
/// <param name="Source">Paper (table/equation) or public code the value was taken from, with discrepancy notes.</param>
/// <param name="LowerBound">Smallest value scans and fits may use.</param>
/// <param name="UpperBound">Largest value scans and fits may use.</param>
/// <param name="Tunable">Whether fits and sensitivity analyses may vary it.</param>
/// <param name="Scale">Sampling scale (log for rate constants and other positive quantities).</param>
public sealed record ParameterSpec(string Name, double Value, string Unit, string Description, Citation Source, double LowerBound,
    double UpperBound, bool Tunable = true, ParameterScale Scale = ParameterScale.Log)
{
    /// <summary>
    /// A positive parameter whose plausible range is one decade either side of the published value (the default for rate
    /// constants, production rates, binding constants and concentrations whose physiological spread is not published).
    /// </summary>
    /// <param name="name">Canonical identifier.</param>
    /// <param name="value">Published value (positive).</param>
    /// <param name="unit">Unit text.</param>
    /// <param name="description">Meaning.</param>
    /// <param name="source">Source.</param>
    /// <returns>The row, log scale, tunable.</returns>
    public static ParameterSpec Decade(string name, double value, string unit, string description, Citation source) =>
        new(name, value, unit, description, source, Clean(value / 10), Clean(value * 10));

    /// <summary>Declares this parameter on a builder.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The parameter's symbol.</returns>
    public Expr DeclareOn(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Parameter(Name, Value, Unit, Description, Source, LowerBound, UpperBound, Tunable, Scale);
    }

    /// <summary>The same row with a different value and source (bounds move with the value when they were one decade either side).</summary>
    /// <param name="value">New value.</param>
    /// <param name="source">New source.</param>
    /// <returns>The new row.</returns>
    public ParameterSpec WithValue(double value, Citation source)
    {
        var decade = Scale == ParameterScale.Log && IsClose(LowerBound, Value / 10) && IsClose(UpperBound, Value * 10);
        return decade
            ? this with { Value = value, Source = source, LowerBound = Clean(value / 10), UpperBound = Clean(value * 10) }
            : this with { Value = value, Source = source };
    }

    // 0.7/10 is 0.06999999999999999 in binary; bounds are reported to users, so round away the representation noise.
    private static double Clean(double x) => double.Parse(x.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static bool IsClose(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Abs(b);
}
