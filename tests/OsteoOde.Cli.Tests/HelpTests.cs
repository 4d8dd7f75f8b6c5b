using System.Text.RegularExpressions;

namespace OsteoOde.Cli.Tests;

public class HelpTests
{
    public static TheoryData<string> CommandNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in OsteoApp.CreateDefault().Commands)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Fact]
    public void Every_contract_command_exists()
    {
        var names = OsteoApp.CreateDefault().Commands.Select(c => c.Name).ToList();
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "models", "params", "scenarios", "simulate", "steady-state", "bench solvers", "bench rhs" });
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Help_lists_usage_and_every_option(string name)
    {
        var command = OsteoApp.CreateDefault().Commands.Single(c => c.Name == name);
        var run = Cli.Run([.. name.Split(' '), "--help"]).AssertSuccess();
        Assert.Equal("", run.Err);
        Assert.StartsWith($"osteo {name} — ", run.Out);
        Assert.Contains($"Usage: osteo {name}", run.Out);
        foreach (var option in command.Options)
        {
            Assert.Contains(option.Label, run.Out);
        }

        // "osteo help CMD" and "-h" print the same text.
        Assert.Equal(run.Out, Cli.Run(["help", .. name.Split(' ')]).AssertSuccess().Out);
        Assert.Equal(run.Out, Cli.Run([.. name.Split(' '), "-h"]).AssertSuccess().Out);
    }

    [Fact]
    public void Overview_lists_every_command_and_the_exit_codes()
    {
        var run = Cli.Run().AssertSuccess();
        Assert.Equal(run.Out, Cli.Run("--help").AssertSuccess().Out);
        foreach (var c in OsteoApp.CreateDefault().Commands)
        {
            Assert.Contains($"  {c.Name} ", run.Out);
        }

        Assert.Contains("Exit codes: 0 success, 1 numerical failure", run.Out);
        Assert.Contains("choose a sub-command: bench solvers, bench rhs", Cli.Run("bench", "--help").AssertSuccess().Out);
    }

    [Fact]
    public void Version_prints_the_assembly_version()
    {
        var run = Cli.Run("--version").AssertSuccess();
        Assert.Matches(new Regex(@"^osteo \d+\.\d+\.\d+\S*\n$"), run.Out);
        Assert.Equal($"osteo {OsteoApp.Version}\n", run.Out);
        Assert.Equal(run.Out, Cli.Run("version").Out);
    }
}
