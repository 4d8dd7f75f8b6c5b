using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;

namespace OsteoOde.Interactive;

/// <summary>
/// The kernel that notebooks talk to: a composite kernel with one C# kernel that already references OsteoOde, Plotly.NET
/// and Deedle (magic commands such as <c>#r "nuget:"</c> cannot reach a connected kernel) and shows figures and tables
/// through <see cref="OsteoDisplays"/>. Used by the kernel host process and by the in-process notebook runner.
/// </summary>
public static class OsteoKernel
{
    /// <summary>Name of the C# subkernel.</summary>
    public const string CSharpKernelName = "csharp";

    /// <summary>Assemblies whose public types notebook code can use without any <c>#r</c>.</summary>
    public static IReadOnlyList<System.Reflection.Assembly> ReferencedAssemblies { get; } =
    [
        typeof(Plotting.Figure).Assembly,
        typeof(Numerics.OdeSolver).Assembly,
        typeof(Plotly.NET.GenericChart).Assembly,
        typeof(Plotly.NET.CSharp.Chart).Assembly,
        typeof(DynamicObj.DynamicObj).Assembly,
        typeof(Deedle.Frame).Assembly,
        typeof(Microsoft.FSharp.Core.FSharpOption<>).Assembly,
        typeof(OsteoKernel).Assembly,
    ];

    /// <summary>Creates the composite kernel with the C# subkernel as default and the displays registered.</summary>
    /// <param name="csharpAliases">Extra names under which the C# kernel answers (the in-process runner uses the notebook's connected kernel name).</param>
    public static CompositeKernel Create(params string[] csharpAliases)
    {
        ArgumentNullException.ThrowIfNull(csharpAliases);
        OsteoDisplays.Register();
        var csharp = new CSharpKernel(CSharpKernelName).UseKernelHelpers();
        csharp.AddAssemblyReferences(ReferencedAssemblies.Select(a => a.Location).Concat(SiblingAssemblies()).Distinct(StringComparer.Ordinal));
        var composite = new CompositeKernel("osteo-host");
        composite.Add(csharp, csharpAliases);
        composite.DefaultKernelName = CSharpKernelName;
        return composite;
    }

    /// <summary>Other OsteoOde assemblies deployed next to this one (models and analysis layers as they appear).</summary>
    private static IEnumerable<string> SiblingAssemblies()
    {
        var dir = Path.GetDirectoryName(typeof(OsteoKernel).Assembly.Location);
        return dir is null ? [] : Directory.EnumerateFiles(dir, "OsteoOde.*.dll").Where(p => !p.EndsWith(".Tests.dll", StringComparison.Ordinal) && !p.Contains(".Testing", StringComparison.Ordinal));
    }
}
