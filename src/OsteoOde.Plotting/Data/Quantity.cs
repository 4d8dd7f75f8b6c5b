namespace OsteoOde.Plotting;

/// <summary>
/// A named physical quantity with its unit, as shown on axes and table headers: <c>OBa [pM]</c>, <c>age [year]</c>.
/// </summary>
/// <remarks>An empty unit means a dimensionless quantity or one whose unit is implied; the label then shows the name only.</remarks>
public sealed record Quantity
{
    /// <summary>Creates a quantity.</summary>
    /// <param name="name">Display name, for example <c>OBa</c> or <c>T-score</c>; must not be empty or contain brackets.</param>
    /// <param name="unit">Unit text, for example <c>pM</c> or <c>day</c>; empty for none.</param>
    /// <exception cref="ArgumentException">The name is empty, or name or unit contain '[' or ']' (they would make labels ambiguous).</exception>
    public Quantity(string name, string unit = "")
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(unit);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A quantity needs a non-empty name.", nameof(name));
        }

        if (name.AsSpan().IndexOfAny('[', ']') >= 0)
        {
            throw new ArgumentException($"Quantity name '{name}' must not contain '[' or ']'; give the unit separately.", nameof(name));
        }

        if (unit.AsSpan().IndexOfAny('[', ']') >= 0)
        {
            throw new ArgumentException($"Unit '{unit}' of '{name}' must not contain '[' or ']'.", nameof(unit));
        }

        Name = name.Trim();
        Unit = unit.Trim();
    }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Unit text; empty for none.</summary>
    public string Unit { get; }

    /// <summary>Axis or column label: <c>Name [Unit]</c>, or the name alone when there is no unit.</summary>
    public string Label => Unit.Length == 0 ? Name : $"{Name} [{Unit}]";

    /// <summary>Reads a label written by <see cref="Label"/>: <c>"OBa [pM]"</c> gives name <c>OBa</c> and unit <c>pM</c>.</summary>
    /// <param name="label">Label text.</param>
    /// <returns>The quantity; a label without a trailing <c>[unit]</c> gives an empty unit.</returns>
    /// <exception cref="ArgumentException">The label is empty or its brackets are unbalanced.</exception>
    public static Quantity Parse(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var text = label.Trim();
        if (text.EndsWith(']'))
        {
            var open = text.LastIndexOf('[');
            if (open <= 0)
            {
                throw new ArgumentException($"Label '{label}' has a ']' without a matching '[' after a name.", nameof(label));
            }

            return new Quantity(text[..open].TrimEnd(), text[(open + 1)..^1]);
        }

        return new Quantity(text);
    }

    /// <inheritdoc />
    public override string ToString() => Label;
}
