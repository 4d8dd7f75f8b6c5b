namespace OsteoOde.Cli;

/// <summary>The built-in commands, in the order help lists them.</summary>
internal static class CommandSet
{
    /// <summary>All commands.</summary>
    /// <returns>The commands.</returns>
    public static IReadOnlyList<CliCommand> All() => [];
}
