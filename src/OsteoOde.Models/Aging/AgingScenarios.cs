using OsteoOde.Modeling;

namespace OsteoOde.Models.Aging;

/// <summary>
/// Named protocols of the lifetime model: the life course 25 → 90 for each sex, the module-off variants the checks and the
/// attribution use (prototype reference files <c>ref_{sex}_{variant}.csv</c>), and the Farr 2024 senolytic trial.
/// </summary>
public static class AgingScenarios
{
    /// <summary>Age at the start of the Farr 2024 senolytic protocol (years; trial participants 62–88, mean about 71).</summary>
    public const double SenolyticStartAge = 71;

    /// <summary>Fraction of senescent cells cleared by one dasatinib + quercetin cycle (model-reference §10.8 default).</summary>
    public const double SenolyticKillFraction = 0.4;

    /// <summary>Days between senolytic cycles.</summary>
    public const double SenolyticPeriod = 28;

    /// <summary>Number of senolytic cycles (20 weeks).</summary>
    public const int SenolyticCycles = 5;

    /// <summary>Days after the first cycle covered by the senolytic scenarios (the trial's 20-week primary endpoint).</summary>
    public const double SenolyticFollowUp = 140;

    /// <summary>Age at the first dose of the drug scenarios (women; FIT and FREEDOM enrolled women of about 65–80).</summary>
    public const double TreatmentStartAge = 65;

    /// <summary>Years of treatment in the drug scenarios (FIT and FREEDOM ran 3 years).</summary>
    public const double TreatmentYears = 3;

    /// <summary>Years followed from the first dose (2 years after the last dose interval: offset of the effect).</summary>
    public const double TreatmentFollowUpYears = 5;

    /// <summary>Denosumab dose (ng): 60 mg subcutaneously.</summary>
    public const double DenosumabDoseNg = 6.0e7;

    /// <summary>Days between denosumab doses (every 6 months, as in Martínez-Reina &amp; Pivonka 2019).</summary>
    public const double DenosumabInterval = 183;

    /// <summary>Alendronate dose (mg, oral, weekly).</summary>
    public const double AlendronateDoseMg = 70;

    /// <summary>Oral bioavailability of alendronate taken fasting (about 0.6–0.7 %, FOSAMAX label [MEMORY]); doses enter <c>A_aln</c> as absorbed mg.</summary>
    public const double AlendronateBioavailability = 0.0064;

    /// <summary>Days between alendronate doses.</summary>
    public const double AlendronateInterval = 7;

    /// <summary>Days between young-MSC vesicle injections.</summary>
    public const double MscVesicleInterval = 7;

    /// <summary>Number of weekly young-MSC vesicle injections in the scenario (one year).</summary>
    public const int MscVesicleInjections = 53;

    private static readonly IReadOnlyDictionary<string, double> None = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The module-off variants of the reference files: name → modules off (mechanism variants are added from <see cref="AgingMechanisms"/>).</summary>
    public static IReadOnlyList<(string Name, string Title, string[] ModulesOff)> ModuleVariants { get; } =
    [
        ("sen_ves_off", "senescence and vesicles off (men: no loss; women: estrogen component only)", [AgingModel.Senescence, AgingModel.Vesicles]),
        ("base", "every driver off (closure, senescence, vesicles, marrow fate, SASP, estrogen): two Scheiner blocks at steady state",
            [AgingModel.Closure, AgingModel.Senescence, AgingModel.Vesicles, AgingModel.MarrowFate, AgingModel.Sasp, AgingModel.Estrogen]),
    ];

    /// <summary>Every scenario of the lifetime model.</summary>
    public static IReadOnlyList<Scenario> All { get; } = [.. Build()];

    /// <summary>The senolytic dosing: <c>S → (1 − f_kill)·S</c> at the start of each 28-day cycle (exact times).</summary>
    /// <param name="startAge">Age at the first cycle.</param>
    /// <param name="killFraction">Fraction cleared per cycle (0 ≤ f &lt; 1).</param>
    /// <param name="cycles">Number of cycles.</param>
    /// <param name="period">Days between cycles.</param>
    /// <returns>The state scalings.</returns>
    public static IReadOnlyList<Dose> SenolyticDoses(double startAge = SenolyticStartAge, double killFraction = SenolyticKillFraction,
        int cycles = SenolyticCycles, double period = SenolyticPeriod)
    {
        if (!(killFraction >= 0 && killFraction < 1))
        {
            throw new ArgumentException(FormattableString.Invariant($"killFraction must lie in [0, 1) (got {killFraction:R})."), nameof(killFraction));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(cycles, 1);
        var t0 = AgingModel.TimeAt(startAge);
        return [.. Enumerable.Range(0, cycles).Select(k => Dose.Scale("S", 1 - killFraction, t0 + (k * period), $"senolytic cycle {k + 1}"))];
    }

    /// <summary>Denosumab 60 mg SC boluses into the depot <c>A_den</c> every <see cref="DenosumabInterval"/> days (exact times).</summary>
    /// <param name="startAge">Age at the first dose.</param>
    /// <param name="doses">Number of doses.</param>
    /// <param name="amountNg">Dose in ng.</param>
    /// <returns>The doses.</returns>
    public static IReadOnlyList<Dose> DenosumabDoses(double startAge = TreatmentStartAge, int doses = 6, double amountNg = DenosumabDoseNg) =>
        Periodic("A_den", amountNg, startAge, doses, DenosumabInterval, "denosumab");

    /// <summary>Alendronate 70 mg weekly, entered as absorbed amount (mg × bioavailability) into <c>A_aln</c> (exact times).</summary>
    /// <param name="startAge">Age at the first dose.</param>
    /// <param name="doses">Number of doses (3 years: 157).</param>
    /// <param name="amountMg">Oral dose in mg.</param>
    /// <returns>The doses.</returns>
    public static IReadOnlyList<Dose> AlendronateDoses(double startAge = TreatmentStartAge, int doses = 157, double amountMg = AlendronateDoseMg) =>
        Periodic("A_aln", amountMg * AlendronateBioavailability, startAge, doses, AlendronateInterval, "alendronate");

    /// <summary>Young-MSC vesicle injections: one dose unit into the effect pool <c>E_y</c> every week (exact times).</summary>
    /// <param name="startAge">Age at the first injection.</param>
    /// <param name="doses">Number of injections.</param>
    /// <returns>The doses.</returns>
    public static IReadOnlyList<Dose> MscVesicleDoses(double startAge = TreatmentStartAge, int doses = MscVesicleInjections) =>
        Periodic("E_y", 1, startAge, doses, MscVesicleInterval, "young-MSC vesicle");

    private static Dose[] Periodic(string state, double amount, double startAge, int doses, double interval, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(doses, 1);
        if (!(amount > 0) || !double.IsFinite(amount))
        {
            throw new ArgumentException(FormattableString.Invariant($"The {name} dose must be positive and finite (got {amount:R})."), nameof(amount));
        }

        var t0 = AgingModel.TimeAt(startAge);
        return [.. Enumerable.Range(0, doses).Select(k => new Dose(state, amount, t0 + (k * interval), $"{name} dose {k + 1}"))];
    }

    private static IEnumerable<Scenario> TreatmentScenarios()
    {
        var t0 = AgingModel.TimeAt(TreatmentStartAge);
        var end = t0 + (TreatmentFollowUpYears * Karin.DaysPerYear);
        // Weekly output from the first dose (alendronate doses fall on it; output at a dose time is right after the dose).
        var weekly = Enumerable.Range(0, (int)((end - t0) / 7) + 1).Select(k => t0 + (7.0 * k)).ToArray();
        var female = AgingOptions.Female;
        Scenario Treatment(string name, string title, string description, AgingOptions options, IReadOnlyList<Dose> doses, Citation source) =>
            new(AgingModel.Id, name, title, description, [], None, None, end, Karin.DaysPerYear, source)
            {
                ModelOptions = Options(options),
                Doses = doses,
                ExtraOutputTimes = weekly,
                Solver = AgingModel.SolverOptions(),
            };

        yield return Treatment("denosumab_q6m_from65_female", "Denosumab 60 mg every 6 months for 3 years, women from age 65",
            "Life course to 65, then 6 SC doses of 60 mg every 183 days (boluses into the depot A_den, exact times), followed to 70 (offset after the last dose); "
            + "weekly output. Martínez-Reina & Pivonka 2019 PK/PD, no fitting. Compare with untreated_from65_female.",
            female.WithDrugs(AgingModel.Denosumab), DenosumabDoses(), AgingSources.MartinezReina2019);
        yield return Treatment("alendronate_weekly_from65_female", "Alendronate 70 mg weekly for 3 years, women from age 65",
            "Life course to 65, then 157 weekly oral doses of 70 mg (0.64 % absorbed, into A_aln, exact times), followed to 70; weekly output. "
            + "Effect calibrated to FIT-type FN +4 % at 3 years and CTX −50 to −70 %. Compare with untreated_from65_female.",
            female.WithDrugs(AgingModel.Alendronate), AlendronateDoses(), AgingSources.Calibrated("alendronate effect: FN BMD +4 % at 3 years, CTX −50 to −70 % [MEMORY targets]"));
        yield return Treatment("msc_ev_weekly_from65_female", "Young-MSC vesicles weekly for 1 year, women from age 65 (uncalibrated)",
            "Life course to 65, then 53 weekly injections of young-MSC vesicles (one dose unit into the effect pool E_y, exact times), followed to 70; "
            + "weekly output. Illustrative: every parameter of the module is an assumption (no quantitative data encoded). Compare with untreated_from65_female.",
            female.WithDrugs(AgingModel.MscVesicles), MscVesicleDoses(), AgingSources.Lei2021);
        yield return Treatment("untreated_from65_female", "Untreated control of the drug scenarios, women from age 65",
            "The life course to 70 of the default model (no drug module) with the drug scenarios' output times.", female, [], AgingSources.Calibration);
    }

    private static IEnumerable<Scenario> Build()
    {
        var source = AgingSources.Calibration;
        foreach (var sex in new[] { Sex.Female, Sex.Male })
        {
            var s = sex == Sex.Female ? "female" : "male";
            var people = sex == Sex.Female ? "women" : "men";
            yield return LifeCourse($"life_course_{s}", $"Life course 25 → 90, {people}",
                $"Femoral-neck BMD, T-score, bone volumes, senescent burden, vesicles, marrow fat and turnover from age 25 to 90 ({people}, every module on); yearly output.",
                new AgingOptions { Sex = sex }, None, source);
            foreach (var (name, title, off) in ModuleVariants)
            {
                yield return LifeCourse($"{name}_{s}", $"Life course, {title} ({people})", $"Life course 25 → 90 with {title}; prototype reference ref_{s}_{name}.csv.",
                    new AgingOptions { Sex = sex }.Without(off), None, source);
            }

            var mechanisms = AgingMechanisms.For(sex);
            var none = mechanisms.Aggregate(AgingConfiguration.Default(sex), (c, m) => c.Without(m));
            yield return LifeCourse($"no_mechanisms_{s}", $"Life course, every attribution mechanism off ({people})",
                "Estrogen, soluble SASP, RANKL⁺ EVs, osteo-inhibitory miRNAs and the matrix-EV fat shift switched off (closure, senescence and vesicle pools on): bone does not move.",
                none.Options, none.Parameters, source);
            foreach (var m in mechanisms)
            {
                var c = AgingConfiguration.Default(sex).Without(m);
                yield return LifeCourse($"no_{m.Name}_{s}", $"Life course without {m.Title} ({people})",
                    $"One-at-a-time attribution variant: {m.Title} switched off; prototype reference ref_{s}_no_{m.Name}.csv.", c.Options, c.Parameters, source);
            }
        }

        var t0 = AgingModel.TimeAt(SenolyticStartAge);
        var end = t0 + SenolyticFollowUp;
        var daily = Enumerable.Range(0, (int)SenolyticFollowUp + 1).Select(d => t0 + d).ToArray();
        var farr = AgingSources.Farr2024 with
        {
            Note = "protocol: 5 cycles of 28 days from age 71; each cycle's two dosing days lumped into S → 0.6·S at the cycle start (model-reference §10.5, f_kill = 0.4 §10.8)",
        };
        yield return new Scenario(AgingModel.Id, "senolytic_farr2024", "Farr 2024 intermittent dasatinib + quercetin, women from age 71",
            "Life course to age 71, then 5 senolytic cycles every 28 days (S → 0.6·S at each cycle start, exact times), followed for 140 days; daily output during treatment. "
            + "Compare formation (P1NP proxy) and resorption (CTX proxy) with senolytic_farr2024_control. Observed: P1NP +16 % at 2 and 4 weeks, CTX unchanged at 20 weeks; "
            + "the model gives +1.4 % and −0.7 % (not met, README).",
            [], None, None, end, Karin.DaysPerYear, farr)
        {
            ModelOptions = Options(Sex.Female),
            Doses = SenolyticDoses(),
            ExtraOutputTimes = daily,
            Solver = AgingModel.SolverOptions(),
        };
        yield return new Scenario(AgingModel.Id, "senolytic_farr2024_control", "Farr 2024 control arm, women from age 71",
            "The senolytic_farr2024 run without treatment (same output times).", [], None, None, end, Karin.DaysPerYear, farr)
        {
            ModelOptions = Options(Sex.Female),
            ExtraOutputTimes = daily,
            Solver = AgingModel.SolverOptions(),
        };

        foreach (var scenario in TreatmentScenarios())
        {
            yield return scenario;
        }
    }

    private static Scenario LifeCourse(string name, string title, string description, AgingOptions options, IReadOnlyDictionary<string, double> parameters,
        Citation source) =>
        new(AgingModel.Id, name, title, description, [], None, parameters, AgingModel.LifeCourseEnd, Karin.DaysPerYear, source)
        {
            ModelOptions = Options(options),
            Solver = AgingModel.SolverOptions(),
        };

    private static Dictionary<string, string> Options(Sex sex) => Options(AgingOptions.For(sex));

    private static Dictionary<string, string> Options(AgingOptions options)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["sex"] = options.Sex == Sex.Female ? "female" : "male" };
        var off = options.Disabled.Where(m => options.Sex == Sex.Female || m != AgingModel.Estrogen).ToArray();
        if (off.Length > 0)
        {
            values["off"] = string.Join(",", off);
        }

        if (options.Drugs.Count > 0)
        {
            values["drugs"] = string.Join(",", options.Drugs);
        }

        return values;
    }
}
