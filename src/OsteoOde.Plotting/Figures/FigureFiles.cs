using System.Security.Cryptography;
using System.Text;
using OsteoOde.Analysis.Figures;

namespace OsteoOde.Plotting;

/// <summary>How <see cref="FigureFiles.WriteAsync"/> writes a figure.</summary>
/// <param name="StaticImages">Whether to write SVG and PNG (needs a local Chromium-family browser).</param>
/// <param name="Image">Browser, scale and size for the static images (<see langword="null"/>: PNG at scale 2, the figure's size).</param>
/// <param name="Created">Creation time written to the manifest (<see langword="null"/>: now).</param>
public sealed record FigureFileOptions(bool StaticImages = true, StaticImageOptions? Image = null, DateTimeOffset? Created = null);

/// <summary>The files of one written figure.</summary>
/// <param name="Manifest">The manifest written.</param>
/// <param name="ManifestPath">Full path of <c>NAME.manifest.json</c>.</param>
/// <param name="Paths">Full paths of every file written, manifest last.</param>
public sealed record FigureFilesResult(FigureManifest Manifest, string ManifestPath, IReadOnlyList<string> Paths);

/// <summary>
/// Writes a figure to a folder: <c>NAME.csv</c> (the data), <c>NAME.html</c> (offline, plotly.js inlined), <c>NAME.svg</c> and
/// <c>NAME.png</c> (through a local headless browser) and <c>NAME.manifest.json</c> (provenance with the SHA-256 of every file).
/// Every file is rendered in memory and written under a temporary name first; only when all are ready are they renamed into
/// place, manifest last, so a failure (no browser, a render timeout, a full disk) leaves the figure's previous files as they
/// were and no partial set.
/// </summary>
public static class FigureFiles
{
    /// <summary>Writes the files of a figure.</summary>
    /// <param name="data">Computed data.</param>
    /// <param name="figure">The chart (<see cref="FigureCharts.Render"/>).</param>
    /// <param name="folder">Existing folder.</param>
    /// <param name="options">Options (<see langword="null"/>: defaults).</param>
    /// <param name="cancellationToken">Cancels the static export.</param>
    /// <returns>The manifest and paths.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="BrowserNotFoundException">Static images were asked for and no browser was found.</exception>
    public static async Task<FigureFilesResult> WriteAsync(FigureData data, IFigure figure, string folder, FigureFileOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        options ??= new FigureFileOptions();
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"Folder '{full}' does not exist.");
        }

        var utf8 = new UTF8Encoding(false);
        var contents = new List<(string Name, byte[] Bytes)>
        {
            (data.Name + ".csv", utf8.GetBytes(data.Table.ToCsv())),
            (data.Name + ".html", utf8.GetBytes(HtmlExport.ToHtmlDocument(figure))),
        };
        if (options.StaticImages)
        {
            var image = options.Image ?? new StaticImageOptions(Scale: 2);
            contents.Add((data.Name + ".svg", utf8.GetBytes(await StaticImageExport.ToSvgAsync(figure, image, cancellationToken).ConfigureAwait(false))));
            contents.Add((data.Name + ".png", await StaticImageExport.ToPngAsync(figure, image, cancellationToken).ConfigureAwait(false)));
        }

        var csv = contents[0];
        var manifest = FigureManifest.Create(data,
            new ManifestData(csv.Name, Sha256(csv.Bytes), data.Table.RowCount, [.. data.Table.Columns.Select(c => c.Label)]),
            [.. contents.Skip(1).Select(c => new ManifestFile(c.Name, Sha256(c.Bytes)))],
            options.Created ?? DateTimeOffset.UtcNow);
        contents.Add((data.Name + ".manifest.json", utf8.GetBytes(manifest.ToJson())));

        cancellationToken.ThrowIfCancellationRequested();
        var paths = StagedFiles.Commit(full, contents);
        return new FigureFilesResult(manifest, paths[^1], paths);
    }

    /// <summary>Lower-case hex SHA-256 of bytes.</summary>
    /// <param name="bytes">Bytes.</param>
    /// <returns>64 hex digits.</returns>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    /// <param name="path">File.</param>
    /// <returns>64 hex digits.</returns>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
