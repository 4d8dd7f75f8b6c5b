namespace OsteoOde.Numerics;

/// <summary>
/// The <c>Solve</c> driver over a stepper: it lands exactly on stop times and timed actions, locates state events on the
/// dense output, applies event actions and restarts, records output at the requested times and turns every numerical
/// failure into a status on the result. Bad arguments throw <see cref="ArgumentException"/> before any work is done.
/// </summary>
public sealed class OdeSolver
{
    /// <summary>Creates a driver over a method catalog.</summary>
    /// <param name="catalog">Methods to resolve names against; <see langword="null"/> uses <see cref="OdeMethodCatalog.Default"/>.</param>
    public OdeSolver(OdeMethodCatalog? catalog = null) => Catalog = catalog ?? OdeMethodCatalog.Default;

    /// <summary>The driver over the built-in methods.</summary>
    public static OdeSolver Default { get; } = new();

    /// <summary>Methods this driver resolves.</summary>
    public OdeMethodCatalog Catalog { get; }

    /// <summary>Creates a stepper for manual stepping, after validating the options.</summary>
    /// <param name="problem">Problem.</param>
    /// <param name="options">Options (<see langword="null"/> for defaults).</param>
    /// <returns>A stepper at the initial point.</returns>
    public IOdeStepper CreateStepper(OdeProblem problem, OdeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new OdeOptions();
        options.Validate(problem.Dimension, Catalog);
        return Catalog.Get(options.Method).CreateStepper(problem, options);
    }

    /// <summary>Integrates a problem from <c>T0</c> to <c>TEnd</c>.</summary>
    /// <param name="problem">Problem.</param>
    /// <param name="options">Options (<see langword="null"/> for defaults).</param>
    /// <returns>The result; check <see cref="OdeResult.Status"/>.</returns>
    public OdeResult Solve(OdeProblem problem, OdeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new OdeOptions();
        options.Validate(problem.Dimension, Catalog);
        ValidateAgainstProblem(problem, options);
        var method = Catalog.Get(options.Method);
        var stepper = method.CreateStepper(problem, options);
        return new IntegrationRun(problem, options, stepper, method.IsStiff).Run();
    }

    /// <summary>Checks what depends on both problem and options (times against the interval, event and action entries).</summary>
    private static void ValidateAgainstProblem(OdeProblem problem, OdeOptions options)
    {
        if (options.OutputTimes is { } outputs)
        {
            for (var i = 0; i < outputs.Count; i++)
            {
                if (outputs[i] < problem.T0 || outputs[i] > problem.TEnd)
                {
                    throw new ArgumentException(
                        $"OutputTimes[{i}] = {Format(outputs[i])} lies outside the integration interval [{Format(problem.T0)}, {Format(problem.TEnd)}].",
                        nameof(OdeOptions.OutputTimes));
                }
            }
        }

        for (var i = 0; i < problem.TimedActions.Count; i++)
        {
            var action = problem.TimedActions[i];
            if (action is null || action.Action is null)
            {
                throw new ArgumentException($"TimedActions[{i}] or its Action is null.", nameof(OdeProblem.TimedActions));
            }

            if (!double.IsFinite(action.Time) || action.Time < problem.T0)
            {
                throw new ArgumentException(
                    $"TimedActions[{i}] ('{action.Name}') has time {Format(action.Time)}; it must be finite and not before t0 = {Format(problem.T0)} "
                    + "(actions after tEnd are allowed and never reached).",
                    nameof(OdeProblem.TimedActions));
            }
        }

        for (var i = 0; i < problem.StopTimes.Count; i++)
        {
            if (!double.IsFinite(problem.StopTimes[i]))
            {
                throw new ArgumentException($"StopTimes[{i}] is not finite.", nameof(OdeProblem.StopTimes));
            }
        }

        for (var i = 0; i < problem.Events.Count; i++)
        {
            if (problem.Events[i] is null || problem.Events[i].Condition is null)
            {
                throw new ArgumentException($"Events[{i}] or its Condition is null.", nameof(OdeProblem.Events));
            }
        }
    }

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
