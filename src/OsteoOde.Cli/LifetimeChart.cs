using System.Globalization;
using OsteoOde.Plotting;

namespace OsteoOde.Cli;

/// <summary>
/// The chart of the main job: two panels against age, femoral-neck BMD (g/cm²) and T-score, one line per sex, with the WHO
/// thresholds T = −1 (osteopenia) and T = −2.5 (osteoporosis) drawn in both panels (in the BMD panel at the BMD values they
/// correspond to: reference mean + T·SD of the run's parameters).
/// </summary>
public static class LifetimeChart
{
    /// <summary>Builds the chart.</summary>
    /// <param name="courses">Successful courses (same output ages).</param>
    /// <returns>The figure.</returns>
    public static FigureGrid Create(IReadOnlyList<LifetimeCourse> courses)
    {
        ArgumentNullException.ThrowIfNull(courses);
        if (courses.Count == 0)
        {
            throw new ArgumentException("No life course to draw.", nameof(courses));
        }

        var ages = courses[0].Result["age"];
        var bmd = new SeriesTable(new Quantity("age", "year"), ages,
            courses.Select(c => new NamedSeries(Name(c), "g/cm²", c.Result["bmd_fn"])));
        var tScore = new SeriesTable(new Quantity("age", "year"), ages,
            courses.Select(c => new NamedSeries(Name(c), "", c.Result["t_score_fn"])));

        var set = courses[0].Request.Parameters!;
        var mean = set["bmd_ref_mean"];
        var sd = set["bmd_ref_sd"];
        var bmdLines = Thresholds.WhoTScore.Select(line => line with
        {
            Value = mean + (line.Value * sd),
            Label = string.Create(CultureInfo.InvariantCulture, $"{line.Label}: {mean + (line.Value * sd):0.000} g/cm²"),
        });

        var names = courses.Select(Name).ToArray();
        var left = Charts.Trajectories(bmd, names, new Quantity("femoral-neck BMD", "g/cm²"))
            .WithThresholds(bmdLines).WithTitle("Femoral-neck BMD").WithLegend(true);
        var right = Charts.Trajectories(tScore, names, new Quantity("T-score"))
            .WithThresholds(Thresholds.WhoTScore).WithTitle("T-score (NHANES III young-women reference)").WithLegend(true);
        return Charts.Grid(2, left, right)
            .WithTitle("Lifetime bone model (aging): femoral neck, age 25 to 90")
            .WithSize(1100, 480);
    }

    /// <summary>
    /// Builds and serialises a small chart of the same kind and loads plotly.js, so that the just-in-time compilation of
    /// Plotly.NET and its JSON serialiser happens before the real chart is needed (the main job runs it next to the simulations).
    /// </summary>
    public static void WarmUp()
    {
        var table = new SeriesTable(new Quantity("age", "year"), [25.0, 90.0], [new NamedSeries("women", "1", [0.0, -1.0]), new NamedSeries("men", "1", [0.5, 0.0])]);
        var panel = Charts.Trajectories(table, ["women", "men"], new Quantity("T-score", "1")).WithThresholds(Thresholds.WhoTScore).WithTitle("warm-up");
        _ = HtmlExport.SafeFigureJson(Charts.Grid(2, panel, panel).WithTitle("warm-up").ToPlotly());
        _ = PlotlyJs.Source;
    }

    private static string Name(LifetimeCourse course) => course.Sex == Models.Aging.Sex.Female ? "women" : "men";
}
