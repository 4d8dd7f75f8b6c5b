using System.Globalization;
using OsteoOde.Modeling;
using OsteoOde.Models.Aging;

namespace OsteoOde.Cli.Commands;

/// <summary><c>osteo sensitivity</c>: local forward sensitivities of states and observables by parameters.</summary>
public sealed class SensitivityCommand : ModelCommand
{
    /// <summary>Ages reported for the lifetime model when neither <c>--ages</c> nor <c>--times</c> is given.</summary>
    public static IReadOnlyList<double> DefaultAges { get; } = [50, 70, 80];

    /// <summary>Creates the command.</summary>
    /// <param name="models">Models addressable by <c>--model</c>.</param>
    public SensitivityCommand(CliModelRegistry models)
        : base(models)
    {
    }

    /// <inheritdoc/>
    public override string Name => "sensitivity";

    /// <inheritdoc/>
    public override string Summary => "local sensitivities d(output)/d(parameter) by forward-sensitivity integration";

    /// <inheritdoc/>
    public override string Usage =>
        "sensitivity --model ID [--wrt P1,P2,...|all] [--outputs O1,...] [--times T1,...|--ages A1,...] [--t-end T] [--normalised] [--format csv|md] [--set NAME=VALUE]... [--params FILE.json] [--method NAME] [--rtol R] [--atol A] [--max-steps N] [--out FILE]";

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        ModelOption(),
        new("wrt", "P1,P2,...|all", "parameters to differentiate with respect to (default all: every tunable parameter)"),
        new("outputs", "O1,...", "states and observables to report (default: bmd_fn for aging, every state and observable otherwise)"),
        new("times", "t1,t2,...", "report at these times (strictly increasing; required unless --ages applies)"),
        new("ages", "A1,A2,...", "aging only: report at these ages in years, t = (age - 25)*365.25 (default 50,70,80)"),
        new("t-end", "T", "end time (default: the last report time)"),
        new("normalised", null, "md: rank parameters by |normalised| sensitivity p/y*dy/dp (default for aging) instead of |dy/dp|"),
        new("format", "csv|md", "csv: long table t,output,parameter,value,sensitivity,normalised (default); md: one ranked table per output and time"),
        SimulationArguments.Set,
        SimulationArguments.Params,
        new("method", "NAME", "solver method (default radau5 for aging, auto otherwise)"),
        new("rtol", "R", "relative tolerance (default 1e-10 for aging, 1e-8 otherwise; at least 1e-14)"),
        new("atol", "A", "absolute tolerance of the states (default 1e-16 for aging, 1e-12 otherwise)"),
        new("max-steps", "N", "largest number of solver step attempts per integration (default 500000)"),
        SimulationArguments.Out,
    ];

    /// <inheritdoc/>
    public override string Details => """
        Output: CSV with the header t,output,parameter,value,sensitivity,normalised, one row per time, output and parameter
        (value = the output, sensitivity = d(output)/d(parameter) in output units per parameter unit, normalised =
        parameter/output * sensitivity, NaN where the output is 0); invariant culture, shortest round-trip numbers. With
        --format md: one table per output and time, parameters ranked by |normalised| (--normalised, default for aging) or by
        |sensitivity|.

        Method: the state and its sensitivities S = dy/dp are integrated together (S' = J*S + df/dp) with the analytic Jacobian
        and parameter Jacobian of the model; initial sensitivities come from the symbolic derivatives of the initial
        expressions (the lifetime model's age-25 steady state is one); observables by the chain rule. Agreement with central
        finite differences of full simulations is about 1e-8 in normalised units (Pivonka 2008, lifetime model).

        Model options (such as --sex and --off for aging) select the model variant. Exit code 1 when an integration fails.

        Examples:
          osteo sensitivity --model aging --sex male --format md
          osteo sensitivity --model aging --wrt beta_sen,k_res --outputs bmd_fn,OCa --ages 60,75
          osteo sensitivity --model pivonka2008 --wrt D_OBp,A_OCa --times 10,50,100 --outputs OCa,RANKL
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var (entry, model, notes) = ResolveModel(args);
        var aging = entry.Id == AgingModel.Id;
        var format = args.Has("format") ? args.GetChoice("format", TextTable.Formats) : "csv";

        double[] times;
        if (args.Has("ages") && args.Has("times"))
        {
            throw new UsageException("give either --times or --ages, not both.");
        }

        if (args.Get("ages") is { } agesText)
        {
            if (!aging)
            {
                throw new UsageException($"--ages applies only to the lifetime model 'aging' (model '{entry.Id}' has no age clock); use --times.");
            }

            var ages = SimulationArguments.Times(agesText, double.MaxValue);
            if (ages[0] < AgingModel.StartAge)
            {
                throw new UsageException($"--ages {agesText}: ages start at {CliText.F(AgingModel.StartAge)} (t = 0).");
            }

            times = [.. ages.Select(AgingModel.TimeAt)];
        }
        else if (args.Get("times") is { } timesText)
        {
            times = SimulationArguments.Times(timesText, args.GetPositive("t-end") ?? double.MaxValue);
        }
        else if (aging)
        {
            times = [.. DefaultAges.Select(AgingModel.TimeAt)];
        }
        else
        {
            throw new UsageException("missing required option --times <t1,t2,...>.");
        }

        var endTime = args.GetPositive("t-end") ?? times[^1];
        if (endTime < times[^1] || times[^1] <= 0)
        {
            throw new UsageException($"--t-end {CliText.F(endTime)} must be positive and at least the last report time {CliText.F(times[^1])}.");
        }

        var parameters = ParameterNames(model, args.Has("wrt") ? args.GetList("wrt") : ["all"]);
        var outputs = args.Has("outputs") ? args.GetList("outputs") : aging ? ["bmd_fn"] : null;
        var set = SimulationArguments.Parameters(model, args);
        var defaults = aging ? AgingModel.SolverOptions() : new Numerics.OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-12 };
        var request = new SensitivityRequest(
            new SimulationRequest(model, endTime) { Parameters = set, OutputTimes = times, Solver = SimulateCommand.SolverOptions(args, defaults) },
            parameters)
        {
            Outputs = outputs,
            MaxDegreeOfParallelism = Math.Max(1, Math.Min(Environment.ProcessorCount, 4)),
        };

        using var output = OutputTarget.Open(args.Get("out"), streams.Out);
        WriteNotes(notes, streams.Error);
        var result = Sensitivity.Run(request);
        if (!result.IsSuccess)
        {
            streams.Error.WriteLine($"osteo sensitivity: {result.Status}: {CliText.OneLine(result.Message)}");
            return ExitCodes.NumericalFailure;
        }

        foreach (var note in result.Notes)
        {
            streams.Error.WriteLine($"osteo sensitivity: note: {CliText.OneLine(note)}");
        }

        if (format == "csv")
        {
            output.Commit(result.ToCsv);
        }
        else
        {
            var byNormalised = args.Has("normalised") || aging;
            output.Commit(w => WriteMarkdown(w, result, byNormalised, aging));
        }

        return ExitCodes.Success;
    }

    /// <summary>Parameter names from <c>--wrt</c>: <c>all</c> (every tunable parameter) or names checked with suggestions.</summary>
    private static string[] ParameterNames(Model model, IReadOnlyList<string> listed)
    {
        if (listed.Count == 1 && listed[0] == "all")
        {
            return [.. model.Parameters.Where(p => p.Tunable).Select(p => p.Name)];
        }

        var names = model.Parameters.Select(p => p.Name).ToList();
        foreach (var name in listed)
        {
            if (!names.Contains(name))
            {
                throw new UsageException($"--wrt: model '{model.Id}': " + CliText.Unknown("parameter", name, "Valid parameters", names));
            }
        }

        return [.. listed];
    }

    private static void WriteMarkdown(TextWriter w, SensitivityResult result, bool byNormalised, bool aging)
    {
        for (var o = 0; o < result.Outputs.Count; o++)
        {
            for (var r = 0; r < result.Times.Count; r++)
            {
                var t = result.Times[r];
                var when = aging
                    ? string.Create(CultureInfo.InvariantCulture, $"age {CliText.F(AgingModel.StartAge + (t / Karin.DaysPerYear))} (t = {CliText.F(t)})")
                    : $"t = {CliText.F(t)}";
                w.Write($"### {result.Outputs[o]} at {when}: {CliText.F(result.Value(r, o))}\n\n");
                var order = Enumerable.Range(0, result.Parameters.Count)
                    .OrderByDescending(k => Key(byNormalised ? result.Normalised(r, o, k) : result.Absolute(r, o, k)))
                    .ThenBy(k => result.Parameters[k], StringComparer.Ordinal);
                var rows = order.Select(k => (IReadOnlyList<string>)[
                    result.Parameters[k], CliText.F(result.ParameterValues[k]), CliText.F(result.Absolute(r, o, k)), CliText.F(result.Normalised(r, o, k))]);
                TextTable.Write(w, "md", ["parameter", "value", "sensitivity", "normalised"], rows);
                w.Write("\n");
            }
        }
    }

    /// <summary>Sort key: magnitude, NaN last.</summary>
    private static double Key(double x) => double.IsNaN(x) ? -1 : Math.Abs(x);
}
