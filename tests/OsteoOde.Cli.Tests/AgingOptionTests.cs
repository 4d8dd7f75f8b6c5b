using OsteoOde.Modeling;
using OsteoOde.Models;
using OsteoOde.Models.Aging;

namespace OsteoOde.Cli.Tests;

/// <summary>The output contract of the lifetime model.</summary>
public static class AgingContract
{
    /// <summary>The columns the issue's contract names (after t, age and the states, with --observables).</summary>
    public static readonly string[] Columns =
    [
        "bmd_fn", "t_score_fn", "bv_tb", "senescent_burden", "ev_marrow", "ev_plasma", "rankl_ev", "mirna_ob", "mirna_adipo",
        "marrow_fat", "formation", "resorption", "OBa", "OCa", "RANKL", "OPG",
    ];
}

/// <summary>The lifetime model's catalog options (--sex, --off) on the model commands, and scenarios that need a variant.</summary>
public class AgingOptionTests
{
    private static Csv.Table Simulate(params string[] args) => Csv.Numeric(Cli.Run(["simulate", .. args]).AssertSuccess().Out);

    [Fact]
    public void Simulate_men_with_observables_follows_the_library()
    {
        // Ages 25, 30, 35 with the lifetime model's own solver settings, against the library's yearly life course to 35.
        string[] solver = ["--method", "radau5", "--rtol", "1e-10", "--atol", "1e-16"];
        var times = string.Join(',', new[] { 0.0, 5, 10 }.Select(y => (y * 365.25).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        var cli = Simulate(["--model", "aging", "--sex", "male", "--t-end", "3652.5", "--times", times, "--observables", .. solver]);
        var library = Simulation.Run(AgingModel.LifeCourse(AgingOptions.Male, toAge: 35)).EnsureSuccess();

        Assert.Equal(library.ColumnNames, cli.Header);
        Assert.Equal(["t", "age", .. AgingModel.StateOrder], cli.Header[..14]);
        Assert.Subset(cli.Header.ToHashSet(), AgingContract.Columns.ToHashSet());
        Assert.DoesNotContain("EST", cli.Header);   // men: no estrogen module
        Assert.Equal([25, 30, 35], cli.Column("age"));
        foreach (var column in new[] { "bmd_fn", "t_score_fn", "senescent_burden", "ev_plasma", "marrow_fat", "OCa" })
        {
            for (var (row, k) = (0, 0); k <= 10; (row, k) = (row + 1, k + 5))
            {
                var expected = library[column][k];
                Assert.True(Math.Abs(cli.Column(column)[row] - expected) <= 1e-9 * Math.Abs(expected), $"{column} at {25 + k}");
            }
        }

        // Men's peak BMD (bmd_peak_male) differs from women's.
        Assert.Equal(0.9428280123583933, cli.Column("bmd_fn")[0], 12);
        var women = Simulate("--model", "aging", "--t-end", "1", "--times", "0,1", "--observables");
        Assert.Equal(0.858, women.Column("bmd_fn")[0], 12);
        Assert.Contains("EST", women.Header);
    }

    [Fact]
    public void Sex_is_an_option_of_the_lifetime_model_only()
    {
        Assert.Equal("osteo simulate: option --sex is an option of model aging, not of 'pivonka2008'.",
            Cli.Run("simulate", "--model", "pivonka2008", "--sex", "male", "--t-end", "10").AssertUsageError());
        Assert.Equal("osteo params: option --off is an option of model aging, not of 'scheiner2013'.",
            Cli.Run("params", "--model", "scheiner2013", "--off", "sasp").AssertUsageError());
        Assert.Equal("osteo simulate: option --sex is an option of model aging; give --model.",
            Cli.Run("simulate", "--sex", "male", "--t-end", "10").AssertUsageError());
        Assert.Equal("osteo simulate: --sex: unknown value 'mail'. Valid values: female, male.",
            Cli.Run("simulate", "--model", "aging", "--sex", "mail", "--t-end", "10").AssertUsageError());

        var models = Csv.Records(Cli.Run("models", "--format", "csv").AssertSuccess().Out);
        Assert.Equal("--sex <female|male> --off <NAME,...> --drugs <NAME,...>", models.Single(r => r[0] == "aging")[3]);
        Assert.Contains("aging: --sex <female|male>", Cli.Run("simulate", "--help").AssertSuccess().Out);
    }

    [Fact]
    public void Off_switches_modules_off_and_lists_them_on_error()
    {
        var line = Cli.Run("simulate", "--model", "aging", "--off", "senescence,sasq", "--t-end", "10").AssertUsageError();
        Assert.Equal("osteo simulate: --off: unknown value 'sasq'. Valid values (nearest first): sasp, cortical, closure, senescence, vesicles, marrow_fate, estrogen, readouts.", line);
        Assert.StartsWith("osteo simulate: --off: entry 2 of 'sasp,' is empty",
            Cli.Run("simulate", "--model", "aging", "--off", "sasp,", "--t-end", "10").AssertUsageError());

        // Senescence and vesicles off: their states are absent, and the run is the library's variant exactly.
        var cli = Simulate("--model", "aging", "--sex", "male", "--off", "senescence,vesicles", "--t-end", "3652.5", "--points", "3");
        var model = AgingModel.Create(AgingOptions.Male.Without(AgingModel.Senescence, AgingModel.Vesicles));
        Assert.Equal(["t", "age", .. model.States.Select(s => s.Name)], cli.Header);
        Assert.DoesNotContain("S", cli.Header);
        var library = Simulation.Run(new SimulationRequest(model, 3652.5) { OutputTimes = [0, 1826.25, 3652.5], IncludeObservables = false }).EnsureSuccess();
        Assert.Equal(library["vb"], cli.Column("vb"));

        // The parameter table follows the variant: women have the estrogen module's parameters, men do not.
        var female = Csv.Records(Cli.Run("params", "--model", "aging", "--format", "csv").AssertSuccess().Out).Select(r => r[0]).ToList();
        var male = Csv.Records(Cli.Run("params", "--model", "aging", "--sex", "male", "--format", "csv").AssertSuccess().Out).Select(r => r[0]).ToList();
        Assert.Contains("k_est_rankl", female);
        Assert.DoesNotContain("k_est_rankl", male);
        Assert.Equal(AgingModel.Create(Sex.Male).Parameters.Select(p => p.Name), male.Skip(1).Take(AgingModel.Create(Sex.Male).Parameters.Count));

        // sbml export builds the chosen variant.
        var xml = Cli.Run("sbml", "export", "--model", "aging", "--sex", "male", "--off", "sasp").AssertSuccess().Out;
        Assert.DoesNotContain("\"k_est_rankl\"", xml);
        Assert.DoesNotContain("\"sasp_oc_max\"", xml);
        Assert.Contains("\"bmd_peak_male\"", xml);
    }

    [Fact]
    public void A_scenario_picks_its_variant_and_explicit_options_merge_into_it()
    {
        // life_course_male needs the male variant: --scenario alone selects it.
        var scenario = ScenarioCatalog.Get("aging", "life_course_male");
        var cli = Cli.Run("simulate", "--model", "aging", "--scenario", "life_course_male", "--observables").AssertSuccess().Out;
        Assert.Equal(Simulation.Run(scenario.CreateRequest()).EnsureSuccess().ToCsv(), cli);

        // A contradicting --sex names what the scenario needs and the matching scenario.
        Assert.Equal("osteo simulate: scenario 'life_course_male' runs on --sex male; drop --sex female or use --scenario life_course_female.",
            Cli.Run("simulate", "--model", "aging", "--sex", "female", "--scenario", "life_course_male").AssertUsageError());

        // --off adds modules to the scenario's: life course + SASP off is the one-off scenario no_soluble_sasp_female.
        var merged = Cli.Run("simulate", "--model", "aging", "--scenario", "life_course_female", "--off", "sasp", "--observables").AssertSuccess().Out;
        Assert.Equal(Simulation.Run(ScenarioCatalog.Get("aging", "no_soluble_sasp_female").CreateRequest()).EnsureSuccess().ToCsv(), merged);

        // The scenario's doses are applied (senolytic cycles: S drops by 40 % at the first cycle start).
        var treated = Simulate("--model", "aging", "--scenario", "senolytic_farr2024");
        var control = Simulate("--model", "aging", "--scenario", "senolytic_farr2024_control");
        var t0 = Array.IndexOf(treated.Column("t"), AgingModel.TimeAt(AgingScenarios.SenolyticStartAge));
        Assert.True(t0 > 0);
        Assert.Equal(0.6 * control.Column("S")[t0], treated.Column("S")[t0], 1e-9);
    }

    [Fact]
    public void Scenarios_lists_the_variant_each_needs_and_filters_by_model_options()
    {
        var all = Csv.Records(Cli.Run("scenarios", "--model", "aging", "--format", "csv").AssertSuccess().Out);
        Assert.Equal(["name", "title", "t_end", "step", "inputs", "init", "set", "options", "description", "source"], all[0]);
        Assert.Equal(ScenarioCatalog.For("aging").Select(s => s.Name), all.Skip(1).Select(r => r[0]));
        Assert.Equal("--sex male", all.Single(r => r[0] == "life_course_male")[7]);
        Assert.Equal("--sex female --off senescence,vesicles", all.Single(r => r[0] == "sen_ves_off_female")[7]);

        var men = Csv.Records(Cli.Run("scenarios", "--model", "aging", "--sex", "male", "--format", "csv").AssertSuccess().Out).Skip(1).ToList();
        Assert.Equal(ScenarioCatalog.For("aging").Where(s => s.ModelOptions["sex"] == "male").Select(s => s.Name), men.Select(r => r[0]));
        var off = Csv.Records(Cli.Run("scenarios", "--model", "aging", "--off", "vesicles,senescence", "--format", "csv").AssertSuccess().Out).Skip(1);
        Assert.Equal(["sen_ves_off_female", "sen_ves_off_male"], off.Select(r => r[0]));   // an option not given (--sex) does not filter
    }
}

/// <summary>The opt-in drug modules on the command line: the treatment scenarios select their variant; --drugs switches a drug on.</summary>
public class AgingDrugOptionTests
{
    [Fact]
    public void A_treatment_scenario_selects_its_drug_variant_and_applies_its_doses()
    {
        var scenario = ScenarioCatalog.Get("aging", "denosumab_q6m_from65_female");
        Assert.Equal("denosumab", scenario.ModelOptions["drugs"]);
        var cli = Cli.Run("simulate", "--model", "aging", "--scenario", "denosumab_q6m_from65_female", "--observables").AssertSuccess().Out;
        Assert.Equal(Simulation.Run(scenario.CreateRequest()).EnsureSuccess().ToCsv(), cli);
        var table = Csv.Numeric(cli);
        var first = Array.IndexOf(table.Column("t"), AgingModel.TimeAt(AgingScenarios.TreatmentStartAge));
        Assert.Equal(AgingScenarios.DenosumabDoseNg, table.Column("A_den")[first]);

        var all = Csv.Records(Cli.Run("scenarios", "--model", "aging", "--format", "csv").AssertSuccess().Out);
        Assert.Equal("--sex female --drugs alendronate", all.Single(r => r[0] == "alendronate_weekly_from65_female")[7]);
        Assert.Equal("--sex female", all.Single(r => r[0] == "untreated_from65_female")[7]);
    }

    [Fact]
    public void Drugs_switches_a_drug_module_on_and_rejects_unknown_names()
    {
        var header = Csv.Numeric(Cli.Run("simulate", "--model", "aging", "--drugs", "alendronate", "--t-end", "1", "--times", "0,1").AssertSuccess().Out).Header;
        Assert.Equal(["t", "age", .. AgingModel.StateOrder, "A_aln", "D_b"], header);
        var line = Cli.Run("simulate", "--model", "aging", "--drugs", "alendronat", "--t-end", "1").AssertUsageError();
        Assert.StartsWith("osteo simulate: --drugs: unknown value 'alendronat'. Valid values (nearest first): alendronate", line);
    }
}
