using OsteoOde.Benchmarks;
using OsteoOde.Numerics;
using OsteoOde.Testing;
using Xunit.Abstractions;

namespace OsteoOde.Numerics.Tests;

/// <summary>
/// The four stiff test problems against their reference data with the README convention (atol = rtol · floor, error
/// max_i |y_i − yref_i| / max(|yref_i|, floor)): error ≤ 10 · rtol at the final time and at every reference grid time (the
/// dense output of the step covering each grid time is evaluated).
/// </summary>
public class StiffProblemTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, double> Cases()
    {
        var data = new TheoryData<string, string, double>();
        foreach (var method in new[] { "rodas5p", "rodas4", "radau5" })
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
        var stepper = OdeMethodCatalog.Default.Get(method).CreateStepper(problem.CreateProblem(), problem.CreateOptions(method, rtol));
        var samples = StepperRuns.RunAndSample(stepper, problem.TEnd, problem.GridTimes);
        Assert.True(stepper.Status == OdeStatus.Success, stepper.FailureMessage);
        Assert.Equal(problem.TEnd, stepper.T);
        var finalError = problem.FinalError(stepper.Y);
        var worstGrid = 0.0;
        for (var k = 0; k < samples.Length; k++)
        {
            var y = samples[k];
            Assert.NotNull(y);
            var e = problem.Error(y, problem.GridState(k));
            worstGrid = Math.Max(worstGrid, e);
            Assert.True(e <= 10 * rtol, $"{method} {problemName} rtol {rtol}: error {e:E3} at grid time {problem.GridTimes[k]}");
        }

        output.WriteLine($"{method} {problemName} rtol {rtol:E0}: final error {finalError:E3}, worst grid error {worstGrid:E3}, "
            + $"{stepper.Counters.AcceptedSteps} steps");
        Assert.True(finalError <= 10 * rtol, $"{method} {problemName} rtol {rtol}: final error {finalError:E3}");
    }
}
