using OsteoOde.Models.Aging;

namespace OsteoOde.Models.Tests;

/// <summary>The published models of the catalog (every id except the lifetime model, which is tested in <c>Aging/</c>).</summary>
internal static class Published
{
    public static IReadOnlyList<string> Ids { get; } = [.. ModelCatalog.Ids.Where(id => id != AgingModel.Id)];
}
