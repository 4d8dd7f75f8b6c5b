using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OsteoOde.Notebooks.Tests;

/// <summary>
/// Drives the stock engine (the pinned <c>Microsoft.dotnet-interactive</c> tool, as VS Code's Polyglot Notebooks runs it)
/// over its stdio JSON protocol: one <c>SubmitCode</c> per cell, targeted at the kernel named in the cell's metadata,
/// collecting events until the command succeeds or fails.
/// </summary>
internal sealed class StockEngineRunner : IAsyncDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<JsonObject> _events = [];
    private readonly StringBuilder _stderr = new();
    private int _token;

    private StockEngineRunner(Process process)
    {
        _process = process;
    }

    public TimeSpan StartupTime { get; private set; }

    /// <summary>Starts <c>dotnet tool run dotnet-interactive -- stdio --working-dir NOTEBOOK_FOLDER</c> and waits for KernelReady.</summary>
    public static async Task<StockEngineRunner> StartAsync(string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = NotebookFiles.RepositoryRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { "tool", "run", "dotnet-interactive", "--", "stdio", "--working-dir", workingDirectory })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var runner = new StockEngineRunner(process);
        process.OutputDataReceived += (_, e) => runner.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (runner._stderr)
                {
                    runner._stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await runner.WaitForAsync(e => (string?)e["eventType"] == "KernelReady", timeout, "KernelReady from the stock engine");
        runner.StartupTime = clock.Elapsed;
        return runner;
    }

    /// <summary>Submits one cell and collects its events.</summary>
    public async Task<CellRun> RunCellAsync(NotebookCell cell, TimeSpan timeout)
    {
        var run = new CellRun(cell);
        var token = "osteo-test-" + Interlocked.Increment(ref _token);
        var envelope = new JsonObject
        {
            ["token"] = token,
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = cell.Code, ["targetKernelName"] = cell.KernelName },
        };
        var clock = Stopwatch.StartNew();
        await _process.StandardInput.WriteLineAsync(envelope.ToJsonString());
        await _process.StandardInput.FlushAsync();

        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var e = await NextAsync(deadline, $"completion of cell {cell.Index}");
            var commandToken = (string?)e["command"]?["token"];
            if (commandToken is null || !(commandToken == token || commandToken.StartsWith(token + ".", StringComparison.Ordinal)))
            {
                continue;
            }

            var type = (string?)e["eventType"];
            var body = e["event"];
            switch (type)
            {
                case "DisplayedValueProduced" or "DisplayedValueUpdated" or "ReturnValueProduced":
                    run.Outputs.Add(new CellOutput(type, Formatted(body)));
                    break;
                case "StandardOutputValueProduced":
                    run.Outputs.Add(new CellOutput("stdout", Formatted(body)));
                    break;
                case "ErrorProduced":
                    run.Errors.Add("ErrorProduced: " + (string?)body?["message"]);
                    break;
                case "CommandFailed" when commandToken == token:
                    run.Errors.Add("CommandFailed: " + (string?)body?["message"]);
                    run.Duration = clock.Elapsed;
                    return run;
                case "CommandFailed":
                    run.Errors.Add("CommandFailed (sub-command): " + (string?)body?["message"]);
                    break;
                case "CommandSucceeded" when commandToken == token:
                    run.Duration = clock.Elapsed;
                    return run;
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Killing the tree also ends the connected kernel host.
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
        }

        _process.Dispose();
        _events.Dispose();
    }

    private static Dictionary<string, string> Formatted(JsonNode? body)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body?["formattedValues"] is JsonArray values)
        {
            foreach (var v in values)
            {
                var mime = (string?)v?["mimeType"];
                if (mime is not null)
                {
                    result[mime] = (string?)v?["value"] ?? string.Empty;
                }
            }
        }

        return result;
    }

    private void OnLine(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || line[0] != '{')
        {
            return;
        }

        try
        {
            if (JsonNode.Parse(line) is JsonObject o && o.ContainsKey("eventType"))
            {
                _events.Add(o);
            }
        }
        catch (JsonException)
        {
        }
    }

    private async Task WaitForAsync(Func<JsonObject, bool> predicate, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!predicate(await NextAsync(deadline, what)))
        {
        }
    }

    private async Task<JsonObject> NextAsync(DateTime deadline, string what)
    {
        while (true)
        {
            if (_events.TryTake(out var e, 100))
            {
                return e;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The stock engine exited (code {_process.ExitCode}) while waiting for {what}. Stderr:\n{StandardError}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {what} in time. Stderr:\n{StandardError}");
            }

            await Task.Yield();
        }
    }
}
