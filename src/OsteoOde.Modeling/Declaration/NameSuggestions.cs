namespace OsteoOde.Modeling;

/// <summary>Nearest valid names by edit distance, for "did you mean" messages.</summary>
public static class NameSuggestions
{
    /// <summary>
    /// Up to <paramref name="count"/> candidates closest to <paramref name="name"/> by case-insensitive Levenshtein distance,
    /// keeping only those within max(1, length/3) edits; when some candidate differs only in case, only such candidates.
    /// </summary>
    /// <param name="name">The unknown name.</param>
    /// <param name="candidates">Valid names.</param>
    /// <param name="count">Maximum number of suggestions.</param>
    /// <returns>The suggestions, nearest first.</returns>
    public static IReadOnlyList<string> Nearest(string name, IEnumerable<string> candidates, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        var scored = candidates
            .Distinct(StringComparer.Ordinal)
            .Select(c => (Name: c, Distance: Distance(name, c)))
            .ToList();
        double maxDistance = scored.Any(c => c.Distance < 1) ? 0.5 : Math.Max(1, name.Length / 3);
        return scored
            .Where(c => c.Distance <= maxDistance)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(c => c.Name)
            .ToList();
    }

    /// <summary>Formats a hint: " Did you mean: A, B?" or " Valid names: …" when nothing is close.</summary>
    /// <param name="name">The unknown name.</param>
    /// <param name="candidates">Valid names.</param>
    /// <returns>The hint, starting with a space, or empty when there are no candidates.</returns>
    public static string Hint(string name, IReadOnlyCollection<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var nearest = Nearest(name, candidates);
        if (nearest.Count > 0)
        {
            return $" Did you mean: {string.Join(", ", nearest)}?";
        }

        if (candidates.Count == 0)
        {
            return "";
        }

        var listed = candidates.Order(StringComparer.Ordinal).Take(12).ToList();
        return $" Valid names: {string.Join(", ", listed)}{(candidates.Count > listed.Count ? ", …" : "")}.";
    }

    /// <summary>Edit distance on lower-cased text; a pure case difference counts as 0.5 (rounded into the ordering).</summary>
    private static double Distance(string a, string b)
    {
        var la = a.ToLowerInvariant();
        var lb = b.ToLowerInvariant();
        if (la == lb)
        {
            return a == b ? 0 : 0.5;
        }

        var previous = new int[lb.Length + 1];
        var current = new int[lb.Length + 1];
        for (var j = 0; j <= lb.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= la.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= lb.Length; j++)
            {
                var cost = la[i - 1] == lb[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[lb.Length];
    }
}
