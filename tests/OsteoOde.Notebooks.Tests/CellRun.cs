namespace OsteoOde.Notebooks.Tests;

/// <summary>One formatted output of a cell (display, return value or console text).</summary>
internal sealed record CellOutput(string Kind, IReadOnlyDictionary<string, string> Data)
{
    public string? Html => Data.TryGetValue("text/html", out var v) ? v : null;

    public bool IsChart => Html?.Contains("class=\"osteo-figure\"", StringComparison.Ordinal) == true;

    public bool IsTable => Html?.Contains("class=\"osteo-table\"", StringComparison.Ordinal) == true;
}

/// <summary>What happened when a cell ran.</summary>
internal sealed class CellRun(NotebookCell cell)
{
    public NotebookCell Cell { get; } = cell;

    public List<CellOutput> Outputs { get; } = [];

    public List<string> Errors { get; } = [];

    public TimeSpan Duration { get; set; }

    public bool Skipped { get; set; }
}
