using OsteoOde.Plotting;
using PuppeteerSharp;

namespace OsteoOde.Testing.Browser;

/// <summary>
/// A local HTML file opened in headless Chromium (found by <see cref="BrowserLocator"/>) with every request other than
/// <c>file:</c> and <c>data:</c> blocked and recorded, and the first page error kept. Shared by the plotting and notebook
/// tests (linked into both projects), which check that charts draw offline.
/// </summary>
internal sealed class OfflinePage : IAsyncDisposable
{
    private readonly IBrowser _browser;
    private readonly List<string> _blocked = [];

    private OfflinePage(IBrowser browser, IPage page)
    {
        _browser = browser;
        Page = page;
    }

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>Requests that were blocked (any network access).</summary>
    public List<string> Blocked
    {
        get
        {
            lock (_blocked)
            {
                return [.. _blocked];
            }
        }
    }

    /// <summary>The first script error on the page, if any.</summary>
    public string? PageError { get; private set; }

    /// <summary>Opens <paramref name="htmlPath"/> offline, optionally at a viewport size.</summary>
    public static async Task<OfflinePage> OpenAsync(string htmlPath, int? width = null, int? height = null)
    {
        var options = new LaunchOptions
        {
            Headless = true,
            ExecutablePath = BrowserLocator.Find(),
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--allow-file-access-from-files"],
            Timeout = 90_000,
        };
        var browser = await Puppeteer.LaunchAsync(options);
        var page = await browser.NewPageAsync();
        var result = new OfflinePage(browser, page);
        if (width is { } w && height is { } h)
        {
            await page.SetViewportAsync(new ViewPortOptions { Width = w, Height = h });
        }

        page.PageError += (_, e) => result.PageError ??= e.Message;
        await page.SetRequestInterceptionAsync(true);
        page.Request += async (_, e) =>
        {
            if (e.Request.Url.StartsWith("file:", StringComparison.Ordinal) || e.Request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                await e.Request.ContinueAsync();
                return;
            }

            lock (result._blocked)
            {
                result._blocked.Add(e.Request.Url);
            }

            await e.Request.AbortAsync();
        };
        await page.GoToAsync(new Uri(htmlPath).AbsoluteUri, new NavigationOptions { Timeout = 90_000, WaitUntil = [WaitUntilNavigation.Load] });
        return result;
    }

    /// <summary>Waits until <paramref name="selector"/> matches at least <paramref name="expected"/> elements or 60 s pass (the caller counts and asserts).</summary>
    public async Task WaitForCountAsync(string selector, int expected)
    {
        try
        {
            await Page.WaitForFunctionAsync($"() => document.querySelectorAll('{selector}').length >= {expected}",
                new WaitForFunctionOptions { Timeout = 60_000, PollingInterval = 200 });
        }
        catch (WaitTaskTimeoutException)
        {
            // The caller's assertion reports how many appeared.
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Page.DisposeAsync();
        await _browser.DisposeAsync();
    }
}
