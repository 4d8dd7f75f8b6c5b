using System.Globalization;
using OsteoOde.Modeling;

namespace OsteoOde.Cli.Commands;

/// <summary><c>osteo steady-state</c>: the steady state as one CSV row.</summary>
public sealed class SteadyStateCommand : ModelCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="models">Models addressable by <c>--model</c>.</param>
    public SteadyStateCommand(CliModelRegistry models)
        : base(models)
    {
    }

    /// <inheritdoc/>
    public override string Name => "steady-state";

    /// <inheritdoc/>
    public override string Summary => "solve for the steady state and write it as one CSV row";

    /// <inheritdoc/>
    public override string Usage => "steady-state (--model ID | --sbml FILE) [--set NAME=VALUE]... [--params FILE.json] [--init STATE=VALUE]... [--observables] [--rtol R] [--atol A] [--out FILE]";

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        ModelOption(required: false),
        SbmlOption,
        SbmlInitialEventsOption,
        SimulationArguments.Set,
        SimulationArguments.Params,
        new("init", "STATE=VALUE", "starting value of a state (also the value of a held state)", Repeatable: true),
        SimulationArguments.Observables,
        new("rtol", "R", "relative tolerance of the steady state (default 1e-10)"),
        new("atol", "A", "absolute tolerance in state units (default 1e-14)"),
        SimulationArguments.Out,
    ];

    /// <inheritdoc/>
    public override string Details => """
        Output: a CSV header with the state names in canonical order (then the observables with --observables) and one row of
        values (invariant culture, shortest round-trip numbers). Nothing else is written to stdout.

        Method: Newton with the analytic Jacobian from the model's initial state (or --init), then damped Newton, then
        integration towards the steady state with Newton polishing. Inputs are constant at their values in the parameter set
        (use --set NAME=VALUE for an input). States that no rate depends on (pure integrators such as a bone volume) are held at
        their starting value; a note on stderr names them with their rate at the steady state.

        Exit code 1 with the solver's message when no steady state is found.

        Example:
          osteo steady-state --model scheiner2013 --set P_RANKL=100 --observables
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var (_, model, notes) = ResolveModel(args);
        var parameters = SimulationArguments.Parameters(model, args);
        var start = SimulationArguments.InitialValues(model, args);
        var options = new SteadyStateOptions();
        if (args.GetPositive("rtol") is double rtol)
        {
            options = options with { RelativeTolerance = rtol };
        }

        if (args.GetPositive("atol") is double atol)
        {
            options = options with { AbsoluteTolerance = atol };
        }

        using var output = OutputTarget.Open(args.Get("out"), streams.Out);
        WriteNotes(notes, streams.Error);
        var compiled = Simulation.Compile(model);
        var steady = SteadyStateSolver.Solve(compiled, parameters, options, start.Count == 0 ? null : start);
        if (!steady.IsConverged)
        {
            streams.Error.WriteLine($"osteo steady-state: {steady.Status}: {CliText.OneLine(steady.Message)}");
            return ExitCodes.NumericalFailure;
        }

        foreach (var held in steady.HeldStates)
        {
            var unit = SimulationMessages.UnitText(model.State(held.Name).Unit);
            streams.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"osteo steady-state: note: {held.Name} is held at its starting value {CliText.F(held.Value)} {unit} (no rate depends on it); its rate there is {CliText.F(held.Rate + 0.0)} {unit}/{model.TimeUnit}."));
        }

        var header = new List<string>(steady.StateNames);
        var values = new List<double>(steady.State);
        if (args.Has("observables"))
        {
            // Observables at the steady state, with the inputs at their values in the set (t = 0: the system is autonomous there).
            var observables = new double[compiled.ObservableCount];
            compiled.Observables(options.Time, steady.ToArray(), parameters.ToVector(), observables);
            header.AddRange(compiled.ObservableNames);
            values.AddRange(observables);
        }

        output.Commit(w =>
        {
            w.Write(string.Join(',', header) + "\n");
            w.Write(string.Join(',', values.Select(CliText.F)) + "\n");
        });
        return ExitCodes.Success;
    }
}
