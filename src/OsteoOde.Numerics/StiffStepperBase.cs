namespace OsteoOde.Numerics;

/// <summary>
/// State, status and failure handling shared by the stiff steppers: current point, last step, counters, the conversion of
/// user-callback exceptions into <see cref="OdeStatus.RhsFailure"/>, and failure messages naming t, h and a component.
/// </summary>
internal abstract class StiffStepperBase : IOdeStepper
{
    private const string RhsName = "right-hand side";
    private const string JacobianName = "Jacobian";

    private string _callback = RhsName;

    protected StiffStepperBase(string name, OdeProblem problem, OdeOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        MethodName = name;
        Problem = problem;
        N = problem.Dimension;
        Rhs = problem.Rhs;
        Counters = new SolverCounters();
        TCurrent = problem.T0;
        TPrev = problem.T0;
        YCurrent = (double[])problem.Y0.Clone();
        YPrev = (double[])problem.Y0.Clone();
    }

    public string MethodName { get; }

    public virtual string ActiveMethodName => MethodName;

    public int Dimension => N;

    public double T => TCurrent;

    public ReadOnlySpan<double> Y => YCurrent;

    public double TPrevious => TPrev;

    public abstract double NextStepSize { get; }

    public OdeStatus Status { get; private set; }

    public string? FailureMessage { get; private set; }

    public SolverCounters Counters { get; }

    public abstract IDenseFormat DenseFormat { get; }

    /// <summary>
    /// Test hook: when positive, every step has exactly this size (the last one clipped to tLimit) and the error estimate
    /// never rejects; Newton iterations still converge to the tolerances. Used to measure convergence orders.
    /// </summary>
    internal double FixedStepSize { get; set; }

    protected OdeProblem Problem { get; }

    protected int N { get; }

    protected OdeFunction Rhs { get; }

    /// <summary>Current time.</summary>
    protected double TCurrent { get; set; }

    /// <summary>Start of the last accepted step.</summary>
    protected double TPrev { get; set; }

    /// <summary>Current state (the array may be swapped by the stepper).</summary>
    protected double[] YCurrent { get; set; }

    /// <summary>State at the start of the last accepted step.</summary>
    protected double[] YPrev { get; set; }

    public bool Step(double tLimit)
    {
        if (Status != OdeStatus.Success)
        {
            return false;
        }

        if (!(tLimit > TCurrent))
        {
            throw new ArgumentOutOfRangeException(nameof(tLimit), tLimit, $"tLimit must be greater than the current time {TCurrent.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        try
        {
            return StepCore(tLimit);
        }
#pragma warning disable CA1031 // A user callback may throw anything; it becomes a status, never an exception out of Step.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Fail(OdeStatus.RhsFailure, SolverMessages.CallbackFailed(MethodName, TCurrent, _callback, error));
            return false;
        }
    }

    public abstract void Interpolate(double t, Span<double> y);

    public abstract void WriteDenseCoefficients(Span<double> destination);

    public void Restart(double t, ReadOnlySpan<double> y)
    {
        if (y.Length != N)
        {
            throw new ArgumentException($"The restart state has {y.Length} components; the problem has {N}.", nameof(y));
        }

        TCurrent = t;
        TPrev = t;
        y.CopyTo(YCurrent);
        y.CopyTo(YPrev);
        if (Status != OdeStatus.Success)
        {
            Status = OdeStatus.Success;
            FailureMessage = null;
        }

        OnRestart();
    }

    /// <summary>One accepted step; user callbacks may throw (handled by <see cref="Step"/>).</summary>
    protected abstract bool StepCore(double tLimit);

    /// <summary>Forget derivative information after a restart.</summary>
    protected abstract void OnRestart();

    /// <summary>Calls the right-hand side and counts it.</summary>
    protected void CallRhs(double t, double[] y, double[] dydt)
    {
        Counters.RhsEvaluations++;
        Rhs(t, y, dydt);
    }

    /// <summary>Evaluates the Jacobian; on a non-finite entry records the failure and returns false.</summary>
    protected bool EvaluateJacobian(JacobianEvaluator jacobian, double t, double[] y, double[] f0, double[] destination, double h)
    {
        _callback = JacobianName;
        var bad = jacobian.Evaluate(t, y, f0, destination);
        _callback = RhsName;
        if (bad < 0)
        {
            return true;
        }

        Fail(OdeStatus.NonFiniteState, SolverMessages.JacobianNotFinite(
            MethodName, t, h, Problem.ComponentName(bad / N), Problem.ComponentName(bad % N), jacobian.IsAnalytic));
        return false;
    }

    /// <summary>Records a failure; the stepper refuses further steps until restarted.</summary>
    protected bool Fail(OdeStatus status, string message)
    {
        Status = status;
        FailureMessage = message;
        return false;
    }

    /// <summary>Fails with <see cref="OdeStatus.MaxStepsReached"/> when the attempt budget is used up.</summary>
    protected bool AttemptsExhausted(int maxSteps, double h)
    {
        if (Counters.AcceptedSteps + Counters.RejectedSteps < maxSteps)
        {
            return false;
        }

        Fail(OdeStatus.MaxStepsReached, SolverMessages.MaxSteps(MethodName, TCurrent, h, maxSteps));
        return true;
    }

    /// <summary>Index of the component with the largest scaled value of <paramref name="v"/>, or −1 when none is finite.</summary>
    protected static int LargestScaled(ReadOnlySpan<double> v, ReadOnlySpan<double> scale)
    {
        var best = -1;
        var max = -1.0;
        for (var i = 0; i < v.Length; i++)
        {
            var r = Math.Abs(v[i]) / scale[i];
            if (double.IsNaN(r) || r > max)
            {
                if (double.IsNaN(r))
                {
                    return i;
                }

                max = r;
                best = i;
            }
        }

        return best;
    }
}
