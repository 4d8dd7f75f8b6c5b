using OsteoOde.Analysis.Attribution;
using OsteoOde.Models.Aging;
using OsteoOde.Testing;

namespace OsteoOde.Analysis.Tests;

/// <summary>
/// The lifetime model's mechanism attribution against the independent scipy prototype (attribution_{sex}.csv and
/// attribution_subsets_{sex}.csv in tests/OsteoOde.Testing/Data/aging). Tolerance: 1e-5 percentage points of peak BMD (the
/// trajectories agree to about 1e-9 relative, so losses of order 10 % agree to about 1e-7 points; 1e-5 leaves room for the
/// different step sequences of the two solvers).
/// </summary>
public class AgingAttributionTests
{
    private const double Tolerance = 1e-5;

    private static readonly Dictionary<Sex, Lazy<AttributionResult>> Results = new()
    {
        [Sex.Female] = new(() => AgingAttribution.Run(Sex.Female)),
        [Sex.Male] = new(() => AgingAttribution.Run(Sex.Male)),
    };

    private static string[][] Load(string file)
    {
        var path = Path.Combine(TestData.RepositoryRoot, "tests", "OsteoOde.Testing", "Data", "aging", file);
        return [.. File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];
    }

    private static double D(string s) => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(Sex.Female)]
    [InlineData(Sex.Male)]
    public void ShapleyOneAtATimeAndAloneEqualThePrototype(Sex sex)
    {
        var r = Results[sex].Value;
        Assert.True(r.IsComplete, string.Join("; ", r.Failures.Select(f => f.Message)));
        var rows = Load($"attribution_{(sex == Sex.Female ? "female" : "male")}.csv");
        Assert.Equal(sex == Sex.Female ? 18 : 15, rows.Length);
        foreach (var row in rows)
        {
            var k = r.Points.ToList().IndexOf(D(row[0]));
            Assert.True(k >= 0, row[0]);
            if (row[1] == "total")
            {
                Assert.Equal(D(row[2]), r.Total[k], Tolerance);
                Assert.Equal(D(row[4]), r.Players.Sum(p => r.OneAtATime(p)[k]), Tolerance);
                continue;
            }

            Assert.Equal(D(row[2]), r.Shapley(row[1])[k], Tolerance);
            Assert.Equal(D(row[3]), r.Shapley(row[1])[k] / r.Total[k], 1e-6);
            Assert.Equal(D(row[4]), r.OneAtATime(row[1])[k], Tolerance);
            Assert.Equal(D(row[6]), r.Alone(row[1])[k], Tolerance);
        }
    }

    [Theory]
    [InlineData(Sex.Female)]
    [InlineData(Sex.Male)]
    public void EveryCoalitionValueEqualsThePrototype(Sex sex)
    {
        var r = Results[sex].Value;
        var rows = Load($"attribution_subsets_{(sex == Sex.Female ? "female" : "male")}.csv");
        Assert.Equal(r.Coalitions.Count, rows.Length);
        foreach (var row in rows)
        {
            var members = row[0] == "none" ? [] : row[0].Split('+');
            var c = r.Coalition(members);
            for (var k = 0; k < 3; k++)
            {
                Assert.True(Math.Abs(D(row[k + 1]) - c.Values[k]) <= Tolerance, $"{row[0]} at {r.Points[k]}: {c.Values[k]:R} vs {row[k + 1]}");
            }
        }
    }

    [Theory]
    [InlineData(Sex.Female)]
    [InlineData(Sex.Male)]
    public void ShapleyValuesSumToTheTotalLossAndNothingIsLostWithoutMechanisms(Sex sex)
    {
        var r = Results[sex].Value;
        for (var k = 0; k < r.Points.Count; k++)
        {
            Assert.Equal(r.Total[k], r.Players.Sum(p => r.Shapley(p)[k]), 10);
            Assert.True(Math.Abs(r.Empty[k]) <= 1e-9, $"loss with every mechanism off: {r.Empty[k]:R} %");
            Assert.True(r.Players.All(p => r.Shapley(p)[k] > 0), "every mechanism costs bone");
        }

        Assert.Equal(sex == Sex.Female ? ["estrogen", "soluble_sasp", "rankl_ev", "mirna_ob", "matrix_fat"] : ["soluble_sasp", "rankl_ev", "mirna_ob", "matrix_fat"], r.Players);
        Assert.Equal([60.0, 70, 80], r.Points);
        Assert.StartsWith("age,player,shapley_loss_pct_of_peak,", r.ToCsv(), StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurableAgesAndBadAgesAreRejected()
    {
        var r = AgingAttribution.Run(Sex.Male, [55, 65]);
        Assert.Equal([55.0, 65], r.Points);
        Assert.True(r.Total[1] > r.Total[0]);
        Assert.Equal("ages", Assert.Throws<ArgumentException>(() => AgingAttribution.Run(Sex.Male, [20])).ParamName);
        Assert.Equal("baseline", Assert.Throws<ArgumentException>(() => AgingAttribution.Run(Sex.Male, baseline: AgingConfiguration.Default(Sex.Female))).ParamName);
    }
}
