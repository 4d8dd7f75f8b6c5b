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
    public static IReadOnlyList<string> Columns { get; } = ["name", "title", "t_end", "step", "inputs", "init", "set", "description", "source"];

    /// <inheritdoc/>
    public override string Name => "scenarios";

    /// <inheritdoc/>
    public override string Summary => "list the named protocols of a model (for simulate --scenario)";

    /// <inheritdoc/>
    public override string Usage => "scenarios --model ID [--format md|csv]";

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } = [ModelOption(), new("format", "md|csv", "output format (default md)")];

    /// <inheritdoc/>
    public override string Details => """
        Each scenario is the same run as explicit options: inputs are --input arguments, init are --init STATE=VALUE, set are
        --set NAME=VALUE, t_end is --t-end and step the output spacing (--step).

        Example:
          osteo scenarios --model pivonka2008
          osteo simulate --model pivonka2008 --scenario addRANKL --observables
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var (entry, _, _) = ResolveModel(args);
        var format = args.GetChoice("format", TextTable.Formats);
        var rows = entry.Scenarios().Select(s => (IReadOnlyList<string>)
        [
            s.Name, s.Title, CliText.F(s.EndTime), CliText.F(s.OutputInterval), string.Join(' ', s.InputArguments),
            Assignments(s.InitialState), Assignments(s.ParameterValues), s.Description, s.Source.ToString(),
        ]).ToList();
        TextTable.Write(streams.Out, format, Columns, rows);
        return ExitCodes.Success;
    }

    private static string Assignments(IReadOnlyDictionary<string, double> values) =>
        string.Join(' ', values.Select(kv => $"{kv.Key}={CliText.F(kv.Value)}"));
}
