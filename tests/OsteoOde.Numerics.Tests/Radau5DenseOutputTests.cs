using OsteoOde.Numerics;

namespace OsteoOde.Numerics.Tests;

/// <summary>
/// radau5's dense output in the stiff limit. On the Prothero–Robinson problem y' = λ(y − g) + g' with λ = −1e10 and
/// g(t) = 1 + t⁴, the stage values lie on g up to O(1/(hλ)), so the collocation polynomial is the cubic through g at
/// θ = 0, c1, c2, 1 and its error is exactly the interpolation error h⁴·g⁗/4!·ω(θ) = h⁴·ω(θ),
/// ω(θ) = θ(θ − c1)(θ − c2)(θ − 1). The quartic extension through the previous step's start reproduces the quartic g.
/// </summary>
public class Radau5DenseOutputTests
{
    private const double Lambda = -1e10;
    private const double H = 0.25;
    private static readonly double C1 = (4.0 - Math.Sqrt(6.0)) / 10.0;
    private static readonly double C2 = (4.0 + Math.Sqrt(6.0)) / 10.0;
    private static readonly double[] Thetas = [0.1, 0.3, 0.5, 0.7, 0.9];

    [Fact]
    public void QuarticExtensionIsExactOnAQuarticSlowManifoldAndTheCubicIsUsedAfterARestart()
    {
        var problem = new OdeProblem(
            (t, y, f) => f[0] = (Lambda * (y[0] - G(t))) + (4 * t * t * t), 0.0, [1.0], 3.0, (t, y, j) => j[0] = Lambda);
        var options = new OdeOptions { Method = "radau5", RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-14 };
        var stepper = (StiffStepperBase)OdeMethodCatalog.Default.Get("radau5").CreateStepper(problem, options);
        stepper.FixedStepSize = H;
        var y = new double[1];
        for (var step = 0; step < 12; step++)
        {
            if (step == 6)
            {
                stepper.Restart(stepper.T, stepper.Y);
            }

            Assert.True(stepper.Step(problem.TEnd), stepper.FailureMessage);
            var cubicOnly = step is 0 or 6;
            foreach (var theta in Thetas)
            {
                var t = stepper.TPrevious + (theta * H);
                stepper.Interpolate(t, y);
                var error = y[0] - G(t);
                if (cubicOnly)
                {
                    // No earlier step on this trajectory: the collocation cubic, with its interpolation error.
                    var expected = Math.Pow(H, 4) * theta * (theta - C1) * (theta - C2) * (theta - 1);
                    Assert.True(Math.Abs(error + expected) <= 1e-3 * Math.Abs(expected),
                        $"step {step}, θ = {theta}: error {error:E6}, cubic interpolation error {-expected:E6}");
                }
                else
                {
                    Assert.True(Math.Abs(error) <= 1e-10, $"step {step}, θ = {theta}: error {error:E3}");
                }
            }
        }
    }

    private static double G(double t) => 1 + (t * t * t * t);
}
