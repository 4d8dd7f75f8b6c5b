using OsteoOde.Models;

namespace OsteoOde.Cli.Commands;

/// <summary><c>osteo scenarios</c>: the named protocols of a model.</summary>
public sealed class ScenariosCommand : ModelCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="models">Models addressable by <c>--model</c>.</param>
    public ScenariosCommand(CliModelRegistry models)
        : base(models)
    {
    }

    /// <summary>Columns of the table.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["name", "title", "t_end", "step", "inputs", "init", "set", "options", "description", "source"];

    /// <inheritdoc/>
    public override string Name => "scenarios";

    /// <inheritdoc/>
    public override string Summary => "list the named protocols of a model (for simulate --scenario)";

    /// <inheritdoc/>
    public override string Usage => "scenarios --model ID [model options] [--format md|csv]";

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } = [ModelOption(), new("format", "md|csv", "output format (default md)")];

    /// <inheritdoc/>
    public override string Details => """
        Each scenario is the same run as explicit options: inputs are --input arguments, init are --init STATE=VALUE, set are
        --set NAME=VALUE, options the model options of the variant it runs on (osteo simulate --scenario picks that variant
        itself), t_end is --t-end and step the output spacing (--step). Doses and state scalings of a scenario (for example
        the senolytic cycles of the lifetime model) are named in its description; they have no command-line form.

        With model options (for example --sex male) only the scenarios that run on that variant are listed.

        Example:
          osteo scenarios --model pivonka2008
          osteo scenarios --model aging --sex male
          osteo simulate --model pivonka2008 --scenario addRANKL --observables
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var entry = Models.Get(args.Require("model", "ID"));
        var format = args.GetChoice("format", TextTable.Formats);
        var rows = entry.Scenarios().Where(s => entry.Matches(args, s)).Select(s => (IReadOnlyList<string>)
        [
            s.Name, s.Title, CliText.F(s.EndTime), CliText.F(s.OutputInterval), string.Join(' ', s.InputArguments),
            Assignments(s.InitialState), Assignments(s.ParameterValues), entry.OptionArguments(s), s.Description, s.Source.ToString(),
        ]).ToList();
        TextTable.Write(streams.Out, format, Columns, rows);
        return ExitCodes.Success;
    }

    private static string Assignments(IReadOnlyDictionary<string, double> values) =>
        string.Join(' ', values.Select(kv => $"{kv.Key}={CliText.F(kv.Value)}"));
}
