using System.Globalization;
using OsteoOde.Analysis.Figures;
using OsteoOde.Modeling;
using OsteoOde.Models;
using OsteoOde.Models.Aging;
using static OsteoOde.Analysis.Tests.Figures.Computed;

namespace OsteoOde.Analysis.Tests.Figures;

/// <summary>
/// The <c>interventions</c> figure: its table equals the three treatment scenarios run directly through
/// <see cref="Simulation"/> (bit for bit), reproduces the aging README "Interventions" tables at 12 and 36 months to the digits
/// printed there, and shows the expected directions (both drugs lower the CTX proxy and raise BMD against the control;
/// denosumab's suppression wanes before each next dose; alendronate lowers matrix EVs and marrow fat, Wang 2022).
/// </summary>
public class InterventionsFigureTests
{
    private static DataTable Table => Get("interventions").Table;

    // README months → days on the weekly grid: 12 months = 52 weeks, 36 months = 157 weeks (7·round(months·30.4375/7)).
    private const double Month12 = 364;
    private const double Month36 = 1099;

    private static double At(string treatment, double day, string column)
    {
        var block = Table.Where("treatment", treatment);
        var i = block.Numbers("day").IndexOf(day);
        Assert.True(i >= 0, $"day {day} not on the grid");
        return block.Numbers(column)[i];
    }

    [Fact]
    public void The_table_is_the_three_scenarios_run_directly_on_their_weekly_grid_bit_for_bit()
    {
        var start = AgingModel.TimeAt(AgingScenarios.TreatmentStartAge);
        var direct = InterventionsFigure.Arms.ToDictionary(a => a.Treatment,
            a => Simulation.Run(ScenarioCatalog.Get(AgingModel.Id, a.Scenario).CreateRequest()).EnsureSuccess(), StringComparer.Ordinal);
        var control = direct[InterventionsFigure.Control];
        var weekly = ScenarioCatalog.Get(AgingModel.Id, "untreated_from65_female").ExtraOutputTimes;
        Assert.Equal(261, weekly.Count);
        Assert.Equal(3 * 261, Table.RowCount);
        Assert.Equal(["denosumab", "alendronate", "untreated"], Table.Distinct("treatment"));
        Assert.Equal(InterventionsFigure.Arms.Select(a => a.Scenario), Table.Distinct("scenario"));
        var baseline = control["bmd_fn"][control.Times.IndexOf(start)];

        static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);
        foreach (var (treatment, _) in InterventionsFigure.Arms)
        {
            var r = direct[treatment];
            var block = Table.Where("treatment", treatment);
            for (var k = 0; k < weekly.Count; k++)
            {
                var i = r.Times.IndexOf(weekly[k]);
                var c = control.Times.IndexOf(weekly[k]);
                var what = string.Create(CultureInfo.InvariantCulture, $"{treatment} week {k}");
                Assert.Equal(7.0 * k, block.Numbers("day")[k]);
                Assert.Equal(7.0 * k / 30.4375, block.Numbers("month")[k]);
                Assert.True(Bits(r["age"][i]) == Bits(block.Numbers("age")[k]), what + " age");
                Assert.True(Bits(r["bmd_fn"][i]) == Bits(block.Numbers("bmd_fn")[k]), what + " bmd_fn");
                Assert.True(Bits(100 * ((r["bmd_fn"][i] / baseline) - 1)) == Bits(block.Numbers("bmd_fn_vs_baseline")[k]), what + " bmd vs baseline");
                foreach (var (column, name, _) in InterventionsFigure.RelativeToControl)
                {
                    Assert.True(Bits(100 * ((r[column][i] / control[column][c]) - 1)) == Bits(block.Numbers(name)[k]), $"{what} {name}");
                }

                foreach (var (column, arm) in InterventionsFigure.DrugLevels)
                {
                    Assert.True(Bits(arm == treatment ? r[column][i] : 0) == Bits(block.Numbers(column)[k]), $"{what} {column}");
                }
            }
        }

        // The control against itself: every relative column is exactly 0.
        foreach (var (_, name, _) in InterventionsFigure.RelativeToControl)
        {
            Assert.All(Table.Where("treatment", InterventionsFigure.Control).Numbers(name), v => Assert.Equal(0, v));
        }
    }

    [Theory]
    // Aging README "Interventions" tables: FN vs baseline printed to 0.01 %, CTX proxy vs control to 0.1 %.
    [InlineData("denosumab", Month12, 0.82, 1.6)]
    [InlineData("denosumab", Month36, 1.16, 2.7)]
    [InlineData("alendronate", Month12, 2.46, -53.5)]
    [InlineData("alendronate", Month36, 4.20, -53.8)]
    public void Bmd_and_ctx_at_12_and_36_months_are_the_numbers_of_the_model_readme(string treatment, double day, double bmdVsBaseline, double ctxVsControl)
    {
        Close.Absolute(bmdVsBaseline, At(treatment, day, "bmd_fn_vs_baseline"), 0.005, $"{treatment} FN vs baseline at day {day}");
        Close.Absolute(ctxVsControl, At(treatment, day, "ctx_vs_control"), 0.05, $"{treatment} CTX vs control at day {day}");
    }

    [Theory]
    // FN vs control and the untreated loss, README: denosumab +1.70 / +3.82 %, alendronate +3.36 / +6.94 %, control −0.86 / −2.57 %.
    [InlineData("denosumab", Month12, 1.70)]
    [InlineData("denosumab", Month36, 3.82)]
    [InlineData("alendronate", Month12, 3.36)]
    [InlineData("alendronate", Month36, 6.94)]
    public void Bmd_against_the_control_is_the_number_of_the_model_readme(string treatment, double day, double bmdVsControl) =>
        Close.Absolute(bmdVsControl, At(treatment, day, "bmd_fn_vs_control"), 0.005, $"{treatment} FN vs control at day {day}");

    [Fact]
    public void Both_drugs_lower_ctx_and_raise_bmd_and_denosumab_suppression_wanes_between_doses()
    {
        Close.Absolute(-0.86, At("untreated", Month12, "bmd_fn_vs_baseline"), 0.005, "control FN vs baseline at 12 months");
        Close.Absolute(-2.57, At("untreated", Month36, "bmd_fn_vs_baseline"), 0.005, "control FN vs baseline at 36 months");
        foreach (var treatment in new[] { "denosumab", "alendronate" })
        {
            var block = Table.Where("treatment", treatment);
            var days = block.Numbers("day");
            var bmd = block.Numbers("bmd_fn_vs_control");
            // Above the control at every week after the first one through the treatment and the follow-up.
            for (var k = 1; k < days.Count; k++)
            {
                Assert.True(bmd[k] > 0, $"{treatment} FN not above control at day {days[k]}");
            }

            // Mean CTX proxy over the 3 treatment years below the control.
            var during = Enumerable.Range(0, days.Count).Where(k => days[k] < 3 * 365.25).Select(k => block.Numbers("ctx_vs_control")[k]).Average();
            Assert.True(during < -20, $"{treatment} mean CTX vs control during treatment {during}");
        }

        // Denosumab: strongest suppression 2–4 weeks after each dose, back near the control at the end of each 183-day interval.
        for (var dose = 0; dose < 6; dose++)
        {
            var t0 = 183.0 * dose;
            var first = 7 * Math.Ceiling(t0 / 7);
            var early = Enumerable.Range(0, 5).Select(w => At("denosumab", first + (7 * w), "ctx_vs_control")).Min();
            var late = At("denosumab", 7 * Math.Floor((t0 + 182) / 7), "ctx_vs_control");
            Assert.True(early < -55, $"dose {dose + 1}: nadir {early} within 4 weeks");
            Assert.InRange(late, -3, 5);
            Assert.True(late > early + 50, $"dose {dose + 1}: suppression wanes ({early} → {late})");
        }

        // The serum concentration after the first dose equals the independent scipy integration of the paper's PK (days 14 and
        // 182; tmax 15.8 days) and is below 1 % of its day-14 value before the next dose.
        var pk = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "aging", "denosumab_pk.csv")).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(c => double.Parse(c[0], CultureInfo.InvariantCulture), c => double.Parse(c[1], CultureInfo.InvariantCulture));
        Close.Relative(pk[14], At("denosumab", 14, "C_den"), 1e-6, "C_den at day 14");
        Close.Relative(pk[182], At("denosumab", 182, "C_den"), 1e-6, "C_den at day 182");
        Assert.True(At("denosumab", 182, "C_den") < 0.01 * At("denosumab", 14, "C_den"));
        // Alendronate accumulates in bone for the 3 years (157 doses), then is released with a 10-year half-life.
        Assert.True(At("alendronate", Month36, "D_b") > 2 * At("alendronate", Month12, "D_b"));
        Assert.InRange(At("alendronate", 1820, "D_b") / At("alendronate", 7 * 156, "D_b"), 0.85, 1);
    }

    [Fact]
    public void Alendronate_lowers_matrix_evs_marrow_evs_and_marrow_fat_as_in_wang_2022()
    {
        // README: matrix EVs −53.5 % and −53.8 %, marrow fat −3.88 % and −11.05 % at 12 and 36 months.
        Close.Absolute(-53.5, At("alendronate", Month12, "matrix_ev_vs_control"), 0.05, "matrix EVs at 12 months");
        Close.Absolute(-53.8, At("alendronate", Month36, "matrix_ev_vs_control"), 0.05, "matrix EVs at 36 months");
        Close.Absolute(-3.88, At("alendronate", Month12, "marrow_fat_vs_control"), 0.005, "marrow fat at 12 months");
        Close.Absolute(-11.05, At("alendronate", Month36, "marrow_fat_vs_control"), 0.005, "marrow fat at 36 months");
        Assert.True(At("alendronate", Month36, "marrow_ev_vs_control") < 0, "marrow EVs below control");
    }

    [Fact]
    public void Parameter_changes_apply_to_the_arm_that_has_the_parameter_and_unknown_names_are_rejected()
    {
        var figure = FigureCatalog.Get("interventions");
        figure.Validate(new FigureSettings { Parameters = new Dictionary<string, double> { ["aln_emax"] = 3 } });
        var e = Assert.Throws<ArgumentException>(() => figure.Validate(new FigureSettings { Parameters = new Dictionary<string, double> { ["aln_emx"] = 3 } }));
        Assert.Contains("Figure 'interventions'", e.Message, StringComparison.Ordinal);
        Assert.Contains("aln_emx", e.Message, StringComparison.Ordinal);
        Assert.Equal(["female+drugs:denosumab", "female+drugs:alendronate", "female"], Get("interventions").Models.Select(m => m.Variant));
    }
}
