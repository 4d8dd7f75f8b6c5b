using OsteoOde.Modeling;
using OsteoOde.Models.Aging;

namespace OsteoOde.Models.Tests.Aging;

/// <summary>
/// The age-25 steady state (an unrolled Newton solve in parameter-only assignments) and the normalisers built on it are
/// evaluated once per parameter vector by the solver delegates, with results bit-identical to the unhoisted delegates.
/// </summary>
public class HoistingTests
{
    private static readonly string[] Cell =
        ["D_OBu", "D_OBp", "A_OBa", "D_OCp", "A_OCa", "K_D1_TGFb", "K_D2_TGFb", "K_D3_TGFb", "K_rep_PTH", "beta_OPG", "R_RANKL", "beta_RANKL", "D_RANKL", "K_D_RANKL_RANK"];

    /// <summary>The nodes evaluated on every call: everything reachable from the roots without entering a hoisted node.</summary>
    private static HashSet<Expr> PerCall(IReadOnlyList<Expr> roots, IReadOnlyList<Expr> hoisted)
    {
        var stop = new HashSet<Expr>(hoisted);
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>(roots);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (stop.Contains(node) || !seen.Add(node))
            {
                continue;
            }

            foreach (var child in node.Arguments)
            {
                stack.Push(child);
            }
        }

        return seen;
    }

    [Theory]
    [InlineData(Sex.Female)]
    [InlineData(Sex.Male)]
    public void TheAgeTwentyFiveSolveIsNotEvaluatedPerCall(Sex sex)
    {
        var model = AgingModel.Create(sex);
        var c = Simulation.Compile(model);
        var ocaAt25 = model.Resolve(Expr.Symbol("OCa_25"));
        Assert.Contains(ocaAt25, PerCall(c.RhsExpressions, []));

        // Every logarithm and exponential of the model sits in the Newton iterates or in parameter-only normalisers.
        foreach (var (roots, hoisted) in new[] { (c.RhsExpressions, c.HoistedRhsExpressions), (c.JacobianExpressions, c.HoistedJacobianExpressions) })
        {
            var perCall = PerCall(roots, hoisted);
            Assert.DoesNotContain(ocaAt25, perCall);
            Assert.DoesNotContain(perCall, e => e.Kind is ExprKind.Log or ExprKind.Exp);
        }
    }

    [Theory]
    [InlineData(Sex.Female)]
    [InlineData(Sex.Male)]
    public void SolverDelegatesMatchTheRawDelegatesBitwiseAsTheParametersChange(Sex sex)
    {
        var model = AgingModel.Create(sex);
        var c = Simulation.Compile(model);
        var p = c.CreateParameterVector();
        var rhs = c.CreateOdeFunction(p);
        var jac = c.CreateOdeJacobian(p);
        var n = c.StateCount;
        double[] f = new double[n], fRaw = new double[n], j = new double[n * n], jRaw = new double[n * n];
        var rng = new Random(90);
        for (var trial = 0; trial < 20; trial++)
        {
            // The same delegates follow in-place changes of the vector (cell parameters up to ×/÷ 3, external RANKL input).
            foreach (var name in Cell)
            {
                p[c.ParameterVectorIndex(name)] = model.Parameter(name).Value * Math.Exp(((rng.NextDouble() * 2) - 1) * Math.Log(3));
            }

            p[c.ParameterVectorIndex("P_RANKL")] = trial % 2 == 0 ? 0 : 50 * rng.NextDouble();
            var y = c.CreateInitialState(p);
            for (var i = 0; i < n; i++)
            {
                y[i] *= 0.8 + (0.4 * rng.NextDouble());
            }

            var t = 365.25 * 60 * rng.NextDouble();
            rhs(t, y, f);
            c.Rhs(t, y, p, fRaw);
            jac(t, y, j);
            c.Jacobian(t, y, p, jRaw);
            Assert.Equal(fRaw.Select(BitConverter.DoubleToInt64Bits), f.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(jRaw.Select(BitConverter.DoubleToInt64Bits), j.Select(BitConverter.DoubleToInt64Bits));
            Assert.All(f, v => Assert.True(double.IsFinite(v)));
        }
    }

    [Fact]
    public void ConcurrentLifeCoursesWithDifferentParametersEqualSequentialOnes()
    {
        var requests = Enumerable.Range(0, 6).Select(i => AgingModel.LifeCourse(AgingOptions.For(i % 2 == 0 ? Sex.Female : Sex.Male),
            new Dictionary<string, double>
            {
                ["A_OCa"] = AgingModel.Model.Parameter("A_OCa").Value * (0.8 + (0.1 * i)),
                ["lambda_mech_tb"] = 0.2 + (0.05 * i),
            }, toAge: 70)).ToArray();
        var sequential = requests.Select(r => Simulation.Run(r).EnsureSuccess()).ToArray();
        var concurrent = new SimulationResult[requests.Length];
        Parallel.For(0, requests.Length, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i => concurrent[i] = Simulation.Run(requests[i]));
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(sequential[i].Statistics, concurrent[i].Statistics);
            foreach (var column in new[] { "OCa", "vb", "vb_ct", "S", "bmd_fn", "ev_plasma" })
            {
                Assert.Equal(sequential[i][column], concurrent[i][column]);
            }
        }

        Assert.NotEqual(sequential[0]["bmd_fn"][^1], sequential[2]["bmd_fn"][^1]);
    }
}
