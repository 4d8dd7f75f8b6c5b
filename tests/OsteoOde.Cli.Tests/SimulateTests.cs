using System.Globalization;
using OsteoOde.Modeling;
using OsteoOde.Models;

namespace OsteoOde.Cli.Tests;

public class SimulateTests
{
    private static Csv.Table Simulate(params string[] args) => Csv.Numeric(Cli.Run(["simulate", .. args]).AssertSuccess().Out);

    /// <summary>Every cell of the CLI output equals the library result for the same request, bit for bit.</summary>
    private static void AssertSameAsLibrary(Csv.Table cli, SimulationResult library)
    {
        Assert.True(library.IsSuccess, library.Message);
        Assert.Equal(library.ColumnNames, cli.Header);
        Assert.Equal(library.RowCount, cli.Rows.Length);
        for (var c = 0; c < cli.Header.Length; c++)
        {
            var expected = library[cli.Header[c]];
            for (var r = 0; r < cli.Rows.Length; r++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[r]), BitConverter.DoubleToInt64Bits(cli.Rows[r][c]));
            }
        }
    }

    [Fact]
    public void Header_is_t_then_states_in_canonical_order()
    {
        var run = Cli.Run("simulate", "--model", "lemaire2004", "--t-end", "10").AssertSuccess();
        Assert.StartsWith("t,R,B,C\n", run.Out);
        Assert.Equal("", run.Err);
    }

    [Fact]
    public void Observables_follow_the_states_in_declared_order()
    {
        var table = Simulate("--model", "pivonka2008", "--t-end", "10", "--observables");
        Assert.Equal("t,OBp,OBa,OCa,TGFb,PTH,OPG,RANKL,RANKL_RANK,pi_act_OCp", string.Join(',', table.Header));
        Assert.Equal(["t", .. Pivonka2008.Model.States.Select(s => s.Name), .. Pivonka2008.Model.Observables.Select(o => o.Name)], table.Header);
    }

    [Fact]
    public void Default_grid_is_101_points_i_times_T_over_100()
    {
        var t = Simulate("--model", "lemaire2004", "--t-end", "7.3").Column("t");
        Assert.Equal(101, t.Length);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(i * 7.3 / 100, t[i]);
        }

        Assert.Equal(7.3, t[^1]);
    }

    [Fact]
    public void Output_is_at_exactly_the_requested_times()
    {
        string[] requested = ["0", "0.001", "0.1", "0.30000000000000004", "1", "33.333333333333336", "99.99999999999999", "100"];
        var t = Simulate("--model", "pivonka2008", "--t-end", "100", "--times", string.Join(',', requested)).Column("t");
        Assert.Equal(requested.Select(s => BitConverter.DoubleToInt64Bits(double.Parse(s, CultureInfo.InvariantCulture))),
            t.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Step_and_points_grids()
    {
        var step = Simulate("--model", "lemaire2004", "--t-end", "1", "--step", "0.3").Column("t");
        Assert.Equal([0, 0.3, 0.6, 3 * 0.3, 1], step);
        var exact = Simulate("--model", "lemaire2004", "--t-end", "2", "--step", "0.5").Column("t");
        Assert.Equal([0, 0.5, 1, 1.5, 2], exact);
        var points = Simulate("--model", "lemaire2004", "--t-end", "3", "--points", "4").Column("t");
        Assert.Equal([0, 1, 2, 3], points);
    }

    [Fact]
    public void Input_window_equals_the_library_switch_bit_for_bit()
    {
        var times = SimulationArguments.EvenGrid(120, 241);
        var cli = Simulate("--model", "pivonka2008", "--t-end", "120", "--step", "0.5", "--input", "P_RANKL=1000@20:80", "--observables");
        var library = Simulation.Run(new SimulationRequest(Pivonka2008.Model, 120)
        {
            OutputTimes = times,
            InputSwitches = [new InputSwitch("P_RANKL", 1000, 20, 80)],
            IncludeObservables = true,
        });
        AssertSameAsLibrary(cli, library);
    }

    [Fact]
    public void Input_is_left_continuous_at_both_ends_of_the_window()
    {
        // RANKL is an observable driven by P_RANKL: unchanged at T0 (the old value still applies), the window value at T1.
        var table = Simulate("--model", "pivonka2008", "--t-end", "100", "--input", "P_RANKL=1000@20:80", "--observables",
            "--times", "0,19.999,20,20.001,79.999,80,80.001,100");
        var rankl = table.Column("RANKL");
        var baseline = Simulate("--model", "pivonka2008", "--t-end", "1", "--observables", "--times", "0").Column("RANKL")[0];
        Assert.Equal(baseline, rankl[1], 1e-9 * baseline);
        Assert.Equal(baseline, rankl[2], 1e-9 * baseline);      // t = T0: input still at its default
        Assert.True(rankl[3] > 5 * baseline, $"RANKL just after T0 = {rankl[3]}");
        Assert.Equal(rankl[4], rankl[5], 1e-5 * rankl[4]);        // t = T1: input still in the window (continuous from the left)
        Assert.True(rankl[6] < 0.2 * rankl[5], $"RANKL just after T1 = {rankl[6]} vs {rankl[5]}");

        // The states are continuous through both switches and equal the steady state before the window.
        for (var s = 0; s < 3; s++)
        {
            var x = table.Column(Pivonka2008.Model.States[s].Name);
            Assert.Equal(Pivonka2008.SteadyState[s], x[2], 1e-9 * Pivonka2008.SteadyState[s]);
            Assert.Equal(x[5], x[4], 1e-3 * x[5]);   // a rate times 0.001 days, no jump
            Assert.Equal(x[5], x[6], 1e-3 * x[5]);
        }
    }

    [Fact]
    public void Open_window_holds_the_input_to_the_end()
    {
        var open = Simulate("--model", "pivonka2008", "--t-end", "100", "--input", "P_RANKL=1000@20", "--observables");
        var emptyEnd = Simulate("--model", "pivonka2008", "--t-end", "100", "--input", "P_RANKL=1000@20:", "--observables");
        Assert.Equal(open.Rows, emptyEnd.Rows);
        var library = Simulation.Run(new SimulationRequest(Pivonka2008.Model, 100)
        {
            OutputTimes = SimulationArguments.EvenGrid(100, 101),
            InputSwitches = [new InputSwitch("P_RANKL", 1000, 20)],
            IncludeObservables = true,
        });
        AssertSameAsLibrary(open, library);
    }

    [Fact]
    public void Set_changes_the_result_and_matches_the_library_parameter_set()
    {
        var baseline = Simulate("--model", "scheiner2013", "--t-end", "50");
        var changed = Simulate("--model", "scheiner2013", "--t-end", "50", "--set", "beta_PTH=500", "--set", "P_RANKL=10");
        var set = ParameterSet.Defaults(Scheiner2013.Model).With("beta_PTH", 500).With("P_RANKL", 10);
        var library = Simulation.Run(new SimulationRequest(Scheiner2013.Model, 50)
        {
            Parameters = set,
            OutputTimes = SimulationArguments.EvenGrid(50, 101),
            IncludeObservables = false,
        });
        AssertSameAsLibrary(changed, library);
        var oca = changed.Column("OCa")[^1];
        Assert.True(Math.Abs(oca / baseline.Column("OCa")[^1] - 1) > 0.05, $"OCa at t = 50: {oca}");
    }

    [Fact]
    public void Init_overrides_initial_values()
    {
        var table = Simulate("--model", "pivonka2008", "--t-end", "5", "--init", "OBp=0.002", "--init", "OCa=0");
        var first = table.Rows[0];
        Assert.Equal(0.002, first[1]);
        Assert.Equal(Pivonka2008.SteadyState[1], first[2]);
        Assert.Equal(0, first[3]);
        Assert.NotEqual(0.002, table.Column("OBp")[^1]);
    }

    [Fact]
    public void Scenario_is_the_catalog_protocol()
    {
        var scenario = ScenarioCatalog.Get("pivonka2008", "addPTH");
        var cli = Simulate("--model", "pivonka2008", "--scenario", "addPTH");
        var library = Simulation.Run(scenario.CreateRequest() with { IncludeObservables = false });
        AssertSameAsLibrary(cli, library);
        Assert.Equal(scenario.OutputTimes, cli.Column("t"));
    }

    [Fact]
    public void Explicit_options_override_the_scenario()
    {
        var scenario = ScenarioCatalog.Get("komarova2003", "g11_1");
        var cli = Simulate("--model", "komarova2003", "--scenario", "g11_1", "--t-end", "20", "--set", "g11=0.9", "--init", "x1=3");
        var library = Simulation.Run(new SimulationRequest(Komarova2003.Model, 20)
        {
            Parameters = scenario.CreateParameters(Komarova2003.Model).With("g11", 0.9),
            InitialOverrides = new Dictionary<string, double>(scenario.InitialState) { ["x1"] = 3 },
            OutputTimes = SimulationArguments.StepGrid(20, scenario.OutputInterval),
            IncludeObservables = false,
        });
        AssertSameAsLibrary(cli, library);
        Assert.Equal(81, cli.Rows.Length);   // the scenario's spacing 0.25 up to the new end time

        // An --input for an input of the scenario replaces its window.
        var pth = Simulate("--model", "pivonka2008", "--scenario", "addPTH", "--input", "P_PTH=10@30:40");
        var replaced = Simulation.Run(ScenarioCatalog.Get("pivonka2008", "addPTH").CreateRequest() with
        {
            InputSwitches = [new InputSwitch("P_PTH", 10, 30, 40)],
            IncludeObservables = false,
        });
        AssertSameAsLibrary(pth, replaced);
    }

    [Fact]
    public void Method_and_tolerances_reach_the_solver()
    {
        var loose = Simulate("--model", "pivonka2008", "--t-end", "100", "--input", "P_RANKL=1000@20:80", "--method", "rodas4", "--rtol", "1e-3", "--atol", "1e-8");
        var library = Simulation.Run(new SimulationRequest(Pivonka2008.Model, 100)
        {
            OutputTimes = SimulationArguments.EvenGrid(100, 101),
            InputSwitches = [new InputSwitch("P_RANKL", 1000, 20, 80)],
            IncludeObservables = false,
            Solver = new Numerics.OdeOptions { Method = "rodas4", RelativeTolerance = 1e-3, AbsoluteTolerance = 1e-8 },
        });
        AssertSameAsLibrary(loose, library);
        var tight = Simulate("--model", "pivonka2008", "--t-end", "100", "--input", "P_RANKL=1000@20:80", "--method", "radau5", "--rtol", "1e-10", "--atol", "1e-16");
        var oca = loose.Column("OCa");
        var reference = tight.Column("OCa");
        Assert.NotEqual(reference, oca);
        for (var i = 0; i < oca.Length; i++)
        {
            Assert.Equal(reference[i], oca[i], 1e-2 * reference[i]);
        }
    }

    [Fact]
    public void Out_writes_the_same_csv_atomically_and_replaces_an_existing_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("run.csv");
        File.WriteAllText(path, "old content\n");
        var run = Cli.Run("simulate", "--model", "lemaire2004", "--t-end", "30", "--out", path).AssertSuccess();
        Assert.Equal("", run.Out);
        var stdout = Cli.Run("simulate", "--model", "lemaire2004", "--t-end", "30").AssertSuccess().Out;
        Assert.Equal(stdout, File.ReadAllText(path));
        Assert.Equal(["run.csv"], folder.Files);
    }

    [Fact]
    public void Params_file_round_trip_equals_set()
    {
        using var folder = new TempFolder();
        var file = folder.File("set.json");
        Cli.Run("params", "--model", "pivonka2008", "--set", "beta_PTH=300", "--set", "P_OPG=1000", "--format", "json", "--out", file).AssertSuccess();
        var viaFile = Cli.Run("simulate", "--model", "pivonka2008", "--t-end", "40", "--params", file).AssertSuccess().Out;
        var viaSet = Cli.Run("simulate", "--model", "pivonka2008", "--t-end", "40", "--set", "beta_PTH=300", "--set", "P_OPG=1000").AssertSuccess().Out;
        Assert.Equal(viaSet, viaFile);
        var defaults = Cli.Run("simulate", "--model", "pivonka2008", "--t-end", "40").AssertSuccess().Out;
        Assert.NotEqual(defaults, viaFile);

        // --set applies on top of the file.
        var both = Cli.Run("simulate", "--model", "pivonka2008", "--t-end", "40", "--params", file, "--set", "beta_PTH=250").AssertSuccess().Out;
        var expected = Cli.Run("simulate", "--model", "pivonka2008", "--t-end", "40", "--set", "beta_PTH=250", "--set", "P_OPG=1000").AssertSuccess().Out;
        Assert.Equal(expected, both);
    }

    [Fact]
    public void Partial_params_file_overrides_only_the_entries_it_lists()
    {
        using var folder = new TempFolder();
        var file = folder.File("partial.json");
        File.WriteAllText(file, """{ "format": "osteoode-parameter-set", "version": 1, "model": "komarova2003", "parameters": [ { "name": "beta1", "value": 0.25, "unit": "1/day" } ] }""");
        var viaFile = Cli.Run("simulate", "--model", "komarova2003", "--scenario", "g11_1", "--t-end", "10", "--params", file).AssertSuccess().Out;
        var viaSet = Cli.Run("simulate", "--model", "komarova2003", "--scenario", "g11_1", "--t-end", "10", "--set", "beta1=0.25").AssertSuccess().Out;
        Assert.Equal(viaSet, viaFile);   // the scenario's g11 = 1 survives: the file does not list g11
    }

    [Fact]
    public void Window_after_the_end_time_is_noted_on_stderr()
    {
        var run = Cli.Run("simulate", "--model", "pivonka2008", "--t-end", "10", "--input", "P_RANKL=1000@20:30").AssertSuccess();
        var plain = Cli.Run("simulate", "--model", "pivonka2008", "--t-end", "10").AssertSuccess();
        Assert.Equal(plain.Out, run.Out);
        Assert.Contains("P_RANKL", run.Err);
        Assert.Contains("no effect", run.Err);
    }
}
