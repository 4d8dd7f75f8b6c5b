using Xunit.Abstractions;

namespace OsteoOde.Models.Tests;

/// <summary>
/// Every published perturbation protocol (model-reference §1.5, §2.5) run through the simulation API: the direction of change
/// of each state at the end of the window (t = 80 d) relative to the baseline, the return to the steady state afterwards, and
/// agreement with an independent RK4 integration of the hand-written equations.
/// </summary>
public class ProtocolTests(ITestOutputHelper output)
{
    /// <summary>Lemaire windows: expected sign of (state(80)/baseline − 1) for R, B, C.</summary>
    public static TheoryData<string, int, int, int> LemaireDirections => new()
    {
        { "addR", +1, +1, +1 },     // R and B up strongly; C up only slightly (≈ +1 %)
        { "removeR", -1, -1, -1 },
        { "addB", +1, +1, +1 },
        { "removeB", -1, -1, -1 },
        { "addC", +1, +1, +1 },
        { "removeC", -1, -1, -1 },
        { "addPTH", +1, +1, +1 },
        { "addOPG", -1, -1, -1 },
    };

    [Theory]
    [MemberData(nameof(LemaireDirections))]
    public void LemaireWindowsChangeTheCellsAsPublishedAndRecover(string name, int dR, int dB, int dC)
    {
        var s = ScenarioCatalog.Get("lemaire2004", name);
        var r = Reference.Run(s);
        var ratio = Ratios(r, 80, "R", "B", "C");
        output.WriteLine($"{name}: R {ratio[0]:F4}, B {ratio[1]:F4}, C {ratio[2]:F4} × baseline at t = 80");
        Assert.Equal(dR, Math.Sign(ratio[0] - 1));
        Assert.Equal(dB, Math.Sign(ratio[1] - 1));
        Assert.Equal(dC, Math.Sign(ratio[2] - 1));

        // The directly perturbed population moves most, except where TGF-β coupling is stronger (addR: B follows R closely).
        switch (name)
        {
            case "addR": Assert.InRange(ratio[2], 1.0, 1.03); break;
            case "addB": Assert.True(ratio[1] > Math.Max(ratio[0], ratio[2])); break;
            case "removeB": Assert.True(ratio[1] < Math.Min(ratio[0], ratio[2])); break;
            case "addC": Assert.True(ratio[2] > ratio[1]); break;
            case "removeC": Assert.True(ratio[2] < Math.Min(ratio[0], ratio[1])); break;
            case "addPTH": Assert.True(ratio[2] > ratio[1], "continuous PTH is catabolic: osteoclasts rise more than osteoblasts"); break;
            case "addOPG": Assert.True(ratio[2] < ratio[1], "OPG lowers osteoclasts more than osteoblasts"); break;
        }

        // Return to the steady state: within 2e-4 relative 120 days after the window (relaxation time of weeks).
        var end = Ratios(r, 200, "R", "B", "C");
        output.WriteLine($"  at t = 200: {end[0] - 1:E2}, {end[1] - 1:E2}, {end[2] - 1:E2}");
        Assert.All(end, x => Assert.InRange(x, 1 - 2e-4, 1 + 2e-4));
        AssertMatchesRk4(s, r, 80, 200);
    }

    [Fact]
    public void LemaireRanklThenOpgRaisesBothCellsAndOpgBringsOsteoclastsBack()
    {
        var s = ScenarioCatalog.Get("lemaire2004", "addRANKL_then_OPG");
        var r = Reference.Run(s);
        var at80 = Ratios(r, 80, "R", "B", "C");
        var at200 = Ratios(r, 200, "R", "B", "C");
        output.WriteLine($"RANKL: B {at80[1]:F4}, C {at80[2]:F4} at 80; with OPG: B {at200[1]:F4}, C {at200[2]:F4} at 200");
        Assert.True(at80[1] > 1 && at80[2] > 1, "RANKL raises osteoblasts and osteoclasts");
        Assert.True(at80[2] > at80[1], "osteoclasts rise more than osteoblasts");
        Assert.True(at200[2] < at80[2]);
        Assert.InRange(at200[2], 0.9, 1.1); // OPG from day 80 brings osteoclasts back to about baseline
        AssertMatchesRk4(s, r, 80, 200);
    }

    public static TheoryData<string, string> PivonkaWindows => new()
    {
        { "pivonka2008", "addPTH" }, { "pivonka2008", "addOPG" }, { "pivonka2008", "addRANKL" }, { "pivonka2008", "addTGFb" },
        { "scheiner2013", "addPTH" }, { "scheiner2013", "addOPG" }, { "scheiner2013", "addRANKL" }, { "scheiner2013", "addTGFb" },
    };

    [Theory]
    [MemberData(nameof(PivonkaWindows))]
    public void PivonkaWindowsChangeTheCellsAsPublishedAndRecover(string id, string name)
    {
        var s = ScenarioCatalog.Get(id, name);
        var r = Reference.Run(s);
        var q = Ratios(r, 80, "OBp", "OBa", "OCa");
        output.WriteLine($"{id}/{name}: OBp {q[0]:F4}, OBa {q[1]:F4}, OCa {q[2]:F4} × baseline at t = 80");
        switch (name)
        {
            case "addPTH":
            case "addRANKL":
                Assert.True(q[1] > 1 && q[2] > q[1], "OCa rises relatively more than OBa (net resorption)");
                break;
            case "addOPG":
                Assert.True(q[2] < q[1] && q[1] < 1, "OBa and OCa fall, OCa most");
                break;
            case "addTGFb":
                Assert.True(q[0] > 1 && q[1] > 1 && q[2] < 1, "OBp and OBa rise, OCa falls");
                break;
        }

        if (id == "scheiner2013")
        {
            // Bone balance over the window: resorptive for PTH and RANKL, formative for OPG and TGF-β.
            var dv = Reference.At(r, "vb", 80) - Reference.At(r, "vb", 20);
            output.WriteLine($"  vb change over the window {dv:F4} %, vb(300) = {Reference.At(r, "vb", 300):F4} %");
            Assert.Equal(name is "addPTH" or "addRANKL" ? -1 : +1, Math.Sign(dv));

            // v_b integrates the imbalance, so it settles at a new level: its rate returns to 0 with the cells.
            var rate = 40 * Reference.At(r, "OBa", 300) - 200 * Reference.At(r, "OCa", 300);
            Assert.True(Math.Abs(rate) < 1e-6 * 0.02, $"dvb/dt(300) = {rate:E3} %/day");
        }

        // Return to the steady state: within 1e-6 relative 220 days after the window.
        var end = Ratios(r, 300, "OBp", "OBa", "OCa");
        output.WriteLine($"  at t = 300: {end[0] - 1:E2}, {end[1] - 1:E2}, {end[2] - 1:E2}");
        Assert.All(end, x => Assert.InRange(x, 1 - 1e-6, 1 + 1e-6));
        AssertMatchesRk4(s, r, 50, 80, 120, 300);
    }

    [Fact]
    public void EveryProtocolOfTheReferenceIsInTheCatalog()
    {
        Assert.Equal(["addR", "removeR", "addB", "removeB", "addC", "removeC", "addPTH", "addOPG", "addRANKL_then_OPG"],
            ScenarioCatalog.For("lemaire2004").Select(s => s.Name));
        foreach (var id in new[] { "pivonka2008", "scheiner2013" })
        {
            Assert.Equal(["addPTH", "addOPG", "addRANKL", "addTGFb"], ScenarioCatalog.For(id).Select(s => s.Name));
        }
    }

    private static double[] Ratios(Modeling.SimulationResult r, double t, params string[] states) =>
        [.. states.Select(s => Reference.At(r, s, t) / r[s][0])];

    /// <summary>The API run agrees with RK4 (h = 0.01 d) on the hand-written equations to 1e-6 relative.</summary>
    private void AssertMatchesRk4(Scenario s, Modeling.SimulationResult r, params double[] times)
    {
        var rk4 = Reference.Rk4(s, 0.01, times);
        foreach (var t in times)
        {
            for (var i = 0; i < r.StateNames.Count; i++)
            {
                var api = Reference.At(r, r.StateNames[i], t);
                var reference = rk4[t][i];
                Assert.True(Math.Abs(api - reference) <= 1e-6 * Math.Abs(reference),
                    $"{s.Name} {r.StateNames[i]}({t}): API {api:R}, RK4 {reference:R}");
            }
        }

        output.WriteLine($"  matches RK4 at t = {string.Join(", ", times)}");
    }
}
