using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Numerics.Tests;

/// <summary>Bad input throws naming the argument; numerical and callback failures end as a status, never an exception.</summary>
public class RobustnessTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly OdeProblem Decay = new((t, y, dy) => dy[0] = -y[0], 0, [1.0], 1);

    public static TheoryData<string> Methods() => ExplicitTableauTests.ExplicitMethodNames();

    [Theory]
    [InlineData(-1e-6, 1e-10, "RelativeTolerance")]
    [InlineData(0.0, 1e-10, "RelativeTolerance")]
    [InlineData(double.NaN, 1e-10, "RelativeTolerance")]
    [InlineData(1e-6, -1.0, "AbsoluteTolerance")]
    public void Bad_tolerances_throw_naming_the_option(double rtol, double atol, string parameter)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            OdeSolver.Default.Solve(Decay, new OdeOptions { Method = "dopri5", RelativeTolerance = rtol, AbsoluteTolerance = atol }));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_problem_and_option_shapes_throw_naming_the_argument()
    {
        OdeFunction f = (t, y, dy) => dy[0] = -y[0];
        Assert.Equal("y0", Assert.Throws<ArgumentException>(() => new OdeProblem(f, 0, [double.NaN], 1)).ParamName);
        Assert.Equal("tEnd", Assert.Throws<ArgumentException>(() => new OdeProblem(f, 1, [1.0], 0.5)).ParamName);

        var wrongLength = Assert.Throws<ArgumentException>(() =>
            OdeSolver.Default.Solve(Decay, new OdeOptions { Method = "dopri5", AbsoluteTolerances = [1e-8, 1e-8] }));
        Assert.Equal("AbsoluteTolerances", wrongLength.ParamName);
        Assert.Contains("2 entries", wrongLength.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<ArgumentException>(() => OdeSolver.Default.Solve(Decay, new OdeOptions { Method = "rk99" }));
        Assert.Equal("Method", unknown.ParamName);
        Assert.Contains("'rk99'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("dopri5", unknown.Message, StringComparison.Ordinal);

        var outside = Assert.Throws<ArgumentException>(() =>
            OdeSolver.Default.Solve(Decay, new OdeOptions { Method = "dopri5", OutputTimes = [0, 0.5, 1.5] }));
        Assert.Equal("OutputTimes", outside.ParamName);
        Assert.Contains("OutputTimes[2]", outside.Message, StringComparison.Ordinal);
        Assert.Equal("OutputTimes", Assert.Throws<ArgumentException>(() =>
            OdeSolver.Default.Solve(Decay, new OdeOptions { Method = "dopri5", OutputTimes = [-0.1] })).ParamName);

        var early = Assert.Throws<ArgumentException>(() => OdeSolver.Default.Solve(
            Decay with { TimedActions = [new TimedAction(-1, "early dose", (t, y) => y[0] += 1)] }, new OdeOptions { Method = "dopri5" }));
        Assert.Equal("TimedActions", early.ParamName);
        Assert.Contains("early dose", early.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_solution_that_blows_up_ends_with_a_status_naming_t_and_h(string method)
    {
        // y' = y², y(0) = 1 has y = 1/(1 − t), which is singular at t = 1.
        var problem = new OdeProblem((t, y, dy) => dy[0] = y[0] * y[0], 0, [1.0], 2);
        var result = OdeSolver.Default.Solve(problem, new OdeOptions { Method = method });

        Assert.Contains(result.Status, (OdeStatus[])[OdeStatus.StepSizeTooSmall, OdeStatus.NonFiniteState]);
        Assert.False(result.IsSuccess);
        // The numerical blow-up time differs from 1 by about the tolerance-sized error carried into the singularity.
        Assert.InRange(result.FinalTime, 0.999, 1.001);
        Assert.Contains("t = ", result.Message, StringComparison.Ordinal);
        Assert.Contains("h = ", result.Message, StringComparison.Ordinal);
        Assert.StartsWith(method, result.Message, StringComparison.Ordinal);
        Assert.Contains("y[0]", result.Message, StringComparison.Ordinal);
        Assert.Throws<OdeSolverException>(() => result.EnsureSuccess());
        output.WriteLine(result.Message);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_throwing_right_hand_side_ends_with_RhsFailure(string method)
    {
        var problem = new OdeProblem((t, y, dy) =>
        {
            if (t > 0.5)
            {
                throw new InvalidOperationException("parameter table not loaded");
            }

            dy[0] = -y[0];
        }, 0, [1.0], 1);
        var result = OdeSolver.Default.Solve(problem, new OdeOptions { Method = method });

        Assert.Equal(OdeStatus.RhsFailure, result.Status);
        Assert.Contains("right-hand side", result.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", result.Message, StringComparison.Ordinal);
        Assert.Contains("parameter table not loaded", result.Message, StringComparison.Ordinal);
        Assert.True(result.FinalTime <= 0.5 + 1e-12, $"final time {result.FinalTime}");
        Assert.Equal(Math.Exp(-result.FinalTime), result.FinalState[0], 1e-5);
    }

    [Fact]
    public void Throwing_event_functions_and_actions_end_with_RhsFailure_naming_them()
    {
        var badCondition = Decay with
        {
            Events = [new OdeEvent("threshold", (t, y) => t > 0.3 ? throw new InvalidOperationException("boom") : y[0] - 0.1)],
        };
        var r1 = OdeSolver.Default.Solve(badCondition, new OdeOptions { Method = "tsit5" });
        Assert.Equal(OdeStatus.RhsFailure, r1.Status);
        Assert.Contains("condition of event 'threshold'", r1.Message, StringComparison.Ordinal);

        var badAction = Decay with { TimedActions = [new TimedAction(0.5, "dose", (t, y) => throw new FormatException("bad amount"))] };
        var r2 = OdeSolver.Default.Solve(badAction, new OdeOptions { Method = "tsit5" });
        Assert.Equal(OdeStatus.RhsFailure, r2.Status);
        Assert.Contains("timed action 'dose'", r2.Message, StringComparison.Ordinal);
        Assert.Contains("bad amount", r2.Message, StringComparison.Ordinal);
        Assert.Equal(0.5, r2.FinalTime);

        var nanAction = Decay with { TimedActions = [new TimedAction(0.5, "dose", (t, y) => y[0] = double.NaN)] };
        var r3 = OdeSolver.Default.Solve(nanAction, new OdeOptions { Method = "tsit5" });
        Assert.Equal(OdeStatus.NonFiniteState, r3.Status);
        Assert.Contains("y[0]", r3.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_attempts_are_capped_by_MaxSteps()
    {
        var result = OdeSolver.Default.Solve(ExactProblems.Rotation.ToProblem(), new OdeOptions { Method = "dopri5", MaxSteps = 20, RelativeTolerance = 1e-10 });
        Assert.Equal(OdeStatus.MaxStepsReached, result.Status);
        Assert.Equal(20, result.Statistics.AcceptedSteps + result.Statistics.RejectedSteps);
        Assert.Contains("20 steps", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Protected_components_stay_above_minus_atol_where_the_unprotected_solution_undershoots(string method)
    {
        // Saturable elimination y' = −10 y / (Km + |y|), Km = 1e-3: the rate stays near −10 until y ≈ Km, so loose
        // tolerances carry a step well past zero. The RHS is well defined for y < 0 (no clamping inside it).
        const double atol = 1e-3;
        var problem = new OdeProblem((t, y, dy) => dy[0] = -10 * y[0] / (1e-3 + Math.Abs(y[0])), 0, [1.0], 10);
        var options = new OdeOptions { Method = method, RelativeTolerance = 1e-3, AbsoluteTolerance = atol };

        var unprotected = OdeSolver.Default.Solve(problem, options);
        Assert.True(unprotected.Component(0).Min() < -atol, $"{method}: the unprotected run should undershoot (min {unprotected.Component(0).Min():E2})");

        var protectedRun = OdeSolver.Default.Solve(problem, options with { NonNegative = [0] });
        Assert.Equal(OdeStatus.Success, protectedRun.Status);
        Assert.True(protectedRun.Component(0).Min() >= -atol, $"{method}: min {protectedRun.Component(0).Min():E2}");
        Assert.True(protectedRun.Statistics.RejectedSteps > unprotected.Statistics.RejectedSteps);

        // The analytic solution reaches 0 at t where y + Km ln y = 1 (about t = 0.1007); afterwards it stays near 0.
        Assert.InRange(protectedRun.FinalState[0], -atol, atol);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Stiffness_indicator_equals_h_lambda_on_a_linear_problem_and_sits_at_the_stability_boundary_when_stiff(string method)
    {
        const double lambda = 1000;
        var problem = new OdeProblem((t, y, dy) => dy[0] = -lambda * (y[0] - Math.Cos(t)), 0, [0.0], 1);
        var stepper = (ExplicitRungeKuttaStepper)OdeSolver.Default.CreateStepper(problem, new OdeOptions { Method = method, RelativeTolerance = 1e-6 });
        var ratios = new List<double>();
        while (stepper.T < 1)
        {
            Assert.True(stepper.Step(1));

            // Linear in y: k_s − k_r = −λ (g_s − g_r) exactly, so the indicator is h·λ up to rounding.
            Assert.Equal(stepper.LastStepSize * lambda, stepper.StiffnessIndicator, stepper.LastStepSize * lambda * 1e-6);
            if (stepper.T > 0.1)
            {
                ratios.Add(stepper.StiffnessIndicator / stepper.StabilityBoundary);
            }
        }

        // Once the transient has decayed the step size is limited by stability, not accuracy.
        Assert.InRange(ratios.Average(), 0.5, 1.1);
    }
}
