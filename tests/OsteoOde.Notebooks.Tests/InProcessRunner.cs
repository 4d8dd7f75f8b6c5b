using System.Diagnostics;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using OsteoOde.Interactive;

namespace OsteoOde.Notebooks.Tests;

/// <summary>
/// Runs a notebook in this process on the kernel composition the host uses (<see cref="OsteoKernel.Create"/>). Cells for
/// the connected kernel go to the local C# kernel, which answers to that name too; <c>#!connect</c> cells are skipped.
/// </summary>
internal static class InProcessRunner
{
    /// <summary>Name notebooks give the connected OsteoOde kernel.</summary>
    public const string ConnectedKernelName = "osteo";

    public static async Task<List<CellRun>> RunAsync(IReadOnlyList<NotebookCell> cells)
    {
        OsteoDisplays.ResetPlotlyJs();
        using var kernel = OsteoKernel.Create(ConnectedKernelName);
        var runs = new List<CellRun>();
        foreach (var cell in cells)
        {
            var run = new CellRun(cell);
            runs.Add(run);
            if (cell.IsConnect)
            {
                run.Skipped = true;
                continue;
            }

            var clock = Stopwatch.StartNew();
            var result = await kernel.SendAsync(new SubmitCode(cell.Code, cell.KernelName));
            run.Duration = clock.Elapsed;
            foreach (var e in result.Events)
            {
                switch (e)
                {
                    case CommandFailed failed:
                        run.Errors.Add("CommandFailed: " + failed.Message);
                        break;
                    case ErrorProduced error:
                        run.Errors.Add("ErrorProduced: " + error.Message);
                        break;
                    case StandardOutputValueProduced stdout:
                        run.Outputs.Add(new CellOutput("stdout", stdout.FormattedValues.ToDictionary(f => f.MimeType, f => f.Value)));
                        break;
                    case DisplayEvent display:
                        run.Outputs.Add(new CellOutput(display.GetType().Name, display.FormattedValues.ToDictionary(f => f.MimeType, f => f.Value)));
                        break;
                }
            }
        }

        return runs;
    }
}
