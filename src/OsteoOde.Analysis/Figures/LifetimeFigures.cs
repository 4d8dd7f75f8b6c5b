using OsteoOde.Analysis.Attribution;
using OsteoOde.Modeling;
using OsteoOde.Models.Aging;
using OsteoOde.Numerics;

namespace OsteoOde.Analysis.Figures;

/// <summary>
/// A figure of the lifetime model <c>aging</c> for both sexes (or other variants, <see cref="Variants"/>). Parameter changes apply
/// to each variant that has the parameter (the estrogen parameters exist only in women's); every name must belong to at least one. The solver defaults to
/// the model's own settings (<see cref="AgingModel.SolverOptions"/>: radau5, rtol 1e-10, atol 1e-16).
/// </summary>
public abstract class LifetimeFigure : FigureDefinition
{
    /// <summary>The sexes in table order.</summary>
    public static IReadOnlyList<Sex> Sexes { get; } = [Sex.Female, Sex.Male];

    /// <inheritdoc/>
    public override IReadOnlyList<string> ModelIds => [AgingModel.Id];

    /// <inheritdoc/>
    public override OdeOptions DefaultSolver => AgingModel.SolverOptions();

    /// <inheritdoc/>
    public override IReadOnlyList<Citation> Sources => [.. AgingModel.Model.Sources];

    /// <summary>Label of a sex in tables (<c>female</c>, <c>male</c>).</summary>
    /// <param name="sex">Sex.</param>
    /// <returns>The label.</returns>
    public static string Label(Sex sex) => sex == Sex.Female ? "female" : "male";

    /// <summary>The model variants the figure runs (default: one per sex); settings are validated against them.</summary>
    protected virtual IReadOnlyList<Model> Variants => [.. Sexes.Select(AgingModel.Create)];

    /// <inheritdoc/>
    public override void Validate(FigureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(settings.Parameters);
        var models = Variants;
        foreach (var name in settings.Parameters.Keys.Where(n => !models.Any(m => ParameterSet.Defaults(m).Contains(n))))
        {
            _ = Parameters(models[0], settings with { Parameters = new Dictionary<string, double> { [name] = settings.Parameters[name] } });
        }

        foreach (var model in models)
        {
            _ = ParametersOf(model, settings);
            try
            {
                (settings.Solver ?? DefaultSolver).Validate(model.States.Count, OdeMethodCatalog.Default);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Figure '{Name}': {e.Message}", nameof(settings), e);
            }
        }
    }

    /// <summary>The settings' parameter changes that belong to <paramref name="model"/>, applied to its defaults.</summary>
    /// <param name="model">A sex variant.</param>
    /// <param name="settings">Settings.</param>
    /// <returns>The set.</returns>
    protected ParameterSet ParametersOf(Model model, FigureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = ParameterSet.Defaults(model);
        var own = settings.Parameters.Where(kv => defaults.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return Parameters(model, settings with { Parameters = own });
    }

    /// <summary>Life courses of both sexes on an age grid, with the settings applied.</summary>
    /// <param name="settings">Settings (solver resolved).</param>
    /// <param name="stepYears">Spacing of the output ages.</param>
    /// <returns>Per sex: the model, its parameter set and the result.</returns>
    protected IReadOnlyList<(Sex Sex, Model Model, ParameterSet Parameters, SimulationResult Result)> LifeCourses(FigureSettings settings, double stepYears)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var runs = Sexes.Select(sex =>
        {
            var model = AgingModel.Create(sex);
            var set = ParametersOf(model, settings);
            var request = new SimulationRequest(model, AgingModel.TimeAt(90))
            {
                Parameters = set,
                OutputTimes = AgingModel.AgeGrid(AgingModel.StartAge, 90, stepYears),
                Solver = settings.Solver!,
            };
            return (Sex: sex, Model: model, Parameters: set, Request: request);
        }).ToList();
        var results = Simulation.RunBatch(runs.Select(r => r.Request), Environment.ProcessorCount);
        return [.. runs.Zip(results, (r, result) => result.IsSuccess
            ? (r.Sex, r.Model, r.Parameters, result)
            : throw new SimulationFailedException(result.Status, $"Figure '{Name}', {Label(r.Sex)} life course: {result.Message}"))];
    }

    /// <summary>Columns <c>sex</c>, <c>age</c> and the named result columns (with their units) of both life courses, stacked.</summary>
    /// <param name="runs">Life courses.</param>
    /// <param name="columns">Result columns.</param>
    /// <returns>The columns.</returns>
    protected static List<DataColumn> Stack(IReadOnlyList<(Sex Sex, Model Model, ParameterSet Parameters, SimulationResult Result)> runs, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var first = runs[0].Result;
        var stacked = new List<DataColumn>
        {
            DataColumn.Text("sex", runs.SelectMany(r => Enumerable.Repeat(Label(r.Sex), r.Result.RowCount)), "sex of the simulated person"),
            DataColumn.Numeric("age", ProtocolFigure.Unit(first.Column("age").Unit), runs.SelectMany(r => r.Result["age"]), "age"),
        };
        stacked.AddRange(columns.Select(c => DataColumn.Numeric(c, ProtocolFigure.Unit(first.Column(c).Unit), runs.SelectMany(r => r.Result[c]),
            first.Column(c).Description)));
        return stacked;
    }
}

/// <summary>
/// <c>lifetime-bmd</c>: femoral-neck BMD and T-score from 25 to 90 for women and men (quarter-year grid), the trabecular and
/// cortical bone volumes, and the WHO category of each row (T &gt; −1 normal, −2.5 &lt; T ≤ −1 osteopenia, T ≤ −2.5
/// osteoporosis; WHO Technical Report Series 843, 1994). Men's T-scores use the female NHANES III reference (WHO convention).
/// </summary>
public sealed class LifetimeBmdFigure : LifetimeFigure
{
    /// <summary>WHO osteopenia threshold (T-score).</summary>
    public const double Osteopenia = -1.0;

    /// <summary>WHO osteoporosis threshold (T-score).</summary>
    public const double Osteoporosis = -2.5;

    /// <inheritdoc/>
    public override string Name => "lifetime-bmd";

    /// <inheritdoc/>
    public override string Title => "Lifetime femoral-neck BMD by sex with the WHO T-score thresholds";

    /// <inheritdoc/>
    public override string Description =>
        "Femoral-neck BMD (g/cm²) and T-score (NHANES III young-women reference) of the lifetime model from age 25 to 90 for women "
        + "and men, with trabecular and cortical bone volume fractions and the WHO category per age (osteopenia T ≤ −1, osteoporosis "
        + "T ≤ −2.5). Women lose bone fastest around the menopause (final menstrual period at 51), men slowly through senescence-"
        + "and vesicle-driven mechanisms.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> LabelColumns => ["sex", "category"];

    /// <summary>The WHO category of a T-score.</summary>
    /// <param name="tScore">T-score.</param>
    /// <returns><c>normal</c>, <c>osteopenia</c> or <c>osteoporosis</c>.</returns>
    public static string Category(double tScore) => tScore <= Osteoporosis ? "osteoporosis" : tScore <= Osteopenia ? "osteopenia" : "normal";

    /// <inheritdoc/>
    protected override (DataTable Table, IReadOnlyList<FigureModelInfo> Models) ComputeTable(FigureSettings settings)
    {
        var runs = LifeCourses(settings, 0.25);
        var columns = Stack(runs, "bmd_fn", "t_score_fn", "bv_tb", "bv_ct");
        var t = runs.SelectMany(r => r.Result["t_score_fn"]).ToArray();
        columns.Add(DataColumn.Text("category", t.Select(Category), "WHO category of the T-score"));
        return (new DataTable(columns), [.. runs.Select(r => Info(r.Model, r.Parameters, Label(r.Sex)))]);
    }
}

/// <summary>
/// <c>senescence-vesicles</c>: the drivers of the lifetime model by sex: senescent burden (relative to age 30), marrow and
/// plasma extracellular-vesicle numbers, the cargo loads of RANKL⁺ and microRNA vesicles, the adipogenic share and marrow fat.
/// </summary>
public sealed class SenescenceVesiclesFigure : LifetimeFigure
{
    /// <summary>The trajectory columns of the table.</summary>
    public static IReadOnlyList<string> Quantities { get; } =
        ["senescent_burden", "f_sen", "ev_marrow", "ev_plasma", "rankl_ev", "mirna_ob", "mirna_adipo", "theta_ad", "marrow_fat"];

    /// <inheritdoc/>
    public override string Name => "senescence-vesicles";

    /// <inheritdoc/>
    public override string Title => "Senescent burden, marrow vesicles and their cargo over the life course";

    /// <inheritdoc/>
    public override string Description =>
        "Senescent-cell burden relative to age 30 (Karin 2019 saturating-removal clock), bone-local senescent fraction, marrow EV "
        + "number (relative to age 25) and plasma EVs, the cargo loads of RANKL⁺ vesicles and of osteo-inhibitory and adipogenic "
        + "microRNAs (relative to age 25), the adipogenic share of progenitors and marrow fat, from 25 to 90 for women and men.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> LabelColumns => ["sex"];

    /// <inheritdoc/>
    protected override (DataTable Table, IReadOnlyList<FigureModelInfo> Models) ComputeTable(FigureSettings settings)
    {
        var runs = LifeCourses(settings, 0.25);
        return (new DataTable(Stack(runs, [.. Quantities])), [.. runs.Select(r => Info(r.Model, r.Parameters, Label(r.Sex)))]);
    }
}

/// <summary>
/// <c>mechanism-attribution</c>: exact Shapley attribution (<see cref="AgingAttribution"/>) of the femoral-neck bone loss from
/// the peak (percent of the peak at 25) to the mechanisms of the lifetime model at ages 60, 70 and 80, for women and men, with
/// the one-at-a-time and alone effects for comparison.
/// </summary>
public sealed class MechanismAttributionFigure : LifetimeFigure
{
    /// <summary>Ages of the attribution.</summary>
    public static IReadOnlyList<double> Ages { get; } = [60, 70, 80];

    /// <inheritdoc/>
    public override string Name => "mechanism-attribution";

    /// <inheritdoc/>
    public override string Title => "Which mechanisms cause the bone loss? Shapley shares at 60, 70 and 80";

    /// <inheritdoc/>
    public override string Description =>
        "Exact Shapley decomposition of the femoral-neck BMD loss from the peak (age 25, percent of the peak) among the lifetime "
        + "model's mechanisms (estrogen deficit in women, soluble SASP, RANKL⁺ vesicles, osteo-inhibitory microRNAs, aged-matrix "
        + "vesicles / fat shift) at 60, 70 and 80 for women and men: 2^n life courses per sex. Shares sum to 100 % of the total; the "
        + "one-at-a-time and alone effects show how far the mechanisms interact.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> LabelColumns => ["sex", "mechanism", "title"];

    /// <inheritdoc/>
    protected override (DataTable Table, IReadOnlyList<FigureModelInfo> Models) ComputeTable(FigureSettings settings)
    {
        var sex = new List<string>();
        var age = new List<double>();
        var mechanism = new List<string>();
        var title = new List<string>();
        var shapley = new List<double>();
        var share = new List<double>();
        var oneAtATime = new List<double>();
        var alone = new List<double>();
        var total = new List<double>();
        var models = new List<FigureModelInfo>();
        foreach (var s in Sexes)
        {
            var model = AgingModel.Create(s);
            var set = ParametersOf(model, settings);
            var own = set.Diff().ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);
            var result = AgingAttribution.Run(s, Ages, new AgingConfiguration(AgingOptions.For(s), own), null, settings.Solver);
            if (!result.IsComplete)
            {
                var failure = result.Failures[0];
                // A coalition that failed without a simulation status threw inside the evaluation: report it as a right-hand-side failure.
                throw new SimulationFailedException(failure.Status ?? SimulationStatus.RhsFailure,
                    $"Figure '{Name}', {Label(s)}: {result.Failures.Count} coalition run(s) failed; first ({string.Join("+", failure.Members)}): {failure.Message}");
            }

            foreach (var row in result.Rows)
            {
                sex.Add(Label(s));
                age.Add(row.Point);
                mechanism.Add(row.Player);
                title.Add(AgingMechanisms.Get(row.Player).Title);
                shapley.Add(row.Shapley);
                share.Add(100 * row.ShapleyShare);
                oneAtATime.Add(row.OneAtATime);
                alone.Add(row.Alone);
                total.Add(result.Total[result.Points.ToList().IndexOf(row.Point)]);
            }

            models.Add(Info(model, set, Label(s)));
        }

        const string Loss = "% of peak";
        var table = new DataTable(
        [
            DataColumn.Text("sex", sex, "sex of the simulated person"),
            DataColumn.Numeric("age", "year", age, "age of the attribution"),
            DataColumn.Text("mechanism", mechanism, "mechanism (AgingMechanisms)"),
            DataColumn.Text("title", title, "what the mechanism is"),
            DataColumn.Numeric("shapley", Loss, shapley, "Shapley value: the mechanism's part of the loss"),
            DataColumn.Numeric("share", "%", share, "Shapley value as a share of the total loss"),
            DataColumn.Numeric("one_at_a_time", Loss, oneAtATime, "loss removed by switching only this mechanism off"),
            DataColumn.Numeric("alone", Loss, alone, "loss with only this mechanism on"),
            DataColumn.Numeric("total", Loss, total, "loss from the peak with every mechanism on"),
        ]);
        return (table, models);
    }
}
