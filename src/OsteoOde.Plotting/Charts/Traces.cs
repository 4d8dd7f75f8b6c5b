using Plotly.NET;
using Plotly.NET.LayoutObjects;
using CS = Plotly.NET.CSharp;
using PColor = Plotly.NET.Color;

namespace OsteoOde.Plotting;

/// <summary>Backend-neutral description of one drawn element; rendered to plotly traces on demand.</summary>
internal abstract record TraceSpec(string Name)
{
    /// <summary>Number of plotly traces this element becomes.</summary>
    public virtual int PlotlyTraceCount => 1;

    public abstract IEnumerable<Trace> Render(PanelContext panel);

    /// <summary>NaN (missing value) becomes null, which plotly.js draws as a gap.</summary>
    protected static double?[] WithGaps(double[] values) => values.Select(v => double.IsNaN(v) ? (double?)null : v).ToArray();

    protected static void Place(Trace trace, PanelContext panel, string? legendGroup, bool showLegend)
    {
        if (panel.Number > 1)
        {
            trace.SetProperty("xaxis", panel.XRef);
            trace.SetProperty("yaxis", panel.YRef);
        }

        trace.SetProperty("legendgroup", legendGroup ?? string.Empty);
        trace.SetProperty("showlegend", showLegend);
    }

    protected static string DashName(LineDash dash) => dash switch
    {
        LineDash.Solid => "solid",
        LineDash.Dash => "dash",
        LineDash.Dot => "dot",
        LineDash.DashDot => "dashdot",
        LineDash.LongDash => "longdash",
        _ => throw new ArgumentOutOfRangeException(nameof(dash), dash, "Unknown dash style."),
    };
}

/// <summary>Where a figure is drawn: panel 1 uses axes x/y, panel k uses xk/yk; legend entries are shared across panels.</summary>
internal sealed class PanelContext(int number, HashSet<string> legendSeen, bool legendAllowed, double[]? xDomain = null, double[]? yDomain = null)
{
    public int Number { get; } = number;

    /// <summary>Horizontal extent of the panel in paper coordinates, or null for a single figure.</summary>
    public double[]? XDomain { get; } = xDomain;

    /// <summary>Vertical extent of the panel in paper coordinates, or null for a single figure.</summary>
    public double[]? YDomain { get; } = yDomain;

    public string XRef => Number == 1 ? "x" : $"x{Number}";

    public string YRef => Number == 1 ? "y" : $"y{Number}";

    public string XAxisKey => Number == 1 ? "xaxis" : $"xaxis{Number}";

    public string YAxisKey => Number == 1 ? "yaxis" : $"yaxis{Number}";

    /// <summary>
    /// True the first time a legend group is seen in a panel that shows its legend, so a series repeated in several
    /// panels gets one legend entry.
    /// </summary>
    public bool ClaimLegend(string group) => legendAllowed && legendSeen.Add(group);
}

internal sealed record LineSpec(string Name, double[] X, double[] Y, string Color, LineDash Dash, double Width, string? LegendGroup = null)
    : TraceSpec(Name)
{
    public override IEnumerable<Trace> Render(PanelContext panel)
    {
        var chart = CS.Chart.Line<double, double, string>(
            X, Y, Name: Name, LineColor: PColor.fromString(this.Color), LineWidth: Width,
            LineDash: DashStyle(Dash), UseDefaults: false);
        var trace = GenericChart.getTraces(chart).Head;
        trace.SetProperty("y", WithGaps(Y));
        var group = LegendGroup ?? Name;
        Place(trace, panel, group, panel.ClaimLegend(group));
        yield return trace;
    }

    private static StyleParam.DrawingStyle DashStyle(LineDash dash) => dash switch
    {
        LineDash.Solid => StyleParam.DrawingStyle.Solid,
        LineDash.Dash => StyleParam.DrawingStyle.Dash,
        LineDash.Dot => StyleParam.DrawingStyle.Dot,
        LineDash.DashDot => StyleParam.DrawingStyle.DashDot,
        LineDash.LongDash => StyleParam.DrawingStyle.LongDash,
        _ => throw new ArgumentOutOfRangeException(nameof(dash), dash, "Unknown dash style."),
    };
}

internal sealed record MarkerSpec(string Name, double[] X, double[] Y, double[]? YError, string Color, string Symbol, string? HoverNote)
    : TraceSpec(Name)
{
    public override IEnumerable<Trace> Render(PanelContext panel)
    {
        var chart = CS.Chart.Point<double, double, string>(X, Y, Name: Name, MarkerColor: PColor.fromString(this.Color), UseDefaults: false);
        var trace = GenericChart.getTraces(chart).Head;
        var marker = new DynamicObj.DynamicObj();
        marker.SetProperty("color", this.Color);
        marker.SetProperty("symbol", Symbol);
        marker.SetProperty("size", 8);
        trace.SetProperty("marker", marker);
        if (YError is not null)
        {
            var error = new DynamicObj.DynamicObj();
            error.SetProperty("type", "data");
            error.SetProperty("array", YError);
            error.SetProperty("visible", true);
            error.SetProperty("color", this.Color);
            error.SetProperty("thickness", 1.5);
            trace.SetProperty("error_y", error);
        }

        if (HoverNote is not null)
        {
            trace.SetProperty("hovertemplate", "%{x}, %{y}<br>" + PlotlyBuilder.Markup(HoverNote) + "<extra>%{fullData.name}</extra>");
        }

        Place(trace, panel, Name, panel.ClaimLegend(Name));
        yield return trace;
    }
}

/// <summary>A shaded region between two curves: an invisible lower edge followed by an upper edge filled down to it.</summary>
internal sealed record BandSpec(string Name, double[] X, double[] Lower, double[] Upper, string FillColor, string LegendGroup)
    : TraceSpec(Name)
{
    public override int PlotlyTraceCount => 2;

    public override IEnumerable<Trace> Render(PanelContext panel)
    {
        var lower = GenericChart.getTraces(CS.Chart.Line<double, double, string>(
            X, Lower, Name: Name + " (lower)", LineWidth: 0.0, LineColor: PColor.fromString(FillColor), UseDefaults: false)).Head;
        Place(lower, panel, LegendGroup, false);
        lower.SetProperty("hoverinfo", "skip");
        yield return lower;

        var upper = GenericChart.getTraces(CS.Chart.Line<double, double, string>(
            X, Upper, Name: Name, LineWidth: 0.0, LineColor: PColor.fromString(FillColor),
            Fill: StyleParam.Fill.ToNext_y, FillColor: PColor.fromString(FillColor), UseDefaults: false)).Head;
        Place(upper, panel, LegendGroup, panel.ClaimLegend(LegendGroup + "|band"));
        upper.SetProperty("hoverinfo", "skip");
        yield return upper;
    }
}

/// <summary>Horizontal bars starting at <see cref="Base"/> (tornado halves).</summary>
internal sealed record BarSpec(string Name, string[] Categories, double[] Ends, double Base, string Color)
    : TraceSpec(Name)
{
    public override IEnumerable<Trace> Render(PanelContext panel)
    {
        var lengths = Ends.Select(e => e - Base).ToArray();
        var chart = CS.Chart.Bar<double, string, string>(lengths, Keys: Categories, Name: Name, MarkerColor: PColor.fromString(this.Color), UseDefaults: false);
        var trace = GenericChart.getTraces(chart).Head;
        trace.SetProperty("base", Base);
        trace.SetProperty("orientation", "h");
        trace.SetProperty("customdata", Ends);
        trace.SetProperty("hovertemplate", "%{y}: %{customdata:.4g}<extra>%{fullData.name}</extra>");
        Place(trace, panel, Name, panel.ClaimLegend(Name));
        yield return trace;
    }
}

/// <summary>One segment of vertical stacked bars: its value in each category (stacked by plotly's "relative" bar mode).</summary>
internal sealed record StackSegmentSpec(string Name, string[] Categories, double[] Values, string Color)
    : TraceSpec(Name)
{
    public override IEnumerable<Trace> Render(PanelContext panel)
    {
        var chart = CS.Chart.Column<double, string, string>(Values, Keys: Categories, Name: Name, MarkerColor: PColor.fromString(this.Color), UseDefaults: false);
        var trace = GenericChart.getTraces(chart).Head;
        trace.SetProperty("x", Categories);
        trace.SetProperty("y", WithGaps(Values));
        trace.SetProperty("orientation", "v");
        trace.SetProperty("hovertemplate", "%{x}: %{y:.4g}<extra>%{fullData.name}</extra>");
        Place(trace, panel, Name, panel.ClaimLegend(Name));
        yield return trace;
    }
}

internal sealed record HeatmapSpec(string Name, double[] X, double[] Y, double[][] Z, string ColorBarTitle, string ColorScale)
    : TraceSpec(Name)
{
    public override IEnumerable<Trace> Render(PanelContext panel)
    {
        var chart = CS.Chart.Heatmap<double, double, double, string>(Z, X: X, Y: Y, Name: Name, UseDefaults: false);
        var trace = GenericChart.getTraces(chart).Head;
        // NaN (failed scan point) becomes null, which plotly.js leaves blank.
        trace.SetProperty("z", Z.Select(row => row.Select(v => double.IsNaN(v) ? (double?)null : v).ToArray()).ToArray());
        trace.SetProperty("colorscale", ColorScale);
        var colorBar = new DynamicObj.DynamicObj();
        var title = new DynamicObj.DynamicObj();
        title.SetProperty("text", ColorBarTitle);
        title.SetProperty("side", "right");
        colorBar.SetProperty("title", title);
        if (panel.XDomain is { } xd && panel.YDomain is { } yd)
        {
            // In a grid the colour bar sits right of its own panel instead of at the page edge.
            colorBar.SetProperty("x", xd[1] + 0.01);
            colorBar.SetProperty("xanchor", "left");
            colorBar.SetProperty("y", (yd[0] + yd[1]) / 2);
            colorBar.SetProperty("yanchor", "middle");
            colorBar.SetProperty("len", yd[1] - yd[0]);
            colorBar.SetProperty("thickness", 14);
        }

        trace.SetProperty("colorbar", colorBar);
        Place(trace, panel, Name, false);
        yield return trace;
    }
}
