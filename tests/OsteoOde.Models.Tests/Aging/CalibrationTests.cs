using OsteoOde.Modeling;
using OsteoOde.Models.Aging;

namespace OsteoOde.Models.Tests.Aging;

/// <summary>
/// Every calibration target of the lifetime model as an assertion with its band (issue and prototype <c>acceptance.csv</c>), and
/// the achieved value compared with the prototype's (1e-6 relative: both are computed on the same half-year grid at rtol 1e-10).
/// Sources of the bands: seeds/aging-calibration.md.
/// </summary>
public class CalibrationTests
{
    private static readonly Lazy<Dictionary<string, double>> Achieved = new(Compute);

    public static TheoryData<string> Quantities()
    {
        var table = ReferenceTable.Load("acceptance.csv");
        return new TheoryData<string>(Enumerable.Range(0, table.RowCount).Select(r => table.Text(r, "quantity")));
    }

    [Theory]
    [MemberData(nameof(Quantities))]
    public void TargetIsMetAndEqualsThePrototype(string quantity)
    {
        var table = ReferenceTable.Load("acceptance.csv");
        var row = table.Row("quantity", quantity);
        var lower = table.Number(row, "lower");
        var upper = table.Number(row, "upper");
        var value = Achieved.Value[quantity];
        Assert.True((double.IsNaN(lower) || value >= lower) && (double.IsNaN(upper) || value <= upper),
            $"{quantity} ({table.Text(row, "description")}): {value:R} outside [{lower:R}, {upper:R}]");
        Check.Close(table.Number(row, "achieved"), value, 1e-6, 1e-12, quantity);
    }

    /// <summary>The issue's targets with their tolerances, restated as numbers (independently of the CSV).</summary>
    [Fact]
    public void IssueTargetsHoldWithTheirTolerances()
    {
        var a = Achieved.Value;
        Assert.InRange(a["swan_fn_loss_pct"], -5.8 - 1.5, -5.8 + 1.5);       // SWAN FN FMP−1 → FMP+2
        Assert.InRange(a["post_fmp_rate_pct_per_yr"], -1.4, -0.7);            // then about 1 %/yr
        Assert.InRange(a["t_score_70_f"], -2.0, -1.2);
        Assert.InRange(a["t_score_80_f"], -2.6, -1.6);
        Assert.InRange(a["male_loss_30_75_pct"], 8, 15);
        Assert.InRange(a["burden_50_f"], 2.2 * 0.95, 2.2 * 1.05);
        Assert.InRange(a["burden_70_f"], 4.6 * 0.95, 4.6 * 1.05);
        Assert.InRange(a["burden_80_f"], 6.9 * 0.95, 6.9 * 1.05);
        foreach (var sex in new[] { "f", "m" })
        {
            Assert.InRange(a[$"ev_ratio_30_80_{sex}"], 1, 1.30);                 // marrow EV number +≤ 30 % (Davis 2017)
            foreach (var cargo in new[] { "rankl_ev", "mirna_ob", "mirna_adipo" })
            {
                Assert.True(a[$"{cargo}_ratio_30_80_{sex}"] >= 3, $"{cargo} load 80/30 is several-fold");
            }
        }

        Assert.InRange(a["fat_ratio_30_70_f"], 1.7, 2.3);                     // marrow fat ≈ ×2 from 30 to 70
        Assert.Equal(25, a["peak_age_f"]);
        Assert.Equal(25, a["peak_age_m"]);
    }

    [Fact]
    public void WithSenescenceAndVesiclesOffMenLoseNoBoneAndWomenOnlyTheEstrogenComponent()
    {
        var grid = AgingRuns.HalfYears;
        var men = AgingRuns.Run(new AgingConfiguration(AgingOptions.Male.Without(AgingModel.Senescence, AgingModel.Vesicles)), grid);
        Assert.All(men["bmd_fn"], b => Assert.True(Math.Abs(b / men["bmd_fn"][0] - 1) <= 1e-13, $"men lose bone: {b:R}"));

        var women = AgingRuns.Run(new AgingConfiguration(AgingOptions.Female.Without(AgingModel.Senescence, AgingModel.Vesicles)), grid);
        var estrogenOnly = AgingRuns.Run(new AgingConfiguration(AgingOptions.Female.Without(AgingModel.Senescence, AgingModel.Vesicles, AgingModel.Sasp)), grid);
        for (var i = 0; i < grid.Count; i++)
        {
            Check.Close(estrogenOnly["bmd_fn"][i], women["bmd_fn"][i], 1e-12, 0, $"women at age {25 + (0.5 * i)}");
            if (25 + (0.5 * i) <= 49)
            {
                Assert.True(Math.Abs(women["bmd_fn"][i] / women["bmd_fn"][0] - 1) <= 1e-13, "no loss before the menopause onset (49.34)");
            }
        }

        var reference = ReferenceTable.Load("checks.csv");
        Check.Close(reference.Number(reference.Row("check", "female_sen_ves_off_loss_25_80_pct"), "value"),
            100 * (1 - (AgingRuns.At(women, "bmd_fn", 80) / women["bmd_fn"][0])), 1e-6, 0, "estrogen component of the loss 25→80 (%)");
    }

    private static Dictionary<string, double> Compute()
    {
        var grid = AgingRuns.HalfYears;
        var f = AgingRuns.Run(AgingConfiguration.Default(Sex.Female), grid);
        var m = AgingRuns.Run(AgingConfiguration.Default(Sex.Male), grid);
        double At(SimulationResult r, string c, double age) => AgingRuns.At(r, c, age);
        var a = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["swan_fn_loss_pct"] = 100 * ((At(f, "bmd_fn", 53) / At(f, "bmd_fn", 50)) - 1),
            ["post_fmp_rate_pct_per_yr"] = 100 * ((At(f, "bmd_fn", 56) / At(f, "bmd_fn", 53)) - 1) / 3,
            ["t_score_70_f"] = At(f, "t_score_fn", 70),
            ["t_score_80_f"] = At(f, "t_score_fn", 80),
            ["male_loss_30_75_pct"] = 100 * (1 - (At(m, "bmd_fn", 75) / At(m, "bmd_fn", 30))),
            ["peak_age_f"] = f["age"][IndexOfMax(f["bmd_fn"])],
            ["peak_age_m"] = m["age"][IndexOfMax(m["bmd_fn"])],
        };
        foreach (var (sex, r) in new[] { ("f", f), ("m", m) })
        {
            a[$"fat_ratio_30_70_{sex}"] = At(r, "marrow_fat", 70) / At(r, "marrow_fat", 30);
            a[$"ev_ratio_30_80_{sex}"] = At(r, "ev_marrow", 80) / At(r, "ev_marrow", 30);
            foreach (var cargo in new[] { "rankl_ev", "mirna_ob", "mirna_adipo" })
            {
                a[$"{cargo}_ratio_30_80_{sex}"] = At(r, cargo, 80) / At(r, cargo, 30);
            }

            foreach (var age in new[] { 50, 70, 80 })
            {
                a[$"burden_{age}_{sex}"] = At(r, "senescent_burden", age);
            }

            var form30 = At(r, "formation", 30);
            var res30 = At(r, "resorption", 30);
            a[$"max_resorption_rel30_{sex}"] = r["resorption"].Max() / res30;
            a[$"max_formation_rel30_{sex}"] = r["formation"].Max() / form30;
            a[$"min_formation_rel30_{sex}"] = r["formation"].Min() / form30;
            a[$"min_bv_tb_{sex}"] = r["bv_tb"].Min();
            a[$"min_bv_ct_{sex}"] = r["bv_ct"].Min();
            a[$"min_state_{sex}"] = r.StateNames.Min(s => r[s].Min());
        }

        return a;
    }

    private static int IndexOfMax(IReadOnlyList<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
