namespace OsteoOde.Cli.Tests;

/// <summary>Input ranges reach the command line: bad values are usage errors naming the input, its range and unit.</summary>
public class InputBoundsTests
{
    [Fact]
    public void A_negative_production_rate_in_set_is_refused()
    {
        var line = Cli.Run("simulate", "--model", "scheiner2013", "--t-end", "10", "--set", "P_RANKL=-1e9").AssertUsageError();
        Assert.Equal("osteo simulate: Input 'P_RANKL' of model 'scheiner2013' = -1000000000 pM/day is outside its allowed range [0, 1000000] pM/day.", line);
    }

    [Fact]
    public void An_input_window_outside_the_range_is_refused_and_a_removal_inside_is_accepted()
    {
        var line = Cli.Run("simulate", "--model", "pivonka2008", "--t-end", "100", "--input", "P_OPG=-5@20:80").AssertUsageError();
        Assert.Contains("-5 pM/day is outside the allowed range of input 'P_OPG' of model 'pivonka2008', [0, 20000000] pM/day", line);

        var removal = Cli.Run("simulate", "--model", "lemaire2004", "--t-end", "100", "--input", "I_R=-1.2e-4@20:80", "--times", "0,80").AssertSuccess();
        var rows = removal.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("t,R,B,C", rows[0]);
        var r80 = double.Parse(rows[2].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
        var r0 = double.Parse(rows[1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(r80 / r0, 0.03, 0.06); // removeR: R at day 80 is 4.3 % of baseline (Models README)
    }

    [Fact]
    public void Params_lists_the_input_ranges()
    {
        var csv = Cli.Run("params", "--model", "lemaire2004", "--format", "csv").AssertSuccess().Out;
        var ir = csv.Split('\n').Single(l => l.StartsWith("I_R,input,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["-0.1", "0.1"], ir[^4..^2]);
        var ip = csv.Split('\n').Single(l => l.StartsWith("I_P,input,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["0", "100000"], ip[^4..^2]);
    }
}
