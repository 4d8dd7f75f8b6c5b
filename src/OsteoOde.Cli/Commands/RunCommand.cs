using System.Diagnostics;
using System.Globalization;
using System.Text;
using OsteoOde.Modeling;
using OsteoOde.Models.Aging;
using OsteoOde.Plotting;

namespace OsteoOde.Cli.Commands;

/// <summary>
/// <c>osteo run</c>: the README's main job. Simulates the lifetime model for both sexes (or one) from age 25 to 90 and writes
/// <c>lifetime.csv</c>, <c>lifetime.html</c> and <c>manifest.json</c> into a folder, then prints the summary table.
/// </summary>
public sealed class RunCommand : CliCommand
{
    /// <summary>Name of the data file.</summary>
    public const string CsvFile = "lifetime.csv";

    /// <summary>Name of the chart file.</summary>
    public const string HtmlFile = "lifetime.html";

    /// <summary>Name of the manifest.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>Default output folder (relative to the working directory).</summary>
    public const string DefaultFolder = "out";

    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Columns of the summary in CSV form.</summary>
    public static IReadOnlyList<string> SummaryCsvColumns { get; } = ["sex", "age", .. LifetimeRun.SummaryColumns];

    /// <summary>Headings of the summary in Markdown form.</summary>
    public static IReadOnlyList<string> SummaryHeadings { get; } =
        ["sex", "age", "BMD [g/cm²]", "T-score", "senescent burden [× age 30]", "plasma EVs [vesicles/mL]", "marrow fat [fraction]"];

    /// <inheritdoc/>
    public override string Name => "run";

    /// <inheritdoc/>
    public override string Summary => "the main job: lifetime model 25 → 90 for both sexes; CSV, offline chart, manifest and summary";

    /// <inheritdoc/>
    public override string Usage => "run [--sex female|male] [--out DIR] [--step-years Y] [--off MODULE,...] [--set NAME=VALUE]... [--format md|csv] [--method NAME] [--rtol R] [--atol A] [--max-steps N]";

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("sex", "female|male", "simulate one sex only (default: both, women first)"),
        new("out", "DIR", "folder for lifetime.csv, lifetime.html and manifest.json (default out; created if missing)"),
        new("step-years", "Y", "spacing of the output ages in years; must divide 5 so that 30, 50, ..., 90 are on the grid (default 0.25)"),
        new("off", "MODULE,...", "what-if: switch modules off in every model (" + string.Join(", ", AgingModel.Modules) + "); estrogen exists only in women's"),
        new("set", "NAME=VALUE", "what-if: a parameter or input value, in every model that has it (checked against its bounds)", Repeatable: true),
        new("format", "md|csv", "summary on stdout as a Markdown table with rounded values (default) or as CSV with round-trip numbers"),
        new("method", "NAME", "solver method (default radau5, the lifetime model's)"),
        new("rtol", "R", "relative tolerance (default 1e-10; at least 1e-14)"),
        new("atol", "A", "absolute tolerance (default 1e-16)"),
        new("max-steps", "N", "largest number of solver step attempts per sex (default 500000)"),
    ];

    /// <inheritdoc/>
    public override string Details => """
        Simulates the lifetime model 'aging' (every module on, default parameters) from age 25 to 90 for women and men and
        writes into the folder (atomically: every file is written under a temporary name first and renamed into place,
        manifest last; on any failure nothing is written):

          lifetime.csv    t, age, the states, every observable, then sex (female rows first, then male rows); t in days
                          from age 25, age in years; the grid 25, 25 + Y, ..., 90 contains the summary ages exactly. Men have
                          no estrogen module, so their EST and P_RANKL_est cells are empty.
          lifetime.html   offline chart (plotly.js inlined, no network): femoral-neck BMD and T-score against age, both
                          sexes, with the WHO thresholds T = -1 (osteopenia) and T = -2.5 (osteoporosis) and the matching
                          BMD values.
          manifest.json   model ids and content hashes per sex, parameter differences, solver settings, package versions,
                          git commit, SHA-256 of each file, elapsed time.

        stdout: the summary at ages 30, 50, 60, 70, 80, 90 per sex (BMD, T-score, senescent burden relative to age 30,
        plasma EVs, marrow fat fraction) and the elapsed time; with --format csv only the summary as CSV (columns sex, age,
        bmd_fn, t_score_fn, senescent_burden, ev_plasma, marrow_fat). Progress goes to stderr.

        What-ifs: --off and --set change every sex's model that has the module or name (men have no estrogen module, so
        --off estrogen and the estrogen parameters apply to women only; a note says so). The manifest records the changes
        (parameterDiff) and each variant's content hash; the summary's first line lists them.

        Exit codes: 0 success; 1 the solver failed (its message, with time, step and what to try; nothing written); 2 bad
        input (nothing written).

        Examples:
          osteo run
          osteo run --sex male --out results/men --step-years 1
          osteo run --format csv > summary.csv
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var clock = Stopwatch.StartNew();
        var sexes = Sexes(args);
        var format = args.GetChoice("format", TextTable.Formats);
        var step = args.GetDouble("step-years") ?? LifetimeRun.DefaultStepYears;
        double[] ages;
        try
        {
            ages = LifetimeRun.Ages(step);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--step-years: {CliText.Message(e)}");
        }

        var what = WhatIf(args, sexes, streams.Error);
        var solver = SimulateCommand.SolverOptions(args, AgingModel.SolverOptions());
        var folder = OutputFolder.Open(args.Get("out") ?? DefaultFolder);

        // Plotly.NET's first chart and JSON serialisation cost about half a second of JIT; do it while the models simulate.
        var warmUp = Task.Run(LifetimeChart.WarmUp);
        var progressLock = new object();
        void Progress(LifetimeCourse c)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"osteo run: {c.Label} 25 → 90: {(c.Result.IsSuccess ? "done" : "failed")} in {c.Seconds:0.00} s ({c.Result.Statistics.AcceptedSteps} steps, {c.Result.Statistics.RhsEvaluations} right-hand-side evaluations)");
            lock (progressLock)
            {
                streams.Error.WriteLine(line);
            }
        }

        var courses = LifetimeRun.Run(sexes, ages, solver, Progress, what);
        var failures = courses.Where(c => !c.Result.IsSuccess).ToList();
        foreach (var failed in failures)
        {
            streams.Error.WriteLine($"osteo run: {failed.Label}: {failed.Result.Status}: {CliText.OneLine(failed.Result.Message)}");
        }

        if (failures.Count > 0)
        {
            return ExitCodes.NumericalFailure;
        }

        var simulated = clock.Elapsed.TotalSeconds;
        warmUp.Wait();
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        LifetimeRun.WriteCsv(csv, courses);
        var csvFile = new OutputFile(CsvFile, Utf8.GetBytes(csv.ToString()));
        var htmlFile = new OutputFile(HtmlFile, Utf8.GetBytes(HtmlExport.ToHtmlDocument(LifetimeChart.Create(courses))));
        var rows = courses.Sum(c => c.Result.RowCount);
        var manifest = RunManifest.Create(CommandLine(args), courses, step, solver, csvFile, [htmlFile], clock.Elapsed.TotalSeconds);
        var manifestFile = new OutputFile(ManifestFile, Utf8.GetBytes(manifest.ToJson()));
        folder.Commit([csvFile, htmlFile, manifestFile]);
        var elapsed = clock.Elapsed.TotalSeconds;

        var summary = SummaryRows(courses);
        if (format == "csv")
        {
            TextTable.Write(streams.Out, "csv", SummaryCsvColumns, summary.Select(r => (IReadOnlyList<string>)[r.Sex, CliText.F(r.Age), .. r.Values.Select(CliText.F)]));
            streams.Error.WriteLine(ElapsedLine(elapsed, simulated));
            return ExitCodes.Success;
        }

        var o = streams.Out;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Lifetime model 'aging', age 25 to 90 every {step:R} years, {string.Join(" and ", courses.Select(c => c.Label))}; solver {solver.Method} rtol {solver.RelativeTolerance:R} atol {solver.AbsoluteTolerance:R}{Describe(what)}"));
        o.WriteLine($"Wrote {Path.Combine(folder.FullPath, CsvFile)} ({rows} rows), {HtmlFile}, {ManifestFile}");
        o.WriteLine();
        TextTable.Write(o, "md", SummaryHeadings, summary.Select(r => (IReadOnlyList<string>)
        [
            r.Sex, r.Age.ToString("0", CultureInfo.InvariantCulture), r.Values[0].ToString("0.0000", CultureInfo.InvariantCulture),
            r.Values[1].ToString("0.00", CultureInfo.InvariantCulture), r.Values[2].ToString("0.00", CultureInfo.InvariantCulture),
            r.Values[3].ToString("0.000e+00", CultureInfo.InvariantCulture), r.Values[4].ToString("0.000", CultureInfo.InvariantCulture),
        ]));
        o.WriteLine();
        o.WriteLine("T-score: WHO thresholds -1 (osteopenia) and -2.5 (osteoporosis); men are scored against the young-women reference (WHO convention).");
        o.WriteLine(ElapsedLine(elapsed, simulated));
        return ExitCodes.Success;
    }

    /// <summary>The command line as given, options in this command's order (recorded in the manifest).</summary>
    /// <param name="args">Parsed arguments.</param>
    /// <returns>For example <c>osteo run --out results --set beta_sen=0.18</c>.</returns>
    public string CommandLine(ParsedArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = new StringBuilder("osteo run");
        foreach (var option in Options.Where(o => args.Has(o.Name)))
        {
            if (!option.TakesValue)
            {
                command.Append(" --").Append(option.Name);
                continue;
            }

            foreach (var value in option.Repeatable ? args.GetAll(option.Name) : [args.Get(option.Name)!])
            {
                command.Append(" --").Append(option.Name).Append(' ').Append(value);
            }
        }

        return command.ToString();
    }

    /// <summary>The what-if of the command line: <c>--off</c> modules and <c>--set</c> values, checked against every model run.</summary>
    /// <param name="args">Parsed arguments.</param>
    /// <param name="sexes">Sexes run.</param>
    /// <param name="notes">Where notes go (a change that applies to one sex only).</param>
    /// <returns>The what-if.</returns>
    /// <exception cref="UsageException">An unknown module, a name no model has, a repeated name, or a value outside its bounds.</exception>
    public static LifetimeWhatIf WhatIf(ParsedArguments args, IReadOnlyList<Sex> sexes, TextWriter notes)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(sexes);
        ArgumentNullException.ThrowIfNull(notes);
        var off = args.Has("off") ? args.GetList("off").Distinct(StringComparer.Ordinal).ToList() : [];
        foreach (var module in off.Where(m => !AgingModel.Modules.Contains(m, StringComparer.Ordinal)))
        {
            throw new UsageException($"--off: {CliText.Unknown("module", module, "Modules", AgingModel.Modules)}");
        }

        var sets = sexes.Select(sex => (Sex: sex, Set: ParameterSet.Defaults(AgingModel.Create(AgingOptions.For(sex).Without([.. off]))))).ToList();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value, text) in SimulationArguments.Assignments(args))
        {
            var having = sets.Where(s => s.Set.Contains(name)).ToList();
            if (having.Count == 0)
            {
                var names = sets.SelectMany(s => s.Set.Names).Distinct(StringComparer.Ordinal).ToList();
                throw new UsageException($"--set {text}: the lifetime model{(off.Count > 0 ? " with " + string.Join(", ", off) + " off" : "")} has no parameter or input named '{name}'. "
                    + $"Valid names: {CliText.ChoiceList(name, names)}.");
            }

            values.Add(name, value);

            try
            {
                foreach (var (_, set) in having)
                {
                    set.With(name, value);
                }
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--set {text}: {CliText.Message(e)}");
            }

            if (having.Count < sets.Count)
            {
                notes.WriteLine($"osteo run: note: --set {name} applies to {string.Join(" and ", having.Select(h => LifetimeRun.Label(h.Sex)))} only (the other model has no '{name}').");
            }
        }

        if (off.Contains(AgingModel.Estrogen) && sexes.Contains(Sex.Male))
        {
            notes.WriteLine("osteo run: note: men's model has no estrogen module; --off estrogen changes women's only.");
        }

        return new LifetimeWhatIf(off, values);
    }

    private static string Describe(LifetimeWhatIf what)
    {
        var parts = new List<string>();
        if (what.Off.Count > 0)
        {
            parts.Add("off: " + string.Join(", ", what.Off));
        }

        if (what.Parameters.Count > 0)
        {
            parts.Add("set: " + string.Join(", ", what.Parameters.Select(kv => $"{kv.Key} = {CliText.F(kv.Value)}")));
        }

        return parts.Count == 0 ? "" : "; what-if " + string.Join("; ", parts);
    }

    /// <summary>The summary rows: per sex (in run order) and summary age, the summary columns.</summary>
    /// <param name="courses">Successful courses.</param>
    /// <returns>Rows.</returns>
    public static IReadOnlyList<(string Sex, double Age, double[] Values)> SummaryRows(IReadOnlyList<LifetimeCourse> courses)
    {
        ArgumentNullException.ThrowIfNull(courses);
        return [.. courses.SelectMany(c => LifetimeRun.SummaryAges.Select(a =>
        {
            var row = LifetimeRun.RowAt(c, a);
            return (c.Label, a, LifetimeRun.SummaryColumns.Select(name => c.Result[name][row]).ToArray());
        }))];
    }

    /// <summary>The sexes of <c>--sex female|male</c>: one, or both (women first) when the option is absent.</summary>
    /// <param name="args">Parsed arguments.</param>
    /// <returns>The sexes.</returns>
    /// <exception cref="UsageException">Another value; the message lists female and male.</exception>
    internal static IReadOnlyList<Sex> Sexes(ParsedArguments args) => args.Get("sex") switch
    {
        null => [Sex.Female, Sex.Male],
        "female" => [Sex.Female],
        "male" => [Sex.Male],
        var other => throw new UsageException($"--sex: {CliText.Unknown("value", other, "Valid values", ["female", "male"]).TrimEnd('.')} (leave --sex out for both)."),
    };

    private static string ElapsedLine(double elapsed, double simulated)
    {
        var sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"Elapsed: {elapsed:0.00} s (simulation {simulated:0.00} s, chart and files {elapsed - simulated:0.00} s); {sinceStart:0.00} s since the process started.");
    }
}
