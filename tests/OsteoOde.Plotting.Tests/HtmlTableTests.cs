using System.Text.RegularExpressions;
using Deedle;

namespace OsteoOde.Plotting.Tests;

public class HtmlTableTests
{
    [Fact]
    public void Large_table_renders_head_and_tail_in_a_few_kilobytes_with_units()
    {
        var table = SeriesTable.Tabulate(Samples.Time, 0, 999, 1000, (new Quantity("N", "cells"), Samples.Logistic), (new Quantity("OBa", "pM"), t => t * 1e-4));
        var html = HtmlTable.Render(table);

        Assert.True(html.Length < 4096, $"table HTML is {html.Length} bytes");
        Assert.Contains("<th>time [day]</th><th>N [cells]</th><th>OBa [pM]</th>", html);
        Assert.Equal(15, Regex.Matches(html, "<tr><td>").Count);
        Assert.Contains("… 985 more rows …", html);
        Assert.Contains("<td>999</td>", html);
        Assert.Contains($"<td>{Samples.Logistic(0).ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}</td>", html);
        Assert.Contains("1000 rows × 2 series", html);
    }

    [Fact]
    public void Small_table_shows_every_row_and_escapes_names()
    {
        var table = new SeriesTable(Samples.Time, [0, 1], [new NamedSeries("a<b", "", [1.5, double.NaN])]);
        var html = HtmlTable.Render(table);
        Assert.Contains("<th>a&lt;b</th>", html);
        Assert.DoesNotContain("more rows", html);
        Assert.Contains("<tr><td>1</td><td></td></tr>", html);
    }

    [Fact]
    public void Deedle_frame_renders_row_keys_missing_values_and_mixed_types()
    {
        var frame = Frame.FromColumns(new[]
        {
            KeyValuePair.Create("dose [mg]", new Series<string, double>(["A", "B", "C"], [60, 0, 120])),
        });
        frame.AddColumn("arm", new Series<string, string>(["A", "C"], ["denosumab", "teriparatide"]));
        var html = HtmlTable.Render(frame);
        Assert.Contains("<th></th><th>dose [mg]</th><th>arm</th>", html);
        Assert.Contains("<tr><td>B</td><td>0</td><td></td></tr>", html);
        Assert.Contains("<td>teriparatide</td>", html);
        Assert.Contains("Frame: 3 rows × 2 columns", html);
    }

    [Fact]
    public void Column_limit_is_reported_in_the_caption()
    {
        var series = Enumerable.Range(0, 30).Select(i => new NamedSeries($"s{i}", "", [i]));
        var html = HtmlTable.Render(new SeriesTable(Samples.Time, [0], series), new TableOptions(MaxColumns: 5));
        Assert.Equal(6, Regex.Matches(html, "<th>").Count);
        Assert.Contains("(first 5 columns after the index shown)", html);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HtmlTable.Render(Samples.Cells(), new TableOptions(HeadRows: 0, TailRows: 0)));
        var e = Assert.Throws<ArgumentException>(() => HtmlTable.Render(Samples.Cells(), new TableOptions(NumberFormat: "Q9")));
        Assert.Equal("NumberFormat", e.ParamName);
        Assert.Contains("'Q9'", e.Message);
    }

    [Fact]
    public void Deedle_series_renders_keys_and_values()
    {
        var series = new Series<double, double>([0.0, 0.5, 1.0], [1.25, double.NaN, 3.5]);
        var html = HtmlTable.Render(series);
        Assert.Contains("<th></th><th>value</th>", html);
        Assert.Contains("<tr><td>0.5</td><td></td></tr>", html);
        Assert.Contains("<tr><td>1</td><td>3.5</td></tr>", html);
        Assert.Contains("Series: 3 values", html);
    }
}
