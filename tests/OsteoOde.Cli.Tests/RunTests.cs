using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using OsteoOde.Cli.Commands;
using OsteoOde.Modeling;
using OsteoOde.Models.Aging;

namespace OsteoOde.Cli.Tests;

/// <summary>The main job, <c>osteo run</c>, against the library's life-course simulation.</summary>
public class RunTests
{
    private static readonly Lazy<(SimulationResult Women, SimulationResult Men)> Library = new(() =>
        (Simulation.Run(AgingModel.LifeCourse(AgingOptions.Female)).EnsureSuccess(), Simulation.Run(AgingModel.LifeCourse(AgingOptions.Male)).EnsureSuccess()));

    /// <summary>The library value at a whole-year age of its yearly life course (rtol 1e-10, independent of the CLI's grid).</summary>
    private static double LibraryAt(string sex, string column, double age)
    {
        var result = sex == "female" ? Library.Value.Women : Library.Value.Men;
        var row = (int)Math.Round(age - 25);
        Assert.Equal(age, result["age"][row], 12);
        return result[column][row];
    }

    /// <summary>Relative agreement; the grids differ (quarter years vs years), so the steps differ and 1e-9 is the solver's rtol 1e-10 with margin.</summary>
    private static void AssertClose(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{what}: {actual.ToString("R", CultureInfo.InvariantCulture)} vs library {expected.ToString("R", CultureInfo.InvariantCulture)}");

    private static List<string[]> Rows(string path) => Csv.Records(File.ReadAllText(path));

    [Fact]
    public void Run_writes_csv_chart_and_manifest_and_prints_the_summary()
    {
        using var temp = new TempFolder();
        var dir = Path.Combine(temp.Path, "results", "lifetime");   // created with its parent
        var run = Cli.Run("run", "--out", dir, "--format", "csv").AssertSuccess();
        Assert.Equal(new[] { RunCommand.CsvFile, RunCommand.HtmlFile, RunCommand.ManifestFile }.Order(StringComparer.Ordinal),
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("osteo run: female 25 → 90: done", run.Err);
        Assert.Contains("Elapsed: ", run.Err);

        // lifetime.csv: t, age first, then states, every observable (the contract's among them), sex last.
        var records = Rows(Path.Combine(dir, RunCommand.CsvFile));
        var header = records[0];
        Assert.Equal(["t", "age"], header[..2]);
        Assert.StartsWith("t,age,", File.ReadLines(Path.Combine(dir, RunCommand.CsvFile)).First());
        Assert.Equal("sex", header[^1]);
        Assert.Equal(["t", "age", .. AgingModel.StateOrder], header[..14]);
        Assert.Subset(header.ToHashSet(), AgingContract.Columns.ToHashSet());
        Assert.Equal(Library.Value.Women.ColumnNames, header[..^1]);   // women's variant has every column, in its order

        // Rows: ages 25, 25.25, ..., 90 for women, then the same for men.
        var data = records.Skip(1).ToList();
        Assert.Equal(2 * 261, data.Count);
        Assert.All(data.Take(261), r => Assert.Equal("female", r[^1]));
        Assert.All(data.Skip(261), r => Assert.Equal("male", r[^1]));
        var age = Array.IndexOf(header, "age");
        var t = Array.IndexOf(header, "t");
        for (var k = 0; k <= 260; k++)
        {
            Assert.Equal(25 + (k / 4.0), Csv.Number(data[k][age]));
            Assert.Equal(25 + (k / 4.0), Csv.Number(data[261 + k][age]));
            Assert.Equal(k * 91.3125, Csv.Number(data[k][t]));
        }

        // Men have no estrogen module: their EST and P_RANKL_est cells are empty, every other cell is a number.
        foreach (var row in data)
        {
            for (var c = 0; c < header.Length - 1; c++)
            {
                var empty = row[^1] == "male" && header[c] is "EST" or "P_RANKL_est";
                Assert.True(empty ? row[c].Length == 0 : double.IsFinite(Csv.Number(row[c])), $"{row[^1]} {header[c]} = '{row[c]}'");
            }
        }

        // The CSV at the summary ages equals the library's yearly life course for every numeric column.
        foreach (var (sex, offset) in new[] { ("female", 0), ("male", 261) })
        {
            foreach (var a in LifetimeRun.SummaryAges)
            {
                var row = data[offset + (int)((a - 25) * 4)];
                for (var c = 2; c < header.Length - 1; c++)
                {
                    if (row[c].Length > 0)
                    {
                        AssertClose(LibraryAt(sex, header[c], a), Csv.Number(row[c]), 1e-9, $"{sex} {header[c]} at {a}");
                    }
                }
            }
        }

        // The summary (CSV form) holds the library's numbers at ages 30 ... 90 for both sexes.
        var summary = Csv.Records(run.Out);
        Assert.Equal(RunCommand.SummaryCsvColumns, summary[0]);
        Assert.Equal(12, summary.Count - 1);
        var expectedKeys = new[] { "female", "male" }.SelectMany(s => LifetimeRun.SummaryAges.Select(a => (s, a))).ToList();
        for (var i = 0; i < 12; i++)
        {
            var (sex, a) = expectedKeys[i];
            Assert.Equal(sex, summary[i + 1][0]);
            Assert.Equal(a, Csv.Number(summary[i + 1][1]));
            for (var c = 2; c < summary[0].Length; c++)
            {
                AssertClose(LibraryAt(sex, summary[0][c], a), Csv.Number(summary[i + 1][c]), 1e-9, $"summary {sex} {summary[0][c]} at {a}");
            }
        }

        // Published trajectory (Aging README): women's T-score at 70 is -1.64, men's BMD at 90 is 0.7670 g/cm².
        Assert.Equal(-1.64, Csv.Number(summary[4][3]), 2);
        Assert.Equal(0.7670, Csv.Number(summary[12][2]), 4);
    }

    [Fact]
    public void Chart_is_offline_and_manifest_matches_the_files()
    {
        using var temp = new TempFolder();
        var run = Cli.Run("run", "--out", temp.Path).AssertSuccess();

        var html = File.ReadAllText(temp.File(RunCommand.HtmlFile));
        Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex(@"<script[^>]*\bsrc\s*=\s*[""']?\s*(https?:)?//", System.Text.RegularExpressions.RegexOptions.IgnoreCase), html);
        Assert.Contains(OsteoOde.Plotting.PlotlyJs.Source, html, StringComparison.Ordinal);   // plotly.js inlined
        Assert.Contains("Plotly.newPlot(", html);
        foreach (var text in new[] { "osteopenia (T = −1)", "osteoporosis (T = −2.5)", "0.738 g/cm²", "0.558 g/cm²", "women", "men", "T-score", "femoral-neck BMD" })
        {
            Assert.Contains(text, html);
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(temp.File(RunCommand.ManifestFile)));
        var root = manifest.RootElement;
        Assert.Equal("osteoode-run-manifest", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal($"osteo run --out {temp.Path}", root.GetProperty("command").GetString());
        Assert.True(root.GetProperty("elapsedSeconds").GetDouble() > 0);
        Assert.Equal(0.25, root.GetProperty("grid").GetProperty("stepYears").GetDouble());
        var models = root.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["female", "male"], models.Select(m => m.GetProperty("variant").GetString()));
        Assert.All(models, m => Assert.Equal("aging", m.GetProperty("id").GetString()));
        Assert.Equal(AgingModel.Create(Sex.Female).ContentHash, models[0].GetProperty("contentHash").GetString());
        Assert.Equal(AgingModel.Create(Sex.Male).ContentHash, models[1].GetProperty("contentHash").GetString());
        Assert.NotEqual(models[0].GetProperty("contentHash").GetString(), models[1].GetProperty("contentHash").GetString());
        Assert.Equal(0, root.GetProperty("parameterDiff").GetArrayLength());
        var solver = root.GetProperty("solver");
        Assert.Equal("radau5", solver.GetProperty("method").GetString());
        Assert.Equal(1e-10, solver.GetProperty("relativeTolerance").GetDouble());
        Assert.Equal(1e-16, solver.GetProperty("absoluteTolerance").GetDouble());
        var runs = root.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([261, 261], runs.Select(r => r.GetProperty("rows").GetInt32()));
        Assert.All(runs, r => Assert.True(r.GetProperty("acceptedSteps").GetInt64() > 0));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("packages").GetProperty("OsteoOde").GetString()));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("packages").GetProperty("Plotly.NET").GetString()));
        Assert.Matches("^([0-9a-f]{40}|unknown)$", root.GetProperty("git").GetProperty("commit").GetString());

        var data = root.GetProperty("data");
        Assert.Equal(RunCommand.CsvFile, data.GetProperty("file").GetString());
        Assert.Equal(Sha256(temp.File(RunCommand.CsvFile)), data.GetProperty("sha256").GetString());
        Assert.Equal(522, data.GetProperty("rows").GetInt32());
        Assert.Equal(File.ReadLines(temp.File(RunCommand.CsvFile)).First(), string.Join(',', data.GetProperty("columns").EnumerateArray().Select(c => c.GetString())));
        var file = Assert.Single(root.GetProperty("files").EnumerateArray());
        Assert.Equal(RunCommand.HtmlFile, file.GetProperty("file").GetString());
        Assert.Equal(Sha256(temp.File(RunCommand.HtmlFile)), file.GetProperty("sha256").GetString());

        // The Markdown summary: the library's numbers rounded as printed, and the elapsed time.
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l == "| sex | age | BMD [g/cm²] | T-score | senescent burden [× age 30] | plasma EVs [vesicles/mL] | marrow fat [fraction] |");
        foreach (var sex in new[] { "female", "male" })
        {
            foreach (var a in LifetimeRun.SummaryAges)
            {
                string F(string column, string format) => LibraryAt(sex, column, a).ToString(format, CultureInfo.InvariantCulture);
                var expected = $"| {sex} | {a.ToString(CultureInfo.InvariantCulture)} | {F("bmd_fn", "0.0000")} | {F("t_score_fn", "0.00")} | {F("senescent_burden", "0.00")} | {F("ev_plasma", "0.000e+00")} | {F("marrow_fat", "0.000")} |";
                Assert.Contains(expected, lines);
            }
        }

        Assert.Contains(lines, l => l.StartsWith("Elapsed: ", StringComparison.Ordinal) && l.Contains(" s (simulation ", StringComparison.Ordinal));
    }

    [Fact]
    public void One_sex_on_a_yearly_grid_keeps_the_layout()
    {
        using var temp = new TempFolder();
        Cli.Run("run", "--sex", "male", "--step-years", "1", "--out", temp.Path, "--format", "csv").AssertSuccess();
        var records = Rows(temp.File(RunCommand.CsvFile));
        Assert.Equal([.. Library.Value.Men.ColumnNames, "sex"], records[0]);
        Assert.DoesNotContain("EST", records[0]);
        Assert.Equal(66, records.Count - 1);
        Assert.All(records.Skip(1), r => Assert.Equal("male", r[^1]));

        // Same grid and solver as the library's yearly life course: the same numbers bit for bit.
        var men = Library.Value.Men;
        for (var c = 0; c < men.ColumnNames.Count; c++)
        {
            var column = men[men.ColumnNames[c]];
            for (var r = 0; r < 66; r++)
            {
                Assert.Equal(column[r], Csv.Number(records[r + 1][c]));
            }
        }
    }

    [Fact]
    public void Solver_failure_exits_with_1_and_writes_nothing()
    {
        using var temp = new TempFolder();
        var dir = Path.Combine(temp.Path, "out");
        var run = Cli.Run("run", "--out", dir, "--max-steps", "50");
        Assert.Equal(ExitCodes.NumericalFailure, run.Code);
        Assert.Equal("", run.Out);
        // Both courses fail; each reports its own status, women first.
        Assert.StartsWith("osteo run: female: MaxStepsReached: radau5: reached the limit of 50 steps at t = ", run.ErrLines[^2]);
        Assert.StartsWith("osteo run: male: MaxStepsReached: radau5: reached the limit of 50 steps at t = ", run.ErrLines[^1]);
        Assert.False(Directory.Exists(dir));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("--step-years", "0.3", "osteo run: --step-years: The age step 0.3 years does not divide 5 years")]
    [InlineData("--step-years", "0.001", "osteo run: --step-years: The age step must lie in [0.01, 5] years (got 0.001).")]
    [InlineData("--sex", "both", "osteo run: --sex: unknown value 'both'. Valid values: female, male (leave --sex out for both).")]
    [InlineData("--format", "json", "osteo run: --format: unknown value 'json'. Valid values")]
    [InlineData("--method", "radau", "osteo run: unknown method 'radau'. Valid methods (nearest first): radau5")]
    public void Bad_input_exits_with_2_and_writes_nothing(string option, string value, string expected)
    {
        using var temp = new TempFolder();
        var dir = Path.Combine(temp.Path, "out");
        var line = Cli.Run("run", "--out", dir, option, value).AssertUsageError();
        Assert.StartsWith(expected, line);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Out_must_be_a_writable_folder()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("taken"), "x");
        Assert.Equal($"osteo run: --out '{temp.File("taken")}' is a file; give a folder (it is created if missing).",
            Cli.Run("run", "--out", temp.File("taken")).AssertUsageError());
        Assert.Contains("is a file, so the folder cannot be created", Cli.Run("run", "--out", Path.Combine(temp.File("taken"), "sub")).AssertUsageError());
        Assert.Equal(["taken"], temp.Files);
    }

    [Fact]
    public void What_if_switches_modules_off_and_changes_parameters_in_every_model_that_has_them()
    {
        using var temp = new TempFolder();
        var run = Cli.Run("run", "--out", temp.Path, "--step-years", "1", "--format", "csv",
            "--off", "sasp", "--set", "beta_sen=0.18", "--set", "k_est_rankl=500").AssertSuccess();
        Assert.Contains("osteo run: note: --set k_est_rankl applies to female only (the other model has no 'k_est_rankl').", run.Err);

        // Each sex equals the library's life course of the same variant and values on the same yearly grid, bit for bit.
        var rows = Rows(temp.File(RunCommand.CsvFile));
        var header = rows[0];
        var changes = new Dictionary<string, double> { ["beta_sen"] = 0.18, ["k_est_rankl"] = 500 };
        foreach (var (sex, options, values) in new[]
        {
            ("female", AgingOptions.Female.Without("sasp"), changes),
            ("male", AgingOptions.Male.Without("sasp"), new Dictionary<string, double> { ["beta_sen"] = 0.18 }),
        })
        {
            var library = Simulation.Run(AgingModel.LifeCourse(options, values)).EnsureSuccess();
            var block = rows.Skip(1).Where(r => r[^1] == sex).ToList();
            Assert.Equal(library.RowCount, block.Count);
            foreach (var column in new[] { "bmd_fn", "S", "marrow_fat", "OCa_ct" })
            {
                var c = Array.IndexOf(header, column);
                Assert.Equal(library[column], block.Select(r => Csv.Number(r[c])));
            }
        }

        // The what-if changes the answer: faster senescent-cell removal and no soluble SASP keep more bone at 80.
        var women80 = Csv.Records(run.Out).Single(r => r[0] == "female" && r[1] == "80");
        Assert.True(Csv.Number(women80[2]) > LibraryAt("female", "bmd_fn", 80) + 0.01, $"BMD at 80 {women80[2]}");

        using var manifest = JsonDocument.Parse(File.ReadAllText(temp.File(RunCommand.ManifestFile)));
        var root = manifest.RootElement;
        Assert.Equal($"osteo run --out {temp.Path} --step-years 1 --off sasp --set beta_sen=0.18 --set k_est_rankl=500 --format csv", root.GetProperty("command").GetString());
        Assert.Equal(["female beta_sen", "female k_est_rankl", "male beta_sen"],
            root.GetProperty("parameterDiff").EnumerateArray().Select(d => d.GetProperty("variant").GetString() + " " + d.GetProperty("name").GetString()));
        Assert.Equal(AgingModel.Create(AgingOptions.Male.Without("sasp")).ContentHash, root.GetProperty("models")[1].GetProperty("contentHash").GetString());
    }

    [Theory]
    [InlineData(new[] { "--off", "sasps" }, "osteo run: --off: unknown module 'sasps'. Modules (nearest first): sasp, ")]
    [InlineData(new[] { "--set", "beta_senn=0.2" }, "osteo run: --set beta_senn=0.2: the lifetime model has no parameter or input named 'beta_senn'. Valid names: beta_sen, ")]
    [InlineData(new[] { "--off", "estrogen", "--set", "k_est_rankl=1" }, "osteo run: --set k_est_rankl=1: the lifetime model with estrogen off has no parameter or input named 'k_est_rankl'.")]
    [InlineData(new[] { "--set", "beta_sen=5" }, "osteo run: --set beta_sen=5: Parameter 'beta_sen' of model 'aging' = 5 1/day is outside its allowed range [0.01, 1] 1/day.")]
    [InlineData(new[] { "--set", "beta_sen=0.2", "--set", "beta_sen=0.3" }, "osteo run: --set beta_sen is given more than once.")]
    public void What_if_errors_name_the_item_and_write_nothing(string[] options, string expected)
    {
        using var temp = new TempFolder();
        var dir = Path.Combine(temp.Path, "out");
        Assert.StartsWith(expected, Cli.Run(["run", "--out", dir, .. options]).AssertUsageError());
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
