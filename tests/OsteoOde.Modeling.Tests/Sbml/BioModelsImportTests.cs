using OsteoOde.Modeling;
using OsteoOde.Modeling.Sbml;
using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Modeling.Tests.Sbml;

/// <summary>
/// The curated BioModels files (tests/OsteoOde.Testing/Data/biomodels) imported and compared with hand-written equations:
/// Lemaire et al. 2004 from model-reference §1.2–1.3 and Komarova et al. 2003 from §3.1–3.2.
/// </summary>
public class BioModelsImportTests
{
    public static TheoryData<string> CuratedFiles =>
        ["BIOMD0000000278_url.xml", "lemaire04_addR.xml", "lemaire04_removeC.xml", "lemaire04_addPTH.xml", "lemaire04_addOPG.xml", "BIOMD0000000148_url.xml"];

    [Theory]
    [MemberData(nameof(CuratedFiles))]
    public void Curated_files_import_without_error(string file)
    {
        var result = SbmlImporter.ImportFile(BioModels.Path(file));
        Assert.Equal(2, result.Level);
        Assert.False(result.WrittenByOsteoOde);
        Assert.False(result.Model.UnitsChecked); // parameters carry no units in these files
        Assert.NotEmpty(result.UnknownUnits);
        Assert.Contains(result.Warnings, w => w.Contains("dimensional analysis is skipped", StringComparison.Ordinal));

        // Every parameter has provenance pointing at the file, and bounds that contain its value.
        Assert.All(result.Model.Parameters, p =>
        {
            Assert.Contains(file, p.Source.Text, StringComparison.Ordinal);
            Assert.InRange(p.Value, p.LowerBound, p.UpperBound);
        });
        CompiledModel.Compile(result.Model);
    }

    // ---- Lemaire 2004 ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Lemaire_structure_and_provenance()
    {
        var result = SbmlImporter.ImportFile(BioModels.Path("BIOMD0000000278_url.xml"));
        var m = result.Model;
        Assert.Equal("BIOMD0000000278", m.Id);
        Assert.Equal(["R", "B", "C"], m.States.Select(s => s.Name));
        Assert.Equal(["Phi_C", "D_B", "Phi_L", "Phi_P", "Pbar", "P_O", "P_S"], m.Assignments.Select(a => a.Name));
        Assert.Equal(23, m.Parameters.Count);
        Assert.Empty(m.Events);
        Assert.Equal("Responding Osteoblasts", m.State("R").Description);
        Assert.Equal("day", m.TimeUnit.ToString());
        Assert.Contains(result.Warnings, w => w.Contains("time unit", StringComparison.Ordinal));

        // The model's MIRIAM annotation gives the publication and the BioModels entry as sources.
        Assert.Contains(m.Sources, s => s.Url == "http://identifiers.org/pubmed/15234198");
        Assert.Contains(m.Sources, s => s.Url == "http://identifiers.org/biomodels.db/BIOMD0000000278");
        Assert.Equal("http://identifiers.org/pubmed/15234198", m.Parameter("k_B").Source.Url);

        // Default bounds: one decade either way on a log scale; zero inputs fixed.
        var kB = m.Parameter("k_B");
        Assert.Equal((0.0189, 1.89, ParameterScale.Log, true), (kB.LowerBound, kB.UpperBound, kB.Scale, kB.Tunable), new BoundsComparer());
        var iP = m.Parameter("I_P");
        Assert.Equal((0.0, 0.0, ParameterScale.Linear, false), (iP.LowerBound, iP.UpperBound, iP.Scale, iP.Tunable));
    }

    [Fact]
    public void Lemaire_rhs_equals_the_hand_written_equations_at_the_steady_state_and_random_states()
    {
        var model = SbmlImporter.ImportFile(BioModels.Path("BIOMD0000000278_url.xml")).Model;
        var c = CompiledModel.Compile(model);
        var p = c.CreateParameterVector();
        var y0 = c.CreateInitialState(p);
        Assert.Equal([7.734e-4, 7.282e-4, 9.127e-4], y0); // published steady state (§1.4)

        // Published parameter values, not read from the file: the file's values and equations are both checked.
        var reference = LemaireReference.Published;
        SbmlAssert.Close(LemaireReference.Rhs(0, y0, reference), SbmlAssert.Evaluate(c.Rhs, 0, y0, p, 3), 1e-12, "steady state");

        // At the published steady state every rate is small compared with its production term (4-digit initial values).
        var rhs = SbmlAssert.Evaluate(c.Rhs, 0, y0, p, 3);
        var production = LemaireReference.Production(y0, reference);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(rhs[i]) < 2e-3 * production[i], $"d{c.StateNames[i]}/dt = {rhs[i]} is not ≈ 0 (production {production[i]})");
        }

        var rng = new Random(278);
        for (var k = 0; k < 200; k++)
        {
            var y = y0.Select(v => v * Math.Exp(4.6 * (rng.NextDouble() - 0.5))).ToArray();
            var t = 150 * rng.NextDouble();
            SbmlAssert.Close(LemaireReference.Rhs(t, y, reference), SbmlAssert.Evaluate(c.Rhs, t, y, p, 3), 1e-12, $"random state {k}");

            // Random parameters (incl. the PTH, OPG and RANKL inputs) mapped by name.
            var pr = p.Select(v => v == 0 ? 1e3 * rng.NextDouble() : v * Math.Exp(rng.NextDouble() - 0.5)).ToArray();
            var named = c.ParameterVectorNames.Select((n, i) => (n, pr[i])).ToDictionary(x => x.n, x => x.Item2);
            SbmlAssert.Close(LemaireReference.Rhs(t, y, LemaireReference.FromSbml(named)), SbmlAssert.Evaluate(c.Rhs, t, y, pr, 3), 1e-12,
                $"random parameters {k}");
        }
    }

    public static TheoryData<string, string, double> Variants => new()
    {
        { "lemaire04_addR.xml", "I_R", 1e-4 },
        { "lemaire04_removeC.xml", "I_C", -2.9e-4 },
        { "lemaire04_addPTH.xml", "I_P", 1e3 },
        { "lemaire04_addOPG.xml", "I_O", 2e5 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Lemaire_variants_reproduce_their_input_window(string file, string input, double value)
    {
        var model = SbmlImporter.ImportFile(BioModels.Path(file)).Model;
        var c = CompiledModel.Compile(model);
        var p = c.CreateParameterVector();
        var y0 = c.CreateInitialState(p);
        var rng = new Random(file.Length);

        // The input is on for 20 < t ≤ 80 days: off at 20 exactly, on just after, on at 80, off just after.
        foreach (var (t, on) in new[] { (0.0, false), (19.99, false), (20.0, false), (20.000001, true), (50.0, true), (80.0, true), (80.000001, false), (150.0, false) })
        {
            for (var k = 0; k < 5; k++)
            {
                var y = k == 0 ? y0 : y0.Select(v => v * Math.Exp(2 * (rng.NextDouble() - 0.5))).ToArray();
                var inputs = new Dictionary<string, double> { [input] = on ? value : 0 };
                var expected = LemaireReference.Rhs(t, y, LemaireReference.Published, inputs);
                SbmlAssert.Close(expected, SbmlAssert.Evaluate(c.Rhs, t, y, p, 3), 1e-12, $"{file} at t = {t}");
            }
        }

        // At the steady state the window is visible in the rate it perturbs, and only there.
        var inside = SbmlAssert.Evaluate(c.Rhs, 50, y0, p, 3);
        var outside = SbmlAssert.Evaluate(c.Rhs, 10, y0, p, 3);
        if (input is "I_R" or "I_C")
        {
            var index = input == "I_R" ? 0 : 2;
            Check.Close(value, inside[index] - outside[index], 1e-9, 0, "window contribution");
        }
        else
        {
            Assert.NotEqual(outside[2], inside[2]); // PTH and OPG act on osteoclast formation through π_L
        }
    }

    // ---- Komarova 2003 --------------------------------------------------------------------------------------------------

    [Fact]
    public void Komarova_steady_states_come_from_the_assignment_rules()
    {
        var model = SbmlImporter.ImportFile(BioModels.Path("BIOMD0000000148_url.xml")).Model;
        var values = model.Parameters.ToDictionary(p => p.Name, p => p.Value);
        double Resolved(string name) => model.Resolve(Expr.Symbol(name)).Evaluate(values);

        Assert.Equal(-1, Resolved("gamma"));
        Check.Close(1.060660, Resolved("x1_bar"), 5e-7, 0, "x̄1 (published 1.060660)");
        Check.Close(212.1320, Resolved("x2_bar"), 5e-7, 0, "x̄2 (published 212.1320)");

        // Closed forms with γ = −1: x̄1 = (β1/α1)^(−1)·(β2/α2)^(1/2), x̄2 = (β1/α1)^(−1)·(β2/α2)^(−1/2).
        Check.Close(15 * Math.Sqrt(0.005), Resolved("x1_bar"), 1e-14, 0, "x̄1 closed form");
        Check.Close(15 / Math.Sqrt(0.005), Resolved("x2_bar"), 1e-14, 0, "x̄2 closed form");
    }

    [Fact]
    public void Komarova_flag_events_and_states()
    {
        var result = SbmlImporter.ImportFile(BioModels.Path("BIOMD0000000148_url.xml"));
        var m = result.Model;

        // Species with dynamics and the event-driven flags are states; the assignment-rule species are assignments; y1, y2
        // (declared but used nowhere) are constant parameters, with a warning.
        Assert.Equal(["x1", "x2", "z", "flag_resorption", "flag_formation"], m.States.Select(s => s.Name));
        Assert.Equal(["x1_bar", "x2_bar", "gamma"], m.Assignments.Select(a => a.Name));
        Assert.Equal(0, m.Parameter("y1").Value);
        Assert.Contains(result.Warnings, w => w.Contains("'y1'", StringComparison.Ordinal));
        Assert.Equal("item", m.State("x1").Unit.ToString());
        Assert.Equal("day", m.TimeUnit.ToString());
        Assert.Same(Expr.Zero, m.State("flag_resorption").Rate);

        // Reactions became one rate term per reaction.
        Assert.Equal(["R1", "R2"], m.State("x1").RateTerms.Select(t => t.Name));
        Assert.Equal(["R5", "R6"], m.State("z").RateTerms.Select(t => t.Name));

        var x1 = Expr.Symbol("x1") - Expr.Symbol("x1_bar");
        var x2 = Expr.Symbol("x2") - Expr.Symbol("x2_bar");
        var expected = new (string Name, Expr Root, EventDirection Direction, string Flag, double Value)[]
        {
            ("event_0000001", x1, EventDirection.Rising, "flag_resorption", 1),
            ("event_0000003", x1, EventDirection.Falling, "flag_resorption", 0),
            ("event_0000002", x2, EventDirection.Rising, "flag_formation", 1),
            ("event_0000004", x2, EventDirection.Falling, "flag_formation", 0),
        };
        Assert.Equal(expected.Length, m.Events.Count);
        foreach (var (e, actual) in expected.Zip(m.Events))
        {
            Assert.Equal(e.Name, actual.Name);
            Assert.Same(e.Root, actual.Trigger);
            Assert.Equal(e.Direction, actual.Direction);
            var assignment = Assert.Single(actual.Assignments);
            Assert.Equal(e.Flag, assignment.State);
            Assert.Equal(e.Value, assignment.Value.Value);
        }
    }

    [Fact]
    public void Komarova_triggers_true_at_the_start_fire_only_when_asked()
    {
        var path = BioModels.Path("BIOMD0000000148_url.xml");
        double[] Start(SbmlInitialTriggerPolicy policy)
        {
            var c = CompiledModel.Compile(SbmlImporter.ImportFile(path, new SbmlImportOptions { InitialTriggers = policy }).Model);
            return c.CreateInitialState(c.CreateParameterVector());
        }

        // x1(0) = 11 > x̄1 and x2(0) = 212 < x̄2. Level 2: no false→true transition at t = 0, so the flags keep their value 0.
        Assert.Equal([11, 212, 100, 0, 0], Start(SbmlInitialTriggerPolicy.FollowDocument));
        Assert.Equal([11, 212, 100, 0, 0], Start(SbmlInitialTriggerPolicy.DoNotFire));

        // Fired at t = 0: the resorption flag starts at 1 (the paper's max(0, x1 − x̄1)); x2 ≤ x̄2 holds, which sets 0.
        Assert.Equal([11, 212, 100, 1, 0], Start(SbmlInitialTriggerPolicy.Fire));

        // The start value follows the parameters: with β1 raised so that x̄1 > 11, the flag starts at 0.
        var c2 = CompiledModel.Compile(SbmlImporter.ImportFile(path, new SbmlImportOptions { InitialTriggers = SbmlInitialTriggerPolicy.Fire }).Model);
        var p = c2.CreateParameterVector();
        p[c2.ParameterVectorIndex("beta1")] = 3; // x̄1 = (β1/α1)^(−1)·√(β2/α2) = √0.005 · 1 ≈ 0.07 … still below 11
        Assert.Equal(1, c2.CreateInitialState(p)[3]);
        p[c2.ParameterVectorIndex("beta2")] = 4e5; // x̄1 = 1 · √(1e5) ≈ 316 > 11
        Assert.Equal(0, c2.CreateInitialState(p)[3]);
    }

    [Fact]
    public void Komarova_rhs_equals_the_hand_written_equations()
    {
        var model = SbmlImporter.ImportFile(BioModels.Path("BIOMD0000000148_url.xml")).Model;
        var c = CompiledModel.Compile(model);
        var p = c.CreateParameterVector();
        var rng = new Random(148);
        for (var k = 0; k < 200; k++)
        {
            var y = new[] { 20 * rng.NextDouble(), 400 * rng.NextDouble(), 50 + 100 * rng.NextDouble(), rng.Next(2), rng.Next(2) };
            var expected = KomarovaReference.Rhs(y, resorptionFlag: y[3], formationFlag: y[4]);
            SbmlAssert.Close([.. expected, 0, 0], SbmlAssert.Evaluate(c.Rhs, 0, y, p, 5), 1e-12, $"state {k}");
        }
    }

    [Fact]
    public void Komarova_simulated_with_flags_fired_at_the_start_equals_the_max_formulation()
    {
        // Imported with the t = 0 events fired, the flags reproduce y_i = max(0, x_i − x̄_i) exactly (model-reference §3.1).
        var model = SbmlImporter.ImportFile(BioModels.Path("BIOMD0000000148_url.xml"),
            new SbmlImportOptions { InitialTriggers = SbmlInitialTriggerPolicy.Fire }).Model;
        var c = CompiledModel.Compile(model);
        var p = c.CreateParameterVector();
        var grid = Enumerable.Range(0, 81).Select(i => 5.0 * i).ToArray();
        var options = new OdeOptions { Method = "dop853", RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-12, OutputTimes = grid, MaxStep = 1 };
        var imported = OdeSolver.Default.Solve(new OdeProblem(c.CreateOdeFunction(p), 0, c.CreateInitialState(p), 400) { Events = c.CreateOdeEvents(p) }, options)
            .EnsureSuccess();
        var reference = OdeSolver.Default.Solve(KomarovaReference.Problem(400), options).EnsureSuccess();

        for (var i = 0; i < grid.Length; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                Check.Close(reference[i, j], imported[i, j], 1e-6, 1e-9, $"{c.StateNames[j]}(t = {grid[i]})");
            }
        }

        // Published behaviour: one resorption phase, then formation; bone mass dips and returns close to 100 %.
        var z = imported.Component(2);
        Assert.InRange(z.Min(), 88, 92);
        Assert.InRange(z[^1], 99.5, 100.5);

        // Read as Level 2 (no event at t = 0) the resorption flag stays 0 until x1 next rises through x̄1, so the first
        // resorption phase is missing: bone mass only grows at first. This is why the caller may override the default.
        var l2 = CompiledModel.Compile(SbmlImporter.ImportFile(BioModels.Path("BIOMD0000000148_url.xml")).Model);
        var l2Run = OdeSolver.Default.Solve(new OdeProblem(l2.CreateOdeFunction(p), 0, l2.CreateInitialState(p), 400) { Events = l2.CreateOdeEvents(p) }, options)
            .EnsureSuccess();
        Assert.True(l2Run[4, 2] >= 100, $"z(20) = {l2Run[4, 2]} under Level 2 semantics");
        Assert.True(imported[4, 2] < 97, $"z(20) = {imported[4, 2]} with the start events fired");
    }

    private sealed class BoundsComparer : IEqualityComparer<(double, double, ParameterScale, bool)>
    {
        public bool Equals((double, double, ParameterScale, bool) x, (double, double, ParameterScale, bool) y) =>
            Math.Abs(x.Item1 - y.Item1) <= 1e-15 * Math.Abs(x.Item1) && Math.Abs(x.Item2 - y.Item2) <= 1e-15 * Math.Abs(x.Item2)
            && x.Item3 == y.Item3 && x.Item4 == y.Item4;

        public int GetHashCode((double, double, ParameterScale, bool) obj) => 0;
    }
}

/// <summary>Lemaire et al. 2004 written out by hand from model-reference §1.2 (equations) and §1.3 (values).</summary>
internal static class LemaireReference
{
    /// <summary>§1.3, with the external inputs at zero.</summary>
    public static readonly IReadOnlyDictionary<string, double> Published = new Dictionary<string, double>
    {
        ["D_R"] = 7.0e-4, ["d_B"] = 0.7, ["f0"] = 0.05, ["C_s"] = 5.0e-3, ["k_B"] = 0.189, ["D_C"] = 2.1e-3, ["D_A"] = 0.7,
        ["K"] = 10, ["k1"] = 1.0e-2, ["k2"] = 10, ["k3"] = 5.8e-4, ["k4"] = 1.7e-2, ["k5"] = 0.02, ["k6"] = 3, ["K_LP"] = 3.0e6,
        ["r_L"] = 1.0e3, ["K_OP"] = 2.0e5, ["k_O"] = 0.35, ["S_P"] = 250, ["k_P"] = 86,
        ["I_P"] = 0, ["I_O"] = 0, ["I_L"] = 0,
    };

    /// <summary>Maps the SBML names (K_L_P, K_O_P, kO) to the reference names.</summary>
    public static IReadOnlyDictionary<string, double> FromSbml(IReadOnlyDictionary<string, double> sbml)
    {
        var d = sbml.ToDictionary(x => x.Key, x => x.Value);
        d["K_LP"] = sbml["K_L_P"];
        d["K_OP"] = sbml["K_O_P"];
        d["k_O"] = sbml["kO"];
        return d;
    }

    public static double[] Rhs(double t, double[] y, IReadOnlyDictionary<string, double> q, IReadOnlyDictionary<string, double>? inputs = null)
    {
        _ = t;
        double I(string name) => inputs is not null && inputs.TryGetValue(name, out var v) ? v : q.TryGetValue(name, out var w) ? w : 0;
        var (r, b, c) = (y[0], y[1], y[2]);
        var dB = q["f0"] * q["d_B"];
        var piC = (c + q["f0"] * q["C_s"]) / (c + q["C_s"]);
        var pBar = I("I_P") / q["k_P"];
        var p0 = q["S_P"] / q["k_P"];
        var pS = q["k6"] / q["k5"];
        var piP = (pBar + p0) / (pBar + pS);
        var piL = q["k3"] / q["k4"] * q["K_LP"] * piP * b
            / (1 + q["k3"] * q["K"] / q["k4"] + q["k1"] / (q["k2"] * q["k_O"]) * (q["K_OP"] * r / piP + I("I_O")))
            * (1 + I("I_L") / q["r_L"]);
        return
        [
            q["D_R"] * piC - dB / piC * r + I("I_R"),
            dB / piC * r - q["k_B"] * b + I("I_B"),
            q["D_C"] * piL - q["D_A"] * piC * c + I("I_C"),
        ];
    }

    /// <summary>The production (positive) term of each equation, for steady-state checks.</summary>
    public static double[] Production(double[] y, IReadOnlyDictionary<string, double> q)
    {
        var rates = Rhs(0, y, q);
        var piC = (y[2] + q["f0"] * q["C_s"]) / (y[2] + q["C_s"]);
        return [q["D_R"] * piC, q["f0"] * q["d_B"] / piC * y[0], rates[2] + q["D_A"] * piC * y[2]];
    }
}

/// <summary>Komarova et al. 2003 written out by hand from model-reference §3.1–3.2 (the curated x̄2 formula).</summary>
internal static class KomarovaReference
{
    private const double Alpha1 = 3, Alpha2 = 4, Beta1 = 0.2, Beta2 = 0.02, G11 = 0.5, G21 = -0.5, G12 = 1, G22 = 0, K1 = 0.24, K2 = 0.0017;

    private static readonly double Gamma = G12 * G21 - (1 - G11) * (1 - G22);

    public static readonly double X1Bar = Math.Pow(Beta1 / Alpha1, (1 - G22) / Gamma) * Math.Pow(Beta2 / Alpha2, G21 / Gamma);

    public static readonly double X2Bar = Math.Pow(Beta1 / Alpha1, G12 / Gamma) * Math.Pow(Beta2 / Alpha2, (1 - G11) / Gamma);

    /// <summary>dx1, dx2, dz with the given flags (1 where x_i exceeds x̄_i in the paper's max form).</summary>
    public static double[] Rhs(double[] y, double resorptionFlag, double formationFlag)
    {
        var (x1, x2) = (y[0], y[1]);
        return
        [
            Alpha1 * Math.Pow(x1, G11) * Math.Pow(x2, G21) - Beta1 * x1,
            Alpha2 * Math.Pow(x1, G12) * Math.Pow(x2, G22) - Beta2 * x2,
            -K1 * resorptionFlag * (x1 - X1Bar) + K2 * formationFlag * (x2 - X2Bar),
        ];
    }

    /// <summary>The max formulation, x(0) = (11, 212, 100), with kink-marking events so the solver lands on each kink.</summary>
    public static OdeProblem Problem(double tEnd) =>
        new((t, y, dydt) =>
        {
            var r = Rhs(y, y[0] > X1Bar ? 1 : 0, y[1] > X2Bar ? 1 : 0);
            r.CopyTo(dydt, 0);
        }, 0, [11, 212, 100], tEnd)
        {
            Events =
            [
                new OdeEvent("x1_kink", (t, y) => y[0] - X1Bar, EventDirection.Both, Action: (t, y) => { }),
                new OdeEvent("x2_kink", (t, y) => y[1] - X2Bar, EventDirection.Both, Action: (t, y) => { }),
            ],
        };
}
