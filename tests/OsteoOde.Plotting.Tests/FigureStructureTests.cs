using System.Text.Json;

namespace OsteoOde.Plotting.Tests;

public class FigureStructureTests
{
    [Fact]
    public void Trajectories_draw_one_line_per_series_with_units_in_axis_titles_and_exact_data()
    {
        var table = Samples.Cells();
        var json = new PlotlyJson(Charts.Trajectories(table));

        Assert.Equal(3, json.Data.GetArrayLength());
        Assert.Equal(["OBu", "OBa", "OCa"], json.Data.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("time [day]", json.AxisTitle("xaxis"));
        Assert.Equal("OBu, OBa, OCa [pM]", json.AxisTitle("yaxis"));
        for (var s = 0; s < 3; s++)
        {
            var trace = json.Trace(s);
            Assert.Equal("scatter", trace.GetProperty("type").GetString());
            Assert.Equal("lines", trace.GetProperty("mode").GetString());
            Assert.Equal(Palette.Default[s], trace.GetProperty("line").GetProperty("color").GetString());
            Assert.Equal(table.IndexValues, PlotlyJson.Numbers(trace.GetProperty("x")));
            // Values travel unchanged (round-trip JSON numbers): compare bit for bit.
            Assert.Equal(table.Series[s].Values, PlotlyJson.Numbers(trace.GetProperty("y")));
        }
    }

    [Fact]
    public void Single_series_axis_is_named_after_the_series_and_legend_is_hidden()
    {
        var figure = Charts.Trajectories(Samples.Cells(), "OBa");
        var json = new PlotlyJson(figure);
        Assert.Equal("OBa [pM]", json.AxisTitle("yaxis"));
        Assert.False(json.Layout.GetProperty("showlegend").GetBoolean());
        Assert.Equal(1, figure.TraceCount);
    }

    [Fact]
    public void Missing_values_become_gaps()
    {
        var table = new SeriesTable(Samples.Time, [0, 1, 2, 3], [new NamedSeries("OBa", "pM", [1, double.NaN, 3, 4])]);
        var y = new PlotlyJson(Charts.Trajectories(table)).Trace(0).GetProperty("y");
        Assert.Equal(JsonValueKind.Null, y[1].ValueKind);
        Assert.Equal(3.0, y[2].GetDouble());
    }

    [Fact]
    public void Series_with_different_units_are_refused_on_one_axis_with_a_helpful_message()
    {
        var table = new SeriesTable(Samples.Time, [0, 1], [new NamedSeries("OBa", "pM", [1, 2]), new NamedSeries("BMD", "g/cm²", [1, 1])]);
        var e = Assert.Throws<ArgumentException>(() => Charts.Trajectories(table));
        Assert.Contains("OBa [pM]", e.Message);
        Assert.Contains("BMD [g/cm²]", e.Message);
        Assert.Contains("TrajectoryPanels", e.Message);
        Assert.Equal("names", e.ParamName);
    }

    [Fact]
    public void Unknown_series_name_lists_the_available_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.Trajectories(Samples.Cells(), "RANKL"));
        Assert.Contains("'RANKL'", e.Message);
        Assert.Contains("OBu, OBa, OCa", e.Message);
    }

    [Fact]
    public void Comparison_keeps_colour_per_series_and_dash_per_run()
    {
        var baseline = Samples.Cells();
        var scenario = new SeriesTable(baseline.Index, baseline.IndexValues,
            baseline.Series.Select(s => new NamedSeries(s.Quantity, s.Values.Select(v => v * 0.8))));
        var json = new PlotlyJson(Charts.Comparison(baseline, scenario, "OBa", "OCa"));

        Assert.Equal(4, json.Data.GetArrayLength());
        string Name(int i) => json.Trace(i).GetProperty("name").GetString()!;
        string Color(int i) => json.Trace(i).GetProperty("line").GetProperty("color").GetString()!;
        string Dash(int i) => json.Trace(i).GetProperty("line").GetProperty("dash").GetString()!;
        Assert.Equal(["OBa (baseline)", "OCa (baseline)", "OBa (scenario)", "OCa (scenario)"], Enumerable.Range(0, 4).Select(Name));
        Assert.Equal(Color(0), Color(2));
        Assert.Equal(Color(1), Color(3));
        Assert.NotEqual(Color(0), Color(1));
        Assert.Equal(["solid", "solid", "dash", "dash"], Enumerable.Range(0, 4).Select(Dash));
        Assert.Equal(0.8 * baseline["OBa"].Values[7], PlotlyJson.Numbers(json.Trace(2).GetProperty("y"))[7]);
        Assert.Equal("OBa, OCa [pM]", json.AxisTitle("yaxis"));
    }

    [Fact]
    public void Comparison_refuses_runs_with_different_units()
    {
        var a = new SeriesTable(Samples.Time, [0, 1], [new NamedSeries("OBa", "pM", [1, 2])]);
        var b = new SeriesTable(Samples.Time, [0, 1], [new NamedSeries("OBa", "nM", [1, 2])]);
        var e = Assert.Throws<ArgumentException>(() => Charts.Comparison(a, b));
        Assert.Contains("'nM'", e.Message);
        Assert.Contains("'pM'", e.Message);
    }

    [Fact]
    public void Reference_points_are_markers_with_error_bars_over_the_simulated_line()
    {
        var table = SeriesTable.Tabulate(Samples.Time, 0, 60, 61, (new Quantity("N", "cells"), Samples.Logistic));
        var reference = new ReferencePoints("measured", [10, 30, 50], [0.25, 0.9, 1.7], [0.05, 0.1, 0.2], "synthetic");
        var json = new PlotlyJson(Charts.SimulatedVersusReference(table, "N", reference));

        Assert.Equal(2, json.Data.GetArrayLength());
        var markers = json.Trace(1);
        Assert.Equal("markers", markers.GetProperty("mode").GetString());
        Assert.Equal([10.0, 30, 50], PlotlyJson.Numbers(markers.GetProperty("x")));
        Assert.Equal([0.05, 0.1, 0.2], PlotlyJson.Numbers(markers.GetProperty("error_y").GetProperty("array")));
        Assert.True(json.Layout.GetProperty("showlegend").GetBoolean());
    }

    [Fact]
    public void Percentile_bands_fill_between_lower_and_upper_edges_widest_first_then_median()
    {
        var age = new double[] { 50, 60, 70 };
        var summary = new PercentileSummary(new Quantity("age", "year"), age, new Quantity("BMD", "g/cm²"), [1.0, 0.9, 0.8],
        [
            new PercentileBand(25, 75, [0.95, 0.85, 0.74], [1.05, 0.95, 0.86]),
            new PercentileBand(5, 95, [0.85, 0.75, 0.62], [1.15, 1.05, 0.98]),
        ]);
        var figure = Charts.PercentileBands(summary);
        var json = new PlotlyJson(figure);

        Assert.Equal(5, json.Data.GetArrayLength());
        Assert.Equal(5, figure.TraceCount);
        // Widest band first so the narrower one is drawn on top of it.
        Assert.Equal([0.85, 0.75, 0.62], PlotlyJson.Numbers(json.Trace(0).GetProperty("y")));
        Assert.Equal([1.15, 1.05, 0.98], PlotlyJson.Numbers(json.Trace(1).GetProperty("y")));
        Assert.Equal([0.95, 0.85, 0.74], PlotlyJson.Numbers(json.Trace(2).GetProperty("y")));
        Assert.Equal([1.05, 0.95, 0.86], PlotlyJson.Numbers(json.Trace(3).GetProperty("y")));
        foreach (var lower in new[] { 0, 2 })
        {
            Assert.False(json.Trace(lower).TryGetProperty("fill", out _));
            Assert.False(json.Trace(lower).GetProperty("showlegend").GetBoolean());
        }

        foreach (var upper in new[] { 1, 3 })
        {
            Assert.Equal("tonexty", json.Trace(upper).GetProperty("fill").GetString());
            Assert.StartsWith("rgba(31,119,180,", json.Trace(upper).GetProperty("fillcolor").GetString());
            Assert.Equal(0.0, json.Trace(upper).GetProperty("line").GetProperty("width").GetDouble());
        }

        Assert.Equal("5–95 %", json.Trace(1).GetProperty("name").GetString());
        Assert.Equal("25–75 %", json.Trace(3).GetProperty("name").GetString());
        Assert.Equal("median", json.Trace(4).GetProperty("name").GetString());
        Assert.Equal([1.0, 0.9, 0.8], PlotlyJson.Numbers(json.Trace(4).GetProperty("y")));
        Assert.Equal("BMD [g/cm²]", json.AxisTitle("yaxis"));
        Assert.Equal("age [year]", json.AxisTitle("xaxis"));
    }

    [Fact]
    public void Percentile_summary_rejects_a_median_outside_a_band()
    {
        var e = Assert.Throws<ArgumentException>(() => new PercentileSummary(Samples.Time, [0, 1], new Quantity("x"), [1, 5],
            [new PercentileBand(5, 95, [0, 0], [2, 2])]));
        Assert.Contains("row 1", e.Message);
        Assert.Equal("bands", e.ParamName);
    }

    [Fact]
    public void Tornado_sorts_by_swing_and_draws_bars_from_the_baseline()
    {
        var bars = new[]
        {
            new SensitivityBar("kOPG", 101, 98.5),
            new SensitivityBar("dOBa", 94, 105),
            new SensitivityBar("kRANKL", 97, 104),
        };
        var figure = Charts.Tornado(bars, new Quantity("BMD at 10 years", "% of baseline"), baseline: 100, lowLabel: "−20 %", highLabel: "+20 %");
        var json = new PlotlyJson(figure);

        Assert.Equal(2, json.Data.GetArrayLength());
        var low = json.Trace(0);
        var high = json.Trace(1);
        Assert.Equal("bar", low.GetProperty("type").GetString());
        Assert.Equal("h", low.GetProperty("orientation").GetString());
        Assert.Equal(["dOBa", "kRANKL", "kOPG"], low.GetProperty("y").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(100.0, low.GetProperty("base").GetDouble());
        Assert.Equal([-6.0, -3.0, 1.0], PlotlyJson.Numbers(low.GetProperty("x")));
        Assert.Equal([5.0, 4.0, -1.5], PlotlyJson.Numbers(high.GetProperty("x")));
        Assert.Equal("−20 %", low.GetProperty("name").GetString());
        Assert.Equal("overlay", json.Layout.GetProperty("barmode").GetString());
        Assert.Equal("reversed", json.Layout.GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Equal("BMD at 10 years [% of baseline]", json.AxisTitle("xaxis"));
    }

    [Fact]
    public void Tornado_rejects_repeated_parameters()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.Tornado([new("k", 1, 2), new("k", 0, 1)], new Quantity("y")));
        Assert.Contains("'k' appears twice", e.Message);
    }

    [Fact]
    public void Heatmap_keeps_rows_as_y_and_columns_as_x_with_a_unit_on_the_colour_bar()
    {
        var z = new double[2, 3] { { 1, 2, 3 }, { 4, double.NaN, 6 } };
        var json = new PlotlyJson(Charts.Heatmap(new Quantity("kRANKL", "1/day"), [1, 2, 3], new Quantity("kOPG", "1/day"), [0.1, 0.2], z, new Quantity("BV/TV", "%")));
        var trace = json.Trace(0);
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        var rows = trace.GetProperty("z").EnumerateArray().ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal([1.0, 2, 3], PlotlyJson.Numbers(rows[0]));
        Assert.Equal(JsonValueKind.Null, rows[1][1].ValueKind);
        Assert.Equal("BV/TV [%]", trace.GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("kRANKL [1/day]", json.AxisTitle("xaxis"));
        Assert.Equal("kOPG [1/day]", json.AxisTitle("yaxis"));
    }

    [Fact]
    public void Heatmap_shape_mismatch_names_the_expected_shape()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Charts.Heatmap(new Quantity("a"), [1, 2, 3], new Quantity("b"), [1, 2], new double[3, 2], new Quantity("z")));
        Assert.Contains("needs 2 rows (b) × 3 columns (a)", e.Message);
        Assert.Equal("z", e.ParamName);
    }

    [Fact]
    public void Threshold_lines_span_the_plot_with_labels_at_their_height()
    {
        var table = SeriesTable.Tabulate(new Quantity("age", "year"), 50, 90, 41, (new Quantity("T-score"), a => -0.08 * (a - 50)));
        var json = new PlotlyJson(Charts.Trajectories(table).WithThresholds(Thresholds.WhoTScore));

        var shapes = json.Layout.GetProperty("shapes").EnumerateArray().ToArray();
        Assert.Equal(2, shapes.Length);
        Assert.Equal([-1.0, -2.5], shapes.Select(s => s.GetProperty("y0").GetDouble()));
        Assert.All(shapes, s =>
        {
            Assert.Equal("x domain", s.GetProperty("xref").GetString());
            Assert.Equal(0.0, s.GetProperty("x0").GetDouble());
            Assert.Equal(1.0, s.GetProperty("x1").GetDouble());
            Assert.Equal(s.GetProperty("y0").GetDouble(), s.GetProperty("y1").GetDouble());
        });
        var labels = json.Layout.GetProperty("annotations").EnumerateArray().ToArray();
        Assert.Equal(["osteopenia (T = −1)", "osteoporosis (T = −2.5)"], labels.Select(a => a.GetProperty("text").GetString()));
        Assert.Equal([-1.0, -2.5], labels.Select(a => a.GetProperty("y").GetDouble()));
        Assert.Equal("T-score", json.AxisTitle("yaxis"));
    }

    [Fact]
    public void On_a_log_axis_threshold_labels_use_log10_positions_and_ranges_are_log10()
    {
        var table = SeriesTable.Tabulate(Samples.Time, 0, 10, 11, (new Quantity("PTH", "pM"), t => Math.Exp(t)));
        var json = new PlotlyJson(Charts.Trajectories(table).WithLogY().WithYRange(1, 1e5).WithThreshold(100, "upper normal"));
        Assert.Equal("log", json.Layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal([0.0, 5.0], PlotlyJson.Numbers(json.Layout.GetProperty("yaxis").GetProperty("range")));
        Assert.Equal(100.0, json.Layout.GetProperty("shapes")[0].GetProperty("y0").GetDouble());
        Assert.Equal(2.0, json.Layout.GetProperty("annotations")[0].GetProperty("y").GetDouble(), 15);
        Assert.Throws<ArgumentException>(() => Charts.Trajectories(table).WithLogY().WithThreshold(0, "zero"));
    }

    [Fact]
    public void Panels_get_their_own_axes_units_domains_and_titles()
    {
        var table = new SeriesTable(new Quantity("age", "year"), [50, 60, 70],
        [
            new NamedSeries("OBa", "pM", [1, 2, 3]),
            new NamedSeries("BMD", "g/cm²", [1.0, 0.95, 0.9]),
            new NamedSeries("T-score", string.Empty, [0, -1, -2]),
        ]);
        var grid = Charts.TrajectoryPanels(table, 2);
        var json = new PlotlyJson(grid);

        Assert.Equal(2, grid.Rows);
        Assert.Equal(2, grid.Columns);
        Assert.Equal(3, json.Data.GetArrayLength());
        Assert.False(json.Trace(0).TryGetProperty("xaxis", out _));
        Assert.Equal("x2", json.Trace(1).GetProperty("xaxis").GetString());
        Assert.Equal("y3", json.Trace(2).GetProperty("yaxis").GetString());
        Assert.Equal("OBa [pM]", json.AxisTitle("yaxis"));
        Assert.Equal("BMD [g/cm²]", json.AxisTitle("yaxis2"));
        Assert.Equal("T-score", json.AxisTitle("yaxis3"));
        Assert.Equal("age [year]", json.AxisTitle("xaxis3"));
        Assert.Equal("y2", json.Layout.GetProperty("xaxis2").GetProperty("anchor").GetString());

        var x1 = PlotlyJson.Numbers(json.Layout.GetProperty("xaxis").GetProperty("domain"));
        var x2 = PlotlyJson.Numbers(json.Layout.GetProperty("xaxis2").GetProperty("domain"));
        var y1 = PlotlyJson.Numbers(json.Layout.GetProperty("yaxis").GetProperty("domain"));
        var y3 = PlotlyJson.Numbers(json.Layout.GetProperty("yaxis3").GetProperty("domain"));
        Assert.Equal(0.0, x1[0]);
        Assert.Equal(1.0, x2[1], 12);
        Assert.True(x1[1] < x2[0], "columns must not overlap");
        Assert.True(y3[1] < y1[0], "rows must not overlap; row 1 is on top");
        var panelTitles = json.Layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString());
        Assert.Equal(["<b>OBa</b>", "<b>BMD</b>", "<b>T-score</b>"], panelTitles);
    }

    [Fact]
    public void A_series_repeated_in_several_panels_has_one_legend_entry()
    {
        var a = Samples.Cells();
        var b = new SeriesTable(a.Index, a.IndexValues, a.Series.Select(s => new NamedSeries(s.Quantity, s.Values.Select(v => 2 * v))));
        var grid = Charts.Grid(2, Charts.Comparison(a, b, "OBa"), Charts.Comparison(a, b, "OCa"));
        var json = new PlotlyJson(grid);
        var shown = json.Data.EnumerateArray().Where(t => t.GetProperty("showlegend").GetBoolean()).Select(t => t.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["OBa (baseline)", "OBa (scenario)", "OCa (baseline)", "OCa (scenario)"], shown);
    }

    [Fact]
    public void Figures_are_immutable_and_render_deterministically()
    {
        var original = Charts.Trajectories(Samples.Cells(), "OBa");
        var titled = original.WithTitle("Active osteoblasts").WithThreshold(4e-4, "low");
        Assert.Null(original.Title);
        Assert.Empty(original.Thresholds);
        Assert.Equal("Active osteoblasts", titled.Title);
        Assert.Single(titled.Thresholds);
        Assert.Equal(original.ToPlotlyJson(), original.ToPlotlyJson());
        Assert.NotEqual(original.ToPlotlyJson(), titled.ToPlotlyJson());
    }

    [Fact]
    public void Overlay_requires_matching_units()
    {
        var cells = Charts.Trajectories(Samples.Cells(), "OBa");
        var other = Charts.Trajectories(new SeriesTable(Samples.Time, [0, 1], [new NamedSeries("BMD", "g/cm²", [1, 1])]));
        var e = Assert.Throws<ArgumentException>(() => cells.Overlay(other));
        Assert.Contains("units differ", e.Message);
        Assert.Equal(2, cells.Overlay(Charts.Trajectories(Samples.Cells(), "OCa")).TraceCount);
    }

    [Fact]
    public void Sizes_outside_the_allowed_range_are_refused_with_the_parameter_name()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Charts.Trajectories(Samples.Cells()).WithSize(50, 400));
        Assert.Equal("width", e.ParamName);
    }

    [Fact]
    public void Colours_can_be_chosen_per_line()
    {
        var json = new PlotlyJson(Charts.Trajectories(Samples.Cells()).WithColors("#000000", "#d62728"));
        Assert.Equal(["#000000", "#d62728", "#000000"], json.Data.EnumerateArray().Select(t => t.GetProperty("line").GetProperty("color").GetString()!));
    }

    [Fact]
    public void A_panel_without_legend_adds_no_legend_entries_to_the_grid()
    {
        var withLegend = Charts.Trajectories(Samples.Cells(), "OBu", "OBa");
        var without = Charts.Trajectories(Samples.Cells(), "OCa", "OBa").WithLegend(false);
        var json = new PlotlyJson(Charts.Grid(2, withLegend, without));
        var shown = json.Data.EnumerateArray().Select(t => t.GetProperty("showlegend").GetBoolean()).ToArray();
        Assert.Equal([true, true, false, false], shown);
        Assert.True(json.Layout.GetProperty("showlegend").GetBoolean());
    }
}
