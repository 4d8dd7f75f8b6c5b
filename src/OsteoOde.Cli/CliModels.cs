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
    /// <summary>
    /// The catalog's declarations of the model options (what a scenario's <see cref="Scenario.ModelOptions"/> refer to); empty for
    /// models without options and for hand-made entries.
    /// </summary>
    public IReadOnlyList<ModelOption> VariantOptions { get; init; } = [];

    /// <summary>Builds the variant for option values (absent options take their defaults); <see langword="null"/> without <see cref="VariantOptions"/>.</summary>
    public Func<IReadOnlyDictionary<string, string>, Model>? CreateVariant { get; init; }

    /// <summary>
    /// A catalog model. Its <see cref="ModelCatalogEntry.Options"/> become command-line options: a choice as <c>--NAME a|b</c>, a list
    /// as <c>--NAME x,y</c> (each entry checked against the allowed ones, every valid entry listed on error).
    /// </summary>
    /// <param name="entry">Catalog entry.</param>
    /// <returns>The CLI model.</returns>
    public static CliModel FromCatalog(ModelCatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Options.Count == 0 || entry.Factory is null)
        {
            return new CliModel(entry.Id, entry.Title, [], _ => entry.Model, () => entry.Scenarios);
        }

        var options = entry.Options;
        return new CliModel(entry.Id, entry.Title, [.. options.Select(ToOptionSpec)], args => entry.CreateModel(OptionValues(options, args)), () => entry.Scenarios)
        {
            VariantOptions = options,
            CreateVariant = entry.CreateModel,
        };
    }

    /// <summary>The command-line declaration of a catalog model option.</summary>
    /// <param name="option">Catalog option.</param>
    /// <returns><c>--NAME &lt;a|b&gt;</c> for a choice, <c>--NAME &lt;NAME,...&gt;</c> for a list.</returns>
    public static OptionSpec ToOptionSpec(ModelOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var description = option.IsList || option.DefaultValue.Length == 0 ? option.Description : $"{option.Description} (default {option.DefaultValue})";
        return new OptionSpec(option.Name, option.IsList ? "NAME,..." : string.Join('|', option.AllowedValues), description);
    }

    /// <summary>
    /// The values of the model options given on the command line (absent options are left out, so the model's defaults apply).
    /// A choice must be one of the allowed values; a list is split at commas and every entry must be allowed.
    /// </summary>
    /// <param name="options">Catalog options.</param>
    /// <param name="args">Parsed arguments.</param>
    /// <returns>Values by option name.</returns>
    /// <exception cref="UsageException">A value that is not allowed; the message lists the allowed ones, nearest first.</exception>
    public static Dictionary<string, string> OptionValues(IReadOnlyList<ModelOption> options, ParsedArguments args)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options.Where(o => args.Has(o.Name)))
        {
            if (option.IsList)
            {
                var entries = args.GetList(option.Name);
                foreach (var e in entries.Where(e => !option.AllowedValues.Contains(e, StringComparer.Ordinal)))
                {
                    throw new UsageException($"--{option.Name}: {CliText.Unknown("value", e, "Valid values", option.AllowedValues)}");
                }

                values[option.Name] = string.Join(',', entries.Distinct(StringComparer.Ordinal));
            }
            else
            {
                values[option.Name] = args.GetChoice(option.Name, option.AllowedValues);
            }
        }

        return values;
    }

    /// <summary>
    /// The model variant a scenario runs on, and the scenario itself, with the model options of the command line merged into the
    /// scenario's <see cref="Scenario.ModelOptions"/>: an option the scenario does not set is taken from the command line; a list
    /// option (for example modules to switch off) adds its entries to the scenario's; a choice (for example the sex) must agree
    /// with the scenario's, else the message names the value the scenario needs and the matching scenario when there is one.
    /// </summary>
    /// <param name="args">Parsed arguments.</param>
    /// <param name="scenario">The scenario.</param>
    /// <returns>The model and the scenario (with the merged options, so that it validates against the model).</returns>
    /// <exception cref="UsageException">A choice that contradicts the scenario.</exception>
    public (Model Model, Scenario Scenario) ForScenario(ParsedArguments args, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(scenario);
        if (CreateVariant is null)
        {
            return (Create(args), scenario);
        }

        var given = OptionValues(VariantOptions, args);
        var merged = new Dictionary<string, string>(scenario.ModelOptions, StringComparer.Ordinal);
        foreach (var option in VariantOptions.Where(o => given.ContainsKey(o.Name)))
        {
            var value = given[option.Name];
            if (!merged.TryGetValue(option.Name, out var own))
            {
                merged[option.Name] = value;
            }
            else if (option.IsList)
            {
                merged[option.Name] = string.Join(',', own.Split(',', StringSplitOptions.RemoveEmptyEntries).Union(value.Split(','), StringComparer.Ordinal));
            }
            else if (own != value)
            {
                var twin = Scenarios().FirstOrDefault(s => s.Name == scenario.Name.Replace(own, value, StringComparison.Ordinal)
                    && s.ModelOptions.TryGetValue(option.Name, out var v) && v == value);
                throw new UsageException($"scenario '{scenario.Name}' runs on --{option.Name} {own}; drop --{option.Name} {value}"
                    + (twin is null ? "." : $" or use --scenario {twin.Name}."));
            }
        }

        var same = merged.Count == scenario.ModelOptions.Count && merged.All(kv => scenario.ModelOptions.TryGetValue(kv.Key, out var v) && v == kv.Value);
        return (CreateVariant(merged), same ? scenario : scenario with { ModelOptions = merged });
    }

    /// <summary>Whether a scenario runs on the variant the given model options select (an option neither sets counts as its default; lists compare as sets).</summary>
    /// <param name="args">Parsed arguments.</param>
    /// <param name="scenario">The scenario.</param>
    /// <returns>True when every given model option agrees with the scenario's variant.</returns>
    public bool Matches(ParsedArguments args, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(scenario);
        var given = OptionValues(VariantOptions, args);
        foreach (var option in VariantOptions.Where(o => given.ContainsKey(o.Name)))
        {
            var own = scenario.ModelOptions.TryGetValue(option.Name, out var v) ? v : option.DefaultValue;
            var agrees = option.IsList
                ? own.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal).SetEquals(given[option.Name].Split(','))
                : own == given[option.Name];
            if (!agrees)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A scenario's model options in command-line form (<c>--sex male --off senescence,vesicles</c>), in declaration order.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>The arguments, or empty.</returns>
    public string OptionArguments(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var known = VariantOptions.Select(o => o.Name).ToList();
        return string.Join(' ', scenario.ModelOptions.OrderBy(kv => known.IndexOf(kv.Key) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"--{kv.Key} {kv.Value}"));
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
    /// Every model of <see cref="ModelCatalog"/>, with the options its catalog entry declares (<see cref="CliModel.FromCatalog"/>;
    /// for example the lifetime model's <c>--sex</c> and <c>--off</c>).
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
