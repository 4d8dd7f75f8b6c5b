namespace OsteoOde.Testing;

/// <summary>
/// A rooted tree (Butcher tree) as the sorted list of its root's subtrees. Used to generate order conditions instead of
/// hand-picking them: there are 1, 1, 2, 4, 9, 20 trees of order 1…6.
/// </summary>
public sealed class RootedTree : IComparable<RootedTree>
{
    private readonly string _key;

    private RootedTree(IReadOnlyList<RootedTree> children)
    {
        Children = children;
        Order = 1 + children.Sum(c => c.Order);
        Density = children.Aggregate((double)Order, (d, c) => d * c.Density);
        _key = "[" + string.Concat(children.Select(c => c._key)) + "]";
    }

    /// <summary>Subtrees of the root, sorted.</summary>
    public IReadOnlyList<RootedTree> Children { get; }

    /// <summary>Number of vertices.</summary>
    public int Order { get; }

    /// <summary>Density γ(t): the order condition is Σ b_i Φ_i(t) = 1/γ(t).</summary>
    public double Density { get; }

    /// <inheritdoc/>
    public override string ToString() => _key;

    /// <inheritdoc/>
    public int CompareTo(RootedTree? other) => string.CompareOrdinal(_key, other?._key);

    /// <summary>All trees of exactly <paramref name="order"/> vertices, each once.</summary>
    /// <param name="order">Order (≥ 1).</param>
    /// <returns>The trees.</returns>
    public static IReadOnlyList<RootedTree> OfOrder(int order)
    {
        if (order == 1)
        {
            return [new RootedTree([])];
        }

        var result = new SortedDictionary<string, RootedTree>(StringComparer.Ordinal);
        foreach (var children in Forests(order - 1, null))
        {
            var sorted = children.OrderBy(c => c._key, StringComparer.Ordinal).ToList();
            var tree = new RootedTree(sorted);
            result.TryAdd(tree._key, tree);
        }

        return [.. result.Values];
    }

    /// <summary>All trees of order 1 … <paramref name="maxOrder"/>.</summary>
    /// <param name="maxOrder">Largest order.</param>
    /// <returns>The trees, by increasing order.</returns>
    public static IReadOnlyList<RootedTree> UpTo(int maxOrder) =>
        [.. Enumerable.Range(1, maxOrder).SelectMany(OfOrder)];

    // Multisets of trees with total order 'remaining', generated in non-increasing key order to limit duplicates.
    private static IEnumerable<List<RootedTree>> Forests(int remaining, string? maxKey)
    {
        if (remaining == 0)
        {
            yield return [];
            yield break;
        }

        for (var k = remaining; k >= 1; k--)
        {
            foreach (var t in OfOrder(k))
            {
                var key = k.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + t._key;
                if (maxKey is not null && string.CompareOrdinal(key, maxKey) > 0)
                {
                    continue;
                }

                foreach (var rest in Forests(remaining - k, key))
                {
                    rest.Insert(0, t);
                    yield return rest;
                }
            }
        }
    }
}
