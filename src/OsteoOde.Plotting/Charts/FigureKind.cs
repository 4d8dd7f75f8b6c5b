namespace OsteoOde.Plotting;

/// <summary>Layout family of a figure; overlays and grids only combine compatible kinds.</summary>
internal enum FigureKind
{
    /// <summary>Numeric x and y (lines, markers, bands).</summary>
    XY,

    /// <summary>Horizontal bars over parameter categories.</summary>
    Tornado,

    /// <summary>Colour map over a 2-D grid.</summary>
    Heatmap,

    /// <summary>Vertical bars over categories, segments stacked (negative segments below zero).</summary>
    StackedBars,
}
