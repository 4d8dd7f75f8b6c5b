namespace OsteoOde.Testing;

/// <summary>Order-condition residuals of Rosenbrock and implicit Runge–Kutta methods over all rooted trees (<see cref="RootedTree"/>).</summary>
public static class StiffOrderConditions
{
    /// <summary>
    /// Residuals Σ_j b_j Φ_j(t) − 1/γ(t) of a Rosenbrock method in the original form of Hairer &amp; Wanner (§IV.7, Table 7.1):
    /// Φ follows the tree, an edge below a vertex with exactly one child carries β_jk = α_jk + γ_jk (diagonal γ included),
    /// edges below vertices with several children carry α_jk.
    /// </summary>
    /// <param name="alpha">α (s × s, strictly lower).</param>
    /// <param name="gamma">Γ (s × s, lower with the diagonal γ).</param>
    /// <param name="b">Weights.</param>
    /// <param name="maxOrder">Largest tree order.</param>
    /// <returns>(tree, residual) pairs.</returns>
    public static IReadOnlyList<(RootedTree Tree, double Residual)> Rosenbrock(double[,] alpha, double[,] gamma, double[] b,
        int maxOrder)
    {
        ArgumentNullException.ThrowIfNull(alpha);
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(b);
        var s = b.Length;
        var beta = new double[s, s];
        for (var i = 0; i < s; i++)
        {
            for (var j = 0; j < s; j++)
            {
                beta[i, j] = alpha[i, j] + gamma[i, j];
            }
        }

        double[] Phi(RootedTree t)
        {
            if (t.Children.Count == 1)
            {
                return MatVec(beta, Phi(t.Children[0]));
            }

            var v = Enumerable.Repeat(1.0, s).ToArray();
            foreach (var c in t.Children)
            {
                var w = MatVec(alpha, Phi(c));
                for (var i = 0; i < s; i++)
                {
                    v[i] *= w[i];
                }
            }

            return v;
        }

        return [.. RootedTree.UpToOrder(maxOrder).Select(t => (t, Dot(b, Phi(t)) - (1.0 / t.Density)))];
    }

    /// <summary>Residuals Σ b_j Φ_j(t) − 1/γ(t) of a Runge–Kutta method (A, b).</summary>
    /// <param name="a">A (s × s).</param>
    /// <param name="b">Weights.</param>
    /// <param name="maxOrder">Largest tree order.</param>
    /// <returns>(tree, residual) pairs.</returns>
    public static IReadOnlyList<(RootedTree Tree, double Residual)> RungeKutta(double[,] a, double[] b, int maxOrder)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var s = b.Length;
        double[] Phi(RootedTree t)
        {
            var v = Enumerable.Repeat(1.0, s).ToArray();
            foreach (var c in t.Children)
            {
                var w = MatVec(a, Phi(c));
                for (var i = 0; i < s; i++)
                {
                    v[i] *= w[i];
                }
            }

            return v;
        }

        return [.. RootedTree.UpToOrder(maxOrder).Select(t => (t, Dot(b, Phi(t)) - (1.0 / t.Density)))];
    }

    /// <summary>Inverse of a lower-triangular matrix by forward substitution.</summary>
    /// <param name="l">Lower-triangular matrix with non-zero diagonal.</param>
    /// <returns>Its inverse.</returns>
    public static double[,] InverseLower(double[,] l)
    {
        ArgumentNullException.ThrowIfNull(l);
        var s = l.GetLength(0);
        var inv = new double[s, s];
        for (var col = 0; col < s; col++)
        {
            for (var i = 0; i < s; i++)
            {
                var sum = i == col ? 1.0 : 0.0;
                for (var k = 0; k < i; k++)
                {
                    sum -= l[i, k] * inv[k, col];
                }

                inv[i, col] = sum / l[i, i];
            }
        }

        return inv;
    }

    /// <summary>Matrix product.</summary>
    /// <param name="x">Left factor.</param>
    /// <param name="y">Right factor.</param>
    /// <returns>x·y.</returns>
    public static double[,] Multiply(double[,] x, double[,] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var r = new double[x.GetLength(0), y.GetLength(1)];
        for (var i = 0; i < x.GetLength(0); i++)
        {
            for (var j = 0; j < y.GetLength(1); j++)
            {
                for (var k = 0; k < x.GetLength(1); k++)
                {
                    r[i, j] += x[i, k] * y[k, j];
                }
            }
        }

        return r;
    }

    /// <summary>Row vector times matrix.</summary>
    /// <param name="v">Row vector.</param>
    /// <param name="m">Matrix.</param>
    /// <returns>v·m.</returns>
    public static double[] VecMat(double[] v, double[,] m)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(m);
        var r = new double[m.GetLength(1)];
        for (var j = 0; j < r.Length; j++)
        {
            for (var k = 0; k < v.Length; k++)
            {
                r[j] += v[k] * m[k, j];
            }
        }

        return r;
    }

    private static double[] MatVec(double[,] m, double[] v)
    {
        var r = new double[v.Length];
        for (var i = 0; i < v.Length; i++)
        {
            for (var k = 0; k < v.Length; k++)
            {
                r[i] += m[i, k] * v[k];
            }
        }

        return r;
    }

    private static double Dot(double[] x, double[] y)
    {
        var s = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            s += x[i] * y[i];
        }

        return s;
    }
}
