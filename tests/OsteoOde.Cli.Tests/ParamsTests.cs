using OsteoOde.Modeling;
using OsteoOde.Models;

namespace OsteoOde.Cli.Tests;

public class ParamsTests
{
    [Theory]
    [InlineData("lemaire2004")]
    [InlineData("pivonka2008")]
    [InlineData("scheiner2013")]
    [InlineData("komarova2003")]
    public void Csv_lists_every_parameter_then_every_input_with_exact_values(string id)
    {
        var model = ModelCatalog.Get(id).Model;
        var records = Csv.Records(Cli.Run("params", "--model", id, "--format", "csv").AssertSuccess().Out);
        Assert.Equal(["name", "kind", "value", "unit", "description", "source", "lower", "upper", "scale", "tunable"], records[0]);
        Assert.Equal(1 + model.Parameters.Count + model.Inputs.Count, records.Count);
        for (var i = 0; i < model.Parameters.Count; i++)
        {
            var p = model.Parameters[i];
            var r = records[1 + i];
            Assert.Equal([p.Name, "parameter", p.Unit.ToString(), p.Description, p.Source.ToString()], [r[0], r[1], r[3], r[4], r[5]]);
            Assert.Equal(p.Value, Csv.Number(r[2]));
            Assert.Equal(p.LowerBound, Csv.Number(r[6]));
            Assert.Equal(p.UpperBound, Csv.Number(r[7]));
            Assert.Equal(p.Scale == ParameterScale.Log ? "log" : "linear", r[8]);
        }

        for (var i = 0; i < model.Inputs.Count; i++)
        {
            var input = model.Inputs[i];
            var r = records[1 + model.Parameters.Count + i];
            Assert.Equal([input.Name, "input", input.Unit.ToString()], [r[0], r[1], r[3]]);
            Assert.Equal(input.DefaultValue, Csv.Number(r[2]));
            Assert.Equal(input.LowerBound, Csv.Number(r[6]));
            Assert.Equal(input.UpperBound, Csv.Number(r[7]));
            Assert.Equal(["", ""], r[8..10]);
        }
    }

    [Fact]
    public void Markdown_has_one_table_line_per_parameter_and_input()
    {
        var model = Pivonka2008.Model;
        var lines = Cli.Run("params", "--model", "pivonka2008").AssertSuccess().Out.TrimEnd('\n').Split('\n');
        Assert.Equal("| name | kind | value | unit | description | source | lower | upper | scale | tunable |", lines[0]);
        Assert.Equal("|---|---|---|---|---|---|---|---|---|---|", lines[1]);
        Assert.Equal(2 + model.Parameters.Count + model.Inputs.Count, lines.Length);
        Assert.All(lines, l => Assert.True(l.StartsWith("| ", StringComparison.Ordinal) || l.StartsWith("|-", StringComparison.Ordinal)));
        Assert.StartsWith("| P_RANKL | input | 0 | pM/day |", lines.Single(l => l.StartsWith("| P_RANKL ", StringComparison.Ordinal)));
        Assert.StartsWith($"| R_RANKL | parameter | {CliText.F(model.Parameter("R_RANKL").Value)} | 1 |", lines.Single(l => l.StartsWith("| R_RANKL ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Json_loads_back_as_the_same_parameter_set()
    {
        var json = Cli.Run("params", "--model", "scheiner2013", "--format", "json").AssertSuccess().Out;
        var set = ParameterSet.FromJson(Scheiner2013.Model, json);
        Assert.True(set.IsDefault);
        Assert.Equal(ParameterSet.Defaults(Scheiner2013.Model).ToVector(), set.ToVector());

        var changed = Cli.Run("params", "--model", "scheiner2013", "--format", "json", "--set", "k_res=180.5", "--set", "P_PTH=12").AssertSuccess().Out;
        var loaded = ParameterSet.FromJson(Scheiner2013.Model, changed);
        Assert.Equal(180.5, loaded["k_res"]);
        Assert.Equal(12, loaded["P_PTH"]);
        Assert.Equal(["k_res", "P_PTH"], loaded.Diff().Select(c => c.Name));
        Assert.Contains("--set k_res=180.5", loaded.SourceOf("k_res")!.Text);
    }

    [Fact]
    public void Table_shows_modified_values()
    {
        var records = Csv.Records(Cli.Run("params", "--model", "lemaire2004", "--format", "csv", "--set", "k1=0.05").AssertSuccess().Out);
        var k1 = records.Single(r => r[0] == "k1");
        Assert.Equal(0.05, Csv.Number(k1[2]));
        Assert.Contains("--set k1=0.05", k1[5]);
    }
}
