namespace OsteoOde.Modeling.Sbml;

/// <summary>
/// An SBML document could not be imported: malformed XML, missing required content, or a model that would not build.
/// The message names the SBML element and its id.
/// </summary>
public class SbmlImportException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Full message.</param>
    /// <param name="elementName">SBML element, for example <c>rateRule</c>.</param>
    /// <param name="elementId">Id (or variable) of that element, when it has one.</param>
    /// <param name="innerException">Cause, if any.</param>
    public SbmlImportException(string message, string? elementName, string? elementId, Exception? innerException = null)
        : base(message, "document", innerException)
    {
        ElementName = elementName;
        ElementId = elementId;
    }

    /// <summary>Creates the exception with no message (tooling).</summary>
    public SbmlImportException()
    {
    }

    /// <summary>Creates the exception with a message (tooling).</summary>
    /// <param name="message">Message.</param>
    public SbmlImportException(string message)
        : base(message, "document")
    {
    }

    /// <summary>Creates the exception wrapping another (tooling).</summary>
    /// <param name="message">Message.</param>
    /// <param name="innerException">Cause.</param>
    public SbmlImportException(string message, Exception innerException)
        : base(message, "document", innerException)
    {
    }

    /// <summary>SBML element the problem is in, for example <c>event</c>.</summary>
    public string? ElementName { get; }

    /// <summary>Id (or variable/symbol) of that element.</summary>
    public string? ElementId { get; }
}

/// <summary>
/// The document uses an SBML construct the importer does not translate (algebraic rules, delays, variable compartments,
/// trigonometric functions of variables, packages, ...). Raised instead of importing a model that would behave differently.
/// </summary>
public sealed class SbmlUnsupportedException : SbmlImportException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Full message.</param>
    /// <param name="elementName">SBML element.</param>
    /// <param name="elementId">Its id.</param>
    public SbmlUnsupportedException(string message, string? elementName, string? elementId)
        : base(message, elementName, elementId)
    {
    }

    /// <summary>Creates the exception with no message (tooling).</summary>
    public SbmlUnsupportedException()
    {
    }

    /// <summary>Creates the exception with a message (tooling).</summary>
    /// <param name="message">Message.</param>
    public SbmlUnsupportedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping another (tooling).</summary>
    /// <param name="message">Message.</param>
    /// <param name="innerException">Cause.</param>
    public SbmlUnsupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
