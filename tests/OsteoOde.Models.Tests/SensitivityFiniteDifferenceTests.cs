using OsteoOde.Modeling;
using OsteoOde.Models.Aging;
using OsteoOde.Numerics;
using Xunit.Abstractions;

namespace OsteoOde.Models.Tests;

/// <summary>
/// Forward sensitivities of the published models against central finite differences of full simulations
/// ((y(p(1 + h)) − y(p(1 − h))) / (2hp)): truncation O(h²) and solver noise O(tol/h) bound the difference.
/// </summary>
public class SensitivityFiniteDifferenceTests(ITestOutputHelper output)
{
    /// <summary>Relative step of the central differences.</summary>
    private const double Step = 1e-4;

    private static double[] CentralDifference(SimulationRequest request, string parameter, IReadOnlyList<string> outputs)
    {
        var set = request.Parameters ?? ParameterSet.Defaults(request.Model);
        var p = set[parameter];
        var h = Step * p;
        var plus = Simulation.Run(request with { Parameters = set.With(parameter, p + h) }).EnsureSuccess();
        var minus = Simulation.Run(request with { Parameters = set.With(parameter, p - h) }).EnsureSuccess();
        var rows = request.OutputTimes!.Count;
        var d = new double[rows * outputs.Count];
        for (var r = 0; r < rows; r++)
        {
            for (var o = 0; o < outputs.Count; o++)
            {
                d[(r * outputs.Count) + o] = (plus[outputs[o]][r] - minus[outputs[o]][r]) / (2 * h);
            }
        }

        return d;
    }

    /// <summary>Worst |S − FD| / max(|FD|·p/|y| scale): compares normalised sensitivities, absolute error.</summary>
    private double Compare(SensitivityResult result, SimulationRequest request, string parameter, IReadOnlyList<string> outputs)
    {
        var fd = CentralDifference(request, parameter, outputs);
        var k = result.ParameterIndex(parameter);
        var p = result.ParameterValues[k];
        var worst = 0.0;
        for (var r = 0; r < result.Times.Count; r++)
        {
            for (var o = 0; o < outputs.Count; o++)
            {
                var q = result.OutputIndex(outputs[o]);
                var y = Math.Abs(result.Value(r, q));
                var normalisedFd = fd[(r * outputs.Count) + o] * p / y;
                var error = Math.Abs(result.Normalised(r, q, k) - normalisedFd);
                worst = Math.Max(worst, error);
            }
        }

        output.WriteLine(FormattableString.Invariant($"{parameter}: max |normalised S - FD| = {worst:E2}"));
        return worst;
    }

    [Fact]
    public void Pivonka2008_with_an_input_window_and_a_dose_matches_central_differences()
    {
        var model = Pivonka2008.Model;
        double[] times = [0, 10, 30, 60, 100, 150, 200];
        var request = new SimulationRequest(model, 200)
        {
            OutputTimes = times,
            InputSwitches = [InputSwitch.Parse("P_RANKL = 1e3 for 20 < t <= 80")],
            Doses = [new Dose("OCa", 1e-4, 30)],
            Solver = new OdeOptions { Method = "radau5", RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-18 },
        };
        string[] parameters = ["D_OBp", "A_OCa", "beta_PTH", "K_D1_TGFb", "beta_RANKL", "D_OPG"];
        string[] outputs = ["OBp", "OBa", "OCa", .. model.Observables.Select(o => o.Name)];
        var result = Sensitivity.Run(new SensitivityRequest(request, parameters) { Outputs = outputs, ParametersPerRun = 3 });
        Assert.True(result.IsSuccess, result.Message);
        foreach (var parameter in parameters)
        {
            // Measured worst 2.2e-8 (h = 1e-4: O(h²) + O(rtol/h) ≈ 1e-8 each); bound 5e-8.
            Assert.True(Compare(result, request, parameter, outputs) < 5e-8, parameter);
        }
    }

    /// <summary>Pre-equilibrated start: S(0) = −J⁻¹ ∂f/∂p at the steady state of the perturbed set, checked against differences of pre-equilibrated runs.</summary>
    [Fact]
    public void Pivonka2008_pre_equilibrated_matches_central_differences()
    {
        var model = Pivonka2008.Model;
        double[] times = [0, 50, 150];
        var request = new SimulationRequest(model, 150)
        {
            OutputTimes = times,
            PreEquilibration = new SteadyStateOptions(),
            InputSwitches = [InputSwitch.Parse("P_OPG = 2e5 for 20 < t <= 80")],
            Solver = new OdeOptions { Method = "rodas5p", RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-18 },
        };
        string[] parameters = ["D_OBp", "A_OCa", "beta_OPG"];
        string[] outputs = ["OBp", "OBa", "OCa"];
        var result = Sensitivity.Run(new SensitivityRequest(request, parameters) { Outputs = outputs });
        Assert.True(result.IsSuccess, result.Message);
        foreach (var parameter in parameters)
        {
            // Measured worst 2.2e-8 (h = 1e-4: O(h²) + O(rtol/h) ≈ 1e-8 each); bound 5e-8.
            Assert.True(Compare(result, request, parameter, outputs) < 5e-8, parameter);
        }

        // At the steady state itself the normalised sensitivities are non-zero (the implicit-function derivative is used).
        Assert.True(Math.Abs(result.Normalised(0, "OCa", "A_OCa")) > 0.1);
    }

    /// <summary>
    /// The lifetime model, women and men, at ages 50, 70 and 80: the age-25 steady state is an (unrolled) initial expression of
    /// the parameters, so S(0) comes from its symbolic derivative; estrogen loss and the mode switches are integrated through.
    /// </summary>
    [Theory]
    [InlineData(Sex.Female)]
    [InlineData(Sex.Male)]
    public void Aging_bmd_at_50_70_80_matches_central_differences(Sex sex)
    {
        var options = AgingOptions.For(sex);
        var times = new[] { 50.0, 70, 80 }.Select(AgingModel.TimeAt).ToArray();
        var request = AgingModel.LifeCourse(options, outputTimes: times, toAge: 80) with { Solver = AgingModel.SolverOptions(1e-11) };
        string[] parameters = sex == Sex.Female ? ["beta_sen", "k_res", "theta_ob", "k_est_rankl"] : ["beta_sen", "k_res", "theta_ob"];
        string[] outputs = ["bmd_fn", "OCa", "vb"];
        var result = Sensitivity.Run(new SensitivityRequest(request, parameters) { Outputs = outputs, ParametersPerRun = 2, MaxDegreeOfParallelism = 2 });
        Assert.True(result.IsSuccess, result.Message);
        foreach (var parameter in parameters)
        {
            // Measured worst 8.3e-8 over both sexes; bound 2e-7.
            Assert.True(Compare(result, request, parameter, outputs) < 2e-7, parameter);
        }
    }

    /// <summary>
    /// Scaling invariance: the models are dimensionally consistent and every dimensioned constant is a parameter, so changing
    /// the amount unit (pM → λ·pM) scales each quantity by λ^(amount exponent); differentiating at λ = 1 gives
    /// Σ_j e_amount(p_j)·(p_j/y·dy/dp_j) = e_amount(y) for every output at every time.
    /// </summary>
    [Theory]
    [InlineData("pivonka2008")]
    [InlineData("aging")]
    public void Normalised_sensitivities_obey_the_amount_scaling_sum_rule(string id)
    {
        Model model;
        SimulationRequest request;
        string[] outputs;
        if (id == "aging")
        {
            model = AgingModel.Model;
            request = AgingModel.LifeCourse(outputTimes: [.. new[] { 50.0, 70, 80 }.Select(AgingModel.TimeAt)], toAge: 80);
            outputs = ["bmd_fn", "OCa", "OBa", "S"];
        }
        else
        {
            model = Pivonka2008.Model;
            request = new SimulationRequest(model, 100)
            {
                OutputTimes = [0, 100],
                PreEquilibration = new SteadyStateOptions(),
                Solver = new OdeOptions { Method = "radau5", RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-18 },
            };
            outputs = ["OBp", "OBa", "OCa"];
        }

        var parameters = model.Parameters.Select(p => p.Name).ToArray();
        var result = Sensitivity.Run(new SensitivityRequest(request, parameters) { Outputs = outputs, ParametersPerRun = 4, MaxDegreeOfParallelism = 2 });
        Assert.True(result.IsSuccess, result.Message);
        var exponents = model.Parameters.Select(p => p.Unit.Exponent(BaseDimension.Amount)).ToArray();
        Assert.Contains(exponents, e => e != 0);
        foreach (var name in outputs)
        {
            var expected = model.TryGetQuantity(name, out var quantity) ? quantity.Unit.Exponent(BaseDimension.Amount) : throw new InvalidOperationException(name);
            for (var r = 0; r < result.Times.Count; r++)
            {
                var sum = 0.0;
                for (var k = 0; k < parameters.Length; k++)
                {
                    if (exponents[k] != 0)
                    {
                        sum += exponents[k] * result.Normalised(r, name, parameters[k]);
                    }
                }

                output.WriteLine(FormattableString.Invariant($"{id} {name} t={result.Times[r]:R}: sum = {sum:R} (expected {expected})"));
                // Measured: 1e-15 (Pivonka) and 1e-11 (lifetime model, 59 parameters); the bounds leave two orders for other platforms.
                Assert.Equal(expected, sum, id == "aging" ? 1e-9 : 1e-13);
            }
        }
    }
}
