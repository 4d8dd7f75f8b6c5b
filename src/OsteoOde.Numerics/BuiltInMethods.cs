namespace OsteoOde.Numerics;

/// <summary>The methods shipped with OsteoOde, in the order they are listed to users.</summary>
internal static class BuiltInMethods
{
    /// <summary>All built-in methods.</summary>
    /// <returns>Explicit methods first, then stiff methods, then the automatic switcher.</returns>
    public static IEnumerable<IOdeMethod> All() => [.. ExplicitMethods.All(), .. StiffMethods.All()];
}
