using System.Globalization;
using OsteoOde.Modeling;

namespace OsteoOde.Models.Aging;

/// <summary>Settings of a stochastic cohort run (immutable).</summary>
public sealed record CohortOptions
{
    /// <summary>Number of simulated people (≥ 1).</summary>
    public int Paths { get; init; } = 100;

    /// <summary>Seed: person k uses <c>new Random(Seed + k)</c>, so results do not depend on the parallel schedule.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Euler–Maruyama step (days, &gt; 0). The fastest rate of the model is about 5.6/day, so steps up to 0.2 day are stable.</summary>
    public double Step { get; init; } = 0.05;

    /// <summary>Ages (years, ascending, ≥ 25) at which the columns are recorded.</summary>
    public IReadOnlyList<double> Ages { get; init; } = [25, 30, 40, 50, 60, 70, 80, 90];

    /// <summary>States or observables to record.</summary>
    public IReadOnlyList<string> Columns { get; init; } = ["bmd_fn", "t_score_fn", "S", "senescent_burden"];

    /// <summary>People simulated in parallel (≥ 1).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>Recorded values of a cohort: <c>Values[person][column][age]</c>, with means and quantiles per column and age.</summary>
public sealed class CohortResult
{
    internal CohortResult(IReadOnlyList<double> ages, IReadOnlyList<string> columns, double[][][] values)
    {
        Ages = ages;
        Columns = columns;
        Values = values;
    }

    /// <summary>Recording ages.</summary>
    public IReadOnlyList<double> Ages { get; }

    /// <summary>Recorded columns.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Values by person, column (index in <see cref="Columns"/>) and age (index in <see cref="Ages"/>).</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> Values { get; }

    /// <summary>The values of one column at one age across the cohort.</summary>
    /// <param name="column">Column name.</param>
    /// <param name="ageIndex">Index in <see cref="Ages"/>.</param>
    /// <returns>One value per person.</returns>
    public double[] Sample(string column, int ageIndex)
    {
        var c = Index(column);
        return [.. Values.Select(v => v[c][ageIndex])];
    }

    /// <summary>Cohort mean of a column at every age.</summary>
    /// <param name="column">Column name.</param>
    /// <returns>Means by age.</returns>
    public double[] Mean(string column) => [.. Enumerable.Range(0, Ages.Count).Select(a => Sample(column, a).Average())];

    /// <summary>Empirical quantile (linear interpolation between order statistics) of a column at every age.</summary>
    /// <param name="column">Column name.</param>
    /// <param name="q">Quantile in [0, 1].</param>
    /// <returns>Quantiles by age.</returns>
    public double[] Quantile(string column, double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentException(FormattableString.Invariant($"q must lie in [0, 1] (got {q:R})."), nameof(q));
        }

        return [.. Enumerable.Range(0, Ages.Count).Select(a =>
        {
            var s = Sample(column, a);
            Array.Sort(s);
            var pos = q * (s.Length - 1);
            var lo = (int)Math.Floor(pos);
            var hi = Math.Min(lo + 1, s.Length - 1);
            return s[lo] + ((pos - lo) * (s[hi] - s[lo]));
        })];
    }

    /// <summary>Summary CSV: <c>age,column,mean,p10,median,p90</c> (invariant culture, round-trip numbers).</summary>
    /// <returns>The text.</returns>
    public string SummaryCsv()
    {
        var sb = new System.Text.StringBuilder("age,column,mean,p10,median,p90\n");
        foreach (var column in Columns)
        {
            var mean = Mean(column);
            var p10 = Quantile(column, 0.1);
            var p50 = Quantile(column, 0.5);
            var p90 = Quantile(column, 0.9);
            for (var a = 0; a < Ages.Count; a++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{Ages[a]:R},{column},{mean[a]:R},{p10[a]:R},{p50[a]:R},{p90[a]:R}\n");
            }
        }

        return sb.ToString();
    }

    private int Index(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"Column '{column}' was not recorded (columns: {string.Join(", ", Columns)}).", nameof(column));
    }
}

/// <summary>
/// Stochastic cohorts of the lifetime model (Karin 2019's noise term, optional): each person follows the model with
/// <c>dS = [η·age − β·S/(κ + S)] dt + √(2·eps_sen) dW</c>, reflected at S = 0, integrated by Euler–Maruyama with a fixed step;
/// every other state follows its ODE. With <c>eps_sen</c> = 0 (the default) a person is the deterministic model integrated by
/// explicit Euler. Karin's human ε = 0.142/day makes the noise dominate the young burden (mean S at 30 about 10× X*(30)):
/// the couplings were calibrated on the deterministic path, so cohorts need a smaller ε or a recalibration (README, open).
/// </summary>
public static class AgingCohort
{
    /// <summary>Simulates a cohort.</summary>
    /// <param name="configuration">Variant and parameters (the senescence module must be on; <c>eps_sen</c> sets the noise).</param>
    /// <param name="options">Settings (<see langword="null"/>: defaults).</param>
    /// <returns>The recorded values.</returns>
    /// <exception cref="ArgumentException">Bad settings, unknown columns, or a variant without the senescence module.</exception>
    public static CohortResult Run(AgingConfiguration configuration, CohortOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options ??= new CohortOptions();
        var model = configuration.Model;
        var compiled = Simulation.Compile(model);
        Validate(options, model);
        var set = ParameterSet.Defaults(model).With(configuration.Parameters);
        var p = set.ToVector();
        var epsilon = set["eps_sen"];
        var columns = options.Columns.Select(c => model.States.Any(s => s.Name == c) ? (State: true, Index: compiled.StateIndex(c))
            : (State: false, Index: compiled.ObservableIndex(c))).ToArray();
        var steps = options.Ages.Select(a => (long)Math.Round(AgingModel.TimeAt(a) / options.Step)).ToArray();
        var sIndex = compiled.StateIndex("S");
        var values = new double[options.Paths][][];
        Parallel.For(0, options.Paths, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, person =>
        {
            var random = new Random(unchecked(options.Seed + person));
            var y = compiled.CreateInitialState(p);
            var rhs = compiled.CreateOdeFunction(p); // per person: its own cache of the parameter-only terms (age-25 state)
            var dy = new double[y.Length];
            var observables = new double[compiled.ObservableCount];
            var record = new double[columns.Length][];
            for (var c = 0; c < columns.Length; c++)
            {
                record[c] = new double[steps.Length];
            }

            var amplitude = Math.Sqrt(2 * epsilon * options.Step);
            var next = 0;
            for (long k = 0; next < steps.Length; k++)
            {
                var t = k * options.Step;
                while (next < steps.Length && steps[next] == k)
                {
                    compiled.Observables(t, y, p, observables);
                    for (var c = 0; c < columns.Length; c++)
                    {
                        record[c][next] = columns[c].State ? y[columns[c].Index] : observables[columns[c].Index];
                    }

                    next++;
                }

                rhs(t, y, dy);
                for (var i = 0; i < y.Length; i++)
                {
                    y[i] += options.Step * dy[i];
                }

                if (amplitude > 0)
                {
                    y[sIndex] = Math.Abs(y[sIndex] + (amplitude * StandardNormal(random)));
                }
            }

            values[person] = record;
        });

        return new CohortResult([.. options.Ages], [.. options.Columns], values);
    }

    private static void Validate(CohortOptions o, Model model)
    {
        if (!model.States.Any(s => s.Name == "S"))
        {
            throw new ArgumentException("A cohort needs the senescence module (state S).", nameof(o));
        }

        if (o.Paths < 1 || o.MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException(FormattableString.Invariant($"Paths and MaxDegreeOfParallelism must be at least 1 (got {o.Paths}, {o.MaxDegreeOfParallelism})."), nameof(o));
        }

        if (!(o.Step > 0 && o.Step <= 0.2))
        {
            throw new ArgumentException(FormattableString.Invariant($"Step must lie in (0, 0.2] day for a stable explicit step (got {o.Step:R})."), nameof(o));
        }

        for (var j = 0; j < o.Ages.Count; j++)
        {
            if (!(o.Ages[j] >= AgingModel.StartAge) || (j > 0 && !(o.Ages[j] > o.Ages[j - 1])))
            {
                throw new ArgumentException(FormattableString.Invariant($"Ages must be ascending and >= 25 (entry {j} is {o.Ages[j]:R})."), nameof(o));
            }
        }

        foreach (var c in o.Columns)
        {
            if (!model.States.Any(s => s.Name == c) && !model.Observables.Any(a => a.Name == c))
            {
                throw new ArgumentException($"'{c}' is neither a state nor an observable of this variant.", nameof(o));
            }
        }
    }

    // Box–Muller, one variate per call: the same sequence as Karin.SamplePaths for one person with the same seed.
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
