using System.Security.Cryptography;
using System.Text;
using Plotly.NET;

namespace OsteoOde.Plotting;

/// <summary>
/// The plotly.js bundle shipped inside the Plotly.NET assembly (an embedded resource), so figures render with no network.
/// </summary>
public static class PlotlyJs
{
    /// <summary>plotly.js version bundled with Plotly.NET 6.0.0.</summary>
    public const string Version = "2.28.0";

    /// <summary>File name used when the script is written next to HTML files.</summary>
    public const string FileName = "plotly-" + Version + ".min.js";

    private const string ResourceName = "Plotly.NET." + FileName;

    private static readonly Lazy<string> LazySource = new(Load);

    /// <summary>The minified plotly.js source (about 3.6 MB).</summary>
    /// <exception cref="InvalidOperationException">The Plotly.NET assembly no longer carries this plotly.js version.</exception>
    public static string Source => LazySource.Value;

    /// <summary>
    /// Writes <see cref="FileName"/> into a folder unless an identical copy is already there, and returns its path.
    /// </summary>
    /// <param name="directory">Target folder; created if missing.</param>
    /// <returns>Full path of the script file.</returns>
    public static string WriteTo(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var path = Path.GetFullPath(Path.Combine(directory, FileName));
        var bytes = Encoding.UTF8.GetBytes(Source);
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length &&
            SHA256.HashData(File.ReadAllBytes(path)).AsSpan().SequenceEqual(SHA256.HashData(bytes)))
        {
            return path;
        }

        AtomicFile.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Load()
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The Plotly.NET assembly has no embedded '{FileName}'. The Plotly.NET version changed: update PlotlyJs.Version.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>Writes files through a temporary file and a rename, so readers never see half-written output.</summary>
internal static class AtomicFile
{
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
}
