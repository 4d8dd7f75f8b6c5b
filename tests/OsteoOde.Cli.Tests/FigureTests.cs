using System.Text.Json.Nodes;
using OsteoOde.Analysis.Figures;
using OsteoOde.Cli.Commands;
using OsteoOde.Plotting;
using Pixels = OsteoOde.Plotting.Tests.Pixels;

namespace OsteoOde.Cli.Tests;

/// <summary><c>osteo figure</c> and <c>osteo reproduce</c>: files, manifests, static images, agreement and error policy.</summary>
public class FigureTests
{
    private static readonly string[] Komarova = ["komarova-cycle.csv", "komarova-cycle.html", "komarova-cycle.manifest.json"];

    [Fact]
    public void List_names_every_catalog_figure_with_its_models()
    {
        var records = Csv.Records(Cli.Run("figure", "--list", "--format", "csv").AssertSuccess().Out);
        Assert.Equal(["name", "models", "title", "description"], records[0]);
        Assert.Equal(FigureCatalog.Names, records.Skip(1).Select(r => r[0]));
        Assert.Equal("lemaire2004", records[1][1]);
        Assert.StartsWith("| name | models | title | description |", Cli.Run("figure", "--list").AssertSuccess().Out);
    }

    [Fact]
    public void A_figure_without_static_images_writes_data_html_and_manifest_and_lists_them()
    {
        using var folder = new TempFolder();
        var run = Cli.Run("figure", "komarova-cycle", "--out", folder.Path, "--no-static");
        Assert.Equal(0, run.Code);
        Assert.Equal(Komarova.Select(folder.File), run.Out.TrimEnd('\n').Split('\n'));
        Assert.Matches(@"^osteo figure: komarova-cycle: 1601 rows, 3 files \(\d+\.\d s\)$", Assert.Single(run.ErrLines));
        Assert.Equal(Komarova, folder.Files);

        // The CSV is the library's table, byte for byte; the manifest names its hash and the solver.
        var expected = FigureCatalog.Get("komarova-cycle").Compute().Table.ToCsv();
        Assert.Equal(expected, File.ReadAllText(folder.File("komarova-cycle.csv")));
        var manifest = JsonNode.Parse(File.ReadAllText(folder.File("komarova-cycle.manifest.json")))!;
        Assert.Equal(FigureFiles.Sha256(folder.File("komarova-cycle.csv")), (string?)manifest["data"]!["sha256"]);
        Assert.Single(manifest["files"]!.AsArray());
        Assert.Equal(1e-8, (double)manifest["solver"]!["relativeTolerance"]!);

        // Again with other solver settings: the files are replaced and the manifest records the settings.
        Cli.Run("figure", "komarova-cycle", "--out", folder.Path, "--no-static", "--method", "rodas5p", "--rtol", "1e-9").AssertSuccessWithProgress();
        manifest = JsonNode.Parse(File.ReadAllText(folder.File("komarova-cycle.manifest.json")))!;
        Assert.Equal("rodas5p", (string?)manifest["solver"]!["method"]);
        Assert.Equal(1e-9, (double)manifest["solver"]!["relativeTolerance"]!);
        Assert.Equal(Komarova, folder.Files);
    }

    [Fact]
    public void A_real_png_export_draws_the_bone_mass_dip_early_in_the_right_panel()
    {
        using var folder = new TempFolder();
        var run = Cli.Run("figure", "komarova-cycle", "--out", folder.Path);
        Assert.Equal(0, run.Code);
        Assert.Equal(["komarova-cycle.csv", "komarova-cycle.html", "komarova-cycle.manifest.json", "komarova-cycle.png", "komarova-cycle.svg"], folder.Files);

        // The figure is 1320 x 430 CSS pixels at scale 2.
        var png = new Pixels(File.ReadAllBytes(folder.File("komarova-cycle.png")));
        Assert.Equal((2640, 860), (png.Width, png.Height));
        Assert.Equal((255, 255, 255), png.At(3, 3));
        var trace = png.Near(Palette.Default[0]);
        Assert.True(trace.Count > 3000, $"only {trace.Count} trace pixels");
        // Right third: the bone mass z. It drops from 100 % to 89.8 % at day 12 of 400 and recovers, so its lowest point lies in
        // the first tenth of the curve's horizontal extent, and the curve ends near where it started.
        var z = trace.Where(p => p.X > 2 * png.Width / 3).ToList();
        var left = z.Min(p => p.X);
        var right = z.Max(p => p.X);
        var lowest = z.MaxBy(p => p.Y);
        Assert.InRange((lowest.X - left) / (double)(right - left), 0.0, 0.1);
        var startY = z.Where(p => p.X < left + 3).Min(p => p.Y);
        var endY = z.Where(p => p.X > right - 3).Average(p => p.Y);
        Assert.InRange(endY - startY, -6, 6);
        Assert.True(lowest.Y - startY > 200, "the dip spans most of the panel height");

        var svg = File.ReadAllText(folder.File("komarova-cycle.svg"));
        Assert.StartsWith("<svg", svg);
        Assert.Contains(">z [%]<", svg);
        var manifest = JsonNode.Parse(File.ReadAllText(folder.File("komarova-cycle.manifest.json")))!;
        Assert.Equal(["komarova-cycle.html", "komarova-cycle.svg", "komarova-cycle.png"], manifest["files"]!.AsArray().Select(f => (string?)f!["file"]));
        Assert.Equal(FigureFiles.Sha256(folder.File("komarova-cycle.png")), (string?)manifest["files"]![2]!["sha256"]);
    }

    [Fact]
    public void Reproduce_agrees_with_a_fresh_figure_and_reports_every_numeric_column()
    {
        using var folder = new TempFolder();
        Cli.Run("figure", "scheiner-rankl-dose", "--out", folder.Path, "--no-static", "--set", "k_res=180").AssertSuccessWithProgress();
        var manifest = JsonNode.Parse(File.ReadAllText(folder.File("scheiner-rankl-dose.manifest.json")))!;
        Assert.Equal(180, (double)manifest["parameters"]!["k_res"]!);
        Assert.Equal("k_res", (string?)manifest["parameterDiff"]![0]!["name"]);

        var run = Cli.Run("reproduce", folder.File("scheiner-rankl-dose.manifest.json"));
        Assert.Equal(0, run.Code);
        Assert.Equal("", run.Err);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.StartsWith("figure scheiner-rankl-dose: manifest of ", lines[0]);
        Assert.Contains("1 parameter change(s); 11 rows compared", lines[0]);
        Assert.Equal("| column | unit | max_abs_diff | max_rel_diff | scale | agrees |", lines[2]);
        Assert.Contains("| dvb_dt | %/yr | 0 | 0 | ", run.Out);
        Assert.Equal("agree: every column within 1E-06 x its scale.", lines[^1]);

        var csv = Csv.Records(Cli.Run("reproduce", folder.File("scheiner-rankl-dose.manifest.json"), "--format", "csv").Out);
        Assert.Equal(["column", "unit", "max_abs_diff", "max_rel_diff", "scale", "agrees"], csv[0]);
        Assert.Equal(["P_RANKL", "OBa", "OCa", "OBa_rel", "OCa_rel", "dvb_dt", "relative_loss"], csv.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public void Reproduce_exits_1_naming_the_column_that_moved_and_warns_about_changed_provenance()
    {
        using var folder = new TempFolder();
        Cli.Run("figure", "komarova-cycle", "--out", folder.Path, "--no-static").AssertSuccessWithProgress();
        var path = folder.File("komarova-cycle.csv");
        var table = DataTable.FromCsv(File.ReadAllText(path));
        var z = table.Numbers("z").ToArray();
        z[400] *= 1 + 1e-4; // one bone-mass value 1e-4 off: 1e-4 of its scale (100 %)
        File.WriteAllText(path, new DataTable(table.Columns.Select(c => c.Name == "z" ? DataColumn.Numeric("z", "%", z) : c)).ToCsv());
        var manifestPath = folder.File("komarova-cycle.manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["data"]!["sha256"] = FigureFiles.Sha256(path);
        manifest["packages"]!["Plotly.NET"] = "5.1.0";
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var run = Cli.Run("reproduce", manifestPath);
        Assert.Equal(1, run.Code);
        Assert.Contains("| z | % | ", run.Out);
        Assert.Contains(" | no |", run.Out);
        Assert.Matches(@"disagree: z differs by up to 0\.0\d+ % \(\d\.\d+E-05 of its scale; tolerance 1E-06\)\.$", run.Out.TrimEnd('\n').Split('\n')[^1]);
        Assert.Contains(run.ErrLines, l => l.StartsWith("osteo reproduce: warning: package Plotly.NET is ", StringComparison.Ordinal) && l.EndsWith(", 5.1.0 in the manifest.", StringComparison.Ordinal));
        Assert.Equal(0, Cli.Run("reproduce", manifestPath, "--tolerance", "1e-3").Code);
    }

    [Fact]
    public void Bad_manifests_are_usage_errors_naming_the_problem()
    {
        using var folder = new TempFolder();
        Assert.Equal($"osteo reproduce: manifest '{folder.File("none.json")}' does not exist.", Cli.Run("reproduce", folder.File("none.json")).AssertUsageError());
        File.WriteAllText(folder.File("bad.json"), "{ not json");
        Assert.StartsWith($"osteo reproduce: manifest '{folder.File("bad.json")}': not valid JSON", Cli.Run("reproduce", folder.File("bad.json")).AssertUsageError());
        File.WriteAllText(folder.File("other.json"), "{\"format\":\"osteoode-parameter-set\"}");
        Assert.Contains("field 'format' is 'osteoode-parameter-set', not 'osteoode-figure-manifest'", Cli.Run("reproduce", folder.File("other.json")).AssertUsageError());
        Assert.Equal("osteo reproduce: give the manifest file: osteo reproduce NAME.manifest.json (written by osteo figure).", Cli.Run("reproduce").AssertUsageError());

        Cli.Run("figure", "komarova-cycle", "--out", folder.Path, "--no-static").AssertSuccessWithProgress();
        var manifestPath = folder.File("komarova-cycle.manifest.json");
        var text = File.ReadAllText(manifestPath);
        File.WriteAllText(manifestPath, text.Replace("\"komarova-cycle\"", "\"komarova-cycles\"", StringComparison.Ordinal));
        Assert.Contains("field 'figure' names 'komarova-cycles', which this version does not know. Figures: lemaire-protocols", Cli.Run("reproduce", manifestPath).AssertUsageError());
        File.WriteAllText(manifestPath, text);
        File.AppendAllText(folder.File("komarova-cycle.csv"), "0,1,2,3,4,5\n");
        Assert.Contains("it was changed after the figure was made", Cli.Run("reproduce", manifestPath).AssertUsageError());
        File.Delete(folder.File("komarova-cycle.csv"));
        Assert.EndsWith("komarova-cycle.csv' does not exist.", Cli.Run("reproduce", manifestPath).AssertUsageError());
    }

    [Fact]
    public void Figure_usage_errors_list_valid_choices_and_write_nothing()
    {
        using var folder = new TempFolder();
        var unknown = Cli.Run("figure", "lemaire-protocol", "--out", folder.Path).AssertUsageError();
        Assert.StartsWith("osteo figure: unknown figure 'lemaire-protocol'. Valid figures (nearest first): lemaire-protocols, ", unknown);
        Assert.All(FigureCatalog.Names, n => Assert.Contains(n, unknown));
        Assert.StartsWith("osteo figure: give one figure NAME or --all (not both). Figures: lemaire-protocols", Cli.Run("figure").AssertUsageError());
        Assert.StartsWith("osteo figure: give one figure NAME or --all", Cli.Run("figure", "komarova-cycle", "--all").AssertUsageError());
        Assert.Equal("osteo figure: --set needs one figure NAME: the figures of --all run different models.", Cli.Run("figure", "--all", "--set", "k_res=1").AssertUsageError());
        var set = Cli.Run("figure", "scheiner-rankl-dose", "--set", "kres=180", "--no-static", "--out", folder.Path).AssertUsageError();
        Assert.StartsWith("osteo figure: Figure 'scheiner-rankl-dose': Model 'scheiner2013' has no parameter or input named 'kres'. Did you mean: k_res?", set);
        var bounds = Cli.Run("figure", "lemaire-protocols", "--set", "I_P=-5", "--no-static", "--out", folder.Path).AssertUsageError();
        Assert.Contains("Input 'I_P' of model 'lemaire2004' = -5 pM/day is outside its allowed range [0, 100000] pM/day.", bounds);
        Assert.Contains("unknown method 'rk99'", Cli.Run("figure", "komarova-cycle", "--method", "rk99", "--no-static", "--out", folder.Path).AssertUsageError());
        File.WriteAllText(folder.File("file"), "x");
        Assert.Equal($"osteo figure: --out '{folder.File("file")}' is a file; give a folder.", Cli.Run("figure", "komarova-cycle", "--no-static", "--out", folder.File("file")).AssertUsageError());
        var browserError = Cli.Run("figure", "komarova-cycle", "--browser", "/nonexistent/chromium", "--out", folder.Path).AssertUsageError();
        Assert.StartsWith("osteo figure: --browser: ", browserError);
        Assert.Contains("'/nonexistent/chromium' does not exist", browserError);
        Assert.EndsWith("Or add --no-static to write only the CSV, HTML and manifest.", browserError);
        Assert.Equal(["file"], folder.Files);
    }

    [Fact]
    public void Without_a_browser_the_command_stops_before_any_work_and_names_no_static()
    {
        using var folder = new TempFolder();
        var app = new OsteoApp([new FigureCommand(_ => throw new BrowserNotFoundException("No Chromium, Chrome or Edge was found (searched: PATH)."))]);
        var target = folder.File("figs");
        var line = Cli.Run(app, "figure", "--all", "--out", target).AssertUsageError();
        Assert.StartsWith("osteo figure: SVG and PNG need a local Chromium, Chrome or Edge and none was found; add --no-static to write only the CSV, HTML and manifest", line);
        Assert.False(Directory.Exists(target), "nothing is created when the command stops");
        Cli.Run(app, "figure", "komarova-cycle", "--out", target, "--no-static").AssertSuccessWithProgress();
        Assert.Equal(3, Directory.GetFiles(target).Length);
    }

    [Fact]
    public void A_failing_figure_exits_1_and_leaves_its_earlier_files_untouched()
    {
        using var folder = new TempFolder();
        Cli.Run("figure", "komarova-cycle", "--out", folder.Path, "--no-static").AssertSuccessWithProgress();
        var before = Komarova.Select(f => File.ReadAllBytes(folder.File(f))).ToList();
        var run = Cli.Run("figure", "komarova-cycle", "--out", folder.Path, "--no-static", "--max-steps", "3");
        Assert.Equal(1, run.Code);
        Assert.Equal("", run.Out);
        Assert.StartsWith("osteo figure: komarova-cycle: MaxStepsReached: Figure 'komarova-cycle', run 'single_cycle': ", run.ErrLines[0]);
        Assert.Equal("osteo figure: 1 of 1 figure(s) failed (komarova-cycle); their earlier files, if any, are unchanged.", run.ErrLines[^1]);
        Assert.Equal(Komarova, folder.Files);
        Assert.Equal(before, Komarova.Select(f => File.ReadAllBytes(folder.File(f))).ToList());
    }

    [Fact]
    public void All_figures_without_static_images_in_a_real_process()
    {
        using var folder = new TempFolder();
        var run = Cli.RunProcess("figure", "--all", "--out", folder.File("figs"), "--no-static");
        Assert.True(run.Code == 0, run.Err);
        Assert.Equal(FigureCatalog.Names.Count * 3, run.Out.TrimEnd('\n').Split('\n').Length);
        Assert.Equal(FigureCatalog.Names.Count, run.ErrLines.Length);
        foreach (var name in FigureCatalog.Names)
        {
            Assert.Equal(0, Cli.Run("reproduce", Path.Combine(folder.File("figs"), name + ".manifest.json")).Code);
        }
    }
}

internal static class CliRunExtensions
{
    /// <summary>Exit code 0; stderr holds only progress lines of osteo figure.</summary>
    public static CliRun AssertSuccessWithProgress(this CliRun run)
    {
        Assert.True(run.Code == 0, $"expected exit code 0, got {run.Code}; stderr: {run.Err}");
        Assert.All(run.ErrLines, l => Assert.StartsWith("osteo figure: ", l));
        return run;
    }
}
