using OsteoOde.Analysis.Figures;
using static OsteoOde.Analysis.Tests.Figures.Computed;

namespace OsteoOde.Analysis.Tests.Figures;

/// <summary>The steady-state dose figure and the Komarova figures against published and independently computed values.</summary>
public class PublishedFigureTests
{
    [Fact]
    public void Rankl_dose_table_matches_the_published_calibration_table_and_the_independent_root()
    {
        var table = Get("scheiner-rankl-dose").Table;
        Assert.Equal(ScheinerRanklDoseFigure.Doses, table.Numbers("P_RANKL"));
        // Model-reference §2.8 (P_RANKL, OBa, OCa printed to 4 digits, dvb/dt to 0.001 %/yr, relative loss to 0.01 %/yr). The
        // printed rates are truncated in places (−0.5408 printed −0.540, −3.6056 printed −3.60), so the tolerance is one unit of
        // the last printed digit.
        var printed = new (double Dose, double OBa, double OCa, double Rate, double Relative)[]
        {
            (10, 5.102e-4, 1.024e-4, -0.027, -0.18), (30, 5.294e-4, 1.070e-4, -0.082, -0.54), (50, 5.472e-4, 1.113e-4, -0.136, -0.91),
            (100, 5.868e-4, 1.211e-4, -0.273, -1.82), (200, 6.514e-4, 1.377e-4, -0.540, -3.60), (500, 7.849e-4, 1.747e-4, -1.290, -8.60),
        };
        foreach (var row in printed)
        {
            var i = table.Numbers("P_RANKL").IndexOf(row.Dose);
            Close.Printed(row.OBa, table.Numbers("OBa")[i], 4, $"OBa at {row.Dose}");
            Close.Printed(row.OCa, table.Numbers("OCa")[i], 4, $"OCa at {row.Dose}");
            Close.Absolute(row.Rate, table.Numbers("dvb_dt")[i], 0.001, $"dvb/dt at {row.Dose}");
            Close.Absolute(row.Relative, table.Numbers("relative_loss")[i], 0.01, $"relative loss at {row.Dose}");
            var key = row.Dose.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ".0";
            Close.Relative(Reference.Value("scheiner-rankl-dose", key, "OBa"), table.Numbers("OBa")[i], 1e-9, "OBa vs root");
            Close.Relative(Reference.Value("scheiner-rankl-dose", key, "OCa"), table.Numbers("OCa")[i], 1e-9, "OCa vs root");
            Close.Relative(Reference.Value("scheiner-rankl-dose", key, "dvb_dt"), table.Numbers("dvb_dt")[i], 1e-6, "dvb/dt vs root");
        }

        Close.Absolute(0, table.Numbers("dvb_dt")[0], 1e-12, "no extra RANKL, no net change");
        var rates = table.Numbers("dvb_dt");
        Assert.All(Enumerable.Range(1, rates.Count - 1), i => Assert.True(rates[i] < rates[i - 1], "more RANKL, faster loss"));
        Assert.All(Enumerable.Range(1, rates.Count - 1), i => Assert.True(table.Numbers("OCa_rel")[i] > table.Numbers("OBa_rel")[i], "OCa rises relatively more"));
    }

    [Fact]
    public void Komarova_single_cycle_dips_about_ten_percent_after_three_weeks_of_resorption_and_returns()
    {
        var table = Get("komarova-cycle").Table;
        var t = table.Numbers("t");
        Assert.Equal(1601, table.RowCount);
        Assert.Equal(400.0, t[^1]);
        Close.Relative(1.0606601717798212, table.Numbers("x1_bar")[0], 1e-13, "x1_bar = 15·√0.005");
        Close.Relative(212.13203435596427, table.Numbers("x2_bar")[0], 1e-13, "x2_bar = 15·√200");
        foreach (var (_, quantity, time, expected) in Reference.Series("komarova-cycle").Where(r => r.Quantity is "x1" or "x2" or "z"))
        {
            Close.Relative(expected, At(table, time, quantity), 1e-7, $"{quantity}({time})"); // measured 2e-9
        }

        var z = table.Numbers("z");
        var (tMin, zMin) = Reference.Point("komarova-cycle", "single_cycle", "z_min");
        var iMin = z.IndexOf(z.Min());
        Close.Absolute(tMin, t[iMin], 0.25, "time of the bone-mass minimum");
        Close.Absolute(zMin, z[iMin], 1e-3, "bone-mass minimum on the 0.25-day grid");
        Assert.InRange(100 - z[iMin], 10.0, 10.3); // "z dips by roughly ten percent" (model-reference §3.3)
        Close.Relative(Reference.Value("komarova-cycle", "single_cycle", "z", 400), z[^1], 1e-7, "z(400) returns almost exactly to 100 % (99.967)");

        var x1 = table.Numbers("x1");
        var resorptionEnd = t[Enumerable.Range(0, x1.Count).First(i => x1[i] <= table.Numbers("x1_bar")[i])];
        Close.Absolute(Reference.Value("komarova-cycle", "single_cycle", "resorption_end"), resorptionEnd, 0.25, "end of resorption (about three weeks)");
        Assert.InRange(resorptionEnd, 14, 28);
    }

    [Fact]
    public void Komarova_autocrine_gain_gives_damped_constant_and_growing_cycles()
    {
        var table = Get("komarova-autocrine").Table;
        Assert.Equal(["g11_1", "g11_neutral", "g11_unstable"], table.Distinct("regime"));
        foreach (var regime in table.Distinct("regime"))
        {
            var block = table.Where("regime", regime);
            var t = block.Numbers("t");
            var x1 = block.Numbers("x1");
            var peaks = Enumerable.Range(1, x1.Count - 2).Where(i => x1[i] > x1[i - 1] && x1[i] >= x1[i + 1]).ToList();
            Assert.True(peaks.Count >= 3, $"{regime}: {peaks.Count} peaks");
            for (var n = 0; n < 3; n++)
            {
                var (tPeak, value) = Reference.Point("komarova-autocrine", regime, $"x1_peak{n + 1}");
                Close.Absolute(tPeak, t[peaks[n]], 0.25, $"{regime}: time of peak {n + 1}");
                Close.Relative(value, x1[peaks[n]], 1e-4, $"{regime}: height of peak {n + 1} on the 0.25-day grid");
            }

            var heights = peaks.Take(3).Select(i => x1[i]).ToArray();
            switch (regime)
            {
                case "g11_1":
                    Assert.True(heights[0] > heights[1] && heights[1] > heights[2], "damped");
                    break;
                case "g11_neutral":
                    Close.Relative(heights[0], heights[2], 1e-4, "constant amplitude");
                    Close.Absolute(160.45, t[peaks[2]] - t[peaks[1]], 0.5, "period");
                    break;
                default:
                    Assert.True(heights[2] > heights[1] && heights[1] > heights[0], "growing");
                    break;
            }
        }
    }
}
