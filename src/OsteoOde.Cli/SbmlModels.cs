using OsteoOde.Modeling;
using OsteoOde.Modeling.Sbml;

namespace OsteoOde.Cli;

/// <summary>Imports the model of an SBML file for <c>--sbml FILE</c>.</summary>
public static class SbmlModels
{
    /// <summary>Imports a file; each of the importer's warnings (renamed ids, assumed units, undeclared units, ...) becomes a one-line note.</summary>
    /// <param name="path">File path.</param>
    /// <param name="initialEvents"><c>document</c>, <c>fire</c> or <c>skip</c> (events whose trigger holds at t = 0).</param>
    /// <param name="command">Command name for the note prefix.</param>
    /// <param name="notes">Receives the notes (one line each), or null.</param>
    /// <returns>The model.</returns>
    /// <exception cref="UsageException">The file is missing or unreadable.</exception>
    /// <exception cref="SbmlImportException">Malformed, invalid or unsupported SBML (an <see cref="ArgumentException"/>: exit code 2).</exception>
    public static Model Import(string path, string initialEvents, string command, ICollection<string>? notes)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new UsageException(Directory.Exists(path) ? $"--sbml '{path}' is a folder, not an SBML file." : $"--sbml '{path}': file not found.");
        }

        string xml;
        try
        {
            xml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--sbml '{path}' cannot be read ({CliText.OneLine(e.Message)}).");
        }

        var options = new SbmlImportOptions
        {
            SourceName = Path.GetFileName(path),
            InitialTriggers = initialEvents switch
            {
                "fire" => SbmlInitialTriggerPolicy.Fire,
                "skip" => SbmlInitialTriggerPolicy.DoNotFire,
                _ => SbmlInitialTriggerPolicy.FollowDocument,
            },
        };
        SbmlImportResult result;
        try
        {
            result = SbmlImporter.Import(xml, options);
        }
        catch (SbmlImportException e)
        {
            throw new UsageException($"--sbml '{path}': {CliText.Message(e)}");
        }

        if (notes is not null)
        {
            foreach (var warning in result.Warnings)
            {
                notes.Add($"osteo {command}: note: SBML: {CliText.OneLine(warning)}");
            }
        }

        return result.Model;
    }
}
