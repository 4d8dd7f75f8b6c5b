namespace OsteoOde.Numerics;

/// <summary>The built-in explicit Runge–Kutta methods.</summary>
internal static class ExplicitMethods
{
    /// <summary>All explicit methods, in listing order.</summary>
    /// <returns>The methods.</returns>
    public static IEnumerable<IOdeMethod> All() => [];
}
