using System.Globalization;
using OsteoOde.Analysis.Figures;
using OsteoOde.Models.Aging;
using static OsteoOde.Analysis.Tests.Figures.Computed;

namespace OsteoOde.Analysis.Tests.Figures;

/// <summary>
/// The lifetime-model figures against the scipy prototype's trajectories and attribution tables
/// (tests/OsteoOde.Testing/Data/aging, an independent implementation of the same equations) and the calibration bands of the
/// model's README. Trajectory tolerance 1e-7 relative + 1e-12 absolute (the model's own test tolerance against the prototype;
/// measured agreement about 1e-9).
/// </summary>
public class LifetimeFigureTests
{
    private static Dictionary<string, double[]> Prototype(string sex, string variant = "all_on")
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "aging", $"ref_{sex}_{variant}.csv"));
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return header.Select((h, i) => (h, rows.Select(r => r[i]).ToArray())).ToDictionary(x => x.h, x => x.Item2, StringComparer.Ordinal);
    }

    private static double At(DataTable table, string sex, double age, string column)
    {
        var block = table.Where("sex", sex);
        var ages = block.Numbers("age");
        var i = Enumerable.Range(0, ages.Count).Single(k => Math.Abs(ages[k] - age) < 1e-9);
        return block.Numbers(column)[i];
    }

    private static void AgreesWithPrototype(string figure, IEnumerable<string> columns)
    {
        var table = Get(figure).Table;
        foreach (var sex in new[] { "female", "male" })
        {
            var reference = Prototype(sex);
            foreach (var column in columns)
            {
                for (var k = 0; k < reference["age"].Length; k++)
                {
                    var expected = reference[column][k];
                    var actual = At(table, sex, reference["age"][k], column);
                    Assert.True(Math.Abs(actual - expected) <= (1e-7 * Math.Abs(expected)) + 1e-12,
                        string.Create(CultureInfo.InvariantCulture, $"{figure} {sex} {column} at {reference["age"][k]}: {actual:R} vs prototype {expected:R}"));
                }
            }
        }
    }

    [Fact]
    public void Lifetime_bmd_follows_the_prototype_for_both_sexes_on_a_quarter_year_grid()
    {
        AgreesWithPrototype("lifetime-bmd", ["bmd_fn", "t_score_fn", "bv_tb", "bv_ct"]);
        var table = Get("lifetime-bmd").Table;
        Assert.Equal(["female", "male"], table.Distinct("sex"));
        Assert.Equal(2 * 261, table.RowCount);
        Assert.Equal("g/cm^2", table["bmd_fn"].Unit);
        Assert.Equal("year", table["age"].Unit);
    }

    [Fact]
    public void Lifetime_bmd_meets_the_calibration_bands_and_its_categories_follow_the_who_thresholds()
    {
        var table = Get("lifetime-bmd").Table;
        // Model README calibration table: women's T-score −1.640 at 70 in [−2.0, −1.2], −2.069 at 80 in [−2.6, −1.6].
        Close.Absolute(-1.640, At(table, "female", 70, "t_score_fn"), 0.0005, "women T at 70");
        Close.Absolute(-2.069, At(table, "female", 80, "t_score_fn"), 0.0005, "women T at 80");
        Assert.InRange(At(table, "female", 70, "t_score_fn"), -2.0, -1.2);
        Assert.InRange(At(table, "female", 80, "t_score_fn"), -2.6, -1.6);
        // SWAN: −5.8 % ± 1.5 from FMP−1 to FMP+2 (50 → 53); men lose 8–15 % from 30 to 75 (NHANES).
        Assert.InRange(100 * ((At(table, "female", 53, "bmd_fn") / At(table, "female", 50, "bmd_fn")) - 1), -7.3, -4.3);
        Assert.InRange(100 * (1 - (At(table, "male", 75, "bmd_fn") / At(table, "male", 30, "bmd_fn"))), 8, 15);

        foreach (var sex in new[] { "female", "male" })
        {
            var block = table.Where("sex", sex);
            var t = block.Numbers("t_score_fn");
            var category = block.Texts("category");
            for (var i = 0; i < t.Count; i++)
            {
                Assert.Equal(t[i] <= -2.5 ? "osteoporosis" : t[i] <= -1 ? "osteopenia" : "normal", category[i]);
                Assert.True(i == 0 || t[i] <= t[i - 1] + 1e-12, $"{sex}: the T-score never rises (age {block.Numbers("age")[i]})");
            }
        }

        // Women become osteopenic in their late fifties and stay above the osteoporosis line to 90 (T −2.44); men stay normal.
        var women = table.Where("sex", "female");
        var firstOsteopenic = women.Numbers("age")[women.Texts("category").ToList().IndexOf("osteopenia")];
        Assert.InRange(firstOsteopenic, 56, 60);
        Assert.DoesNotContain("osteoporosis", women.Texts("category"));
        Close.Absolute(-2.44, At(table, "female", 90, "t_score_fn"), 0.005, "women T at 90");
        Assert.All(table.Where("sex", "male").Texts("category"), c => Assert.Equal("normal", c));
        Close.Absolute(-0.76, At(table, "male", 90, "t_score_fn"), 0.005, "men T at 90");
    }

    [Fact]
    public void Senescence_and_vesicle_trajectories_follow_the_prototype_and_the_calibration_targets()
    {
        AgreesWithPrototype("senescence-vesicles", SenescenceVesiclesFigure.Quantities);
        var table = Get("senescence-vesicles").Table;
        foreach (var sex in new[] { "female", "male" })
        {
            double Ratio(string column, double age) => At(table, sex, age, column) / At(table, sex, 30, column);
            // Karin 2019 X*(a): burden 2.2 / 4.6 / 6.9 times age 30 at 50 / 70 / 80 (± 5 %).
            Assert.InRange(Ratio("senescent_burden", 50) / 2.2, 0.95, 1.05);
            Assert.InRange(Ratio("senescent_burden", 70) / 4.6, 0.95, 1.05);
            Assert.InRange(Ratio("senescent_burden", 80) / 6.9, 0.95, 1.05);
            // The readout is S/X*(30): S lags its quasi-steady value X* slightly, so the burden at 30 is just below 1.
            Close.Absolute(1.0, At(table, sex, 30, "senescent_burden"), 0.002, $"{sex} burden at 30");
            // Davis 2017: marrow EV number rises by at most 30 % by 80; cargo loads rise several-fold (≥ 3).
            Assert.InRange(Ratio("ev_marrow", 80), 1.0, 1.30);
            Assert.All(new[] { "rankl_ev", "mirna_ob", "mirna_adipo" }, c => Assert.True(Ratio(c, 80) >= 3, $"{sex} {c} 80/30 = {Ratio(c, 80)}"));
        }

        Assert.InRange(At(table, "female", 70, "marrow_fat") / At(table, "female", 30, "marrow_fat"), 1.7, 2.3);
        Assert.InRange(At(table, "male", 70, "marrow_fat") / At(table, "male", 30, "marrow_fat"), 1.3, 2.3);
    }

    [Fact]
    public void Mechanism_attribution_equals_the_prototype_tables_and_shares_add_up()
    {
        var table = Get("mechanism-attribution").Table;
        foreach (var sex in new[] { "female", "male" })
        {
            var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "aging", $"attribution_{sex}.csv")).Skip(1).Where(l => l.Length > 0)
                .Select(l => l.Split(',')).Where(c => c[1] != "total").ToList();
            var block = table.Where("sex", sex);
            Assert.Equal(lines.Count, block.RowCount);
            Assert.Equal(AgingMechanisms.For(sex == "female" ? Sex.Female : Sex.Male).Count * 3, block.RowCount);
            for (var i = 0; i < lines.Count; i++)
            {
                var c = lines[i];
                Assert.Equal((double.Parse(c[0], CultureInfo.InvariantCulture), c[1]), (block.Numbers("age")[i], block.Texts("mechanism")[i]));
                Close.Absolute(double.Parse(c[2], CultureInfo.InvariantCulture), block.Numbers("shapley")[i], 1e-5, $"{sex} {c[1]} {c[0]} Shapley");
                Close.Absolute(100 * double.Parse(c[3], CultureInfo.InvariantCulture), block.Numbers("share")[i], 1e-4, $"{sex} {c[1]} {c[0]} share");
                Close.Absolute(double.Parse(c[4], CultureInfo.InvariantCulture), block.Numbers("one_at_a_time")[i], 1e-5, $"{sex} {c[1]} {c[0]} one-at-a-time");
                Close.Absolute(double.Parse(c[6], CultureInfo.InvariantCulture), block.Numbers("alone")[i], 1e-5, $"{sex} {c[1]} {c[0]} alone");
            }

            foreach (var age in MechanismAttributionFigure.Ages)
            {
                var rows = block.Where("age", age);
                Close.Absolute(100, rows.Numbers("share").Sum(), 1e-9, $"{sex} {age}: shares sum to 100 %");
                Close.Absolute(rows.Numbers("total")[0], rows.Numbers("shapley").Sum(), 1e-9, $"{sex} {age}: Shapley values sum to the total");
            }
        }

        // Women at 70 (model README): total 22.93 % of peak, estrogen 54 %, osteo-inhibitory miRNA 26 %.
        var w70 = table.Where("sex", "female").Where("age", 70);
        Close.Absolute(22.93, w70.Numbers("total")[0], 0.005, "women total loss at 70");
        Close.Absolute(54.4, w70.Numbers("share")[w70.Texts("mechanism").ToList().IndexOf("estrogen")], 0.1, "estrogen share at 70");
    }
}
