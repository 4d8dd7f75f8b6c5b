namespace OsteoOde.Modeling;

/// <summary>A model could not be built; the message lists every problem found.</summary>
public class ModelException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Full message.</param>
    public ModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message (serialisation and tooling).</summary>
    public ModelException()
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    /// <param name="message">Full message.</param>
    /// <param name="innerException">Cause.</param>
    public ModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Structural problems: unknown or duplicate names, cycles among assignments, states without rate, missing parameter metadata, module switches.</summary>
public sealed class ModelValidationException : ModelException
{
    /// <summary>Creates the exception from the list of problems.</summary>
    /// <param name="modelId">Model id.</param>
    /// <param name="problems">One sentence per problem.</param>
    public ModelValidationException(string modelId, IReadOnlyList<string> problems)
        : base(ModelMessages.ValidationFailed(modelId, problems)) => Problems = problems;

    /// <summary>Creates the exception with no problems listed (tooling).</summary>
    public ModelValidationException() => Problems = [];

    /// <summary>Creates the exception with a single message (tooling).</summary>
    /// <param name="message">Message.</param>
    public ModelValidationException(string message)
        : base(message) => Problems = [message];

    /// <summary>Creates the exception wrapping another (tooling).</summary>
    /// <param name="message">Message.</param>
    /// <param name="innerException">Cause.</param>
    public ModelValidationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>Each problem, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }
}

/// <summary>
/// One dimensional-analysis failure: the equation (for example <c>d(OBp)/dt</c>), the offending term rendered as text,
/// and the two units that disagree.
/// </summary>
/// <param name="Equation">Equation label: <c>d(X)/dt</c>, an assignment name, <c>initial value of X</c>, <c>event 'e'</c>, <c>dose 'd'</c>.</param>
/// <param name="Term">The offending term or subexpression, rendered.</param>
/// <param name="FoundUnit">Unit found for the term.</param>
/// <param name="ExpectedUnit">Unit required by its context.</param>
/// <param name="Message">Complete sentence.</param>
public sealed record UnitIssue(string Equation, string Term, string FoundUnit, string ExpectedUnit, string Message);

/// <summary>Dimensional analysis failed; <see cref="Issues"/> lists every mismatch and the message names each one.</summary>
public sealed class ModelUnitException : ModelException
{
    /// <summary>Creates the exception from the list of issues.</summary>
    /// <param name="modelId">Model id.</param>
    /// <param name="issues">The mismatches (at least one).</param>
    public ModelUnitException(string modelId, IReadOnlyList<UnitIssue> issues)
        : base(ModelMessages.UnitCheckFailed(modelId, issues)) => Issues = issues;

    /// <summary>Creates the exception with no issues (tooling).</summary>
    public ModelUnitException() => Issues = [];

    /// <summary>Creates the exception with a message (tooling).</summary>
    /// <param name="message">Message.</param>
    public ModelUnitException(string message)
        : base(message) => Issues = [];

    /// <summary>Creates the exception wrapping another (tooling).</summary>
    /// <param name="message">Message.</param>
    /// <param name="innerException">Cause.</param>
    public ModelUnitException(string message, Exception innerException)
        : base(message, innerException) => Issues = [];

    /// <summary>All mismatches.</summary>
    public IReadOnlyList<UnitIssue> Issues { get; }

    /// <summary>Equation of the first mismatch.</summary>
    public string Equation => Issues.Count > 0 ? Issues[0].Equation : "";

    /// <summary>Offending term of the first mismatch.</summary>
    public string Term => Issues.Count > 0 ? Issues[0].Term : "";
}
