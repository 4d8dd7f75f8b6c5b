using OsteoOde.Models.Aging;

namespace OsteoOde.Models.Tests.Aging;

/// <summary>
/// Raising any pathological gain never raises BMD at any age (model-reference §10.9 test 5), and every state stays
/// non-negative over the life course.
/// </summary>
public class MonotonicityTests
{
    /// <summary>The gains of the prototype's check (SPEC §7: 12 pathological gains).</summary>
    public static readonly string[] Gains =
    [
        "k_est_rankl", "est_drop", "sasp_oc_max", "P_rankl_ev_max", "theta_ob", "dtheta_ad_max", "g_rankl_ev", "g_mirna_ob", "g_mirna_mat",
        "eta_sen", "phi_sen", "f_sen25",
    ];

    public static TheoryData<Sex, string> Cases()
    {
        var data = new TheoryData<Sex, string>();
        foreach (var sex in new[] { Sex.Female, Sex.Male })
        {
            foreach (var g in Gains.Where(g => sex == Sex.Female || g is not ("k_est_rankl" or "est_drop")))
            {
                data.Add(sex, g);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RaisingAGainNeverRaisesBmdAtAnyAge(Sex sex, string gain)
    {
        // Grid of gain values ×0, ×0.5, ×1, ×1.5, ×2 (clamped to the bounds; η capped so that X*(90) stays finite: β/η > 90 y).
        var p = AgingParameters.Get(gain).Spec;
        var values = new[] { 0.0, 0.5, 1, 1.5, 2 }.Select(f => Math.Clamp(f * p.Value, p.LowerBound, p.UpperBound))
            .Select(v => gain == "eta_sen" ? Math.Min(v, 0.9 * 0.15 / 90) : v).Distinct().Order().ToArray();
        Assert.True(values.Length >= 3, $"{gain}: the grid collapsed to {values.Length} values");
        var runs = values.Select(v => AgingRuns.Run(AgingConfiguration.Default(sex).With(gain, v), AgingRuns.HalfYears)).ToArray();
        for (var k = 1; k < runs.Length; k++)
        {
            var lower = runs[k - 1]["bmd_fn"];
            var higher = runs[k]["bmd_fn"];
            for (var i = 0; i < lower.Count; i++)
            {
                Assert.True(higher[i] <= lower[i] * (1 + 1e-12),
                    $"{sex} {gain}: BMD at age {25 + (0.5 * i)} is {higher[i]:R} with {values[k]:R} but {lower[i]:R} with {values[k - 1]:R}");
            }
        }

        // The gain matters: at 80 the largest value costs bone compared with the smallest.
        Assert.True(AgingRuns.At(runs[^1], "bmd_fn", 80) < AgingRuns.At(runs[0], "bmd_fn", 80) * (1 - 1e-6), $"{gain} has no effect on BMD at 80");
    }

    [Theory]
    [InlineData(Sex.Female)]
    [InlineData(Sex.Male)]
    public void EveryStateStaysNonNegativeOverTheLifeCourse(Sex sex)
    {
        foreach (var variant in AgingRuns.Variants.Where(v => sex == Sex.Female || v != "no_estrogen"))
        {
            var r = AgingRuns.LifeCourse(AgingRuns.Configuration(sex, variant));
            foreach (var s in r.StateNames)
            {
                Assert.All(r[s], x => Assert.True(x >= 0, $"{sex} {variant}: {s} = {x:R}"));
            }
        }

        var dense = AgingRuns.Run(AgingConfiguration.Default(sex), AgingModel.AgeGrid(25, 90, 1.0 / 12));
        foreach (var s in dense.StateNames)
        {
            Assert.True(dense[s].Min() > 0, $"{sex}: {s} reaches {dense[s].Min():R}");
        }

        Assert.True(dense["OCa"].Min() >= 9.99e-5 && dense["vb"].Min() > 13 && dense["vb_ct"].Min() > 62, "physiological minima (README)");
    }
}
