using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Numerics.Tests;

/// <summary>Step-size limits and the manual stepping interface of the explicit kernel.</summary>
public class StepperTests
{
    public static TheoryData<string> Methods() => ExplicitTableauTests.ExplicitMethodNames();

    [Theory]
    [MemberData(nameof(Methods))]
    public void MaxStep_and_InitialStep_are_honoured(string method)
    {
        var problem = ExactProblems.Rotation.ToProblem();
        var result = OdeSolver.Default.Solve(problem, new OdeOptions { Method = method, MaxStep = 0.05 });
        Assert.Equal(OdeStatus.Success, result.Status);
        for (var k = 1; k < result.Times.Count; k++)
        {
            // The difference of two times carries their rounding (~1e-16), not the step's.
            Assert.True(result.Times[k] - result.Times[k - 1] <= 0.05 * (1 + 1e-14), $"step {k}: {result.Times[k] - result.Times[k - 1]:R}");
        }

        Assert.True(result.Times.Count >= (2 * Math.PI / 0.05) + 1);

        var stepper = (ExplicitRungeKuttaStepper)OdeSolver.Default.CreateStepper(problem, new OdeOptions { Method = method, InitialStep = 1e-3 });
        Assert.Equal(0, stepper.Counters.RhsEvaluations);
        Assert.True(stepper.Step(problem.TEnd));
        Assert.Equal(1e-3, stepper.LastStepSize, 1e-18);
        Assert.True(stepper.NextStepSize > 1e-3, "a smooth problem lets the step grow");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Restart_and_suggested_step_size_set_the_state_and_the_next_step(string method)
    {
        var p = ExactProblems.Rotation;
        var stepper = (ExplicitRungeKuttaStepper)OdeSolver.Default.CreateStepper(p.ToProblem(), new OdeOptions { Method = method });
        Assert.True(stepper.Step(p.TEnd));
        Assert.True(stepper.Step(p.TEnd));
        var evaluations = stepper.Counters.RhsEvaluations;

        // Restart on the exact solution at another time; the interpolant is then the constant restart state.
        var restartState = p.ExactAt(1.0);
        stepper.Restart(1.0, restartState);
        Assert.Equal(1.0, stepper.T);
        Assert.Equal(1.0, stepper.TPrevious);
        var y = new double[2];
        stepper.Interpolate(1.0, y);
        Assert.Equal(restartState, y);
        Assert.Equal(0.0, stepper.StiffnessIndicator);

        stepper.SuggestStepSize(0.01);
        Assert.Equal(0.01, stepper.NextStepSize);
        Assert.True(stepper.Step(p.TEnd));
        Assert.Equal(0.01, stepper.LastStepSize, 1e-15);
        Assert.True(FixedStepRunner.MaxDifference(stepper.Y, p.ExactAt(stepper.T)) < 1e-9);

        // The restart discards the FSAL stage: the first step after it evaluates f at the restart point again.
        var stagesPerStep = stepper.Tableau.Stages - 1;
        Assert.Equal(evaluations + stagesPerStep + 1, stepper.Counters.RhsEvaluations);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Steps_land_exactly_on_the_limit_and_FSAL_saves_one_evaluation_per_step(string method)
    {
        var p = ExactProblems.ExpSin;
        var stepper = OdeSolver.Default.CreateStepper(p.ToProblem(), new OdeOptions { Method = method });
        var limits = new[] { 0.3, 0.30000000000000004, 1.7, 6.0 };
        foreach (var limit in limits)
        {
            while (stepper.T < limit)
            {
                Assert.True(stepper.Step(limit));
                Assert.True(stepper.T <= limit);
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits(limit), BitConverter.DoubleToInt64Bits(stepper.T));
        }

        // f(t0) + initial-step probe + (s − 1) per attempt, with no dense output requested.
        var attempts = stepper.Counters.AcceptedSteps + stepper.Counters.RejectedSteps;
        var s = ExplicitTableauTests.TableauOf(method).Stages;
        Assert.Equal(2 + ((s - 1) * attempts), stepper.Counters.RhsEvaluations);
        Assert.Throws<ArgumentOutOfRangeException>(() => stepper.Step(6.0));
    }

    [Fact]
    public void Per_component_absolute_tolerances_weight_the_error_norm()
    {
        // y0 stays 1; y1 ~ 1e-6 oscillates. With atol_1 = 1e-6 (its own size) y1 is barely controlled; with 1e-16 it is
        // controlled by rtol = 1e-6 like y0.
        var problem = new OdeProblem((t, y, dy) =>
        {
            dy[0] = 0;
            dy[1] = -Math.Cos(3 * t) * y[1];
        }, 0, [1.0, 1e-6], 10);
        var loose = OdeSolver.Default.Solve(problem, new OdeOptions { Method = "dopri5", RelativeTolerance = 1e-6, AbsoluteTolerances = [1e-6, 1e-6] });
        var tight = OdeSolver.Default.Solve(problem, new OdeOptions { Method = "dopri5", RelativeTolerance = 1e-6, AbsoluteTolerances = [1e-6, 1e-16] });
        var exact = 1e-6 * Math.Exp(-Math.Sin(30) / 3);
        var looseError = Math.Abs(loose.FinalState[1] - exact) / exact;
        var tightError = Math.Abs(tight.FinalState[1] - exact) / exact;
        Assert.True(tight.Statistics.AcceptedSteps > 3 * loose.Statistics.AcceptedSteps,
            $"{tight.Statistics.AcceptedSteps} vs {loose.Statistics.AcceptedSteps} steps");
        Assert.True(tightError < 1e-5, $"tight relative error {tightError:E2}");
        Assert.True(looseError > 100 * tightError, $"loose {looseError:E2} vs tight {tightError:E2}");
    }
}
