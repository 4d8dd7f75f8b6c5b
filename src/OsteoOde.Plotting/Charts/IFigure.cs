using Plotly.NET;

namespace OsteoOde.Plotting;

/// <summary>Anything that can be drawn: a single <see cref="Figure"/> or a <see cref="FigureGrid"/> of panels.</summary>
public interface IFigure
{
    /// <summary>Figure title, or null.</summary>
    string? Title { get; }

    /// <summary>Width in CSS pixels for HTML and static export.</summary>
    int Width { get; }

    /// <summary>Height in CSS pixels for HTML and static export.</summary>
    int Height { get; }

    /// <summary>Builds a fresh Plotly.NET chart (a new object on every call; changing it does not change this figure).</summary>
    GenericChart ToPlotly();
}
