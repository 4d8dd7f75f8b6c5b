using OsteoOde.Modeling;
using OsteoOde.Models;

namespace OsteoOde.Cli;

/// <summary>
/// A model addressable by <c>--model ID</c>. A model may declare its own options (for example a lifetime model's
/// <c>--sex female|male</c>); they are accepted only together with <c>--model ID</c>, listed by <c>osteo models</c> and in the
/// help of every model command, and passed to <see cref="Create"/>, which builds the model variant they select.
/// </summary>
/// <param name="Id">Model id.</param>
/// <param name="Title">Title for listings.</param>
/// <param name="Options">Options of this model (none for the published models).</param>
/// <param name="Create">Builds the model from the parsed arguments (its options; absent options take their defaults).</param>
/// <param name="Scenarios">Named protocols of the model (<c>--scenario</c>).</param>
public sealed record CliModel(string Id, string Title, IReadOnlyList<OptionSpec> Options, Func<ParsedArguments, Model> Create,
    Func<IReadOnlyList<Scenario>> Scenarios)
{
    /// <summary>A catalog model without options.</summary>
    /// <param name="entry">Catalog entry.</param>
    /// <returns>The CLI model.</returns>
    public static CliModel FromCatalog(ModelCatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new CliModel(entry.Id, entry.Title, [], _ => entry.Model, () => entry.Scenarios);
    }
}

/// <summary>The models the command line knows, by id (catalog order).</summary>
public sealed class CliModelRegistry
{
    private readonly CliModel[] _models;

    /// <summary>Creates a registry.</summary>
    /// <param name="models">Models (ids must be unique).</param>
    public CliModelRegistry(IEnumerable<CliModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = [.. models];
        var duplicate = _models.GroupBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Model id '{duplicate.Key}' is registered more than once.", nameof(models));
        }
    }

    /// <summary>
    /// Every model of <see cref="ModelCatalog"/>. Models with options are registered here by replacing their catalog entry with a
    /// <see cref="CliModel"/> that declares the options and builds the chosen variant.
    /// </summary>
    public static CliModelRegistry Default { get; } = new(ModelCatalog.All.Select(CliModel.FromCatalog));

    /// <summary>The models in listing order.</summary>
    public IReadOnlyList<CliModel> Models => _models;

    /// <summary>The ids in listing order.</summary>
    public IReadOnlyList<string> Ids => [.. _models.Select(m => m.Id)];

    /// <summary>Looks up a model.</summary>
    /// <param name="id">Model id.</param>
    /// <param name="model">The model when found.</param>
    /// <returns>Whether found.</returns>
    public bool TryGet(string id, out CliModel model)
    {
        model = _models.FirstOrDefault(m => m.Id == id)!;
        return model is not null;
    }

    /// <summary>The model for an id.</summary>
    /// <param name="id">Model id.</param>
    /// <returns>The model.</returns>
    /// <exception cref="UsageException">Unknown id; the message lists the ids, nearest first.</exception>
    public CliModel Get(string id) =>
        TryGet(id, out var model) ? model : throw new UsageException(CliText.Unknown("model", id, "Valid models", Ids));
}
