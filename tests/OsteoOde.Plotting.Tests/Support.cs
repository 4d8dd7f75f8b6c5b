using System.Text.Json;
using PuppeteerSharp;
using StbImageSharp;

namespace OsteoOde.Plotting.Tests;

/// <summary>Parsed plotly JSON of a figure.</summary>
internal sealed class PlotlyJson
{
    public PlotlyJson(IFigure figure)
    {
        Document = JsonDocument.Parse(figure.ToPlotlyJson());
    }

    public JsonDocument Document { get; }

    public JsonElement Data => Document.RootElement.GetProperty("data");

    public JsonElement Layout => Document.RootElement.GetProperty("layout");

    public JsonElement Trace(int i) => Data[i];

    public string AxisTitle(string axisKey) => Layout.GetProperty(axisKey).GetProperty("title").GetProperty("text").GetString()!;

    public static double[] Numbers(JsonElement array) =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();
}

/// <summary>Decoded RGBA image with colour counting.</summary>
internal sealed class Pixels
{
    public Pixels(byte[] png)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha);
        Width = image.Width;
        Height = image.Height;
        Data = image.Data;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Data { get; }

    public (int R, int G, int B) At(int x, int y)
    {
        var i = 4 * ((y * Width) + x);
        return (Data[i], Data[i + 1], Data[i + 2]);
    }

    /// <summary>Pixels within an L1 distance of a #rrggbb colour, as (x, y) positions.</summary>
    public List<(int X, int Y)> Near(string hex, int tolerance = 40)
    {
        var rgb = Convert.FromHexString(hex.TrimStart('#'));
        var hits = new List<(int, int)>();
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b) = At(x, y);
                if (Math.Abs(r - rgb[0]) + Math.Abs(g - rgb[1]) + Math.Abs(b - rgb[2]) <= tolerance)
                {
                    hits.Add((x, y));
                }
            }
        }

        return hits;
    }
}

/// <summary>Screenshots and plot counts of local HTML files opened offline (<see cref="OsteoOde.Testing.Browser.OfflinePage"/>).</summary>
internal static class OfflineBrowser
{
    public static async Task<(byte[] Png, List<string> BlockedRequests, string? PageError)> ScreenshotAsync(string htmlPath, int width, int height)
    {
        await using var offline = await OsteoOde.Testing.Browser.OfflinePage.OpenAsync(htmlPath, width, height);
        await offline.Page.WaitForSelectorAsync(".main-svg", new WaitForSelectorOptions { Timeout = 60_000 });
        var png = await offline.Page.ScreenshotDataAsync(new ScreenshotOptions { Type = ScreenshotType.Png });
        return (png, offline.Blocked, offline.PageError);
    }

    /// <summary>Loads a page offline and returns how many plotly charts were drawn once <paramref name="expected"/> appear (or 60 s pass).</summary>
    public static async Task<(int Drawn, List<string> Blocked, string? PageError)> CountDrawnPlotsAsync(string htmlPath, int expected)
    {
        await using var offline = await OsteoOde.Testing.Browser.OfflinePage.OpenAsync(htmlPath);
        await offline.WaitForCountAsync(".js-plotly-plot .main-svg", expected);
        var drawn = await offline.Page.EvaluateExpressionAsync<int>(
            "Array.from(document.querySelectorAll('.js-plotly-plot')).filter(p => p.querySelectorAll('path.js-line').length > 0).length");
        return (drawn, offline.Blocked, offline.PageError);
    }
}

/// <summary>A temporary folder removed after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "osteo-plot-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class Samples
{
    public static readonly Quantity Time = new("time", "day");

    /// <summary>Logistic growth N(t) = K / (1 + (K/N0 - 1) e^{-rt}), K = 2, N0 = 0.1, r = 0.1/day.</summary>
    public static double Logistic(double t) => 2.0 / (1.0 + ((2.0 / 0.1) - 1.0) * Math.Exp(-0.1 * t));

    public static SeriesTable Cells() => SeriesTable.Tabulate(Time, 0, 100, 51,
        (new Quantity("OBu", "pM"), t => 1e-3 * (1 + (t / 100))),
        (new Quantity("OBa", "pM"), t => 5e-4 * Math.Exp(-t / 50)),
        (new Quantity("OCa", "pM"), t => 1e-4 * (2 + Math.Sin(t / 10))));
}
