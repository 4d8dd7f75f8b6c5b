namespace OsteoOde.Interactive;

/// <summary>
/// How one type is shown in a notebook as HTML. Adding a display for a new type (simulation result, parameter set, model)
/// is one small class deriving from <see cref="HtmlDisplay{T}"/> plus one line in <see cref="OsteoDisplays.All"/>.
/// </summary>
public interface IHtmlDisplay
{
    /// <summary>Type handled; may be an open generic type definition such as <c>Frame&lt;,&gt;</c>.</summary>
    Type DisplayedType { get; }

    /// <summary>Writes the HTML for a value of <see cref="DisplayedType"/>.</summary>
    /// <param name="value">Value to show.</param>
    /// <param name="writer">Output.</param>
    void WriteHtml(object value, TextWriter writer);
}

/// <summary>Base class for a display of values of type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">Displayed type.</typeparam>
public abstract class HtmlDisplay<T> : IHtmlDisplay
{
    /// <inheritdoc />
    public virtual Type DisplayedType => typeof(T);

    /// <inheritdoc />
    public void WriteHtml(object value, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(ToHtml((T)value));
    }

    /// <summary>The HTML for one value.</summary>
    /// <param name="value">Value to show.</param>
    public abstract string ToHtml(T value);
}
