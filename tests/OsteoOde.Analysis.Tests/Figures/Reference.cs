using System.Globalization;
using OsteoOde.Analysis.Figures;

namespace OsteoOde.Analysis.Tests.Figures;

/// <summary>
/// Independent reference values (tests/OsteoOde.Testing/Data/figures/published_reference.csv, written by
/// reference_published.py: hand-written equations from model-reference.md integrated with scipy's Radau at rtol 1e-11).
/// </summary>
internal static class Reference
{
    private static readonly Lazy<List<(string Figure, string Case, string Quantity, double? T, double Value)>> Rows = new(Load);

    public static double Value(string figure, string @case, string quantity, double? t = null)
    {
        var match = Rows.Value.Where(r => r.Figure == figure && r.Case == @case && r.Quantity == quantity && r.T == t).ToList();
        Assert.True(match.Count == 1, $"reference {figure}/{@case}/{quantity}/{t} found {match.Count} times");
        return match[0].Value;
    }

    public static (double T, double Value) Point(string figure, string @case, string quantity)
    {
        var match = Rows.Value.Single(r => r.Figure == figure && r.Case == @case && r.Quantity == quantity);
        return (match.T!.Value, match.Value);
    }

    public static IEnumerable<(string Case, string Quantity, double T, double Value)> Series(string figure) =>
        Rows.Value.Where(r => r.Figure == figure && r.T is not null).Select(r => (r.Case, r.Quantity, r.T!.Value, r.Value));

    private static List<(string, string, string, double?, double)> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "figures", "published_reference.csv");
        return File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var c = l.Split(',');
            double? t = c[3].Length == 0 ? null : double.Parse(c[3], CultureInfo.InvariantCulture);
            return (c[0], c[1], c[2], t, double.Parse(c[4], CultureInfo.InvariantCulture));
        }).ToList();
    }
}

/// <summary>Each catalog figure computed once per test run (default settings).</summary>
internal static class Computed
{
    private static readonly Dictionary<string, Lazy<FigureData>> Cache =
        FigureCatalog.All.ToDictionary(f => f.Name, f => new Lazy<FigureData>(() => f.Compute()), StringComparer.Ordinal);

    public static FigureData Get(string name) => Cache[name].Value;

    /// <summary>The value of <paramref name="column"/> in the row of <paramref name="label"/> at exactly time <paramref name="t"/>.</summary>
    public static double At(DataTable table, string labelColumn, string label, double t, string column)
    {
        var rows = table.Where(labelColumn, label);
        var times = rows.Numbers("t");
        var i = Enumerable.Range(0, times.Count).Single(k => times[k] == t);
        return rows.Numbers(column)[i];
    }

    public static double At(DataTable table, double t, string column)
    {
        var times = table.Numbers("t");
        var i = Enumerable.Range(0, times.Count).Single(k => times[k] == t);
        return table.Numbers(column)[i];
    }
}

internal static class Close
{
    /// <summary>|actual − expected| ≤ rel·|expected|.</summary>
    public static void Relative(double expected, double actual, double rel, string what) =>
        Assert.True(Math.Abs(actual - expected) <= rel * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{what}: {actual:R} differs from {expected:R} by {Math.Abs(actual - expected) / Math.Abs(expected):E2} (relative), more than {rel:E1}"));

    /// <summary>|actual − expected| ≤ abs.</summary>
    public static void Absolute(double expected, double actual, double abs, string what) =>
        Assert.True(Math.Abs(actual - expected) <= abs,
            string.Create(CultureInfo.InvariantCulture, $"{what}: {actual:R} differs from {expected:R} by {Math.Abs(actual - expected):E2}, more than {abs:E1}"));

    /// <summary>A printed value with <paramref name="digits"/> significant digits matches to half a unit in its last digit.</summary>
    public static void Printed(double printed, double actual, int digits, string what)
    {
        var unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(printed))) - digits + 1);
        Absolute(printed, actual, 0.5 * unit, what + $" (printed to {digits} digits)");
    }
}

internal static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<double> list, double value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Equals(value))
            {
                return i;
            }
        }

        return -1;
    }
}
