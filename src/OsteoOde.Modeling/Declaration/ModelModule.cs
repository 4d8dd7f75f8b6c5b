namespace OsteoOde.Modeling;

/// <summary>
/// A reusable piece of a model (remodelling core, senescence, vesicles, a drug): a name, a description, the declarations it
/// makes on a <see cref="ModelBuilder"/>, and the modules it needs. Modules act on other modules' quantities by name: adding
/// terms to their states' rates, terms to open sums, factors to open products.
/// </summary>
public sealed class ModelModule
{
    private readonly Action<ModelBuilder> _declare;

    /// <summary>Creates a module.</summary>
    /// <param name="name">Module name (an identifier).</param>
    /// <param name="description">What the module adds.</param>
    /// <param name="declare">Declarations, run on the builder when the module is applied.</param>
    /// <param name="dependsOn">Names of modules that must be applied first.</param>
    public ModelModule(string name, string description, Action<ModelBuilder> declare, IEnumerable<string>? dependsOn = null)
    {
        if (!Expr.IsValidName(name))
        {
            throw new ArgumentException($"Module name '{name}' is not an identifier (letter or '_' first, then letters, digits, '_').", nameof(name));
        }

        ArgumentNullException.ThrowIfNull(declare);
        Name = name;
        Description = description ?? "";
        _declare = declare;
        DependsOn = dependsOn?.ToArray() ?? [];
    }

    /// <summary>Module name.</summary>
    public string Name { get; }

    /// <summary>What the module adds.</summary>
    public string Description { get; }

    /// <summary>Modules that must be applied first.</summary>
    public IReadOnlyList<string> DependsOn { get; }

    internal void Declare(ModelBuilder builder) => _declare(builder);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
