namespace OsteoOde.Numerics;

/// <summary>How an integration ended.</summary>
public enum OdeStatus
{
    /// <summary>The end time was reached.</summary>
    Success = 0,

    /// <summary>A terminal event fired; the result ends at the event time.</summary>
    StoppedByEvent = 1,

    /// <summary>The maximum number of steps was taken before the end time.</summary>
    MaxStepsReached = 2,

    /// <summary>The step size fell below what floating-point resolution allows at the current time.</summary>
    StepSizeTooSmall = 3,

    /// <summary>The state or its derivative became NaN or infinite and step reduction did not help.</summary>
    NonFiniteState = 4,

    /// <summary>The right-hand side, Jacobian or an event function threw an exception.</summary>
    RhsFailure = 5,
}
