using System.Diagnostics;
using OsteoOde.Numerics;

namespace OsteoOde.Modeling.Diagnostics;

/// <summary>Timings of compiled versus hand-written right-hand side and Jacobian (nanoseconds per call) and their agreement.</summary>
/// <param name="Calls">Calls per timed repetition.</param>
/// <param name="CompiledRhsNanoseconds">Compiled RHS, best repetition.</param>
/// <param name="HandRhsNanoseconds">Hand-written RHS, best repetition.</param>
/// <param name="CompiledJacobianNanoseconds">Compiled Jacobian, best repetition.</param>
/// <param name="HandJacobianNanoseconds">Hand-written Jacobian, best repetition.</param>
/// <param name="MaxRhsRelativeDifference">Largest relative difference between the two RHS outputs at the benchmark state.</param>
/// <param name="MaxJacobianRelativeDifference">Largest difference between the Jacobians relative to the largest entry of its row.</param>
public sealed record RhsBenchmarkResult(int Calls, double CompiledRhsNanoseconds, double HandRhsNanoseconds,
    double CompiledJacobianNanoseconds, double HandJacobianNanoseconds, double MaxRhsRelativeDifference, double MaxJacobianRelativeDifference)
{
    /// <summary>Compiled / hand-written time of the RHS.</summary>
    public double RhsRatio => CompiledRhsNanoseconds / HandRhsNanoseconds;

    /// <summary>Compiled / hand-written time of the Jacobian.</summary>
    public double JacobianRatio => CompiledJacobianNanoseconds / HandJacobianNanoseconds;

    /// <summary>Compiled / hand-written time of one RHS plus one Jacobian call (the goal is at most 1.5).</summary>
    public double CombinedRatio => (CompiledRhsNanoseconds + CompiledJacobianNanoseconds) / (HandRhsNanoseconds + HandJacobianNanoseconds);

    /// <inheritdoc/>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"RHS: compiled {CompiledRhsNanoseconds:F1} ns, hand {HandRhsNanoseconds:F1} ns (ratio {RhsRatio:F2}); "
        + $"Jacobian: compiled {CompiledJacobianNanoseconds:F1} ns, hand {HandJacobianNanoseconds:F1} ns (ratio {JacobianRatio:F2}); "
        + $"RHS+Jacobian ratio {CombinedRatio:F2}; max rel. difference RHS {MaxRhsRelativeDifference:E2}, Jacobian {MaxJacobianRelativeDifference:E2}.");
}

/// <summary>
/// Micro-benchmark of compiled model code against a hand-written reference (a diagnostic for the CLI, not a unit test):
/// warms up both, then times <c>calls</c> invocations in several alternating repetitions and keeps the fastest of each.
/// <para>
/// The compiled side is what a solver calls: <see cref="CompiledModel.CreateOdeFunction"/> and
/// <see cref="CompiledModel.CreateOdeJacobian"/>, which evaluate parameter-only subexpressions once per parameter vector and
/// compare the vector with their snapshot on every call (that comparison is part of the timing). The hand-written functions
/// are called through a closure over their parameter array, so both sides pay the same delegate indirection.
/// </para>
/// </summary>
public static class RhsBenchmark
{
    /// <summary>Compares a compiled model with hand-written delegates at one state.</summary>
    /// <param name="compiled">Compiled model.</param>
    /// <param name="compiledParameters">Parameter vector in the compiled model's layout.</param>
    /// <param name="handRhs">Hand-written RHS.</param>
    /// <param name="handJacobian">Hand-written Jacobian (row-major n×n).</param>
    /// <param name="handParameters">Parameter array in the hand-written layout.</param>
    /// <param name="state">State at which to evaluate.</param>
    /// <param name="calls">Calls per repetition (at least 1000).</param>
    /// <param name="repetitions">Timed repetitions (at least 1).</param>
    /// <returns>Timings and agreement.</returns>
    public static RhsBenchmarkResult Run(CompiledModel compiled, double[] compiledParameters, ModelFunction handRhs, ModelFunction handJacobian,
        double[] handParameters, double[] state, int calls = 1_000_000, int repetitions = 7)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(handRhs);
        ArgumentNullException.ThrowIfNull(handJacobian);
        ArgumentNullException.ThrowIfNull(state);
        if (calls < 1000)
        {
            throw new ArgumentException($"calls must be at least 1000 (got {calls}).", nameof(calls));
        }

        if (repetitions < 1)
        {
            throw new ArgumentException($"repetitions must be at least 1 (got {repetitions}).", nameof(repetitions));
        }

        var n = compiled.StateCount;
        if (state.Length != n)
        {
            throw new ArgumentException($"state must have {n} entries (got {state.Length}).", nameof(state));
        }

        var compiledRhs = compiled.CreateOdeFunction(compiledParameters);
        var compiledJacobian = compiled.CreateOdeJacobian(compiledParameters);
        OdeFunction boundHandRhs = (t, y, dydt) => handRhs(t, y, handParameters, dydt);
        OdeJacobian boundHandJacobian = (t, y, jacobian) => handJacobian(t, y, handParameters, jacobian);
        var outA = new double[n];
        var outB = new double[n];
        var jacA = new double[n * n];
        var jacB = new double[n * n];

        compiledRhs(0, state, outA);
        boundHandRhs(0, state, outB);
        compiledJacobian(0, state, jacA);
        boundHandJacobian(0, state, jacB);
        var rhsDiff = 0.0;
        for (var i = 0; i < n; i++)
        {
            rhsDiff = Math.Max(rhsDiff, Math.Abs(outA[i] - outB[i]) / Math.Max(Math.Abs(outB[i]), 1e-300));
        }

        var jacDiff = 0.0;
        for (var i = 0; i < n; i++)
        {
            var rowScale = 1e-300;
            for (var j = 0; j < n; j++)
            {
                rowScale = Math.Max(rowScale, Math.Abs(jacB[i * n + j]));
            }

            for (var j = 0; j < n; j++)
            {
                jacDiff = Math.Max(jacDiff, Math.Abs(jacA[i * n + j] - jacB[i * n + j]) / rowScale);
            }
        }

        double TimeRhs(OdeFunction f, double[] output)
        {
            var sw = Stopwatch.StartNew();
            for (var k = 0; k < calls; k++)
            {
                f(0, state, output);
            }

            return sw.Elapsed.TotalNanoseconds / calls;
        }

        double TimeJacobian(OdeJacobian f, double[] output)
        {
            var sw = Stopwatch.StartNew();
            for (var k = 0; k < calls; k++)
            {
                f(0, state, output);
            }

            return sw.Elapsed.TotalNanoseconds / calls;
        }

        // Warm-up (JIT, caches), then alternate so that drift affects both sides alike.
        for (var w = 0; w < 2; w++)
        {
            TimeRhs(compiledRhs, outA);
            TimeRhs(boundHandRhs, outB);
            TimeJacobian(compiledJacobian, jacA);
            TimeJacobian(boundHandJacobian, jacB);
        }

        double cr = double.MaxValue, hr = double.MaxValue, cj = double.MaxValue, hj = double.MaxValue;
        for (var r = 0; r < repetitions; r++)
        {
            cr = Math.Min(cr, TimeRhs(compiledRhs, outA));
            hr = Math.Min(hr, TimeRhs(boundHandRhs, outB));
            cj = Math.Min(cj, TimeJacobian(compiledJacobian, jacA));
            hj = Math.Min(hj, TimeJacobian(boundHandJacobian, jacB));
        }

        return new RhsBenchmarkResult(calls, cr, hr, cj, hj, rhsDiff, jacDiff);
    }

    /// <summary>
    /// Benchmarks a model declared with the canonical <c>pivonka2008</c> identifiers against <see cref="PivonkaHandWritten"/>,
    /// at the canonical steady state, using the model's own parameter values for both.
    /// </summary>
    /// <param name="model">A model with states OBp, OBa, OCa and the canonical parameter and input names.</param>
    /// <param name="calls">Calls per repetition.</param>
    /// <param name="repetitions">Timed repetitions.</param>
    /// <returns>Timings and agreement.</returns>
    public static RhsBenchmarkResult RunPivonka2008(Model model, int calls = 1_000_000, int repetitions = 7)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.States.Select(s => s.Name).SequenceEqual(["OBp", "OBa", "OCa"]))
        {
            throw new ArgumentException($"The Pivonka benchmark needs exactly the states OBp, OBa, OCa in that order (model '{model.Id}' has {string.Join(", ", model.States.Select(s => s.Name))}).", nameof(model));
        }

        var compiled = CompiledModel.Compile(model);
        var p = compiled.CreateParameterVector();
        var hand = PivonkaHandWritten.ParameterNames.Select(name => p[compiled.ParameterVectorIndex(name)]).ToArray();
        double[] y = [6.1964e-4, 5.5839e-4, 8.0696e-4];
        return Run(compiled, p, PivonkaHandWritten.Rhs, PivonkaHandWritten.Jacobian, hand, y, calls, repetitions);
    }
}
