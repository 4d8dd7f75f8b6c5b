namespace OsteoOde.Numerics;

/// <summary>The built-in explicit Runge–Kutta methods.</summary>
internal static class ExplicitMethods
{
    /// <summary>All explicit methods, in listing order.</summary>
    /// <returns>The methods.</returns>
    public static IEnumerable<IOdeMethod> All() =>
    [
        new ExplicitRungeKuttaMethod(ButcherTableaus.Dopri5,
            "Dormand-Prince 5(4), 7 stages (6 per step with FSAL), 4th-order dense output (Dormand & Prince 1980; Shampine 1986)"),
        new ExplicitRungeKuttaMethod(ButcherTableaus.Tsit5,
            "Tsitouras 5(4), 7 stages (6 per step with FSAL), 4th-order dense output (Tsitouras 2011)"),
        new ExplicitRungeKuttaMethod(ButcherTableaus.Dop853,
            "DOP853: Dormand-Prince 8(5,3), 12 stages per step, 7th-order dense output with 3 extra stages (Hairer et al. 1993)"),
    ];
}

/// <summary>An explicit Runge–Kutta method: the generic kernel with one coefficient set.</summary>
/// <param name="tableau">Coefficients.</param>
/// <param name="description">One-line description with order and reference.</param>
public sealed class ExplicitRungeKuttaMethod(ButcherTableau tableau, string description) : IOdeMethod
{
    /// <summary>Coefficients.</summary>
    public ButcherTableau Tableau { get; } = tableau ?? throw new ArgumentNullException(nameof(tableau));

    /// <inheritdoc/>
    public string Name => Tableau.Name;

    /// <inheritdoc/>
    public string Description { get; } = description;

    /// <inheritdoc/>
    public int Order => Tableau.Order;

    /// <inheritdoc/>
    public bool IsStiff => false;

    /// <inheritdoc/>
    public IOdeStepper CreateStepper(OdeProblem problem, OdeOptions options) => new ExplicitRungeKuttaStepper(Tableau, problem, options);
}
