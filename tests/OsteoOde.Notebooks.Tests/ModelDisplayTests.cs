using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.DotNet.Interactive.Formatting;
using OsteoOde.Interactive;
using OsteoOde.Modeling;
using OsteoOde.Models;
using OsteoOde.Plotting;
using PuppeteerSharp;

namespace OsteoOde.Notebooks.Tests;

/// <summary>Displays of simulation results (chart + table), parameter sets and models.</summary>
[Collection(DisplayStateCollection.Name)]
public partial class ModelDisplayTests
{
    public ModelDisplayTests()
    {
        OsteoDisplays.Register();
    }

    [GeneratedRegex("<math displaystyle=\"true\">.*?</math>")]
    private static partial Regex MathElement();

    [Fact]
    public void Simulation_results_show_a_chart_of_their_states_per_unit_and_the_table()
    {
        var times = Enumerable.Range(0, 301).Select(i => (double)i).ToArray();
        var scheiner = Simulation.Run(ScenarioCatalog.Get("scheiner2013", "addRANKL").CreateRequest() with { OutputTimes = times }).EnsureSuccess();
        var html = scheiner.ToDisplayString("text/html");
        Assert.Contains("class=\"osteo-simulation\"", html);
        Assert.Contains("class=\"osteo-figure\"", html);
        Assert.Contains("class=\"osteo-table\"", html);
        Assert.True(html.IndexOf("osteo-figure", StringComparison.Ordinal) < html.IndexOf("osteo-table", StringComparison.Ordinal), "chart above the table");

        // OBp, OBa, OCa in pM share a panel; vb in % gets its own.
        var chart = SimulationResultDisplay.StateChart(scheiner);
        var grid = Assert.IsType<FigureGrid>(chart);
        Assert.Equal(["pM", "%"], grid.Panels.Select(p => p.Title));
        Assert.Equal([3, 1], grid.Panels.Select(p => p.TraceCount));
        var json = System.Text.Json.JsonDocument.Parse(chart.ToPlotlyJson()).RootElement;
        Assert.Equal(scheiner["OCa"], json.GetProperty("data")[2].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));

        // One unit: a single chart; a failed run with no rows: status and message only.
        var lemaire = Simulation.Run(new SimulationRequest(Lemaire2004.Model, 10) { OutputTimes = [0, 5, 10] }).EnsureSuccess();
        Assert.Equal(3, Assert.IsType<Figure>(SimulationResultDisplay.StateChart(lemaire)).TraceCount);
        var before = OsteoDisplays.SimulationCharts;
        try
        {
            OsteoDisplays.SimulationCharts = false;
            Assert.DoesNotContain("osteo-figure", lemaire.ToDisplayString("text/html"));
        }
        finally
        {
            OsteoDisplays.SimulationCharts = before;
        }
    }

    [Fact]
    public void Parameter_sets_show_units_ranges_sources_and_highlight_changes_with_their_defaults()
    {
        var set = ParameterSet.Defaults(Scheiner2013.Model).With("k_res", 180, new Citation("my fit")).With("P_RANKL", 50);
        var html = set.ToDisplayString("text/html");
        Assert.Equal("text/html", Formatter.GetPreferredMimeTypesFor(typeof(ParameterSet)).First());
        Assert.Contains("class=\"osteo-table\"", html);
        Assert.Contains("Parameters of scheiner2013: " + Scheiner2013.Model.Parameters.Count + " parameters, 4 inputs; 2 changed from the defaults", html);
        Assert.Equal(Scheiner2013.Model.Parameters.Count + 4, Regex.Matches(html, "<tr( class=\"changed\")?><td class=\"l\">").Count);
        Assert.Equal(2, Regex.Matches(html, "<tr class=\"changed\">").Count);
        Assert.Contains("<td>180 (default 200)</td>", html);
        Assert.Contains("<td class=\"l\">my fit</td>", html);
        Assert.Contains("<td>50 (default 0)</td><td class=\"l\">pM/day</td><td>[0, 1000000]</td>", html);
        var d = Scheiner2013.Model.Parameter("D_OBu");
        Assert.Contains($"<td class=\"l\">D_OBu</td><td class=\"l\">parameter</td><td>0.0007</td><td class=\"l\">pM/day</td><td>{SimulationMessages.Range(d.LowerBound, d.UpperBound)}</td>", html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(d.Source.ToString()), html);
    }

    [Fact]
    public void Models_show_one_mathml_equation_per_assignment_and_state_the_latex_source_and_the_parameter_table()
    {
        var model = Lemaire2004.Model;
        var html = model.ToDisplayString("text/html");
        Assert.Equal("text/html", Formatter.GetPreferredMimeTypesFor(model.GetType()).First());
        Assert.Contains("class=\"osteo-model\"", html);
        Assert.Contains("<b>lemaire2004</b>", html);
        Assert.Contains(model.ContentHash[..12], html);
        var equations = MathElement().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(model.Assignments.Count + model.States.Count, equations.Count);
        foreach (var equation in equations)
        {
            // Well-formed MathML with no LaTeX left in it.
            var math = XElement.Parse(equation.Replace("&#x2061;", "\u2061", StringComparison.Ordinal));
            Assert.Equal("math", math.Name.LocalName);
            Assert.DoesNotContain("\\", equation);
        }

        // dC/dt = D_C·π_L − D_A·π_C·C + I_C: a fraction on the left, the subscripted names on the right.
        var rateC = equations[model.Assignments.Count + 2];
        Assert.StartsWith("<math displaystyle=\"true\"><mrow><mfrac><mrow><mi>d</mi>", rateC);
        Assert.Contains("<msub><mi>D</mi><mrow><mi mathvariant=\"normal\">C</mi></mrow></msub>", rateC);
        Assert.Contains("<msub><mi>π</mi><mrow><mi mathvariant=\"normal\">L</mi></mrow></msub>", rateC);
        Assert.Contains("<details><summary>LaTeX</summary><pre>\\begin{aligned}", html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(ModelRenderer.EquationsLatex(model)), html);
        Assert.Contains("class=\"osteo-table\"", html);
        Assert.Contains("<td class=\"l\">I_R</td><td class=\"l\">input</td><td>0</td><td class=\"l\">pM/day</td><td>[-0.1, 0.1]</td>", html);
    }

    [Fact]
    public async Task Model_equations_are_typeset_by_the_browser_offline()
    {
        var folder = Path.Combine(Path.GetTempPath(), "osteo-mathml-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var page = Path.Combine(folder, "model.html");
            await File.WriteAllTextAsync(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + ModelHtml.Render(Pivonka2008.Model) + "</body></html>");
            var options = new LaunchOptions
            {
                Headless = true,
                ExecutablePath = BrowserLocator.Find(),
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"],
                Timeout = 90_000,
            };
            await using var browser = await Puppeteer.LaunchAsync(options);
            await using var tab = await browser.NewPageAsync();
            await tab.GoToAsync(new Uri(page).AbsoluteUri);
            // Typeset MathML stacks a fraction: its numerator ends above where its denominator starts (as plain text the two
            // would sit side by side on one line).
            var counts = await tab.EvaluateExpressionAsync<int[]>("""
                (() => {
                  const fr = Array.from(document.querySelectorAll('mfrac'));
                  const line = document.querySelector('.osteo-model .meta').getBoundingClientRect().height;
                  const stacked = fr.filter(f => {
                    const [num, den] = f.children;
                    return num.getBoundingClientRect().bottom <= den.getBoundingClientRect().top + 1;
                  });
                  // Top-level fractions (the d/dt of each rate) are in display style: taller than a line of text.
                  const tall = fr.filter(f => f.parentElement.parentElement.tagName === 'math' && f.getBoundingClientRect().height > 1.4 * line);
                  return [fr.length, stacked.length, tall.length];
                })()
                """);
            Assert.True(counts[0] >= Pivonka2008.Model.States.Count, $"{counts[0]} fractions");
            Assert.Equal(counts[0], counts[1]);
            Assert.True(counts[2] >= Pivonka2008.Model.States.Count, $"{counts[2]} display-style fractions");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

[Collection(DisplayStateCollection.Name)]
public class FigureDataDisplayTests
{
    public FigureDataDisplayTests()
    {
        OsteoDisplays.Register();
    }

    [Fact]
    public void Figure_data_shows_provenance_the_figure_and_its_table()
    {
        var data = Analysis.Figures.FigureCatalog.Get("scheiner-rankl-dose").Compute(new Analysis.Figures.FigureSettings
        {
            Parameters = new Dictionary<string, double> { ["k_res"] = 180 },
        });
        var html = data.ToDisplayString("text/html");
        Assert.Contains("figure scheiner-rankl-dose · scheiner2013 " + Scheiner2013.Model.ContentHash[..12] + "… · auto, rtol 1E-08, atol 1E-14 · k_res = 180", html);
        Assert.Contains("class=\"osteo-figure\"", html);
        Assert.Contains("class=\"osteo-table\"", html);
        Assert.Contains("<th>P_RANKL [pM/day]</th>", html);
        Assert.Contains("11 rows × 7 columns", html);

        var table = data.Table.Where("P_RANKL", 100.0).Select("P_RANKL", "dvb_dt").ToDisplayString("text/html");
        Assert.Contains("1 rows × 2 columns", table);
        Assert.Contains("<td>100</td>", table);
        var labels = Analysis.Figures.FigureCatalog.Get("komarova-autocrine").Compute().Table.Where("t", 0.0).ToDisplayString("text/html");
        Assert.Contains("<td class=\"l\">g11_neutral</td>", labels);
    }
}
