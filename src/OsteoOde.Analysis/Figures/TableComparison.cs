using System.Globalization;

namespace OsteoOde.Analysis.Figures;

/// <summary>How one numeric column of a re-computed table differs from the reference.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Unit">Unit.</param>
/// <param name="MaxAbsolute">Largest |new − reference| (NaN in both counts as equal; NaN in one as infinitely different).</param>
/// <param name="MaxRelative">Largest |new − reference| / |reference| over rows with a non-zero reference (0 when there is none).</param>
/// <param name="Scale">Largest |reference| in the column (the scale of the tolerance).</param>
/// <param name="Agrees">Whether <see cref="MaxAbsolute"/> ≤ tolerance · <see cref="Scale"/> (and ≤ tolerance when the column is all zero).</param>
public sealed record ColumnDifference(string Name, string Unit, double MaxAbsolute, double MaxRelative, double Scale, bool Agrees);

/// <summary>The outcome of <see cref="TableComparison.Compare"/>.</summary>
/// <param name="Tolerance">Tolerance used (relative to each column's scale).</param>
/// <param name="Columns">Numeric columns, in the reference's order.</param>
/// <param name="Problems">Structural differences (columns, units, row count, labels); any of them means disagreement.</param>
public sealed record TableComparisonResult(double Tolerance, IReadOnlyList<ColumnDifference> Columns, IReadOnlyList<string> Problems)
{
    /// <summary>Whether the tables agree: same structure and labels, every numeric column within tolerance.</summary>
    public bool Agrees => Problems.Count == 0 && Columns.All(c => c.Agrees);
}

/// <summary>
/// Compares a re-computed figure table with a reference (the data file of a manifest). Tolerance is normwise per column:
/// a column agrees when <c>max_i |new_i − ref_i| ≤ tol · max_i |ref_i|</c>, so values near zero inside a column of larger
/// values do not fail on relative noise, while a systematic change of the column does. Text columns must match exactly, row
/// for row, and columns, units and row counts must be the same.
/// </summary>
public static class TableComparison
{
    /// <summary>
    /// Default tolerance, 1e-6: the published figures are solved at rtol 1e-8, so the same code reproduces them bit for bit and
    /// another machine, compiler or solver revision to about 1e-7 of each column's scale; larger differences mean a change in
    /// the model, its parameters or the numerics.
    /// </summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>Compares two tables.</summary>
    /// <param name="reference">Reference table (for example read from a manifest's data file).</param>
    /// <param name="actual">Re-computed table.</param>
    /// <param name="tolerance">Normwise relative tolerance per column, &gt; 0.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is not a positive finite number.</exception>
    public static TableComparisonResult Compare(DataTable reference, DataTable actual, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(actual);
        if (!(tolerance > 0) || !double.IsFinite(tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be a positive finite number.");
        }

        var problems = new List<string>();
        var columns = new List<ColumnDifference>();
        var missing = reference.Names.Where(n => !actual.Contains(n)).ToList();
        var extra = actual.Names.Where(n => !reference.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"columns missing from the new data: {string.Join(", ", missing)}");
        }

        if (extra.Count > 0)
        {
            problems.Add($"columns not in the reference: {string.Join(", ", extra)}");
        }

        if (reference.RowCount != actual.RowCount)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"row count {actual.RowCount} differs from the reference's {reference.RowCount}"));
            return new TableComparisonResult(tolerance, columns, problems);
        }

        foreach (var r in reference.Columns.Where(c => actual.Contains(c.Name)))
        {
            var a = actual[r.Name];
            if (r.IsText != a.IsText)
            {
                problems.Add($"column '{r.Name}' is {(r.IsText ? "text" : "numeric")} in the reference but {(a.IsText ? "text" : "numeric")} in the new data");
                continue;
            }

            if (r.IsText)
            {
                var row = Enumerable.Range(0, r.Count).FirstOrDefault(i => r.RawTexts[i] != a.RawTexts[i], -1);
                if (row >= 0)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"column '{r.Name}' row {row + 1}: '{a.RawTexts[row]}' where the reference has '{r.RawTexts[row]}'"));
                }

                continue;
            }

            if (r.Unit != a.Unit)
            {
                problems.Add($"column '{r.Name}' is in '{a.Unit}' but the reference is in '{r.Unit}'");
            }

            columns.Add(Difference(r, a, tolerance));
        }

        return new TableComparisonResult(tolerance, columns, problems);
    }

    private static ColumnDifference Difference(DataColumn reference, DataColumn actual, double tolerance)
    {
        double maxAbs = 0, maxRel = 0, scale = 0;
        var x = reference.RawNumbers;
        var y = actual.RawNumbers;
        for (var i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
            {
                if (double.IsNaN(x[i]) != double.IsNaN(y[i]))
                {
                    maxAbs = double.PositiveInfinity;
                    maxRel = double.PositiveInfinity;
                }

                continue;
            }

            var d = Math.Abs(y[i] - x[i]);
            scale = Math.Max(scale, Math.Abs(x[i]));
            maxAbs = Math.Max(maxAbs, d);
            if (x[i] != 0)
            {
                maxRel = Math.Max(maxRel, d / Math.Abs(x[i]));
            }
        }

        var agrees = maxAbs <= tolerance * (scale > 0 ? scale : 1);
        return new ColumnDifference(reference.Name, reference.Unit, maxAbs, maxRel, scale, agrees);
    }
}
