using OsteoOde.Modeling;

namespace OsteoOde.Cli.Commands;

/// <summary><c>osteo params</c>: the parameter table of a model (or of a modified set).</summary>
public sealed class ParamsCommand : ModelCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="models">Models addressable by <c>--model</c>.</param>
    public ParamsCommand(CliModelRegistry models)
        : base(models)
    {
    }

    /// <summary>Columns of the md and csv formats.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["name", "kind", "value", "unit", "description", "source", "lower", "upper", "scale", "tunable"];

    /// <inheritdoc/>
    public override string Name => "params";

    /// <inheritdoc/>
    public override string Summary => "list a model's parameters and inputs (Markdown, CSV, or a loadable JSON parameter set)";

    /// <inheritdoc/>
    public override string Usage => "params (--model ID | --sbml FILE) [--format md|csv|json] [--set NAME=VALUE]... [--params FILE.json] [--out FILE]";

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        ModelOption(required: false),
        SbmlOption,
        SbmlInitialEventsOption,
        new("format", "md|csv|json", "output format (default md)"),
        SimulationArguments.Set,
        SimulationArguments.Params,
        SimulationArguments.Out,
    ];

    /// <inheritdoc/>
    public override string Details => """
        md and csv: one row per parameter (kind 'parameter': value, unit, description, source, bounds, sampling scale, whether
        fits may vary it), then one row per input (kind 'input': its default value, unit and allowed range; an empty bound is an open side).
        json: the parameter-set file format (osteoode-parameter-set, version 1) that --params FILE.json loads back; every value
        survives bit-exactly.

        With --set or --params the table shows the modified values and their sources, so
          osteo params --model pivonka2008 --set k_res=180 --format json --out my-set.json
        writes an editable parameter set.
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var (_, model, notes) = ResolveModel(args);
        var format = args.GetChoice("format", ["md", "csv", "json"]);
        var set = SimulationArguments.Parameters(model, args);
        using var output = OutputTarget.Open(args.Get("out"), streams.Out);
        WriteNotes(notes, streams.Error);
        if (format == "json")
        {
            output.Commit(w => w.Write(set.ToJson() + "\n"));
            return ExitCodes.Success;
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (var p in model.Parameters)
        {
            rows.Add([p.Name, "parameter", CliText.F(set[p.Name]), p.Unit.ToString(), p.Description, set.SourceOf(p.Name)?.ToString() ?? "",
                CliText.F(p.LowerBound), CliText.F(p.UpperBound), p.Scale == ParameterScale.Log ? "log" : "linear", p.Tunable ? "true" : "false"]);
        }

        foreach (var i in model.Inputs)
        {
            // An open side (no bound) is an empty cell.
            rows.Add([i.Name, "input", CliText.F(set[i.Name]), i.Unit.ToString(), i.Description, set.AttachedSource(i.Name)?.ToString() ?? "",
                double.IsFinite(i.LowerBound) ? CliText.F(i.LowerBound) : "", double.IsFinite(i.UpperBound) ? CliText.F(i.UpperBound) : "", "", ""]);
        }

        output.Commit(w => TextTable.Write(w, format, Columns, rows));
        return ExitCodes.Success;
    }
}
