using System.Collections.Immutable;
using System.Globalization;
using OsteoOde.Analysis.Attribution;

namespace OsteoOde.Analysis.Tests;

/// <summary>Exact Shapley attribution on games with known values, and the axioms it must satisfy.</summary>
public class ShapleyTests
{
    /// <summary>A configuration for abstract games: the set of players still on.</summary>
    private static AttributionResult Game(string[] players, Func<ImmutableHashSet<string>, double[]> v, int points = 1, int parallel = 2) =>
        ShapleyAttribution.Run(players.ToImmutableHashSet(),
            [.. players.Select(p => new AttributionPlayer<ImmutableHashSet<string>>(p, s => s.Remove(p)))],
            s => CoalitionOutcome.Success(v(s)), [.. Enumerable.Range(0, points).Select(k => (double)k)],
            new AttributionOptions { MaxDegreeOfParallelism = parallel });

    [Fact]
    public void GloveGameHasTheTextbookValues()
    {
        // One right glove R, two left gloves L1, L2; a pair is worth 1: φ_R = 2/3, φ_L1 = φ_L2 = 1/6.
        var r = Game(["L1", "L2", "R"], s => [s.Contains("R") && (s.Contains("L1") || s.Contains("L2")) ? 1 : 0]);
        Assert.Equal(1.0 / 6, r.Shapley("L1")[0], 15);
        Assert.Equal(1.0 / 6, r.Shapley("L2")[0], 15);
        Assert.Equal(2.0 / 3, r.Shapley("R")[0], 15);
        Assert.Equal(0, r.OneAtATime("L1")[0]);          // the other left glove replaces it
        Assert.Equal(1, r.OneAtATime("R")[0]);
        Assert.Equal(0, r.Alone("R")[0]);
        Assert.Equal(1, r.Total[0]);
    }

    [Fact]
    public void AirportGameSplitsEachRunwaySegmentAmongItsUsers()
    {
        // Cost of the longest runway needed: c = 1, 3, 6. φ1 = 1/3, φ2 = 1/3 + 2/2, φ3 = 4/3 + 3 (Littlechild–Owen).
        var cost = new Dictionary<string, double> { ["a"] = 1, ["b"] = 3, ["c"] = 6 };
        var r = Game(["a", "b", "c"], s => [s.Count == 0 ? 0 : s.Max(p => cost[p])]);
        Assert.Equal(1.0 / 3, r.Shapley("a")[0], 14);
        Assert.Equal(4.0 / 3, r.Shapley("b")[0], 14);
        Assert.Equal(13.0 / 3, r.Shapley("c")[0], 14);
        var direct = ShapleyAttribution.ShapleyValues(3, mask => new[] { 0, 1, 3, 3, 6, 6, 6, 6 }[mask]);
        double[] expected = [1.0 / 3, 4.0 / 3, 13.0 / 3];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], direct[i], 14);
        }
    }

    [Fact]
    public void AdditiveGamesGiveEachPlayerItsOwnContributionAtEveryPoint()
    {
        double[] a = [1.5, -2, 0.25];
        double[] b = [3, 7, -1];
        var r = Game(["a", "b"], s => [.. Enumerable.Range(0, 3).Select(k => 10 + (s.Contains("a") ? a[k] : 0) + (s.Contains("b") ? b[k] : 0))], points: 3);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(a[k], r.Shapley("a")[k], 14);
            Assert.Equal(b[k], r.OneAtATime("b")[k], 14);
            Assert.Equal(a[k], r.Alone("a")[k], 14);
            Assert.Equal(10, r.Empty[k]);
            Assert.Equal(a[k] + b[k], r.Total[k], 14);
        }
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    [InlineData(7, 3)]
    public void ValuesSumToTheTotalSymmetricPlayersShareEquallyAndNullPlayersGetNothing(int n, int seed)
    {
        // A random game on n players where the last player is null (adds nothing) and players 0 and 1 are symmetric.
        var rng = new Random(seed);
        var baseValues = new double[1 << (n - 1)];
        for (var i = 0; i < baseValues.Length; i++)
        {
            baseValues[i] = (rng.NextDouble() * 200) - 100;
        }

        int Canonical(int mask)
        {
            // Symmetry of players 0 and 1: swap their bits into a canonical order; drop the null player's bit.
            mask &= (1 << (n - 1)) - 1;
            var b0 = mask & 1;
            var b1 = (mask >> 1) & 1;
            return b0 == b1 ? mask : (mask & ~3) | 1;
        }

        var players = Enumerable.Range(0, n).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        double V(ImmutableHashSet<string> s)
        {
            var mask = 0;
            for (var i = 0; i < n; i++)
            {
                mask |= s.Contains(players[i]) ? 1 << i : 0;
            }

            return baseValues[Canonical(mask)];
        }

        var r = Game(players, s => [V(s)]);
        Assert.True(r.IsComplete);
        Assert.Equal(r.Total[0], players.Sum(p => r.Shapley(p)[0]), 10);
        Assert.Equal(r.Shapley("p0")[0], r.Shapley("p1")[0], 12);
        Assert.Equal(0, r.Shapley(players[^1])[0], 12);
        Assert.Equal(0, r.OneAtATime(players[^1])[0], 12);
        Assert.Equal(0, r.Alone(players[^1])[0], 12);
        Assert.Equal(1 << n, r.Coalitions.Count);

        // The same numbers from the characteristic-function API.
        var direct = ShapleyAttribution.ShapleyValues(n, mask => baseValues[Canonical(mask)]);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(direct[i], r.Shapley(players[i])[0], 10);
        }
    }

    [Fact]
    public void ParallelAndSequentialRunsAreIdentical()
    {
        var rng = new Random(5);
        var values = Enumerable.Range(0, 64).Select(_ => rng.NextDouble()).ToArray();
        string[] players = ["a", "b", "c", "d", "e", "f"];
        int Mask(ImmutableHashSet<string> s) => players.Select((p, i) => s.Contains(p) ? 1 << i : 0).Sum();
        var seq = Game(players, s => [values[Mask(s)]], parallel: 1);
        var par = Game(players, s => [values[Mask(s)]], parallel: 4);
        Assert.Equal(seq.ToCsv(), par.ToCsv());
    }

    [Fact]
    public void AFailedCoalitionIsRecordedAndDoesNotAbortTheBatch()
    {
        var calls = 0;
        var r = ShapleyAttribution.Run(ImmutableHashSet.Create("a", "b", "c"),
            [.. new[] { "a", "b", "c" }.Select(p => new AttributionPlayer<ImmutableHashSet<string>>(p, s => s.Remove(p)))],
            s =>
            {
                Interlocked.Increment(ref calls);
                if (s.SetEquals(["a"]))
                {
                    throw new InvalidOperationException("solver blew up at t = 12");
                }

                return s.SetEquals(["b"]) ? CoalitionOutcome.Failed("MaxStepsReached at t = 3") : CoalitionOutcome.Success([s.Count]);
            },
            [0.0]);
        Assert.Equal(8, calls);
        Assert.False(r.IsComplete);
        Assert.Equal(2, r.Failures.Count);
        Assert.Contains(r.Failures, f => f.Members.SequenceEqual(["a"]) && f.Message.Contains("blew up", StringComparison.Ordinal));
        Assert.Contains(r.Failures, f => f.Members.SequenceEqual(["b"]) && f.Message.Contains("MaxStepsReached", StringComparison.Ordinal));
        Assert.True(double.IsNaN(r.Shapley("c")[0]), "Shapley needs every coalition");
        Assert.Equal(1, r.OneAtATime("a")[0]);        // v(abc) − v(bc) = 3 − 2, both succeeded
        Assert.True(double.IsNaN(r.Alone("a")[0]));
        Assert.Equal(1, r.Alone("c")[0]);
        Assert.Equal(3, r.Total[0]);
        var csv = new StringWriter();
        r.CoalitionsToCsv(csv);
        Assert.Contains("a,NaN,failed,\"InvalidOperationException: solver blew up at t = 12\"", csv.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BadPlayersAndPointsAreRejectedWithTheirNames()
    {
        var full = ImmutableHashSet.Create("a");
        AttributionPlayer<ImmutableHashSet<string>> P(string n) => new(n, s => s.Remove(n));
        CoalitionOutcome Eval(ImmutableHashSet<string> s) => CoalitionOutcome.Success([0.0]);
        Assert.Equal("players", Assert.Throws<ArgumentException>(() => ShapleyAttribution.Run(full, [], Eval, [0.0])).ParamName);
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => ShapleyAttribution.Run(full, [P("a"), P("a")], Eval, [0.0])).Message, StringComparison.Ordinal);
        Assert.Equal("players", Assert.Throws<ArgumentException>(() => ShapleyAttribution.Run(full, [P(" ")], Eval, [0.0])).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => ShapleyAttribution.Run(full, [P("a")], Eval, [])).ParamName);
        Assert.Contains("at most 20", Assert.Throws<ArgumentException>(() =>
            ShapleyAttribution.Run(full, [.. Enumerable.Range(0, 21).Select(i => P("p" + i.ToString(CultureInfo.InvariantCulture)))], Eval, [0.0])).Message, StringComparison.Ordinal);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() =>
            ShapleyAttribution.Run(full, [P("a")], Eval, [0.0], new AttributionOptions { MaxDegreeOfParallelism = 0 })).ParamName);
        var r = ShapleyAttribution.Run(full, [P("a")], _ => CoalitionOutcome.Success([1.0, 2.0]), [0.0]);
        Assert.Contains("2 values for 1 points", r.Failures[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvTablesRoundTripTheNumbers()
    {
        var r = Game(["x", "y"], s => [s.Count * 0.1, s.Contains("x") ? 1.0 / 3 : 0], points: 2);
        var lines = r.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("point,player,shapley_value,shapley_share,one_at_a_time_value,one_at_a_time_share,alone_value", lines[0]);
        Assert.Equal(1 + (2 * 3), lines.Length);
        var x1 = lines[4].Split(',');
        Assert.Equal(["1", "x"], x1[..2]);
        Assert.Equal(r.Shapley("x")[1], double.Parse(x1[2], CultureInfo.InvariantCulture));
        Assert.StartsWith("1,total,", lines[6], StringComparison.Ordinal);
        var coalitions = new StringWriter();
        r.CoalitionsToCsv(coalitions);
        Assert.Equal(["players_on,value_point_0,value_point_1,status,message", "none,0,0,ok,", "x,0.1,0.3333333333333333,ok,", "y,0.1,0,ok,",
            "x+y,0.2,0.3333333333333333,ok,"], coalitions.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
