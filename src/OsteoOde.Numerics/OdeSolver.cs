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
    public OdeResult Solve(OdeProblem problem, OdeOptions? options = null) => throw new NotImplementedException();
}
