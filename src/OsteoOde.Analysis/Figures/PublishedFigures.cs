using System.Globalization;
using OsteoOde.Modeling;
using OsteoOde.Models;

namespace OsteoOde.Analysis.Figures;

/// <summary>
/// <c>scheiner-rankl-dose</c>: the steady-state bone balance of the bare Scheiner 2013 cell model under a constant extra RANKL
/// production (model-reference §2.8): OBa, OCa and the rate of change of the bone volume fraction at its steady state, per
/// P_RANKL. Steady states from <see cref="SteadyStateSolver"/> (rtol 1e-10, atol 1e-14 pM; vb held at its starting value).
/// </summary>
public sealed class ScheinerRanklDoseFigure : FigureDefinition
{
    /// <summary>The P_RANKL values (pM/day): the §2.8 table's doses and a few in between.</summary>
    public static IReadOnlyList<double> Doses { get; } = [0, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500];

    /// <inheritdoc/>
    public override string Name => "scheiner-rankl-dose";

    /// <inheritdoc/>
    public override string Title => "Scheiner et al. 2013 cell model: bone balance under extra RANKL production";

    /// <inheritdoc/>
    public override string Description =>
        "Steady-state active osteoblasts and osteoclasts and the bone-volume rate dvb/dt = k_form·OBa − k_res·OCa (absolute, %/yr, and "
        + "relative to vb = 15 %) for a constant external RANKL production P_RANKL from 0 to 500 pM/day (model-reference §2.8). "
        + "P_RANKL is set by the figure; a P_RANKL given in the settings is replaced.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> ModelIds => [Scheiner2013.Id];

    /// <inheritdoc/>
    public override IReadOnlyList<Citation> Sources => [.. Scheiner2013.Model.Sources];

    /// <inheritdoc/>
    public override IReadOnlyList<string> LabelColumns => [];

    /// <inheritdoc/>
    protected override (DataTable Table, IReadOnlyList<FigureModelInfo> Models) ComputeTable(FigureSettings settings)
    {
        const double daysPerYear = 365.25;
        var model = Scheiner2013.Model;
        var parameters = Parameters(model, settings);
        var oba = new double[Doses.Count];
        var oca = new double[Doses.Count];
        var rate = new double[Doses.Count];
        var relative = new double[Doses.Count];
        for (var k = 0; k < Doses.Count; k++)
        {
            var solved = SteadyStateSolver.Solve(model, parameters.With("P_RANKL", Doses[k]));
            if (!solved.IsConverged)
            {
                throw new SimulationFailedException(SimulationStatus.PreEquilibrationFailed,
                    string.Create(CultureInfo.InvariantCulture, $"Figure '{Name}', P_RANKL = {Doses[k]:R}: {solved.Message}"));
            }

            var vb = solved.HeldStates.Single(h => h.Name == "vb");
            oba[k] = solved["OBa"];
            oca[k] = solved["OCa"];
            rate[k] = vb.Rate * daysPerYear;
            relative[k] = 100 * rate[k] / vb.Value;
        }

        var table = new DataTable(
        [
            DataColumn.Numeric("P_RANKL", "pM/day", Doses, "constant external RANKL production"),
            DataColumn.Numeric("OBa", "pM", oba, "steady-state active osteoblasts"),
            DataColumn.Numeric("OCa", "pM", oca, "steady-state active osteoclasts"),
            DataColumn.Numeric("OBa_rel", "", oba.Select(v => v / oba[0]), "OBa relative to P_RANKL = 0"),
            DataColumn.Numeric("OCa_rel", "", oca.Select(v => v / oca[0]), "OCa relative to P_RANKL = 0"),
            DataColumn.Numeric("dvb_dt", "%/yr", rate, "bone volume fraction change per year (percentage points)"),
            DataColumn.Numeric("relative_loss", "%/yr", relative, "dvb/dt relative to the starting bone volume fraction"),
        ]);
        return (table, [Info(model, parameters)]);
    }
}

/// <summary>
/// <c>komarova-cycle</c>: Komarova et al. 2003, a single remodelling cycle: osteoclasts x1, osteoblasts x2 (with their
/// steady states) and bone mass z over 400 days from x1 = 11, x2 = 212.
/// </summary>
public sealed class KomarovaCycleFigure : FigureDefinition
{
    /// <inheritdoc/>
    public override string Name => "komarova-cycle";

    /// <inheritdoc/>
    public override string Title => "Komarova et al. 2003: a single remodelling cycle";

    /// <inheritdoc/>
    public override string Description =>
        "Osteoclasts x1 and osteoblasts x2 (cell numbers, with their steady states x1_bar and x2_bar) and bone mass z (% of initial) over "
        + "400 days after x1 is raised to x1_bar + 10 (BioModels BIOMD0000000148 initial state): about three weeks of resorption, a longer "
        + "formation phase, z dips about ten percent and returns close to 100 %. Reported every 0.25 day.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> ModelIds => [Komarova2003.Id];

    /// <inheritdoc/>
    public override IReadOnlyList<Citation> Sources => [.. Komarova2003.Model.Sources];

    /// <inheritdoc/>
    public override IReadOnlyList<string> LabelColumns => [];

    /// <inheritdoc/>
    protected override (DataTable Table, IReadOnlyList<FigureModelInfo> Models) ComputeTable(FigureSettings settings)
    {
        var model = Komarova2003.Model;
        var scenario = ScenarioCatalog.Get(model.Id, "single_cycle");
        var parameters = scenario.CreateParameters(model).With(settings.Parameters);
        var result = Run(scenario.CreateRequest(model, settings.Solver) with { Parameters = parameters, IncludeObservables = true }, scenario.Name);
        var table = new DataTable(
        [
            DataColumn.Numeric("t", "day", result.Times, "time"),
            DataColumn.Numeric("x1", "", result["x1"], "osteoclasts (cell number)"),
            DataColumn.Numeric("x2", "", result["x2"], "osteoblasts (cell number)"),
            DataColumn.Numeric("z", "%", result["z"], "bone mass (% of initial)"),
            DataColumn.Numeric("x1_bar", "", result["x1_bar"], "steady-state osteoclast number"),
            DataColumn.Numeric("x2_bar", "", result["x2_bar"], "steady-state osteoblast number"),
        ]);
        return (table, [Info(model, Parameters(model, settings))]);
    }
}

/// <summary>
/// <c>komarova-autocrine</c>: Komarova et al. 2003, the osteoclast autocrine gain g11 decides between damped cycles
/// (g11 = 1), constant cycles (g11 = 1.1, the neutral centre for the published β1, β2, g22) and growing oscillations (1.12).
/// </summary>
public sealed class KomarovaAutocrineFigure : FigureDefinition
{
    private static readonly string[] Regimes = ["g11_1", "g11_neutral", "g11_unstable"];

    /// <inheritdoc/>
    public override string Name => "komarova-autocrine";

    /// <inheritdoc/>
    public override string Title => "Komarova et al. 2003: autocrine gain g11 and remodelling cycles";

    /// <inheritdoc/>
    public override string Description =>
        "Osteoclasts x1, osteoblasts x2 and bone mass z from x1 = 2, x2 = 212 for g11 = 1 (damped cycles, 1000 days), g11 = 1.1 "
        + "(the neutral centre 1 + β2(1 − g22)/β1: constant amplitude, 1000 days) and g11 = 1.12 (growing, 400 days); every 0.25 day. "
        + "g11 is set by each regime; a g11 given in the settings is replaced.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> ModelIds => [Komarova2003.Id];

    /// <inheritdoc/>
    public override IReadOnlyList<Citation> Sources => [.. Komarova2003.Model.Sources];

    /// <inheritdoc/>
    public override IReadOnlyList<string> LabelColumns => ["regime"];

    /// <inheritdoc/>
    protected override (DataTable Table, IReadOnlyList<FigureModelInfo> Models) ComputeTable(FigureSettings settings)
    {
        var model = Komarova2003.Model;
        var overrides = settings.Parameters.Where(kv => kv.Key != "g11").ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var labels = new List<string>();
        var g11 = new List<double>();
        var columns = new[] { "t", "x1", "x2", "z", "x1_bar" }.ToDictionary(c => c, _ => new List<double>(), StringComparer.Ordinal);
        foreach (var name in Regimes)
        {
            var scenario = ScenarioCatalog.Get(model.Id, name);
            var parameters = scenario.CreateParameters(model).With(overrides);
            var result = Run(scenario.CreateRequest(model, settings.Solver) with { Parameters = parameters, IncludeObservables = true }, name);
            labels.AddRange(Enumerable.Repeat(name, result.RowCount));
            g11.AddRange(Enumerable.Repeat(parameters["g11"], result.RowCount));
            columns["t"].AddRange(result.Times);
            foreach (var c in columns.Keys.Skip(1))
            {
                columns[c].AddRange(result[c]);
            }
        }

        var table = new DataTable(
        [
            DataColumn.Text("regime", labels, "catalog scenario"),
            DataColumn.Numeric("g11", "", g11, "osteoclast autocrine gain"),
            DataColumn.Numeric("t", "day", columns["t"], "time"),
            DataColumn.Numeric("x1", "", columns["x1"], "osteoclasts (cell number)"),
            DataColumn.Numeric("x2", "", columns["x2"], "osteoblasts (cell number)"),
            DataColumn.Numeric("z", "%", columns["z"], "bone mass (% of initial)"),
            DataColumn.Numeric("x1_bar", "", columns["x1_bar"], "steady-state osteoclast number"),
        ]);
        return (table, [Info(model, Parameters(model, settings with { Parameters = overrides }))]);
    }
}
