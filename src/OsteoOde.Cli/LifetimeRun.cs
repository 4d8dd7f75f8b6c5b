using System.Globalization;
using OsteoOde.Modeling;
using OsteoOde.Models.Aging;
using OsteoOde.Numerics;

namespace OsteoOde.Cli;

/// <summary>One sex's life course of the main job: the request and its result.</summary>
/// <param name="Sex">Sex.</param>
/// <param name="Request">The simulation request (model variant, parameters, output times, solver).</param>
/// <param name="Result">The result (success or the solver's failure).</param>
/// <param name="Seconds">Wall time of the run, including building and compiling the variant when it was not cached yet.</param>
public sealed record LifetimeCourse(Sex Sex, SimulationRequest Request, SimulationResult Result, double Seconds)
{
    /// <summary><c>female</c> or <c>male</c> (the <c>sex</c> column and the manifest's variant).</summary>
    public string Label => LifetimeRun.Label(Sex);
}

/// <summary>
/// The README's main job (<c>osteo run</c>): the lifetime model <c>aging</c> from age 25 to 90 for each sex on an age grid that
/// contains the summary ages exactly, written as one tidy CSV (<see cref="WriteCsv"/>), and the summary rows at ages 30, 50, 60,
/// 70, 80 and 90.
/// </summary>
public static class LifetimeRun
{
    /// <summary>Ages of the summary table (years).</summary>
    public static IReadOnlyList<double> SummaryAges { get; } = [30, 50, 60, 70, 80, 90];

    /// <summary>Columns of the summary (model observables), in table order.</summary>
    public static IReadOnlyList<string> SummaryColumns { get; } = ["bmd_fn", "t_score_fn", "senescent_burden", "ev_plasma", "marrow_fat"];

    /// <summary>Default spacing of the output grid (years).</summary>
    public const double DefaultStepYears = 0.25;

    /// <summary>Smallest spacing of the output grid (years): 6501 rows per sex.</summary>
    public const double MinStepYears = 0.01;

    /// <summary>First age of the grid (the model's start).</summary>
    public const double FromAge = AgingModel.StartAge;

    /// <summary>Last age of the grid.</summary>
    public const double ToAge = 90;

    /// <summary>The text of a sex in the CSV and the manifest.</summary>
    /// <param name="sex">Sex.</param>
    /// <returns><c>female</c> or <c>male</c>.</returns>
    public static string Label(Sex sex) => sex == Sex.Female ? "female" : "male";

    /// <summary>
    /// The output ages 25, 25 + Δ, …, 90. Δ must divide 5 years (5/Δ an integer up to 1e-9), so that every summary age and 90 lie
    /// on the grid; the ages are computed as 25 + 5·k/m (m = 5/Δ), so the summary ages are exact.
    /// </summary>
    /// <param name="stepYears">Spacing Δ in years.</param>
    /// <returns>The ages.</returns>
    /// <exception cref="ArgumentException">Δ is not finite, below <see cref="MinStepYears"/>, above 5, or does not divide 5 years.</exception>
    public static double[] Ages(double stepYears)
    {
        if (!double.IsFinite(stepYears) || stepYears < MinStepYears || stepYears > 5)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The age step must lie in [{MinStepYears:R}, 5] years (got {stepYears:R})."), nameof(stepYears));
        }

        var perFive = 5 / stepYears;
        var m = (int)Math.Round(perFive);
        if (Math.Abs(perFive - m) > 1e-9 * m)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The age step {stepYears:R} years does not divide 5 years, so the summary ages 30, 50, ..., 90 would not lie on the grid; use for example 0.1, 0.25, 0.5 or 1."), nameof(stepYears));
        }

        var n = 13 * m;
        var ages = new double[n + 1];
        for (var k = 0; k <= n; k++)
        {
            ages[k] = FromAge + (5.0 * k / m);
        }

        return ages;
    }

    /// <summary>The life-course request of one sex on the grid.</summary>
    /// <param name="sex">Sex.</param>
    /// <param name="ages">Output ages (<see cref="Ages"/>).</param>
    /// <param name="solver">Solver settings (<see cref="AgingModel.SolverOptions"/> by default in the command).</param>
    /// <param name="what">Modules switched off and parameter changes (<see langword="null"/>: the default model).</param>
    /// <returns>The request.</returns>
    public static SimulationRequest Request(Sex sex, IReadOnlyList<double> ages, OdeOptions solver, LifetimeWhatIf? what = null)
    {
        ArgumentNullException.ThrowIfNull(ages);
        ArgumentNullException.ThrowIfNull(solver);
        what ??= LifetimeWhatIf.None;
        var options = AgingOptions.For(sex).Without([.. what.Off]);
        return AgingModel.LifeCourse(options, what.ParametersFor(AgingModel.Create(options)), [.. ages.Select(AgingModel.TimeAt)], ages[^1]) with { Solver = solver };
    }

    /// <summary>
    /// Runs the life course of each sex, in parallel (one task per sex; the models are built and compiled once per variant and
    /// cached), timing each run. A failed run does not stop the others.
    /// </summary>
    /// <param name="sexes">Sexes.</param>
    /// <param name="ages">Output ages.</param>
    /// <param name="solver">Solver settings.</param>
    /// <param name="progress">Called after each run, possibly from another thread (for progress lines), or <see langword="null"/>.</param>
    /// <param name="what">Modules switched off and parameter changes (<see langword="null"/>: the default model).</param>
    /// <returns>The courses in the order of <paramref name="sexes"/>, failed ones included (check <see cref="SimulationResult.IsSuccess"/>).</returns>
    public static IReadOnlyList<LifetimeCourse> Run(IReadOnlyList<Sex> sexes, IReadOnlyList<double> ages, OdeOptions solver, Action<LifetimeCourse>? progress = null,
        LifetimeWhatIf? what = null)
    {
        ArgumentNullException.ThrowIfNull(sexes);
        var courses = new LifetimeCourse[sexes.Count];
        Parallel.For(0, sexes.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Math.Min(sexes.Count, Environment.ProcessorCount)) }, i =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var request = Request(sexes[i], ages, solver, what);
            var result = Simulation.Run(request);
            courses[i] = new LifetimeCourse(sexes[i], request, result, clock.Elapsed.TotalSeconds);
            progress?.Invoke(courses[i]);
        });
        return courses;
    }

    /// <summary>
    /// The CSV columns for several courses: <c>t</c>, <c>age</c>, the states, the observables (each course's own order; columns
    /// only one variant has, for example women's <c>EST</c> and <c>P_RANKL_est</c>, come where that variant has them), then
    /// <c>sex</c>.
    /// </summary>
    /// <param name="courses">Courses.</param>
    /// <returns>Column names.</returns>
    public static IReadOnlyList<string> Columns(IReadOnlyList<LifetimeCourse> courses)
    {
        ArgumentNullException.ThrowIfNull(courses);
        var columns = new List<string>();
        foreach (var course in courses)
        {
            var names = course.Result.ColumnNames;
            for (var i = 0; i < names.Count; i++)
            {
                if (columns.Contains(names[i], StringComparer.Ordinal))
                {
                    continue;
                }

                // Insert after the nearest preceding column of this course that is already placed.
                var at = columns.Count;
                for (var j = i - 1; j >= 0; j--)
                {
                    var k = columns.IndexOf(names[j]);
                    if (k >= 0)
                    {
                        at = k + 1;
                        break;
                    }
                }

                columns.Insert(at, names[i]);
            }
        }

        columns.Add("sex");
        return columns;
    }

    /// <summary>
    /// Writes the tidy CSV: header <see cref="Columns"/>, then one row per sex and output time (courses in order), shortest
    /// round-trip numbers in invariant culture; a column the sex's variant does not have (men have no estrogen module, so no
    /// <c>EST</c>, <c>P_RANKL_est</c>) is an empty cell; <c>sex</c> is <c>female</c> or <c>male</c>.
    /// </summary>
    /// <param name="writer">Destination.</param>
    /// <param name="courses">Successful courses.</param>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<LifetimeCourse> courses)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(courses);
        var columns = Columns(courses);
        writer.Write(string.Join(',', columns));
        writer.Write('\n');
        foreach (var course in courses)
        {
            var values = columns.Take(columns.Count - 1)
                .Select(c => course.Result.HasColumn(c) ? course.Result[c] : null).ToArray();
            for (var r = 0; r < course.Result.RowCount; r++)
            {
                foreach (var v in values)
                {
                    if (v is not null)
                    {
                        writer.Write(v[r].ToString("R", CultureInfo.InvariantCulture));
                    }

                    writer.Write(',');
                }

                writer.Write(course.Label);
                writer.Write('\n');
            }
        }
    }

    /// <summary>The row of a course at an age of the grid.</summary>
    /// <param name="course">Course.</param>
    /// <param name="age">Age (must be on the grid).</param>
    /// <returns>Row index.</returns>
    /// <exception cref="ArgumentException">The age is not on the grid.</exception>
    public static int RowAt(LifetimeCourse course, double age)
    {
        ArgumentNullException.ThrowIfNull(course);
        var ages = course.Result["age"];
        for (var r = 0; r < ages.Count; r++)
        {
            if (Math.Abs(ages[r] - age) <= 1e-9)
            {
                return r;
            }
        }

        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Age {age:R} is not on the output grid."), nameof(age));
    }
}

/// <summary>
/// A what-if of the main job: modules switched off and parameter changes, applied to every sex whose model has them (the
/// estrogen module and its parameters exist only in women's model).
/// </summary>
/// <param name="Off">Module names (<see cref="AgingModel.Modules"/>) to switch off.</param>
/// <param name="Parameters">Parameter and input values by name.</param>
public sealed record LifetimeWhatIf(IReadOnlyList<string> Off, IReadOnlyDictionary<string, double> Parameters)
{
    /// <summary>The default model.</summary>
    public static LifetimeWhatIf None { get; } = new([], new Dictionary<string, double>());

    /// <summary>The changes a model has names for (all others belong to the other sex's model).</summary>
    /// <param name="model">A variant of the lifetime model.</param>
    /// <returns>Values by name (empty when none apply).</returns>
    public IReadOnlyDictionary<string, double> ParametersFor(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var set = ParameterSet.Defaults(model);
        return Parameters.Where(kv => set.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }
}
