using System.Text.RegularExpressions;

namespace OsteoOde.Plotting.Tests;

public class StaticExportTests
{
    private const string Red = "#d62728";

    /// <summary>One red rising curve (logistic growth) with a threshold line.</summary>
    private static Figure RedCurve() =>
        Charts.Trajectories(SeriesTable.Tabulate(Samples.Time, 0, 80, 161, (new Quantity("N", "cells"), Samples.Logistic)))
            .WithColors(Red).WithThreshold(1.0, "half capacity").WithSize(640, 400);

    [Fact]
    public async Task Png_has_the_requested_size_and_draws_the_rising_trace()
    {
        var figure = Charts.Trajectories(SeriesTable.Tabulate(Samples.Time, 0, 80, 161, (new Quantity("N", "cells"), Samples.Logistic)))
            .WithSize(640, 400);
        var png = await StaticImageExport.ToPngAsync(figure, new StaticImageOptions(Scale: 1.0));
        var pixels = new Pixels(png);

        Assert.Equal(640, pixels.Width);
        Assert.Equal(400, pixels.Height);
        var corner = pixels.At(2, 2);
        Assert.Equal((255, 255, 255), corner);
        var trace = pixels.Near(Palette.Default[0]);
        Assert.True(trace.Count > 500, $"only {trace.Count} trace-coloured pixels");
        var xs = trace.Select(p => p.X).ToArray();
        Assert.True(xs.Max() - xs.Min() > 400, "the curve should span most of the plot width");
        var left = trace.Where(p => p.X < xs.Min() + 30).Average(p => p.Y);
        var right = trace.Where(p => p.X > xs.Max() - 30).Average(p => p.Y);
        Assert.True(left > right + 120, $"logistic growth should rise: left y {left:F0}, right y {right:F0}");
        // Midpoint of the logistic curve (N = K/2 = 1 at t = ln(19)/0.1 ≈ 29.4 day) lies left of the plot centre.
        var midY = (left + right) / 2;
        var crossing = trace.Where(p => Math.Abs(p.Y - midY) < 3).Average(p => p.X);
        var tFraction = (crossing - xs.Min()) / (double)(xs.Max() - xs.Min());
        Assert.InRange(tFraction, (Math.Log(19) / 0.1 / 80) - 0.05, (Math.Log(19) / 0.1 / 80) + 0.05);
    }

    [Fact]
    public async Task Scale_two_doubles_the_pixel_size_and_svg_contains_the_trace_paths()
    {
        using var folder = new TempFolder();
        var figure = RedCurve();
        var pngPath = await figure.SavePngAsync(folder.File("fig.png"), new StaticImageOptions(Width: 500, Height: 300, Scale: 2.0));
        var pixels = new Pixels(File.ReadAllBytes(pngPath));
        Assert.Equal(1000, pixels.Width);
        Assert.Equal(600, pixels.Height);
        Assert.True(pixels.Near(Red).Count > 800);

        var svgPath = await figure.SaveSvgAsync(folder.File("fig.svg"));
        var svg = File.ReadAllText(svgPath);
        Assert.StartsWith("<svg", svg);
        Assert.Contains("width=\"640\"", svg);
        // The scatter trace is an SVG path with a long 'd' attribute, stroked in the trace colour.
        var tracePaths = Regex.Matches(svg, "<path class=\"js-line\" d=\"M([^\"]+)\"[^>]*stroke: ?rgb\\(214, 39, 40\\)");
        Assert.Single(tracePaths);
        // plotly.js merges nearly collinear segments, so fewer vertices than samples remain.
        Assert.True(tracePaths[0].Groups[1].Value.Split('L').Length > 20, "the trace path should follow the curve with many vertices");
        Assert.Contains(">N [cells]<", svg);
        Assert.Contains(">time [day]<", svg);
        Assert.Contains("half capacity", svg);
    }

    [Fact]
    public async Task A_wrong_browser_path_gives_a_clear_message_naming_the_path()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            StaticImageExport.ToPngAsync(RedCurve(), new StaticImageOptions(BrowserPath: "/nonexistent/chromium")));
        Assert.Contains("'/nonexistent/chromium' does not exist", e.Message);
        Assert.Contains("Chromium", e.Message);
    }

    [Fact]
    public void No_browser_anywhere_explains_what_was_searched_and_how_to_install_one()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<BrowserNotFoundException>(() =>
            BrowserLocator.Find(null, null, folder.Path, [folder.File("chromium")]));
        Assert.Contains("apt-get install chromium", e.Message);
        Assert.Contains("BrowserPath", e.Message);
        Assert.Contains(BrowserLocator.EnvironmentVariable, e.Message);
        Assert.Contains(folder.File("chromium"), e.Message);
        Assert.Contains("nothing is downloaded", e.Message);
    }

    [Fact]
    public void Browser_search_prefers_PATH_then_standard_locations()
    {
        using var folder = new TempFolder();
        var onPath = folder.File("chromium");
        File.WriteAllText(onPath, string.Empty);
        Assert.Equal(onPath, BrowserLocator.Find(null, null, folder.Path, []));
        Assert.Equal(onPath, BrowserLocator.Find(null, null, string.Empty, ["/nonexistent", onPath]));
        Assert.Throws<ArgumentException>(() => BrowserLocator.Find(null, "/nonexistent/env-browser", folder.Path, []));
    }
}
