using System.Text.Json;
using System.Text.Json.Nodes;
using OsteoOde.Analysis.Figures;

namespace OsteoOde.Plotting.Tests;

/// <summary>Catalog figures drawn from their data, their files and manifests, and re-running them from a manifest.</summary>
public class FigureProvenanceTests
{
    private static readonly Lazy<FigureData> Komarova = new(() => FigureCatalog.Get("komarova-cycle").Compute());

    public static TheoryData<string> Names => new(FigureCatalog.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_catalog_figure_is_drawn_from_its_table_with_units_on_every_axis(string name)
    {
        var data = FigureCatalog.Get(name).Compute();
        var figure = FigureCharts.Render(data);
        var json = new PlotlyJson(figure);
        Assert.Equal(data.Title, json.Layout.GetProperty("title").GetProperty("text").GetString());
        Assert.True(json.Data.GetArrayLength() >= 2);
        foreach (var axis in json.Layout.EnumerateObject().Where(p => p.Name.StartsWith("xaxis", StringComparison.Ordinal) || p.Name.StartsWith("yaxis", StringComparison.Ordinal)))
        {
            Assert.False(string.IsNullOrWhiteSpace(axis.Value.GetProperty("title").GetProperty("text").GetString()), axis.Name);
        }

        // Every y value drawn is a value of the table.
        var values = data.Table.Columns.Where(c => !c.IsText).SelectMany(c => c.Numbers).ToHashSet();
        foreach (var trace in json.Data.EnumerateArray())
        {
            Assert.All(PlotlyJson.Numbers(trace.GetProperty("y")).Where(double.IsFinite), v => Assert.Contains(v, values));
        }
    }

    [Fact]
    public void Lemaire_figure_has_nine_titled_panels_of_R_B_C_in_pM()
    {
        var json = new PlotlyJson(FigureCharts.Render(FigureCatalog.Get("lemaire-protocols").Compute()));
        Assert.Equal(27, json.Data.GetArrayLength());
        Assert.Equal("R, B, C [pM]", json.AxisTitle("yaxis9"));
        Assert.Equal("t [day]", json.AxisTitle("xaxis"));
        var titles = json.Layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToList();
        Assert.Contains("<b>addPTH: Continuous PTH</b>", titles);
        Assert.Contains("<b>addRANKL_then_OPG: RANKL from day 20, OPG added from day 80</b>", titles);
    }

    [Fact]
    public void Interventions_figure_has_bmd_ctx_and_one_drug_level_panel_per_drug()
    {
        var json = new PlotlyJson(FigureCharts.Render(FigureCatalog.Get("interventions").Compute()));
        var traces = json.Data.EnumerateArray().Select(t => (t.GetProperty("name").GetString(), t.TryGetProperty("yaxis", out var y) ? y.GetString() : "y")).ToList();
        Assert.Equal([("denosumab", "y"), ("alendronate", "y"), ("untreated", "y"), ("denosumab", "y2"), ("alendronate", "y2"), ("denosumab", "y3"), ("alendronate", "y4")],
            traces.Where(t => t.Item1 is "denosumab" or "alendronate" or "untreated"));
        Assert.Equal("FN BMD vs 65 [%]", json.AxisTitle("yaxis"));
        Assert.Equal("CTX proxy vs control [%]", json.AxisTitle("yaxis2"));
        Assert.Equal("serum denosumab [ng/mL]", json.AxisTitle("yaxis3"));
        Assert.Equal("bone-bound alendronate [mg]", json.AxisTitle("yaxis4"));
        Assert.Equal("months since the first dose [month]", json.AxisTitle("xaxis4"));
    }

    [Fact]
    public void Unknown_figures_have_no_renderer()
    {
        var data = Komarova.Value with { Name = "nope" };
        Assert.StartsWith("No renderer for figure 'nope'.", Assert.Throws<ArgumentException>(() => FigureCharts.Render(data)).Message);
        Assert.Equal(FigureCatalog.Names.Order(), FigureCharts.Names.Order());
    }

    [Fact]
    public async Task Files_without_static_images_have_a_manifest_with_hashes_and_replace_earlier_files_whole()
    {
        using var folder = new TempFolder();
        var data = Komarova.Value;
        var created = new DateTimeOffset(2026, 5, 1, 12, 30, 0, TimeSpan.Zero);
        File.WriteAllText(folder.File("komarova-cycle.csv"), "stale");
        var result = await FigureFiles.WriteAsync(data, FigureCharts.Render(data), folder.Path, new FigureFileOptions(StaticImages: false, Created: created));

        Assert.Equal(["komarova-cycle.csv", "komarova-cycle.html", "komarova-cycle.manifest.json"], result.Paths.Select(Path.GetFileName));
        Assert.Equal(result.Paths.Order(), Directory.GetFiles(folder.Path).Order());
        var csv = File.ReadAllBytes(folder.File("komarova-cycle.csv"));
        Assert.Equal(data.Table.ToCsv(), System.Text.Encoding.UTF8.GetString(csv));

        var manifest = JsonNode.Parse(File.ReadAllText(result.ManifestPath))!;
        Assert.Equal("osteoode-figure-manifest", (string?)manifest["format"]);
        Assert.Equal(1, (int)manifest["version"]!);
        Assert.Equal("komarova-cycle", (string?)manifest["figure"]);
        Assert.Equal("2026-05-01T12:30:00.000Z", (string?)manifest["created"]);
        Assert.Equal("komarova2003", (string?)manifest["models"]![0]!["id"]);
        Assert.Equal(Models.Komarova2003.Model.ContentHash, (string?)manifest["models"]![0]!["contentHash"]);
        Assert.Empty(manifest["parameters"]!.AsObject());
        Assert.Empty(manifest["parameterDiff"]!.AsArray());
        Assert.Equal("auto", (string?)manifest["solver"]!["method"]);
        Assert.Equal(1e-8, (double)manifest["solver"]!["relativeTolerance"]!);
        Assert.Equal(1e-14, (double)manifest["solver"]!["absoluteTolerance"]!);
        Assert.Empty(manifest["seeds"]!.AsObject());
        Assert.Equal(["OsteoOde", "Plotly.NET", "Deedle", "FSharp.Core", ".NET"], manifest["packages"]!.AsObject().Select(p => p.Key));
        Assert.StartsWith("6.0.0", (string?)manifest["packages"]!["Plotly.NET"]);
        Assert.StartsWith("8.1.0", (string?)manifest["packages"]!["Deedle"]);
        Assert.Matches("^([0-9a-f]{40}|unknown)$", (string?)manifest["git"]!["commit"]);
        Assert.Equal(FigureFiles.Sha256(csv), (string?)manifest["data"]!["sha256"]);
        Assert.Equal(1601, (int)manifest["data"]!["rows"]!);
        Assert.Equal(["t [day]", "x1", "x2", "z [%]", "x1_bar", "x2_bar"], manifest["data"]!["columns"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(FigureFiles.Sha256(folder.File("komarova-cycle.html")), (string?)manifest["files"]![0]!["sha256"]);
        Assert.Equal(1e-6, (double)manifest["reproduce"]!["tolerance"]!);
        Assert.DoesNotContain(Directory.GetFiles(folder.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));

        var html = File.ReadAllText(folder.File("komarova-cycle.html"));
        Assert.Contains(PlotlyJs.Source, html);
        Assert.DoesNotContain("cdn.plot.ly", html.Replace(PlotlyJs.Source, "", StringComparison.Ordinal));

        var read = FigureManifest.Load(result.ManifestPath);
        Assert.Equal(result.Manifest.ToJson(), read.ToJson());
        Assert.Equal(created, read.Created);
    }

    [Fact]
    public async Task A_figure_reproduces_from_its_manifest_and_a_changed_result_is_reported_per_column()
    {
        using var folder = new TempFolder();
        var data = FigureCatalog.Get("scheiner-rankl-dose").Compute(new FigureSettings { Parameters = new Dictionary<string, double> { ["k_res"] = 180 } });
        var written = await FigureFiles.WriteAsync(data, FigureCharts.Render(data), folder.Path, new FigureFileOptions(StaticImages: false));
        Assert.Equal(180, written.Manifest.Parameters["k_res"]);
        var change = Assert.Single(written.Manifest.ParameterDiff);
        Assert.Equal(("scheiner2013", "k_res", "parameter", 200.0, 180.0), (change.Model, change.Name, change.Kind, change.Default, change.Value));

        var report = FigureReproduction.Run(written.ManifestPath);
        Assert.True(report.Agrees);
        Assert.Empty(report.Warnings);
        Assert.Equal(["P_RANKL", "OBa", "OCa", "OBa_rel", "OCa_rel", "dvb_dt", "relative_loss"], report.Comparison.Columns.Select(c => c.Name));
        Assert.All(report.Comparison.Columns, c => Assert.Equal(0, c.MaxAbsolute));

        // Another version's data: OCa 1e-5 higher everywhere (scale 1e-4: 10 % of the column) and the manifest updated to match.
        var csv = data.Table.ToCsv();
        var changed = new DataTable(data.Table.Columns.Select(c => c.Name == "OCa" ? DataColumn.Numeric("OCa", "pM", c.Numbers.Select(v => v + 1e-5)) : c));
        File.WriteAllText(folder.File("scheiner-rankl-dose.csv"), changed.ToCsv());
        var json = JsonNode.Parse(File.ReadAllText(written.ManifestPath))!;
        json["data"]!["sha256"] = FigureFiles.Sha256(folder.File("scheiner-rankl-dose.csv"));
        json["packages"]!["Deedle"] = "7.0.0";
        json["models"]![0]!["contentHash"] = new string('a', 64);
        File.WriteAllText(written.ManifestPath, json.ToJsonString());
        var disagree = FigureReproduction.Run(written.ManifestPath);
        Assert.False(disagree.Agrees);
        var oca = disagree.Comparison.Columns.Single(c => !c.Agrees);
        Assert.Equal("OCa", oca.Name);
        Assert.Equal(1e-5, oca.MaxAbsolute, 12);
        Assert.Contains(disagree.Warnings, w => w.StartsWith("package Deedle is 8.1.0", StringComparison.Ordinal) && w.EndsWith(", 7.0.0 in the manifest.", StringComparison.Ordinal));
        Assert.Contains(disagree.Warnings, w => w.StartsWith("model scheiner2013 has changed: content hash ", StringComparison.Ordinal));
        Assert.True(FigureReproduction.Run(written.ManifestPath, tolerance: 0.2).Agrees);

        // A data file edited after the manifest was written is refused, naming both hashes.
        File.WriteAllText(folder.File("scheiner-rankl-dose.csv"), csv);
        var tampered = Assert.Throws<FigureManifestException>(() => FigureReproduction.Run(written.ManifestPath));
        Assert.Contains("it was changed after the figure was made", tampered.Message);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "the top level must be a JSON object")]
    [InlineData("{\"format\":\"other\"}", "field 'format' is 'other'")]
    [InlineData("{\"format\":\"osteoode-figure-manifest\",\"version\":2}", "field 'version' is 2; this OsteoOde reads version 1")]
    [InlineData("{\"format\":\"osteoode-figure-manifest\",\"version\":1}", "field 'figure' is missing")]
    public void Malformed_manifests_are_refused_naming_the_field(string json, string message)
    {
        var e = Assert.Throws<FigureManifestException>(() => FigureManifest.FromJson(json));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Manifest_fields_are_checked_one_by_one()
    {
        var good = FigureManifest.Create(Komarova.Value, new ManifestData("komarova-cycle.csv", new string('0', 64), 1601, ["t [day]"]), [], DateTimeOffset.UnixEpoch);
        Assert.Equal(good.ToJson(), FigureManifest.FromJson(good.ToJson()).ToJson());
        string Edit(Action<JsonNode> change)
        {
            var node = JsonNode.Parse(good.ToJson())!;
            change(node);
            return Assert.Throws<FigureManifestException>(() => FigureManifest.FromJson(node.ToJsonString())).Message;
        }

        Assert.Equal("field 'models[0].contentHash' must be 64 lower-case hex digits (a SHA-256).", Edit(n => n["models"]![0]!["contentHash"] = "xyz"));
        Assert.Equal("field 'data.file' ('../etc/passwd') must be a plain file name next to the manifest.", Edit(n => n["data"]!["file"] = "../etc/passwd"));
        Assert.Equal("field 'solver.relativeTolerance' must be positive.", Edit(n => n["solver"]!["relativeTolerance"] = 0));
        Assert.Equal("field 'parameters.k_res' must be a finite number.", Edit(n => n["parameters"]!["k_res"] = "high"));
        Assert.Equal("field 'created' ('yesterday') is not an ISO 8601 time.", Edit(n => n["created"] = "yesterday"));
        Assert.Equal("field 'models' is empty.", Edit(n => n["models"] = new JsonArray()));
        Assert.Equal("field 'seeds.noise' must be an integer.", Edit(n => n["seeds"]!["noise"] = 1.5));
    }

    [Fact]
    public void Git_revision_is_read_from_repositories_worktrees_and_packed_refs_without_git()
    {
        using var folder = new TempFolder();
        var commit = new string('c', 40);
        var packed = new string('b', 10) + new string('0', 30);

        // A plain repository with a loose branch reference, found from a sub-folder.
        var repo = Directory.CreateDirectory(folder.File("repo"));
        Directory.CreateDirectory(Path.Combine(repo.FullName, ".git", "refs", "heads"));
        File.WriteAllText(Path.Combine(repo.FullName, ".git", "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(Path.Combine(repo.FullName, ".git", "refs", "heads", "main"), commit + "\n");
        var deep = Directory.CreateDirectory(Path.Combine(repo.FullName, "src", "bin"));
        Assert.Equal(commit, BuildProvenance.ReadGit(deep.FullName));

        // A worktree: .git is a file pointing into the main repository; its branch lives only in packed-refs.
        var worktreeGit = Directory.CreateDirectory(Path.Combine(repo.FullName, ".git", "worktrees", "wt"));
        File.WriteAllText(Path.Combine(worktreeGit.FullName, "HEAD"), "ref: refs/heads/figures\n");
        File.WriteAllText(Path.Combine(worktreeGit.FullName, "commondir"), "../..\n");
        File.WriteAllText(Path.Combine(repo.FullName, ".git", "packed-refs"), $"# pack-refs with: peeled\n{packed} refs/heads/figures\n{commit} refs/heads/figures-old\n");
        var worktree = Directory.CreateDirectory(folder.File("wt"));
        File.WriteAllText(Path.Combine(worktree.FullName, ".git"), "gitdir: " + worktreeGit.FullName + "\n");
        Assert.Equal(packed, BuildProvenance.ReadGit(worktree.FullName));

        // Detached HEAD, and no repository at all.
        File.WriteAllText(Path.Combine(worktreeGit.FullName, "HEAD"), commit + "\n");
        Assert.Equal(commit, BuildProvenance.ReadGit(worktree.FullName));
        Assert.Null(BuildProvenance.ReadGit(Directory.CreateDirectory(folder.File("none")).FullName));
        var revision = BuildProvenance.Revision();
        Assert.Matches("^([0-9a-f]{40}|unknown)$", revision.Commit);
        Assert.Contains(revision.Source, new[] { ".git", "build", "unknown" });
    }
}
