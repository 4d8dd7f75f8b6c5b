using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using OsteoOde.Modeling;
using OsteoOde.Numerics;

namespace OsteoOde.Models.Aging;

/// <summary>Sex of the simulated person: selects the estrogen module (women) and the peak femoral-neck BMD.</summary>
public enum Sex
{
    /// <summary>Women: estrogen module with the menopause at 51, peak BMD <c>bmd_peak_female</c>.</summary>
    Female = 0,

    /// <summary>Men: no estrogen module, peak BMD <c>bmd_peak_male</c>.</summary>
    Male = 1,
}

/// <summary>
/// Structure of a lifetime-model variant: sex and the modules switched off (immutable; derive variants with
/// <see cref="Without"/> or <c>with</c>). The default is women with every module on.
/// </summary>
public sealed record AgingOptions
{
    /// <summary>Sex (default <see cref="Sex.Female"/>).</summary>
    public Sex Sex { get; init; } = Sex.Female;

    /// <summary>Modules switched off (names of <see cref="AgingModel.Modules"/>). <c>estrogen</c> is accepted for men and changes nothing.</summary>
    public ImmutableSortedSet<string> Disabled { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>
    /// Drug modules switched on (names of <see cref="AgingModel.DrugModules"/>). Drugs are opt-in: without them the variant is
    /// exactly the model without the drug's states, parameters and terms (empty by default).
    /// </summary>
    public ImmutableSortedSet<string> Drugs { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Women, every module on.</summary>
    public static AgingOptions Female { get; } = new();

    /// <summary>Men, every module on.</summary>
    public static AgingOptions Male { get; } = new() { Sex = Sex.Male };

    /// <summary>Options with every module on for a sex.</summary>
    /// <param name="sex">Sex.</param>
    /// <returns>The options.</returns>
    public static AgingOptions For(Sex sex) => sex == Sex.Female ? Female : Male;

    /// <summary>The same options with more modules switched off.</summary>
    /// <param name="modules">Module names.</param>
    /// <returns>The new options.</returns>
    /// <exception cref="ArgumentException">A name is not a module of the lifetime model.</exception>
    public AgingOptions Without(params string[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules)
        {
            AgingModel.RequireModule(m, nameof(modules));
        }

        return this with { Disabled = Disabled.Union(modules) };
    }

    /// <summary>The same options with modules switched back on.</summary>
    /// <param name="modules">Module names.</param>
    /// <returns>The new options.</returns>
    public AgingOptions With(params string[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules)
        {
            AgingModel.RequireModule(m, nameof(modules));
        }

        return this with { Disabled = Disabled.Except(modules) };
    }

    /// <summary>The same options with drug modules switched on.</summary>
    /// <param name="drugs">Drug module names (<see cref="AgingModel.DrugModules"/>).</param>
    /// <returns>The new options.</returns>
    /// <exception cref="ArgumentException">A name is not a drug module.</exception>
    public AgingOptions WithDrugs(params string[] drugs)
    {
        ArgumentNullException.ThrowIfNull(drugs);
        foreach (var d in drugs)
        {
            AgingModel.RequireDrug(d, nameof(drugs));
        }

        return this with { Drugs = Drugs.Union(drugs) };
    }

    /// <summary>Whether a module is on (for men <c>estrogen</c> is never on; a drug module only when listed in <see cref="Drugs"/>).</summary>
    /// <param name="module">Module name.</param>
    /// <returns>Whether on.</returns>
    public bool IsOn(string module) => AgingModel.DrugModules.Contains(module)
        ? Drugs.Contains(module)
        : !Disabled.Contains(module) && !(module == AgingModel.Estrogen && Sex == Sex.Male);

    /// <summary>A stable key, for example <c>female</c>, <c>male-off:senescence,vesicles</c> or <c>female+drugs:denosumab</c>.</summary>
    public string Key
    {
        get
        {
            var sex = Sex == Sex.Female ? "female" : "male";
            var off = Disabled.Where(IsModuleOfSex).ToArray();
            var key = off.Length == 0 ? sex : $"{sex}-off:{string.Join(",", off)}";
            return Drugs.Count == 0 ? key : $"{key}+drugs:{string.Join(",", Drugs)}";
        }
    }

    /// <summary>Equality by sex and the set of switched-off modules.</summary>
    /// <param name="other">Other options.</param>
    /// <returns>Whether equal.</returns>
    public bool Equals(AgingOptions? other) => other is not null && Key == other.Key;

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <inheritdoc/>
    public override string ToString() => Key;

    private bool IsModuleOfSex(string module) => !(module == AgingModel.Estrogen && Sex == Sex.Male);
}

/// <summary>
/// The lifetime model <c>aging</c> (age 25 → 90): two Scheiner 2013 cell blocks (trabecular bone of the marrow cavity and
/// cortical bone) with a bounded mechanostat closure, a Karin 2019 senescence clock, marrow extracellular-vesicle pools with
/// RANKL and microRNA cargo, the osteogenic/adipogenic fate split with a marrow-fat state, a soluble SASP channel and (women)
/// the menopause. Composed of modules on a base that is <c>scheiner2013</c> with trabecular bone (v_b = 20 %); with every
/// module off the model is that base exactly. Equations, calibration and deviations: <c>src/OsteoOde.Models/Aging/README.md</c>.
/// <para>
/// Time <c>t</c> is in days from age 25; the time column <c>age</c> = 25 + t/365.25 years. Every driver is normalised to its
/// age-25 value and the cell blocks start at the Scheiner steady state recomputed for the current parameters (assignments
/// <c>OBp_25</c>, <c>OBa_25</c>, <c>OCa_25</c>), so every module combination starts exactly at steady state for any
/// parameter set.
/// </para>
/// </summary>
public static class AgingModel
{
    /// <summary>Model id.</summary>
    public const string Id = "aging";

    /// <summary>Name suffix of the cortical block's states, ligand quantities and extension points.</summary>
    public const string CorticalSuffix = "_ct";

    /// <summary>Module: second (cortical) Scheiner block with its bone volume <c>vb_ct</c>.</summary>
    public const string Cortical = "cortical";

    /// <summary>Module: mechanostat factor on the osteogenic supply of each compartment.</summary>
    public const string Closure = "closure";

    /// <summary>Module: Karin senescence clock S and the burden drivers.</summary>
    public const string Senescence = "senescence";

    /// <summary>Module: marrow EV pools, cargo loads, EV-RANKL production, miRNA factor, plasma EVs.</summary>
    public const string Vesicles = "vesicles";

    /// <summary>Module: osteogenic/adipogenic fate split and marrow fat.</summary>
    public const string MarrowFate = "marrow_fate";

    /// <summary>Module: soluble SASP factor on osteoclast formation.</summary>
    public const string Sasp = "sasp";

    /// <summary>Module: menopause curve and estrogen-deficit RANKL (women only).</summary>
    public const string Estrogen = "estrogen";

    /// <summary>Module: femoral-neck BMD, T-score, turnover markers and the output column order.</summary>
    public const string Readouts = "readouts";

    /// <summary>Drug module (opt-in): denosumab PK (SC depot, central concentration) and its RANKL sink in both compartments.</summary>
    public const string Denosumab = "denosumab";

    /// <summary>Drug module (opt-in): alendronate PK (absorbed pool, bone-bound pool) and its effect on osteoclast apoptosis.</summary>
    public const string Alendronate = "alendronate";

    /// <summary>
    /// Intervention module (opt-in, uncalibrated): vesicles from young mesenchymal stromal cells (Lei 2021) raising the osteogenic
    /// progenitor supply of both compartments while their effect lasts.
    /// </summary>
    public const string MscVesicles = "msc_ev";

    /// <summary>Every module in application order (the default modules; drug modules are listed in <see cref="DrugModules"/>).</summary>
    public static IReadOnlyList<string> Modules { get; } = [Cortical, Closure, Senescence, Vesicles, MarrowFate, Sasp, Estrogen, Readouts];

    /// <summary>The opt-in drug modules (off unless <see cref="AgingOptions.Drugs"/> lists them); applied after <c>estrogen</c>, before <c>readouts</c>.</summary>
    public static IReadOnlyList<string> DrugModules { get; } = [Denosumab, Alendronate, MscVesicles];

    /// <summary>The observable columns of the output contract, in order (after <c>t</c>, <c>age</c> and the states); columns of switched-off modules are absent.</summary>
    public static IReadOnlyList<string> ObservableOrder { get; } =
    [
        "bmd_fn", "t_score_fn", "bv_tb", "bv_ct", "senescent_burden", "f_sen", "ev_marrow", "ev_plasma", "rankl_ev", "mirna_ob",
        "mirna_adipo", "marrow_fat", "theta_ad", "formation", "resorption", "formation_ct", "resorption_ct", "RANKL", "OPG", "TGFb",
        "RANKL_ct", "OPG_ct", "EST", "P_RANKL_est", "P_RANKL_ev", "sasp_factor", "mirna_factor", "mech_tb", "mech_ct", "s_rel25",
    ];

    /// <summary>The state columns in order (all modules on).</summary>
    public static IReadOnlyList<string> StateOrder { get; } =
        ["OBp", "OBa", "OCa", "vb", "OBp_ct", "OBa_ct", "OCa_ct", "vb_ct", "S", "E_cell", "E_mat", "A_fat"];

    /// <summary>Years from age 25 to 90 in days: the end of the life-course run (65 × 365.25).</summary>
    public const double LifeCourseEnd = 65 * Karin.DaysPerYear;

    /// <summary>Age at t = 0 (years).</summary>
    public const double StartAge = 25;

    private static readonly ConcurrentDictionary<string, Lazy<Model>> Cache = new(StringComparer.Ordinal);

    /// <summary>The default model: women, every module on.</summary>
    public static Model Model => Create(AgingOptions.Female);

    /// <summary>The model for a sex with every module on.</summary>
    /// <param name="sex">Sex.</param>
    /// <returns>The model (built once per variant and cached; immutable).</returns>
    public static Model Create(Sex sex) => Create(AgingOptions.For(sex));

    /// <summary>The model variant for the options (built once per variant and cached; immutable).</summary>
    /// <param name="options">Sex and switched-off modules.</param>
    /// <returns>The model.</returns>
    public static Model Create(AgingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Cache.GetOrAdd(options.Key, _ => new Lazy<Model>(() => Composition(options).Build())).Value;
    }

    /// <summary>The composition for the options: the base plus every module of the sex, switched as the options say.</summary>
    /// <param name="options">Options.</param>
    /// <returns>The composition (immutable; switch modules with <see cref="ModelComposition.Switch"/>).</returns>
    public static ModelComposition Composition(AgingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var composition = new ModelComposition(Base);
        foreach (var module in CreateModules(options.Sex))
        {
            composition = composition.With(module, options.IsOn(module.Name));
        }

        return composition;
    }

    /// <summary>The composition for a sex with every module on.</summary>
    /// <param name="sex">Sex.</param>
    /// <returns>The composition.</returns>
    public static ModelComposition Composition(Sex sex) => Composition(AgingOptions.For(sex));

    /// <summary>The base module: <c>scheiner2013</c> (trabecular, v_b = <c>vb_tb0</c>), the age clock and the recomputed age-25 steady state.</summary>
    public static ModelModule Base { get; } = new(Id,
        "Scheiner 2013 cell block with trabecular bone volume (vb0 = 20 %), the age column, and the age-25 steady state recomputed for the current parameters",
        AgingModules.DeclareBase);

    /// <summary>
    /// Solver settings for life-course runs: Radau IIA order 5 (<c>radau5</c>) with the analytic Jacobian, relative tolerance
    /// <paramref name="relativeTolerance"/>, absolute tolerance 1e-16 (every state stays far above it: the smallest is OCa ≈ 1e-4 pM,
    /// so error control is relative in effect). At 1e-10 the trajectories agree with the prototype (LSODA at 1e-10) to 1.5e-9
    /// relative; radau5 needs about a third of the right-hand-side evaluations of rodas5p for the same agreement (README, numerics).
    /// </summary>
    /// <param name="relativeTolerance">Relative tolerance.</param>
    /// <returns>The options.</returns>
    public static OdeOptions SolverOptions(double relativeTolerance = 1e-10) =>
        new() { Method = "radau5", RelativeTolerance = relativeTolerance, AbsoluteTolerance = 1e-16 };

    /// <summary>Output times at whole years from <paramref name="fromAge"/> to <paramref name="toAge"/> (t = (age − 25)·365.25).</summary>
    /// <param name="fromAge">First age (≥ 25).</param>
    /// <param name="toAge">Last age.</param>
    /// <param name="stepYears">Spacing in years.</param>
    /// <returns>The times (days).</returns>
    public static IReadOnlyList<double> AgeGrid(double fromAge = 25, double toAge = 90, double stepYears = 1)
    {
        if (!(fromAge >= StartAge) || !(toAge >= fromAge) || !(stepYears > 0))
        {
            throw new ArgumentException(FormattableString.Invariant($"Need 25 <= fromAge <= toAge and stepYears > 0 (got {fromAge:R}, {toAge:R}, {stepYears:R})."), nameof(fromAge));
        }

        var n = (int)Math.Round((toAge - fromAge) / stepYears);
        return [.. Enumerable.Range(0, n + 1).Select(k => TimeAt(fromAge + (k * stepYears)))];
    }

    /// <summary>Model time (days) at an age (years).</summary>
    /// <param name="age">Age.</param>
    /// <returns>t = (age − 25)·365.25.</returns>
    public static double TimeAt(double age) => (age - StartAge) * Karin.DaysPerYear;

    /// <summary>A life-course request (25 → 90 unless <paramref name="toAge"/> is given) on the variant, with yearly output and <see cref="SolverOptions"/>.</summary>
    /// <param name="options">Variant (<see langword="null"/>: women, all modules on).</param>
    /// <param name="parameters">Parameter values replacing the defaults (validated against the bounds), or <see langword="null"/>.</param>
    /// <param name="outputTimes">Output times (<see langword="null"/>: every year).</param>
    /// <param name="toAge">End age.</param>
    /// <returns>The request.</returns>
    public static SimulationRequest LifeCourse(AgingOptions? options = null, IReadOnlyDictionary<string, double>? parameters = null,
        IReadOnlyList<double>? outputTimes = null, double toAge = 90)
    {
        var model = Create(options ?? AgingOptions.Female);
        var set = ParameterSet.Defaults(model);
        if (parameters is not null && parameters.Count > 0)
        {
            set = set.With(parameters);
        }

        var end = TimeAt(toAge);
        return new SimulationRequest(model, end)
        {
            Parameters = set,
            OutputTimes = outputTimes ?? AgeGrid(StartAge, toAge),
            Solver = SolverOptions(),
        };
    }

    /// <summary>The catalog options of the model (<c>sex</c>, <c>off</c>).</summary>
    public static IReadOnlyList<ModelOption> CatalogOptions { get; } =
    [
        new("sex", "sex of the simulated person: female (menopause at 51) or male", "female", ["female", "male"]),
        new("off", "modules to switch off, comma-separated (" + string.Join(", ", Modules) + "); none by default", "", Modules, IsList: true),
        new("drugs", "drug modules to switch on, comma-separated (" + string.Join(", ", DrugModules) + "); none by default (the drug doses come from scenarios)", "",
            DrugModules, IsList: true),
    ];

    /// <summary>Parses catalog option values (<c>sex</c>, <c>off</c>) into <see cref="AgingOptions"/>.</summary>
    /// <param name="values">Option values by name; absent options take their defaults.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">Unknown option or value; the message names the allowed ones.</exception>
    public static AgingOptions ParseOptions(IReadOnlyDictionary<string, string>? values)
    {
        var options = AgingOptions.Female;
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            switch (name)
            {
                case "sex":
                    options = value switch
                    {
                        "female" => options with { Sex = Sex.Female },
                        "male" => options with { Sex = Sex.Male },
                        _ => throw new ArgumentException($"Option 'sex' of model '{Id}' must be 'female' or 'male' (got '{value}').", nameof(values)),
                    };
                    break;
                case "off":
                    options = options with { Disabled = options.Disabled.Union(ParseNames(value, "off", "module", Modules)) };
                    break;
                case "drugs":
                    options = options with { Drugs = options.Drugs.Union(ParseNames(value, "drugs", "drug module", DrugModules)) };
                    break;
                default:
                    throw new ArgumentException($"Model '{Id}' has no option '{name}' (options: sex, off, drugs).", nameof(values));
            }
        }

        return options;
    }

    /// <summary>
    /// The parameter table as Markdown (name, value, unit, module, description, source, lower, upper, scale), one row per
    /// parameter of any variant in the order of <see cref="AgingParameters.All"/>; the README's table is this text (kept in sync by a test).
    /// </summary>
    /// <returns>The table (ends with a newline).</returns>
    public static string ParameterTableMarkdown()
    {
        var sb = new System.Text.StringBuilder("| name | value | unit | module | description | source | lower | upper | scale |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var row in AgingParameters.All)
        {
            var p = row.Spec;
            sb.Append(CultureInfo.InvariantCulture,
                $"| `{p.Name}` | {p.Value:R} | {Unit.Parse(p.Unit)} | {row.Module} | {Cell(p.Description)} | {Cell(p.Source.ToString())} | {p.LowerBound:R} | {p.UpperBound:R} | {(p.Scale == ParameterScale.Log ? "log" : "linear")} |\n");
        }

        return sb.ToString();
    }

    internal static void RequireModule(string module, string paramName)
    {
        if (!Modules.Contains(module))
        {
            throw new ArgumentException($"'{module}' is not a module of the lifetime model (modules: {string.Join(", ", Modules)}).", paramName);
        }
    }

    /// <summary>Splits a comma-separated list option and checks every entry against the allowed names.</summary>
    private static string[] ParseNames(string? value, string option, string kind, IReadOnlyList<string> allowed)
    {
        var names = (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var n in names)
        {
            if (!allowed.Contains(n))
            {
                var plural = kind == "module" ? "modules" : "drugs";
                throw new ArgumentException($"Option '{option}' of model '{Id}': '{n}' is not a {kind} ({plural}: {string.Join(", ", allowed)}).", "values");
            }
        }

        return names;
    }

    internal static void RequireDrug(string drug, string paramName)
    {
        if (!DrugModules.Contains(drug))
        {
            throw new ArgumentException($"'{drug}' is not a drug module of the lifetime model (drugs: {string.Join(", ", DrugModules)}).", paramName);
        }
    }

    private static IEnumerable<ModelModule> CreateModules(Sex sex)
    {
        yield return new ModelModule(Cortical, "second Scheiner cell block for cortical bone (vb_ct0 = 95 %, turnover 3 %/yr)", AgingModules.DeclareCortical);
        yield return new ModelModule(Closure, "mechanostat factor 1 + λ((vb0/vb)^m − 1) on the osteogenic supply of each compartment", AgingModules.DeclareClosure);
        yield return new ModelModule(Senescence, "Karin 2019 senescent-cell abundance S with human parameters; burden s = S/S(25), bone-local senescent fraction", AgingModules.DeclareSenescence);
        yield return new ModelModule(Vesicles, "marrow EV pools (cell-derived, matrix-derived), cargo loads, EV-RANKL production, osteo-inhibitory miRNA factor, plasma EVs", AgingModules.DeclareVesicles);
        yield return new ModelModule(MarrowFate, "adipogenic share of the committed progenitor flux driven by aged-matrix miRNAs; marrow fat", AgingModules.DeclareMarrowFate);
        yield return new ModelModule(Sasp, "soluble (non-vesicle) SASP factor on osteoclast formation", AgingModules.DeclareSasp);
        if (sex == Sex.Female)
        {
            yield return new ModelModule(Estrogen, "OpenBoneMin menopause curve EST(a) and sustained extra RANKL production k·(1 − EST)", AgingModules.DeclareEstrogen);
        }

        yield return new ModelModule(Denosumab, "denosumab SC depot and serum concentration (Martínez-Reina & Pivonka 2019 PK) with the RANKL sink χ·K_A,den·C in both compartments",
            AgingModules.DeclareDenosumab);
        yield return new ModelModule(Alendronate, "alendronate absorbed and bone-bound pools (uptake ∝ resorption) with an effect on osteoclast apoptosis in both compartments",
            AgingModules.DeclareAlendronate);
        yield return new ModelModule(MscVesicles, "young-MSC vesicle therapy (uncalibrated): effect pool E_y filled by injections, factor 1 + ζ·E_y/(E_y + K) on the progenitor supply of both compartments",
            AgingModules.DeclareMscVesicles);

        yield return new ModelModule(Readouts, "femoral-neck BMD and T-score, bone volumes, turnover markers; output column order",
            b => AgingModules.DeclareReadouts(b, sex));
    }

    private static string Cell(string text) => text.Replace("|", @"\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
