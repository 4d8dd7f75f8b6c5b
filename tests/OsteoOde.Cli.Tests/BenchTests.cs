using OsteoOde.Benchmarks;
using OsteoOde.Modeling;
using OsteoOde.Models.Aging;

namespace OsteoOde.Cli.Tests;

public class BenchTests
{
    [Fact]
    public void Solvers_csv_has_the_contract_columns_and_parseable_numbers()
    {
        var run = Cli.Run("bench", "solvers", "--problems", "rober", "--methods", "rodas5p", "--rtols", "1e-5").AssertSuccess();
        var records = Csv.Records(run.Out);
        Assert.Equal(["problem", "method", "rtol", "error", "rhs_evals", "jacobians", "steps", "median_us"], records[0]);
        var row = Assert.Single(records.Skip(1));
        Assert.Equal(["rober", "rodas5p"], row[..2]);
        Assert.Equal(1e-5, Csv.Number(row[2]));
        Assert.True(long.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture) > 10);
        Assert.True(long.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(long.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(Csv.Number(row[7]) > 0);

        // The counters are deterministic: they equal the library's measurement of the same configuration.
        var library = SolverBenchmark.Measure(StiffTestProblem.Rober, "rodas5p", 1e-5, new SolverBenchmarkOptions { WarmupSolves = 0, MinRepeats = 1, MaxRepeats = 1 });
        Assert.Equal([library.RhsEvals, library.Jacobians, library.Steps],
            row[4..7].Select(c => long.Parse(c, System.Globalization.CultureInfo.InvariantCulture)));

        // The error is deterministic too; the table prints it to 4 significant digits.
        Assert.Equal(library.Error, Csv.Number(row[3]), library.Error * 5e-4);

        // Progress on stderr, one line per configuration, after a note when the timed code is unoptimised.
        var debug = BuildNote.IsDebug(typeof(Numerics.OdeSolver).Assembly);
        Assert.Equal(debug ? 2 : 1, run.ErrLines.Length);
        Assert.Equal(debug, run.ErrLines[0].StartsWith("bench solvers: note: OsteoOde.Numerics is a Debug build", StringComparison.Ordinal));
        Assert.StartsWith("bench solvers: [1/1] rober rodas5p rtol=1E-05:", run.ErrLines[^1]);
    }

    [Fact]
    public void Solvers_markdown_adds_the_summary()
    {
        var run = Cli.Run("bench", "solvers", "--problems", "hires", "--methods", "radau5", "--rtols", "1e-8", "--format", "md").AssertSuccess();
        var lines = run.Out.Split('\n');
        Assert.Equal("| problem | method | rtol | error | rhs_evals | jacobians | steps | median_us | min_us |", lines[0]);
        Assert.StartsWith("| hires | radau5 | 1E-08 |", lines[2]);
        Assert.Contains(lines, l => l.StartsWith("Cheapest configurations reaching error ≤ 1E-06", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| hires | ", StringComparison.Ordinal) && l.Contains("radau5 @ 1E-08", StringComparison.Ordinal));
    }

    [Fact]
    public void Rhs_reports_three_kernels_that_agree_with_the_hand_written_code()
    {
        var run = Cli.Run("bench", "rhs", "--calls", "1000", "--repetitions", "1").AssertSuccess();
        var records = Csv.Records(run.Out);
        Assert.Equal(["kernel", "compiled_ns", "hand_ns", "ratio", "max_rel_difference"], records[0]);
        Assert.Equal(["rhs", "jacobian", "rhs+jacobian"], records.Skip(1).Select(r => r[0]));
        foreach (var r in records.Skip(1))
        {
            var compiled = Csv.Number(r[1]);
            var hand = Csv.Number(r[2]);
            Assert.True(compiled > 0 && hand > 0);
            Assert.Equal(compiled / hand, Csv.Number(r[3]), 1e-12);
            Assert.True(Csv.Number(r[4]) <= 1e-12, $"{r[0]} differs by {r[4]}");
        }

        Assert.Contains("bench rhs: timing 1000 calls x 1 repetitions", run.Err);
    }

    [Fact]
    public void Lifetime_reports_the_solver_work_of_both_life_courses_and_the_call_costs()
    {
        var run = Cli.Run("bench", "lifetime", "--repetitions", "1").AssertSuccess();
        var records = Csv.Records(run.Out);
        Assert.Equal(["quantity", "value", "unit"], records[0]);
        var values = records.Skip(1).ToDictionary(r => r[0], r => Csv.Number(r[1]), StringComparer.Ordinal);
        Assert.Equal(["cold_ms", "warm_median_ms", "warm_best_ms", "female_steps", "female_rhs_evals", "female_jacobians", "male_steps",
            "male_rhs_evals", "male_jacobians", "rhs_ns", "jacobian_ns", "unhoisted_rhs_ns"], records.Skip(1).Select(r => r[0]));

        // The work counters are deterministic: they equal those of the library's own life courses.
        var women = Simulation.Run(AgingModel.LifeCourse(AgingOptions.For(Sex.Female))).EnsureSuccess().Statistics;
        var men = Simulation.Run(AgingModel.LifeCourse(AgingOptions.For(Sex.Male))).EnsureSuccess().Statistics;
        Assert.Equal(women.AcceptedSteps, values["female_steps"]);
        Assert.Equal(women.RhsEvaluations, values["female_rhs_evals"]);
        Assert.Equal(men.JacobianEvaluations, values["male_jacobians"]);
        Assert.All(new[] { "cold_ms", "rhs_ns", "jacobian_ns", "unhoisted_rhs_ns" }, k => Assert.True(values[k] > 0, k));
        Assert.Contains("bench lifetime: 1 cold and 1 warm runs", run.Err);
        Assert.Contains("allowed 1 to 1000", Cli.Run("bench", "lifetime", "--repetitions", "5000").AssertUsageError());
        Cli.Run("bench", "lifetime", "--repetitions", "0").AssertUsageError();
    }
}
