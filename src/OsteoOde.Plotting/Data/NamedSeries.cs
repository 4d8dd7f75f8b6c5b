using System.Collections.ObjectModel;

namespace OsteoOde.Plotting;

/// <summary>One named column of numbers with a unit (for example the active osteoblast concentration over time).</summary>
/// <remarks>The values are copied on construction, so later changes to the caller's array do not alter a figure or table.
/// NaN marks a missing value (drawn as a gap); infinities are rejected.</remarks>
public sealed class NamedSeries
{
    private readonly double[] _values;

    /// <summary>Creates a series.</summary>
    /// <param name="quantity">Name and unit.</param>
    /// <param name="values">Values; NaN allowed for missing points, infinities are not.</param>
    /// <exception cref="ArgumentException">A value is infinite.</exception>
    public NamedSeries(Quantity quantity, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        ArgumentNullException.ThrowIfNull(values);
        Quantity = quantity;
        _values = values.ToArray();
        for (var i = 0; i < _values.Length; i++)
        {
            if (double.IsInfinity(_values[i]))
            {
                throw new ArgumentException(
                    $"Series '{quantity.Name}' has an infinite value at position {i}; use NaN for a missing point.", nameof(values));
            }
        }

        Values = Array.AsReadOnly(_values);
    }

    /// <summary>Creates a series from a name, a unit and values.</summary>
    /// <param name="name">Series name.</param>
    /// <param name="unit">Unit text; empty for none.</param>
    /// <param name="values">Values.</param>
    public NamedSeries(string name, string unit, IEnumerable<double> values)
        : this(new Quantity(name, unit), values)
    {
    }

    /// <summary>Name and unit.</summary>
    public Quantity Quantity { get; }

    /// <summary>Series name (same as <c>Quantity.Name</c>).</summary>
    public string Name => Quantity.Name;

    /// <summary>Unit (same as <c>Quantity.Unit</c>).</summary>
    public string Unit => Quantity.Unit;

    /// <summary>The values, read-only.</summary>
    public ReadOnlyCollection<double> Values { get; }

    /// <summary>Number of values.</summary>
    public int Count => _values.Length;

    internal double[] RawValues => _values;
}
