using System.Diagnostics;
using System.Globalization;
using System.Text;
using OsteoOde.Numerics;

namespace OsteoOde.Benchmarks;

/// <summary>Settings of a work-precision run (immutable; derive variants with <c>with</c>).</summary>
public sealed record SolverBenchmarkOptions
{
    /// <summary>Problem names (see <see cref="StiffTestProblem.All"/>).</summary>
    public IReadOnlyList<string> Problems { get; init; } = ["rober", "vdpol", "hires", "orego"];

    /// <summary>Method names; <see langword="null"/> selects every stiff method of the catalog plus <c>auto</c> when present.</summary>
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>Relative tolerances; the default is 1e-3 … 1e-10 in half decades.</summary>
    public IReadOnlyList<double> RelativeTolerances { get; init; } = DefaultTolerances();

    /// <summary>Untimed solves before timing each configuration (caches).</summary>
    public int WarmupSolves { get; init; } = 3;

    /// <summary>
    /// Untimed solving before the first configuration of each problem × method pair, so that the runtime's tiered JIT has
    /// promoted the solver's hot methods to optimised code before anything is timed (at least 30 solves).
    /// </summary>
    public TimeSpan JitWarmup { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Minimum number of timed solves per configuration.</summary>
    public int MinRepeats { get; init; } = 7;

    /// <summary>Maximum number of timed solves per configuration.</summary>
    public int MaxRepeats { get; init; } = 2000;

    /// <summary>Timed solves continue until this much time was spent on the configuration (and <see cref="MinRepeats"/> ran).</summary>
    public TimeSpan MinTimePerConfiguration { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// Rounds over all configurations of a problem: each round times every configuration for its share of the repeats and
    /// of <see cref="MinTimePerConfiguration"/>, so that the solves of one configuration are spread over the problem's
    /// whole measurement instead of one stretch of it.
    /// </summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Catalog resolving the method names; <see langword="null"/> uses <see cref="OdeMethodCatalog.Default"/>.</summary>
    public OdeMethodCatalog? Catalog { get; init; }

    /// <summary>Largest error counted as "reaching the target" in the summary (README convention: 1e-6).</summary>
    public double TargetError { get; init; } = 1e-6;

    /// <summary>Checks the settings and throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (Problems is null || Problems.Count == 0)
        {
            throw new ArgumentException("Problems must name at least one problem.", nameof(Problems));
        }

        foreach (var p in Problems)
        {
            _ = StiffTestProblem.Get(p);
        }

        if (RelativeTolerances is null || RelativeTolerances.Count == 0)
        {
            throw new ArgumentException("RelativeTolerances must hold at least one tolerance.", nameof(RelativeTolerances));
        }

        foreach (var r in RelativeTolerances)
        {
            if (!(r >= 1e-14 && r < 1))
            {
                throw new ArgumentException(
                    $"RelativeTolerances entries must lie in [1e-14, 1) (got {r.ToString("R", CultureInfo.InvariantCulture)}).",
                    nameof(RelativeTolerances));
            }
        }

        if (WarmupSolves < 0)
        {
            throw new ArgumentException($"WarmupSolves must be ≥ 0 (got {WarmupSolves}).", nameof(WarmupSolves));
        }

        if (Rounds < 1)
        {
            throw new ArgumentException($"Rounds must be ≥ 1 (got {Rounds}).", nameof(Rounds));
        }

        if (MinRepeats < 1 || MaxRepeats < MinRepeats)
        {
            throw new ArgumentException(
                $"Need 1 ≤ MinRepeats ≤ MaxRepeats (got {MinRepeats} and {MaxRepeats}).", nameof(MinRepeats));
        }

        if (!(TargetError > 0))
        {
            throw new ArgumentException("TargetError must be positive.", nameof(TargetError));
        }
    }

    /// <summary>1e-3 … 1e-10 in half decades.</summary>
    /// <returns>The tolerances.</returns>
    public static IReadOnlyList<double> DefaultTolerances()
    {
        var list = new double[15];
        for (var k = 0; k < list.Length; k++)
        {
            list[k] = Math.Pow(10, -3 - (k / 2.0));
        }

        return list;
    }
}

/// <summary>One row of a work-precision table.</summary>
/// <param name="Problem">Problem name.</param>
/// <param name="Method">Method name.</param>
/// <param name="Rtol">Relative tolerance (atol = rtol · floor).</param>
/// <param name="Error">README error metric at the final time (+∞ when the solve failed).</param>
/// <param name="RhsEvals">Right-hand-side evaluations (including those of finite differences).</param>
/// <param name="Jacobians">Jacobian evaluations.</param>
/// <param name="Steps">Accepted steps.</param>
/// <param name="MedianMicroseconds">Median wall time of one full solve, µs.</param>
/// <param name="Status">How the solve ended.</param>
/// <param name="MinMicroseconds">Shortest wall time of the repeated solves, µs: on a loaded machine the estimate of the cost
/// without interruptions by other processes (NaN when not measured).</param>
/// <param name="LoadAverage">1-minute load average of the machine (<c>/proc/loadavg</c>), the mean of the readings taken as each
/// timing round of the configuration started; NaN where unavailable.</param>
public readonly record struct WorkPrecisionRow(
    string Problem, string Method, double Rtol, double Error, long RhsEvals, long Jacobians, long Steps, double MedianMicroseconds,
    OdeStatus Status, double MinMicroseconds = double.NaN, double LoadAverage = double.NaN);

/// <summary>Published cost of established solvers on a problem at error ≤ 1e-6 (data README, same machine class).</summary>
/// <param name="Problem">Problem name.</param>
/// <param name="Radau5NetMilliseconds">RADAU5 (Fortran) net time.</param>
/// <param name="Radau5Rhs">RADAU5 RHS evaluations.</param>
/// <param name="Radau5Jacobians">RADAU5 Jacobians.</param>
/// <param name="CvodeRhs">CVODE (BDF, analytic Jacobian) RHS evaluations.</param>
/// <param name="CvodeJacobians">CVODE Jacobians.</param>
public readonly record struct PerformanceAnchor(
    string Problem, double Radau5NetMilliseconds, long Radau5Rhs, long Radau5Jacobians, long CvodeRhs, long CvodeJacobians)
{
    /// <summary>The anchors of the IVP data README.</summary>
    public static IReadOnlyList<PerformanceAnchor> All { get; } =
    [
        new("rober", 0.10, 1565, 199, 2089, 30),
        new("vdpol", 0.17, 4154, 310, 4517, 59),
        new("hires", 0.19, 1239, 79, 1427, 18),
        new("orego", 0.27, 5370, 484, 7921, 104),
    ];

    /// <summary>CVODE's RHS + Jacobian evaluations.</summary>
    public long CvodeEvaluations => CvodeRhs + CvodeJacobians;
}

/// <summary>Per problem: the cheapest configurations reaching the target error, compared with the anchors.</summary>
/// <param name="Problem">Problem name.</param>
/// <param name="Fastest">Fastest row reaching the target error, or null.</param>
/// <param name="FewestEvaluations">Row with the fewest RHS + Jacobian evaluations reaching the target error, or null.</param>
/// <param name="Anchor">Anchor of the problem, or null when none is published.</param>
public sealed record WorkPrecisionSummary(string Problem, WorkPrecisionRow? Fastest, WorkPrecisionRow? FewestEvaluations,
    PerformanceAnchor? Anchor)
{
    /// <summary>Fastest median time / RADAU5 net time (≤ 1 means at least as fast).</summary>
    public double? TimeRatioVsRadau5 => Fastest is { } f && Anchor is { } a ? f.MedianMicroseconds / (1000 * a.Radau5NetMilliseconds) : null;

    /// <summary>Minimum time of the fastest configuration / RADAU5 net time (the ratio without scheduler interruptions).</summary>
    public double? MinTimeRatioVsRadau5 => Fastest is { } f && Anchor is { } a ? f.MinMicroseconds / (1000 * a.Radau5NetMilliseconds) : null;

    /// <summary>(RHS + Jacobians) of the fastest configuration / CVODE's.</summary>
    public double? FastestEvaluationRatioVsCvode =>
        Fastest is { } f && Anchor is { } a ? (double)(f.RhsEvals + f.Jacobians) / a.CvodeEvaluations : null;

    /// <summary>Fewest (RHS + Jacobians) / CVODE's (below 1 means fewer evaluations).</summary>
    public double? EvaluationRatioVsCvode =>
        FewestEvaluations is { } f && Anchor is { } a ? (double)(f.RhsEvals + f.Jacobians) / a.CvodeEvaluations : null;
}

/// <summary>
/// Work-precision benchmark of the solvers on the stiff test set: for each problem × method × rtol, the error at the final
/// time (README metric) and the work counters of one solve, and the median and minimum wall time of repeated full in-process
/// solves after warm-up (dense output off, output at the final time only), with the machine's load average while timing.
/// The configurations of a problem are timed in rounds, so that each one's solves are spread over the problem's whole
/// measurement. On a shared machine the median includes solves that other processes interrupted; the minimum estimates the
/// uninterrupted cost. Failed solves are rows with infinite error, never exceptions.
/// </summary>
public static class SolverBenchmark
{
    /// <summary>CSV header: the contract columns of <c>osteo bench solvers --format csv</c>.</summary>
    public const string CsvHeader = "problem,method,rtol,error,rhs_evals,jacobians,steps,median_us";

    /// <summary>Extra CSV columns written on request: minimum wall time and the 1-minute load average while timing.</summary>
    public const string CsvDiagnosticColumns = "min_us,load1";

    /// <summary>Runs the benchmark.</summary>
    /// <param name="options">Settings (<see langword="null"/> for defaults).</param>
    /// <param name="progress">Called after each configuration (may be null).</param>
    /// <returns>Rows in problem, method, rtol order.</returns>
    public static IReadOnlyList<WorkPrecisionRow> Run(SolverBenchmarkOptions? options = null, Action<WorkPrecisionRow>? progress = null)
    {
        options ??= new SolverBenchmarkOptions();
        options.Validate();
        var catalog = options.Catalog ?? OdeMethodCatalog.Default;
        var methods = options.Methods ?? DefaultMethods(catalog);
        foreach (var m in methods)
        {
            _ = catalog.Get(m);
        }

        var rows = new List<WorkPrecisionRow>();
        foreach (var name in options.Problems)
        {
            // All configurations of a problem are timed in rounds, one slice of the time budget each per round, so that a
            // burst of load from other processes spreads over many configurations instead of spoiling one.
            var problem = StiffTestProblem.Get(name);
            var configurations = new List<Configuration>();
            foreach (var method in methods)
            {
                WarmUp(problem, method, options, catalog);
                foreach (var rtol in options.RelativeTolerances)
                {
                    configurations.Add(Prepare(problem, method, rtol, options, catalog));
                }
            }

            for (var round = 0; round < options.Rounds; round++)
            {
                foreach (var c in configurations)
                {
                    TimeRound(c, options, round, catalog);
                }
            }

            foreach (var c in configurations)
            {
                var row = c.ToRow();
                rows.Add(row);
                progress?.Invoke(row);
            }
        }

        return rows;
    }

    /// <summary>Measures one configuration (its rounds back to back).</summary>
    /// <param name="problem">Problem.</param>
    /// <param name="method">Method name.</param>
    /// <param name="rtol">Relative tolerance.</param>
    /// <param name="options">Timing settings.</param>
    /// <param name="catalog">Method catalog (null for the default).</param>
    /// <returns>The row.</returns>
    public static WorkPrecisionRow Measure(StiffTestProblem problem, string method, double rtol, SolverBenchmarkOptions options,
        OdeMethodCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        catalog ??= OdeMethodCatalog.Default;
        var c = Prepare(problem, method, rtol, options, catalog);
        for (var round = 0; round < options.Rounds; round++)
        {
            TimeRound(c, options, round, catalog);
        }

        return c.ToRow();
    }

    // One solve for the error and the counters, then the untimed warm-up solves.
    private static Configuration Prepare(StiffTestProblem problem, string method, double rtol, SolverBenchmarkOptions options,
        OdeMethodCatalog catalog)
    {
        var ode = problem.CreateProblem();
        var solveOptions = problem.CreateOptions(method, rtol);
        var outcome = SolveOnce(ode, solveOptions, catalog);
        var error = outcome.Status == OdeStatus.Success ? problem.FinalError(outcome.FinalState) : double.PositiveInfinity;
        if (outcome.Status == OdeStatus.Success)
        {
            for (var w = 0; w < options.WarmupSolves; w++)
            {
                _ = SolveOnce(ode, solveOptions, catalog);
            }
        }

        return new Configuration(problem.Name, method, rtol, ode, solveOptions, outcome, error);
    }

    // Round r of a configuration: its share of the repeats and of the time budget (the remainder goes to the last round).
    private static void TimeRound(Configuration c, SolverBenchmarkOptions options, int round, OdeMethodCatalog catalog)
    {
        if (c.Outcome.Status != OdeStatus.Success)
        {
            return;
        }

        var rounds = options.Rounds;
        var last = round == rounds - 1;
        var minRepeats = last ? options.MinRepeats : options.MinRepeats * (round + 1) / rounds;
        var maxRepeats = last ? options.MaxRepeats : options.MaxRepeats * (round + 1) / rounds;
        var budget = options.MinTimePerConfiguration.TotalSeconds * (round + 1) / rounds;
        c.Loads.Add(ReadLoadAverage());
        while (c.Times.Count < maxRepeats && (c.Times.Count < minRepeats || c.Spent < budget))
        {
            var start = Stopwatch.GetTimestamp();
            _ = SolveOnce(c.Ode, c.Options, catalog);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            c.Times.Add(seconds);
            c.Spent += seconds;
        }
    }

    /// <summary>Per problem, the cheapest configurations reaching the target error and their ratios to the anchors.</summary>
    /// <param name="rows">Benchmark rows.</param>
    /// <param name="targetError">Largest acceptable error (README: 1e-6).</param>
    /// <returns>One summary per problem, in the order problems first appear.</returns>
    public static IReadOnlyList<WorkPrecisionSummary> Summarize(IEnumerable<WorkPrecisionRow> rows, double targetError = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = new List<WorkPrecisionSummary>();
        foreach (var group in rows.GroupBy(r => r.Problem))
        {
            var ok = group.Where(r => r.Status == OdeStatus.Success && r.Error <= targetError).ToList();
            WorkPrecisionRow? fastest = ok.Count == 0 ? null : ok.MinBy(r => r.MedianMicroseconds);
            WorkPrecisionRow? fewest = ok.Count == 0 ? null : ok.MinBy(r => r.RhsEvals + r.Jacobians);
            PerformanceAnchor? anchor = PerformanceAnchor.All.Any(a => a.Problem == group.Key)
                ? PerformanceAnchor.All.First(a => a.Problem == group.Key)
                : null;
            result.Add(new WorkPrecisionSummary(group.Key, fastest, fewest, anchor));
        }

        return result;
    }

    /// <summary>
    /// The rows as CSV (invariant culture, header <see cref="CsvHeader"/>; with <paramref name="includeDiagnostics"/> also
    /// <see cref="CsvDiagnosticColumns"/>).
    /// </summary>
    /// <param name="rows">Rows.</param>
    /// <param name="includeDiagnostics">Append the minimum time and load-average columns.</param>
    /// <returns>CSV text.</returns>
    public static string ToCsv(IEnumerable<WorkPrecisionRow> rows, bool includeDiagnostics = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder(CsvHeader);
        if (includeDiagnostics)
        {
            sb.Append(',').Append(CsvDiagnosticColumns);
        }

        sb.Append('\n');
        foreach (var r in rows)
        {
            sb.Append(r.Problem).Append(',').Append(r.Method).Append(',').Append(R(r.Rtol)).Append(',')
                .Append(G(r.Error)).Append(',').Append(r.RhsEvals.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(r.Jacobians.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(r.Steps.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(r.MedianMicroseconds.ToString("F2", CultureInfo.InvariantCulture));
            if (includeDiagnostics)
            {
                sb.Append(',').Append(r.MinMicroseconds.ToString("F2", CultureInfo.InvariantCulture)).Append(',')
                    .Append(r.LoadAverage.ToString("F2", CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// The rows and the summary as Markdown tables, followed by the machine load during the measurements (range of the
    /// rows' 1-minute load averages and the processor count) so that readers can judge the medians.
    /// </summary>
    /// <param name="rows">Rows.</param>
    /// <param name="targetError">Target error of the summary.</param>
    /// <returns>Markdown text.</returns>
    public static string ToMarkdown(IReadOnlyList<WorkPrecisionRow> rows, double targetError = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.Append("| problem | method | rtol | error | rhs_evals | jacobians | steps | median_us | min_us |\n");
        sb.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"| {r.Problem} | {r.Method} | {G(r.Rtol)} | {G(r.Error)} | {r.RhsEvals} | {r.Jacobians} | {r.Steps} | {F1(r.MedianMicroseconds)} | {F1(r.MinMicroseconds)} |\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"\nCheapest configurations reaching error ≤ {G(targetError)} at the final time (fastest by median):\n\n");
        sb.Append("| problem | fastest (method @ rtol) | error | evals (rhs+jac) | median_us | min_us | median / RADAU5 | min / RADAU5 | evals / CVODE | fewest evals (method @ rtol) | evals | evals / CVODE |\n");
        sb.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        foreach (var s in Summarize(rows, targetError))
        {
            if (s.Fastest is not { } f || s.FewestEvaluations is not { } e)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {s.Problem} | none reached the target | | | | | | | | | | |\n");
                continue;
            }

            sb.Append(CultureInfo.InvariantCulture,
                $"| {s.Problem} | {f.Method} @ {G(f.Rtol)} | {G(f.Error)} | {f.RhsEvals}+{f.Jacobians} | {F1(f.MedianMicroseconds)} | {F1(f.MinMicroseconds)} | {Ratio(s.TimeRatioVsRadau5)} | {Ratio(s.MinTimeRatioVsRadau5)} | {Ratio(s.FastestEvaluationRatioVsCvode)} | {e.Method} @ {G(e.Rtol)} | {e.RhsEvals}+{e.Jacobians} | {Ratio(s.EvaluationRatioVsCvode)} |\n");
        }

        sb.Append('\n').Append(LoadNote(rows)).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// One sentence on the machine load during the measurements: the range of the rows' 1-minute load averages and the
    /// number of logical processors, with what a load above that number means for the medians.
    /// </summary>
    /// <param name="rows">Rows.</param>
    /// <returns>The note.</returns>
    public static string LoadNote(IEnumerable<WorkPrecisionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var low = double.PositiveInfinity;
        var high = double.NegativeInfinity;
        foreach (var r in rows)
        {
            if (double.IsFinite(r.LoadAverage))
            {
                low = Math.Min(low, r.LoadAverage);
                high = Math.Max(high, r.LoadAverage);
            }
        }

        var processors = Environment.ProcessorCount;
        if (low > high)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Machine load: not recorded (no /proc/loadavg when measured); {processors} logical processors.");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"Machine load: 1-minute load average {low:F2}–{high:F2} (/proc/loadavg, mean per configuration over its timing rounds) on {processors} logical processors. ")
            + "Above that count other processes compete for the cores: medians then include interrupted solves and minima estimate the uninterrupted cost.";
    }

    /// <summary>The 1-minute load average from <c>/proc/loadavg</c>, or NaN where it cannot be read.</summary>
    /// <returns>The load average.</returns>
    public static double ReadLoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            var end = text.IndexOf(' ', StringComparison.Ordinal);
            return end > 0 && double.TryParse(text.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : double.NaN;
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }

    private static IReadOnlyList<string> DefaultMethods(OdeMethodCatalog catalog)
    {
        var list = catalog.Methods.Where(m => m.IsStiff).Select(m => m.Name).ToList();
        if (catalog.TryGet("auto", out _) && !list.Contains("auto"))
        {
            list.Add("auto");
        }

        return list;
    }

    private static void WarmUp(StiffTestProblem problem, string method, SolverBenchmarkOptions options, OdeMethodCatalog catalog)
    {
        if (options.JitWarmup <= TimeSpan.Zero)
        {
            return;
        }

        var ode = problem.CreateProblem();
        var solveOptions = problem.CreateOptions(method, 1e-5);
        var start = Stopwatch.GetTimestamp();
        for (var k = 0; k < 30 || Stopwatch.GetElapsedTime(start) < options.JitWarmup; k++)
        {
            if (SolveOnce(ode, solveOptions, catalog).Status != OdeStatus.Success)
            {
                return;
            }
        }
    }

    private static Outcome SolveOnce(OdeProblem problem, OdeOptions options, OdeMethodCatalog catalog)
    {
        var result = new OdeSolver(catalog).Solve(problem, options);
        return new Outcome(result.Status, [.. result.FinalState], result.Statistics);
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static string Ratio(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string F1(double v) => double.IsFinite(v) ? v.ToString("F1", CultureInfo.InvariantCulture) : "n/a";

    private readonly record struct Outcome(OdeStatus Status, double[] FinalState, SolverStatistics Statistics);

    private sealed class Configuration(string problem, string method, double rtol, OdeProblem ode, OdeOptions options, Outcome outcome,
        double error)
    {
        public OdeProblem Ode { get; } = ode;

        public OdeOptions Options { get; } = options;

        public Outcome Outcome { get; } = outcome;

        public List<double> Times { get; } = [];

        public List<double> Loads { get; } = [];

        public double Spent { get; set; }

        public WorkPrecisionRow ToRow()
        {
            var median = double.NaN;
            var minimum = double.NaN;
            if (Times.Count > 0)
            {
                Times.Sort();
                var k = Times.Count;
                median = 1e6 * (k % 2 == 1 ? Times[k / 2] : 0.5 * (Times[(k / 2) - 1] + Times[k / 2]));
                minimum = 1e6 * Times[0];
            }

            var load = ReadLoadAverage();
            var finite = Loads.Where(double.IsFinite).ToList();
            if (finite.Count > 0)
            {
                load = finite.Average();
            }

            var stats = Outcome.Statistics;
            return new WorkPrecisionRow(problem, method, rtol, error, stats.RhsEvaluations, stats.JacobianEvaluations,
                stats.AcceptedSteps, median, Outcome.Status, minimum, load);
        }
    }
}
