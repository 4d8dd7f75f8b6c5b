using OsteoOde.Modeling;
using OsteoOde.Numerics;
using OsteoOde.Models.Aging;

namespace OsteoOde.Analysis.Attribution;

/// <summary>
/// Mechanism attribution of the lifetime model's femoral-neck bone loss (prototype SPEC §8). The quantity is the loss from the
/// peak at age 25, in percent of the peak, v(T, a) = 100·(1 − BMD_T(a)/BMD_T(25)) with only the mechanisms in T switched on;
/// the players are <see cref="AgingMechanisms.For"/> (estrogen for women, soluble SASP, RANKL⁺ vesicles, osteo-inhibitory
/// microRNAs, aged-matrix vesicles / fat shift), each with its switch-off taken from the model's mechanism table.
/// </summary>
public static class AgingAttribution
{
    /// <summary>Default ages of the attribution (years).</summary>
    public static IReadOnlyList<double> DefaultAges { get; } = [60, 70, 80];

    /// <summary>The players of a sex: one per mechanism, switching it off as the mechanism table says.</summary>
    /// <param name="sex">Sex.</param>
    /// <returns>The players in table order.</returns>
    public static IReadOnlyList<AttributionPlayer<AgingConfiguration>> Players(Sex sex) =>
        [.. AgingMechanisms.For(sex).Select(m => new AttributionPlayer<AgingConfiguration>(m.Name, c => c.Without(m)))];

    /// <summary>Runs the attribution for one sex (2^n life-course runs to the oldest age, in parallel).</summary>
    /// <param name="sex">Sex.</param>
    /// <param name="ages">Ages (years, &gt; 25; <see langword="null"/>: 60, 70, 80).</param>
    /// <param name="baseline">Configuration with every mechanism on (<see langword="null"/>: the default model of the sex).</param>
    /// <param name="options">Settings (<see langword="null"/>: parallel over the processors; labels <c>age</c>, <c>loss_pct_of_peak</c>).</param>
    /// <param name="solver">Solver settings of every run (<see langword="null"/>: <see cref="AgingModel.SolverOptions"/>).</param>
    /// <returns>The attribution (values in percentage points of peak BMD).</returns>
    public static AttributionResult Run(Sex sex, IReadOnlyList<double>? ages = null, AgingConfiguration? baseline = null, AttributionOptions? options = null,
        OdeOptions? solver = null)
    {
        ages ??= DefaultAges;
        if (ages.Count == 0 || ages.Any(a => !(a > AgingModel.StartAge) || !double.IsFinite(a)))
        {
            throw new ArgumentException($"Attribution ages must be finite and above {AgingModel.StartAge} (got {string.Join(", ", ages)}).", nameof(ages));
        }

        baseline ??= AgingConfiguration.Default(sex);
        if (baseline.Options.Sex != sex)
        {
            throw new ArgumentException($"The baseline configuration is for {baseline.Options.Sex}, not {sex}.", nameof(baseline));
        }

        options ??= new AttributionOptions { PointLabel = "age", ValueLabel = "loss_pct_of_peak" };
        var sorted = ages.Distinct().Order().ToArray();
        IReadOnlyList<double> times = [0, .. sorted.Select(AgingModel.TimeAt)];
        return ShapleyAttribution.Run(baseline, Players(sex), c => Evaluate(c, times, sorted, ages, solver), ages, options);
    }

    /// <summary>Loss from the peak (percent of the BMD at 25) at each requested age, or the simulation's failure.</summary>
    private static CoalitionOutcome Evaluate(AgingConfiguration configuration, IReadOnlyList<double> times, double[] sorted, IReadOnlyList<double> ages, OdeOptions? solver)
    {
        var request = configuration.CreateRequest(times, sorted[^1]);
        var result = Simulation.Run(solver is null ? request : request with { Solver = solver });
        if (!result.IsSuccess)
        {
            return CoalitionOutcome.Failed($"{configuration}: {result.Status}: {result.Message}", result.Status);
        }

        var bmd = result["bmd_fn"];
        var peak = bmd[0];
        return CoalitionOutcome.Success([.. ages.Select(a => 100 * (1 - (bmd[1 + Array.IndexOf(sorted, a)] / peak)))]);
    }
}
