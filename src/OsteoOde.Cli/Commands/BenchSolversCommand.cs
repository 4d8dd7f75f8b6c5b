using System.Globalization;
using OsteoOde.Benchmarks;
using OsteoOde.Numerics;

namespace OsteoOde.Cli.Commands;

/// <summary><c>osteo bench solvers</c>: the work-precision table of the stiff methods on the standard test problems.</summary>
public sealed class BenchSolversCommand : CliCommand
{
    /// <inheritdoc/>
    public override string Name => "bench solvers";

    /// <inheritdoc/>
    public override string Summary => "work-precision benchmark of the solvers on Robertson, Van der Pol, HIRES and OREGO";

    /// <inheritdoc/>
    public override string Usage => "bench solvers [--format csv|md] [--problems a,b,...] [--methods a,b,...] [--rtols r1,r2,...] [--out FILE]";

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("format", "csv|md", "csv: the rows; md: the rows and the per-problem summary (default csv)"),
        new("problems", "a,b,...", "problems (default rober,vdpol,hires,orego)"),
        new("methods", "a,b,...", "methods (default: every stiff method and auto)"),
        new("diagnostics", null, "csv: also write min_us (fastest solve) and load1 (1-minute load average while timing)"),
        new("rtols", "r1,r2,...", "relative tolerances in [1e-14, 1) (default 1e-3 ... 1e-10 in half decades; atol = rtol * problem floor)"),
        SimulationArguments.Out,
    ];

    /// <inheritdoc/>
    public override string Details => """
        Columns: problem, method, rtol, error, rhs_evals, jacobians, steps, median_us. error is the final-time error metric of
        the reference data (inf when the solve failed), the counters are those of one solve, median_us the median wall time of
        repeated full solves after warm-up (machine dependent); --diagnostics appends min_us and load1. md adds, per problem, the cheapest configurations reaching
        error <= 1e-6 with their time ratio to RADAU5 (Fortran) and evaluation ratio to CVODE from the published anchors.
        Progress goes to stderr, the table to stdout. The full default run takes minutes.

        Example:
          osteo bench solvers --problems rober --methods rodas5p,radau5 --rtols 1e-6,1e-8 --format md
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var format = args.GetChoice("format", ["csv", "md"]);
        var options = new SolverBenchmarkOptions();
        var problemNames = StiffTestProblem.All.Select(p => p.Name).ToList();
        if (args.Has("problems"))
        {
            var problems = args.GetList("problems");
            foreach (var p in problems.Where(p => !problemNames.Contains(p)))
            {
                throw new UsageException($"--problems: {CliText.Unknown("problem", p, "Valid problems", problemNames)}");
            }

            options = options with { Problems = problems };
        }

        if (args.Has("methods"))
        {
            var methods = args.GetList("methods");
            var names = OdeMethodCatalog.Default.Names.ToList();
            foreach (var m in methods.Where(m => !names.Contains(m)))
            {
                throw new UsageException($"--methods: {CliText.Unknown("method", m, "Valid methods", names)}");
            }

            options = options with { Methods = methods };
        }

        if (args.Has("rtols"))
        {
            var rtols = args.GetList("rtols").Select(r => ParsedArguments.ParseNumber(r, "--rtols")).ToList();
            foreach (var r in rtols.Where(r => !(r >= 1e-14 && r < 1)))
            {
                throw new UsageException($"--rtols: {CliText.F(r)} lies outside [1e-14, 1).");
            }

            options = options with { RelativeTolerances = rtols };
        }

        using var output = OutputTarget.Open(args.Get("out"), streams.Out);
        BuildNote.WriteIfDebug(streams.Error, "bench solvers", typeof(OdeSolver).Assembly);
        // The documented default: every stiff method of the catalog plus auto.
        var methodCount = options.Methods?.Count
            ?? OdeMethodCatalog.Default.Methods.Where(m => m.IsStiff).Select(m => m.Name).Union(["auto"]).Count();
        var total = options.Problems.Count * methodCount * options.RelativeTolerances.Count;
        var done = 0;
        var rows = SolverBenchmark.Run(options, row =>
        {
            done++;
            streams.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench solvers: [{done}/{total}] {row.Problem} {row.Method} rtol={CliText.F(row.Rtol)}: error {row.Error:G3}, {row.RhsEvals} rhs, {row.Jacobians} jac, {row.MedianMicroseconds:F1} us"));
        });
        output.Commit(w => w.Write(format == "csv" ? SolverBenchmark.ToCsv(rows, args.Has("diagnostics")) : SolverBenchmark.ToMarkdown(rows, options.TargetError)));
        return ExitCodes.Success;
    }
}
