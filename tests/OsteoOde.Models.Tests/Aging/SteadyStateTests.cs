using OsteoOde.Modeling;
using OsteoOde.Models.Aging;

namespace OsteoOde.Models.Tests.Aging;

/// <summary>
/// The start at age 25: both cell blocks at the Scheiner steady state recomputed for the current parameters (the assignments
/// OBp_25, OBa_25, OCa_25), every driver at its age-25 value, so every module combination starts at rest.
/// </summary>
public class SteadyStateTests
{
    // Per-day rates of 10 % of each state's scale (the prototype's criterion, SPEC §2).
    private static double Scale(string state) => 0.1 * state switch
    {
        "OBp" or "OBp_ct" => 1e-3,
        "OBa" or "OBa_ct" => 5e-4,
        "OCa" or "OCa_ct" => 1e-4,
        "vb" => 20,
        "vb_ct" => 95,
        "S" => 0.15,
        _ => 1,
    };

    public static TheoryData<Sex, string> Combinations()
    {
        // Every on/off combination of the driver modules (cortical and readouts on): 64 for women, 32 for men.
        var data = new TheoryData<Sex, string>();
        string[] drivers = [AgingModel.Closure, AgingModel.Senescence, AgingModel.Vesicles, AgingModel.MarrowFate, AgingModel.Sasp, AgingModel.Estrogen];
        foreach (var sex in new[] { Sex.Female, Sex.Male })
        {
            var n = sex == Sex.Female ? drivers.Length : drivers.Length - 1;
            for (var mask = 0; mask < 1 << n; mask++)
            {
                data.Add(sex, string.Join(",", Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).Select(i => drivers[i])));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void EveryModuleCombinationStartsAtRest(Sex sex, string off)
    {
        var options = AgingOptions.For(sex).Without(off.Split(',', StringSplitOptions.RemoveEmptyEntries));
        var model = AgingModel.Create(options);
        var values = model.Parameters.ToDictionary(p => p.Name, p => p.Value);
        foreach (var i in model.Inputs)
        {
            values[i.Name] = i.DefaultValue;
        }

        var y0 = model.States.ToDictionary(s => s.Name, s => model.Resolve(s.Initial).Evaluate(values));
        foreach (var (name, v) in y0)
        {
            values[name] = v;
        }

        foreach (var s in model.States)
        {
            var rate = model.ResolvedRate(s.Name).Evaluate(values, time: 0);
            Assert.True(Math.Abs(rate) <= 1e-12 * Scale(s.Name), $"[{options}] d{s.Name}/dt = {rate:R} at age 25");
        }
    }

    [Fact]
    public void InitialCellStateIsTheScheinerRootFoundBySteadyStateSolver()
    {
        var root = SteadyStateSolver.Solve(Scheiner2013.Model).EnsureSuccess();
        var c = Simulation.Compile(AgingModel.Model);
        var y0 = c.CreateInitialState(c.CreateParameterVector());
        foreach (var (state, i) in new[] { ("OBp", 0), ("OBa", 1), ("OCa", 2) })
        {
            Check.Close(root[state], y0[c.StateIndex(state)], 1e-13, 0, state);
            Check.Close(root[state], y0[c.StateIndex(state + "_ct")], 1e-13, 0, state + "_ct");
            Check.Close(Scheiner2013.SteadyState[i], y0[c.StateIndex(state)], 1e-14, 0, state + " vs the designed round value");
        }

        Assert.Equal(20, y0[c.StateIndex("vb")]);
        Assert.Equal(95, y0[c.StateIndex("vb_ct")]);
        Assert.Equal(Karin.QuasiSteadyBurden(0.00135, 0.15, 0.5, 25), y0[c.StateIndex("S")]);
        Assert.Equal([1.0, 1.0, 1.0], new[] { y0[c.StateIndex("E_cell")], y0[c.StateIndex("E_mat")], y0[c.StateIndex("A_fat")] });
    }

    [Fact]
    public void CompartmentsAreTheScheinerSteadyStateScaledAsDocumented()
    {
        // Both blocks carry the same cells; the cortical block's k_form, k_res are scaled so that its turnover is 3 %/yr of 95 %.
        var r = AgingRuns.LifeCourse(AgingConfiguration.Default(Sex.Female));
        Check.Close(0.02, r["formation"][0], 1e-13, 0, "trabecular formation k_form·OBa*");
        Check.Close(0.02, r["resorption"][0], 1e-13, 0, "trabecular resorption k_res·OCa*");
        Check.Close(0.03, r["resorption_ct"][0] * 365.25 / 95, 1e-13, 0, "cortical turnover per year");
        Check.Close(0.365, r["resorption"][0] * 365.25 / 20, 1e-3, 0, "trabecular turnover per year (36.5 %)");
        Check.Close(r["formation_ct"][0], r["resorption_ct"][0], 1e-13, 0, "cortical balance");
        Assert.Equal(r["OCa"][0], r["OCa_ct"][0]);
    }

    /// <summary>What a parameter change recomputes: the age-25 root (and with it the normalisers F_0, J_res0) follows any parameter set.</summary>
    [Fact]
    public void TheStartIsRecomputedForChangedParameters()
    {
        var model = AgingModel.Model;
        var scheiner = Scheiner2013.Model;
        var c = Simulation.Compile(model);
        var rng = new Random(25);
        string[] cell = ["D_OBu", "D_OBp", "A_OBa", "D_OCp", "A_OCa", "K_D1_TGFb", "K_D2_TGFb", "K_D3_TGFb", "K_rep_PTH", "beta_OPG", "R_RANKL", "beta_RANKL", "D_RANKL", "K_D_RANKL_RANK"];
        for (var trial = 0; trial < 40; trial++)
        {
            // Up to ×/÷ 3 on every cell parameter at once, and an external RANKL input.
            var changes = cell.ToDictionary(n => n, n => model.Parameter(n).Value * Math.Exp((rng.NextDouble() * 2 - 1) * Math.Log(3)));
            var inputRankl = rng.NextDouble() < 0.5 ? 0 : 50 * rng.NextDouble();
            var set = ParameterSet.Defaults(model).With(changes).With("P_RANKL", inputRankl);
            var p = set.ToVector();
            var y0 = c.CreateInitialState(p);
            var root = SteadyStateSolver.Solve(scheiner, ParameterSet.Defaults(scheiner).With(changes.Where(kv => scheiner.TryGetQuantity(kv.Key, out _))).With("P_RANKL", inputRankl),
                start: new Dictionary<string, double> { ["OBp"] = y0[0], ["OBa"] = y0[1], ["OCa"] = y0[2], ["vb"] = 20 });
            Assert.True(root.IsConverged, root.Message);
            foreach (var (state, i) in new[] { ("OBp", 0), ("OBa", 1), ("OCa", 2) })
            {
                Check.Close(root[state], y0[i], 1e-10, 0, $"trial {trial} {state}");
            }

            var f = new double[y0.Length];
            c.Rhs(0, y0, p, f);
            for (var i = 0; i < f.Length; i++)
            {
                if (c.StateNames[i] is "vb" or "vb_ct")
                {
                    // Bone volume is balanced only when k_form·OBa* = k_res·OCa*, a property of the Scheiner defaults (SPEC §3).
                    continue;
                }

                Assert.True(Math.Abs(f[i]) <= 1e-11 * Scale(c.StateNames[i]) * Math.Max(1, y0[i] / (10 * Scale(c.StateNames[i]))),
                    $"trial {trial}: d{c.StateNames[i]}/dt = {f[i]:R}");
            }
        }
    }

    [Fact]
    public void TheSteadyStateSolveConvergesAtTheCornersOfTheBoundsAndIsNaNWithoutARoot()
    {
        var model = AgingModel.Model;
        var defaults = model.Parameters.ToDictionary(p => p.Name, p => p.Value);
        foreach (var i in model.Inputs)
        {
            defaults[i.Name] = i.DefaultValue;
        }

        double Solve(string name, IReadOnlyDictionary<string, double> values) => model.Resolve(model.Assignment(name).Symbol).Evaluate(values);

        // Corners of the box of the osteoclast and supply parameters (lifetime-model bounds): the root lies inside the bracket
        // and 10 safeguarded Newton steps reach it (the three cell equations then vanish).
        string[] corner = ["D_OCp", "A_OCa", "K_D3_TGFb", "D_OBu", "R_RANKL"];
        for (var mask = 0; mask < 1 << corner.Length; mask++)
        {
            var values = new Dictionary<string, double>(defaults);
            for (var k = 0; k < corner.Length; k++)
            {
                var q = model.Parameter(corner[k]);
                values[corner[k]] = (mask & (1 << k)) != 0 ? q.UpperBound : q.LowerBound;
            }

            var oca = Solve("OCa_25", values);
            Assert.True(double.IsFinite(oca) && oca > 0, $"corner {mask}: OCa_25 = {oca:R}");
            values["OBp"] = Solve("OBp_25", values);
            values["OBa"] = Solve("OBa_25", values);
            values["OCa"] = oca;
            values["vb"] = values["vb_tb0"];
            foreach (var state in new[] { "OBp", "OBa", "OCa" })
            {
                var rate = model.Resolve(Scheiner2013.Model.ResolvedRate(state)).Evaluate(values);
                var term = Scheiner2013.Model.Resolve(Scheiner2013.Model.State(state).RateTerms[0].Expression).Evaluate(values);
                Assert.True(Math.Abs(rate) <= 1e-11 * Math.Abs(term), $"corner {mask}: d{state}/dt = {rate:R} (term {term:R})");
            }
        }

        // Far outside the bounds (osteoclast removal 1e6-fold below its lower bound, formation 1e4-fold above) the root leaves the
        // bracket (OCa* > 49 pM): NaN, not a wrong start.
        var outside = new Dictionary<string, double>(defaults) { ["A_OCa"] = 1e-8, ["D_OCp"] = 1e3 };
        Assert.True(double.IsNaN(Solve("OCa_25", outside)));
    }
}
