using OsteoOde.Modeling;
using OsteoOde.Models.Aging;
using OsteoOde.Numerics;

namespace OsteoOde.Models.Tests.Aging;

/// <summary>
/// Module-off identities: with every module off the lifetime model is <c>scheiner2013</c> (trabecular bone) exactly, and
/// switching a module off is the same as neutralising its gain, i.e. "off" removes exactly that module's terms.
/// </summary>
public class ModuleIdentityTests
{
    private static readonly AgingOptions AllOff = AgingOptions.Female.Without([.. AgingModel.Modules]);

    [Fact]
    public void WithEveryModuleOffTheCompiledEquationsAreScheiner2013()
    {
        var aging = AgingModel.Create(AllOff);
        var scheiner = Scheiner2013.Model;
        Assert.Equal(Scheiner2013.Model.States.Select(s => s.Name), aging.States.Select(s => s.Name));
        Assert.Empty(aging.Modules);
        foreach (var s in scheiner.States)
        {
            // Hash-consed expressions: the same object means the same equation, term by term.
            Assert.Same(scheiner.ResolvedRate(s.Name), aging.ResolvedRate(s.Name));
        }

        Assert.Equal(scheiner.Observables.Select(o => o.Name), aging.Observables.Select(o => o.Name));
        foreach (var o in scheiner.Observables)
        {
            Assert.Same(scheiner.Resolve(o.Symbol), aging.Resolve(aging.Assignment(o.Name).Symbol));
        }

        // Parameters: Scheiner's (same values) plus vb_tb0; inputs identical.
        Assert.Equal(scheiner.Parameters.Select(p => p.Name).Append("vb_tb0").Order(), aging.Parameters.Select(p => p.Name).Order());
        foreach (var p in scheiner.Parameters)
        {
            Assert.Equal(p.Value, aging.Parameter(p.Name).Value);
            Assert.Equal(p.Unit, aging.Parameter(p.Name).Unit);
        }

        Assert.Equal(scheiner.Inputs.Select(i => i.Name), aging.Inputs.Select(i => i.Name));
    }

    [Fact]
    public void WithEveryModuleOffASimulationUnderInputsEqualsScheiner2013BitForBit()
    {
        var aging = AgingModel.Create(AllOff);
        var start = Simulation.Compile(aging).CreateInitialState(Simulation.Compile(aging).CreateParameterVector());
        var initial = new Dictionary<string, double> { ["OBp"] = start[0], ["OBa"] = start[1], ["OCa"] = start[2], ["vb"] = start[3] };
        InputSwitch[] inputs = [new("P_RANKL", 1e4, 20, 80), new("P_PTH", 500, 50, 120), new("P_OPG", 2e5, 150, 200), new("P_TGFb", 1e-3, 220, 260)];
        var solver = new OdeOptions { Method = "radau5", RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-16 };
        var times = Enumerable.Range(0, 301).Select(d => (double)d).ToArray();
        var a = Simulation.Run(new SimulationRequest(aging, 300) { InputSwitches = inputs, OutputTimes = times, Solver = solver }).EnsureSuccess();
        var s = Simulation.Run(new SimulationRequest(Scheiner2013.Model, 300)
        {
            InputSwitches = inputs, OutputTimes = times, Solver = solver, InitialOverrides = initial,
        }).EnsureSuccess();
        foreach (var c in s.ColumnNames)
        {
            Assert.Equal(s[c], a[c]);
        }

        Assert.True(a["vb"][80] < 19, "the RANKL window resorbs bone: the comparison is not a trivial constant run");

        // The recomputed age-25 state is the published round steady state; vb starts at vb_tb0 = 20 %.
        Assert.Equal(1e-3, start[0], 1e-17);
        Assert.Equal(5e-4, start[1], 1e-17);
        Assert.Equal(1e-4, start[2], 1e-17);
        Assert.Equal(20, start[3]);
    }

    [Theory]
    [InlineData(Sex.Female)]
    [InlineData(Sex.Male)]
    public void WithEveryDriverOffBothCompartmentsStayAtTheScheinerSteadyStateFor65Years(Sex sex)
    {
        var result = AgingRuns.LifeCourse(AgingRuns.Configuration(sex, "base"));
        foreach (var name in result.StateNames)
        {
            var v = result[name];
            Assert.All(v, x => Assert.True(Math.Abs(x / v[0] - 1) <= 1e-13, $"{name} drifts: {v[0]:R} → {x:R}"));
        }
    }

    [Fact]
    public void TheCorticalBlockIsScheiner2013WithScaledFormationAndResorption()
    {
        // Cortical block alone under an input window: its states follow scheiner2013 with k_form, k_res × ct_turnover_scale and vb = 95 %.
        var aging = AgingModel.Create(AgingOptions.Female.Without([.. AgingModel.Modules.Where(m => m != AgingModel.Cortical)]));
        var scale = aging.Parameter("ct_turnover_scale").Value;
        InputSwitch[] inputs = [new("P_RANKL", 3e3, 10, 60)];
        var solver = new OdeOptions { Method = "radau5", RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-17 };
        var times = Enumerable.Range(0, 101).Select(d => 2.0 * d).ToArray();
        var a = Simulation.Run(new SimulationRequest(aging, 200) { InputSwitches = inputs, OutputTimes = times, Solver = solver }).EnsureSuccess();
        var set = ParameterSet.Defaults(Scheiner2013.Model).With("k_form", 40 * scale).With("k_res", 200 * scale);
        var s = Simulation.Run(new SimulationRequest(Scheiner2013.Model, 200)
        {
            Parameters = set, InputSwitches = inputs, OutputTimes = times, Solver = solver,
            InitialOverrides = new Dictionary<string, double> { ["OBp"] = a["OBp_ct"][0], ["OBa"] = a["OBa_ct"][0], ["OCa"] = a["OCa_ct"][0], ["vb"] = 95 },
        }).EnsureSuccess();
        foreach (var (ct, sch) in new[] { ("OBp_ct", "OBp"), ("OBa_ct", "OBa"), ("OCa_ct", "OCa"), ("vb_ct", "vb"), ("RANKL_ct", "RANKL"), ("OPG_ct", "OPG") })
        {
            for (var i = 0; i < times.Length; i++)
            {
                Check.Close(s[sch][i], a[ct][i], 1e-9, 0, $"{ct} at day {times[i]}");
            }
        }

        // And the trabecular block, sharing the inputs, is scheiner2013 with vb0 = 20 %.
        for (var i = 0; i < times.Length; i++)
        {
            Check.Close(a["OCa_ct"][i], a["OCa"][i], 1e-9, 0, "both blocks see the same input");
        }
    }

    /// <summary>Switching a module off equals neutralising its gain (the module's terms then contribute exactly nothing to bone).</summary>
    [Theory]
    [InlineData(AgingModel.Sasp, "sasp_oc_max", 0.0)]
    [InlineData(AgingModel.Estrogen, "k_est_rankl", 0.0)]
    [InlineData(AgingModel.MarrowFate, "dtheta_ad_max", 0.0)]
    public void SwitchingAModuleOffEqualsNeutralisingItsGain(string module, string gain, double neutral)
    {
        var on = AgingConfiguration.Default(Sex.Female).With(gain, neutral);
        var off = new AgingConfiguration(AgingOptions.Female.Without(module));
        var a = AgingRuns.LifeCourse(on);
        var b = AgingRuns.LifeCourse(off);
        foreach (var column in b.ColumnNames.Where(c => c is "vb" or "vb_ct" or "bmd_fn" or "OBa" or "OCa" or "OBp_ct" or "S" or "E_mat"))
        {
            for (var i = 0; i < b.RowCount; i++)
            {
                Check.Close(b[column][i], a[column][i], 2e-9, 0, $"{module} off vs {gain} = {neutral}: {column} at age {25 + i}");
            }
        }

        Assert.True(AgingRuns.At(a, "bmd_fn", 80) < 0.99 * AgingRuns.At(a, "bmd_fn", 25), "bone is still lost through the other modules");
    }

    [Fact]
    public void VesiclesWithoutCouplingGainsLeaveBoneAsWithoutVesicles()
    {
        var gainsOff = AgingConfiguration.Default(Sex.Male).With("P_rankl_ev_max", 0).With("theta_ob", 0).With("dtheta_ad_max", 0);
        var vesiclesOff = new AgingConfiguration(AgingOptions.Male.Without(AgingModel.Vesicles)).With("dtheta_ad_max", 0);
        var a = AgingRuns.LifeCourse(gainsOff);
        var b = AgingRuns.LifeCourse(vesiclesOff);
        for (var i = 0; i < b.RowCount; i++)
        {
            Check.Close(b["bmd_fn"][i], a["bmd_fn"][i], 2e-9, 0, $"bmd at age {25 + i}");
        }

        // With vesicles off there is no cargo state at all; with gains off the pools still age.
        Assert.False(b.HasColumn("E_cell"));
        Assert.True(AgingRuns.At(a, "rankl_ev", 80) > 3);
    }

    [Fact]
    public void WithoutTheClosureTrabecularBoneIsExhaustedInMidlifeWhetherSwitchedOffOrAtZeroGain()
    {
        // The closure is mandatory for lifetime runs (aging-model notes): without it the drivers resorb the trabecular compartment
        // completely; the solver stops at vb = 0 (non-negativity) rather than returning negative bone. Module off and λ = 0 agree.
        var off = Simulation.Run(new AgingConfiguration(AgingOptions.Female.Without(AgingModel.Closure)).CreateRequest());
        var zero = Simulation.Run(AgingConfiguration.Default(Sex.Female).With("lambda_mech_tb", 0).With("lambda_mech_ct", 0).CreateRequest());
        foreach (var r in new[] { off, zero })
        {
            Assert.False(r.IsSuccess);
            Assert.Contains("vb", r.Message, StringComparison.Ordinal);
            Assert.InRange(r.Times[^1], AgingModel.TimeAt(50), AgingModel.TimeAt(60));
        }

        Assert.Equal(off.RowCount, zero.RowCount);
        for (var i = 0; i < off.RowCount; i++)
        {
            Check.Close(off["bmd_fn"][i], zero["bmd_fn"][i], 2e-9, 0, $"bmd at age {25 + i}");
        }
    }
}
