using OsteoOde.Benchmarks;
using OsteoOde.Numerics;
using Xunit.Abstractions;

namespace OsteoOde.Numerics.Tests;

/// <summary>
/// Stiffness detection of <c>auto</c> against the exact spectral radius of the Jacobian, computed here independently from
/// the problems' analytic Jacobians.
/// <para>
/// Bound for explicit → stiff. "Stiffness has set in" at the first tsit5 step n₀ with h·ρ(J(yₙ)) ≥ the switcher's bound.
/// From then on a step counts as stiff when h·ρ̂ reaches the bound; ρ̂ is refreshed by a power-iteration probe at most 5
/// steps later (one probe suffices here: the seed is already J applied to the indicator's vector), 15 counted steps trigger
/// the switch, and it takes effect at the start of the next step. So rodas5p takes step n₀ + 5 + 15 + 1 at the latest.
/// </para>
/// <para>
/// Bound for stiff → explicit on a problem whose stiffness fades monotonically: from the first rodas5p step with
/// h·‖J‖∞ below the switcher's bound, 10 consecutive such steps trigger the switch, so tsit5 takes step n₀ + 10 at the latest.
/// </para>
/// </summary>
public class AutoSwitchTests(ITestOutputHelper output)
{
    private const int ExplicitToStiffLatency = 5 + 15 + 1;
    private const int StiffToExplicitLatency = 10;

    [Theory]
    [InlineData("rober", 1e-6)]
    [InlineData("rober", 1e-9)]
    [InlineData("vdpol", 1e-6)]
    [InlineData("vdpol", 1e-9)]
    [InlineData("hires", 1e-9)]
    public void SwitchesToTheStiffMethodWithinTheDerivedNumberOfStepsAfterStiffnessSetsIn(string name, double rtol)
    {
        var problem = StiffTestProblem.Get(name);
        var n = problem.Dimension;
        var stepper = (AutoSwitchStepper)OdeSolver.Default.CreateStepper(problem.CreateProblem(), problem.CreateOptions("auto", rtol));
        var jacobian = new double[n * n];
        var step = 0;
        var onset = -1;
        while (!stepper.IsStiffActive)
        {
            Assert.True(stepper.Step(problem.TEnd), stepper.FailureMessage);
            step++;
            if (stepper.IsStiffActive)
            {
                break;
            }

            problem.Jacobian(stepper.T, stepper.Y.ToArray(), jacobian);
            var hRho = (stepper.T - stepper.TPrevious) * SpectralRadius(jacobian, n);
            if (onset < 0 && hRho >= stepper.StiffBound)
            {
                onset = step;
            }

            Assert.True(onset < 0 || step - onset < ExplicitToStiffLatency,
                $"{name} rtol {rtol}: still explicit {step - onset} steps after h·ρ reached the bound (step {onset}, t = {stepper.T})");
        }

        output.WriteLine($"{name} rtol {rtol:E0}: h·ρ reached the bound at step {onset}, rodas5p took step {step} (latency {step - onset})");
        Assert.True(onset > 0, "the switch came before h·ρ reached the bound");
        Assert.InRange(step - onset, 1, ExplicitToStiffLatency);
    }

    [Fact]
    public void SwitchesBackWithinTheDerivedNumberOfStepsWhenStiffnessFades()
    {
        // y' = −k(t)(y − sin t) + cos t, k(t) = 1e4·e^(−t): stiff at first, not after t ≈ 10; y = sin t exactly. J = −k(t).
        static double K(double t) => 1e4 * Math.Exp(-t);
        var problem = new OdeProblem((t, y, f) => f[0] = (-K(t) * (y[0] - Math.Sin(t))) + Math.Cos(t), 0.0, [0.0], 30.0,
            (t, y, j) => j[0] = -K(t));
        var stepper = (AutoSwitchStepper)OdeSolver.Default.CreateStepper(problem,
            new OdeOptions { Method = "auto", RelativeTolerance = 1e-7, AbsoluteTolerance = 1e-9 });
        var step = 0;
        var sawStiff = false;
        var fade = -1;
        var back = -1;
        while (stepper.T < problem.TEnd)
        {
            var wasStiff = stepper.IsStiffActive;
            Assert.True(stepper.Step(problem.TEnd), stepper.FailureMessage);
            step++;
            Assert.True(Math.Abs(stepper.Y[0] - Math.Sin(stepper.T)) <= 1e-6, $"error {Math.Abs(stepper.Y[0] - Math.Sin(stepper.T))} at t = {stepper.T}");
            sawStiff |= stepper.IsStiffActive;
            if (stepper.IsStiffActive && fade < 0 && (stepper.T - stepper.TPrevious) * K(stepper.TPrevious) < stepper.NonStiffBound)
            {
                fade = step;
            }

            if (wasStiff && !stepper.IsStiffActive && back < 0)
            {
                back = step;
            }
        }

        output.WriteLine($"h·k fell below the bound at step {fade}, tsit5 took step {back}");
        Assert.True(sawStiff);
        Assert.Equal("tsit5", stepper.ActiveMethodName);
        Assert.True(fade > 0 && back > fade, $"fade {fade}, back {back}");
        Assert.InRange(back - fade, 1, StiffToExplicitLatency);
    }

    [Fact]
    public void PowerIterationFindsTheStiffEigenvalueWhereTheStiffnessIndicatorReadsTheSmoothOnes()
    {
        // Robertson at rtol 1e-9 with tsit5 alone: after 200 steps the step size is limited by the eigenvalue near −2.2e3.
        var problem = StiffTestProblem.Rober;
        var stepper = (ExplicitRungeKuttaStepper)OdeSolver.Default.CreateStepper(problem.CreateProblem(), problem.CreateOptions("tsit5", 1e-9));
        for (var k = 0; k < 200; k++)
        {
            Assert.True(stepper.Step(problem.TEnd));
        }

        var jacobian = new double[9];
        problem.Jacobian(stepper.T, stepper.Y.ToArray(), jacobian);
        var rho = SpectralRadius(jacobian, 3);
        var h = stepper.LastStepSize;
        Assert.True(h * rho > 0.6 * stepper.StabilityBoundary, $"h·ρ = {h * rho}");
        Assert.True(stepper.StiffnessIndicator < 0.1 * h * rho, $"indicator {stepper.StiffnessIndicator} vs h·ρ {h * rho}");

        var direction = new double[3];
        var rhs = stepper.Counters.RhsEvaluations;
        var estimate = stepper.PowerIterationStep(direction);
        Assert.Equal(rhs + 1, stepper.Counters.RhsEvaluations);
        Assert.True(Math.Abs(estimate - rho) <= 0.02 * rho, $"first probe {estimate}, ρ = {rho}");
        estimate = stepper.PowerIterationStep(direction);
        Assert.True(Math.Abs(estimate - rho) <= 1e-3 * rho, $"second probe {estimate}, ρ = {rho}");
    }

    [Fact]
    public void PowerIterationIsUnavailableBeforeTheFirstStepAndLeavesTheSolutionUntouched()
    {
        var problem = StiffTestProblem.Vdpol;
        var stepper = (ExplicitRungeKuttaStepper)OdeSolver.Default.CreateStepper(problem.CreateProblem(), problem.CreateOptions("tsit5", 1e-6));
        var direction = new double[] { 1, 1 };
        Assert.Equal(0.0, stepper.PowerIterationStep(direction));
        Assert.Equal([0.0, 0.0], direction);

        Assert.True(stepper.Step(problem.TEnd));
        var y = stepper.Y.ToArray();
        var mid = 0.5 * (stepper.TPrevious + stepper.T);
        var before = new double[2];
        stepper.Interpolate(mid, before);
        Assert.True(stepper.PowerIterationStep(direction) > 0);
        var after = new double[2];
        stepper.Interpolate(mid, after);
        Assert.Equal(y, stepper.Y.ToArray());
        Assert.Equal(before, after);
    }

    /// <summary>
    /// Spectral radius: for 2 × 2 and 3 × 3 matrices from the roots of the characteristic polynomial (closed forms), else by
    /// Gelfand's formula ρ = lim ‖Jᵏ‖^(1/k) with k = 2¹² by repeated squaring (relative error ≤ ln(cond)/4096).
    /// </summary>
    private static double SpectralRadius(double[] j, int n)
    {
        if (n > 3)
        {
            var power = (double[])j.Clone();
            var product = new double[n * n];
            var log = 0.0;
            for (var level = 0; level < 12; level++)
            {
                var norm = power.Max(Math.Abs);
                for (var k = 0; k < power.Length; k++)
                {
                    power[k] /= norm;
                }

                log += Math.Log(norm) / Math.Pow(2, level);
                for (var r = 0; r < n; r++)
                {
                    for (var c = 0; c < n; c++)
                    {
                        var sum = 0.0;
                        for (var k = 0; k < n; k++)
                        {
                            sum += power[(r * n) + k] * power[(k * n) + c];
                        }

                        product[(r * n) + c] = sum;
                    }
                }

                (power, product) = (product, power);
            }

            return Math.Exp(log + (Math.Log(power.Max(Math.Abs)) / 4096));
        }

        if (n == 2)
        {
            var tr = j[0] + j[3];
            var det = (j[0] * j[3]) - (j[1] * j[2]);
            var disc = (tr * tr) - (4 * det);
            return disc >= 0 ? 0.5 * (Math.Abs(tr) + Math.Sqrt(disc)) : Math.Sqrt(det);
        }

        // λ³ − c2 λ² + c1 λ − c0 with c2 = trace, c1 = sum of principal 2 × 2 minors, c0 = det; roots by Cardano.
        var c2 = j[0] + j[4] + j[8];
        var c1 = (j[0] * j[4]) - (j[1] * j[3]) + (j[0] * j[8]) - (j[2] * j[6]) + (j[4] * j[8]) - (j[5] * j[7]);
        var c0 = (j[0] * ((j[4] * j[8]) - (j[5] * j[7]))) - (j[1] * ((j[3] * j[8]) - (j[5] * j[6]))) + (j[2] * ((j[3] * j[7]) - (j[4] * j[6])));
        var shift = c2 / 3;
        var p = c1 - (c2 * c2 / 3);
        var q = (-2 * c2 * c2 * c2 / 27) + (c2 * c1 / 3) - c0;
        var disc3 = (q * q / 4) + (p * p * p / 27);
        if (disc3 > 0)
        {
            var s = Math.Sqrt(disc3);
            var real = Math.Cbrt((-q / 2) + s) + Math.Cbrt((-q / 2) - s);
            var r1 = real + shift;

            // The other two roots are complex conjugates with product c0 / r1.
            var modulus = r1 != 0 ? Math.Sqrt(Math.Abs(c0 / r1)) : Math.Abs(shift - (real / 2));
            return Math.Max(Math.Abs(r1), modulus);
        }

        var m = 2 * Math.Sqrt(-p / 3);
        var phi = Math.Acos(Math.Clamp(3 * q / (p * m), -1, 1)) / 3;
        var max = 0.0;
        for (var k = 0; k < 3; k++)
        {
            max = Math.Max(max, Math.Abs((m * Math.Cos(phi - (2 * Math.PI * k / 3))) + shift));
        }

        return max;
    }
}
