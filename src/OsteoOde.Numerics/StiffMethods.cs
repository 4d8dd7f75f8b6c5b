namespace OsteoOde.Numerics;

/// <summary>The built-in stiff methods and the automatic switcher.</summary>
internal static class StiffMethods
{
    /// <summary>All stiff methods (then <c>auto</c>), in listing order.</summary>
    /// <returns>The methods.</returns>
    public static IEnumerable<IOdeMethod> All() =>
    [
        new RosenbrockMethod(RosenbrockTableaus.Rodas5P,
            "Rosenbrock-Wanner, order 5(4), 8 stages, stiffly accurate, L-stable, 4th-order dense output (Steinebach 2023)"),
        new RosenbrockMethod(RosenbrockTableaus.Rodas4,
            "Rosenbrock-Wanner, order 4(3), 6 stages, stiffly accurate, L-stable, 3rd-order dense output (Hairer & Wanner 1996)"),
        new Radau5Method(),
        new AutoSwitchMethod(),
    ];
}

/// <summary>A Rosenbrock method: the shared kernel with one coefficient set.</summary>
/// <param name="tableau">Coefficients.</param>
/// <param name="description">One-line description.</param>
internal sealed class RosenbrockMethod(RosenbrockTableau tableau, string description) : IOdeMethod
{
    /// <summary>Coefficients.</summary>
    public RosenbrockTableau Tableau { get; } = tableau;

    /// <inheritdoc/>
    public string Name => Tableau.Name;

    /// <inheritdoc/>
    public string Description { get; } = description;

    /// <inheritdoc/>
    public int Order => Tableau.Order;

    /// <inheritdoc/>
    public bool IsStiff => true;

    /// <inheritdoc/>
    public IOdeStepper CreateStepper(OdeProblem problem, OdeOptions options) =>
        new RosenbrockStepper(Tableau.Name, Tableau, problem, options);
}

/// <summary>Radau IIA of order 5 with Hairer's RADAU5 strategy.</summary>
internal sealed class Radau5Method : IOdeMethod
{
    /// <inheritdoc/>
    public string Name => "radau5";

    /// <inheritdoc/>
    public string Description =>
        "Radau IIA, order 5, 3 stages, implicit, L-stable, simplified Newton with Jacobian/LU reuse (Hairer & Wanner 1996, RADAU5)";

    /// <inheritdoc/>
    public int Order => 5;

    /// <inheritdoc/>
    public bool IsStiff => true;

    /// <inheritdoc/>
    public IOdeStepper CreateStepper(OdeProblem problem, OdeOptions options) => new Radau5Stepper(problem, options);
}
