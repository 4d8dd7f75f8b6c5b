using System.Collections.ObjectModel;
using System.Globalization;

namespace OsteoOde.Plotting;

/// <summary>
/// Measured or published points to compare a simulation with (for example digitised BMD changes from a trial), with
/// optional symmetric error bars and a citation.
/// </summary>
public sealed class ReferencePoints
{
    /// <summary>Creates a set of reference points.</summary>
    /// <param name="name">Legend name, for example <c>Bone et al. 2011</c>.</param>
    /// <param name="x">Abscissae; finite.</param>
    /// <param name="y">Ordinates; finite, same count as <paramref name="x"/>.</param>
    /// <param name="yError">Optional half-widths of error bars (for example one standard deviation); finite, non-negative.</param>
    /// <param name="source">Optional citation shown in the hover text.</param>
    /// <exception cref="ArgumentException">Counts differ, a value is not finite, or an error is negative.</exception>
    public ReferencePoints(string name, IEnumerable<double> x, IEnumerable<double> y, IEnumerable<double>? yError = null, string? source = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Name = name;
        Source = source;
        var xs = x.ToArray();
        var ys = y.ToArray();
        if (xs.Length != ys.Length)
        {
            throw new ArgumentException($"Reference '{name}' has {xs.Length} x values but {ys.Length} y values.", nameof(y));
        }

        RequireFinite(xs, name, "x", nameof(x));
        RequireFinite(ys, name, "y", nameof(y));
        X = Array.AsReadOnly(xs);
        Y = Array.AsReadOnly(ys);
        if (yError is not null)
        {
            var es = yError.ToArray();
            if (es.Length != xs.Length)
            {
                throw new ArgumentException($"Reference '{name}' has {xs.Length} points but {es.Length} error values.", nameof(yError));
            }

            RequireFinite(es, name, "error", nameof(yError));
            for (var i = 0; i < es.Length; i++)
            {
                if (es[i] < 0)
                {
                    throw new ArgumentException(
                        $"Reference '{name}' error at point {i} is {es[i].ToString("R", CultureInfo.InvariantCulture)}; errors must be >= 0.",
                        nameof(yError));
                }
            }

            YError = Array.AsReadOnly(es);
        }
    }

    /// <summary>Legend name.</summary>
    public string Name { get; }

    /// <summary>Citation or provenance, if given.</summary>
    public string? Source { get; }

    /// <summary>Abscissae.</summary>
    public ReadOnlyCollection<double> X { get; }

    /// <summary>Ordinates.</summary>
    public ReadOnlyCollection<double> Y { get; }

    /// <summary>Error bar half-widths, or null.</summary>
    public ReadOnlyCollection<double>? YError { get; }

    private static void RequireFinite(double[] values, string name, string what, string parameter)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Reference '{name}' {what} at point {i} is not finite.", parameter);
            }
        }
    }
}
