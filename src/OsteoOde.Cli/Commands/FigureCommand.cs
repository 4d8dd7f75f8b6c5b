using System.Diagnostics;
using System.Globalization;
using OsteoOde.Analysis.Figures;
using OsteoOde.Modeling;
using OsteoOde.Plotting;

namespace OsteoOde.Cli.Commands;

/// <summary>
/// <c>osteo figure NAME | --all</c>: computes catalog figures (data first), draws them and writes, per figure, the data CSV,
/// offline HTML, SVG and PNG (local headless browser) and a provenance manifest into a folder.
/// </summary>
public sealed class FigureCommand : CliCommand
{
    private readonly Func<string?, string> _findBrowser;

    /// <summary>Creates the command with the standard browser search (<see cref="BrowserLocator.Find(string?)"/>).</summary>
    public FigureCommand()
        : this(BrowserLocator.Find)
    {
    }

    /// <summary>Creates the command with another browser search (tests simulate a machine without a browser).</summary>
    /// <param name="findBrowser">Returns the browser for an explicit path or <see langword="null"/>; throws <see cref="BrowserNotFoundException"/> when there is none.</param>
    public FigureCommand(Func<string?, string> findBrowser)
    {
        ArgumentNullException.ThrowIfNull(findBrowser);
        _findBrowser = findBrowser;
    }

    /// <inheritdoc/>
    public override string Name => "figure";

    /// <inheritdoc/>
    public override string Summary => "compute and draw a catalog figure (CSV, HTML, SVG, PNG and a provenance manifest)";

    /// <inheritdoc/>
    public override string Usage =>
        "figure (NAME | --all | --list) [--out DIR] [--no-static] [--browser PATH] [--set NAME=VALUE]... [--method NAME] [--rtol R] [--atol A] [--max-steps N]";

    /// <inheritdoc/>
    public override int MaxPositionals => 1;

    /// <inheritdoc/>
    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("all", null, "every figure of the catalog (one failed figure does not stop the others)"),
        new("list", null, "list the figures (name, models, title) instead of making one"),
        new("format", "md|csv", "with --list: table format (default md)"),
        new("out", "DIR", "folder for the files (created if missing; default: the current folder)"),
        new("no-static", null, "skip the SVG and PNG images (they need a local Chromium, Chrome or Edge)"),
        new("browser", "PATH", "browser executable for SVG and PNG (default: OSTEOODE_BROWSER, PATH, standard locations)"),
        SimulationArguments.Set,
        new("method", "NAME", "solver method (default: the figure's, auto)"),
        new("rtol", "R", "relative tolerance (default: the figure's, 1e-8)"),
        new("atol", "A", "absolute tolerance (default: the figure's, 1e-14)"),
        new("max-steps", "N", "largest number of solver step attempts (default 500000)"),
    ];

    /// <inheritdoc/>
    public override string Details => """
        Each figure is computed as a data table first (OsteoOde.Analysis), then drawn (OsteoOde.Plotting). Files, per figure
        NAME, in --out DIR: NAME.csv (the data: 'name [unit]' headers, shortest round-trip numbers), NAME.html (offline,
        plotly.js inlined), NAME.svg and NAME.png (2x scale), NAME.manifest.json (figure, models and content hashes, parameter
        changes, solver settings, seeds, package versions, git commit, creation time, SHA-256 of every file). The files of a
        figure are written under temporary names and renamed into place together, manifest last: a failure leaves the
        previous files untouched. stdout lists the files written; progress goes to stderr.

        SVG and PNG need a local Chromium, Chrome or Edge (nothing is downloaded). When none is found the command stops
        before computing anything (exit code 2); --no-static writes CSV, HTML and manifest only.

        --set applies to every model the figure runs and is recorded in the manifest (only with one figure NAME); osteo
        reproduce NAME.manifest.json runs the figure again from its manifest and compares the data.

        Examples:
          osteo figure --list
          osteo figure lemaire-protocols --out figs
          osteo figure --all --out figs --no-static
          osteo figure scheiner-rankl-dose --set k_res=180 --out figs
        """;

    /// <inheritdoc/>
    public override int Execute(ParsedArguments args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(streams);
        var name = args.Positionals.Count > 0 ? args.Positionals[0] : null;
        if (args.Has("list"))
        {
            if (name is not null || args.Has("all"))
            {
                throw new UsageException("--list lists the figures; give it without a figure NAME or --all.");
            }

            var format = args.GetChoice("format", TextTable.Formats);
            TextTable.Write(streams.Out, format, ["name", "models", "title", "description"],
                FigureCatalog.All.Select(f => (IReadOnlyList<string>)[f.Name, string.Join(' ', f.ModelIds), f.Title, f.Description]));
            return ExitCodes.Success;
        }

        if (args.Has("format"))
        {
            throw new UsageException("--format applies only to --list.");
        }

        if ((name is null) == !args.Has("all"))
        {
            throw new UsageException($"give one figure NAME or --all (not both). Figures: {string.Join(", ", FigureCatalog.Names)}.");
        }

        IReadOnlyList<FigureDefinition> figures = name is null ? FigureCatalog.All
            : FigureCatalog.TryGet(name, out var one) ? [one]
            : throw new UsageException(CliText.Unknown("figure", name, "Valid figures", FigureCatalog.Names));
        var parameters = Overrides(args);
        if (name is null && parameters.Count > 0)
        {
            throw new UsageException("--set needs one figure NAME: the figures of --all run different models.");
        }

        var settings = figures.Select(f => new FigureSettings { Parameters = parameters, Solver = Solver(args, f) }).ToList();
        for (var i = 0; i < figures.Count; i++)
        {
            figures[i].Validate(settings[i]);
        }

        var staticImages = !args.Has("no-static");
        StaticImageOptions? image = null;
        if (staticImages)
        {
            try
            {
                image = new StaticImageOptions(Scale: 2, BrowserPath: _findBrowser(args.Get("browser")));
            }
            catch (BrowserNotFoundException e)
            {
                throw new UsageException($"SVG and PNG need a local Chromium, Chrome or Edge and none was found; add --no-static to write only the CSV, HTML and manifest, or give --browser PATH. {CliText.OneLine(e.Message)}");
            }
            catch (ArgumentException e) when (args.Has("browser"))
            {
                throw new UsageException($"--browser: {CliText.OneLine(e.Message)} Or add --no-static to write only the CSV, HTML and manifest.");
            }
        }
        else if (args.Has("browser"))
        {
            throw new UsageException("--browser is used for SVG and PNG; it has no effect with --no-static.");
        }

        var folder = PrepareFolder(args.Get("out") ?? ".");
        var failed = new List<string>();
        for (var i = 0; i < figures.Count; i++)
        {
            var figure = figures[i];
            var clock = Stopwatch.StartNew();
            try
            {
                var data = figure.Compute(settings[i]);
                var chart = FigureCharts.Render(data);
                var written = FigureFiles.WriteAsync(data, chart, folder, new FigureFileOptions(staticImages, image)).GetAwaiter().GetResult();
                foreach (var path in written.Paths)
                {
                    streams.Out.WriteLine(path);
                }

                streams.Out.Flush();
                streams.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"osteo figure: {figure.Name}: {data.Table.RowCount} rows, {written.Paths.Count} files ({clock.Elapsed.TotalSeconds:F1} s)"));
            }
            catch (SimulationFailedException e)
            {
                failed.Add(figure.Name);
                streams.Error.WriteLine($"osteo figure: {figure.Name}: {e.Status}: {CliText.OneLine(e.Message)}");
            }
            catch (TimeoutException e)
            {
                failed.Add(figure.Name);
                streams.Error.WriteLine($"osteo figure: {figure.Name}: static export timed out: {CliText.OneLine(e.Message)}");
            }
        }

        if (failed.Count > 0)
        {
            streams.Error.WriteLine($"osteo figure: {failed.Count} of {figures.Count} figure(s) failed ({string.Join(", ", failed)}); their earlier files, if any, are unchanged.");
            return ExitCodes.NumericalFailure;
        }

        return ExitCodes.Success;
    }

    private static Dictionary<string, double> Overrides(ParsedArguments args)
        => SimulationArguments.Assignments(args).ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);

    private static Numerics.OdeOptions? Solver(ParsedArguments args, FigureDefinition figure)
    {
        if (!new[] { "method", "rtol", "atol", "max-steps" }.Any(args.Has))
        {
            return null;
        }

        return SimulateCommand.SolverOptions(args, figure.DefaultSolver);
    }

    /// <summary>Creates the folder if needed and checks that a file can be created in it, before any work.</summary>
    private static string PrepareFolder(string path)
    {
        if (path.Length == 0)
        {
            throw new UsageException("--out: the folder name is empty.");
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

        if (File.Exists(full))
        {
            throw new UsageException($"--out '{path}' is a file; give a folder.");
        }

        var probe = Path.Combine(full, $".osteo-figure-probe.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(full);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
            }

            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out '{path}' cannot be written ({CliText.OneLine(e.Message)}).");
        }

        return full;
    }
}
