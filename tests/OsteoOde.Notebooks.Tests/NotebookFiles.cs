using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace OsteoOde.Notebooks.Tests;

/// <summary>One cell to execute: its position, the kernel named by its metadata, its code and its Jupyter tags.</summary>
internal sealed record NotebookCell(int Index, string KernelName, string Code, IReadOnlyList<string> Tags)
{
    public bool IsConnect => Code.TrimStart().StartsWith("#!connect", StringComparison.Ordinal);

    public bool ExpectsChart => Tags.Contains("expect-chart");

    public bool ExpectsTable => Tags.Contains("expect-table");
}

/// <summary>Locates the repository and its notebooks, and parses them with the .NET Interactive document model.</summary>
internal static class NotebookFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string NotebookFolder => Path.Combine(RepositoryRoot, "notebooks");

    public static string KernelHostDll => Path.Combine(RepositoryRoot, "artifacts", "kernel-host", "OsteoOde.KernelHost.dll");

    /// <summary>Where executed copies go (ignored by git).</summary>
    public static string OutputFolder(string runner) =>
        Path.Combine(RepositoryRoot, "tests", "OsteoOde.Notebooks.Tests", "TestResults", "executed-notebooks", runner);

    public static IEnumerable<object[]> All() =>
        Directory.EnumerateFiles(NotebookFolder, "*.ipynb").Order(StringComparer.Ordinal).Select(p => new object[] { Path.GetFileName(p) });

    /// <summary>
    /// Parses a notebook. Only the C# kernel is declared to the parser, so a cell keeps the kernel its metadata names (as
    /// VS Code sends it) even when its first line selects another kernel.
    /// </summary>
    public static InteractiveDocument Parse(string fileName)
    {
        var json = File.ReadAllText(Path.Combine(NotebookFolder, fileName));
        return Notebook.Parse(json, KernelInfos());
    }

    public static KernelInfoCollection KernelInfos() =>
        [new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp", "C#", ["c#", "C#"])];

    public static IReadOnlyList<NotebookCell> CodeCells(InteractiveDocument document) =>
        document.Elements
            .Select((e, i) => (Element: e, Index: i))
            .Where(x => x.Element.KernelName != "markdown" && !string.IsNullOrWhiteSpace(x.Element.Contents))
            .Select(x => new NotebookCell(x.Index, x.Element.KernelName ?? "csharp", x.Element.Contents, Tags(x.Element)))
            .ToArray();

    /// <summary>Writes the document with the outputs collected by a runner.</summary>
    public static string WriteExecuted(InteractiveDocument document, string runner, string fileName)
    {
        var folder = OutputFolder(runner);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        using var stream = File.Create(path);
        Notebook.Write(document, stream, KernelInfos());
        return path;
    }

    private static string[] Tags(InteractiveDocumentElement element)
    {
        if (element.Metadata is null || !element.Metadata.TryGetValue("tags", out var tags))
        {
            return [];
        }

        return tags switch
        {
            IEnumerable<object> list => list.Select(t => t?.ToString() ?? string.Empty).ToArray(),
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(t => t.GetString() ?? string.Empty).ToArray(),
            _ => [],
        };
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OsteoOde.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OsteoOde.sln above {AppContext.BaseDirectory}.");
    }
}
