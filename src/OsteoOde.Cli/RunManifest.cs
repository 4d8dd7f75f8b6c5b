using System.Globalization;
using System.Text;
using System.Text.Json;
using OsteoOde.Numerics;
using OsteoOde.Plotting;

namespace OsteoOde.Cli;

/// <summary>Work of one life course in the run manifest.</summary>
/// <param name="Variant">Model variant (<c>female</c>, <c>male</c>).</param>
/// <param name="Rows">Output rows.</param>
/// <param name="Seconds">Wall time of the run (building and compiling the variant included when it was not cached).</param>
/// <param name="Statistics">Solver counters.</param>
public sealed record RunManifestCourse(string Variant, int Rows, double Seconds, SolverStatistics Statistics);

/// <summary>
/// Provenance of one <c>osteo run</c> (<c>manifest.json</c> next to its files), format <see cref="FormatName"/>: the command, the
/// models with their content hashes per sex, the parameter differences from the defaults, the solver settings, the age grid, the
/// work and time of each run, package versions, the git commit, and the SHA-256 of every file. Built from the provenance records
/// of the figure manifests (<see cref="ManifestModel"/>, <see cref="ManifestParameterChange"/>, <see cref="ManifestSolver"/>,
/// <see cref="ManifestData"/>, <see cref="ManifestFile"/>, <see cref="BuildProvenance"/>), with the same field names.
/// </summary>
/// <param name="Command">The command line (<c>osteo run</c> and the options given).</param>
/// <param name="Created">Creation time (UTC).</param>
/// <param name="ElapsedSeconds">Wall time of the command from its start until the manifest was made (simulations, CSV, chart, hashes; not the final renames).</param>
/// <param name="StepYears">Spacing of the output ages.</param>
/// <param name="Models">Model variants run.</param>
/// <param name="ParameterDiff">Differences from each variant's default parameters (empty for the default job).</param>
/// <param name="Solver">Solver settings.</param>
/// <param name="Runs">Work of each run.</param>
/// <param name="Packages">Package versions by name.</param>
/// <param name="Git">Source revision.</param>
/// <param name="Data">The CSV file.</param>
/// <param name="Files">Other files (the chart).</param>
public sealed record RunManifest(
    string Command,
    DateTimeOffset Created,
    double ElapsedSeconds,
    double StepYears,
    IReadOnlyList<ManifestModel> Models,
    IReadOnlyList<ManifestParameterChange> ParameterDiff,
    ManifestSolver Solver,
    IReadOnlyList<RunManifestCourse> Runs,
    IReadOnlyList<KeyValuePair<string, string>> Packages,
    SourceRevision Git,
    ManifestData Data,
    IReadOnlyList<ManifestFile> Files)
{
    /// <summary>Value of the <c>format</c> field.</summary>
    public const string FormatName = "osteoode-run-manifest";

    /// <summary>Value of the <c>version</c> field.</summary>
    public const int FormatVersion = 1;

    /// <summary>The manifest of a finished run.</summary>
    /// <param name="command">The command line as given (<see cref="Commands.RunCommand.CommandLine"/>).</param>
    /// <param name="courses">Successful courses.</param>
    /// <param name="stepYears">Age spacing.</param>
    /// <param name="solver">Solver settings.</param>
    /// <param name="csv">The CSV file (its header and rows follow from the courses).</param>
    /// <param name="files">Other files.</param>
    /// <param name="elapsedSeconds">Elapsed time so far.</param>
    /// <returns>The manifest, with this build's package versions and source revision.</returns>
    public static RunManifest Create(string command, IReadOnlyList<LifetimeCourse> courses, double stepYears, OdeOptions solver,
        OutputFile csv, IReadOnlyList<OutputFile> files, double elapsedSeconds)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(courses);
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(files);
        return new RunManifest(
            command, DateTimeOffset.UtcNow, elapsedSeconds, stepYears,
            [.. courses.Select(c => new ManifestModel(c.Request.Model.Id, c.Label, c.Request.Model.ContentHash))],
            [.. courses.SelectMany(c => c.Request.Parameters!.Diff().Select(d => new ManifestParameterChange(c.Request.Model.Id, c.Label, d.Name,
                d.Kind == Modeling.QuantityKind.Input ? "input" : "parameter", d.Default, d.Value, d.Unit.ToString())))],
            new ManifestSolver(solver.Method, solver.RelativeTolerance, solver.AbsoluteTolerance, solver.MaxSteps),
            [.. courses.Select(c => new RunManifestCourse(c.Label, c.Result.RowCount, c.Seconds, c.Result.Statistics))],
            BuildProvenance.Packages(), BuildProvenance.Revision(),
            new ManifestData(csv.Name, csv.Sha256, courses.Sum(c => c.Result.RowCount), LifetimeRun.Columns(courses)),
            [.. files.Select(f => new ManifestFile(f.Name, f.Sha256))]);
    }

    /// <summary>The manifest as indented JSON (UTF-8, LF line ends, shortest round-trip numbers).</summary>
    /// <returns>The text.</returns>
    public string ToJson() => ManifestJson.Object(w =>
    {
        w.WriteString("format", FormatName);
        w.WriteNumber("version", FormatVersion);
        w.WriteString("command", Command);
        ManifestJson.WriteCreated(w, Created);
        w.WriteNumber("elapsedSeconds", Math.Round(ElapsedSeconds, 4));
        w.WriteStartObject("grid");
        w.WriteNumber("fromAge", LifetimeRun.FromAge);
        w.WriteNumber("toAge", LifetimeRun.ToAge);
        w.WriteNumber("stepYears", StepYears);
        w.WriteEndObject();
        ManifestJson.WriteModels(w, Models);
        ManifestJson.WriteParameterDiff(w, ParameterDiff);
        ManifestJson.WriteSolver(w, Solver);
        w.WriteStartArray("runs");
        foreach (var r in Runs)
        {
            w.WriteStartObject();
            w.WriteString("variant", r.Variant);
            w.WriteNumber("rows", r.Rows);
            w.WriteNumber("seconds", Math.Round(r.Seconds, 4));
            w.WriteNumber("acceptedSteps", r.Statistics.AcceptedSteps);
            w.WriteNumber("rejectedSteps", r.Statistics.RejectedSteps);
            w.WriteNumber("rhsEvaluations", r.Statistics.RhsEvaluations);
            w.WriteNumber("jacobianEvaluations", r.Statistics.JacobianEvaluations);
            w.WriteNumber("luDecompositions", r.Statistics.LuDecompositions);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        ManifestJson.WriteBuild(w, Packages, Git);
        ManifestJson.WriteFiles(w, Data, Files);
    });
}
