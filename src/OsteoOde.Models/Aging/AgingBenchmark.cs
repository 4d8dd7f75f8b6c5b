using System.Diagnostics;
using System.Globalization;
using OsteoOde.Modeling;
using OsteoOde.Numerics;

namespace OsteoOde.Models.Aging;

/// <summary>Timings of life-course runs of the lifetime model (a diagnostic for the command line and the README, not a unit test).</summary>
/// <param name="Method">Solver method.</param>
/// <param name="RelativeTolerance">Relative tolerance.</param>
/// <param name="ColdMilliseconds">First run of both sexes in this process: model build, compilation (RHS, Jacobian) and the runs.</param>
/// <param name="WarmMilliseconds">Median over the repetitions of one warm run of both sexes (women then men, 25 → 90, yearly output).</param>
/// <param name="WarmMinimumMilliseconds">Fastest warm repetition.</param>
/// <param name="Repetitions">Timed warm repetitions.</param>
/// <param name="FemaleStatistics">Solver work of the women's run.</param>
/// <param name="MaleStatistics">Solver work of the men's run.</param>
/// <param name="RhsNanoseconds">
/// One call of the solver's right-hand side of the women's model (<see cref="CompiledModel.CreateOdeFunction"/>: the age-25
/// steady state and other parameter-only terms cached for the parameter vector), best of several batches.
/// </param>
/// <param name="JacobianNanoseconds">One call of the solver's Jacobian (<see cref="CompiledModel.CreateOdeJacobian"/>), best of several batches.</param>
/// <param name="UnhoistedRhsNanoseconds">One call of the raw <see cref="CompiledModel.Rhs"/>, which evaluates everything (the unrolled solve included) on every call.</param>
public sealed record AgingBenchmarkResult(string Method, double RelativeTolerance, double ColdMilliseconds, double WarmMilliseconds, double WarmMinimumMilliseconds,
    int Repetitions, SolverStatistics FemaleStatistics, SolverStatistics MaleStatistics, double RhsNanoseconds, double JacobianNanoseconds,
    double UnhoistedRhsNanoseconds)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"aging life course 25→90, women + men, {Method} rtol {RelativeTolerance:G3}: cold {ColdMilliseconds:F0} ms (build, compile, run), "
        + $"warm {WarmMilliseconds:F1} ms median / {WarmMinimumMilliseconds:F1} ms best of {Repetitions}; women {FemaleStatistics.AcceptedSteps} steps, "
        + $"{FemaleStatistics.RhsEvaluations} RHS, {FemaleStatistics.JacobianEvaluations} Jacobians; men {MaleStatistics.AcceptedSteps} steps, "
        + $"{MaleStatistics.RhsEvaluations} RHS; one RHS {RhsNanoseconds:F0} ns, one Jacobian {JacobianNanoseconds:F0} ns "
        + $"(unhoisted RHS {UnhoistedRhsNanoseconds:F0} ns).");
}

/// <summary>Measures life-course runs of both sexes (what <c>osteo run</c> computes).</summary>
public static class AgingBenchmark
{
    /// <summary>Runs the measurement.</summary>
    /// <param name="repetitions">Timed warm repetitions (≥ 1).</param>
    /// <param name="solver">Solver settings (<see langword="null"/>: <see cref="AgingModel.SolverOptions"/>).</param>
    /// <returns>The timings.</returns>
    public static AgingBenchmarkResult Run(int repetitions = 10, OdeOptions? solver = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        solver ??= AgingModel.SolverOptions();
        SimulationRequest Request(Sex sex) => AgingModel.LifeCourse(AgingOptions.For(sex)) with { Solver = solver };

        var watch = Stopwatch.StartNew();
        var female = Simulation.Run(Request(Sex.Female)).EnsureSuccess();
        var male = Simulation.Run(Request(Sex.Male)).EnsureSuccess();
        var cold = watch.Elapsed.TotalMilliseconds;

        var times = new double[repetitions];
        for (var k = 0; k < repetitions; k++)
        {
            watch.Restart();
            female = Simulation.Run(Request(Sex.Female)).EnsureSuccess();
            male = Simulation.Run(Request(Sex.Male)).EnsureSuccess();
            times[k] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        var compiled = Simulation.Compile(AgingModel.Create(Sex.Female));
        var p = compiled.CreateParameterVector();
        var y = compiled.CreateInitialState(p);
        var dy = new double[y.Length];
        var jac = new double[y.Length * y.Length];
        var rhs = compiled.CreateOdeFunction(p);
        var jacobian = compiled.CreateOdeJacobian(p);
        double Best(Action call, int calls)
        {
            var best = double.PositiveInfinity;
            for (var batch = 0; batch < 6; batch++)
            {
                watch.Restart();
                for (var i = 0; i < calls; i++)
                {
                    call();
                }

                // The first batch warms up (JIT, caches) and is not counted.
                best = batch == 0 ? best : Math.Min(best, watch.Elapsed.TotalMilliseconds * 1e6 / calls);
            }

            return best;
        }

        var rhsNs = Best(() => rhs(1000, y, dy), 20_000);
        var jacobianNs = Best(() => jacobian(1000, y, jac), 5_000);
        var unhoistedNs = Best(() => compiled.Rhs(1000, y, p, dy), 2_000);
        return new AgingBenchmarkResult(solver.Method, solver.RelativeTolerance, cold, times[repetitions / 2], times[0], repetitions,
            female.Statistics, male.Statistics, rhsNs, jacobianNs, unhoistedNs);
    }
}
