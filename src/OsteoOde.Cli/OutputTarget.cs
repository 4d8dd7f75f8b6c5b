using System.Text;

namespace OsteoOde.Cli;

/// <summary>
/// Where a command's result goes: stdout, or a file written atomically. <see cref="Open"/> checks the path before any
/// computation by creating a temporary file in the same folder (so an unwritable path is a usage error up front);
/// <see cref="Commit"/> writes the result into it and renames it over the target; disposing without a commit deletes it, so a
/// failure never leaves a partial or stale file behind.
/// </summary>
public sealed class OutputTarget : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);
    private readonly TextWriter? _stdout;
    private readonly string? _path;
    private readonly string? _tempPath;
    private FileStream? _temp;
    private bool _committed;

    private OutputTarget(TextWriter? stdout, string? path, string? tempPath, FileStream? temp)
    {
        _stdout = stdout;
        _path = path;
        _tempPath = tempPath;
        _temp = temp;
    }

    /// <summary>Opens the target: stdout when <paramref name="path"/> is <see langword="null"/>, else the file.</summary>
    /// <param name="path">File path from <c>--out</c>, or <see langword="null"/>.</param>
    /// <param name="stdout">Standard output.</param>
    /// <returns>The target.</returns>
    /// <exception cref="UsageException">The path is a folder, its folder does not exist, or it cannot be written.</exception>
    public static OutputTarget Open(string? path, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        if (path is null)
        {
            return new OutputTarget(stdout, null, null, null);
        }

        if (path.Length == 0)
        {
            throw new UsageException("--out: the file name is empty.");
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"--out '{path}' is not a valid path: {CliText.OneLine(e.Message)}");
        }

        if (Directory.Exists(full))
        {
            throw new UsageException($"--out '{path}' is a folder; give a file name.");
        }

        var folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"--out '{path}': the folder '{folder}' does not exist.");
        }

        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            return new OutputTarget(null, full, temp, stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out '{path}' cannot be written ({CliText.OneLine(e.Message)}).");
        }
    }

    /// <summary>Writes the result and, for a file, moves it into place.</summary>
    /// <param name="write">Writes the whole result.</param>
    public void Commit(Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ObjectDisposedException.ThrowIf(_committed, this);
        if (_stdout is not null)
        {
            write(_stdout);
            _stdout.Flush();
            _committed = true;
            return;
        }

        using (var writer = new StreamWriter(_temp!, Utf8NoBom, 1 << 16))
        {
            write(writer);
        }

        _temp = null;
        File.Move(_tempPath!, _path!, overwrite: true);
        _committed = true;
    }

    /// <summary>Deletes the temporary file unless the result was committed.</summary>
    public void Dispose()
    {
        _temp?.Dispose();
        _temp = null;
        if (!_committed && _tempPath is not null)
        {
            try
            {
                File.Delete(_tempPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing more can be done; the target itself was never touched.
            }
        }
    }
}
