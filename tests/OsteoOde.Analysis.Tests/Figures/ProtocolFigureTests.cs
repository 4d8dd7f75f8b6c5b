using OsteoOde.Analysis.Figures;
using static OsteoOde.Analysis.Tests.Figures.Computed;

namespace OsteoOde.Analysis.Tests.Figures;

/// <summary>
/// The protocol figures against independently integrated reference values (scipy, hand-written equations) and the published
/// qualitative results (model-reference §1.5, §2.5). Tolerances: 1e-7 relative to the reference at the sampled times (the
/// figures are solved at rtol 1e-8; measured agreement 9e-9 or better), 1e-9 at t = 0 (steady state).
/// </summary>
public class ProtocolFigureTests
{
    private const double Trajectory = 1e-7;

    public static TheoryData<string> Figures => ["lemaire-protocols", "pivonka-protocols", "scheiner-protocols"];

    [Theory]
    [MemberData(nameof(Figures))]
    public void Every_sampled_value_agrees_with_the_independent_integration(string name)
    {
        var table = Get(name).Table;
        var points = Reference.Series(name).ToList();
        Assert.True(points.Count >= 60, $"only {points.Count} reference points");
        foreach (var (protocol, state, t, expected) in points)
        {
            var actual = At(table, "protocol", protocol, t, state);
            if (state == "vb")
            {
                Close.Absolute(expected, actual, 1e-6, $"{name} {protocol} vb({t})");
            }
            else
            {
                Close.Relative(expected, actual, t == 0 ? 1e-9 : Trajectory, $"{name} {protocol} {state}({t})");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Figures))]
    public void Table_has_one_block_per_catalog_protocol_on_its_one_day_grid(string name)
    {
        var figure = (ProtocolFigure)FigureCatalog.Get(name);
        var table = Get(name).Table;
        Assert.Equal(figure.Protocols.Select(p => p.Name), table.Distinct("protocol"));
        Assert.Equal("day", table["t"].Unit);
        foreach (var protocol in figure.Protocols)
        {
            var block = table.Where("protocol", protocol.Name);
            Assert.Equal(protocol.OutputTimes, block.Numbers("t"));
            foreach (var rel in table.Names.Where(n => n.EndsWith("_rel", StringComparison.Ordinal)))
            {
                Assert.Equal(1.0, block.Numbers(rel)[0]);
                Assert.Equal("", table[rel].Unit);
                var state = block.Numbers(rel[..^4]);
                Assert.Equal(state[100] / state[0], block.Numbers(rel)[100], 15);
            }
        }
    }

    [Fact]
    public void Lemaire_starts_at_the_published_steady_state_and_shows_the_published_directions()
    {
        var table = Get("lemaire-protocols").Table;
        var first = table.Where("protocol", "addR");
        Close.Printed(7.7344e-4, first.Numbers("R")[0], 5, "R*");
        Close.Printed(7.2834e-4, first.Numbers("B")[0], 5, "B*");
        Close.Printed(9.1275e-4, first.Numbers("C")[0], 5, "C*");
        double Rel(string protocol, string state, double t) => At(table, "protocol", protocol, t, state + "_rel");

        // Continuous PTH is catabolic: osteoclasts rise more than osteoblasts. OPG lowers osteoclasts more than osteoblasts.
        Assert.True(Rel("addPTH", "C", 80) > Rel("addPTH", "B", 80) && Rel("addPTH", "B", 80) > 1);
        Assert.True(Rel("addOPG", "C", 80) < Rel("addOPG", "B", 80) && Rel("addOPG", "B", 80) < 1);
        // RANKL 1e4 raises C about 3-fold (2.978) and B about 1.9-fold (1.923) by day 80; OPG from day 80 brings C back to 0.953 by
        // day 200. The ratios are compared with those of the independent scipy integration (the steady state is its t = 0 value).
        double Scipy(string state, double t) =>
            Reference.Value("lemaire-protocols", "addRANKL_then_OPG", state, t) / Reference.Value("lemaire-protocols", "addRANKL_then_OPG", state, 0);
        Close.Relative(Scipy("C", 80), Rel("addRANKL_then_OPG", "C", 80), 1e-7, "RANKL: C(80)/C*");
        Close.Relative(Scipy("B", 80), Rel("addRANKL_then_OPG", "B", 80), 1e-7, "RANKL: B(80)/B*");
        Close.Relative(Scipy("C", 200), Rel("addRANKL_then_OPG", "C", 200), 1e-7, "RANKL then OPG: C(200)/C*");
        Assert.InRange(Rel("addRANKL_then_OPG", "C", 80), 2.9, 3.1);

        foreach (var (protocol, state) in new[] { ("addR", "R"), ("addB", "B"), ("addC", "C"), ("removeR", "R"), ("removeB", "B"), ("removeC", "C") })
        {
            // The targeted population peaks (or bottoms out) exactly when the window closes, then relaxes back.
            var block = table.Where("protocol", protocol);
            var rel = block.Numbers(state + "_rel");
            var extreme = protocol.StartsWith("add", StringComparison.Ordinal) ? rel.Max() : rel.Min();
            Assert.Equal(80.0, block.Numbers("t")[rel.IndexOf(extreme)]);
            Assert.True(protocol.StartsWith("add", StringComparison.Ordinal) ? extreme > 1.2 : extreme < 0.35, $"{protocol}: {state} extreme {extreme}");
        }

        foreach (var protocol in table.Distinct("protocol").Where(p => p != "addRANKL_then_OPG"))
        {
            foreach (var state in new[] { "R", "B", "C" })
            {
                Close.Absolute(1, Rel(protocol, state, 200), 2e-4, $"{protocol}: {state} back at the steady state by day 200");
            }
        }
    }

    [Fact]
    public void Pivonka_starts_at_the_published_steady_state_and_shows_the_published_directions()
    {
        var table = Get("pivonka-protocols").Table;
        var first = table.Where("protocol", "addPTH");
        Close.Printed(6.1964e-4, first.Numbers("OBp")[0], 5, "OBp*");
        Close.Printed(5.5839e-4, first.Numbers("OBa")[0], 5, "OBa*");
        Close.Printed(8.0696e-4, first.Numbers("OCa")[0], 5, "OCa*");
        AssertPivonkaDirections(table);
    }

    [Fact]
    public void Scheiner_starts_at_its_round_steady_state_and_vb_keeps_the_imbalance_of_the_window()
    {
        var table = Get("scheiner-protocols").Table;
        var first = table.Where("protocol", "addPTH");
        Close.Relative(1e-3, first.Numbers("OBp")[0], 1e-12, "OBp*");
        Close.Relative(5e-4, first.Numbers("OBa")[0], 1e-12, "OBa*");
        Close.Relative(1e-4, first.Numbers("OCa")[0], 1e-12, "OCa*");
        Assert.Equal(15.0, first.Numbers("vb")[0]);
        AssertPivonkaDirections(table);

        // Settled bone volume (Models README, 4 digits): PTH 14.72, OPG 14.99, RANKL 12.79, TGF-β 19.91 %.
        Close.Printed(14.72, At(table, "protocol", "addPTH", 300, "vb"), 4, "vb after PTH");
        Close.Printed(14.99, At(table, "protocol", "addOPG", 300, "vb"), 4, "vb after OPG");
        Close.Printed(12.79, At(table, "protocol", "addRANKL", 300, "vb"), 4, "vb after RANKL");
        Close.Printed(19.91, At(table, "protocol", "addTGFb", 300, "vb"), 4, "vb after TGF-β");
        foreach (var protocol in table.Distinct("protocol"))
        {
            // Cells are back at the steady state, so vb has stopped moving.
            Close.Absolute(At(table, "protocol", protocol, 299, "vb"), At(table, "protocol", protocol, 300, "vb"), 1e-9, protocol + ": vb settled");
        }
    }

    /// <summary>Model-reference §2.5: PTH and RANKL raise OCa more than OBa; OPG lowers both, OCa most; TGF-β raises OBp, OBa and lowers OCa; all relax back.</summary>
    private static void AssertPivonkaDirections(DataTable table)
    {
        double Rel(string protocol, string state, double t) => At(table, "protocol", protocol, t, state + "_rel");
        foreach (var p in new[] { "addPTH", "addRANKL" })
        {
            Assert.True(Rel(p, "OCa", 80) > Rel(p, "OBa", 80) && Rel(p, "OBa", 80) > 1, p);
        }

        Assert.True(Rel("addOPG", "OCa", 80) < Rel("addOPG", "OBa", 80) && Rel("addOPG", "OBa", 80) < 1);
        Assert.True(Rel("addTGFb", "OBp", 80) > 1 && Rel("addTGFb", "OBa", 80) > 1 && Rel("addTGFb", "OCa", 80) < 1);
        foreach (var protocol in table.Distinct("protocol"))
        {
            foreach (var state in new[] { "OBp", "OBa", "OCa" })
            {
                Close.Absolute(1, Rel(protocol, state, 300), 1e-6, $"{protocol}: {state} relaxed by day 300");
            }
        }
    }
}
