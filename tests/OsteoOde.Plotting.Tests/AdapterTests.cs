using OsteoOde.Modeling;
using OsteoOde.Models;
using OsteoOde.Numerics;

namespace OsteoOde.Plotting.Tests;

public class AdapterTests
{
    private static OdeResult Result(OdeStatus status)
    {
        // Two components at three output times, row-major (time × component): y1 = e^{-t}, y2 = 1 - e^{-t}.
        double[] times = [0, 1, 2];
        double[] values = [1, 0, Math.Exp(-1), 1 - Math.Exp(-1), Math.Exp(-2), 1 - Math.Exp(-2)];
        return new OdeResult(status, "test", "exact", 2, times, values, default, [], null, 2, [Math.Exp(-2), 1 - Math.Exp(-2)]);
    }

    [Fact]
    public void Ode_result_becomes_a_table_with_one_series_per_component()
    {
        var table = Result(OdeStatus.Success).ToSeriesTable(Samples.Time, new Quantity("RANKL", "pM"), new Quantity("OPG", "pM"));
        Assert.Equal([0.0, 1, 2], table.IndexValues);
        Assert.Equal(Math.Exp(-1), table["RANKL"].Values[1]);
        Assert.Equal(1 - Math.Exp(-2), table["OPG"].Values[2]);
        Assert.Equal("RANKL, OPG [pM]", new PlotlyJson(Charts.Trajectories(table)).AxisTitle("yaxis"));
    }

    [Fact]
    public void Component_names_must_match_the_dimension()
    {
        var e = Assert.Throws<ArgumentException>(() => Result(OdeStatus.Success).ToSeriesTable(Samples.Time, new Quantity("RANKL", "pM")));
        Assert.Contains("2 components but 1 names", e.Message);
    }

    [Fact]
    public void Simulation_result_becomes_a_table_with_the_model_units()
    {
        var result = Simulation.Run(new SimulationRequest(Lemaire2004.Model, 50) { OutputTimes = [0, 10, 20, 50] }).EnsureSuccess();
        var table = result.ToSeriesTable();

        Assert.Equal(result.Times, table.IndexValues);
        Assert.Equal(result.ColumnNames.Skip(1), table.Names);
        Assert.Equal(result.Columns[0].Unit.ToString(), table.Index.Unit);
        foreach (var column in result.Columns.Skip(1))
        {
            Assert.Equal(column.Values, table[column.Name].Values);
        }

        var state = result.StateNames[0];
        Assert.Equal(result.Column(state).Unit.ToString(), table[state].Unit);
        Assert.Equal($"{state} [{table[state].Unit}]", new PlotlyJson(Charts.Trajectories(table, state)).AxisTitle("yaxis"));
        var e = Assert.Throws<ArgumentException>(() => result.ToSeriesTable("nonexistent"));
        Assert.Contains(state, e.Message);
    }
}
