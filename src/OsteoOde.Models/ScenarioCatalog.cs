using OsteoOde.Modeling;

namespace OsteoOde.Models;

/// <summary>
/// The named protocols of the published models: Lemaire 2004 figure experiments (model-reference §1.5, as encoded in the
/// BioModels figure variants), the Pivonka-family input windows (§2.5) for <c>pivonka2008</c> and <c>scheiner2013</c>, and
/// the Komarova 2003 single cycle and autocrine-gain variants (§3.3), and the lifetime model's life courses, module-off variants
/// and senolytic trial (<see cref="Aging.AgingScenarios"/>).
/// </summary>
public static class ScenarioCatalog
{
    /// <summary>Start of the Lemaire/Pivonka injection windows (days, exclusive).</summary>
    public const double WindowStart = 20;

    /// <summary>End of the Lemaire/Pivonka injection windows (days, inclusive).</summary>
    public const double WindowEnd = 80;

    /// <summary>g11 at which the Komarova steady state loses stability for the published β1, β2, g22: 1 + β2(1 − g22)/β1.</summary>
    public const double KomarovaNeutralG11 = 1.1;

    private static readonly IReadOnlyDictionary<string, double> None = new Dictionary<string, double>(StringComparer.Ordinal);

    private static readonly Scenario[] Entries =
        [.. LemaireScenarios(), .. PivonkaScenarios(Pivonka2008.Id), .. PivonkaScenarios(Scheiner2013.Id), .. KomarovaScenarios(), .. Aging.AgingScenarios.All];

    /// <summary>Every scenario of every model.</summary>
    public static IReadOnlyList<Scenario> All => Entries;

    /// <summary>The scenarios of one model, in catalog order.</summary>
    /// <param name="modelId">Model id.</param>
    /// <returns>The scenarios (empty for an unknown id).</returns>
    public static IReadOnlyList<Scenario> For(string modelId) => [.. Entries.Where(s => s.ModelId == modelId)];

    /// <summary>Looks up a scenario.</summary>
    /// <param name="modelId">Model id.</param>
    /// <param name="name">Scenario name.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentException">Unknown model or scenario; the message lists the valid names.</exception>
    public static Scenario Get(string modelId, string name)
    {
        var entry = ModelCatalog.Get(modelId);
        return entry.Scenarios.FirstOrDefault(s => s.Name == name)
            ?? throw new ArgumentException($"Model '{modelId}' has no scenario '{name}'. Scenarios: {string.Join(", ", entry.Scenarios.Select(s => s.Name))}.", nameof(name));
    }

    private static IEnumerable<Scenario> LemaireScenarios()
    {
        static Citation Variant(string file) => Sources.Lemaire2004BioModels with
        {
            Text = $"Lemaire et al. 2004 figure experiment; protocol as curated in BioModels BIOMD0000000278 file {file}.xml",
        };

        Scenario Window(string name, string input, double value, string what, string expected, string? note = null) =>
            new(Lemaire2004.Id, name, what, $"{what} ({input} = {value:G4} pM/day for 20 < t ≤ 80 days), then relaxation to the steady state by day 200. {expected}",
                [new InputSwitch(input, value, WindowStart, WindowEnd)], None, None, 200, 1,
                note is null ? Variant("lemaire04_" + name) : Variant("lemaire04_" + name) with { Note = note });

        yield return Window("addR", "I_R", 1.0e-4, "Add responding osteoblasts", "R and B rise, C barely changes.");
        yield return Window("removeR", "I_R", -1.2e-4, "Remove responding osteoblasts", "R and B fall, C falls less.",
            "Bone-Models load case 8 uses −1.2e-3; the BioModels value −1.2e-4 is used here");
        yield return Window("addB", "I_B", 1.0e-4, "Add active osteoblasts", "B rises most; R and C rise.");
        yield return Window("removeB", "I_B", -8.3e-5, "Remove active osteoblasts", "B falls most; R and C fall.");
        yield return Window("addC", "I_C", 1.0e-4, "Add active osteoclasts", "C rises; R and B follow through TGF-β.");
        yield return Window("removeC", "I_C", -2.9e-4, "Remove active osteoclasts", "C falls most; R and B follow.");
        yield return Window("addPTH", "I_P", 1.0e3, "Continuous PTH", "Catabolic: osteoclasts rise more than osteoblasts.");
        yield return Window("addOPG", "I_O", 2.0e5, "OPG injection", "Osteoclasts fall more than osteoblasts.");
        yield return new Scenario(Lemaire2004.Id, "addRANKL_then_OPG", "RANKL from day 20, OPG added from day 80",
            "I_L = 1e4 pM/day for t > 20 and I_O = 9e4 pM/day for t > 80, to day 200. RANKL raises both osteoclasts and osteoblasts; OPG brings osteoclasts back towards baseline.",
            [new InputSwitch("I_L", 1.0e4, WindowStart), new InputSwitch("I_O", 9.0e4, WindowEnd)], None, None, 200, 1,
            Variant("lemaire04_addOPG_addRANKL"));
    }

    private static IEnumerable<Scenario> PivonkaScenarios(string modelId)
    {
        var source = (modelId == Scheiner2013.Id ? Sources.Scheiner2013 : Sources.Pivonka2008) with
        {
            Note = "protocol of model-reference §2.5 (input switched on for 20 < t ≤ 80 days on the published steady state); the paper's figure values were not available",
        };

        Scenario Window(string name, string input, double value, string what, string expected) =>
            new(modelId, name, what, $"{what} ({input} = {value:G4} pM/day for 20 < t ≤ 80 days), then relaxation to the steady state by day 300. {expected}",
                [new InputSwitch(input, value, WindowStart, WindowEnd)], None, None, 300, 1, source);

        yield return Window("addPTH", "P_PTH", 1.0e3, "External PTH", "OCa rises relatively more than OBa (net resorption).");
        yield return Window("addOPG", "P_OPG", 2.0e5, "External OPG", "OBa and OCa fall, OCa most.");
        yield return Window("addRANKL", "P_RANKL", 1.0e4, "External RANKL", "OCa rises relatively more than OBa (net resorption).");
        yield return Window("addTGFb", "P_TGFb", 1.0e-3, "External TGF-β", "OBp and OBa rise, OCa falls (net formation).");
    }

    private static IEnumerable<Scenario> KomarovaScenarios()
    {
        var source = Sources.Komarova2003BioModels with { Text = "Komarova et al. 2003, single remodelling cycle; initial state as curated in BioModels BIOMD0000000148" };
        var variant = Sources.Komarova2003 with
        {
            Note = "autocrine-gain variants; start x1 = 2, x2 = 212 (a small kick) so that unstable runs grow visibly instead of collapsing to x1 ≈ 1e-100",
        };

        yield return new Scenario(Komarova2003.Id, "single_cycle", "Single remodelling cycle",
            "x1(0) = 11 (x̄1 + 10), x2(0) = 212, z(0) = 100, 400 days: a resorption phase of about three weeks, a longer formation phase, bone mass dips about ten percent and returns to about 100 %.",
            [], Initial(11, 212), None, 400, 0.25, source);
        yield return new Scenario(Komarova2003.Id, "g11_1", "Osteoclast autocrine gain g11 = 1",
            "g11 = 1 from x1 = 2, x2 = 212 for 1000 days. With β1 = 0.2, β2 = 0.02, g22 = 0 the Jacobian trace at the steady state is −β2 < 0: cycles that decay slowly.",
            [], Initial(2, 212), Gain(1.0), 1000, 0.25, variant);
        yield return new Scenario(Komarova2003.Id, "g11_neutral", "Internally regulated cycles (g11 = 1.1)",
            "g11 = 1 + β2(1 − g22)/β1 = 1.1 from x1 = 2, x2 = 212 for 1000 days: the steady state is a centre and remodelling cycles repeat with constant amplitude.",
            [], Initial(2, 212), Gain(KomarovaNeutralG11), 1000, 0.25, variant);
        yield return new Scenario(Komarova2003.Id, "g11_unstable", "Unstable remodelling (g11 = 1.12)",
            "g11 = 1.12 from x1 = 2, x2 = 212 for 400 days: oscillations of growing amplitude (Paget-like unstable remodelling).",
            [], Initial(2, 212), Gain(1.12), 400, 0.25, variant);
    }

    private static Dictionary<string, double> Initial(double x1, double x2) =>
        new(StringComparer.Ordinal) { ["x1"] = x1, ["x2"] = x2, ["z"] = 100 };

    private static Dictionary<string, double> Gain(double g11) => new(StringComparer.Ordinal) { ["g11"] = g11 };
}
