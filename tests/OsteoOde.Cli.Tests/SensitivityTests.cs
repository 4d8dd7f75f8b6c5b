using System.Globalization;
using OsteoOde.Modeling;
using OsteoOde.Models;
using OsteoOde.Models.Aging;

namespace OsteoOde.Cli.Tests;

public class SensitivityTests
{
    private static string[][] Rows(string csv) =>
        [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))];

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Pivonka_csv_is_long_and_equals_the_library_bit_for_bit()
    {
        var run = Cli.Run("sensitivity", "--model", "pivonka2008", "--wrt", "D_OBp,A_OCa", "--times", "10,50", "--outputs", "OCa,RANKL").AssertSuccess();
        Assert.Equal("", run.Err);
        Assert.StartsWith("t,output,parameter,value,sensitivity,normalised\n", run.Out, StringComparison.Ordinal);
        var rows = Rows(run.Out);
        Assert.Equal(2 * 2 * 2, rows.Length);
        Assert.Equal(["10", "OCa", "D_OBp"], rows[0][..3]);
        Assert.Equal(["50", "RANKL", "A_OCa"], rows[^1][..3]);

        var library = Sensitivity.Run(new SensitivityRequest(
            new SimulationRequest(Pivonka2008.Model, 50)
            {
                OutputTimes = [10, 50],
                Solver = new Numerics.OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-12 },
            },
            ["D_OBp", "A_OCa"]) { Outputs = ["OCa", "RANKL"] });
        Assert.True(library.IsSuccess, library.Message);
        Assert.Equal(library.Absolute(1, "RANKL", "A_OCa"), D(rows[^1][4]));
        Assert.Equal(library.Normalised(0, "OCa", "D_OBp"), D(rows[0][5]));
        Assert.Equal(library.Value(0, 0), D(rows[0][3]));
    }

    [Fact]
    public void Aging_defaults_are_bmd_fn_at_50_70_80_ranked_by_normalised_sensitivity()
    {
        var run = Cli.Run("sensitivity", "--model", "aging", "--sex", "male", "--wrt", "beta_sen,k_res,theta_ob", "--format", "md").AssertSuccess();
        var sections = run.Out.Split("### ", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, sections.Length);
        Assert.StartsWith("bmd_fn at age 50 (t = 9131.25)", sections[0], StringComparison.Ordinal);
        Assert.StartsWith("bmd_fn at age 70 (t = 16436.25)", sections[1], StringComparison.Ordinal);
        Assert.StartsWith("bmd_fn at age 80 (t = 20088.75)", sections[2], StringComparison.Ordinal);

        // Rows ranked by |normalised|, and the value at 70 equals the library's.
        var table = sections[1].Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Trim('|', ' ').Split(" | ")).ToArray();
        Assert.Equal(3, table.Length);
        var normalised = table.Select(r => Math.Abs(D(r[3]))).ToArray();
        Assert.Equal(normalised.OrderByDescending(x => x), normalised);
        var options = AgingOptions.Male;
        var library = Sensitivity.Run(new SensitivityRequest(
            AgingModel.LifeCourse(options, outputTimes: [.. SensitivityCommandAges.Select(AgingModel.TimeAt)], toAge: 80),
            ["beta_sen", "k_res", "theta_ob"]) { Outputs = ["bmd_fn"] });
        var kRes = table.Single(r => r[0] == "k_res");
        Assert.Equal(library.Normalised(1, "bmd_fn", "k_res"), D(kRes[3]));
        Assert.True(D(kRes[3]) < 0, "more resorption, less BMD");
    }

    private static readonly double[] SensitivityCommandAges = [50, 70, 80];

    [Fact]
    public void Ages_map_to_model_time_and_out_writes_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"osteo-sens-{Guid.NewGuid():N}.csv");
        try
        {
            var run = Cli.Run("sensitivity", "--model", "aging", "--wrt", "k_res", "--ages", "60", "--outputs", "bmd_fn,OCa", "--out", path).AssertSuccess();
            Assert.Equal("", run.Out);
            var rows = Rows(File.ReadAllText(path));
            Assert.Equal(2, rows.Length);
            Assert.Equal(AgingModel.TimeAt(60), D(rows[0][0]));
            Assert.Equal("OCa", rows[1][1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("unknown parameter 'D_OBq'", "--model", "pivonka2008", "--wrt", "D_OBq", "--times", "10")]
    [InlineData("D_OBp", "--model", "pivonka2008", "--wrt", "D_OBq", "--times", "10")]
    [InlineData("x_dbl", "--model", "pivonka2008", "--wrt", "D_OBp", "--times", "10", "--outputs", "x_dbl")]
    [InlineData("--ages applies only", "--model", "pivonka2008", "--ages", "50")]
    [InlineData("missing required option --times", "--model", "pivonka2008")]
    [InlineData("--rtol", "--model", "pivonka2008", "--times", "10", "--rtol", "-1")]
    [InlineData("either --times or --ages", "--model", "aging", "--times", "10", "--ages", "50")]
    [InlineData("ages start at 25", "--model", "aging", "--ages", "20,50")]
    [InlineData("option --sex is an option of model aging", "--model", "pivonka2008", "--sex", "male", "--times", "10")]
    public void Bad_input_is_one_line_and_exit_code_2(string expected, params string[] args)
    {
        var line = Cli.Run(["sensitivity", .. args]).AssertUsageError();
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
