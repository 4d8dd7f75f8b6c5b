using System.Diagnostics.CodeAnalysis;

namespace OsteoOde.Numerics;

/// <summary>
/// An immutable set of integration methods looked up by name (case-insensitive). <see cref="Default"/> holds the built-in
/// methods; <see cref="With"/> returns a new catalog with an extra method, so adding a method never changes a shared registry.
/// </summary>
public sealed class OdeMethodCatalog
{
    private readonly Dictionary<string, IOdeMethod> _byName;

    /// <summary>Creates a catalog from methods with distinct names.</summary>
    /// <param name="methods">Methods.</param>
    public OdeMethodCatalog(IEnumerable<IOdeMethod> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        _byName = new Dictionary<string, IOdeMethod>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<IOdeMethod>();
        foreach (var method in methods)
        {
            if (!_byName.TryAdd(method.Name, method))
            {
                throw new ArgumentException($"Two methods are named '{method.Name}'.", nameof(methods));
            }

            ordered.Add(method);
        }

        Methods = ordered;
    }

    /// <summary>The built-in methods.</summary>
    public static OdeMethodCatalog Default { get; } = new(BuiltInMethods.All());

    /// <summary>Methods in registration order.</summary>
    public IReadOnlyList<IOdeMethod> Methods { get; }

    /// <summary>Method names in registration order.</summary>
    public IEnumerable<string> Names => Methods.Select(m => m.Name);

    /// <summary>Looks up a method by name.</summary>
    /// <param name="name">Method name (case-insensitive).</param>
    /// <param name="method">The method when found.</param>
    /// <returns>Whether the name is known.</returns>
    public bool TryGet(string name, [NotNullWhen(true)] out IOdeMethod? method) =>
        _byName.TryGetValue(name ?? string.Empty, out method);

    /// <summary>Looks up a method by name and throws <see cref="ArgumentException"/> listing valid names when unknown.</summary>
    /// <param name="name">Method name.</param>
    /// <returns>The method.</returns>
    public IOdeMethod Get(string name) =>
        TryGet(name, out var method)
            ? method
            : throw new ArgumentException($"Unknown method '{name}'. Valid methods: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>Returns a new catalog with <paramref name="method"/> added.</summary>
    /// <param name="method">Method to add (its name must be new).</param>
    /// <returns>The extended catalog.</returns>
    public OdeMethodCatalog With(IOdeMethod method) => new(Methods.Append(method));
}
