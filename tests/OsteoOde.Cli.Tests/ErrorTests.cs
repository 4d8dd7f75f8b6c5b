namespace OsteoOde.Cli.Tests;

/// <summary>Every bad input: exit code 2, one line on stderr naming the item and the valid choices, nothing written.</summary>
public class ErrorTests
{
    /// <summary>Runs with --out into a fresh folder and checks that nothing at all was written there.</summary>
    private static string UsageError(params string[] args)
    {
        using var folder = new TempFolder();
        var run = Cli.Run([.. args, "--out", folder.File("out.csv")]);
        var line = run.AssertUsageError();
        Assert.Empty(folder.Files);
        Assert.StartsWith("osteo ", line);
        return line;
    }

    private static string[] Sim(params string[] extra) => ["simulate", "--model", "pivonka2008", "--t-end", "100", .. extra];

    [Fact]
    public void Unknown_model_lists_the_models_nearest_first()
    {
        var line = UsageError("simulate", "--model", "pivonka2009", "--t-end", "10");
        Assert.Equal("osteo simulate: unknown model 'pivonka2009'. Valid models (nearest first): pivonka2008, lemaire2004, scheiner2013, komarova2003, aging.", line);
        Assert.Contains("pivonka2008, lemaire2004", Cli.Run("params", "--model", "Pivonka2008").AssertUsageError());
        Assert.Contains("unknown model 'x'", Cli.Run("steady-state", "--model", "x").AssertUsageError());
    }

    [Fact]
    public void Unknown_parameter_names_it_and_lists_names_nearest_first()
    {
        var line = UsageError("simulate", "--model", "scheiner2013", "--t-end", "10", "--set", "k_rez=100");
        Assert.Contains("'k_rez'", line);
        Assert.Contains("(nearest first): k_res, ", line);
        Assert.Contains("P_RANKL", line);   // inputs are valid names too
    }

    [Fact]
    public void Parameter_outside_its_bounds_names_the_range()
    {
        var line = UsageError(Sim("--set", "D_OBp=100"));
        Assert.Contains("'D_OBp'", line);
        Assert.Contains("[0.0267407790952771, 2.67407790952771] 1/day", line);
    }

    [Theory]
    [InlineData("--t-end", "1O0", "--t-end: '1O0' is not a finite number")]
    [InlineData("--t-end", "-5", "--t-end must be a positive number")]
    [InlineData("--t-end", "NaN", "--t-end: 'NaN' is not a finite number")]
    [InlineData("--rtol", "abc", "--rtol: 'abc'")]
    [InlineData("--rtol", "1e-16", "--rtol 1E-16 is below what double precision can honour")]
    [InlineData("--max-steps", "2.5", "--max-steps: '2.5' is not an integer")]
    [InlineData("--points", "1", "--points must be at least 2")]
    public void Malformed_numbers(string option, string value, string expected)
    {
        var args = option == "--t-end" ? new[] { "simulate", "--model", "lemaire2004", option, value } : ["simulate", "--model", "lemaire2004", "--t-end", "10", option, value];
        Assert.Contains(expected, UsageError(args));
    }

    [Fact]
    public void Malformed_set_value_and_shape()
    {
        Assert.Contains("--set beta_PTH: 'abc' is not a finite number", UsageError(Sim("--set", "beta_PTH=abc")));
        Assert.Contains("--set 'beta_PTH': expected NAME=VALUE", UsageError(Sim("--set", "beta_PTH")));
        Assert.Contains("--set beta_PTH is given more than once", UsageError(Sim("--set", "beta_PTH=200", "--set", "beta_PTH=300")));
    }

    [Theory]
    [InlineData("0,50,20", "--times must be strictly increasing: entry 3 = 20 follows 50")]
    [InlineData("0,50,50", "--times must be strictly increasing: entry 3 = 50 follows 50")]
    [InlineData("0,,20", "--times: entry 2 of '0,,20' is empty")]
    [InlineData("0,20,", "--times: entry 3 of '0,20,' is empty")]
    [InlineData("0,150", "--times: entry 2 = 150 lies outside [0, 100]")]
    [InlineData("-1,5", "--times: entry 1 = -1 lies outside [0, 100]")]
    [InlineData("0,x", "--times: entry 2: 'x' is not a finite number")]
    public void Bad_time_lists(string times, string expected) => Assert.Contains(expected, UsageError(Sim("--times", times)));

    [Fact]
    public void Grid_options_exclude_each_other()
    {
        Assert.Contains("at most one of --times, --step, --points", UsageError(Sim("--times", "0,1", "--step", "1")));
    }

    [Theory]
    [InlineData("P_RANKL=100", "expected NAME=VALUE@T0:T1")]
    [InlineData("P_RANKL@20:80", "expected NAME=VALUE@T0:T1")]
    [InlineData("P_RANKL=100@20@80", "expected NAME=VALUE@T0:T1")]
    [InlineData("P_RANKL=abc@20:80", "the value: 'abc' is not a finite number")]
    [InlineData("P_RANKL=100@x:80", "the start T0: 'x' is not a finite number")]
    [InlineData("P_RANKL=100@20:80:90", "the end T1: '80:90' is not a finite number")]
    [InlineData("P_RANKL=100@80:20", "the end T1 = 20 must be greater than the start T0 = 80")]
    [InlineData("P_RANKL=100@-1:20", "the start T0 = -1 must be >= 0")]
    public void Bad_input_syntax(string input, string expected)
    {
        var line = UsageError(Sim("--input", input));
        Assert.Contains($"--input '{input}'", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void Unknown_input_lists_the_inputs_nearest_first()
    {
        var line = UsageError(Sim("--input", "P_RANK=100@20:80"));
        Assert.Contains("model 'pivonka2008' has no input named 'P_RANK'. Valid inputs (nearest first): P_RANKL, ", line);
        Assert.Contains("P_TGFb", line);
        Assert.Contains("has no input named 'beta_PTH'", UsageError(Sim("--input", "beta_PTH=100@20:80")));
    }

    [Fact]
    public void Overlapping_windows_are_rejected_naming_both()
    {
        var line = UsageError(Sim("--input", "P_RANKL=100@20:80", "--input", "P_RANKL=50@60:90"));
        Assert.Contains("overlap for 'P_RANKL'", line);
        Assert.Contains("20 < t <= 80", line);
        Assert.Contains("60 < t <= 90", line);
    }

    [Fact]
    public void Unknown_state_in_init()
    {
        var line = UsageError(Sim("--init", "OBP=0.001"));
        Assert.Contains("no state named 'OBP'. Valid states (nearest first): OBp, ", line);
        Assert.Contains("OCa", line);
        Assert.Contains("state 'OCa' is non-negative", UsageError(Sim("--init", "OCa=-1")));
    }

    [Fact]
    public void Unknown_method_lists_the_methods()
    {
        var line = UsageError(Sim("--method", "rodas"));
        Assert.StartsWith("osteo simulate: unknown method 'rodas'. Valid methods (nearest first): rodas4, ", line);
        foreach (var m in new[] { "dopri5", "rodas5p", "radau5", "auto" })
        {
            Assert.Contains(m, line);
        }
    }

    [Fact]
    public void Unknown_scenario_lists_the_scenarios()
    {
        var line = UsageError("simulate", "--model", "pivonka2008", "--scenario", "addPTX");
        Assert.Contains("unknown scenario 'addPTX'. Valid scenarios (nearest first): addPTH, ", line);
        Assert.Contains("addRANKL", line);
    }

    [Fact]
    public void Unknown_option_lists_the_options_nearest_first()
    {
        var line = UsageError(Sim("--rtoll", "1e-6"));
        Assert.StartsWith("osteo simulate: unknown option '--rtoll'. Valid options (nearest first): --rtol, ", line);
        Assert.Contains("--observables", line);
    }

    [Fact]
    public void Missing_required_options()
    {
        Assert.Contains("missing required option --model <ID>", UsageError("simulate", "--t-end", "10"));
        Assert.Contains("missing required option --t-end <T>", UsageError("simulate", "--model", "lemaire2004"));
        Assert.Contains("option --t-end needs a value", Cli.Run("simulate", "--model", "lemaire2004", "--t-end").AssertUsageError());
        Assert.Contains("--t-end may be given only once", UsageError("simulate", "--model", "lemaire2004", "--t-end", "1", "--t-end", "2"));
        Assert.Contains("unexpected argument 'extra'", UsageError("simulate", "--model", "lemaire2004", "--t-end", "1", "extra"));
    }

    [Fact]
    public void Unwritable_output_paths()
    {
        using var folder = new TempFolder();
        var missing = Cli.Run(Sim("--out", Path.Combine(folder.Path, "no-such-folder", "x.csv"))).AssertUsageError();
        Assert.Contains("no-such-folder", missing);
        Assert.Contains("does not exist", missing);
        var isFolder = Cli.Run(Sim("--out", folder.Path)).AssertUsageError();
        Assert.Contains("is a folder", isFolder);

        // A file name longer than any file system allows: the folder exists but nothing can be created there (even as root).
        var tooLong = Cli.Run(Sim("--out", folder.File(new string('a', 300) + ".csv"))).AssertUsageError();
        Assert.Contains("cannot be written", tooLong);
        Assert.Empty(folder.Files);
    }

    [Fact]
    public void Bad_parameter_files()
    {
        using var folder = new TempFolder();
        Assert.Contains("file not found", UsageError(Sim("--params", folder.File("none.json"))));
        var malformed = folder.File("bad.json");
        File.WriteAllText(malformed, "{ not json");
        Assert.Contains("not valid JSON", UsageError(Sim("--params", malformed)));
        var other = folder.File("other.json");
        Cli.Run("params", "--model", "lemaire2004", "--format", "json", "--out", other).AssertSuccess();
        Assert.Contains("for model 'lemaire2004'", UsageError(Sim("--params", other)));
    }

    [Fact]
    public void Format_must_be_one_of_the_choices()
    {
        var line = Cli.Run("params", "--model", "lemaire2004", "--format", "jsn").AssertUsageError();
        Assert.Equal("osteo params: --format: unknown value 'jsn'. Valid values (nearest first): json, md, csv.", line);
    }

    [Fact]
    public void Unknown_command_lists_the_commands()
    {
        var line = Cli.Run("simulat", "--model", "x").AssertUsageError();
        Assert.StartsWith("osteo: unknown command 'simulat'. Commands (nearest first): simulate, ", line);
        Assert.Contains("bench solvers", line);
        Assert.Contains("choose a sub-command: bench solvers, bench rhs", Cli.Run("bench").AssertUsageError());
        Assert.Contains("unknown command 'bench solver'", Cli.Run("bench", "solver").AssertUsageError());
    }

    [Fact]
    public void Steady_state_errors()
    {
        Assert.Contains("unknown option '--t-end'", UsageError("steady-state", "--model", "lemaire2004", "--t-end", "5"));
        Assert.Contains("no parameter or input named 'k3x'", UsageError("steady-state", "--model", "lemaire2004", "--set", "k3x=1"));
    }

    [Fact]
    public void Bench_errors()
    {
        Assert.Contains("--problems: unknown problem 'robber'. Valid problems (nearest first): rober, ", Cli.Run("bench", "solvers", "--problems", "robber").AssertUsageError());
        Assert.Contains("--methods: unknown method 'radau'", Cli.Run("bench", "solvers", "--methods", "radau").AssertUsageError());
        Assert.Contains("--rtols: 2 lies outside [1e-14, 1)", Cli.Run("bench", "solvers", "--rtols", "1e-6,2").AssertUsageError());
        Assert.Contains("--rtols: entry 2 of '1e-6,' is empty", Cli.Run("bench", "solvers", "--rtols", "1e-6,").AssertUsageError());
        Assert.Contains("--calls must be at least 1000", Cli.Run("bench", "rhs", "--calls", "10").AssertUsageError());
    }
}
