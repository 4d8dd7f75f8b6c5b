namespace OsteoOde.Cli.Tests;

/// <summary>Model options and time columns, through a registry with test models next to the catalog.</summary>
public class ModelOptionTests
{
    private static CliRun Run(params string[] args) => Cli.Run(TestModels.App, args);

    [Fact]
    public void Time_columns_come_right_after_t()
    {
        var table = Csv.Numeric(Run("simulate", "--model", "decay", "--t-end", "730.5", "--points", "3").AssertSuccess().Out);
        Assert.Equal(["t", "age", "x"], table.Header);
        Assert.Equal([50, 51, 52], table.Column("age"), new ToleranceComparer(1e-12));
        Assert.Equal(Math.Exp(-0.1 * 365.25), table.Column("x")[1], 1e-9);   // within the absolute tolerance 1e-10 of the solver
    }

    [Fact]
    public void A_model_option_selects_the_variant()
    {
        var table = Csv.Numeric(Run("simulate", "--model", "decay", "--variant", "fast", "--t-end", "2", "--times", "0,2").AssertSuccess().Out);
        Assert.Equal(60, table.Column("age")[0]);
        Assert.Equal(Math.Exp(-2), table.Column("x")[1], 1e-6 * Math.Exp(-2));
        var slow = Csv.Numeric(Run("simulate", "--model", "decay", "--variant=slow", "--t-end", "2", "--times", "0,2").AssertSuccess().Out);
        Assert.Equal(Math.Exp(-0.2), slow.Column("x")[1], 1e-6);

        // The option reaches every model command.
        var k = Csv.Records(Run("params", "--model", "decay", "--variant", "fast", "--format", "csv").AssertSuccess().Out).Single(r => r[0] == "k");
        Assert.Equal("1", k[2]);
    }

    [Fact]
    public void Model_options_are_listed_and_rejected_elsewhere()
    {
        var models = Csv.Records(Run("models", "--format", "csv").AssertSuccess().Out);
        Assert.Equal("--variant <slow|fast>", models.Single(r => r[0] == "decay")[3]);
        Assert.Contains("decay: --variant <slow|fast>", Run("simulate", "--help").AssertSuccess().Out);

        Assert.Equal("osteo simulate: option --variant is an option of model decay, not of 'lemaire2004'.",
            Run("simulate", "--model", "lemaire2004", "--variant", "fast", "--t-end", "1").AssertUsageError());
        Assert.Equal("osteo simulate: option --variant is an option of model decay; give --model.",
            Run("simulate", "--variant", "fast", "--t-end", "1").AssertUsageError());
        Assert.Contains("--variant: unknown value 'medium'. Valid values: slow, fast.",
            Run("simulate", "--model", "decay", "--variant", "medium", "--t-end", "1").AssertUsageError());
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(y));

        public int GetHashCode(double obj) => 0;
    }
}
