using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace OsteoOde.Notebooks.Tests;

[Collection(DisplayStateCollection.Name)]
public class InProcessNotebookTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Notebooks() => NotebookFiles.All();

    [Fact]
    public void The_notebook_folder_has_notebooks()
    {
        Assert.NotEmpty(Notebooks());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Committed_notebook_has_no_outputs_and_connects_the_osteo_kernel_first(string fileName)
    {
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(NotebookFiles.NotebookFolder, fileName))).RootElement;
        Assert.Equal(".net-csharp", json.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal("csharp", json.GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelInfo").GetProperty("defaultKernelName").GetString());
        var code = json.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code").ToArray();
        Assert.All(code, c => Assert.Equal(0, c.GetProperty("outputs").GetArrayLength()));
        Assert.All(code, c => Assert.NotNull(c.GetProperty("metadata").GetProperty("dotnet_interactive").GetProperty("language").GetString()));
        var first = string.Concat(code[0].GetProperty("source").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(
            "#!connect stdio --kernel-name osteo --command [\"dotnet\", \"../artifacts/kernel-host/OsteoOde.KernelHost.dll\"]",
            first.Trim());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_in_process_with_charts_and_tables(string fileName)
    {
        var document = NotebookFiles.Parse(fileName);
        var cells = NotebookFiles.CodeCells(document);
        var clock = Stopwatch.StartNew();
        var runs = await InProcessRunner.RunAsync(cells);
        NotebookChecks.AttachOutputs(document, runs);
        var path = NotebookFiles.WriteExecuted(document, "in-process", fileName);
        Report.Write(output, "in-process", fileName, runs, clock.Elapsed, path, startup: null);

        var problems = NotebookChecks.Problems(runs);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Contains(runs, r => r.Outputs.Any(o => o.IsChart));
    }
}

public class StockEngineNotebookTests(ITestOutputHelper output)
{
    private static readonly Lazy<Task<string>> ToolRestore = new(RestoreToolsAsync);

    public static IEnumerable<object[]> Notebooks() => NotebookFiles.All();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_in_the_stock_engine_with_the_kernel_host_connected(string fileName)
    {
        output.WriteLine(await ToolRestore.Value);
        Assert.True(File.Exists(NotebookFiles.KernelHostDll), $"Kernel host not built at {NotebookFiles.KernelHostDll}.");
        var document = NotebookFiles.Parse(fileName);
        var cells = NotebookFiles.CodeCells(document);
        Assert.Contains(cells, c => c.IsConnect);

        var clock = Stopwatch.StartNew();
        var runs = new List<CellRun>();
        TimeSpan startup;
        string stderr;
        await using (var engine = await StockEngineRunner.StartAsync(NotebookFiles.NotebookFolder, TimeSpan.FromMinutes(2)))
        {
            startup = engine.StartupTime;
            foreach (var cell in cells)
            {
                var run = await engine.RunCellAsync(cell, TimeSpan.FromMinutes(4));
                runs.Add(run);
                if (run.Errors.Count > 0)
                {
                    break;
                }
            }

            stderr = engine.StandardError;
        }

        NotebookChecks.AttachOutputs(document, runs);
        var path = NotebookFiles.WriteExecuted(document, "stock-engine", fileName);
        Report.Write(output, "stock-engine", fileName, runs, clock.Elapsed, path, startup);
        if (stderr.Length > 0)
        {
            output.WriteLine("engine stderr: " + stderr);
        }

        var problems = NotebookChecks.Problems(runs);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(cells.Count, runs.Count);

        // The outputs as VS Code shows them: one page, plotly.js from the first chart output, no network, an AMD loader present.
        var charts = runs.SelectMany(r => r.Outputs).Count(o => o.IsChart);
        var page = Path.ChangeExtension(path, ".outputs.html");
        var (drawn, withTraces, blocked, pageError) = await RenderCheck.RenderAsync(runs, page);
        Assert.Empty(blocked);
        Assert.Null(pageError);
        Assert.Equal(charts, drawn);
        Assert.Equal(charts, withTraces);
    }

    private static async Task<string> RestoreToolsAsync()
    {
        // The tool manifest pins the engine; restoring is idempotent and fast once the package is in the cache.
        var start = new ProcessStartInfo("dotnet", "tool restore")
        {
            WorkingDirectory = NotebookFiles.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? "dotnet tool restore: " + stdout.Trim()
            : throw new InvalidOperationException($"'dotnet tool restore' failed ({process.ExitCode}): {stdout}{stderr}");
    }
}

internal static class Report
{
    public static void Write(ITestOutputHelper output, string runner, string fileName, IReadOnlyList<CellRun> runs, TimeSpan total, string path, TimeSpan? startup)
    {
        var sb = new StringBuilder();
        var engine = startup is { } s ? FormattableString.Invariant($", engine start {s.TotalSeconds:F1} s") : string.Empty;
        sb.AppendLine(FormattableString.Invariant($"{runner} {fileName}: {total.TotalSeconds:F1} s total{engine}"));
        foreach (var run in runs)
        {
            var html = run.Outputs.Sum(o => o.Html?.Length ?? 0);
            var time = run.Skipped ? "skipped" : FormattableString.Invariant($"{run.Duration.TotalSeconds,5:F1} s");
            sb.AppendLine(FormattableString.Invariant(
                $"  cell {run.Cell.Index,2} [{run.Cell.KernelName}] {time}, {run.Outputs.Count} outputs ({run.Outputs.Count(o => o.IsChart)} charts, {run.Outputs.Count(o => o.IsTable)} tables, {html / 1024.0:F0} KiB HTML), {run.Errors.Count} errors"));
        }

        sb.AppendLine("  executed copy: " + path);
        output.WriteLine(sb.ToString());
        File.WriteAllText(Path.ChangeExtension(path, ".timings.txt"), sb.ToString());
    }
}
