using System.Runtime.InteropServices;

namespace OsteoOde.Plotting;

/// <summary>Raised when static export needs a Chromium-family browser and none is installed or configured.</summary>
public sealed class BrowserNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Explanation listing the places searched and how to fix it.</param>
    public BrowserNotFoundException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Finds a locally installed Chromium, Chrome or Edge for static image export. Nothing is ever downloaded.
/// </summary>
public static class BrowserLocator
{
    /// <summary>Environment variable that may name the browser executable.</summary>
    public const string EnvironmentVariable = "OSTEOODE_BROWSER";

    private static readonly string[] PathNames =
    [
        "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
        "microsoft-edge", "microsoft-edge-stable", "msedge",
    ];

    /// <summary>Places searched, in order, after the explicit path and the environment variable.</summary>
    public static IReadOnlyList<string> StandardLocations { get; } = BuildStandardLocations();

    /// <summary>
    /// Returns the browser to use: <paramref name="explicitPath"/> if given, else <see cref="EnvironmentVariable"/>, else the
    /// first match on PATH, else the first standard install location that exists.
    /// </summary>
    /// <param name="explicitPath">A browser executable chosen by the caller, or null to search.</param>
    /// <returns>Full path of an existing executable.</returns>
    /// <exception cref="ArgumentException"><paramref name="explicitPath"/> (or the environment variable) names no existing file.</exception>
    /// <exception cref="BrowserNotFoundException">No browser was found; the message lists what was searched and how to install one.</exception>
    public static string Find(string? explicitPath = null) =>
        Find(explicitPath, Environment.GetEnvironmentVariable(EnvironmentVariable), Environment.GetEnvironmentVariable("PATH"), StandardLocations);

    /// <summary>Search with the environment given explicitly (tests).</summary>
    internal static string Find(string? explicitPath, string? fromEnvironment, string? pathVariable, IReadOnlyList<string> standardLocations)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath);
            return File.Exists(full)
                ? full
                : throw new ArgumentException(
                    $"Browser executable '{explicitPath}' does not exist. Give the path of a Chromium, Chrome or Edge executable " +
                    "(for example /usr/bin/chromium), or leave it empty to search PATH and the standard install locations.",
                    nameof(explicitPath));
        }

        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new ArgumentException(
                    $"Environment variable {EnvironmentVariable}='{fromEnvironment}' names no existing file.", nameof(explicitPath));
        }

        var searched = new List<string>();
        foreach (var dir in (pathVariable ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in PathNames)
            {
                foreach (var candidate in RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? [name + ".exe"] : new[] { name })
                {
                    var path = Path.Combine(dir, candidate);
                    if (File.Exists(path))
                    {
                        return Path.GetFullPath(path);
                    }
                }
            }
        }

        searched.Add("PATH entries named " + string.Join(", ", PathNames));
        foreach (var location in standardLocations)
        {
            if (File.Exists(location))
            {
                return location;
            }
        }

        searched.AddRange(standardLocations);
        throw new BrowserNotFoundException(
            "Static PNG/SVG export needs a local Chromium, Chrome or Edge, and none was found (nothing is downloaded). Searched: " +
            string.Join("; ", searched) + ". Install one (Debian/Ubuntu: 'apt-get install chromium'), or pass its path in " +
            $"StaticImageOptions.BrowserPath, or set {EnvironmentVariable}.");
    }

    private static string[] BuildStandardLocations()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            var roots = new[]
            {
                Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles),
                Environment.GetFolderPath(Environment.SpecialFolder.ProgramFilesX86),
                Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData),
            }.Where(r => !string.IsNullOrEmpty(r)).Distinct();
            return
            [
                .. roots.SelectMany(r => new[]
                {
                    Path.Combine(r, "Google", "Chrome", "Application", "chrome.exe"),
                    Path.Combine(r, "Microsoft", "Edge", "Application", "msedge.exe"),
                    Path.Combine(r, "Chromium", "Application", "chrome.exe"),
                }),
            ];
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return
            [
                "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                "/Applications/Chromium.app/Contents/MacOS/Chromium",
                "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
            ];
        }

        return
        [
            "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium", "/snap/bin/chromium",
            "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/opt/google/chrome/chrome",
            "/usr/bin/microsoft-edge", "/usr/bin/microsoft-edge-stable", "/opt/microsoft/msedge/msedge",
        ];
    }
}
