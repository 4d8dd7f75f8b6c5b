using OsteoOde.Modeling;
using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Modeling.Tests;

/// <summary>
/// Parameter-only subexpressions evaluated once per parameter vector: what is hoisted, bit-identical results, refresh on any
/// write to the vector, exact input switches through hoisted terms, no allocation, independent caches across threads.
/// </summary>
public class HoistingTests
{
    private static readonly Citation Src = SimulationTestModels.Src;

    private static readonly Expr K = Expr.Symbol("k");
    private static readonly Expr A = Expr.Symbol("a");
    private static readonly Expr C = Expr.Symbol("c");
    private static readonly Expr U = Expr.Symbol("u");
    private static readonly Expr X = Expr.Symbol("x");

    /// <summary>Parameter-only factor, parameter-and-input term, a time-dependent term and a state-dependent kink.</summary>
    private static readonly Expr StaticFactor = K * Expr.Exp(-A / C);
    private static readonly Expr InputTerm = (U + K) * Expr.Log(1 + (A * A));

    private static Model Mixed()
    {
        var b = new ModelBuilder("hoist_mixed");
        b.Parameter("k", 0.3, "1/day", "rate", Src, 0.01, 10);
        b.Parameter("a", 0.7, "1", "shape", Src, 0.01, 10);
        b.Parameter("c", 2.0, "1", "scale", Src, 0.01, 10);
        b.Input("u", "1/day", 0, "drive");
        b.State("x", "1", 1.0, "level", nonNegative: false);
        b.AddRate("x", "static", -(StaticFactor * X));
        b.AddRate("x", "input", InputTerm);
        b.AddRate("x", "time", -(K * Expr.Exp(-(Expr.Time * K)) * X));
        b.AddRate("x", "kink", -(Expr.Max(0, X - A) * K));
        b.Observable("drive", InputTerm * X, "drive times level", "1/day");
        return b.Build();
    }

    [Fact]
    public void OnlyTheOutermostParameterOnlySubexpressionsAreHoisted()
    {
        var c = CompiledModel.Compile(Mixed());
        Assert.Equal(new HashSet<Expr> { StaticFactor, InputTerm }, new HashSet<Expr>(c.HoistedRhsExpressions));

        // The switched right-hand side (max(0, x − a) selected by a mode flag) hoists the same nodes and never a mode flag.
        var switched = c.Switching;
        Assert.Single(switched.Switches);
        Assert.Equal(new HashSet<Expr> { StaticFactor, InputTerm }, new HashSet<Expr>(switched.HoistedRhs.Value.Hoisted));
        foreach (var node in switched.HoistedJacobian.Value.Hoisted.Concat(c.HoistedJacobianExpressions))
        {
            Assert.False(node.DependsOnTime, node.ToString());
            Assert.All(node.SymbolNames(), name => Assert.Contains(name, c.ParameterVectorNames));
            Assert.NotEqual(ExprKind.Symbol, node.Kind);
            Assert.NotEqual(ExprKind.Constant, node.Kind);
        }

        // A model whose rates read parameters only as bare symbols hoists nothing and needs no snapshot.
        var linear = CompiledModel.Compile(SimulationTestModels.Infusion());
        Assert.Empty(linear.HoistedRhsExpressions);
    }

    [Fact]
    public void HoistedAndUnhoistedCodeAgreeBitwiseOnRandomExpressions()
    {
        // x is a state, y and z are parameters: every y,z-only subtree is hoisted.
        var states = new Dictionary<string, int> { ["x"] = 0 };
        var parameters = new Dictionary<string, int> { ["y"] = 0, ["z"] = 1 };
        var compiler = new ExpressionCompiler(states, parameters, 2);
        var hoistedSomething = 0;
        for (var seed = 0; seed < 300; seed++)
        {
            var e = new RandomExpressions(seed, allowNonSmooth: true).Next(5);
            var plain = compiler.CompileVector([e], "plain");
            var hoisted = compiler.CompileHoistedVector([e], "hoisted");
            hoistedSomething += hoisted.CacheLength > 0 ? 1 : 0;
            var cache = new double[hoisted.CacheLength];
            var rng = new Random(9000 + seed);
            double[] a = [0], b = [0];
            for (var k = 0; k < 5; k++)
            {
                double[] y = [-2 + (4 * rng.NextDouble())];
                double[] p = [-2 + (4 * rng.NextDouble()), -2 + (4 * rng.NextDouble())];
                var t = 3 * rng.NextDouble();
                plain(t, y, p, a);
                hoisted.Prepare(p, cache);
                hoisted.Kernel(t, y, p, cache, b);
                Assert.True(BitConverter.DoubleToInt64Bits(a[0]) == BitConverter.DoubleToInt64Bits(b[0]), $"seed {seed}: {a[0]:R} vs {b[0]:R} for {e}");
            }
        }

        Assert.True(hoistedSomething > 100, $"only {hoistedSomething} of 300 expressions had a parameter-only subtree");
    }

    [Fact]
    public void BoundDelegatesSeeEveryWriteToTheVectorAndMatchTheRawDelegatesBitwise()
    {
        var c = CompiledModel.Compile(Pivonka2008TestModel.Build());
        var p = c.CreateParameterVector();
        var y = c.CreateInitialState(p);
        y[0] *= 1.3;
        var rhs = c.CreateOdeFunction(p);
        var jac = c.CreateOdeJacobian(p);
        Assert.NotEmpty(c.HoistedRhsExpressions);
        var n = c.StateCount;
        double[] f = new double[n], fRaw = new double[n], j = new double[n * n], jRaw = new double[n * n];

        void Same(string what)
        {
            rhs(2, y, f);
            c.Rhs(2, y, p, fRaw);
            jac(2, y, j);
            c.Jacobian(2, y, p, jRaw);
            Assert.Equal(fRaw.Select(BitConverter.DoubleToInt64Bits), f.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(jRaw.Select(BitConverter.DoubleToInt64Bits), j.Select(BitConverter.DoubleToInt64Bits));
            _ = what;
        }

        Same("defaults");
        var before = (double[])f.Clone();

        // Each of these entries is read by a hoisted node (PTH = (beta_PTH + P_PTH)/D_PTH and its activation/repression).
        foreach (var (name, value) in new[] { ("P_PTH", 1e3), ("beta_PTH", 400.0), ("D_PTH", 50.0), ("K_act_PTH", 20.0), ("P_TGFb", 1e-3) })
        {
            var i = c.ParameterVectorIndex(name);
            var old = p[i];
            p[i] = value;
            Same(name);
            Assert.NotEqual(before, f);
            p[i] = old;
            Same(name + " restored");
            Assert.Equal(before, f);
        }

        // A NaN written and removed again, and -0 versus +0 (different bits, same value) are handled like any change.
        var pth = c.ParameterVectorIndex("P_PTH");
        p[pth] = double.NaN;
        Same("NaN");
        Assert.True(double.IsNaN(f[0]) || double.IsNaN(f[1]) || double.IsNaN(f[2]));
        p[pth] = -0.0;
        Same("-0");
        p[pth] = 0.0;
        Same("+0");
        Assert.Equal(before, f);
    }

    [Fact]
    public void AnInputSwitchInsideAHoistedTermIsExact()
    {
        // x' = (u + b)·e^a − k·x: the production (u + b)·e^a is hoisted and u switches 0 → 1 on (5, 12].
        var b = new ModelBuilder("hoisted_input");
        var k = b.Parameter("k", 0.4, "1/day", "loss", Src, 0.01, 10);
        var bb = b.Parameter("b", 0.2, "1/day", "basal production", Src, 0.01, 10);
        var a = b.Parameter("a", 0.5, "1", "log gain", Src, -5, 5, scale: ParameterScale.Linear);
        var u = b.Input("u", "1/day", 0, "extra production");
        var x = b.State("x", "1", 1.0, "level");
        var production = (u + bb) * Expr.Exp(a);
        b.AddRate(x, "production", production);
        b.AddRate(x, "loss", -(k * x));
        var model = b.Build();
        Assert.Contains(production, CompiledModel.GetOrCompile(model).HoistedRhsExpressions);

        double[] times = [.. Enumerable.Range(0, 41).Select(i => 0.5 * i)];
        var result = Simulation.Run(new SimulationRequest(model, 20)
        {
            OutputTimes = times,
            InputSwitches = [InputSwitch.Parse("u = 1 for 5 < t <= 12")],
            Solver = SimulationTestModels.Tight,
        }).EnsureSuccess();

        static double Relax(double x0, double q, double kk, double dt) => (q / kk) + ((x0 - (q / kk)) * Math.Exp(-kk * dt));
        var gain = Math.Exp(0.5);
        var x5 = Relax(1, 0.2 * gain, 0.4, 5);
        var x12 = Relax(x5, 1.2 * gain, 0.4, 7);
        for (var r = 0; r < times.Length; r++)
        {
            var t = times[r];
            var exact = t <= 5 ? Relax(1, 0.2 * gain, 0.4, t) : t <= 12 ? Relax(x5, 1.2 * gain, 0.4, t - 5) : Relax(x12, 0.2 * gain, 0.4, t - 12);
            Check.Close(exact, result["x"][r], 1e-10, 1e-12, $"x({t})");
        }
    }

    [Fact]
    public void BoundDelegatesDoNotAllocateEvenWhenTheyRefresh()
    {
        var c = CompiledModel.Compile(Mixed());
        var p = c.CreateParameterVector();
        var y = new[] { 1.5 };
        var f = new double[1];
        var j = new double[1];
        var obs = new double[c.ObservableCount];
        var rhs = c.CreateOdeFunction(p);
        var jac = c.CreateOdeJacobian(p);
        var observables = c.BindObservables(p);
        var ia = c.ParameterVectorIndex("a");
        var iu = c.ParameterVectorIndex("u");
        void CallAll(int k)
        {
            p[ia] = (k & 1) == 0 ? 0.7 : 0.8; // every call sees a changed vector and recomputes its cache
            p[iu] = k & 2;
            rhs(1, y, f);
            jac(1, y, j);
            observables.Invoke(1, y, obs);
        }

        CallAll(0);
        CallAll(1);
        Assert.Equal(0, AllocationProbe.LeastAllocated(() => () =>
        {
            for (var k = 0; k < 10_000; k++)
            {
                CallAll(k);
            }
        }));
    }

    [Fact]
    public void ConcurrentSimulationsOfOneCompiledModelMatchSequentialRuns()
    {
        var model = Pivonka2008TestModel.Build();
        var compiled = CompiledModel.GetOrCompile(model);
        var requests = Enumerable.Range(0, 8).Select(i => new SimulationRequest(compiled, 200)
        {
            Parameters = ParameterSet.Defaults(model).With("beta_PTH", 150 + (25 * i)).With("K_act_PTH", 100 + (10 * i)),
            InputSwitches = [InputSwitch.Parse($"P_PTH = {100 * (i + 1)} for {10 + i} < t <= {60 + (5 * i)}"),
                InputSwitch.Parse($"P_RANKL = {1000 * (i % 3)} for t > 100")],
            OutputTimes = [.. Enumerable.Range(0, 201).Select(d => (double)d)],
            Solver = new OdeOptions { Method = "radau5", RelativeTolerance = 1e-9 },
        }).ToArray();

        var sequential = requests.Select(r => Simulation.Run(r).EnsureSuccess()).ToArray();
        var concurrent = new SimulationResult[3][];
        var threads = Enumerable.Range(0, 3).Select(w => new Thread(() =>
        {
            // Each worker runs every request, starting at a different one, so runs of different sets overlap in time.
            var mine = new SimulationResult[requests.Length];
            for (var k = 0; k < requests.Length; k++)
            {
                var i = (k + (3 * w)) % requests.Length;
                mine[i] = Simulation.Run(requests[i]);
            }

            concurrent[w] = mine;
        })).ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }

        foreach (var runs in concurrent)
        {
            for (var i = 0; i < requests.Length; i++)
            {
                Assert.Equal(sequential[i].Statistics, runs[i].Statistics);
                foreach (var name in new[] { "OBp", "OBa", "OCa", "RANKL" })
                {
                    Assert.Equal(sequential[i][name], runs[i][name]);
                }
            }
        }

        // The parameter sets really differ (the runs are not all the same trajectory).
        Assert.NotEqual(sequential[0]["OCa"][150], sequential[1]["OCa"][150]);
    }
}
