using OsteoOde.Modeling;
using OsteoOde.Models.Aging;

namespace OsteoOde.Models.Tests.Aging;

/// <summary>The unrolled age-25 solve is one line in rendered equations and stays covered by the content hash.</summary>
public class RenderingTests
{
    private const string SolveLine = "- `ss25_x0` … `ss25_x12` (61 internal assignments): age-25 steady state of the cell block: "
        + "safeguarded Newton solve, 12 iterations, see PivonkaStructure.DeclareSteadyState";

    [Theory]
    [InlineData(Sex.Female)]
    [InlineData(Sex.Male)]
    public void TheAgeTwentyFiveHelpersRenderAsOneLine(Sex sex)
    {
        var model = AgingModel.Create(sex);
        var lines = ModelRenderer.EquationsMarkdown(model).Split('\n');
        Assert.Equal(SolveLine, Assert.Single(lines, l => l.Contains("ss25_", StringComparison.Ordinal) && !l.StartsWith("- `OCa_25", StringComparison.Ordinal)
            && !l.StartsWith("- `OBp_25", StringComparison.Ordinal) && !l.StartsWith("- `OBa_25", StringComparison.Ordinal)));
        foreach (var result in new[] { "OBp_25", "OBa_25", "OCa_25" })
        {
            Assert.Single(lines, l => l.StartsWith($"- `{result} = ", StringComparison.Ordinal));
        }

        // 1 start + 12 × (g, dg, lo, hi, x): listed one by one on request, each with its defining expression.
        var expanded = ModelRenderer.EquationsMarkdown(model, expandInternal: true).Split('\n');
        Assert.Equal(61, expanded.Count(l => l.StartsWith("- `ss25_", StringComparison.Ordinal)));
        Assert.Contains(expanded, l => l.StartsWith("- `ss25_x12 = ", StringComparison.Ordinal));
        Assert.Equal(61, model.Assignments.Count(a => a.Group?.Name == "ss25"));

        // The hash covers every helper (they change numbers): each one has its line in the canonical text.
        var canonical = ModelFingerprint.CanonicalText(model).Split('\n');
        Assert.Equal(61, canonical.Count(l => l.StartsWith("assignment ss25_", StringComparison.Ordinal)));
    }
}
