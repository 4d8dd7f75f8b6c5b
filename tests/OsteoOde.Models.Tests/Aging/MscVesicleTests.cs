using OsteoOde.Modeling;
using OsteoOde.Models.Aging;

namespace OsteoOde.Models.Tests.Aging;

/// <summary>
/// The young-MSC vesicle therapy module (opt-in, uncalibrated; README "Interventions"): the effect pool against its exact solution
/// (first-order decay with unit boluses at exact times), the direction of the response against the untreated control, its
/// offset after the last injection, and monotonicity in the effect size ζ.
/// </summary>
public class MscVesicleTests
{
    private static readonly double Start = AgingModel.TimeAt(AgingScenarios.TreatmentStartAge);

    private static SimulationRequest Request(string name) => ScenarioCatalog.Get(AgingModel.Id, name).CreateRequest();

    private static readonly Lazy<SimulationResult> Control = new(() => Simulation.Run(Request("untreated_from65_female")).EnsureSuccess());
    private static readonly Lazy<SimulationResult> Treated = new(() => Simulation.Run(Request("msc_ev_weekly_from65_female")).EnsureSuccess());

    private static int Week(SimulationResult r, int week)
    {
        var i = r.Times.ToList().IndexOf(Start + (7.0 * week));
        Assert.True(i >= 0, $"week {week} is not on the output grid");
        return i;
    }

    private static double Change(string column, int week) =>
        100 * ((Treated.Value[column][Week(Treated.Value, week)] / Control.Value[column][Week(Control.Value, week)]) - 1);

    [Fact]
    public void TheEffectPoolEqualsTheSumOfDecayingInjectionsAtEveryWeek()
    {
        // E_y(t) = Σ_j exp(−k (t − t_j)) over the injections t_j ≤ t; an output at an injection time is right after it.
        var k = Math.Log(2) / 7;
        var injections = AgingScenarios.MscVesicleDoses().Select(d => d.Time).ToArray();
        Assert.Equal(AgingScenarios.MscVesicleInjections, injections.Length);
        var r = Treated.Value;
        for (var week = 0; week <= 260; week++)
        {
            var t = Start + (7.0 * week);
            var exact = injections.Where(tj => tj <= t).Sum(tj => Math.Exp(-k * (t - tj)));
            Check.Close(exact, r["E_y"][Week(r, week)], 1e-8, 1e-14, $"E_y at week {week}");
        }

        // Weekly injections with a 7-day half-life: the pool approaches 2 dose units (1 / (1 − 1/2)).
        Check.Close(2, r["E_y"][Week(r, 52)], 1e-9, 0, "E_y after a year of weekly injections");
    }

    [Fact]
    public void VesiclesRaiseFormationAndBoneWhileGivenAndTheGainFadesAfterTheLastInjection()
    {
        // While injected: the progenitor supply rises; formation follows within weeks (progenitors must differentiate first) and
        // bone follows formation.
        // The module is uncalibrated, so only directions are asserted (README: +10 % formation at week 5, +3.4 % BMD at one year).
        Assert.True(Change("formation", 1) > 0 && Change("formation", 5) > Change("formation", 1), $"formation week 1 {Change("formation", 1)} %, week 5 {Change("formation", 5)} %");
        Assert.True(Change("bmd_fn", 52) > 0, $"BMD at one year {Change("bmd_fn", 52)} %");
        for (var week = 1; week <= 52; week++)
        {
            Assert.True(Change("bmd_fn", week) > Change("bmd_fn", week - 1), $"BMD gain grows while treated (week {week})");
        }

        // After the last injection the effect pool empties, the stimulated progenitors are gone, and the gain decays towards the
        // control (it is not lost at once: bone volume integrates the formation–resorption balance).
        Assert.True(Change("formation", 60) < 0, "formation falls below control once the supply boost ends (coupled resorption drop reverses)");
        Assert.True(Change("bmd_fn", 260) < Change("bmd_fn", 104) && Change("bmd_fn", 104) < Change("bmd_fn", 52));
        Assert.True(Change("bmd_fn", 260) > 0, "some gain remains at 70");
    }

    [Fact]
    public void ALargerEffectSizeNeverLowersBoneDuringTreatment()
    {
        double BmdAtOneYear(double zeta)
        {
            var request = Request("msc_ev_weekly_from65_female");
            var r = Simulation.Run(request with { Parameters = (request.Parameters ?? ParameterSet.Defaults(request.Model)).With("msc_ev_zeta", zeta) }).EnsureSuccess();
            return r["bmd_fn"][Week(r, 52)];
        }

        var control = Control.Value["bmd_fn"][Week(Control.Value, 52)];
        var previous = BmdAtOneYear(0);
        Check.Close(control, previous, 1e-8, 0, "ζ = 0 is the untreated control");
        foreach (var zeta in new[] { 0.1, 0.25, 0.5, 1.0 })
        {
            var bmd = BmdAtOneYear(zeta);
            Assert.True(bmd > previous, $"ζ = {zeta}: {bmd} not above {previous}");
            previous = bmd;
        }
    }
}
