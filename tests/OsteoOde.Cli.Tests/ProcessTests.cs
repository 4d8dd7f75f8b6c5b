namespace OsteoOde.Cli.Tests;

/// <summary>The real executable: exit codes and which stream gets what.</summary>
public class ProcessTests
{
    [Fact]
    public void Success_writes_csv_to_stdout_only()
    {
        var run = Cli.RunProcess("simulate", "--model", "lemaire2004", "--t-end", "10", "--times", "0,5,10");
        Assert.Equal(0, run.Code);
        Assert.Equal("", run.Err);
        var table = Csv.Numeric(run.Out);
        Assert.Equal(["t", "R", "B", "C"], table.Header);
        Assert.Equal([0, 5, 10], table.Column("t"));
    }

    [Fact]
    public void Usage_error_exits_with_2_and_one_stderr_line()
    {
        var run = Cli.RunProcess("simulate", "--model", "pivonka2009", "--t-end", "10");
        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Out);
        Assert.Equal("osteo simulate: unknown model 'pivonka2009'. Valid models (nearest first): pivonka2008, lemaire2004, scheiner2013, komarova2003, aging.\n", run.Err);
    }

    [Fact]
    public void Numerical_failure_exits_with_1()
    {
        var run = Cli.RunProcess("simulate", "--model", "pivonka2008", "--t-end", "100", "--max-steps", "3");
        Assert.Equal(1, run.Code);
        Assert.Equal("", run.Out);
        Assert.StartsWith("osteo simulate: MaxStepsReached: ", Assert.Single(run.ErrLines));
    }

    [Fact]
    public void Steady_state_note_goes_to_stderr_and_version_to_stdout()
    {
        var run = Cli.RunProcess("steady-state", "--model", "scheiner2013");
        Assert.Equal(0, run.Code);
        Assert.Equal(2, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("OBp,OBa,OCa,vb\n", run.Out);
        Assert.Contains("note: vb is held", run.Err);

        var version = Cli.RunProcess("--version");
        Assert.Equal(0, version.Code);
        Assert.Equal($"osteo {OsteoApp.Version}\n", version.Out);
    }
}
