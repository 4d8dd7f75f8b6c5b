namespace OsteoOde.Models.Aging;

/// <summary>
/// Closed forms of the Karin et al. 2019 saturating-removal (SR) model of senescent cells,
/// <c>dX/dt = η·a − β·X/(κ + X) + √(2ε)·ξ(t)</c> (X in Karin units, a = age in years, rates per day), and a seeded sampler of
/// its stochastic paths for cohorts (model-reference §5).
/// </summary>
public static class Karin
{
    /// <summary>Days per year of the age clock (a unit conversion, not a parameter).</summary>
    public const double DaysPerYear = 365.25;

    /// <summary>Quasi-steady (noise-free) burden X*(a) = κ·η·a/(β − η·a); defined for a &lt; β/η (111 years with the human values).</summary>
    /// <param name="eta">η (1/(day·year)).</param>
    /// <param name="beta">β (1/day).</param>
    /// <param name="kappa">κ (Karin units).</param>
    /// <param name="age">Age (years).</param>
    /// <returns>X*(a).</returns>
    /// <exception cref="ArgumentException">The age is at or beyond β/η, where removal can no longer balance production.</exception>
    public static double QuasiSteadyBurden(double eta, double beta, double kappa, double age)
    {
        if (!(eta * age < beta))
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"age {age:R} y is at or beyond beta/eta = {beta / eta:R} y, where senescent-cell removal cannot balance production."), nameof(age));
        }

        return kappa * eta * age / (beta - (eta * age));
    }

    /// <summary>Linearised removal rate at the quasi-steady burden, r(a) = β·κ/(κ + X*)² (1/day).</summary>
    /// <param name="eta">η (1/(day·year)).</param>
    /// <param name="beta">β (1/day).</param>
    /// <param name="kappa">κ.</param>
    /// <param name="age">Age (years).</param>
    /// <returns>r(a).</returns>
    public static double RemovalRate(double eta, double beta, double kappa, double age)
    {
        var x = QuasiSteadyBurden(eta, beta, kappa, age);
        return beta * kappa / ((kappa + x) * (kappa + x));
    }

    /// <summary>Half-life of a perturbation of the burden at the quasi-steady state, ln 2 / r(a) (days).</summary>
    /// <param name="eta">η.</param>
    /// <param name="beta">β.</param>
    /// <param name="kappa">κ.</param>
    /// <param name="age">Age (years).</param>
    /// <returns>The half-life.</returns>
    public static double HalfLife(double eta, double beta, double kappa, double age) => Math.Log(2) / RemovalRate(eta, beta, kappa, age);

    /// <summary>
    /// Stochastic SR paths for cohorts: Euler–Maruyama with step <paramref name="dt"/> days of
    /// <c>dX = [η·a(t) − β·X/(κ + X)] dt + √(2ε) dW</c>, reflected at 0 (X → |X|), from X*(<paramref name="startAge"/>), with an
    /// explicit seed. Returns X at the requested ages (rows = paths, columns = ages).
    /// </summary>
    /// <param name="eta">η (1/(day·year)).</param>
    /// <param name="beta">β (1/day).</param>
    /// <param name="kappa">κ.</param>
    /// <param name="epsilon">ε (1/day, ≥ 0; 0 gives the deterministic Euler path).</param>
    /// <param name="ages">Ages (years) at which to record, ascending, ≥ <paramref name="startAge"/>.</param>
    /// <param name="paths">Number of paths (≥ 1).</param>
    /// <param name="seed">Seed of the random source (System.Random with this seed; same seed, same paths).</param>
    /// <param name="dt">Step (days, &gt; 0).</param>
    /// <param name="startAge">Age of the start (years).</param>
    /// <returns>The recorded values, <c>[path, age]</c>.</returns>
    public static double[,] SamplePaths(double eta, double beta, double kappa, double epsilon, IReadOnlyList<double> ages, int paths, int seed,
        double dt = 0.05, double startAge = 25)
    {
        ArgumentNullException.ThrowIfNull(ages);
        ArgumentOutOfRangeException.ThrowIfLessThan(paths, 1);
        if (!(epsilon >= 0) || !double.IsFinite(epsilon))
        {
            throw new ArgumentException(FormattableString.Invariant($"epsilon must be finite and >= 0 (got {epsilon:R})."), nameof(epsilon));
        }

        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentException(FormattableString.Invariant($"dt must be positive and finite (got {dt:R})."), nameof(dt));
        }

        var steps = new int[ages.Count];
        for (var j = 0; j < ages.Count; j++)
        {
            if (!(ages[j] >= startAge) || (j > 0 && !(ages[j] >= ages[j - 1])))
            {
                throw new ArgumentException(FormattableString.Invariant($"ages must be ascending and >= the start age {startAge:R} (entry {j} is {ages[j]:R})."), nameof(ages));
            }

            steps[j] = (int)Math.Round((ages[j] - startAge) * DaysPerYear / dt);
        }

        var ageEnd = ages.Count == 0 ? startAge : ages[^1];
        _ = QuasiSteadyBurden(eta, beta, kappa, ageEnd);
        var result = new double[paths, ages.Count];
        var random = new Random(seed);
        var amplitude = Math.Sqrt(2 * epsilon * dt);
        var x0 = QuasiSteadyBurden(eta, beta, kappa, startAge);
        var last = steps.Length == 0 ? 0 : steps[^1];
        for (var path = 0; path < paths; path++)
        {
            var x = x0;
            var next = 0;
            for (var k = 0; k <= last; k++)
            {
                while (next < steps.Length && steps[next] == k)
                {
                    result[path, next++] = x;
                }

                var age = startAge + (k * dt / DaysPerYear);
                var drift = (eta * age) - (beta * x / (kappa + x));
                x = Math.Abs(x + (dt * drift) + (amplitude * StandardNormal(random)));
            }
        }

        return result;
    }

    // Box–Muller (one variate per call; simple and exact in distribution).
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
