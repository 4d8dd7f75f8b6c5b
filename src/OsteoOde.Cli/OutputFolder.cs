namespace OsteoOde.Cli;

/// <summary>One file of a result set: name inside the folder and its complete contents.</summary>
/// <param name="Name">File name (no folder part).</param>
/// <param name="Bytes">Contents.</param>
public sealed record OutputFile(string Name, byte[] Bytes)
{
    /// <summary>Lower-case hex SHA-256 of the contents.</summary>
    public string Sha256 => Plotting.FigureFiles.Sha256(Bytes);
}

/// <summary>
/// A folder that receives a set of files (<c>osteo run --out DIR</c>). <see cref="Open"/> checks the path before any computation
/// (a path that is a file, or a folder that cannot be created or written, is a usage error up front) without creating anything;
/// <see cref="Commit"/> creates the folder if needed, writes every file under a temporary name and only then renames them into
/// place, in the given order (so a manifest given last appears last). A failure before the renames leaves the folder as it was;
/// every file that appears is complete.
/// </summary>
public sealed class OutputFolder
{
    private OutputFolder(string fullPath) => FullPath = fullPath;

    /// <summary>Full path of the folder.</summary>
    public string FullPath { get; }

    /// <summary>Checks a folder path for writing.</summary>
    /// <param name="path">Folder path (created at commit time when missing, with missing parents).</param>
    /// <param name="option">Option name for messages.</param>
    /// <returns>The folder.</returns>
    /// <exception cref="UsageException">The path is empty or invalid, is a file or lies under a file, or cannot be written.</exception>
    public static OutputFolder Open(string path, string option = "--out")
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new UsageException($"{option}: the folder name is empty.");
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{option} '{path}' is not a valid path: {CliText.OneLine(e.Message)}");
        }

        // The nearest folder that exists: the folder itself, or the ancestor under which it will be created.
        var existing = full;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                throw new UsageException(existing == full
                    ? $"{option} '{path}' is a file; give a folder (it is created if missing)."
                    : $"{option} '{path}': '{existing}' is a file, so the folder cannot be created.");
            }

            existing = Path.GetDirectoryName(existing)
                ?? throw new UsageException($"{option} '{path}': no existing folder above it.");
        }

        var probe = Path.Combine(existing, $".osteo-probe.{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} '{path}' cannot be written ({CliText.OneLine(e.Message)}).");
        }

        return new OutputFolder(full);
    }

    /// <summary>Writes the files: all under temporary names first, then each renamed over its target, in order.</summary>
    /// <param name="files">Files (unique names).</param>
    /// <returns>Full paths of the files written, in order.</returns>
    public IReadOnlyList<string> Commit(IReadOnlyList<OutputFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(FullPath);
        return Plotting.StagedFiles.Commit(FullPath, [.. files.Select(f => (f.Name, f.Bytes))]);
    }
}
