using System.Globalization;

namespace OsteoOde.Analysis.Attribution;

/// <summary>A player of an attribution: a name and how to switch it off in a configuration (for example a module or a gain).</summary>
/// <typeparam name="TConfig">Configuration type (immutable: <see cref="SwitchOff"/> returns a new configuration).</typeparam>
/// <param name="Name">Player name (unique within an attribution; a column of the result table).</param>
/// <param name="SwitchOff">Returns the configuration with this player switched off.</param>
public sealed record AttributionPlayer<TConfig>(string Name, Func<TConfig, TConfig> SwitchOff);

/// <summary>What one evaluation of a coalition produced: the value at every point, or the reason it failed.</summary>
/// <param name="Values">Values at the points (<see langword="null"/> when failed).</param>
/// <param name="Failure">Failure message (<see langword="null"/> on success).</param>
public sealed record CoalitionOutcome(IReadOnlyList<double>? Values, string? Failure)
{
    /// <summary>Whether the evaluation succeeded.</summary>
    public bool Succeeded => Failure is null && Values is not null;

    /// <summary>The simulation's status when the evaluation failed because a simulation did (<see langword="null"/> otherwise).</summary>
    public OsteoOde.Modeling.SimulationStatus? Status { get; init; }

    /// <summary>A successful evaluation.</summary>
    /// <param name="values">Values at the points.</param>
    /// <returns>The outcome.</returns>
    public static CoalitionOutcome Success(IReadOnlyList<double> values) => new(values ?? throw new ArgumentNullException(nameof(values)), null);

    /// <summary>A failed evaluation.</summary>
    /// <param name="message">What failed (status, time, suggestion).</param>
    /// <param name="status">The simulation's status when a simulation failed.</param>
    /// <returns>The outcome.</returns>
    public static CoalitionOutcome Failed(string message, OsteoOde.Modeling.SimulationStatus? status = null) =>
        new(null, string.IsNullOrWhiteSpace(message) ? "evaluation failed" : message) { Status = status };
}

/// <summary>Settings of an attribution run (immutable).</summary>
public sealed record AttributionOptions
{
    /// <summary>Coalitions evaluated in parallel (≥ 1; default: the processor count). Each worker runs one evaluation at a time.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Label of the points in tables (for example <c>age</c>).</summary>
    public string PointLabel { get; init; } = "point";

    /// <summary>Label of the attributed quantity in tables (for example <c>loss_pct_of_peak</c>).</summary>
    public string ValueLabel { get; init; } = "value";
}

/// <summary>
/// Exact Shapley attribution over players that can be switched off, plus the one-at-a-time and "alone" decompositions.
/// <para>
/// The value of a coalition T (players switched on) is v(T) = evaluate(configuration with every player not in T switched
/// off, in player order); it is a vector over points (for example ages). Shapley value of player i:
/// φ_i = Σ_{T ⊆ N∖{i}} |T|!(n − |T| − 1)!/n! · [v(T ∪ {i}) − v(T)], which sums exactly to v(N) − v(∅) (efficiency);
/// one-at-a-time: v(N) − v(N∖{i}) (what disappears when i alone is switched off; does not sum to the total);
/// alone: v({i}) − v(∅). All 2^n coalitions are evaluated once, in parallel, each failure recorded as a status; a value that
/// needs a failed coalition is NaN and the rest of the table is still computed.
/// </para>
/// </summary>
public static class ShapleyAttribution
{
    /// <summary>Largest number of players (2^20 coalitions).</summary>
    public const int MaxPlayers = 20;

    /// <summary>Runs the attribution.</summary>
    /// <typeparam name="TConfig">Configuration type.</typeparam>
    /// <param name="full">Configuration with every player on.</param>
    /// <param name="players">Players (unique names; order = column order and switch-off order).</param>
    /// <param name="evaluate">Evaluates a configuration: the values at <paramref name="points"/> (same length), or a failure. An exception counts as a failure of that coalition.</param>
    /// <param name="points">Points at which values are attributed (for example ages).</param>
    /// <param name="options">Settings (<see langword="null"/>: defaults).</param>
    /// <returns>The immutable result.</returns>
    /// <exception cref="ArgumentException">No players, too many, empty or duplicate names, no points.</exception>
    public static AttributionResult Run<TConfig>(TConfig full, IReadOnlyList<AttributionPlayer<TConfig>> players, Func<TConfig, CoalitionOutcome> evaluate,
        IReadOnlyList<double> points, AttributionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(players);
        ArgumentNullException.ThrowIfNull(evaluate);
        ArgumentNullException.ThrowIfNull(points);
        options ??= new AttributionOptions();
        Validate(players.Select(p => p?.Name!).ToList(), points.Count, options);
        if (players.Any(p => p.SwitchOff is null))
        {
            throw new ArgumentException("Every player needs a SwitchOff function.", nameof(players));
        }

        var n = players.Count;
        var count = 1 << n;
        var outcomes = new CoalitionOutcome[count];
        void Evaluate(int mask)
        {
            try
            {
                var config = full;
                for (var i = 0; i < n; i++)
                {
                    if ((mask & (1 << i)) == 0)
                    {
                        config = players[i].SwitchOff(config);
                    }
                }

                var outcome = evaluate(config) ?? CoalitionOutcome.Failed("the evaluation returned nothing");
                outcomes[mask] = outcome.Succeeded && outcome.Values!.Count != points.Count
                    ? CoalitionOutcome.Failed(string.Create(CultureInfo.InvariantCulture, $"the evaluation returned {outcome.Values.Count} values for {points.Count} points"))
                    : outcome;
            }
#pragma warning disable CA1031 // One failed evaluation must not abort the batch: any exception becomes that coalition's status.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                outcomes[mask] = CoalitionOutcome.Failed($"{ex.GetType().Name}: {ex.Message}");
            }
        }

        if (options.MaxDegreeOfParallelism == 1)
        {
            for (var mask = 0; mask < count; mask++)
            {
                Evaluate(mask);
            }
        }
        else
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, Evaluate);
        }

        return AttributionResult.Create([.. players.Select(p => p.Name)], [.. points], outcomes, options);
    }

    /// <summary>Exact Shapley values of a game given by its characteristic function over coalition bit masks (bit i = player i on).</summary>
    /// <param name="players">Number of players (1…<see cref="MaxPlayers"/>).</param>
    /// <param name="value">v(mask).</param>
    /// <returns>φ_i for every player; Σφ = v(all) − v(none) up to rounding.</returns>
    public static double[] ShapleyValues(int players, Func<int, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(players, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(players, MaxPlayers);
        var v = new double[1 << players];
        for (var mask = 0; mask < v.Length; mask++)
        {
            v[mask] = value(mask);
        }

        var phi = new double[players];
        var weights = Weights(players);
        for (var i = 0; i < players; i++)
        {
            var bit = 1 << i;
            var sum = 0.0;
            for (var mask = 0; mask < v.Length; mask++)
            {
                if ((mask & bit) == 0)
                {
                    sum += weights[System.Numerics.BitOperations.PopCount((uint)mask)] * (v[mask | bit] - v[mask]);
                }
            }

            phi[i] = sum;
        }

        return phi;
    }

    /// <summary>Shapley weights |T|!(n − |T| − 1)!/n! for |T| = 0…n − 1 (computed as a ratio of products, exact for n ≤ 20).</summary>
    /// <param name="players">n.</param>
    /// <returns>The weights by coalition size.</returns>
    internal static double[] Weights(int players)
    {
        var w = new double[players];
        for (var size = 0; size < players; size++)
        {
            // 1 / (n · C(n − 1, size))
            var binomial = 1.0;
            for (var k = 1; k <= size; k++)
            {
                binomial = binomial * (players - 1 - size + k) / k;
            }

            w[size] = 1.0 / (players * binomial);
        }

        return w;
    }

    private static void Validate(IReadOnlyList<string> names, int points, AttributionOptions options)
    {
        if (names.Count == 0)
        {
            throw new ArgumentException("An attribution needs at least one player.", "players");
        }

        if (names.Count > MaxPlayers)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"An exact Shapley attribution takes at most {MaxPlayers} players (2^{MaxPlayers} runs); got {names.Count}."), "players");
        }

        if (names.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Player names must not be empty.", "players");
        }

        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Player '{duplicate.Key}' is listed more than once.", "players");
        }

        if (points == 0)
        {
            throw new ArgumentException("An attribution needs at least one point.", "points");
        }

        if (options.MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"MaxDegreeOfParallelism must be at least 1 (got {options.MaxDegreeOfParallelism})."), "options");
        }
    }
}
