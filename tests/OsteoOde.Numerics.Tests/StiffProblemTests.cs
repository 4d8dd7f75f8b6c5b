using OsteoOde.Benchmarks;
using OsteoOde.Numerics;
using Xunit.Abstractions;

namespace OsteoOde.Numerics.Tests;

/// <summary>
/// The four stiff test problems against their reference data with the README convention (atol = rtol · floor, error
/// max_i |y_i − yref_i| / max(|yref_i|, floor)), solved through <see cref="OdeSolver.Solve"/> with OutputTimes = the reference
/// grid (so values between steps come from each method's dense output): error ≤ 10 · rtol at the final time and at every
/// grid time, both from the values recorded during the run and from the stored dense solution.
/// </summary>
public class StiffProblemTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, double> Cases()
    {
        var data = new TheoryData<string, string, double>();
        foreach (var method in new[] { "rodas5p", "rodas4", "radau5", "auto" })
        {
            foreach (var problem in new[] { "rober", "vdpol", "hires", "orego" })
            {
                foreach (var rtol in new[] { 1e-6, 1e-9 })
                {
                    data.Add(method, problem, rtol);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReachesTenTimesRtolAtFinalAndGridTimes(string method, string problemName, double rtol)
    {
        var problem = StiffTestProblem.Get(problemName);
        var options = problem.CreateOptions(method, rtol) with { OutputTimes = problem.GridTimes, DenseOutput = true };
        var result = OdeSolver.Default.Solve(problem.CreateProblem(), options);
        Assert.True(result.Status == OdeStatus.Success, result.Message);
        Assert.Equal(problem.TEnd, result.FinalTime);
        Assert.Equal(problem.GridTimes.Count, result.Times.Count);
        var finalError = problem.FinalError(result.FinalState.ToArray());
        var worst = 0.0;
        for (var k = 0; k < result.Times.Count; k++)
        {
            Assert.Equal(problem.GridTimes[k], result.Times[k]);
            var e = problem.Error(result.StateAt(k), problem.GridState(k));
            var dense = problem.Error(result.Dense!.Evaluate(problem.GridTimes[k]), problem.GridState(k));
            worst = Math.Max(worst, Math.Max(e, dense));
            Assert.True(e <= 10 * rtol, $"{method} {problemName} rtol {rtol}: error {e:E3} at grid time {problem.GridTimes[k]}");
            Assert.True(dense <= 10 * rtol,
                $"{method} {problemName} rtol {rtol}: dense-solution error {dense:E3} at grid time {problem.GridTimes[k]}");
        }

        output.WriteLine($"{method} {problemName} rtol {rtol:E0}: final error {finalError:E3}, worst grid error {worst:E3}, "
            + $"{result.Statistics.AcceptedSteps} steps, {result.Statistics.MethodSwitches} switches");
        Assert.True(finalError <= 10 * rtol, $"{method} {problemName} rtol {rtol}: final error {finalError:E3}");
    }

    [Theory]
    [InlineData("rober")]
    [InlineData("hires")]
    public void AutoStartsExplicitAndSwitchesToTheStiffMethod(string problemName)
    {
        var problem = StiffTestProblem.Get(problemName);
        var stepper = OdeSolver.Default.CreateStepper(problem.CreateProblem(), problem.CreateOptions("auto", 1e-6));
        Assert.True(stepper.Step(problem.TEnd));
        Assert.Equal("tsit5", stepper.ActiveMethodName);
        while (stepper.T < problem.TEnd)
        {
            Assert.True(stepper.Step(problem.TEnd), stepper.FailureMessage);
        }

        Assert.Equal("rodas5p", stepper.ActiveMethodName);
        Assert.InRange(stepper.Counters.MethodSwitches, 1, 3);
        Assert.True(stepper.Counters.JacobianEvaluations > 0);
    }

    [Fact]
    public void AutoDenseSolutionIsAccurateAcrossSwitches()
    {
        var problem = StiffTestProblem.Rober;
        const double rtol = 1e-6;
        var result = OdeSolver.Default.Solve(problem.CreateProblem(), problem.CreateOptions("auto", rtol) with { DenseOutput = true });
        Assert.True(result.IsSuccess, result.Message);
        Assert.True(result.Statistics.MethodSwitches >= 1);
        Assert.NotNull(result.Dense);
        for (var k = 0; k < problem.GridTimes.Count; k++)
        {
            var y = result.Dense.Evaluate(problem.GridTimes[k]);
            Assert.True(problem.Error(y, problem.GridState(k)) <= 10 * rtol, $"dense output at {problem.GridTimes[k]}");
        }
    }
}
