using OsteoOde.Modeling;
using OsteoOde.Modeling.Sbml;
using OsteoOde.Models;

namespace OsteoOde.Cli.Tests;

public class SbmlTests
{
    private static string Curated(string file) => Path.Combine(AppContext.BaseDirectory, "Data", "biomodels", file);

    [Theory]
    [InlineData("lemaire2004")]
    [InlineData("pivonka2008")]
    [InlineData("scheiner2013")]
    [InlineData("komarova2003")]
    public void Export_writes_the_exporter_document(string id)
    {
        using var folder = new TempFolder();
        var path = folder.File(id + ".xml");
        var run = Cli.Run("sbml", "export", "--model", id, "--out", path).AssertSuccess();
        Assert.Equal("", run.Out);
        Assert.Equal("", run.Err);
        var expected = SbmlExporter.Export(ModelCatalog.Get(id).Model);
        Assert.Equal(expected, File.ReadAllText(path));
        Assert.Equal(expected, Cli.Run("sbml", "export", "--model", id).AssertSuccess().Out);
        Assert.Equal([id + ".xml"], folder.Files);
    }

    [Fact]
    public void Export_options_reach_the_exporter()
    {
        var parameters = Cli.Run("sbml", "export", "--model", "pivonka2008", "--states", "parameters", "--no-notes-table").AssertSuccess().Out;
        Assert.Equal(SbmlExporter.Export(Pivonka2008.Model, new SbmlExportOptions { States = SbmlStateEncoding.Parameters, ParameterTableInNotes = false }), parameters);
        Assert.DoesNotContain("<species ", parameters);
        Assert.Contains("<species ", Cli.Run("sbml", "export", "--model", "pivonka2008").AssertSuccess().Out);
    }

    [Fact]
    public void Exported_model_simulates_like_the_catalog_model()
    {
        using var folder = new TempFolder();
        var path = folder.File("p.xml");
        Cli.Run("sbml", "export", "--model", "pivonka2008", "--out", path).AssertSuccess();
        string[] rest = ["--t-end", "120", "--input", "P_RANKL=1000@20:80", "--set", "beta_PTH=300", "--observables", "--step", "2"];
        var viaSbml = Cli.Run(["simulate", "--sbml", path, .. rest]).AssertSuccess();
        Assert.Equal("", viaSbml.Err);   // a file written by osteo imports without warnings
        var native = Cli.Run(["simulate", "--model", "pivonka2008", .. rest]).AssertSuccess();
        var a = Csv.Numeric(viaSbml.Out);
        var b = Csv.Numeric(native.Out);
        Assert.Equal(b.Header, a.Header);
        for (var r = 0; r < b.Rows.Length; r++)
        {
            for (var c = 0; c < b.Header.Length; c++)
            {
                Assert.Equal(b.Rows[r][c], a.Rows[r][c], 1e-9 * Math.Abs(b.Rows[r][c]));
            }
        }

        // The round-tripped model keeps the catalog id, so the catalog's scenarios apply to it.
        var scenario = Csv.Numeric(Cli.Run("simulate", "--sbml", path, "--scenario", "addPTH").AssertSuccess().Out);
        Assert.Equal(ScenarioCatalog.Get("pivonka2008", "addPTH").OutputTimes, scenario.Column("t"));
    }

    [Fact]
    public void Curated_lemaire_file_gives_the_published_steady_state()
    {
        var run = Cli.Run("steady-state", "--sbml", Curated("BIOMD0000000278_url.xml")).AssertSuccess();
        var table = Csv.Numeric(run.Out);
        Assert.Equal(["R", "B", "C"], table.Header);
        double[] expected = [7.7344e-4, 7.2834e-4, 9.1275e-4];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], table.Rows[0][i], 1e-4 * expected[i]);
        }

        // The importer's decisions are notes on stderr, one line each, never on stdout.
        Assert.NotEmpty(run.ErrLines);
        Assert.All(run.ErrLines, l => Assert.StartsWith("osteo steady-state: note: SBML: ", l));
        Assert.Contains(run.ErrLines, l => l.Contains("day is assumed", StringComparison.Ordinal));
    }

    [Fact]
    public void Curated_pth_figure_file_simulates_like_the_catalog_scenario()
    {
        // The BioModels figure variant encodes the PTH window itself; started from the same steady state (the file rounds it
        // to four digits) it follows lemaire2004 --scenario addPTH to 1e-6.
        string[] grid = ["--times", "0,20,50,80,100,150,200", "--rtol", "1e-10", "--atol", "1e-16"];
        var steady = Lemaire2004.SteadyState;
        var file = Csv.Numeric(Cli.Run(["simulate", "--sbml", Curated("lemaire04_addPTH.xml"), "--t-end", "200",
            "--init", $"R={CliText.F(steady[0])}", "--init", $"B={CliText.F(steady[1])}", "--init", $"C={CliText.F(steady[2])}", .. grid]).AssertSuccess().Out);
        var native = Csv.Numeric(Cli.Run(["simulate", "--model", "lemaire2004", "--scenario", "addPTH", .. grid]).AssertSuccess().Out);
        Assert.Equal(native.Header, file.Header);
        Assert.Equal(native.Column("t"), file.Column("t"));
        foreach (var state in new[] { "R", "B", "C" })
        {
            var x = file.Column(state);
            var y = native.Column(state);
            for (var i = 0; i < y.Length; i++)
            {
                Assert.Equal(y[i], x[i], 1e-6 * y[i]);
            }
        }

        Assert.True(native.Column("C")[3] > 3 * steady[2], "PTH raises the osteoclasts");
    }

    [Fact]
    public void Initial_event_policy_reaches_the_importer()
    {
        var path = Curated("BIOMD0000000148_url.xml");
        var fire = Csv.Numeric(Cli.Run("simulate", "--sbml", path, "--t-end", "1", "--times", "0", "--sbml-initial-events", "fire").AssertSuccess().Out);
        var document = Csv.Numeric(Cli.Run("simulate", "--sbml", path, "--t-end", "1", "--times", "0").AssertSuccess().Out);
        Assert.Equal(1, fire.Column("flag_resorption")[0]);       // x1(0) = 11 > x̄1: the resorption flag is set at t = 0
        Assert.Equal(0, document.Column("flag_resorption")[0]);   // Level 2 reading: a trigger already true at t = 0 does not fire
    }

    [Fact]
    public void Params_lists_the_imported_ids()
    {
        var records = Csv.Records(Cli.Run("params", "--sbml", Curated("BIOMD0000000278_url.xml"), "--format", "csv").AssertSuccess().Out);
        var names = records.Skip(1).Select(r => r[0]).ToList();
        Assert.Contains("k1", names);
        Assert.Contains("I_P", names);   // a constant parameter in the curated file (SBML has no inputs)
        Assert.Contains("SBML model 'BIOMD0000000278'", records.Single(r => r[0] == "k1")[5]);
    }

    [Fact]
    public void Sbml_errors_are_usage_errors()
    {
        using var folder = new TempFolder();
        Assert.Contains("file not found", Cli.Run("simulate", "--sbml", folder.File("none.xml"), "--t-end", "1").AssertUsageError());
        var bad = folder.File("bad.xml");
        File.WriteAllText(bad, "<sbml><model>");
        var line = Cli.Run("simulate", "--sbml", bad, "--t-end", "1").AssertUsageError();
        Assert.Contains($"--sbml '{bad}': The SBML text is not well-formed XML", line);
        Assert.Contains("give either --model ID or --sbml FILE, not both",
            Cli.Run("simulate", "--model", "lemaire2004", "--sbml", bad, "--t-end", "1").AssertUsageError());
        Assert.Contains("--sbml-initial-events applies only together with --sbml",
            Cli.Run("simulate", "--model", "lemaire2004", "--sbml-initial-events", "fire", "--t-end", "1").AssertUsageError());
        Assert.Contains("missing required option --model <ID> (or --sbml <FILE>)", Cli.Run("sbml", "export").AssertUsageError());

        // A usage error after a successful import is still the only stderr line (import notes are held back).
        var after = Cli.Run("simulate", "--sbml", Curated("BIOMD0000000278_url.xml"), "--t-end", "10", "--set", "k_1=1").AssertUsageError();
        Assert.Contains("no parameter or input named 'k_1'", after);
        Assert.Equal(["bad.xml"], folder.Files);
    }
}
