using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics;

namespace OsteoOde.Analysis.Attribution;

/// <summary>One evaluated coalition: which players were on, the values at the points (NaN when failed) and the status.</summary>
/// <param name="Members">Players switched on, in player order.</param>
/// <param name="Values">Values at the points (NaN entries when the evaluation failed).</param>
/// <param name="Succeeded">Whether the evaluation succeeded.</param>
/// <param name="Message">Failure message, or empty.</param>
public sealed record CoalitionValue(IReadOnlyList<string> Members, IReadOnlyList<double> Values, bool Succeeded, string Message)
{
    /// <summary>The simulation's status when the evaluation failed because a simulation did (<see langword="null"/> otherwise).</summary>
    public OsteoOde.Modeling.SimulationStatus? Status { get; init; }
}

/// <summary>One row of the attribution table: a player at a point.</summary>
/// <param name="Point">The point (for example the age).</param>
/// <param name="Player">Player name.</param>
/// <param name="Shapley">Shapley value.</param>
/// <param name="ShapleyShare">Shapley value / total.</param>
/// <param name="OneAtATime">v(N) − v(N∖{i}).</param>
/// <param name="OneAtATimeShare">One-at-a-time / total.</param>
/// <param name="Alone">v({i}) − v(∅).</param>
public sealed record AttributionRow(double Point, string Player, double Shapley, double ShapleyShare, double OneAtATime, double OneAtATimeShare, double Alone);

/// <summary>
/// Immutable outcome of <see cref="ShapleyAttribution.Run"/>: players, points, every coalition's value and status, and per point
/// the total v(N) − v(∅), Shapley values, one-at-a-time and alone values. Values that need a failed coalition are NaN.
/// </summary>
public sealed class AttributionResult
{
    private readonly double[][] _shapley;
    private readonly double[][] _oneAtATime;
    private readonly double[][] _alone;

    private AttributionResult(IReadOnlyList<string> players, IReadOnlyList<double> points, IReadOnlyList<CoalitionValue> coalitions, double[] total,
        double[] none, double[][] shapley, double[][] oneAtATime, double[][] alone, AttributionOptions options)
    {
        Players = players;
        Points = points;
        Coalitions = coalitions;
        Total = Array.AsReadOnly(total);
        Empty = Array.AsReadOnly(none);
        _shapley = shapley;
        _oneAtATime = oneAtATime;
        _alone = alone;
        PointLabel = options.PointLabel;
        ValueLabel = options.ValueLabel;
    }

    /// <summary>Player names in column order.</summary>
    public IReadOnlyList<string> Players { get; }

    /// <summary>The points (for example ages).</summary>
    public IReadOnlyList<double> Points { get; }

    /// <summary>Every coalition, indexed by bit mask (bit i = player i on): 2^n entries.</summary>
    public IReadOnlyList<CoalitionValue> Coalitions { get; }

    /// <summary>v(N) − v(∅) at each point: what the players together account for (the sum of the Shapley values).</summary>
    public IReadOnlyList<double> Total { get; }

    /// <summary>v(∅) at each point (the value with every player off).</summary>
    public IReadOnlyList<double> Empty { get; }

    /// <summary>Whether every coalition was evaluated successfully.</summary>
    public bool IsComplete => Coalitions.All(c => c.Succeeded);

    /// <summary>The failed coalitions.</summary>
    public IReadOnlyList<CoalitionValue> Failures => [.. Coalitions.Where(c => !c.Succeeded)];

    /// <summary>Label of the points in tables.</summary>
    public string PointLabel { get; }

    /// <summary>Label of the attributed quantity in tables.</summary>
    public string ValueLabel { get; }

    /// <summary>Shapley value of a player at every point.</summary>
    /// <param name="player">Player name.</param>
    /// <returns>Values by point.</returns>
    public IReadOnlyList<double> Shapley(string player) => Array.AsReadOnly(_shapley[Index(player)]);

    /// <summary>One-at-a-time value of a player at every point: v(N) − v(N∖{i}).</summary>
    /// <param name="player">Player name.</param>
    /// <returns>Values by point.</returns>
    public IReadOnlyList<double> OneAtATime(string player) => Array.AsReadOnly(_oneAtATime[Index(player)]);

    /// <summary>Value of a player alone at every point: v({i}) − v(∅).</summary>
    /// <param name="player">Player name.</param>
    /// <returns>Values by point.</returns>
    public IReadOnlyList<double> Alone(string player) => Array.AsReadOnly(_alone[Index(player)]);

    /// <summary>The coalition with exactly these players on.</summary>
    /// <param name="members">Players on.</param>
    /// <returns>The coalition.</returns>
    public CoalitionValue Coalition(params string[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var mask = 0;
        foreach (var m in members)
        {
            mask |= 1 << Index(m);
        }

        return Coalitions[mask];
    }

    /// <summary>The table rows: for each point, one row per player (table order).</summary>
    public IReadOnlyList<AttributionRow> Rows
    {
        get
        {
            var rows = new List<AttributionRow>();
            for (var k = 0; k < Points.Count; k++)
            {
                for (var i = 0; i < Players.Count; i++)
                {
                    rows.Add(new AttributionRow(Points[k], Players[i], _shapley[i][k], _shapley[i][k] / Total[k], _oneAtATime[i][k],
                        _oneAtATime[i][k] / Total[k], _alone[i][k]));
                }
            }

            return rows;
        }
    }

    /// <summary>
    /// Writes the attribution table as CSV: <c>{point},player,shapley,shapley_share,one_at_a_time,one_at_a_time_share,alone</c>, one row per
    /// point and player, then per point a row <c>total</c> (total; 1; the sum of the one-at-a-time values and its share; empty).
    /// Invariant culture, round-trip numbers, NaN as <c>NaN</c>.
    /// </summary>
    /// <param name="writer">Destination.</param>
    public void ToCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write($"{PointLabel},player,shapley_{ValueLabel},shapley_share,one_at_a_time_{ValueLabel},one_at_a_time_share,alone_{ValueLabel}\n");
        for (var k = 0; k < Points.Count; k++)
        {
            for (var i = 0; i < Players.Count; i++)
            {
                Line(writer, Points[k], Players[i], _shapley[i][k], _shapley[i][k] / Total[k], _oneAtATime[i][k], _oneAtATime[i][k] / Total[k], N(_alone[i][k]));
            }

            var sum = _oneAtATime.Sum(v => v[k]);
            Line(writer, Points[k], "total", Total[k], 1, sum, sum / Total[k], "");
        }
    }

    /// <summary>The attribution table as CSV text (see <see cref="ToCsv(TextWriter)"/>).</summary>
    /// <returns>The text.</returns>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        ToCsv(writer);
        return writer.ToString();
    }

    /// <summary>
    /// Writes every coalition as CSV: <c>players_on</c> (names joined by <c>+</c>, <c>none</c> for the empty set), one column per
    /// point, <c>status</c> (<c>ok</c> or <c>failed</c>) and <c>message</c>; coalitions ordered by size, then by player order.
    /// </summary>
    /// <param name="writer">Destination.</param>
    public void CoalitionsToCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("players_on");
        foreach (var p in Points)
        {
            writer.Write($",{ValueLabel}_{PointLabel}_{N(p)}");
        }

        writer.Write(",status,message\n");
        foreach (var c in Coalitions.OrderBy(c => c.Members.Count).ThenBy(c => string.Join(",", c.Members.Select(m => Index(m).ToString("D2", CultureInfo.InvariantCulture))), StringComparer.Ordinal))
        {
            writer.Write(c.Members.Count == 0 ? "none" : string.Join("+", c.Members));
            foreach (var v in c.Values)
            {
                writer.Write(',');
                writer.Write(N(v));
            }

            writer.Write(c.Succeeded ? ",ok," : $",failed,\"{c.Message.Replace("\"", "'", StringComparison.Ordinal).Replace('\n', ' ')}\"");
            writer.Write('\n');
        }
    }

    internal static AttributionResult Create(IReadOnlyList<string> players, IReadOnlyList<double> points, CoalitionOutcome[] outcomes, AttributionOptions options)
    {
        var n = players.Count;
        var m = points.Count;
        var full = outcomes.Length - 1;
        double[] ValuesOf(int mask) => outcomes[mask].Succeeded ? [.. outcomes[mask].Values!] : Enumerable.Repeat(double.NaN, m).ToArray();

        var coalitions = new CoalitionValue[outcomes.Length];
        for (var mask = 0; mask < outcomes.Length; mask++)
        {
            var members = Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).Select(i => players[i]).ToArray();
            coalitions[mask] = new CoalitionValue(Array.AsReadOnly(members), Array.AsReadOnly(ValuesOf(mask)), outcomes[mask].Succeeded, outcomes[mask].Failure ?? "") { Status = outcomes[mask].Status };
        }

        var none = ValuesOf(0);
        var all = ValuesOf(full);
        var total = new double[m];
        for (var k = 0; k < m; k++)
        {
            total[k] = all[k] - none[k];
        }

        var weights = ShapleyAttribution.Weights(n);
        var shapley = new double[n][];
        var oneAtATime = new double[n][];
        var alone = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var bit = 1 << i;
            shapley[i] = new double[m];
            for (var mask = 0; mask < outcomes.Length; mask++)
            {
                if ((mask & bit) != 0)
                {
                    continue;
                }

                var with = coalitions[mask | bit].Values;
                var without = coalitions[mask].Values;
                var w = weights[BitOperations.PopCount((uint)mask)];
                for (var k = 0; k < m; k++)
                {
                    shapley[i][k] += w * (with[k] - without[k]);
                }
            }

            var rest = coalitions[full & ~bit].Values;
            var solo = coalitions[bit].Values;
            oneAtATime[i] = [.. Enumerable.Range(0, m).Select(k => all[k] - rest[k])];
            alone[i] = [.. Enumerable.Range(0, m).Select(k => solo[k] - none[k])];
        }

        return new AttributionResult(new ReadOnlyCollection<string>([.. players]), new ReadOnlyCollection<double>([.. points]), Array.AsReadOnly(coalitions),
            total, none, shapley, oneAtATime, alone, options);
    }

    private int Index(string player)
    {
        for (var i = 0; i < Players.Count; i++)
        {
            if (Players[i] == player)
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown player '{player}' (players: {string.Join(", ", Players)}).", nameof(player));
    }

    private static void Line(TextWriter w, double point, string player, double a, double b, double c, double d, string e) =>
        w.Write($"{N(point)},{player},{N(a)},{N(b)},{N(c)},{N(d)},{e}\n");

    private static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
