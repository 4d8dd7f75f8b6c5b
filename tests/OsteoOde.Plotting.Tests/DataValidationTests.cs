namespace OsteoOde.Plotting.Tests;

public class DataValidationTests
{
    [Theory]
    [InlineData("OBa [pM]", "OBa", "pM")]
    [InlineData("age [year]", "age", "year")]
    [InlineData("T-score", "T-score", "")]
    [InlineData("  BMD  [g/cm²] ", "BMD", "g/cm²")]
    public void Labels_parse_back_into_name_and_unit(string label, string name, string unit)
    {
        var q = Quantity.Parse(label);
        Assert.Equal(name, q.Name);
        Assert.Equal(unit, q.Unit);
        Assert.Equal(q, Quantity.Parse(q.Label));
    }

    [Fact]
    public void Quantity_names_with_brackets_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Quantity("OBa [pM]"));
        Assert.Equal("name", e.ParamName);
    }

    [Fact]
    public void Decreasing_index_is_refused_with_row_and_values()
    {
        var e = Assert.Throws<ArgumentException>(() => new SeriesTable(Samples.Time, [0, 2, 1], [new NamedSeries("x", "", [1, 2, 3])]));
        Assert.Contains("decreases at row 2 (2 then 1)", e.Message);
        Assert.Equal("indexValues", e.ParamName);
    }

    [Fact]
    public void Repeated_index_values_are_allowed_for_event_times()
    {
        var t = new SeriesTable(Samples.Time, [0, 1, 1, 2], [new NamedSeries("dose", "mg", [0, 0, 60, 60])]);
        Assert.Equal(4, t.RowCount);
    }

    [Fact]
    public void Series_length_must_match_the_index()
    {
        var e = Assert.Throws<ArgumentException>(() => new SeriesTable(Samples.Time, [0, 1, 2], [new NamedSeries("OBa", "pM", [1, 2])]));
        Assert.Contains("'OBa' has 2 values but index 'time' has 3", e.Message);
    }

    [Fact]
    public void Duplicate_series_names_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new SeriesTable(Samples.Time, [0], [new NamedSeries("OBa", "pM", [1]), new NamedSeries("OBa", "nM", [1])]));
        Assert.Contains("'OBa' appears more than once", e.Message);
    }

    [Fact]
    public void Infinite_values_are_refused_and_NaN_is_kept_as_missing()
    {
        Assert.Throws<ArgumentException>(() => new NamedSeries("x", "", [1, double.PositiveInfinity]));
        Assert.True(double.IsNaN(new NamedSeries("x", "", [double.NaN]).Values[0]));
    }

    [Fact]
    public void Tabulate_hits_both_ends_exactly_and_evaluates_the_function()
    {
        var t = SeriesTable.Tabulate(Samples.Time, 0, 0.3, 4, (new Quantity("N", "cells"), Samples.Logistic));
        Assert.Equal(0.3, t.IndexValues[^1]);
        Assert.Equal(0.1, t["N"].Values[0], 15);
        Assert.Equal(Samples.Logistic(t.IndexValues[2]), t["N"].Values[2]);
    }

    [Fact]
    public void Table_copies_its_inputs()
    {
        var values = new double[] { 1, 2 };
        var table = new SeriesTable(Samples.Time, [0, 1], [new NamedSeries("x", "", values)]);
        values[0] = 99;
        Assert.Equal(1.0, table["x"].Values[0]);
    }

    [Fact]
    public void Palette_alpha_colours_are_css_rgba()
    {
        Assert.Equal("rgba(31,119,180,0.25)", Palette.WithAlpha("#1f77b4", 0.25));
        Assert.Throws<ArgumentException>(() => Palette.WithAlpha("blue", 0.5));
    }
}
