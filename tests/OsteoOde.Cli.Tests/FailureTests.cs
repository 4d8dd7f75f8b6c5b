using OsteoOde.Cli;

namespace OsteoOde.Cli.Tests;

/// <summary>Numerical failures (exit code 1, the solver's message, nothing written) and the internal-error policy.</summary>
public class FailureTests
{
    [Fact]
    public void Step_limit_is_a_numerical_failure_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var run = Cli.Run("simulate", "--model", "pivonka2008", "--t-end", "100", "--max-steps", "3", "--out", folder.File("x.csv"));
        Assert.Equal(ExitCodes.NumericalFailure, run.Code);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrLines);
        Assert.StartsWith("osteo simulate: MaxStepsReached: ", line);
        Assert.Contains("limit of 3 steps at t = ", line);
        Assert.Empty(folder.Files);
    }

    [Fact]
    public void Blow_up_is_a_numerical_failure_with_time_and_state()
    {
        using var folder = new TempFolder();
        var path = folder.File("x.csv");
        File.WriteAllText(path, "previous\n");
        var run = Cli.Run(TestModels.App, "simulate", "--model", "blowup", "--t-end", "2", "--method", "dopri5", "--out", path);
        Assert.Equal(ExitCodes.NumericalFailure, run.Code);
        var line = Assert.Single(run.ErrLines);
        Assert.Matches("^osteo simulate: (NonFiniteState|StepSizeTooSmall|MaxStepsReached): ", line);
        var t = Csv.Number(System.Text.RegularExpressions.Regex.Match(line, @"at t = ([0-9.eE+-]+)").Groups[1].Value);
        Assert.Equal(1, t, 1e-3);   // the exact solution 1/(1 − t) blows up at t = 1
        Assert.Contains("largest error in x", line);
        Assert.Equal("previous\n", File.ReadAllText(path));   // an existing file is left as it was
        Assert.Equal(["x.csv"], folder.Files);
    }

    [Fact]
    public void Missing_steady_state_is_a_numerical_failure()
    {
        var run = Cli.Run(TestModels.App, "steady-state", "--model", "nosteady");
        Assert.Equal(ExitCodes.NumericalFailure, run.Code);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrLines);
        Assert.Matches("^osteo steady-state: (NotConverged|Failed): ", line);
    }

    [Fact]
    public void Unexpected_exception_is_one_line_and_exit_code_1()
    {
        var app = new OsteoApp([new ThrowingCommand()]);
        var run = Cli.Run(app, "boom");
        Assert.Equal(ExitCodes.NumericalFailure, run.Code);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrLines);
        Assert.Equal("osteo boom: internal error (InvalidOperationException): broken invariant. Please report it; set OSTEO_DEBUG=1 for the stack trace.", line);
        Assert.DoesNotContain(" at ", run.Err);
    }

    [Fact]
    public void Osteo_debug_adds_the_stack_trace()
    {
        // Same class as the test above, so xunit never runs the two at the same time.
        Environment.SetEnvironmentVariable("OSTEO_DEBUG", "1");
        try
        {
            var run = Cli.Run(new OsteoApp([new ThrowingCommand()]), "boom");
            Assert.Equal(ExitCodes.NumericalFailure, run.Code);
            Assert.StartsWith("osteo boom: internal error (InvalidOperationException): broken invariant.", run.ErrLines[0]);
            Assert.Contains("System.InvalidOperationException: broken invariant", run.Err);
            Assert.Contains(" at ", run.Err);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OSTEO_DEBUG", null);
        }
    }

    [Fact]
    public void Library_argument_exception_is_a_usage_error_without_the_parameter_suffix()
    {
        var app = new OsteoApp([new ThrowingCommand(new ArgumentException("Value 'q' is bad.\nSecond line.", "q"))]);
        var line = Cli.Run(app, "boom").AssertUsageError();
        Assert.Equal("osteo boom: Value 'q' is bad. Second line.", line);
    }

    private sealed class ThrowingCommand(Exception? error = null) : CliCommand
    {
        public override string Name => "boom";

        public override string Summary => "throws";

        public override string Usage => "boom";

        public override IReadOnlyList<OptionSpec> Options => [];

        public override int Execute(ParsedArguments args, CliStreams streams) => throw (error ?? new InvalidOperationException("broken invariant"));
    }
}
