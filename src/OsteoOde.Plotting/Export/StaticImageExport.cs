using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.ImageExport;
using PuppeteerSharp;

namespace OsteoOde.Plotting;

/// <summary>Options for PNG and SVG export.</summary>
/// <param name="Width">Image width in CSS pixels; null uses the figure's width.</param>
/// <param name="Height">Image height in CSS pixels; null uses the figure's height.</param>
/// <param name="Scale">Pixel density for PNG (2 gives print-quality raster at the same layout), 0.1 to 10.</param>
/// <param name="BrowserPath">Chromium/Chrome/Edge executable; null searches with <see cref="BrowserLocator"/>.</param>
/// <param name="Timeout">Limit for one export, browser start included; null means 60 s.</param>
public sealed record StaticImageOptions(int? Width = null, int? Height = null, double Scale = 1.0, string? BrowserPath = null, TimeSpan? Timeout = null);

/// <summary>
/// Static PNG and SVG through Plotly.NET.ImageExport and a local headless Chromium, with plotly.js embedded in the page so
/// nothing is fetched. About 2 s per image (one browser start each).
/// </summary>
public static class StaticImageExport
{
    // ImageExport keeps its browser options in global mutable state: one export at a time.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private static readonly string[] BrowserArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--headless=new",
    ];

    /// <summary>Renders the figure as PNG bytes.</summary>
    /// <param name="figure">Figure.</param>
    /// <param name="options">Size, scale, browser; null for defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="BrowserNotFoundException">No local browser.</exception>
    /// <exception cref="TimeoutException">The browser did not produce an image in time.</exception>
    public static async Task<byte[]> ToPngAsync(IFigure figure, StaticImageOptions? options = null, CancellationToken cancellationToken = default)
    {
        var dataUri = await RenderAsync(figure, options, png: true, cancellationToken).ConfigureAwait(false);
        var comma = dataUri.IndexOf(',', StringComparison.Ordinal);
        return Convert.FromBase64String(dataUri[(comma + 1)..]);
    }

    /// <summary>Renders the figure as SVG text.</summary>
    /// <param name="figure">Figure.</param>
    /// <param name="options">Size, browser; null for defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="BrowserNotFoundException">No local browser.</exception>
    /// <exception cref="TimeoutException">The browser did not produce an image in time.</exception>
    public static Task<string> ToSvgAsync(IFigure figure, StaticImageOptions? options = null, CancellationToken cancellationToken = default) =>
        RenderAsync(figure, options, png: false, cancellationToken);

    /// <summary>Saves the figure as a PNG file (written atomically).</summary>
    /// <param name="figure">Figure.</param>
    /// <param name="path">Target path.</param>
    /// <param name="options">Size, scale, browser; null for defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Full path written.</returns>
    public static async Task<string> SavePngAsync(IFigure figure, string path, StaticImageOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = await ToPngAsync(figure, options, cancellationToken).ConfigureAwait(false);
        var full = Path.GetFullPath(path);
        AtomicFile.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>Saves the figure as an SVG file (written atomically).</summary>
    /// <param name="figure">Figure.</param>
    /// <param name="path">Target path.</param>
    /// <param name="options">Size, browser; null for defaults.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Full path written.</returns>
    public static async Task<string> SaveSvgAsync(IFigure figure, string path, StaticImageOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var svg = await ToSvgAsync(figure, options, cancellationToken).ConfigureAwait(false);
        var full = Path.GetFullPath(path);
        AtomicFile.WriteAllText(full, svg);
        return full;
    }

    private static async Task<string> RenderAsync(IFigure figure, StaticImageOptions? options, bool png, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(figure);
        options ??= new StaticImageOptions();
        var width = options.Width ?? figure.Width;
        var height = options.Height ?? figure.Height;
        FigureChecks.Size(width, height);
        if (!(options.Scale >= 0.1 && options.Scale <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Scale, "StaticImageOptions.Scale must lie in [0.1, 10].");
        }

        var timeout = options.Timeout ?? TimeSpan.FromSeconds(60);
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), timeout, "StaticImageOptions.Timeout must be positive.");
        }

        var browser = BrowserLocator.Find(options.BrowserPath);

        // Embedded plotly.js: with the default CDN reference the page never finishes loading offline.
        var chart = GenericChart.setDisplayOptions(
            DisplayOptions.init(null, null, null, null, null, null, FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full)),
            figure.ToPlotly());

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            PuppeteerSharpRendererOptions.localBrowserExecutablePath = FSharpOption<string>.Some(browser);
            PuppeteerSharpRendererOptions.launchOptions = new LaunchOptions
            {
                Headless = true,
                Args = BrowserArguments,
                Timeout = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds),
                ExecutablePath = browser,
            };
            IGenericChartRenderer renderer = new PuppeteerSharpRenderer();
            var render = png
                ? renderer.RenderPNGAsync(width, height, options.Scale, chart)
                : renderer.RenderSVGAsync(width, height, options.Scale, chart);
            try
            {
                return await render.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(
                    $"The browser '{browser}' produced no {(png ? "PNG" : "SVG")} within {timeout.TotalSeconds:0.#} s. " +
                    "Check that it starts headless on this machine (try: '" + browser + " --headless --no-sandbox --dump-dom about:blank').");
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
