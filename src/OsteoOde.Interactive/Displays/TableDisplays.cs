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
public sealed class DeedleFrameDisplay : IHtmlDisplay
{
    private static readonly MethodInfo RenderFrame = typeof(HtmlTable).GetMethods()
        .Single(m => m.Name == nameof(HtmlTable.Render) && m.IsGenericMethodDefinition);

    /// <inheritdoc />
    public Type DisplayedType => typeof(Frame<,>);

    /// <inheritdoc />
    public void WriteHtml(object value, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        var type = value.GetType();
        while (type is not null && !(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Frame<,>)))
        {
            type = type.BaseType;
        }

        if (type is null)
        {
            throw new ArgumentException($"{value.GetType()} is not a Deedle frame.", nameof(value));
        }

        var render = RenderFrame.MakeGenericMethod(type.GetGenericArguments());
        writer.Write((string)render.Invoke(null, [value, OsteoDisplays.Tables])!);
    }
}
