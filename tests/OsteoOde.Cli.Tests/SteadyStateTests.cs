using OsteoOde.Modeling;
using OsteoOde.Models;

namespace OsteoOde.Cli.Tests;

public class SteadyStateTests
{
    [Fact]
    public void Scheiner_row_is_the_published_steady_state()
    {
        var run = Cli.Run("steady-state", "--model", "scheiner2013").AssertSuccess();
        var table = Csv.Numeric(run.Out);
        Assert.Equal(["OBp", "OBa", "OCa", "vb"], table.Header);
        var row = Assert.Single(table.Rows);
        Assert.Equal(1e-3, row[0], 1e-6 * 1e-3);
        Assert.Equal(5e-4, row[1], 1e-6 * 5e-4);
        Assert.Equal(1e-4, row[2], 1e-6 * 1e-4);
        Assert.Equal(15, row[3]);   // held at its initial value

        // The bone volume is a pure integrator: held, and said so on stderr (one note), never on stdout.
        var note = Assert.Single(run.ErrLines);
        Assert.StartsWith("osteo steady-state: note: vb is held at its starting value 15 %", note);
    }

    [Fact]
    public void Lemaire_and_pivonka_rows_match_the_reference_values()
    {
        var lemaire = Assert.Single(Csv.Numeric(Cli.Run("steady-state", "--model", "lemaire2004").AssertSuccess().Out).Rows);
        double[] expected = [7.7344e-4, 7.2834e-4, 9.1275e-4];   // model-reference §5 (1e-4 relative)
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], lemaire[i], 1e-4 * expected[i]);
        }

        var run = Cli.Run("steady-state", "--model", "pivonka2008", "--observables").AssertSuccess();
        Assert.Equal("", run.Err);
        var table = Csv.Numeric(run.Out);
        Assert.Equal(["OBp", "OBa", "OCa", "TGFb", "PTH", "OPG", "RANKL", "RANKL_RANK", "pi_act_OCp"], table.Header);
        var row = Assert.Single(table.Rows);
        double[] states = [6.1964e-4, 5.5839e-4, 8.0696e-4];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(states[i], row[i], 1e-4 * states[i]);
        }

        Assert.Equal(0.55223, table.Column("RANKL")[0], 1e-4 * 0.55223);
        Assert.Equal(1.8436e4, table.Column("OPG")[0], 1e-4 * 1.8436e4);
        Assert.Equal(0.040554, table.Column("pi_act_OCp")[0], 1e-4 * 0.040554);
    }

    [Fact]
    public void Set_moves_the_steady_state_like_the_library_solver()
    {
        var row = Assert.Single(Csv.Numeric(Cli.Run("steady-state", "--model", "pivonka2008", "--set", "P_RANKL=100").AssertSuccess().Out).Rows);
        var library = SteadyStateSolver.Solve(Pivonka2008.Model, ParameterSet.Defaults(Pivonka2008.Model).With("P_RANKL", 100));
        Assert.True(library.IsConverged);
        Assert.Equal(library.State, row);
        Assert.True(row[2] > 1.2 * Pivonka2008.SteadyState[2], $"OCa = {row[2]}");
    }

    [Fact]
    public void Out_file_holds_only_the_csv()
    {
        using var folder = new TempFolder();
        var path = folder.File("ss.csv");
        var run = Cli.Run("steady-state", "--model", "komarova2003", "--out", path).AssertSuccess();
        Assert.Equal("", run.Out);
        var table = Csv.Numeric(File.ReadAllText(path));
        Assert.Equal(["x1", "x2", "z"], table.Header);
        Assert.Equal(1.06066, table.Rows[0][0], 1e-5 * 1.06066);   // x̄1, model-reference §3
        Assert.Equal(212.132, table.Rows[0][1], 1e-5 * 212.132);   // x̄2
        Assert.Equal(["ss.csv"], folder.Files);
    }
}
