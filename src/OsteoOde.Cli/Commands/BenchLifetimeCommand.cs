using System.Globalization;
using OsteoOde.Models.Aging;

namespace OsteoOde.Cli.Commands;

/// <summary><c>osteo bench lifetime</c>: wall time of the main job's simulations and the cost of one RHS and Jacobian call.</summary>
public sealed class BenchLifetimeCommand : CliCommand
{
    /// <summary>Columns of the table.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["quantity", "value", "unit"];

    /// <inheritdoc/>
    public override string Name => "bench lifetime";

    /// <inheritdoc/>
    public override string Summary => "time the lifetime model's life courses (both sexes, 25 → 90) and its RHS and Jacobian";

    /// <inheritdoc/>
    public override string Usage => "bench lifetime [--format csv|md] [--repetitions N]";

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("format", "csv|md", "output format (default csv)"),
        new("repetitions", "N", "timed warm repetitions of the pair of life courses (default 10, 1 to 1000)"),
    ];

    /// <inheritdoc/>
    public override string Details => """
        Simulates the women's and the men's life course of the lifetime model 'aging' with its default solver (radau5, rtol
        1e-10), as osteo run does: once cold (model building, compilation, JIT) and N more times warm. Rows: cold_ms,
        warm_median_ms, warm_best_ms, the solver work of each sex (accepted steps, RHS and Jacobian evaluations), and the
        nanoseconds per call of the solver's right-hand side and Jacobian (parameter-only terms, including the age-25 steady
        state, cached per parameter vector) and of the raw right-hand side that evaluates everything on every call. Timings
        are machine dependent; the whole osteo run process adds start-up, CSV, chart and hashing to warm_median_ms.
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var format = args.GetChoice("format", ["csv", "md"]);
        var repetitions = args.GetInt("repetitions", 1) ?? 10;
        if (repetitions > 1000)
        {
            throw new UsageException($"--repetitions: {repetitions} is out of range; allowed 1 to 1000.");
        }

        BuildNote.WriteIfDebug(streams.Error, "bench lifetime", typeof(AgingBenchmark).Assembly);
        streams.Error.WriteLine($"bench lifetime: 1 cold and {repetitions} warm runs of both life courses ...");
        var r = AgingBenchmark.Run(repetitions);
        Func<double, string> number = format == "csv" ? CliText.F : v => v.ToString(v >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);
        string Count(long v) => v.ToString(CultureInfo.InvariantCulture);
        IReadOnlyList<IReadOnlyList<string>> rows =
        [
            ["cold_ms", number(r.ColdMilliseconds), "ms"],
            ["warm_median_ms", number(r.WarmMilliseconds), "ms"],
            ["warm_best_ms", number(r.WarmMinimumMilliseconds), "ms"],
            ["female_steps", Count(r.FemaleStatistics.AcceptedSteps), "1"],
            ["female_rhs_evals", Count(r.FemaleStatistics.RhsEvaluations), "1"],
            ["female_jacobians", Count(r.FemaleStatistics.JacobianEvaluations), "1"],
            ["male_steps", Count(r.MaleStatistics.AcceptedSteps), "1"],
            ["male_rhs_evals", Count(r.MaleStatistics.RhsEvaluations), "1"],
            ["male_jacobians", Count(r.MaleStatistics.JacobianEvaluations), "1"],
            ["rhs_ns", number(r.RhsNanoseconds), "ns"],
            ["jacobian_ns", number(r.JacobianNanoseconds), "ns"],
            ["unhoisted_rhs_ns", number(r.UnhoistedRhsNanoseconds), "ns"],
        ];
        TextTable.Write(streams.Out, format, Columns, rows);
        return ExitCodes.Success;
    }
}
