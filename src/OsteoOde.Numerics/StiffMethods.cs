namespace OsteoOde.Numerics;

/// <summary>The built-in stiff methods and the automatic switcher.</summary>
internal static class StiffMethods
{
    /// <summary>All stiff methods (then <c>auto</c>), in listing order.</summary>
    /// <returns>The methods.</returns>
    public static IEnumerable<IOdeMethod> All() => [];
}
