namespace OsteoOde.Numerics;

/// <summary>
/// Evaluates the dense output of one step from the coefficients a stepper wrote for it. Implementations are stateless
/// and shared, so a <see cref="DenseSolution"/> can store many steps as flat coefficient blocks.
/// </summary>
public interface IDenseFormat
{
    /// <summary>Number of doubles that describe one step of a problem of the given dimension.</summary>
    /// <param name="dimension">Problem dimension.</param>
    /// <returns>Coefficient count per step.</returns>
    int CoefficientCount(int dimension);

    /// <summary>Evaluates the interpolant of a step at time <paramref name="t"/>.</summary>
    /// <param name="coefficients">The step's coefficients, as written by <see cref="IOdeStepper.WriteDenseCoefficients"/>.</param>
    /// <param name="tStart">Start time of the step.</param>
    /// <param name="h">Step size.</param>
    /// <param name="t">Evaluation time, normally within [tStart, tStart + h].</param>
    /// <param name="y">Destination (length = dimension).</param>
    void Evaluate(ReadOnlySpan<double> coefficients, double tStart, double h, double t, Span<double> y);
}

/// <summary>
/// A solver as a small stepping object (habit 1 of the architecture): it holds the current state, advances by one accepted
/// step per <see cref="Step"/> call and exposes the dense output of the last step. <see cref="OdeSolver"/> drives it and
/// handles output times, stop times, timed actions and events. A stepper allocates its work arrays when created and
/// nothing per step.
/// <para>
/// Contract details the driver relies on: creating a stepper calls none of the problem's callbacks (the first
/// <see cref="Step"/> does); <see cref="Step"/> enforces <see cref="OdeOptions.MaxSteps"/> on attempts itself and reports a
/// throwing callback as <see cref="OdeStatus.RhsFailure"/>; <see cref="Interpolate"/> and
/// <see cref="WriteDenseCoefficients"/> may evaluate the right-hand side (lazily computed dense-output stages) and may
/// therefore throw a callback's exception, which the driver converts; once a new <see cref="Step"/> has started, the dense
/// output of the previous step is gone (after a failed step <see cref="TPrevious"/> equals <see cref="T"/>).
/// </para>
/// </summary>
public interface IOdeStepper
{
    /// <summary>Method name as registered in the catalog (for <c>auto</c>, the name of the method that took the last step is <see cref="ActiveMethodName"/>).</summary>
    string MethodName { get; }

    /// <summary>Method that took the last accepted step (differs from <see cref="MethodName"/> only for switching methods).</summary>
    string ActiveMethodName { get; }

    /// <summary>Problem dimension.</summary>
    int Dimension { get; }

    /// <summary>Current time (end of the last accepted step).</summary>
    double T { get; }

    /// <summary>Current state.</summary>
    ReadOnlySpan<double> Y { get; }

    /// <summary>Start time of the last accepted step (equals <see cref="T"/> before the first step and after a restart).</summary>
    double TPrevious { get; }

    /// <summary>Step size the controller proposes for the next step.</summary>
    double NextStepSize { get; }

    /// <summary><see cref="OdeStatus.Success"/> while the stepper can continue; otherwise why it stopped.</summary>
    OdeStatus Status { get; }

    /// <summary>When <see cref="Status"/> is a failure: a message giving t, h, the offending component by name and what to try.</summary>
    string? FailureMessage { get; }

    /// <summary>Work counters (live).</summary>
    SolverCounters Counters { get; }

    /// <summary>
    /// Takes one accepted step, retrying rejected attempts internally, never beyond <paramref name="tLimit"/>; a step that
    /// would pass it is shortened to end on it exactly.
    /// </summary>
    /// <param name="tLimit">Time the step must not pass.</param>
    /// <returns><see langword="true"/> when a step was accepted; <see langword="false"/> on failure (see <see cref="Status"/>).</returns>
    bool Step(double tLimit);

    /// <summary>
    /// Evaluates the dense output of the last accepted step at <paramref name="t"/> in [<see cref="TPrevious"/>, <see cref="T"/>]
    /// (at <see cref="T"/> it returns <see cref="Y"/> exactly; after a restart, the restart state).
    /// </summary>
    /// <param name="t">Time.</param>
    /// <param name="y">Destination.</param>
    void Interpolate(double t, Span<double> y);

    /// <summary>
    /// Restarts at (<paramref name="t"/>, <paramref name="y"/>) after a discontinuity (event, dose, input switch): derivative
    /// information is recomputed; the step size is kept as a first guess where that is safe.
    /// </summary>
    /// <param name="t">Restart time.</param>
    /// <param name="y">State at the restart time.</param>
    void Restart(double t, ReadOnlySpan<double> y);

    /// <summary>Format of the dense output of the last accepted step.</summary>
    IDenseFormat DenseFormat { get; }

    /// <summary>Writes the dense-output coefficients of the last accepted step (length <c>DenseFormat.CoefficientCount(Dimension)</c>).</summary>
    /// <param name="destination">Destination.</param>
    void WriteDenseCoefficients(Span<double> destination);
}

/// <summary>A named integration method that creates steppers.</summary>
public interface IOdeMethod
{
    /// <summary>Name used in options and on the command line (lower case, e.g. <c>dopri5</c>).</summary>
    string Name { get; }

    /// <summary>One-line description with order and reference.</summary>
    string Description { get; }

    /// <summary>Classical order of the propagated solution.</summary>
    int Order { get; }

    /// <summary>Whether the method is meant for stiff problems (uses a Jacobian).</summary>
    bool IsStiff { get; }

    /// <summary>Creates a stepper positioned at the problem's initial point.</summary>
    /// <param name="problem">Problem.</param>
    /// <param name="options">Validated options.</param>
    /// <returns>A new stepper.</returns>
    IOdeStepper CreateStepper(OdeProblem problem, OdeOptions options);
}
