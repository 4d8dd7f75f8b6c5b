namespace OsteoOde.Cli.Commands;

/// <summary><c>osteo models</c>: the models the command line knows.</summary>
public sealed class ModelsCommand : CliCommand
{
    private readonly CliModelRegistry _models;

    /// <summary>Creates the command.</summary>
    /// <param name="models">Models addressable by <c>--model</c>.</param>
    public ModelsCommand(CliModelRegistry models)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = models;
    }

    /// <summary>Columns of the table.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "title", "states", "options", "scenarios", "sources"];

    /// <inheritdoc/>
    public override string Name => "models";

    /// <inheritdoc/>
    public override string Summary => "list the models: ids, titles, states, model options, scenarios and sources";

    /// <inheritdoc/>
    public override string Usage => "models [--format md|csv]";

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } = [new("format", "md|csv", "output format (default md)")];

    /// <inheritdoc/>
    public override string Details => """
        states: canonical order (the CSV column order of osteo simulate); options: options the model accepts with --model ID;
        scenarios: how many named protocols osteo scenarios --model ID lists; sources: papers and public code, separated by '; '.
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var format = args.GetChoice("format", TextTable.Formats);
        var rows = _models.Models.Select(m =>
        {
            var model = m.Create(ParsedArguments.Empty);
            return (IReadOnlyList<string>)[m.Id, m.Title, string.Join(' ', model.States.Select(s => s.Name)),
                string.Join(' ', m.Options.Select(o => o.Label)), m.Scenarios().Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Join("; ", model.Sources.Select(s => s.Text))];
        }).ToList();
        TextTable.Write(streams.Out, format, Columns, rows);
        return ExitCodes.Success;
    }
}
