namespace OsteoOde.Testing;

/// <summary>
/// A rooted tree (Butcher's notation, <c>t = [t1, …, tm]</c>), the index set of the Runge–Kutta order conditions
/// (Hairer, Nørsett &amp; Wanner, <i>Solving ODEs I</i>, §II.2): a method has order p when
/// <c>Σ_i b_i Φ_i(t) = 1/γ(t)</c> for every tree with at most p vertices.
/// </summary>
public sealed class RootedTree
{
    private RootedTree(IReadOnlyList<RootedTree> children)
    {
        Children = children;
        Order = 1;
        Density = 1.0;
        foreach (var child in children)
        {
            Order += child.Order;
            Density *= child.Density;
        }

        Density *= Order;
    }

    /// <summary>Subtrees hanging from the root (a canonical multiset: generation order, non-increasing).</summary>
    public IReadOnlyList<RootedTree> Children { get; }

    /// <summary>Number of vertices |t|.</summary>
    public int Order { get; }

    /// <summary>Density γ(t) = |t| Π γ(t_k).</summary>
    public double Density { get; }

    /// <summary>All distinct rooted trees with 1 to <paramref name="maxOrder"/> vertices, by increasing order.</summary>
    /// <param name="maxOrder">Largest order (1..12).</param>
    /// <returns>The trees (1, 1, 2, 4, 9, 20, 48, 115, 286 … of each order).</returns>
    public static IReadOnlyList<RootedTree> UpToOrder(int maxOrder)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOrder, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxOrder, 12);
        var all = new List<RootedTree> { new([]) };
        for (var order = 2; order <= maxOrder; order++)
        {
            var known = all.Count;
            var children = new List<RootedTree>();

            // A tree of this order is a root over a multiset of smaller trees whose orders sum to order − 1. Choosing
            // children with non-increasing index in 'all' lists every multiset once.
            void Build(int remaining, int maxIndex)
            {
                if (remaining == 0)
                {
                    all.Add(new RootedTree([.. children]));
                    return;
                }

                for (var index = maxIndex; index >= 0; index--)
                {
                    var child = all[index];
                    if (child.Order > remaining)
                    {
                        continue;
                    }

                    children.Add(child);
                    Build(remaining - child.Order, index);
                    children.RemoveAt(children.Count - 1);
                }
            }

            Build(order - 1, known - 1);
        }

        return all;
    }

    /// <summary>
    /// Elementary weight Φ(t) per stage: 1 for the single vertex; for <c>t = [t1, …, tm]</c>,
    /// <c>Φ_i = Π_k (Σ_j a_ij Φ_j(t_k))</c>.
    /// </summary>
    /// <param name="a">Stage matrix as ragged rows (row i has i entries for explicit methods, or full rows).</param>
    /// <returns>One value per stage.</returns>
    public double[] ElementaryWeights(IReadOnlyList<IReadOnlyList<double>> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var s = a.Count;
        var phi = new double[s];
        Array.Fill(phi, 1.0);
        foreach (var child in Children)
        {
            var inner = child.ElementaryWeights(a);
            for (var i = 0; i < s; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < a[i].Count; j++)
                {
                    sum += a[i][j] * inner[j];
                }

                phi[i] *= sum;
            }
        }

        return phi;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Children.Count == 0 ? "τ" : "[" + string.Join(",", Children.Select(c => c.ToString())) + "]";
}

/// <summary>Residuals of the Runge–Kutta order conditions for weights and continuous extensions.</summary>
public static class OrderConditions
{
    /// <summary>
    /// Largest residual <c>|Σ b_i Φ_i(t) − 1/γ(t)| · γ(t)</c> over trees of exactly <paramref name="order"/> vertices, and the
    /// tree where it occurs. Each residual is divided by <c>max(1, γ Σ|b_i Φ_i|)</c>, the size of the terms that cancel, so that
    /// rounding of large coefficients counts as ~1e-16 whatever their magnitude.
    /// </summary>
    /// <param name="trees">Trees (from <see cref="RootedTree.UpToOrder"/>).</param>
    /// <param name="a">Stage matrix (ragged rows).</param>
    /// <param name="b">Weights (may be shorter than the number of stages: missing entries are 0).</param>
    /// <param name="order">Tree order to check.</param>
    /// <returns>The largest relative residual and its tree.</returns>
    public static (double Residual, RootedTree? Tree) MaxResidual(IReadOnlyList<RootedTree> trees,
        IReadOnlyList<IReadOnlyList<double>> a, IReadOnlyList<double> b, int order)
    {
        ArgumentNullException.ThrowIfNull(trees);
        ArgumentNullException.ThrowIfNull(b);
        var worst = 0.0;
        RootedTree? where = null;
        foreach (var tree in trees)
        {
            if (tree.Order != order)
            {
                continue;
            }

            var phi = tree.ElementaryWeights(a);
            var sum = 0.0;
            var magnitude = 0.0;
            for (var i = 0; i < b.Count; i++)
            {
                sum += b[i] * phi[i];
                magnitude += Math.Abs(b[i] * phi[i]);
            }

            var residual = Math.Abs((sum * tree.Density) - 1.0) / Math.Max(1.0, magnitude * tree.Density);
            if (where is null || residual > worst)
            {
                worst = residual;
                where = tree;
            }
        }

        return (worst, where);
    }

    /// <summary>
    /// Largest residual of the continuous-extension conditions <c>Σ_i b_i(θ) Φ_i(t) = θ^|t| / γ(t)</c> over trees of exactly
    /// <paramref name="order"/> vertices, with <c>b_i(θ) = Σ_p P_i,p θ^(p+1)</c>: every power of θ must match, so the residual
    /// is the largest |coefficient error| · γ(t), divided by <c>max(1, γ Σ|P_i,p Φ_i|)</c> as in <see cref="MaxResidual"/>.
    /// </summary>
    /// <param name="trees">Trees.</param>
    /// <param name="a">Stage matrix including dense-output stages.</param>
    /// <param name="dense">Per stage, the coefficients of θ, θ², ….</param>
    /// <param name="order">Tree order to check.</param>
    /// <returns>The largest residual.</returns>
    public static double MaxDenseResidual(IReadOnlyList<RootedTree> trees, IReadOnlyList<IReadOnlyList<double>> a,
        IReadOnlyList<IReadOnlyList<double>> dense, int order)
    {
        ArgumentNullException.ThrowIfNull(trees);
        ArgumentNullException.ThrowIfNull(dense);
        var degree = dense[0].Count;
        var worst = 0.0;
        foreach (var tree in trees)
        {
            if (tree.Order != order)
            {
                continue;
            }

            var phi = tree.ElementaryWeights(a);
            for (var p = 1; p <= degree; p++)
            {
                var sum = 0.0;
                var magnitude = 0.0;
                for (var i = 0; i < dense.Count; i++)
                {
                    sum += dense[i][p - 1] * phi[i];
                    magnitude += Math.Abs(dense[i][p - 1] * phi[i]);
                }

                var expected = p == tree.Order ? 1.0 : 0.0;
                worst = Math.Max(worst, Math.Abs((sum * tree.Density) - expected) / Math.Max(1.0, magnitude * tree.Density));
            }
        }

        return worst;
    }
}
