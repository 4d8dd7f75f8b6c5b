using System.Diagnostics;
using System.Reflection;

namespace OsteoOde.Cli;

/// <summary>Warns when timings come from unoptimised (Debug) code, where they mean little.</summary>
public static class BuildNote
{
    /// <summary>Whether the assembly was compiled with the JIT optimiser disabled (a Debug build).</summary>
    /// <param name="assembly">The assembly.</param>
    /// <returns>True for a Debug build.</returns>
    public static bool IsDebug(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true;
    }

    /// <summary>Writes a one-line note to <paramref name="error"/> when the timed code is a Debug build.</summary>
    /// <param name="error">Standard error.</param>
    /// <param name="command">Command name for the prefix.</param>
    /// <param name="timed">Assembly whose code is timed.</param>
    public static void WriteIfDebug(TextWriter error, string command, Assembly timed)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (IsDebug(timed))
        {
            error.WriteLine($"{command}: note: {timed.GetName().Name} is a Debug build, so timings are not representative; build with -c Release (dotnet run -c Release --project src/OsteoOde.Cli -- ...).");
        }
    }
}
