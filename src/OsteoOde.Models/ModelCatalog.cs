using OsteoOde.Modeling;
using OsteoOde.Models.Aging;

namespace OsteoOde.Models;

/// <summary>
/// An option of a catalog model that selects a structural variant (for example the lifetime model's <c>sex</c>); the command
/// line offers it as <c>--NAME VALUE</c>.
/// </summary>
/// <param name="Name">Option name.</param>
/// <param name="Description">What it selects.</param>
/// <param name="DefaultValue">Value when the option is absent.</param>
/// <param name="AllowedValues">Allowed values (for a list option: allowed entries).</param>
/// <param name="IsList">Whether the value is a comma-separated list of allowed entries.</param>
public sealed record ModelOption(string Name, string Description, string DefaultValue, IReadOnlyList<string> AllowedValues, bool IsList = false);

/// <summary>One model offered by the catalog.</summary>
/// <param name="Id">Canonical id (for example <c>pivonka2008</c>).</param>
/// <param name="Title">Human-readable title.</param>
/// <param name="Description">What the model describes.</param>
/// <param name="Sources">Papers and public code.</param>
/// <param name="Parameters">The parameter table (for a model with options: the parameters of the default variant).</param>
/// <param name="CreateComposition">Creates a composition with the model as base (for adding modules; default variant).</param>
public sealed record ModelCatalogEntry(string Id, string Title, string Description, IReadOnlyList<Citation> Sources,
    IReadOnlyList<ParameterSpec> Parameters, Func<ModelComposition> CreateComposition)
{
    /// <summary>The model (default variant; immutable, built once per process).</summary>
    public Model Model => ModelCatalog.ModelFor(Id);

    /// <summary>The named protocols defined for this model.</summary>
    public IReadOnlyList<Scenario> Scenarios => ScenarioCatalog.For(Id);

    /// <summary>Options that select structural variants (empty for the published models).</summary>
    public IReadOnlyList<ModelOption> Options { get; init; } = [];

    /// <summary>Builds the variant selected by option values (<see langword="null"/> for models without options).</summary>
    public Func<IReadOnlyDictionary<string, string>, Model>? Factory { get; init; }

    /// <summary>The model variant for option values (absent options take their defaults).</summary>
    /// <param name="options">Option values by name, or <see langword="null"/> for the default variant.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">An option the model does not have, or a value it does not allow; the message lists the allowed ones.</exception>
    public Model CreateModel(IReadOnlyDictionary<string, string>? options = null)
    {
        if (options is null || options.Count == 0)
        {
            return Model;
        }

        if (Factory is null)
        {
            throw new ArgumentException($"Model '{Id}' has no options (got {string.Join(", ", options.Keys.Select(k => $"'{k}'"))}).", nameof(options));
        }

        return Factory(options);
    }
}

/// <summary>The models by canonical id (what <c>osteo models</c> lists): the published models and the lifetime model <c>aging</c>.</summary>
public static class ModelCatalog
{
    private static readonly ModelCatalogEntry[] Entries =
    [
        Entry(Lemaire2004.Id, Lemaire2004.Model, Lemaire2004.Parameters, Lemaire2004.Composition),
        Entry(Pivonka2008.Id, Pivonka2008.Model, Pivonka2008.Parameters, Pivonka2008.Composition),
        Entry(Scheiner2013.Id, Scheiner2013.Model, Scheiner2013.Parameters, Scheiner2013.Composition),
        Entry(Komarova2003.Id, Komarova2003.Model, Komarova2003.Parameters, Komarova2003.Composition),
        Entry(AgingModel.Id, AgingModel.Model, [.. AgingModel.Model.Parameters.Select(p => AgingParameters.Spec(p.Name))], () => AgingModel.Composition(Sex.Female)) with
        {
            Options = AgingModel.CatalogOptions,
            Factory = values => AgingModel.Create(AgingModel.ParseOptions(values)),
        },
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
        AgingModel.Id => AgingModel.Model,
        _ => throw new ArgumentException($"Unknown model '{id}'. Known models: {string.Join(", ", Ids)}.", nameof(id)),
    };

    private static ModelCatalogEntry Entry(string id, Model model, IReadOnlyList<ParameterSpec> parameters, Func<ModelComposition> composition) =>
        new(id, model.Title, model.Description, model.Sources, parameters, composition);
}
