using System.Globalization;
using OsteoOde.Benchmarks;
using OsteoOde.Numerics;

namespace OsteoOde.Numerics.Tests;

/// <summary>The work-precision runner's bookkeeping (no timing assertions: speed belongs to the benchmark itself).</summary>
public class SolverBenchmarkTests
{
    private static readonly SolverBenchmarkOptions Quick = new()
    {
        Problems = ["hires"],
        Methods = ["rodas5p", "radau5"],
        RelativeTolerances = [1e-4, 1e-6],
        WarmupSolves = 0,
        JitWarmup = TimeSpan.Zero,
        MinRepeats = 1,
        MaxRepeats = 1,
        MinTimePerConfiguration = TimeSpan.Zero,
    };

    [Fact]
    public void RowsReportTheSolversOwnCountersAndTheReadmeError()
    {
        var rows = SolverBenchmark.Run(Quick);
        Assert.Equal(4, rows.Count);
        var hires = StiffTestProblem.Hires;
        foreach (var row in rows)
        {
            var result = OdeSolver.Default.Solve(hires.CreateProblem(), hires.CreateOptions(row.Method, row.Rtol));
            Assert.Equal(OdeStatus.Success, row.Status);
            Assert.Equal(result.Statistics.RhsEvaluations, row.RhsEvals);
            Assert.Equal(result.Statistics.JacobianEvaluations, row.Jacobians);
            Assert.Equal(result.Statistics.AcceptedSteps, row.Steps);
            Assert.Equal(hires.FinalError(result.FinalState.ToArray()), row.Error);
            Assert.True(row.MedianMicroseconds > 0);
            Assert.InRange(row.MinMicroseconds, double.Epsilon, row.MedianMicroseconds);
            if (File.Exists("/proc/loadavg"))
            {
                Assert.True(row.LoadAverage >= 0, $"load {row.LoadAverage}");
            }
        }
    }

    [Fact]
    public void LoadAverageIsTheFirstFieldOfProcLoadavgAndTheNoteGivesTheRowsRange()
    {
        if (File.Exists("/proc/loadavg"))
        {
            var load = SolverBenchmark.ReadLoadAverage();
            Assert.True(double.IsFinite(load) && load >= 0, $"load {load}");
        }

        WorkPrecisionRow[] rows =
        [
            new("rober", "radau5", 1e-5, 2.5e-7, 1575, 199, 215, 98.25, OdeStatus.Success, 80.0, 12.25),
            new("rober", "rodas5p", 1e-5, 6.3e-7, 1911, 237, 237, 120.5, OdeStatus.Success, 101.0, 3.5),
            new("rober", "rodas4", 1e-5, 6.3e-7, 1911, 237, 237, 120.5, OdeStatus.Success, 101.0, double.NaN),
        ];
        var note = SolverBenchmark.LoadNote(rows);
        Assert.StartsWith("Machine load: 1-minute load average 3.50–12.25 (/proc/loadavg, mean per configuration", note, StringComparison.Ordinal);
        Assert.Contains($"on {Environment.ProcessorCount} logical processors", note, StringComparison.Ordinal);
        Assert.EndsWith(note + "\n", SolverBenchmark.ToMarkdown(rows), StringComparison.Ordinal);
        Assert.StartsWith("Machine load: not recorded", SolverBenchmark.LoadNote([rows[2]]), StringComparison.Ordinal);
    }

    [Fact]
    public void CsvHasExactlyTheColumnsAndInvariantNumbers()
    {
        WorkPrecisionRow[] rows =
        [
            new("rober", "radau5", 1e-5, 2.5e-7, 1575, 199, 215, 98.25, OdeStatus.Success, 90.0, 11.5),
            new("rober", "rodas5p", 3.1622776601683795E-06, 6.3e-7, 1911, 237, 237, 120.5, OdeStatus.Success, 101.25, 12.0),
        ];
        var lines = SolverBenchmark.ToCsv(rows, includeDiagnostics: true).TrimEnd('\n').Split('\n');
        Assert.Equal("problem,method,rtol,error,rhs_evals,jacobians,steps,median_us,min_us,load1", lines[0]);
        Assert.Equal("problem,method,rtol,error,rhs_evals,jacobians,steps,median_us", SolverBenchmark.ToCsv(rows).Split('\n')[0]);
        Assert.Equal(3, lines.Length);
        var cells = lines[2].Split(',');
        Assert.Equal(10, cells.Length);
        Assert.Equal(3.1622776601683795E-06, double.Parse(cells[2], CultureInfo.InvariantCulture));
        Assert.Equal(6.3e-7, double.Parse(cells[3], CultureInfo.InvariantCulture));
        Assert.Equal("1911", cells[4]);
        Assert.Equal("120.50", cells[7]);
        Assert.Equal("101.25", cells[8]);
        Assert.Equal("12.00", cells[9]);
    }

    [Fact]
    public void SummaryPicksCheapestRowsReachingTheTargetAndRatiosUseTheAnchors()
    {
        WorkPrecisionRow[] rows =
        [
            new("hires", "a", 1e-4, 5e-6, 500, 50, 60, 50.0, OdeStatus.Success),     // misses the target
            new("hires", "b", 1e-5, 9e-7, 1000, 100, 120, 95.0, OdeStatus.Success, 76.0), // fastest reaching it
            new("hires", "c", 1e-6, 1e-7, 900, 20, 150, 150.0, OdeStatus.Success),   // fewest evaluations
            new("hires", "d", 1e-7, 1e-8, 10, 1, 1, 1.0, OdeStatus.MaxStepsReached), // failed: ignored
        ];
        var summary = Assert.Single(SolverBenchmark.Summarize(rows));
        Assert.Equal("b", summary.Fastest?.Method);
        Assert.Equal("c", summary.FewestEvaluations?.Method);
        Assert.Equal(95.0 / 190.0, summary.TimeRatioVsRadau5!.Value, 12);
        Assert.Equal(76.0 / 190.0, summary.MinTimeRatioVsRadau5!.Value, 12);
        Assert.Equal(1100.0 / (1427 + 18), summary.FastestEvaluationRatioVsCvode!.Value, 12);
        Assert.Equal(920.0 / (1427 + 18), summary.EvaluationRatioVsCvode!.Value, 12);
        Assert.Contains("| hires | b @ 1E-05 | 9E-07 | 1000+100 | 95.0 | 76.0 | 0.50 | 0.40 | 0.76 | c @ 1E-06 | 900+20 | 0.64 |",
            SolverBenchmark.ToMarkdown(rows), StringComparison.Ordinal);
    }

    [Fact]
    public void BadOptionsAreRejectedWithTheirName()
    {
        var e = Assert.Throws<ArgumentException>(() => SolverBenchmark.Run(Quick with { Problems = ["nope"] }));
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
        var r = Assert.Throws<ArgumentException>(() => SolverBenchmark.Run(Quick with { RelativeTolerances = [2.0] }));
        Assert.Equal("RelativeTolerances", r.ParamName);
        var m = Assert.Throws<ArgumentException>(() => SolverBenchmark.Run(Quick with { Methods = ["euler9"] }));
        Assert.Contains("euler9", m.Message, StringComparison.Ordinal);
        var rounds = Assert.Throws<ArgumentException>(() => SolverBenchmark.Run(Quick with { Rounds = 0 }));
        Assert.Equal("Rounds", rounds.ParamName);
    }

    [Fact]
    public void DefaultTolerancesSpan1e3To1e10InHalfDecades()
    {
        var tolerances = SolverBenchmarkOptions.DefaultTolerances();
        Assert.Equal(15, tolerances.Count);
        Assert.Equal(1e-3, tolerances[0], 1e-18);
        Assert.Equal(1e-10, tolerances[^1], 1e-24);
        for (var k = 1; k < tolerances.Count; k++)
        {
            Assert.Equal(Math.Sqrt(10), tolerances[k - 1] / tolerances[k], 10);
        }
    }
}
