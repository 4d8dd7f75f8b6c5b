using OsteoOde.Analysis.Figures;
using OsteoOde.Modeling;
using OsteoOde.Models;

namespace OsteoOde.Plotting.Tests;

public class FigureHelperTests
{
    [Fact]
    public void A_result_tabulates_over_a_time_column_with_units()
    {
        var result = Simulation.Run(ScenarioCatalog.Get("scheiner2013", "addRANKL").CreateRequest()).EnsureSuccess();
        var byTime = result.ToSeriesTableOver("t", "OBa", "vb");
        Assert.Equal(result.Times, byTime.IndexValues);
        Assert.Equal(["OBa", "vb"], byTime.Names);
        Assert.Equal("%", byTime["vb"].Unit);
        Assert.Equal(new Quantity("t", "day"), byTime.Index);
        Assert.Equal(["OBp", "OBa", "OCa", "vb"], result.ToSeriesTableOver("t").Names.Take(4));
        Assert.StartsWith("The result has no column 'nope'.", Assert.Throws<ArgumentException>(() => result.ToSeriesTableOver("t", "nope")).Message);
        // OCa rises and falls during the protocol, so it cannot index a table.
        Assert.Contains("Index 'OCa' decreases", Assert.Throws<ArgumentException>(() => result.ToSeriesTableOver("OCa", "vb")).Message);
    }

    [Fact]
    public void Lifetime_tables_split_into_women_and_men_over_age()
    {
        var table = new DataTable(
        [
            DataColumn.Text("sex", ["female", "female", "male", "male"]),
            DataColumn.Numeric("age", "year", [25, 26, 25, 26]),
            DataColumn.Numeric("bmd_fn", "g/cm^2", [0.858, 0.857, 0.943, 0.942]),
        ]);
        var bySex = FigureCharts.BySex(table, "bmd_fn");
        Assert.Equal(new Quantity("age", "year"), bySex.Index);
        Assert.Equal(["women", "men"], bySex.Names);
        Assert.Equal([0.943, 0.942], bySex["men"].Values);
        Assert.Equal("g/cm^2", bySex["women"].Unit);
        var shifted = new DataTable([table["sex"], DataColumn.Numeric("age", "year", [25, 26, 25, 27]), table["bmd_fn"]]);
        Assert.StartsWith("Women and men are tabulated at different ages.", Assert.Throws<ArgumentException>(() => FigureCharts.BySex(shifted, "bmd_fn")).Message);
    }

    [Fact]
    public void Intervention_tables_split_into_one_series_per_treatment_over_months()
    {
        var table = new DataTable(
        [
            DataColumn.Text("treatment", ["denosumab", "denosumab", "alendronate", "alendronate", "untreated", "untreated"]),
            DataColumn.Numeric("month", "month", [0, 1, 0, 1, 0, 1]),
            DataColumn.Numeric("ctx_vs_control", "%", [0, -69, 0, -46, 0, 0]),
        ]);
        var all = FigureCharts.ByTreatment(table, "ctx_vs_control");
        Assert.Equal(new Quantity("months since the first dose", "month"), all.Index);
        Assert.Equal(["denosumab", "alendronate", "untreated"], all.Names);
        var drugs = FigureCharts.ByTreatment(table, "ctx_vs_control", "alendronate", "denosumab");
        Assert.Equal(["alendronate", "denosumab"], drugs.Names);
        Assert.Equal([0, -69], drugs["denosumab"].Values);
        Assert.Equal("%", drugs["alendronate"].Unit);
        Assert.StartsWith("No row has treatment = 'zoledronate'.", Assert.Throws<ArgumentException>(() => FigureCharts.ByTreatment(table, "ctx_vs_control", "denosumab", "zoledronate")).Message);
        var shifted = new DataTable([table["treatment"], DataColumn.Numeric("month", "month", [0, 1, 0, 2, 0, 1]), table["ctx_vs_control"]]);
        Assert.StartsWith("Treatment 'alendronate' is tabulated at other months than 'denosumab'.",
            Assert.Throws<ArgumentException>(() => FigureCharts.ByTreatment(shifted, "ctx_vs_control")).Message);
    }
}
