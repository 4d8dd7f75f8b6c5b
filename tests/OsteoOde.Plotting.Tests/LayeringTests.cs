namespace OsteoOde.Plotting.Tests;

public class LayeringTests
{
    [Fact]
    public void Plotting_library_does_not_depend_on_the_notebook_stack()
    {
        var references = typeof(Figure).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
        Assert.Contains("Plotly.NET", references);
        Assert.Contains("Deedle", references);
    }

    [Fact]
    public void Plotly_js_bundle_is_the_version_the_docs_name()
    {
        Assert.StartsWith($"/**\n* plotly.js v{PlotlyJs.Version}", PlotlyJs.Source);
        Assert.InRange(PlotlyJs.Source.Length, 3_000_000, 4_500_000);
    }
}
