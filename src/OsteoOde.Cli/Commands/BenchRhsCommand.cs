using System.Globalization;
using OsteoOde.Modeling.Diagnostics;
using OsteoOde.Models;

namespace OsteoOde.Cli.Commands;

/// <summary><c>osteo bench rhs</c>: compiled versus hand-written Pivonka 2008 right-hand side and Jacobian.</summary>
public sealed class BenchRhsCommand : CliCommand
{
    /// <summary>Columns of the table.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["kernel", "compiled_ns", "hand_ns", "ratio", "max_rel_difference"];

    /// <inheritdoc/>
    public override string Name => "bench rhs";

    /// <inheritdoc/>
    public override string Summary => "time the compiled Pivonka 2008 RHS and Jacobian against hand-written code";

    /// <inheritdoc/>
    public override string Usage => "bench rhs [--format csv|md] [--calls N] [--repetitions N]";

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("format", "csv|md", "output format (default csv)"),
        new("calls", "N", "calls per timed repetition (default 1000000, at least 1000)"),
        new("repetitions", "N", "timed repetitions; the fastest counts (default 7)"),
    ];

    /// <inheritdoc/>
    public override string Details => """
        Rows: rhs, jacobian and rhs+jacobian with nanoseconds per call of the compiled model's solver delegates
        (System.Linq.Expressions; parameter-only terms cached per parameter vector, the vector check included) and of the
        hand-written reference called through the same kind of closure, their ratio (the goal is rhs+jacobian <= 1.5) and the
        largest relative difference of the outputs at the canonical steady state (agreement check). Timings are machine
        dependent.
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var format = args.GetChoice("format", ["csv", "md"]);
        var calls = args.GetInt("calls", 1000) ?? 1_000_000;
        var repetitions = args.GetInt("repetitions", 1) ?? 7;
        BuildNote.WriteIfDebug(streams.Error, "bench rhs", typeof(RhsBenchmark).Assembly);
        streams.Error.WriteLine($"bench rhs: timing {calls} calls x {repetitions} repetitions of each kernel on {Pivonka2008.Id} ...");
        var r = RhsBenchmark.RunPivonka2008(Pivonka2008.Model, calls, repetitions);
        var both = Math.Max(r.MaxRhsRelativeDifference, r.MaxJacobianRelativeDifference);

        // csv keeps round-trip numbers; md rounds for reading.
        Func<double, string> time = format == "csv" ? CliText.F : v => v.ToString("F2", CultureInfo.InvariantCulture);
        Func<double, string> ratio = format == "csv" ? CliText.F : v => v.ToString("F3", CultureInfo.InvariantCulture);
        Func<double, string> diff = format == "csv" ? CliText.F : v => v.ToString("G3", CultureInfo.InvariantCulture);
        IReadOnlyList<IReadOnlyList<string>> rows =
        [
            ["rhs", time(r.CompiledRhsNanoseconds), time(r.HandRhsNanoseconds), ratio(r.RhsRatio), diff(r.MaxRhsRelativeDifference)],
            ["jacobian", time(r.CompiledJacobianNanoseconds), time(r.HandJacobianNanoseconds), ratio(r.JacobianRatio), diff(r.MaxJacobianRelativeDifference)],
            ["rhs+jacobian", time(r.CompiledRhsNanoseconds + r.CompiledJacobianNanoseconds), time(r.HandRhsNanoseconds + r.HandJacobianNanoseconds),
                ratio(r.CombinedRatio), diff(both)],
        ];
        TextTable.Write(streams.Out, format, Columns, rows);
        return ExitCodes.Success;
    }
}
