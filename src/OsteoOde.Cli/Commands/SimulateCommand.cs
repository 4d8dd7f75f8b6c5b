using OsteoOde.Modeling;
using OsteoOde.Models;
using OsteoOde.Numerics;

namespace OsteoOde.Cli.Commands;

/// <summary><c>osteo simulate</c>: one simulation, written as CSV.</summary>
public sealed class SimulateCommand : ModelCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="models">Models addressable by <c>--model</c>.</param>
    public SimulateCommand(CliModelRegistry models)
        : base(models)
    {
    }

    /// <inheritdoc/>
    public override string Name => "simulate";

    /// <inheritdoc/>
    public override string Summary => "simulate a model and write the time course as CSV";

    /// <inheritdoc/>
    public override string Usage =>
        "simulate (--model ID | --sbml FILE) --t-end T [--times t1,t2,... | --step DT | --points N] [--set NAME=VALUE]... [--init STATE=VALUE]... "
        + "[--input NAME=VALUE@T0[:T1]]... [--scenario NAME] [--params FILE.json] [--observables] [--method NAME] [--rtol R] [--atol A] "
        + "[--max-steps N] [--out FILE]";

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        ModelOption(required: false),
        SbmlOption,
        SbmlInitialEventsOption,
        new("t-end", "T", "end time in the model's time unit (days); required unless --scenario gives one"),
        new("times", "t1,t2,...", "report at exactly these times (strictly increasing, within [0, T])"),
        new("step", "DT", "report at 0, DT, 2DT, ... and T"),
        new("points", "N", "report at N evenly spaced times from 0 to T (default 101)"),
        SimulationArguments.Set,
        SimulationArguments.Params,
        SimulationArguments.Init,
        new("input", "NAME=VALUE@T0[:T1]", "hold input NAME at VALUE for T0 < t <= T1 (for t > T0 without :T1); default value otherwise", Repeatable: true),
        new("scenario", "NAME", "start from a named protocol of the model (osteo scenarios --model ID); explicit options override it"),
        SimulationArguments.Observables,
        new("method", "NAME", "solver method (osteo methods lists them; default auto)"),
        new("rtol", "R", "relative tolerance (default 1e-6; at least 1e-14)"),
        new("atol", "A", "absolute tolerance in state units (default 1e-10)"),
        new("max-steps", "N", "largest number of solver step attempts (default 500000)"),
        SimulationArguments.Out,
    ];

    /// <inheritdoc/>
    public override string Details => """
        Output: CSV with the header t, then the model's time columns (if any), then the states in canonical order, then the
        observables (with --observables); one row per output time; invariant culture, shortest round-trip numbers, so the t
        column parses back to exactly the requested times.

        Output times: --times, --step or --points (at most one). Without them: the scenario's grid with --scenario, else 101
        evenly spaced points t_i = i*T/100 (the last is T exactly).

        Inputs: --input NAME=V@T0:T1 holds input NAME at V for T0 < t <= T1 and at its value in the parameter set (its default,
        or --set NAME=...) otherwise. The solver stops exactly at T0 and T1 (no step straddles a switch); inputs are
        left-continuous, so observables reported at t = T0 still see the old value and at t = T1 already the new one.
        States are continuous through a switch.

        Precedence: model defaults < --scenario < --params file (the entries it lists) < --set; the scenario's initial values
        < --init; an --input for an input replaces every window the scenario has for that input; the scenario's solver
        settings (if any) < --method, --rtol, --atol, --max-steps. A scenario's doses (for example senolytic cycles) apply.

        Model options: a scenario that runs on a model variant selects it (--scenario life_course_male needs no --sex);
        --off adds modules to the scenario's; a --sex that contradicts the scenario is an error naming the right scenario.

        SBML: --sbml FILE simulates the model of an SBML Level 2/3 core file (import notes go to stderr); its parameters,
        inputs and states are addressed by their SBML ids (osteo params --sbml FILE lists them). A file written by osteo sbml
        export comes back with the catalog model's names, provenance and scenarios.

        Errors: bad input exits with 2 and writes nothing; a numerical failure exits with 1, prints the solver's message
        (time, step, offending state, what to try) and writes nothing.

        Examples:
          osteo simulate --model lemaire2004 --t-end 200 --input I_P=1000@20:80 --step 1
          osteo simulate --model scheiner2013 --t-end 100 --input P_RANKL=100@20:80 --observables --out rankl.csv
          osteo simulate --model pivonka2008 --scenario addPTH --set beta_PTH=300 --method rodas5p --rtol 1e-8
          osteo simulate --sbml tests/OsteoOde.Testing/Data/biomodels/BIOMD0000000278_url.xml --t-end 200 --step 1
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var (_, model, notes, scenario) = ResolveModel(args, args.Get("scenario"));
        scenario?.Validate(model);

        var endTime = args.GetPositive("t-end") ?? scenario?.EndTime
            ?? throw new UsageException("missing required option --t-end <T> (or --scenario NAME, which gives one).");
        var outputTimes = OutputTimes(args, endTime, scenario);
        var parameters = SimulationArguments.Parameters(model, args, scenario?.CreateParameters(model));
        var initial = SimulationArguments.InitialValues(model, args, scenario?.InitialState);
        var explicitInputs = args.GetAll("input").Select(text => SimulationArguments.Input(model, text)).ToList();
        var overridden = explicitInputs.Select(s => s.Input).ToHashSet(StringComparer.Ordinal);
        var inputs = (scenario?.Inputs ?? []).Where(s => !overridden.Contains(s.Input)).Concat(explicitInputs).ToList();
        foreach (var late in explicitInputs.Where(s => s.From >= endTime))
        {
            streams.Error.WriteLine($"osteo simulate: note: the window of --input {late.Input} starts at {CliText.F(late.From)} >= t-end = {CliText.F(endTime)}; it has no effect.");
        }

        var doses = scenario?.Doses ?? [];
        var lateDoses = doses.Count(d => d.Time > endTime);
        if (lateDoses > 0)
        {
            streams.Error.WriteLine($"osteo simulate: note: {lateDoses} of the {doses.Count} doses of scenario '{scenario!.Name}' fall after t-end = {CliText.F(endTime)}; they have no effect.");
        }

        var request = new SimulationRequest(model, endTime)
        {
            Parameters = parameters,
            OutputTimes = outputTimes,
            InitialOverrides = initial.Count == 0 ? null : initial,
            InputSwitches = inputs,
            Doses = doses,
            IncludeObservables = args.Has("observables"),
            Solver = SolverOptions(args, scenario?.Solver),
        };

        using var output = OutputTarget.Open(args.Get("out"), streams.Out);
        WriteNotes(notes, streams.Error);
        var result = Simulation.Run(request);
        if (!result.IsSuccess)
        {
            streams.Error.WriteLine($"osteo simulate: {result.Status}: {CliText.OneLine(result.Message)}");
            return ExitCodes.NumericalFailure;
        }

        if (result.Status == SimulationStatus.StoppedByEvent)
        {
            streams.Error.WriteLine($"osteo simulate: note: {CliText.OneLine(result.Message)}");
        }

        output.Commit(result.ToCsv);
        return ExitCodes.Success;
    }

    /// <summary>Solver settings from <c>--method</c>, <c>--rtol</c>, <c>--atol</c>, <c>--max-steps</c> (names checked against the catalog).</summary>
    /// <param name="args">Parsed arguments.</param>
    /// <param name="defaults">Settings the options modify (a scenario's or a command's own; <see langword="null"/>: the simulation defaults).</param>
    /// <returns>The options.</returns>
    internal static OdeOptions SolverOptions(ParsedArguments args, OdeOptions? defaults = null)
    {
        var options = defaults ?? new OdeOptions();
        if (args.Get("method") is { } method)
        {
            var names = OdeMethodCatalog.Default.Names.ToList();
            if (!names.Contains(method))
            {
                throw new UsageException(CliText.Unknown("method", method, "Valid methods", names));
            }

            options = options with { Method = method };
        }

        if (args.GetPositive("rtol") is double rtol)
        {
            options = rtol >= 1e-14 ? options with { RelativeTolerance = rtol }
                : throw new UsageException($"--rtol {CliText.F(rtol)} is below what double precision can honour; use at least 1e-14.");
        }

        if (args.GetPositive("atol") is double atol)
        {
            options = options with { AbsoluteTolerance = atol };
        }

        if (args.GetInt("max-steps", 1) is int maxSteps)
        {
            options = options with { MaxSteps = maxSteps };
        }

        return options;
    }

    private static double[] OutputTimes(ParsedArguments args, double endTime, Scenario? scenario)
    {
        var given = new[] { "times", "step", "points" }.Where(args.Has).ToList();
        if (given.Count > 1)
        {
            throw new UsageException($"give at most one of --times, --step, --points (got {string.Join(" and ", given.Select(g => "--" + g))}).");
        }

        if (args.Get("times") is { } times)
        {
            return SimulationArguments.Times(times, endTime);
        }

        if (args.GetPositive("step") is double step)
        {
            return SimulationArguments.StepGrid(endTime, step);
        }

        if (args.GetInt("points", 2) is int points)
        {
            return points <= SimulationArguments.MaxOutputTimes ? SimulationArguments.EvenGrid(endTime, points)
                : throw new UsageException($"--points {points} exceeds the limit of {SimulationArguments.MaxOutputTimes} output times.");
        }

        if (scenario is not null)
        {
            return args.Has("t-end") ? SimulationArguments.StepGrid(endTime, scenario.OutputInterval) : [.. scenario.OutputTimes];
        }

        return SimulationArguments.EvenGrid(endTime, SimulationArguments.DefaultPoints);
    }
}
