using System.Globalization;

namespace OsteoOde.Modeling.Tests;

internal static class Check
{
    /// <summary>Asserts |actual − expected| ≤ rel·max(|expected|, |actual|) + abs.</summary>
    public static void Close(double expected, double actual, double rel, double abs = 0, string? what = null)
    {
        var tol = rel * Math.Max(Math.Abs(expected), Math.Abs(actual)) + abs;
        if (!(Math.Abs(actual - expected) <= tol) && !(double.IsNaN(expected) && double.IsNaN(actual)))
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{what}: expected {expected:R}, got {actual:R} (|diff| = {Math.Abs(actual - expected):R} > tol {tol:R})"));
        }
    }
}
