using OsteoOde.Modeling;

namespace OsteoOde.Models;

/// <summary>One published model offered by the catalog.</summary>
/// <param name="Id">Canonical id (for example <c>pivonka2008</c>).</param>
/// <param name="Title">Human-readable title.</param>
/// <param name="Description">What the model describes.</param>
/// <param name="Sources">Papers and public code.</param>
/// <param name="Parameters">The published parameter table.</param>
/// <param name="CreateComposition">Creates a composition with the published model as base (for adding modules).</param>
public sealed record ModelCatalogEntry(string Id, string Title, string Description, IReadOnlyList<Citation> Sources,
    IReadOnlyList<ParameterSpec> Parameters, Func<ModelComposition> CreateComposition)
{
    /// <summary>The published model (immutable, built once per process).</summary>
    public Model Model => ModelCatalog.ModelFor(Id);

    /// <summary>The named protocols defined for this model.</summary>
    public IReadOnlyList<Scenario> Scenarios => ScenarioCatalog.For(Id);
}

/// <summary>The published models by canonical id (what <c>osteo models</c> lists).</summary>
public static class ModelCatalog
{
    private static readonly ModelCatalogEntry[] Entries =
    [
        Entry(Lemaire2004.Id, Lemaire2004.Model, Lemaire2004.Parameters, Lemaire2004.Composition),
        Entry(Pivonka2008.Id, Pivonka2008.Model, Pivonka2008.Parameters, Pivonka2008.Composition),
        Entry(Scheiner2013.Id, Scheiner2013.Model, Scheiner2013.Parameters, Scheiner2013.Composition),
        Entry(Komarova2003.Id, Komarova2003.Model, Komarova2003.Parameters, Komarova2003.Composition),
    ];

    /// <summary>Every entry, in a stable order.</summary>
    public static IReadOnlyList<ModelCatalogEntry> All => Entries;

    /// <summary>The canonical ids, in catalog order.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. Entries.Select(e => e.Id)];

    /// <summary>Looks up an entry.</summary>
    /// <param name="id">Model id (case-sensitive).</param>
    /// <param name="entry">The entry when found.</param>
    /// <returns>Whether found.</returns>
    public static bool TryGet(string id, out ModelCatalogEntry entry)
    {
        entry = Entries.FirstOrDefault(e => e.Id == id)!;
        return entry is not null;
    }

    /// <summary>The entry for an id.</summary>
    /// <param name="id">Model id.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentException">Unknown id; the message lists the known ids.</exception>
    public static ModelCatalogEntry Get(string id) =>
        TryGet(id, out var entry) ? entry
        : throw new ArgumentException($"Unknown model '{id}'. Known models: {string.Join(", ", Ids)}.", nameof(id));

    internal static Model ModelFor(string id) => id switch
    {
        Lemaire2004.Id => Lemaire2004.Model,
        Pivonka2008.Id => Pivonka2008.Model,
        Scheiner2013.Id => Scheiner2013.Model,
        Komarova2003.Id => Komarova2003.Model,
        _ => throw new ArgumentException($"Unknown model '{id}'. Known models: {string.Join(", ", Ids)}.", nameof(id)),
    };

    private static ModelCatalogEntry Entry(string id, Model model, IReadOnlyList<ParameterSpec> parameters, Func<ModelComposition> composition) =>
        new(id, model.Title, model.Description, model.Sources, parameters, composition);
}
