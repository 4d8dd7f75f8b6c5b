using OsteoOde.Modeling;
using OsteoOde.Models;
using OsteoOde.Models.Aging;

namespace OsteoOde.Analysis.Figures;

/// <summary>
/// <c>interventions</c>: women from 65 to 70 under denosumab 60 mg every 6 months, alendronate 70 mg weekly (both for 3
/// years) and no treatment, the lifetime model's treatment scenarios (<see cref="AgingScenarios"/>, model README
/// "Interventions") on their weekly grid from the first dose. Long format, one block per <c>treatment</c>: femoral-neck BMD
/// relative to the age-65 baseline and to the untreated control, the CTX and P1NP proxies (trabecular resorption and
/// formation fluxes) relative to the control, the matrix-EV pool, marrow EVs and marrow fat relative to the control, and
/// the drug levels (serum denosumab, bone-bound alendronate; 0 in arms without that drug). Parameter changes apply to each
/// arm whose model has the parameter (the drug parameters exist only in their arm); every name must belong to one of them.
/// </summary>
public sealed class InterventionsFigure : LifetimeFigure
{
    /// <summary>The arms in table order: treatment label and scenario name (the untreated control last).</summary>
    public static IReadOnlyList<(string Treatment, string Scenario)> Arms { get; } =
    [
        ("denosumab", "denosumab_q6m_from65_female"),
        ("alendronate", "alendronate_weekly_from65_female"),
        ("untreated", "untreated_from65_female"),
    ];

    /// <summary>Days per month of the <c>month</c> column (365.25/12).</summary>
    public const double DaysPerMonth = 30.4375;

    /// <summary>Label of the untreated control arm.</summary>
    public const string Control = "untreated";

    /// <summary>Result columns reported relative to the control (table column <c>NAME_vs_control</c>, %).</summary>
    public static IReadOnlyList<(string Column, string Name, string What)> RelativeToControl { get; } =
    [
        ("bmd_fn", "bmd_fn_vs_control", "femoral-neck BMD"),
        ("resorption", "ctx_vs_control", "CTX proxy (trabecular resorption flux)"),
        ("formation", "p1np_vs_control", "P1NP proxy (trabecular formation flux)"),
        ("E_mat", "matrix_ev_vs_control", "aged-matrix EV pool (= adipogenic microRNA load)"),
        ("ev_marrow", "marrow_ev_vs_control", "marrow EV number"),
        ("marrow_fat", "marrow_fat_vs_control", "marrow fat fraction"),
    ];

    /// <summary>The drug-level columns: result column and the arm that has it (0 in the other arms).</summary>
    public static IReadOnlyList<(string Column, string Treatment)> DrugLevels { get; } = [("C_den", "denosumab"), ("D_b", "alendronate")];

    private static IReadOnlyList<Scenario> Scenarios => [.. Arms.Select(a => ScenarioCatalog.Get(AgingModel.Id, a.Scenario))];

    /// <inheritdoc/>
    public override string Name => "interventions";

    /// <inheritdoc/>
    public override string Title => "Denosumab and alendronate from 65: femoral-neck BMD, CTX proxy and drug levels";

    /// <inheritdoc/>
    public override string Description =>
        "Women treated from 65 for 3 years and followed to 70 (weekly grid from the first dose): denosumab 60 mg every 6 months "
        + "(Martínez-Reina & Pivonka 2019 PK/PD, not fitted), alendronate 70 mg weekly (effect calibrated to FIT-type targets) and "
        + "the untreated control. Femoral-neck BMD relative to the untreated value at 65 and to the control, CTX and P1NP proxies "
        + "(trabecular resorption and formation fluxes) relative to the control, matrix EVs, marrow EVs and marrow fat relative to "
        + "the control, serum denosumab and bone-bound alendronate. Denosumab's suppression fades before each next dose.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> LabelColumns => ["treatment", "scenario"];

    /// <inheritdoc/>
    public override IReadOnlyList<Citation> Sources =>
        [AgingSources.MartinezReina2019, AgingSources.AlendronatePk, AgingSources.Wang2022, .. AgingModel.Model.Sources];

    /// <inheritdoc/>
    protected override IReadOnlyList<Model> Variants => [.. Scenarios.Select(s => s.CreateModel())];

    /// <inheritdoc/>
    protected override (DataTable Table, IReadOnlyList<FigureModelInfo> Models) ComputeTable(FigureSettings settings)
    {
        var scenarios = Scenarios;
        var runs = scenarios.Select(s =>
        {
            var model = s.CreateModel();
            var set = ParametersOf(model, settings);
            return (Model: model, Parameters: set, Request: s.CreateRequest(model, settings.Solver) with { Parameters = set });
        }).ToList();
        var results = Simulation.RunBatch(runs.Select(r => r.Request), Environment.ProcessorCount);
        var weekly = new HashSet<double>(scenarios[0].ExtraOutputTimes);
        var start = AgingModel.TimeAt(AgingScenarios.TreatmentStartAge);
        var rows = new List<int[]>();
        for (var k = 0; k < results.Count; k++)
        {
            if (!results[k].IsSuccess)
            {
                throw new SimulationFailedException(results[k].Status, $"Figure '{Name}', scenario '{Arms[k].Scenario}': {results[k].Message}");
            }

            rows.Add([.. Enumerable.Range(0, results[k].RowCount).Where(i => weekly.Contains(results[k].Times[i]))]);
        }

        double[] Pick(int arm, string column) => [.. rows[arm].Select(i => results[arm][column][i])];
        var control = Arms.Select(a => a.Treatment).ToList().IndexOf(Control);
        var n = rows[0].Length;
        var baseline = Pick(control, "bmd_fn")[0];
        var first = results[0];
        var columns = new List<DataColumn>
        {
            DataColumn.Text("treatment", Arms.SelectMany(a => Enumerable.Repeat(a.Treatment, n)), "treatment arm"),
            DataColumn.Text("scenario", Arms.SelectMany(a => Enumerable.Repeat(a.Scenario, n)), "catalog scenario (osteo scenarios --model aging)"),
            DataColumn.Numeric("day", "day", Arms.SelectMany((_, k) => rows[k].Select(i => results[k].Times[i] - start)), "days since the first dose (age 65)"),
            DataColumn.Numeric("month", "month", Arms.SelectMany((_, k) => rows[k].Select(i => (results[k].Times[i] - start) / DaysPerMonth)),
                "months since the first dose (day / 30.4375)"),
            DataColumn.Numeric("age", "year", Arms.SelectMany((_, k) => Pick(k, "age")), "age"),
            DataColumn.Numeric("bmd_fn", ProtocolFigure.Unit(first.Column("bmd_fn").Unit), Arms.SelectMany((_, k) => Pick(k, "bmd_fn")), "femoral-neck areal BMD"),
            DataColumn.Numeric("bmd_fn_vs_baseline", "%", Arms.SelectMany((_, k) => Pick(k, "bmd_fn").Select(v => Percent(v, baseline))),
                "femoral-neck BMD relative to the untreated value at 65"),
        };
        foreach (var (column, name, what) in RelativeToControl)
        {
            var reference = Pick(control, column);
            columns.Add(DataColumn.Numeric(name, "%", Arms.SelectMany((_, k) => Pick(k, column).Select((v, i) => Percent(v, reference[i]))),
                $"{what} relative to the untreated control at the same time"));
        }

        foreach (var (column, treatment) in DrugLevels)
        {
            var arm = Arms.Select(a => a.Treatment).ToList().IndexOf(treatment);
            var values = Pick(arm, column);
            columns.Add(DataColumn.Numeric(column, ProtocolFigure.Unit(results[arm].Column(column).Unit),
                Arms.SelectMany((_, k) => k == arm ? values : new double[n]), $"{results[arm].Column(column).Description} (0 in the other arms)"));
        }

        return (new DataTable(columns), [.. runs.Select((r, k) => Info(r.Model, r.Parameters, Variant(scenarios[k])))]);
    }

    /// <summary>100·(value/reference − 1).</summary>
    private static double Percent(double value, double reference) => 100 * ((value / reference) - 1);

    private static string Variant(Scenario scenario) => AgingModel.ParseOptions(scenario.ModelOptions).Key;
}
