using System.Reflection;
using System.Text.RegularExpressions;

namespace OsteoOde.Plotting;

/// <summary>A source revision and where it was read from.</summary>
/// <param name="Commit">40-hex commit id, or <c>unknown</c>.</param>
/// <param name="Source"><c>.git</c> (read from the repository the code runs from), <c>build</c> (embedded at build time) or <c>unknown</c>.</param>
public sealed record SourceRevision(string Commit, string Source)
{
    /// <summary>Nothing known.</summary>
    public static SourceRevision Unknown { get; } = new("unknown", "unknown");
}

/// <summary>
/// What built and runs a figure: the versions of OsteoOde, Plotly.NET, Deedle and .NET, and the git commit of the sources.
/// The commit is read from the <c>.git</c> folder (or worktree file) above the running assembly, without calling git; when the
/// code does not run from a repository, the revision the build embedded in the informational version is used; else
/// <c>unknown</c>.
/// </summary>
public static partial class BuildProvenance
{
    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitPattern();

    /// <summary>Package versions by name: <c>OsteoOde</c>, <c>Plotly.NET</c>, <c>Deedle</c>, <c>FSharp.Core</c>, <c>.NET</c>.</summary>
    /// <returns>Name → version, in that order.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> Packages() =>
    [
        new("OsteoOde", Version(typeof(BuildProvenance).Assembly)),
        new("Plotly.NET", Version(typeof(Plotly.NET.GenericChart).Assembly)),
        new("Deedle", Version(typeof(Deedle.Frame).Assembly)),
        new("FSharp.Core", Version(typeof(Microsoft.FSharp.Core.FSharpOption<>).Assembly)),
        new(".NET", Environment.Version.ToString()),
    ];

    /// <summary>The informational version of an assembly (the NuGet package version), or its assembly version.</summary>
    /// <param name="assembly">Assembly.</param>
    /// <returns>The version text (build metadata after '+' kept: for OsteoOde it names the commit built).</returns>
    public static string Version(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }

    /// <summary>The source revision of the running code (see the class remarks).</summary>
    /// <returns>The revision.</returns>
    public static SourceRevision Revision()
    {
        var fromGit = ReadGit(AppContext.BaseDirectory);
        if (fromGit is not null)
        {
            return new SourceRevision(fromGit, ".git");
        }

        var built = Version(typeof(BuildProvenance).Assembly).Split('+');
        return built.Length == 2 && CommitPattern().IsMatch(built[1]) ? new SourceRevision(built[1], "build") : SourceRevision.Unknown;
    }

    /// <summary>
    /// The commit checked out in the repository that contains <paramref name="startDirectory"/> (searched upwards): follows
    /// a worktree's <c>gitdir:</c> file and <c>commondir</c>, symbolic <c>HEAD</c> references and <c>packed-refs</c>.
    /// </summary>
    /// <param name="startDirectory">Where to start looking.</param>
    /// <returns>The 40-hex commit, or <see langword="null"/> when there is no repository or it cannot be read.</returns>
    public static string? ReadGit(string startDirectory)
    {
        ArgumentNullException.ThrowIfNull(startDirectory);
        try
        {
            for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
            {
                var dotGit = Path.Combine(dir.FullName, ".git");
                string? gitDir = null;
                if (Directory.Exists(dotGit))
                {
                    gitDir = dotGit;
                }
                else if (File.Exists(dotGit))
                {
                    var line = File.ReadAllText(dotGit).Trim();
                    if (line.StartsWith("gitdir:", StringComparison.Ordinal))
                    {
                        var target = line["gitdir:".Length..].Trim();
                        gitDir = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(dir.FullName, target));
                    }
                }

                if (gitDir is not null)
                {
                    return ResolveHead(gitDir);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // An unreadable repository is reported as unknown, never as an error.
        }

        return null;
    }

    private static string? ResolveHead(string gitDir)
    {
        var headFile = Path.Combine(gitDir, "HEAD");
        if (!File.Exists(headFile))
        {
            return null;
        }

        var commonFile = Path.Combine(gitDir, "commondir");
        var commonDir = File.Exists(commonFile) ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(commonFile).Trim())) : gitDir;
        var head = File.ReadAllText(headFile).Trim();
        for (var depth = 0; depth < 10; depth++)
        {
            if (CommitPattern().IsMatch(head))
            {
                return head;
            }

            if (!head.StartsWith("ref:", StringComparison.Ordinal))
            {
                return null;
            }

            var reference = head["ref:".Length..].Trim();
            var loose = new[] { Path.Combine(gitDir, reference), Path.Combine(commonDir, reference) }.FirstOrDefault(File.Exists);
            if (loose is not null)
            {
                head = File.ReadAllText(loose).Trim();
                continue;
            }

            var packed = Path.Combine(commonDir, "packed-refs");
            if (!File.Exists(packed))
            {
                return null;
            }

            var match = File.ReadLines(packed)
                .Where(l => l.Length > 41 && l[40] == ' ' && l.EndsWith(" " + reference, StringComparison.Ordinal) && l.Length == 41 + reference.Length)
                .Select(l => l[..40]).FirstOrDefault();
            return match is not null && CommitPattern().IsMatch(match) ? match : null;
        }

        return null;
    }
}
