using System.Collections.Immutable;
using Plotly.NET;

namespace OsteoOde.Plotting;

/// <summary>
/// Several figures as panels of one grid (row by row), each with its own axes and units. Panel titles are drawn above
/// each panel; a series that appears in several panels gets one legend entry.
/// </summary>
public sealed class FigureGrid : IFigure
{
    internal FigureGrid(ImmutableArray<Figure> panels, int rows, int columns)
    {
        Panels = panels;
        Rows = rows;
        Columns = columns;
        Width = Math.Max(Figure.DefaultWidth, 440 * columns);
        Height = (330 * rows) + 80;
    }

    private FigureGrid(FigureGrid other)
    {
        Panels = other.Panels;
        Rows = other.Rows;
        Columns = other.Columns;
        Width = other.Width;
        Height = other.Height;
        Title = other.Title;
    }

    /// <summary>Panels, row by row.</summary>
    public ImmutableArray<Figure> Panels { get; }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <inheritdoc />
    public string? Title { get; private init; }

    /// <inheritdoc />
    public int Width { get; private init; }

    /// <inheritdoc />
    public int Height { get; private init; }

    /// <summary>Same grid with an overall title (panel titles come from the panels' own titles).</summary>
    /// <param name="title">Title text; null or empty removes it.</param>
    public FigureGrid WithTitle(string? title) => new(this) { Title = string.IsNullOrWhiteSpace(title) ? null : title };

    /// <summary>Same grid with another overall size.</summary>
    /// <param name="width">Width in CSS pixels, 100 to 10000.</param>
    /// <param name="height">Height in CSS pixels, 100 to 10000.</param>
    public FigureGrid WithSize(int width, int height)
    {
        FigureChecks.Size(width, height);
        return new(this) { Width = width, Height = height };
    }

    /// <inheritdoc />
    public GenericChart ToPlotly()
    {
        var builder = new PlotlyBuilder(Width, Height, Title, showLegend: true);
        builder.SetGrid(Rows, Columns, Panels.Any(p => p.Kind == FigureKind.Heatmap));
        for (var i = 0; i < Panels.Length; i++)
        {
            builder.AddPanel(Panels[i], i + 1, Panels[i].Title);
        }

        return builder.Build();
    }
}
