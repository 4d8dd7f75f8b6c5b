using OsteoOde.Models;
using OsteoOde.Numerics;

namespace OsteoOde.Cli.Tests;

public class ListingTests
{
    [Fact]
    public void Models_lists_every_catalog_model_with_states_and_sources()
    {
        var records = Csv.Records(Cli.Run("models", "--format", "csv").AssertSuccess().Out);
        Assert.Equal(["id", "title", "states", "options", "scenarios", "sources"], records[0]);
        Assert.Equal(ModelCatalog.Ids, records.Skip(1).Select(r => r[0]));
        var scheiner = records.Single(r => r[0] == "scheiner2013");
        Assert.Equal("OBp OBa OCa vb", scheiner[2]);
        Assert.Equal("4", scheiner[4]);
        Assert.Contains("Scheiner", scheiner[5]);
        Assert.Equal("R B C", records.Single(r => r[0] == "lemaire2004")[2]);

        var md = Cli.Run("models").AssertSuccess().Out.TrimEnd('\n').Split('\n');
        Assert.Equal(2 + ModelCatalog.Ids.Count, md.Length);
        Assert.StartsWith("| lemaire2004 | Lemaire et al. 2004", md[2]);
    }

    [Fact]
    public void Scenarios_lists_the_protocols_in_cli_form()
    {
        var records = Csv.Records(Cli.Run("scenarios", "--model", "pivonka2008", "--format", "csv").AssertSuccess().Out);
        Assert.Equal(["name", "title", "t_end", "step", "inputs", "init", "set", "options", "description", "source"], records[0]);
        Assert.Equal(ScenarioCatalog.For("pivonka2008").Select(s => s.Name), records.Skip(1).Select(r => r[0]));
        var rankl = records.Single(r => r[0] == "addRANKL");
        Assert.Equal("P_RANKL=10000@20:80", rankl[4]);
        Assert.Equal("300", rankl[2]);
        Assert.Equal("1", rankl[3]);

        // The listed input argument reproduces the scenario through explicit options.
        var viaScenario = Cli.Run("simulate", "--model", "pivonka2008", "--scenario", "addRANKL").AssertSuccess().Out;
        var viaOptions = Cli.Run("simulate", "--model", "pivonka2008", "--t-end", rankl[2], "--step", rankl[3], "--input", rankl[4]).AssertSuccess().Out;
        Assert.Equal(viaScenario, viaOptions);

        var komarova = Csv.Records(Cli.Run("scenarios", "--model", "komarova2003", "--format", "csv").AssertSuccess().Out);
        var g11 = komarova.Single(r => r[0] == "g11_1");
        Assert.Equal("x1=2 x2=212 z=100", g11[5]);
        Assert.Equal("g11=1", g11[6]);
    }

    [Fact]
    public void Methods_lists_the_solver_catalog()
    {
        var records = Csv.Records(Cli.Run("methods", "--format", "csv").AssertSuccess().Out);
        Assert.Equal(["name", "order", "stiff", "description"], records[0]);
        Assert.Equal(OdeMethodCatalog.Default.Names, records.Skip(1).Select(r => r[0]));
        Assert.Equal("true", records.Single(r => r[0] == "radau5")[2]);
        Assert.Equal("false", records.Single(r => r[0] == "dopri5")[2]);
    }
}
