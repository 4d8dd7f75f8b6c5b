using System.Globalization;
using OsteoOde.Analysis.Figures;
using OsteoOde.Modeling;
using OsteoOde.Plotting;

namespace OsteoOde.Cli.Commands;

/// <summary>
/// <c>osteo reproduce MANIFEST</c>: runs a figure again from its manifest (same figure, parameter changes and solver settings)
/// and reports, per numeric column, how far the new data are from the manifest's data file.
/// </summary>
public sealed class ReproduceCommand : CliCommand
{
    /// <summary>Columns of the report table.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["column", "unit", "max_abs_diff", "max_rel_diff", "scale", "agrees"];

    /// <inheritdoc/>
    public override string Name => "reproduce";

    /// <inheritdoc/>
    public override string Summary => "re-run a figure from its manifest and check that the data agree";

    /// <inheritdoc/>
    public override string Usage => "reproduce MANIFEST.json [--tolerance T] [--format md|csv]";

    /// <inheritdoc/>
    public override int MaxPositionals => 1;

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("tolerance", "T", "agreement tolerance relative to each column's largest value (default: the manifest's, 1e-6)"),
        new("format", "md|csv", "report format (default md; csv is the table only)"),
    ];

    /// <inheritdoc/>
    public override string Details => """
        Reads NAME.manifest.json (written by osteo figure), checks the data file next to it against the recorded SHA-256,
        computes the figure again with the recorded parameter changes and solver settings and compares the tables: text
        columns must match exactly; a numeric column agrees when max |new - old| <= T * max |old| (normwise, so entries near
        zero do not fail on relative noise). The report lists, per numeric column, the largest absolute and relative
        differences, the column's scale and whether it agrees.

        Warnings (stderr) name what differs in the provenance: a model whose content hash changed (equations, values,
        bounds or units), package versions, the source revision.

        Exit codes: 0 the data agree, 1 they disagree (or the computation failed), 2 the manifest or its data file is
        missing, malformed or changed.

        Example:
          osteo figure komarova-cycle --out figs --no-static && osteo reproduce figs/komarova-cycle.manifest.json
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var path = args.Positionals.Count == 1 ? args.Positionals[0]
            : throw new UsageException("give the manifest file: osteo reproduce NAME.manifest.json (written by osteo figure).");
        var format = args.GetChoice("format", TextTable.Formats);
        var tolerance = args.GetPositive("tolerance");
        if (!File.Exists(path))
        {
            throw new UsageException(Directory.Exists(path)
                ? $"'{path}' is a folder; give a NAME.manifest.json file in it."
                : $"manifest '{path}' does not exist.");
        }

        ReproductionReport report;
        try
        {
            report = FigureReproduction.Run(path, tolerance);
        }
        catch (SimulationFailedException e)
        {
            streams.Error.WriteLine($"osteo reproduce: the figure could not be computed again: {e.Status}: {CliText.OneLine(e.Message)}");
            return ExitCodes.NumericalFailure;
        }

        foreach (var warning in report.Warnings)
        {
            streams.Error.WriteLine($"osteo reproduce: warning: {warning}");
        }

        var c = report.Comparison;
        var rows = c.Columns.Select(d => (IReadOnlyList<string>)[d.Name, d.Unit, Number(d.MaxAbsolute), Number(d.MaxRelative), Number(d.Scale), d.Agrees ? "yes" : "no"]);
        var m = report.Manifest;
        var verdict = report.Agrees
            ? string.Create(CultureInfo.InvariantCulture, $"agree: every column within {c.Tolerance:R} x its scale.")
            : "disagree: " + string.Join("; ", c.Problems.Concat(c.Columns.Where(d => !d.Agrees).Select(d =>
                string.Create(CultureInfo.InvariantCulture, $"{d.Name} differs by up to {d.MaxAbsolute:G3}{(d.Unit.Length > 0 ? " " + d.Unit : "")} ({d.MaxAbsolute / (d.Scale > 0 ? d.Scale : 1):G3} of its scale; tolerance {c.Tolerance:R})")))) + ".";
        if (format == "csv")
        {
            TextTable.Write(streams.Out, "csv", Columns, rows);
            streams.Error.WriteLine($"osteo reproduce: {verdict}");
        }
        else
        {
            streams.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"figure {m.Figure}: manifest of {m.Created.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, commit {m.Git.Commit}, solver {m.Solver.Method} rtol {m.Solver.RelativeTolerance:R} atol {m.Solver.AbsoluteTolerance:R}, {m.Parameters.Count} parameter change(s); {m.Data.Rows} rows compared"));
            streams.Out.WriteLine();
            TextTable.Write(streams.Out, "md", Columns, rows);
            streams.Out.WriteLine();
            streams.Out.WriteLine(verdict);
        }

        return report.Agrees ? ExitCodes.Success : ExitCodes.NumericalFailure;
    }

    private static string Number(double value) => double.IsPositiveInfinity(value) ? "inf" : value.ToString("G6", CultureInfo.InvariantCulture);
}
