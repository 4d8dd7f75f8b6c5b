namespace OsteoOde.Testing;

/// <summary>The curated BioModels files shipped in tests/OsteoOde.Testing/Data/biomodels (see the README there).</summary>
public static class BioModels
{
    public static string Path(string file) =>
        System.IO.Path.Combine(TestData.RepositoryRoot, "tests", "OsteoOde.Testing", "Data", "biomodels", file);
}
