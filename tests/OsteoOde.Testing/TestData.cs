namespace OsteoOde.Testing;

/// <summary>Locates data files shipped with the repository for tests.</summary>
public static class TestData
{
    /// <summary>The repository root (the folder holding OsteoOde.sln), found by walking up from the test binary.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OsteoOde.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("OsteoOde.sln not found above " + AppContext.BaseDirectory);
    }
}
