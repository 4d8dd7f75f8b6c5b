using OsteoOde.Benchmarks;
using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Numerics.Tests;

/// <summary>Jacobians, non-negativity, failure statuses and allocation behaviour of the stiff steppers.</summary>
public class StiffBehaviourTests
{
    public static TheoryData<string> StiffMethods => ["rodas5p", "rodas4", "radau5", "auto"];

    [Theory]
    [InlineData("rober")]
    [InlineData("vdpol")]
    [InlineData("hires")]
    [InlineData("orego")]
    public void FiniteDifferenceJacobianMatchesAnalytic(string name)
    {
        var problem = StiffTestProblem.Get(name);
        var n = problem.Dimension;
        var options = problem.CreateOptions("rodas5p", 1e-6);
        var y = problem.GridState(3).ToArray();
        var t = problem.GridTimes[3];
        var f0 = new double[n];
        problem.Rhs(t, y, f0);
        var analytic = new double[n * n];
        var numeric = new double[n * n];
        var counters = new SolverCounters();
        Assert.Equal(-1, new JacobianEvaluator(problem.CreateProblem(true), options, counters).Evaluate(t, y, f0, analytic));
        Assert.Equal(-1, new JacobianEvaluator(problem.CreateProblem(false), options, counters).Evaluate(t, y, f0, numeric));
        Assert.Equal(2, counters.JacobianEvaluations);
        Assert.Equal(n, counters.RhsEvaluations);
        var scale = analytic.Max(Math.Abs);
        for (var k = 0; k < n * n; k++)
        {
            Assert.True(Math.Abs(numeric[k] - analytic[k]) <= 1e-6 * scale, $"{name} J[{k / n},{k % n}]: {numeric[k]} vs {analytic[k]}");
        }
    }

    [Theory]
    [InlineData("rodas5p", "rober")]
    [InlineData("rodas5p", "orego")]
    [InlineData("radau5", "hires")]
    [InlineData("radau5", "vdpol")]
    [InlineData("auto", "rober")]
    public void FiniteDifferenceAndAnalyticJacobianGiveTheSameSolution(string method, string name)
    {
        const double rtol = 1e-6;
        var problem = StiffTestProblem.Get(name);
        var options = problem.CreateOptions(method, rtol);
        var withJacobian = OdeSolver.Default.Solve(problem.CreateProblem(true), options);
        var withDifferences = OdeSolver.Default.Solve(problem.CreateProblem(false), options);
        Assert.True(withJacobian.IsSuccess, withJacobian.Message);
        Assert.True(withDifferences.IsSuccess, withDifferences.Message);
        var a = withJacobian.FinalState.ToArray();
        var b = withDifferences.FinalState.ToArray();
        Assert.True(problem.FinalError(b) <= 10 * rtol, $"finite differences: error {problem.FinalError(b)}");
        Assert.True(problem.Error(a, b) <= 10 * rtol, $"the two solutions differ by {problem.Error(a, b)}");
        Assert.True(withDifferences.Statistics.RhsEvaluations
            >= withJacobian.Statistics.RhsEvaluations + withDifferences.Statistics.JacobianEvaluations);
    }

    [Theory]
    [MemberData(nameof(StiffMethods))]
    public void JacobianOfWrongShapeEndsWithStatusNamingTheEntry(string method)
    {
        // Written for a 2-component system: leaves the third row and column of a 3 × 3 Jacobian unset.
        var rober = StiffTestProblem.Rober;
        var problem = new OdeProblem(rober.Rhs, 0.0, [1.0, 0.0, 0.0], 1e5,
            (t, y, j) => { j[0] = -0.04; j[1] = 1e4 * y[2]; j[2] = 0.04; j[3] = -1e4 * y[2]; },
            ["A", "B", "C"]) { IsAutonomous = true };
        var result = OdeSolver.Default.Solve(problem, new OdeOptions { Method = method, RelativeTolerance = 1e-6 });
        Assert.Equal(OdeStatus.NonFiniteState, result.Status);
        Assert.Contains("Jacobian entry", result.Message, StringComparison.Ordinal);
        Assert.Contains("row-major", result.Message, StringComparison.Ordinal);
        Assert.Contains("t = ", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StiffMethods))]
    public void JacobianWritingOutOfRangeEndsWithRhsFailure(string method)
    {
        var problem = new OdeProblem((t, y, f) => f[0] = -1000 * y[0], 0.0, [1.0], 1.0,
            (t, y, j) => { j[0] = -1000; j[1] = 0; }) { IsAutonomous = true };
        var result = OdeSolver.Default.Solve(problem, new OdeOptions { Method = method });
        Assert.Equal(OdeStatus.RhsFailure, result.Status);
        Assert.Contains("IndexOutOfRangeException", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StiffMethods))]
    public void RobertsonStaysNonNegativeWhenProtected(string method)
    {
        var rober = StiffTestProblem.Rober;
        const double rtol = 1e-3;
        var options = rober.CreateOptions(method, rtol) with { NonNegative = [0, 1, 2], OutputTimes = null, DenseOutput = false };
        var stepper = OdeSolver.Default.CreateStepper(rober.CreateProblem(), options);
        var atol = options.AbsoluteTolerance;
        while (stepper.T < rober.TEnd)
        {
            Assert.True(stepper.Step(rober.TEnd), stepper.FailureMessage);
            for (var i = 0; i < 3; i++)
            {
                Assert.True(stepper.Y[i] >= -atol, $"{method}: y{i + 1} = {stepper.Y[i]} at t = {stepper.T}");
            }
        }

        Assert.True(rober.FinalError(stepper.Y) <= 1e-2);
    }

    [Theory]
    [MemberData(nameof(StiffMethods))]
    public void BlowUpEndsWithStatusAndMessage(string method)
    {
        // u' = u², u(0) = 1: u = 1/(1 − t) is infinite at t = 1.
        var problem = new OdeProblem((t, y, f) => f[0] = y[0] * y[0], 0.0, [1.0], 2.0, (t, y, j) => j[0] = 2 * y[0], ["u"]);
        var result = OdeSolver.Default.Solve(problem, new OdeOptions { Method = method, RelativeTolerance = 1e-6 });
        Assert.Contains(result.Status, new[] { OdeStatus.StepSizeTooSmall, OdeStatus.NonFiniteState, OdeStatus.MaxStepsReached });
        Assert.InRange(result.FinalTime, 0.99, 1.0 + 1e-6);
        Assert.Contains("t = ", result.Message, StringComparison.Ordinal);
        Assert.Contains("h = ", result.Message, StringComparison.Ordinal);
        Assert.Contains("u", result.Message, StringComparison.Ordinal);
        Assert.Throws<OdeSolverException>(() => result.EnsureSuccess());
    }

    [Theory]
    [MemberData(nameof(StiffMethods))]
    public void ThrowingRightHandSideEndsWithRhsFailure(string method)
    {
        var problem = new OdeProblem((t, y, f) =>
        {
            if (t > 0.5)
            {
                throw new InvalidOperationException("lookup table ends at 0.5");
            }

            f[0] = -y[0];
        }, 0.0, [1.0], 1.0);
        var result = OdeSolver.Default.Solve(problem, new OdeOptions { Method = method });
        Assert.Equal(OdeStatus.RhsFailure, result.Status);
        Assert.Contains("lookup table ends at 0.5", result.Message, StringComparison.Ordinal);
        Assert.InRange(result.FinalTime, 0.0, 0.5);
    }

    [Theory]
    [MemberData(nameof(StiffMethods))]
    public void StepLimitEndsWithMaxStepsReached(string method)
    {
        var rober = StiffTestProblem.Rober;
        var result = OdeSolver.Default.Solve(rober.CreateProblem(), rober.CreateOptions(method, 1e-8) with { MaxSteps = 50 });
        Assert.Equal(OdeStatus.MaxStepsReached, result.Status);
        Assert.Contains("50 steps", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CatalogListsTheStiffMethods()
    {
        foreach (var name in new[] { "rodas5p", "rodas4", "radau5", "auto" })
        {
            var method = OdeMethodCatalog.Default.Get(name);
            Assert.True(method.IsStiff);
            Assert.False(string.IsNullOrWhiteSpace(method.Description));
        }

        Assert.Equal(5, OdeMethodCatalog.Default.Get("rodas5p").Order);
        Assert.Equal(4, OdeMethodCatalog.Default.Get("rodas4").Order);
        Assert.Equal(5, OdeMethodCatalog.Default.Get("radau5").Order);
    }
}
