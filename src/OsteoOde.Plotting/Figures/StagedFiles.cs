namespace OsteoOde.Plotting;

/// <summary>
/// Writes a set of files into a folder so that no reader ever sees a partial set: every file goes under a temporary name
/// (a leading dot, never read) first, and only when all are written are they renamed over their targets, in the given order
/// (so a manifest given last appears last). A failure before the renames leaves the folder as it was.
/// </summary>
public static class StagedFiles
{
    /// <summary>Writes the files.</summary>
    /// <param name="folder">Existing folder.</param>
    /// <param name="files">Names (no folder part, unique) and complete contents.</param>
    /// <returns>Full paths of the files written, in order.</returns>
    public static IReadOnlyList<string> Commit(string folder, IReadOnlyList<(string Name, byte[] Bytes)> files)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(files);
        var staged = new List<(string Temp, string Target)>();
        try
        {
            foreach (var (name, bytes) in files)
            {
                var target = Path.Combine(folder, name);
                var temp = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
                staged.Add((temp, target));
                File.WriteAllBytes(temp, bytes);
            }

            foreach (var (temp, target) in staged)
            {
                File.Move(temp, target, overwrite: true);
            }
        }
        finally
        {
            foreach (var (temp, _) in staged.Where(s => File.Exists(s.Temp)))
            {
                try
                {
                    File.Delete(temp);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Best effort: the temporary name starts with a dot and is never read.
                }
            }
        }

        return [.. staged.Select(s => s.Target)];
    }
}
