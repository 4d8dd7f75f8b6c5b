using System.Text.Json;

namespace OsteoOde.Plotting.Tests;

public class StackedBarTests
{
    private static readonly Quantity Age = new("age", "year");
    private static readonly Quantity Share = new("share of loss", "%");

    private static Figure Shares(params (string, IReadOnlyList<double>)[] segments) =>
        Charts.StackedBars(Age, ["60", "70", "80"], Share, segments);

    [Fact]
    public void Segments_become_vertical_bars_stacked_relative_to_zero_on_a_category_axis()
    {
        var figure = Shares(("estrogen", [50.0, 40, 30]), ("SASP", [30.0, 35, 40]), ("vesicles", [-5.0, 25, 30]));
        var json = new PlotlyJson(figure);
        Assert.Equal(3, json.Data.GetArrayLength());
        for (var k = 0; k < 3; k++)
        {
            var trace = json.Trace(k);
            Assert.Equal("bar", trace.GetProperty("type").GetString());
            Assert.Equal("v", trace.GetProperty("orientation").GetString());
            Assert.Equal(["60", "70", "80"], trace.GetProperty("x").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(Palette.Default[k], trace.GetProperty("marker").GetProperty("color").GetString());
        }

        Assert.Equal([-5.0, 25, 30], PlotlyJson.Numbers(json.Trace(2).GetProperty("y")));
        Assert.Equal("relative", json.Layout.GetProperty("barmode").GetString());
        Assert.Equal("category", json.Layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.False(json.Layout.GetProperty("xaxis").TryGetProperty("autorange", out _));
        Assert.Equal("age [year]", json.AxisTitle("xaxis"));
        Assert.Equal("share of loss [%]", json.AxisTitle("yaxis"));
        // A zero line so negative segments read as negative.
        var zero = json.Layout.GetProperty("shapes").EnumerateArray().Single();
        Assert.Equal(0.0, zero.GetProperty("y0").GetDouble());
    }

    [Fact]
    public void A_grid_of_two_panels_shares_one_legend_entry_per_segment()
    {
        var female = Shares(("estrogen", [50.0, 40, 30]), ("SASP", [50.0, 60, 70])).WithTitle("female");
        var male = Shares(("estrogen", [0.0, 0, 0]), ("SASP", [100.0, 100, 100])).WithTitle("male");
        var json = new PlotlyJson(Charts.Grid(2, female, male));
        Assert.Equal(4, json.Data.GetArrayLength());
        Assert.Equal([true, true, false, false], json.Data.EnumerateArray().Select(t => t.GetProperty("showlegend").GetBoolean()));
        Assert.Equal("x2", json.Trace(2).GetProperty("xaxis").GetString());
        Assert.Equal("category", json.Layout.GetProperty("xaxis2").GetProperty("type").GetString());
    }

    [Fact]
    public void Bad_input_is_refused_with_the_item_named()
    {
        Assert.Contains("unique", Assert.Throws<ArgumentException>(() => Charts.StackedBars(Age, ["60", "60"], Share, [("a", [1.0, 2])])).Message);
        Assert.Contains("at least one segment", Assert.Throws<ArgumentException>(() => Charts.StackedBars(Age, ["60"], Share, [])).Message);
        Assert.Equal("Segment 'a' has 1 values for 2 categories. (Parameter 'segments')",
            Assert.Throws<ArgumentException>(() => Charts.StackedBars(Age, ["60", "70"], Share, [("a", [1.0])])).Message);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => Shares(("a", [1.0, 2, 3]), ("a", [1.0, 2, 3]))).Message);
        Assert.Contains("infinite", Assert.Throws<ArgumentException>(() => Shares(("a", [1.0, double.PositiveInfinity, 3]))).Message);
        Assert.Equal(JsonValueKind.Null, new PlotlyJson(Shares(("a", [1.0, double.NaN, 3]))).Trace(0).GetProperty("y")[1].ValueKind);
    }
}
