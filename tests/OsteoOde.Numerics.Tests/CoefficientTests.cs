using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Numerics.Tests;

public class CoefficientTests
{
    public static TheoryData<string> RosenbrockNames => ["rodas5p", "rodas4"];

    private static RosenbrockTableau Tableau(string name) => name switch
    {
        "rodas5p" => RosenbrockTableaus.Rodas5P,
        "rodas4" => RosenbrockTableaus.Rodas4,
        _ => throw new ArgumentException(name),
    };

    // Original form of Hairer & Wanner from the transformed one: Γ = (diag(1/γ) − C)⁻¹, α = a·Γ, b = m·Γ, b̂ = (m − e)·Γ.
    private static (double[,] Alpha, double[,] Gamma, double[] B, double[] BHat) Original(RosenbrockTableau tab)
    {
        var s = tab.Stages;
        var gInv = new double[s, s];
        var a = new double[s, s];
        for (var i = 0; i < s; i++)
        {
            for (var j = 0; j < s; j++)
            {
                gInv[i, j] = (i == j ? 1.0 / tab.Gamma : 0.0) - (j < i ? tab.C[(i * s) + j] : 0.0);
                a[i, j] = j < i ? tab.A[(i * s) + j] : 0.0;
            }
        }

        var gamma = StiffOrderConditions.InverseLower(gInv);
        var m = tab.M.ToArray();
        var mHat = m.Select((v, j) => v - tab.E[j]).ToArray();
        return (StiffOrderConditions.Multiply(a, gamma), gamma, StiffOrderConditions.VecMat(m, gamma), StiffOrderConditions.VecMat(mHat, gamma));
    }

    [Theory]
    [MemberData(nameof(RosenbrockNames))]
    public void RosenbrockSatisfiesOrderConditionsOfDeclaredOrders(string name)
    {
        var tab = Tableau(name);
        var (alpha, gamma, b, bHat) = Original(tab);
        foreach (var (tree, residual) in StiffOrderConditions.Rosenbrock(alpha, gamma, b, tab.Order))
        {
            Assert.True(Math.Abs(residual) < 1e-12, $"{name}: order condition {tree} (order {tree.Order}) residual {residual}");
        }

        foreach (var (tree, residual) in StiffOrderConditions.Rosenbrock(alpha, gamma, bHat, tab.EmbeddedOrder))
        {
            Assert.True(Math.Abs(residual) < 1e-12, $"{name} embedded: condition {tree} residual {residual}");
        }

        // The declared orders are sharp: some condition of the next order fails.
        Assert.Contains(StiffOrderConditions.Rosenbrock(alpha, gamma, b, tab.Order + 1), r => r.Tree.Order == tab.Order + 1 && Math.Abs(r.Residual) > 1e-6);
        Assert.Contains(StiffOrderConditions.Rosenbrock(alpha, gamma, bHat, tab.EmbeddedOrder + 1), r => r.Tree.Order == tab.EmbeddedOrder + 1 && Math.Abs(r.Residual) > 1e-6);
    }

    [Theory]
    [MemberData(nameof(RosenbrockNames))]
    public void RosenbrockStageTimesAndTimeCoefficientsAreConsistent(string name)
    {
        var tab = Tableau(name);
        var s = tab.Stages;
        var (alpha, gamma, _, _) = Original(tab);
        for (var i = 0; i < s; i++)
        {
            var rowAlpha = 0.0;
            var rowGamma = 0.0;
            for (var j = 0; j < s; j++)
            {
                rowAlpha += alpha[i, j];
                rowGamma += gamma[i, j];
            }

            Assert.Equal(tab.Alpha[i], rowAlpha, 1e-12);
            Assert.Equal(tab.D[i], rowGamma, 1e-12);
            Assert.Equal(tab.Gamma, gamma[i, i], 1e-14);
        }
    }

    [Theory]
    [MemberData(nameof(RosenbrockNames))]
    public void RosenbrockIsStifflyAccurate(string name)
    {
        var tab = Tableau(name);
        Assert.True(tab.StifflyAccurate);
        var s = tab.Stages;
        var (alpha, gamma, b, _) = Original(tab);
        Assert.Equal(1.0, tab.Alpha[s - 1], 14);
        for (var j = 0; j < s; j++)
        {
            Assert.Equal(alpha[s - 1, j] + gamma[s - 1, j], b[j], 1e-12);
        }

        // Stability function at infinity R(∞) = 1 − bᵀ (α + Γ)⁻¹ 1 = 0 (L-stability) follows from b = last row of β.
        Assert.Equal(0.0, StabilityAtInfinity(alpha, gamma, b), 1e-10);
    }

    [Fact]
    public void RadauIIACollocationConditions()
    {
        var s6 = Math.Sqrt(6);
        var a = RadauA();
        double[] c = [(4 - s6) / 10, (4 + s6) / 10, 1];
        double[] b = [a[2, 0], a[2, 1], a[2, 2]];
        for (var k = 1; k <= 3; k++)
        {
            for (var i = 0; i < 3; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < 3; j++)
                {
                    sum += a[i, j] * Math.Pow(c[j], k - 1);
                }

                Assert.Equal(Math.Pow(c[i], k) / k, sum, 1e-14);
            }
        }

        for (var k = 1; k <= 5; k++)
        {
            Assert.Equal(1.0 / k, Enumerable.Range(0, 3).Sum(j => b[j] * Math.Pow(c[j], k - 1)), 1e-14);
        }

        Assert.NotEqual(1.0 / 6, Enumerable.Range(0, 3).Sum(j => b[j] * Math.Pow(c[j], 5)), 6);
        foreach (var (tree, residual) in StiffOrderConditions.RungeKutta(a, b, 5))
        {
            Assert.True(Math.Abs(residual) < 1e-13, $"Radau IIA condition {tree}: {residual}");
        }
    }

    [Fact]
    public void RadauTransformationDiagonalisesInverseA()
    {
        var (t, ti) = Radau5Stepper.Transformation;
        var tm = ToMatrix(t);
        var tim = ToMatrix(ti);
        var identity = StiffOrderConditions.Multiply(tm, tim);
        var aInv = Invert3(RadauA());
        var lambda = StiffOrderConditions.Multiply(StiffOrderConditions.Multiply(tim, aInv), tm);
        var gamma = Radau5Stepper.RealEigenvalue;
        var (alpha, beta) = Radau5Stepper.ComplexEigenvalue;
        double[,] expected = { { gamma, 0, 0 }, { 0, alpha, -beta }, { 0, beta, alpha } };
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(i == j ? 1.0 : 0.0, identity[i, j], 1e-14);
                Assert.Equal(expected[i, j], lambda[i, j], 1e-12);
            }
        }
    }

    [Fact]
    public void RadauErrorEstimateIsExactForCubicsOnly()
    {
        // err ∝ f(t0) + Σ DD_i z_i / h vanishes when z_i = y(c_i h) − y(0) for y of degree ≤ 3 (an order-3 embedded estimate).
        var s6 = Math.Sqrt(6);
        double[] c = [(4 - s6) / 10, (4 + s6) / 10, 1];
        var dd = Radau5Stepper.ErrorWeights;
        for (var k = 1; k <= 4; k++)
        {
            var value = (k == 1 ? 1.0 : 0.0) + Enumerable.Range(0, 3).Sum(i => dd[i] * Math.Pow(c[i], k));
            if (k <= 3)
            {
                Assert.Equal(0.0, value, 1e-13);
            }
            else
            {
                Assert.True(Math.Abs(value) > 1e-3);
            }
        }
    }

    private static double StabilityAtInfinity(double[,] alpha, double[,] gamma, double[] b)
    {
        // R(z) = 1 + z bᵀ (I − z β)⁻¹ 1 → 1 − bᵀ β⁻¹ 1 as z → ∞ (β = α + Γ lower triangular).
        var s = b.Length;
        var beta = new double[s, s];
        for (var i = 0; i < s; i++)
        {
            for (var j = 0; j < s; j++)
            {
                beta[i, j] = alpha[i, j] + gamma[i, j];
            }
        }

        var inv = StiffOrderConditions.InverseLower(beta);
        var sum = 0.0;
        for (var i = 0; i < s; i++)
        {
            for (var j = 0; j < s; j++)
            {
                sum += b[i] * inv[i, j];
            }
        }

        return 1 - sum;
    }

    private static double[,] RadauA()
    {
        var s6 = Math.Sqrt(6);
        return new double[,]
        {
            { (88 - (7 * s6)) / 360, (296 - (169 * s6)) / 1800, (-2 + (3 * s6)) / 225 },
            { (296 + (169 * s6)) / 1800, (88 + (7 * s6)) / 360, (-2 - (3 * s6)) / 225 },
            { (16 - s6) / 36, (16 + s6) / 36, 1.0 / 9 },
        };
    }

    private static double[,] ToMatrix(double[] v) => new double[,] { { v[0], v[1], v[2] }, { v[3], v[4], v[5] }, { v[6], v[7], v[8] } };

    private static double[,] Invert3(double[,] m)
    {
        var det = (m[0, 0] * ((m[1, 1] * m[2, 2]) - (m[1, 2] * m[2, 1])))
            - (m[0, 1] * ((m[1, 0] * m[2, 2]) - (m[1, 2] * m[2, 0])))
            + (m[0, 2] * ((m[1, 0] * m[2, 1]) - (m[1, 1] * m[2, 0])));
        var r = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                var r0 = (j + 1) % 3;
                var r1 = (j + 2) % 3;
                var c0 = (i + 1) % 3;
                var c1 = (i + 2) % 3;
                r[i, j] = ((m[r0, c0] * m[r1, c1]) - (m[r0, c1] * m[r1, c0])) / det;
            }
        }

        return r;
    }
}
