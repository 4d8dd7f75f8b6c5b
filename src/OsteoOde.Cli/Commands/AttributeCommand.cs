using System.Globalization;
using OsteoOde.Analysis.Attribution;
using OsteoOde.Models.Aging;

namespace OsteoOde.Cli.Commands;

/// <summary>One row of the <c>osteo attribute</c> table: a mechanism (or the total) of one sex at one age.</summary>
/// <param name="Sex"><c>female</c> or <c>male</c>.</param>
/// <param name="Age">Age (years).</param>
/// <param name="Mechanism">Mechanism name (<see cref="AgingMechanisms"/>), or <c>total</c>.</param>
/// <param name="Title">Mechanism title, or the total's description.</param>
/// <param name="ShapleyPoints">Shapley value in percentage points of peak BMD (for the total: v(all) − v(none)).</param>
/// <param name="ShapleyShare">Shapley value / total (1 for the total).</param>
/// <param name="OneOffPoints">One-at-a-time value v(all) − v(all but this one) (for the total: the sum of the one-off values).</param>
/// <param name="OneOffShare">One-off value / total.</param>
public sealed record AttributionTableRow(string Sex, double Age, string Mechanism, string Title, double ShapleyPoints, double ShapleyShare,
    double OneOffPoints, double OneOffShare);

/// <summary>
/// <c>osteo attribute</c>: how much of the femoral-neck BMD loss of the lifetime model at given ages is due to each mechanism
/// (<see cref="AgingAttribution"/>): exact Shapley values and one-at-a-time (switch one off) values in one table.
/// </summary>
public sealed class AttributeCommand : CliCommand
{
    /// <summary>Columns of the CSV format.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
        ["sex", "age", "mechanism", "shapley_pts", "shapley_share", "one_off_pts", "one_off_share"];

    /// <summary>Headings of the Markdown format.</summary>
    public static IReadOnlyList<string> MarkdownHeadings { get; } =
        ["sex", "age", "mechanism", "Shapley [pts]", "Shapley share", "one-off [pts]", "one-off share"];

    /// <inheritdoc/>
    public override string Name => "attribute";

    /// <inheritdoc/>
    public override string Summary => "lifetime model: how much of the BMD loss at 60, 70, 80 each mechanism explains (Shapley and one-off)";

    /// <inheritdoc/>
    public override string Usage => "attribute [--sex female|male] [--ages 60,70,80] [--format md|csv] [--out FILE]";

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("sex", "female|male", "one sex only (default: both, women first)"),
        new("ages", "a1,a2,...", "ages in years, each in (25, 90] (default 60,70,80)"),
        new("format", "md|csv", "Markdown table with the note on the decompositions (default), or CSV with round-trip numbers"),
        SimulationArguments.Out,
    ];

    /// <inheritdoc/>
    public override string Details => """
        Quantity: the loss of femoral-neck BMD from the peak at age 25, in percentage points of the peak,
        v = 100 (1 - BMD(age)/BMD(25)), in the lifetime model 'aging' with only some mechanisms switched on. Mechanisms:
        estrogen (women only; estrogen module off), soluble_sasp (SASP module off), rankl_ev (RANKL+ vesicles:
        P_rankl_ev_max = 0), mirna_ob (osteo-inhibitory microRNAs: theta_ob = 0), matrix_fat (aged-matrix vesicles and the
        fat shift: marrow_fate module off). Senescence, vesicle pools and the closure stay on in every run.

        Columns: Shapley value (exact, over all 2^n on/off combinations of the n mechanisms: 32 runs for women, 16 for men),
        its share of the total, and the one-off value v(all) - v(all but this one) with its share. Per sex and age a 'total'
        row gives the total v(all) - v(none) in the Shapley column and the SUM of the one-off values in the one-off column.

        The Shapley values add up to the total exactly (efficiency); the one-off values do not when mechanisms interact:
        switching one off also removes its interactions with the others, so interaction terms are counted once for each
        partner (here the one-off sum exceeds the total by a few percent: the mechanisms are mildly super-additive).

        Exit codes: 0 success; 1 a run failed (the failed combinations are named; nothing written); 2 bad input.

        Examples:
          osteo attribute
          osteo attribute --sex male --ages 65,75,85 --format csv --out attribution.csv
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var sexes = RunCommand.Sexes(args);
        var ages = Ages(args);
        var format = args.GetChoice("format", TextTable.Formats);
        using var output = OutputTarget.Open(args.Get("out"), streams.Out);

        var results = new List<(Sex Sex, AttributionResult Result)>();
        foreach (var sex in sexes)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = AgingAttribution.Run(sex, ages);
            streams.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"osteo attribute: {LifetimeRun.Label(sex)}: {result.Coalitions.Count} runs in {clock.Elapsed.TotalSeconds:0.00} s"));
            if (!result.IsComplete)
            {
                foreach (var failure in result.Failures)
                {
                    streams.Error.WriteLine($"osteo attribute: {LifetimeRun.Label(sex)}, mechanisms on: {(failure.Members.Count == 0 ? "none" : string.Join("+", failure.Members))}: {CliText.OneLine(failure.Message)}");
                }

                return ExitCodes.NumericalFailure;
            }

            results.Add((sex, result));
        }

        var rows = results.SelectMany(r => Rows(r.Sex, r.Result)).ToList();
        if (format == "csv")
        {
            output.Commit(w => TextTable.Write(w, "csv", CsvColumns, rows.Select(r => (IReadOnlyList<string>)
                [r.Sex, CliText.F(r.Age), r.Mechanism, CliText.F(r.ShapleyPoints), CliText.F(r.ShapleyShare), CliText.F(r.OneOffPoints), CliText.F(r.OneOffShare)])));
            return ExitCodes.Success;
        }

        output.Commit(w =>
        {
            w.Write("Femoral-neck BMD loss from the peak (age 25) by mechanism, in percentage points of peak BMD (lifetime model 'aging').\n\n");
            TextTable.Write(w, "md", MarkdownHeadings, rows.Select(r => (IReadOnlyList<string>)
            [
                r.Sex, CliText.F(r.Age), r.Title, P(r.ShapleyPoints), Percent(r.ShapleyShare), P(r.OneOffPoints), Percent(r.OneOffShare),
            ]));
            w.Write('\n');
            w.Write(Note(results));
        });
        return ExitCodes.Success;
    }

    /// <summary>The table rows of one sex: per age, one row per mechanism (table order), then the total row.</summary>
    /// <param name="sex">Sex.</param>
    /// <param name="result">Attribution.</param>
    /// <returns>Rows.</returns>
    public static IEnumerable<AttributionTableRow> Rows(Sex sex, AttributionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var label = LifetimeRun.Label(sex);
        for (var k = 0; k < result.Points.Count; k++)
        {
            var total = result.Total[k];
            var oneOffSum = 0.0;
            foreach (var player in result.Players)
            {
                var shapley = result.Shapley(player)[k];
                var oneOff = result.OneAtATime(player)[k];
                oneOffSum += oneOff;
                yield return new AttributionTableRow(label, result.Points[k], player, AgingMechanisms.Get(player).Title, shapley, shapley / total, oneOff, oneOff / total);
            }

            yield return new AttributionTableRow(label, result.Points[k], "total", "total (one-off column: their sum)", total, 1, oneOffSum, oneOffSum / total);
        }
    }

    private static IReadOnlyList<double> Ages(ParsedArguments args)
    {
        if (!args.Has("ages"))
        {
            return AgingAttribution.DefaultAges;
        }

        var ages = new List<double>();
        foreach (var text in args.GetList("ages"))
        {
            var age = ParsedArguments.ParseNumber(text, "--ages");
            if (!(age > LifetimeRun.FromAge && age <= LifetimeRun.ToAge))
            {
                throw new UsageException($"--ages: {text} lies outside (25, 90] years (the loss is measured from the peak at 25; the model runs to 90).");
            }

            if (ages.Contains(age))
            {
                throw new UsageException($"--ages: {text} is given more than once.");
            }

            ages.Add(age);
        }

        return ages;
    }

    private static string Note(IReadOnlyList<(Sex Sex, AttributionResult Result)> results)
    {
        var shares = results.SelectMany(r => Enumerable.Range(0, r.Result.Points.Count)
            .Select(k => r.Result.Players.Sum(p => r.Result.OneAtATime(p)[k]) / r.Result.Total[k])).ToList();
        var residual = results.SelectMany(r => r.Result.Empty).Max(Math.Abs);
        var kind = shares.Min() > 1 ? "the mechanisms are mildly super-additive" : shares.Max() < 1 ? "the mechanisms are sub-additive" : "interactions of both signs";
        return string.Create(CultureInfo.InvariantCulture, $"""
            Which decomposition sums: the Shapley values (each mechanism's gain averaged over all orders of switching the
            mechanisms on, computed exactly from all 2^n on/off combinations) add up to the total v(all) − v(none) by
            construction. The one-off values v(all) − v(all but one) do not: switching one mechanism off also removes its
            interactions with the others, so each interaction is counted once for every partner. Here the one-off values sum
            to {100 * shares.Min():0.#}–{100 * shares.Max():0.#} % of the total ({kind}). With every mechanism off bone does
            not move (|v(none)| ≤ {residual:0.#e+00} pts), so the total is the whole loss. The split between RANKL⁺ vesicles
            and soluble SASP, and between formation (miRNA) and resorption, rests on two calibration priors
            (src/OsteoOde.Models/Aging/README.md).

            """);
    }

    private static string P(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
