using System.Globalization;
using Plotly.NET;

namespace OsteoOde.Plotting;

/// <summary>
/// Turns figure descriptions into one Plotly.NET chart. Layout entries use plotly.js attribute names
/// (https://plotly.com/javascript/reference/) because the C# layer of Plotly.NET does not cover shapes, annotations
/// or subplot grids.
/// </summary>
internal sealed class PlotlyBuilder(int width, int height, string? title, bool showLegend)
{
    private readonly List<Trace> _traces = [];
    private readonly List<object> _shapes = [];
    private readonly List<object> _annotations = [];
    private readonly HashSet<string> _legendSeen = new(StringComparer.Ordinal);
    private readonly Layout _layout = new();
    private bool _anyLegend;
    private int _rows;
    private int _columns;
    private bool _colorBarInLastColumn;
    private double _xGap;
    private double _yGap;

    /// <summary>Lays panels out row by row; gaps leave room for tick labels, axis titles and colour bars.</summary>
    public void SetGrid(int rows, int columns, bool hasHeatmap)
    {
        _rows = rows;
        _columns = columns;
        _xGap = columns > 1 ? (hasHeatmap ? 0.16 : 0.1) : 0.0;
        _yGap = rows > 1 ? 0.16 : 0.0;
    }

    private (double[] X, double[] Y) Domain(int number)
    {
        var r = (number - 1) / _columns;
        var c = (number - 1) % _columns;
        var w = (1.0 - ((_columns - 1) * _xGap)) / _columns;
        var h = (1.0 - ((_rows - 1) * _yGap)) / _rows;
        var x0 = c * (w + _xGap);
        var y1 = 1.0 - (r * (h + _yGap));
        return ([Math.Round(x0, 6), Math.Round(x0 + w, 6)], [Math.Round(y1 - h, 6), Math.Round(y1, 6)]);
    }

    public void AddPanel(Figure figure, int number, string? panelTitle)
    {
        double[]? xDomain = null, yDomain = null;
        if (_rows > 0)
        {
            (xDomain, yDomain) = Domain(number);
            _colorBarInLastColumn |= figure.Kind == FigureKind.Heatmap && (number - 1) % _columns == _columns - 1;
        }

        var panel = new PanelContext(number, _legendSeen, figure.ShowLegend, xDomain, yDomain);
        foreach (var spec in figure.Traces)
        {
            _traces.AddRange(spec.Render(panel));
        }

        _anyLegend |= figure.ShowLegend && figure.Kind != FigureKind.Heatmap;
        var xAxis = AxisObject(figure.XAxis, categorical: figure.Kind == FigureKind.StackedBars, reversed: false);
        var yAxis = AxisObject(figure.YAxis, categorical: figure.Kind == FigureKind.Tornado, reversed: true);
        if (xDomain is not null && yDomain is not null)
        {
            xAxis.SetProperty("domain", xDomain);
            xAxis.SetProperty("anchor", panel.YRef);
            yAxis.SetProperty("domain", yDomain);
            yAxis.SetProperty("anchor", panel.XRef);
        }

        _layout.SetProperty(panel.XAxisKey, xAxis);
        _layout.SetProperty(panel.YAxisKey, yAxis);

        if (figure.Kind == FigureKind.StackedBars)
        {
            // Positive segments stack upwards and negative ones downwards from zero (a negative Shapley share is visible).
            _layout.SetProperty("barmode", "relative");
            _shapes.Add(HorizontalLine(panel, 0));
        }

        if (figure.Kind == FigureKind.Tornado)
        {
            _layout.SetProperty("barmode", "overlay");
            _shapes.Add(VerticalLine(panel, ((BarSpec)figure.Traces[0]).Base));
        }

        foreach (var line in figure.Thresholds)
        {
            // Shapes take data values on log axes, annotations take log10 values (plotly.js convention).
            _shapes.Add(Obj(
                ("type", "line"), ("xref", panel.XRef + " domain"), ("x0", 0.0), ("x1", 1.0),
                ("yref", panel.YRef), ("y0", line.Value), ("y1", line.Value),
                ("line", Obj(("color", line.Color), ("width", 1.5), ("dash", DashName(line.Dash))))));
            _annotations.Add(Obj(
                ("xref", panel.XRef + " domain"), ("x", 1.0), ("xanchor", "right"),
                ("yref", panel.YRef), ("y", figure.YAxis.Scale == AxisScale.Log ? Math.Log10(line.Value) : line.Value), ("yanchor", "bottom"),
                ("text", Markup(line.Label)), ("showarrow", false),
                ("font", Obj(("color", line.Color), ("size", 12)))));
        }

        if (panelTitle is not null)
        {
            _annotations.Add(Obj(
                ("xref", panel.XRef + " domain"), ("x", 0.5), ("xanchor", "center"),
                ("yref", panel.YRef + " domain"), ("y", 1.0), ("yanchor", "bottom"), ("yshift", 4),
                ("text", "<b>" + Markup(panelTitle) + "</b>"), ("showarrow", false),
                ("font", Obj(("size", 14)))));
        }
    }

    public GenericChart Build()
    {
        _layout.SetProperty("width", width);
        _layout.SetProperty("height", height);
        _layout.SetProperty("showlegend", showLegend && _anyLegend);
        _layout.SetProperty("hovermode", "closest");
        _layout.SetProperty("margin", Obj(("l", 70), ("r", 30), ("t", title is null ? 40 : 70), ("b", 60)));
        _layout.SetProperty("font", Obj(("family", "Arial, Helvetica, sans-serif"), ("size", 13)));
        if (_colorBarInLastColumn)
        {
            _layout.SetProperty("legend", Obj(("x", 1.1), ("xanchor", "left")));
        }

        if (title is not null)
        {
            _layout.SetProperty("title", Obj(("text", Markup(title)), ("x", 0.5), ("xanchor", "center")));
        }

        if (_shapes.Count > 0)
        {
            _layout.SetProperty("shapes", _shapes.ToArray());
        }

        if (_annotations.Count > 0)
        {
            _layout.SetProperty("annotations", _annotations.ToArray());
        }

        var config = new Config();
        config.SetProperty("responsive", true);
        config.SetProperty("displaylogo", false);
        // The camera button in the chart saves an SVG: vector output is what papers need.
        config.SetProperty("toImageButtonOptions", Obj(("format", "svg"), ("filename", "figure"), ("width", width), ("height", height)));

        var chart = GenericChart.ofTraceObjects(false, _traces);
        chart = GenericChart.setLayout(_layout, chart);
        return GenericChart.setConfig(config, chart);
    }

    private static DynamicObj.DynamicObj AxisObject(Axis axis, bool categorical, bool reversed)
    {
        var o = Obj(
            ("title", Obj(("text", Markup(axis.Title)))),
            ("automargin", true),
            ("zeroline", false),
            ("showline", true),
            ("linecolor", "#444444"),
            ("ticks", "outside"),
            ("mirror", false));
        if (categorical)
        {
            o.SetProperty("type", "category");
            if (reversed)
            {
                // Tornado bars are added largest first; reversed so the largest swing is on top.
                o.SetProperty("autorange", "reversed");
            }
        }
        else
        {
            o.SetProperty("type", axis.Scale == AxisScale.Log ? "log" : "linear");
            // Powers of ten (8×10⁻⁴, 1.4×10¹⁰) instead of plotly's SI suffixes: "800µ pM" or "14B vesicle/mL" misread as units.
            o.SetProperty("exponentformat", "power");
            if (axis.Min is { } lo && axis.Max is { } hi)
            {
                o.SetProperty("range", axis.Scale == AxisScale.Log ? new[] { Math.Log10(lo), Math.Log10(hi) } : new[] { lo, hi });
            }
            else if (axis.Min is not null || axis.Max is not null)
            {
                var lo2 = axis.Min is { } a ? (object)(axis.Scale == AxisScale.Log ? Math.Log10(a) : a) : null!;
                var hi2 = axis.Max is { } b ? (object)(axis.Scale == AxisScale.Log ? Math.Log10(b) : b) : null!;
                o.SetProperty("range", new[] { lo2, hi2 });
                o.SetProperty("autorange", axis.Min is null ? "min" : "max");
            }
        }

        return o;
    }

    private static DynamicObj.DynamicObj HorizontalLine(PanelContext panel, double y) => Obj(
        ("type", "line"), ("xref", panel.XRef + " domain"), ("x0", 0.0), ("x1", 1.0),
        ("yref", panel.YRef), ("y0", y), ("y1", y),
        ("line", Obj(("color", "#444444"), ("width", 1.0))));

    private static DynamicObj.DynamicObj VerticalLine(PanelContext panel, double x) => Obj(
        ("type", "line"), ("xref", panel.XRef), ("x0", x), ("x1", x),
        ("yref", panel.YRef + " domain"), ("y0", 0.0), ("y1", 1.0),
        ("line", Obj(("color", "#444444"), ("width", 1.0))));

    private static string DashName(LineDash dash) => dash switch
    {
        LineDash.Solid => "solid",
        LineDash.Dash => "dash",
        LineDash.Dot => "dot",
        LineDash.DashDot => "dashdot",
        LineDash.LongDash => "longdash",
        _ => throw new ArgumentOutOfRangeException(nameof(dash), dash, "Unknown dash style."),
    };

    internal static DynamicObj.DynamicObj Obj(params (string Key, object Value)[] properties)
    {
        var o = new DynamicObj.DynamicObj();
        foreach (var (key, value) in properties)
        {
            o.SetProperty(key, value);
        }

        return o;
    }

    /// <summary>Escapes text for plotly's HTML-like label markup (only &amp;, &lt;, &gt;; other characters stay readable).</summary>
    internal static string Markup(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    internal static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
