using OsteoOde.Modeling;
using OsteoOde.Models.Aging;

namespace OsteoOde.Models.Tests.Aging;

/// <summary>The runtime diagnostic reports the work of the runs it times (no timing is asserted: speed is measured, not tested).</summary>
public class BenchmarkTests
{
    [Fact]
    public void BenchmarkReportsTheSolverWorkOfBothLifeCourses()
    {
        var result = AgingBenchmark.Run(repetitions: 1);
        var women = Simulation.Run(AgingModel.LifeCourse(AgingOptions.Female)).EnsureSuccess();
        var men = Simulation.Run(AgingModel.LifeCourse(AgingOptions.Male)).EnsureSuccess();
        Assert.Equal(women.Statistics, result.FemaleStatistics);
        Assert.Equal(men.Statistics, result.MaleStatistics);
        Assert.Equal("radau5", result.Method);
        Assert.Equal(1e-10, result.RelativeTolerance);
        Assert.True(result.ColdMilliseconds > 0 && result.WarmMilliseconds > 0 && result.RhsNanoseconds > 0 && result.JacobianNanoseconds > 0
            && result.UnhoistedRhsNanoseconds > 0);
        Assert.Contains("women + men", result.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => AgingBenchmark.Run(0));
    }
}
