using OsteoOde.Modeling;
using OsteoOde.Modeling.Diagnostics;

namespace OsteoOde.Modeling.Tests;

public class CompilationTests
{
    /// <summary>Input perturbations of model-reference §2.5 (P_PTH, P_OPG, P_RANKL, P_TGFb in pM/day).</summary>
    private static readonly double[] MaxInputs = [1e3, 2e5, 1e4, 1e-3];

    private static readonly Lazy<CompiledModel> Pivonka = new(() => CompiledModel.Compile(Pivonka2008TestModel.Build()));

    [Fact]
    public void InterpreterAndCompiledCodeAgreeOnRandomExpressions()
    {
        string[] states = ["x", "y", "z"];
        for (var seed = 0; seed < 300; seed++)
        {
            var e = new RandomExpressions(seed, allowNonSmooth: true).Next(5);
            var f = ExprCompiler.Compile([e], states, []);
            var rng = new Random(5000 + seed);
            var output = new double[1];
            for (var k = 0; k < 5; k++)
            {
                var y = new[] { -2 + 4 * rng.NextDouble(), -2 + 4 * rng.NextDouble(), -2 + 4 * rng.NextDouble() };
                var t = 3 * rng.NextDouble();
                f(t, y, [], output);
                var interpreted = e.Evaluate(n => y[Array.IndexOf(states, n)], t);
                Check.Close(interpreted, output[0], 1e-14, 0, $"seed {seed}: {e}");
            }
        }
    }

    [Fact]
    public void ParameterVectorIsParametersThenInputsInDeclarationOrder()
    {
        var c = Pivonka.Value;
        Assert.Equal(PivonkaHandWritten.ParameterNames, c.ParameterVectorNames);
        Assert.Equal(24, c.ParameterCount);
        Assert.Equal(4, c.InputCount);
        Assert.Equal(25, c.ParameterVectorIndex("P_OPG"));
        Assert.Equal(["OBp", "OBa", "OCa"], c.StateNames);
        Assert.Equal(["TGFb", "PTH", "OPG", "RANKL", "RANKL_RANK", "pi_act_OCp"], c.ObservableNames);
        Assert.Equal(PivonkaHandWritten.DefaultParameters(), c.CreateParameterVector());
        Assert.Equal([0, 1, 2], c.NonNegativeStateIndices);
        var ex = Assert.Throws<ArgumentException>(() => c.ParameterVectorIndex("beta_RANKl"));
        Assert.Contains("beta_RANKL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompiledRhsMatchesHandWrittenRhsAtRandomStatesAndParameters()
    {
        var c = Pivonka.Value;
        var rng = new Random(2008);
        var compiled = new double[3];
        var hand = new double[3];
        for (var k = 0; k < 300; k++)
        {
            var (y, p) = RandomPoint(rng);
            c.Rhs(0, y, p, compiled);
            PivonkaHandWritten.Rhs(0, y, p, hand);
            var scale = TermScales(c, y, p);
            for (var i = 0; i < 3; i++)
            {
                Check.Close(hand[i], compiled[i], 0, 1e-12 * scale[i], $"f[{i}] sample {k}");
            }
        }
    }

    [Fact]
    public void CompiledJacobianMatchesFiniteDifferencesOfHandWrittenRhsAndTheHandDerivedJacobian()
    {
        var c = Pivonka.Value;
        var rng = new Random(43);
        var jac = new double[9];
        var handJac = new double[9];
        for (var k = 0; k < 100; k++)
        {
            var (y, p) = RandomPoint(rng);
            c.Jacobian(0, y, p, jac);
            PivonkaHandWritten.Jacobian(0, y, p, handJac);
            var fd = FiniteDifferenceJacobian(y, p);
            for (var i = 0; i < 3; i++)
            {
                // Compare ∂f_i/∂y_j·y_j, the change of f_i per relative change of y_j, against the rate-term scale.
                var scale = TermScales(c, y, p)[i];
                for (var j = 0; j < 3; j++)
                {
                    Check.Close(fd[i, j] * y[j], jac[i * 3 + j] * y[j], 1e-6, 1e-8 * scale, $"J[{i},{j}] vs FD, sample {k}");
                    Check.Close(handJac[i * 3 + j] * y[j], jac[i * 3 + j] * y[j], 0, 1e-12 * scale, $"J[{i},{j}] vs hand, sample {k}");
                }
            }
        }
    }

    [Fact]
    public void ParameterJacobianMatchesFiniteDifferences()
    {
        var c = Pivonka.Value;
        var rng = new Random(44);
        var np = c.ParameterVectorLength;
        var dfdp = new double[3 * np];
        for (var k = 0; k < 40; k++)
        {
            var (y, p) = RandomPoint(rng);
            c.ParameterJacobian(0, y, p, dfdp);
            var scale = TermScales(c, y, p);
            for (var m = 0; m < np; m++)
            {
                // Relative step 1e-6; an input at 0 uses 1e-6 of its §2.5 perturbation size as step and magnitude.
                var magnitude = p[m] != 0 ? Math.Abs(p[m]) : MaxInputs[m - 24];
                var h = 1e-6 * magnitude;
                var plus = (double[])p.Clone();
                var minus = (double[])p.Clone();
                plus[m] += h;
                minus[m] -= h;
                var fPlus = new double[3];
                var fMinus = new double[3];
                PivonkaHandWritten.Rhs(0, y, plus, fPlus);
                PivonkaHandWritten.Rhs(0, y, minus, fMinus);
                var width = plus[m] - minus[m];
                for (var i = 0; i < 3; i++)
                {
                    var fd = (fPlus[i] - fMinus[i]) / width;
                    // Rounding in the difference quotient is about eps/1e-6·scale = 2e-10·scale; allow 1e-8·scale.
                    Check.Close(fd * magnitude, dfdp[i * np + m] * magnitude, 1e-6, 1e-8 * scale[i],
                        $"dF[{i}]/d{c.ParameterVectorNames[m]}, sample {k}");
                }
            }
        }
    }

    [Fact]
    public void NewtonOnCompiledRhsAndJacobianFindsThePublishedSteadyState()
    {
        var c = Pivonka.Value;
        var p = c.CreateParameterVector();
        var y = c.CreateInitialState(p);
        Assert.Equal([6.1964e-4, 5.5839e-4, 8.0696e-4], y);
        var f = new double[3];
        var j = new double[9];
        for (var iter = 0; iter < 30; iter++)
        {
            c.Rhs(0, y, p, f);
            c.Jacobian(0, y, p, j);
            var dy = Solve3(j, f);
            for (var i = 0; i < 3; i++)
            {
                y[i] -= dy[i];
            }
        }

        c.Rhs(0, y, p, f);
        var scale = TermScales(c, y, p);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(f[i]) <= 1e-13 * scale[i], $"residual f[{i}] = {f[i]}");
        }

        // Model-reference §2.3: OBp = 6.1964e-4, OBa = 5.5839e-4, OCa = 8.0696e-4 pM (5 digits).
        Check.Close(6.1964e-4, y[0], 1e-4, 0, "OBp");
        Check.Close(5.5839e-4, y[1], 1e-4, 0, "OBa");
        Check.Close(8.0696e-4, y[2], 1e-4, 0, "OCa");

        var obs = new double[c.ObservableCount];
        c.Observables(0, y, p, obs);
        Check.Close(8.0696e-4, obs[c.ObservableIndex("TGFb")], 1e-4, 0, "TGFb");
        Check.Close(2.907, obs[c.ObservableIndex("PTH")], 1e-3, 0, "PTH");
        Check.Close(1.8436e4, obs[c.ObservableIndex("OPG")], 1e-4, 0, "OPG");
        Check.Close(0.55223, obs[c.ObservableIndex("RANKL")], 1e-4, 0, "RANKL");
        Check.Close(0.18841, obs[c.ObservableIndex("RANKL_RANK")], 1e-4, 0, "RANKL_RANK");
        Check.Close(0.040554, obs[c.ObservableIndex("pi_act_OCp")], 1e-4, 0, "pi_act_OCp");
    }

    [Fact]
    public void CompiledDelegatesDoNotAllocate()
    {
        var c = Pivonka.Value;
        var p = c.CreateParameterVector();
        var y = c.CreateInitialState(p);
        var f = new double[3];
        var j = new double[9];
        var dfdp = new double[3 * c.ParameterVectorLength];
        var obs = new double[c.ObservableCount];
        var odeRhs = c.CreateOdeFunction(p);
        var odeJac = c.CreateOdeJacobian(p);
        void CallAll()
        {
            c.Rhs(1, y, p, f);
            c.Jacobian(1, y, p, j);
            c.ParameterJacobian(1, y, p, dfdp);
            c.Observables(1, y, p, obs);
            odeRhs(1, y, f);
            odeJac(1, y, j);
        }

        CallAll();
        Assert.Equal(0, OsteoOde.Testing.AllocationProbe.LeastAllocated(() => () =>
        {
            for (var k = 0; k < 10_000; k++)
            {
                CallAll();
            }
        }));
    }

    [Fact]
    public void BenchmarkHelperComparesLikeForLike()
    {
        // Not a timing test: checks that the benchmark evaluates both implementations at the same point and they agree.
        var result = RhsBenchmark.RunPivonka2008(Pivonka2008TestModel.Build(), calls: 1000, repetitions: 1);
        Assert.True(result.MaxRhsRelativeDifference <= 1e-13, result.ToString());
        Assert.True(result.MaxJacobianRelativeDifference <= 1e-13, result.ToString());
        Assert.True(result.CompiledRhsNanoseconds > 0 && result.HandJacobianNanoseconds > 0, result.ToString());
        Assert.Throws<ArgumentException>(() => RhsBenchmark.RunPivonka2008(RenderingTests.Tiny()));
    }

    [Fact]
    public void OdeDelegatesSeeParameterVectorChanges()
    {
        var c = Pivonka.Value;
        var p = c.CreateParameterVector();
        var y = c.CreateInitialState(p);
        var rhs = c.CreateOdeFunction(p);
        var before = new double[3];
        var after = new double[3];
        rhs(0, y, before);
        p[c.ParameterVectorIndex("P_RANKL")] = 1e4; // switch an input on
        rhs(0, y, after);
        Assert.Equal(before[0], after[0]);
        Assert.True(after[2] > before[2], "extra RANKL production must raise osteoclast formation");
        Assert.Throws<ArgumentException>(() => c.CreateOdeFunction(new double[3]));
    }

    [Fact]
    public void SharedSubexpressionsAreComputedOncePerCall()
    {
        // The Jacobian of Pivonka shares RANKL, OPG and TGF-β sub-terms across entries: the DAG is much smaller than the trees.
        var c = Pivonka.Value;
        var dagNodes = new HashSet<Expr>();
        var treeNodes = 0L;
        foreach (var e in c.JacobianExpressions)
        {
            foreach (var n in e.PostOrder())
            {
                dagNodes.Add(n);
            }

            treeNodes += TreeSize(e, []);
        }

        Assert.True(dagNodes.Count * 2 < treeNodes, $"DAG {dagNodes.Count} nodes vs tree {treeNodes}");
    }

    private static long TreeSize(Expr e, Dictionary<Expr, long> memo)
    {
        if (memo.TryGetValue(e, out var s))
        {
            return s;
        }

        s = 1 + e.Arguments.Sum(a => TreeSize(a, memo));
        memo[e] = s;
        return s;
    }

    /// <summary>States log-uniform within 0.1–10× the steady state; parameters ±50 %; inputs 0 or up to the §2.5 perturbations.</summary>
    internal static (double[] Y, double[] P) RandomPoint(Random rng)
    {
        double LogUniform(double center, double factor) => center * Math.Exp(Math.Log(factor) * (2 * rng.NextDouble() - 1));
        var y = new[] { LogUniform(6.1964e-4, 10), LogUniform(5.5839e-4, 10), LogUniform(8.0696e-4, 10) };
        var p = PivonkaHandWritten.DefaultParameters();
        for (var m = 0; m < 24; m++)
        {
            p[m] *= 0.5 + rng.NextDouble();
        }

        for (var m = 0; m < 4; m++)
        {
            p[24 + m] = rng.NextDouble() < 0.5 ? 0 : MaxInputs[m] * rng.NextDouble();
        }

        return (y, p);
    }

    /// <summary>Σ|term| of each state's rate, evaluated by the interpreter: the natural scale of f_i.</summary>
    internal static double[] TermScales(CompiledModel c, double[] y, double[] p)
    {
        var values = new Dictionary<string, double>();
        for (var i = 0; i < c.StateCount; i++)
        {
            values[c.StateNames[i]] = y[i];
        }

        for (var m = 0; m < c.ParameterVectorLength; m++)
        {
            values[c.ParameterVectorNames[m]] = p[m];
        }

        return c.Model.States.Select(s => s.RateTerms.Sum(t => Math.Abs(c.Model.Resolve(t.Expression).Evaluate(values)))).ToArray();
    }

    /// <summary>Central differences of the hand-written RHS, relative step 1e-6.</summary>
    private static double[,] FiniteDifferenceJacobian(double[] y, double[] p)
    {
        var result = new double[3, 3];
        for (var j = 0; j < 3; j++)
        {
            var h = 1e-6 * y[j];
            var plus = (double[])y.Clone();
            var minus = (double[])y.Clone();
            plus[j] += h;
            minus[j] -= h;
            var fPlus = new double[3];
            var fMinus = new double[3];
            PivonkaHandWritten.Rhs(0, plus, p, fPlus);
            PivonkaHandWritten.Rhs(0, minus, p, fMinus);
            for (var i = 0; i < 3; i++)
            {
                result[i, j] = (fPlus[i] - fMinus[i]) / (plus[j] - minus[j]);
            }
        }

        return result;
    }

    private static double[] Solve3(double[] a, double[] b)
    {
        // Cramer's rule for the 3×3 Newton step.
        double Det(double[] m) =>
            m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        var d = Det(a);
        var x = new double[3];
        for (var col = 0; col < 3; col++)
        {
            var m = (double[])a.Clone();
            for (var row = 0; row < 3; row++)
            {
                m[row * 3 + col] = b[row];
            }

            x[col] = Det(m) / d;
        }

        return x;
    }
}
