using OsteoOde.Modeling;
using OsteoOde.Models;

namespace OsteoOde.Cli;

/// <summary>A command that works on one model named by <c>--model ID</c>; it also accepts that model's own options.</summary>
public abstract class ModelCommand : CliCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="models">Models addressable by <c>--model</c>.</param>
    protected ModelCommand(CliModelRegistry models)
    {
        ArgumentNullException.ThrowIfNull(models);
        Models = models;
    }

    /// <summary>Models addressable by <c>--model</c>.</summary>
    protected CliModelRegistry Models { get; }

    /// <summary>The <c>--model</c> option.</summary>
    /// <param name="required">Whether the command always needs it.</param>
    /// <returns>The option.</returns>
    protected static OptionSpec ModelOption(bool required = true) =>
        new("model", "ID", "model id (osteo models lists them)", Required: required);

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> OptionsFor(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var id = CommandLineParser.Peek(args, "model");
        var options = id is null ? Options : [.. Options, .. Models.Get(id).Options];
        foreach (var arg in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            var name = arg[2..].Split('=')[0];
            if (options.Any(o => o.Name == name))
            {
                continue;
            }

            var owners = Models.Models.Where(m => m.Options.Any(o => o.Name == name)).Select(m => m.Id).ToList();
            if (owners.Count > 0)
            {
                throw new UsageException(
                    $"option --{name} is an option of model{(owners.Count > 1 ? "s" : "")} {string.Join(", ", owners)}{(id is null ? "; give --model" : $", not of '{id}'")}.");
            }
        }

        return options;
    }

    /// <summary><c>--sbml FILE</c>: the model of an SBML file instead of <c>--model</c>.</summary>
    protected static OptionSpec SbmlOption { get; } =
        new("sbml", "FILE", "use the model of an SBML file (Level 2 or 3 core) instead of --model");

    /// <summary><c>--sbml-initial-events</c>: how the SBML importer treats events whose trigger holds at t = 0.</summary>
    protected static OptionSpec SbmlInitialEventsOption { get; } =
        new("sbml-initial-events", "document|fire|skip", "with --sbml: events whose trigger holds at t = 0 follow the document (default), all fire, or none fire");

    /// <summary>
    /// The model named by <c>--model</c> (built with its options), or imported from <c>--sbml FILE</c> when the command offers
    /// that option. Import warnings come back as notes, to be written to stderr once every argument has been checked (so that a
    /// usage error stays the only line).
    /// </summary>
    /// <param name="args">Parsed arguments.</param>
    /// <returns>The registry entry (for an SBML model: its scenarios are those of the catalog model with the same id), the model and the notes.</returns>
    protected (CliModel Entry, Model Model, IReadOnlyList<string> Notes) ResolveModel(ParsedArguments args)
    {
        var (entry, model, notes, _) = ResolveModel(args, null);
        return (entry, model, notes);
    }

    /// <summary>
    /// The model and, when <paramref name="scenarioName"/> is given, the scenario. A scenario that runs on a model variant (for
    /// example <c>life_course_male</c>) selects that variant by itself; model options on the command line are merged into it
    /// (<see cref="CliModel.ForScenario"/>).
    /// </summary>
    /// <param name="args">Parsed arguments.</param>
    /// <param name="scenarioName">Scenario name, or <see langword="null"/>.</param>
    /// <returns>The registry entry, the model, the notes and the scenario (as merged; <see langword="null"/> without a name).</returns>
    protected (CliModel Entry, Model Model, IReadOnlyList<string> Notes, Scenario? Scenario) ResolveModel(ParsedArguments args, string? scenarioName)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Get("sbml") is { } path)
        {
            if (args.Has("model"))
            {
                throw new UsageException("give either --model ID or --sbml FILE, not both.");
            }

            var notes = new List<string>();
            var model = SbmlModels.Import(path, args.GetChoice("sbml-initial-events", ["document", "fire", "skip"]), Name, notes);
            var scenarios = Models.TryGet(model.Id, out var same) ? same.Scenarios : () => [];
            var imported = new CliModel(model.Id, model.Title, [], _ => model, scenarios);
            return (imported, model, notes, scenarioName is null ? null : ResolveScenario(imported, scenarioName));
        }

        if (args.Has("sbml-initial-events"))
        {
            throw new UsageException("--sbml-initial-events applies only together with --sbml FILE.");
        }

        var id = args.Get("model") ?? throw new UsageException(Options.Any(o => o.Name == "sbml")
            ? "missing required option --model <ID> (or --sbml <FILE>)."
            : "missing required option --model <ID>.");
        var entry = Models.Get(id);
        if (scenarioName is null)
        {
            return (entry, entry.Create(args), [], null);
        }

        var (variant, scenario) = entry.ForScenario(args, ResolveScenario(entry, scenarioName));
        return (entry, variant, [], scenario);
    }

    /// <summary>Writes notes to stderr, one line each.</summary>
    /// <param name="notes">Notes.</param>
    /// <param name="error">Standard error.</param>
    protected static void WriteNotes(IEnumerable<string> notes, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var note in notes)
        {
            error.WriteLine(note);
        }
    }

    /// <summary>A named scenario of a model.</summary>
    /// <param name="entry">The model's registry entry.</param>
    /// <param name="name">Scenario name.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="UsageException">Unknown name; the message lists the model's scenarios, nearest first.</exception>
    protected static Scenario ResolveScenario(CliModel entry, string name)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var scenarios = entry.Scenarios();
        return scenarios.FirstOrDefault(s => s.Name == name)
            ?? throw new UsageException($"model '{entry.Id}': " + CliText.Unknown("scenario", name, "Valid scenarios", scenarios.Select(s => s.Name)));
    }

    /// <inheritdoc/>
    protected override void WriteMoreHelp(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var withOptions = Models.Models.Where(m => m.Options.Count > 0).ToList();
        if (withOptions.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine("Model options (accepted together with --model ID):");
        foreach (var m in withOptions)
        {
            foreach (var o in m.Options)
            {
                writer.WriteLine($"  {m.Id}: {o.Label}  {o.Description}");
            }
        }
    }
}
