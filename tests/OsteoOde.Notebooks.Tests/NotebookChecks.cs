using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;
using OsteoOde.Plotting;

namespace OsteoOde.Notebooks.Tests;

/// <summary>Checks every executed notebook must pass, whatever it contains.</summary>
internal static partial class NotebookChecks
{
    [GeneratedRegex("<script\\b[^>]*\\bsrc\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptWithSource();

    /// <summary>A body row with at least one data cell (rows and cells may carry classes).</summary>
    [GeneratedRegex("<tr(\\s[^>]*)?><td[\\s>]")]
    private static partial Regex TableRow();

    public static List<string> Problems(IReadOnlyList<CellRun> runs)
    {
        var problems = new List<string>();
        var bundleSeen = false;
        foreach (var run in runs)
        {
            var where = $"cell {run.Cell.Index} ({run.Cell.KernelName})";
            problems.AddRange(run.Errors.Select(e => $"{where}: {e}"));
            var charts = 0;
            var tables = 0;
            foreach (var output in run.Outputs)
            {
                var html = output.Html;
                if (html is null)
                {
                    continue;
                }

                var carriesBundle = html.Contains(PlotlyJs.Source, StringComparison.Ordinal);
                var rest = carriesBundle ? html.Replace(PlotlyJs.Source, string.Empty, StringComparison.Ordinal) : html;
                if (rest.Contains("cdn.plot.ly", StringComparison.OrdinalIgnoreCase) || rest.Contains("requirejs", StringComparison.OrdinalIgnoreCase) ||
                    rest.Contains("require([", StringComparison.Ordinal) || ScriptWithSource().IsMatch(rest))
                {
                    problems.Add($"{where}: an HTML output loads a script from elsewhere (CDN, require.js or src=); notebooks must render offline.");
                }

                bundleSeen |= carriesBundle;
                if (output.IsChart)
                {
                    charts++;
                    if (!bundleSeen)
                    {
                        problems.Add($"{where}: a chart is shown before any output carried plotly.js; it would stay blank.");
                    }

                    if (!rest.Contains("Plotly.newPlot(", StringComparison.Ordinal) || !rest.Contains("\"data\":[{", StringComparison.Ordinal))
                    {
                        problems.Add($"{where}: a chart output has no plot call or no traces.");
                    }
                }

                if (output.IsTable)
                {
                    tables++;
                    if (!TableRow().IsMatch(html))
                    {
                        problems.Add($"{where}: a table output has no rows.");
                    }
                }
            }

            if (run.Cell.ExpectsChart && charts == 0 && !run.Skipped)
            {
                problems.Add($"{where}: tagged expect-chart but showed no chart.");
            }

            if (run.Cell.ExpectsTable && tables == 0 && !run.Skipped)
            {
                problems.Add($"{where}: tagged expect-table but showed no table.");
            }
        }

        return problems;
    }

    /// <summary>Puts the collected outputs into the document so the executed copy shows them.</summary>
    public static void AttachOutputs(InteractiveDocument document, IReadOnlyList<CellRun> runs)
    {
        var order = 0;
        foreach (var run in runs)
        {
            var element = document.Elements[run.Cell.Index];
            element.Outputs.Clear();
            element.ExecutionOrder = run.Skipped ? 0 : ++order;
            foreach (var output in run.Outputs)
            {
                if (output.Kind == "stdout" && output.Data.TryGetValue("text/plain", out var text))
                {
                    element.Outputs.Add(new TextElement(text, "stdout"));
                }
                else if (output.Kind == "ReturnValueProduced")
                {
                    var result = new ReturnValueElement { ExecutionOrder = order };
                    foreach (var (mime, value) in output.Data)
                    {
                        result.Data[mime] = value;
                    }

                    element.Outputs.Add(result);
                }
                else
                {
                    element.Outputs.Add(new DisplayElement(output.Data.ToDictionary(kv => kv.Key, kv => (object)kv.Value)));
                }
            }

            foreach (var error in run.Errors)
            {
                element.Outputs.Add(new ErrorElement(error, "Error", []));
            }
        }
    }
}
