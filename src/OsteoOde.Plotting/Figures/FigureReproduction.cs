using System.Text;
using OsteoOde.Analysis.Figures;

namespace OsteoOde.Plotting;

/// <summary>The outcome of re-running a figure from its manifest.</summary>
/// <param name="Manifest">The manifest.</param>
/// <param name="Comparison">New data against the manifest's data file.</param>
/// <param name="Warnings">Differences in what produced the data: model content hashes, package versions, source revision.</param>
public sealed record ReproductionReport(FigureManifest Manifest, TableComparisonResult Comparison, IReadOnlyList<string> Warnings)
{
    /// <summary>Whether the data agree within the tolerance.</summary>
    public bool Agrees => Comparison.Agrees;
}

/// <summary>
/// Re-runs a figure from its manifest (same figure, parameter changes and solver settings) and compares the new table with
/// the manifest's data file (<see cref="TableComparison"/>: per column, max |new − old| ≤ tolerance · max |old|).
/// </summary>
public static class FigureReproduction
{
    /// <summary>Reads a manifest and its data file, checks them, re-computes and compares.</summary>
    /// <param name="manifestPath">Path of <c>NAME.manifest.json</c>; the data file is looked up next to it.</param>
    /// <param name="tolerance">Agreement tolerance (<see langword="null"/>: the manifest's).</param>
    /// <returns>The report.</returns>
    /// <exception cref="FigureManifestException">The manifest is invalid, names an unknown figure or model, its data file is
    /// missing, changed since (SHA-256 mismatch) or does not match the recorded columns.</exception>
    /// <exception cref="ArgumentException">The recorded parameter changes or solver settings are not valid for this version's models.</exception>
    /// <exception cref="Modeling.SimulationFailedException">The re-computation failed.</exception>
    public static ReproductionReport Run(string manifestPath, double? tolerance = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifestPath);
        var manifest = FigureManifest.Load(manifestPath);
        if (!FigureCatalog.TryGet(manifest.Figure, out var definition))
        {
            throw new FigureManifestException($"manifest '{manifestPath}': field 'figure' names '{manifest.Figure}', which this version does not know. Figures: {string.Join(", ", FigureCatalog.Names)}.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var dataPath = Path.Combine(folder, manifest.Data.File);
        if (!File.Exists(dataPath))
        {
            throw new FigureManifestException($"manifest '{manifestPath}': data file '{dataPath}' does not exist.");
        }

        var sha = FigureFiles.Sha256(dataPath);
        if (sha != manifest.Data.Sha256)
        {
            throw new FigureManifestException($"manifest '{manifestPath}': data file '{manifest.Data.File}' has SHA-256 {sha}, not the recorded {manifest.Data.Sha256}; it was changed after the figure was made.");
        }

        DataTable reference;
        try
        {
            reference = DataTable.FromCsv(File.ReadAllText(dataPath, Encoding.UTF8), definition.LabelColumns);
        }
        catch (FormatException e)
        {
            throw new FigureManifestException($"manifest '{manifestPath}': data file '{manifest.Data.File}': {e.Message}", e);
        }

        if (!reference.Columns.Select(c => c.Label).SequenceEqual(manifest.Data.Columns) || reference.RowCount != manifest.Data.Rows)
        {
            throw new FigureManifestException($"manifest '{manifestPath}': data file '{manifest.Data.File}' does not have the recorded columns and row count.");
        }

        var data = definition.Compute(manifest.ToSettings(definition));
        var comparison = TableComparison.Compare(reference, data.Table, tolerance ?? manifest.Tolerance);
        return new ReproductionReport(manifest, comparison, Warnings(manifest, data));
    }

    /// <summary>What differs between the manifest's provenance and this run's.</summary>
    /// <param name="manifest">Manifest.</param>
    /// <param name="data">The re-computed data.</param>
    /// <returns>One line per difference.</returns>
    public static IReadOnlyList<string> Warnings(FigureManifest manifest, FigureData data)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(data);
        var warnings = new List<string>();
        foreach (var recorded in manifest.Models)
        {
            var now = data.Models.FirstOrDefault(m => m.Id == recorded.Id && m.Variant == recorded.Variant);
            var label = recorded.Variant.Length == 0 ? recorded.Id : $"{recorded.Id} ({recorded.Variant})";
            if (now is null)
            {
                warnings.Add($"model {label} of the manifest was not run by this version of the figure.");
            }
            else if (now.ContentHash != recorded.ContentHash)
            {
                warnings.Add($"model {label} has changed: content hash {Short(now.ContentHash)} now, {Short(recorded.ContentHash)} in the manifest (equations, parameter values, bounds or units differ).");
            }
        }

        var current = BuildProvenance.Packages().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (name, version) in manifest.Packages)
        {
            if (!current.TryGetValue(name, out var now))
            {
                warnings.Add($"package {name} {version} of the manifest is not used by this version.");
            }
            else if (now != version)
            {
                warnings.Add($"package {name} is {now} now, {version} in the manifest.");
            }
        }

        var revision = BuildProvenance.Revision();
        if (manifest.Git.Commit != "unknown" && revision.Commit != "unknown" && revision.Commit != manifest.Git.Commit)
        {
            warnings.Add($"source revision is {Short(revision.Commit)} now, {Short(manifest.Git.Commit)} in the manifest.");
        }

        return warnings;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
