using System.Reflection;
using Deedle;
using OsteoOde.Plotting;

namespace OsteoOde.Interactive;

/// <summary>Shows a <see cref="SeriesTable"/> as a compact HTML table (head and tail rows, units in headers).</summary>
public sealed class SeriesTableDisplay : HtmlDisplay<SeriesTable>
{
    /// <inheritdoc />
    public override string ToHtml(SeriesTable value) => HtmlTable.Render(value, OsteoDisplays.Tables);
}

/// <summary>
/// Shows any Deedle <c>Frame&lt;TRow, TColumn&gt;</c> as a compact HTML table (the default formatter writes megabytes).
/// </summary>
public sealed class DeedleFrameDisplay : GenericTableDisplay
{
    /// <summary>Creates the display.</summary>
    public DeedleFrameDisplay()
        : base(typeof(Frame<,>))
    {
    }
}

/// <summary>Shows any Deedle <c>Series&lt;TKey, TValue&gt;</c> as a compact two-column table.</summary>
public sealed class DeedleSeriesDisplay : GenericTableDisplay
{
    /// <summary>Creates the display.</summary>
    public DeedleSeriesDisplay()
        : base(typeof(Series<,>))
    {
    }
}

/// <summary>Display of an open generic Deedle type through the matching generic <see cref="HtmlTable"/>.Render overload.</summary>
public abstract class GenericTableDisplay : IHtmlDisplay
{
    private readonly MethodInfo _render;

    /// <summary>Creates the display for an open generic type with two type parameters.</summary>
    /// <param name="openType">For example <c>typeof(Frame&lt;,&gt;)</c>.</param>
    protected GenericTableDisplay(Type openType)
    {
        ArgumentNullException.ThrowIfNull(openType);
        DisplayedType = openType;
        _render = typeof(HtmlTable).GetMethods().Single(m =>
            m.Name == nameof(HtmlTable.Render) && m.IsGenericMethodDefinition &&
            m.GetParameters()[0].ParameterType.GetGenericTypeDefinition() == openType);
    }

    /// <inheritdoc />
    public Type DisplayedType { get; }

    /// <inheritdoc />
    public void WriteHtml(object value, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        var type = value.GetType();
        while (type is not null && !(type.IsGenericType && type.GetGenericTypeDefinition() == DisplayedType))
        {
            type = type.BaseType;
        }

        if (type is null)
        {
            throw new ArgumentException($"{value.GetType()} is not a {DisplayedType.Name}.", nameof(value));
        }

        var render = _render.MakeGenericMethod(type.GetGenericArguments());
        writer.Write((string)render.Invoke(null, [value, OsteoDisplays.Tables])!);
    }
}
