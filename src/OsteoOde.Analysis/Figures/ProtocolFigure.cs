using OsteoOde.Modeling;
using OsteoOde.Models;

namespace OsteoOde.Analysis.Figures;

/// <summary>
/// A figure of a model's catalog protocols (<see cref="ScenarioCatalog"/>): every protocol run from the steady state of the
/// figure's parameter set (pre-equilibrated, so a parameter change starts from its own steady state), reported on the
/// protocol's one-day grid. Table (long format): <c>protocol</c>, <c>t [day]</c>, each state, and each state relative to its
/// value at t = 0 (<c>NAME_rel</c>, dimensionless); pure integrators such as the bone volume <c>vb</c> are reported as they are.
/// </summary>
public abstract class ProtocolFigure : FigureDefinition
{
    /// <summary>The model.</summary>
    protected abstract Model Model { get; }

    /// <summary>States that get a relative column (the cell populations).</summary>
    protected abstract IReadOnlyList<string> RelativeStates { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> ModelIds => [Model.Id];

    /// <inheritdoc/>
    public override IReadOnlyList<string> LabelColumns => ["protocol"];

    /// <summary>The protocols in catalog order.</summary>
    public IReadOnlyList<Scenario> Protocols => ScenarioCatalog.For(Model.Id);

    /// <inheritdoc/>
    protected override (DataTable Table, IReadOnlyList<FigureModelInfo> Models) ComputeTable(FigureSettings settings)
    {
        var model = Model;
        var parameters = Parameters(model, settings);
        var requests = Protocols.Select(s => s.CreateRequest(model, settings.Solver) with
        {
            Parameters = s.CreateParameters(model).With(settings.Parameters),
            PreEquilibration = new SteadyStateOptions(),
            IncludeObservables = false,
        }).ToList();
        var results = Simulation.RunBatch(requests, Environment.ProcessorCount);
        var labels = new List<string>();
        var time = new List<double>();
        var states = model.States.Select(_ => new List<double>()).ToArray();
        var relative = RelativeStates.Select(_ => new List<double>()).ToArray();
        for (var k = 0; k < results.Count; k++)
        {
            var r = results[k];
            if (!r.IsSuccess)
            {
                throw new SimulationFailedException(r.Status, $"Figure '{Name}', protocol '{Protocols[k].Name}': {r.Message}");
            }

            labels.AddRange(Enumerable.Repeat(Protocols[k].Name, r.RowCount));
            time.AddRange(r.Times);
            for (var s = 0; s < states.Length; s++)
            {
                states[s].AddRange(r[model.States[s].Name]);
            }

            for (var s = 0; s < relative.Length; s++)
            {
                var values = r[RelativeStates[s]];
                relative[s].AddRange(values.Select(v => v / values[0]));
            }
        }

        var unit = model.TimeUnit.ToString();
        var columns = new List<DataColumn>
        {
            DataColumn.Text("protocol", labels, "catalog protocol (osteo scenarios --model " + model.Id + ")"),
            DataColumn.Numeric("t", unit, time, "time since the start of the protocol"),
        };
        columns.AddRange(model.States.Select((s, i) => DataColumn.Numeric(s.Name, Unit(s.Unit), states[i], s.Description)));
        columns.AddRange(RelativeStates.Select((name, i) => DataColumn.Numeric(name + "_rel", "", relative[i], $"{name} relative to its steady state at t = 0")));
        return (new DataTable(columns), [Info(model, parameters)]);
    }

    /// <summary>Unit text for a column: empty for dimensionless.</summary>
    /// <param name="unit">Unit.</param>
    /// <returns>The text.</returns>
    internal static string Unit(Unit unit) => unit.IsOne ? "" : unit.ToString();
}

/// <summary>
/// <c>lemaire-protocols</c>: Lemaire et al. 2004, Fig. 2-style panels: the nine curated figure experiments (add/remove R, B, C;
/// continuous PTH; OPG; RANKL then OPG), R, B and C over 200 days from the steady state.
/// </summary>
public sealed class LemaireProtocolsFigure : ProtocolFigure
{
    /// <inheritdoc/>
    public override string Name => "lemaire-protocols";

    /// <inheritdoc/>
    public override string Title => "Lemaire et al. 2004: responses to the nine figure experiments";

    /// <inheritdoc/>
    public override string Description =>
        "Responding osteoblasts R, active osteoblasts B and active osteoclasts C over 200 days for the nine curated experiments of "
        + "Lemaire et al. 2004 (BioModels BIOMD0000000278 figure variants): cells added or removed, continuous PTH, OPG, RANKL then OPG, "
        + "each input switched on for 20 < t <= 80 days (RANKL from day 20 and OPG from day 80 in the last), from the steady state.";

    /// <inheritdoc/>
    public override IReadOnlyList<Citation> Sources => [Lemaire2004.Model.Sources[0], new("BioModels BIOMD0000000278 (curated figure variants)", Url: "https://www.ebi.ac.uk/biomodels/BIOMD0000000278")];

    /// <inheritdoc/>
    protected override Model Model => Lemaire2004.Model;

    /// <inheritdoc/>
    protected override IReadOnlyList<string> RelativeStates => ["R", "B", "C"];
}

/// <summary>
/// <c>pivonka-protocols</c>: Pivonka et al. 2008 protocol responses: external PTH, OPG, RANKL and TGF-β for 20 &lt; t ≤ 80 days,
/// OBp, OBa and OCa over 300 days from the published steady state.
/// </summary>
public sealed class PivonkaProtocolsFigure : ProtocolFigure
{
    /// <inheritdoc/>
    public override string Name => "pivonka-protocols";

    /// <inheritdoc/>
    public override string Title => "Pivonka et al. 2008: responses to external PTH, OPG, RANKL and TGF-β";

    /// <inheritdoc/>
    public override string Description =>
        "Precursor and active osteoblasts (OBp, OBa) and active osteoclasts (OCa) over 300 days, absolute and relative to the steady "
        + "state, for the Pivonka-family protocols of model-reference §2.5: P_PTH = 1e3, P_OPG = 2e5, P_RANKL = 1e4, P_TGFb = 1e-3 pM/day "
        + "for 20 < t <= 80 days on the Pivonka 2008 parameter set.";

    /// <inheritdoc/>
    public override IReadOnlyList<Citation> Sources => [.. Pivonka2008.Model.Sources];

    /// <inheritdoc/>
    protected override Model Model => Pivonka2008.Model;

    /// <inheritdoc/>
    protected override IReadOnlyList<string> RelativeStates => ["OBp", "OBa", "OCa"];
}

/// <summary>
/// <c>scheiner-protocols</c>: the same four protocols on the Scheiner et al. 2013 parameter set with the bone volume fraction
/// <c>vb</c> (15 % at the start), which integrates the formation–resorption imbalance.
/// </summary>
public sealed class ScheinerProtocolsFigure : ProtocolFigure
{
    /// <inheritdoc/>
    public override string Name => "scheiner-protocols";

    /// <inheritdoc/>
    public override string Title => "Scheiner et al. 2013 parameters: cell responses and bone volume";

    /// <inheritdoc/>
    public override string Description =>
        "OBp, OBa, OCa (absolute and relative) and the bone volume fraction vb over 300 days for external PTH, OPG, RANKL and TGF-β "
        + "(20 < t <= 80 days) on the Scheiner 2013 parameter set (steady state 1e-3, 5e-4, 1e-4 pM; vb = 15 %). Without the "
        + "mechanostat, vb keeps the imbalance accumulated during the window: PTH and RANKL lose bone, OPG and TGF-β gain it.";

    /// <inheritdoc/>
    public override IReadOnlyList<Citation> Sources => [.. Scheiner2013.Model.Sources];

    /// <inheritdoc/>
    protected override Model Model => Scheiner2013.Model;

    /// <inheritdoc/>
    protected override IReadOnlyList<string> RelativeStates => ["OBp", "OBa", "OCa"];
}
