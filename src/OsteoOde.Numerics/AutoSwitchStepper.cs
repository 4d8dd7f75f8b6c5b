namespace OsteoOde.Numerics;

/// <summary>
/// Automatic stiffness switching (the idea of LSODA and of OrdinaryDiffEq's AutoTsit5(Rodas5P)): integrates with the explicit
/// tsit5 while the problem is non-stiff and with the Rosenbrock rodas5p while it is stiff.
/// <list type="bullet">
/// <item>Explicit → stiff: tsit5's stiffness indicator |hλ| (Hairer's DOPRI5 test) is above 0.9 of its real stability
/// boundary on 15 accepted steps without 6 consecutive steps below it (DOPRI5's rule); or, checked every max(20, 2n)
/// steps while the step size has not grown, h·‖J‖∞ (LSODA's kind of test, one Jacobian evaluation) exceeds that bound;
/// or tsit5 fails with a step size that is too small or a non-finite state.</item>
/// <item>Stiff → explicit: for 10 consecutive accepted rodas5p steps, h·‖J‖∞ (an upper bound of h·ρ(J) from the Jacobian the
/// step used) is below half of tsit5's stability boundary, i.e. the explicit method could take the same steps.</item>
/// </list>
/// Switches happen at the start of the next step, so the last step's dense output always belongs to the method that took
/// it; <see cref="DenseFormat"/> is that method's format, and <see cref="DenseSolution"/> stores a format per step. Both
/// steppers are created up front; switching allocates nothing.
/// </summary>
internal sealed class AutoSwitchStepper : IOdeStepper
{
    private const int StiffStepsToSwitch = 15;
    private const int NonStiffStepsToSwitch = 10;
    private const double StiffFraction = 0.9;
    private const double NonStiffFraction = 0.5;

    private readonly ExplicitRungeKuttaStepper _explicit;
    private readonly RosenbrockStepper _stiff;
    private readonly JacobianEvaluator _jacobian;
    private readonly SolverCounters _checkCounters = new();
    private readonly double[] _jac;
    private readonly double[] _f;
    private readonly double[] _y;
    private readonly OdeFunction _rhs;
    private readonly int _checkInterval;
    private int _sinceCheck;
    private double _hAtCheck;
    private int _nonStiffRun;
    private IOdeStepper _active;
    private bool _pendingSwitch;
    private int _stiffCount;
    private int _nonStiffCount;

    public AutoSwitchStepper(OdeProblem problem, OdeOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        _explicit = new ExplicitRungeKuttaStepper(ButcherTableaus.Tsit5, problem, options);
        _stiff = new RosenbrockStepper(RosenbrockTableaus.Rodas5P.Name, RosenbrockTableaus.Rodas5P, problem, options);
        _active = _explicit;
        Counters = new SolverCounters();
        var n = problem.Dimension;
        _jacobian = new JacobianEvaluator(problem, options, _checkCounters);
        _jac = new double[n * n];
        _f = new double[n];
        _y = new double[n];
        _rhs = problem.Rhs;
        _checkInterval = Math.Max(20, 2 * n);
    }

    public string MethodName => "auto";

    public string ActiveMethodName => _active.MethodName;

    public int Dimension => _active.Dimension;

    public double T => _active.T;

    public ReadOnlySpan<double> Y => _active.Y;

    public double TPrevious => _active.TPrevious;

    public double NextStepSize => _active.NextStepSize;

    public OdeStatus Status { get; private set; }

    public string? FailureMessage { get; private set; }

    public SolverCounters Counters { get; }

    public IDenseFormat DenseFormat => _active.DenseFormat;

    /// <summary>Whether the stiff method is active.</summary>
    internal bool IsStiffActive => ReferenceEquals(_active, _stiff);

    public bool Step(double tLimit)
    {
        if (Status != OdeStatus.Success)
        {
            return false;
        }

        if (_pendingSwitch)
        {
            _pendingSwitch = false;
            Switch();
        }

        var ok = _active.Step(tLimit);
        if (!ok && ReferenceEquals(_active, _explicit) && _explicit.Status is OdeStatus.StepSizeTooSmall or OdeStatus.NonFiniteState)
        {
            // The explicit method gave up where a stiff method may not: retry from its last accepted point.
            Switch();
            ok = _active.Step(tLimit);
        }

        SyncCounters();
        if (!ok)
        {
            Status = _active.Status;
            FailureMessage = _active.FailureMessage is { } m ? "auto: " + m : null;
            return false;
        }

        if (ReferenceEquals(_active, _explicit))
        {
            var bound = StiffFraction * _explicit.StabilityBoundary;
            if (_explicit.StiffnessIndicator >= bound)
            {
                _stiffCount++;
                _nonStiffRun = 0;
            }
            else if (++_nonStiffRun >= 6)
            {
                _stiffCount = 0;
            }

            if (_stiffCount >= StiffStepsToSwitch || JacobianSaysStiff(bound))
            {
                _pendingSwitch = true;
            }
        }
        else
        {
            var hRho = _stiff.LastStepSizeTimesJacobianNorm();
            _nonStiffCount = hRho < NonStiffFraction * _explicit.StabilityBoundary ? _nonStiffCount + 1 : 0;
            if (_nonStiffCount >= NonStiffStepsToSwitch)
            {
                _pendingSwitch = true;
            }
        }

        return true;
    }

    public void Interpolate(double t, Span<double> y) => _active.Interpolate(t, y);

    public void WriteDenseCoefficients(Span<double> destination) => _active.WriteDenseCoefficients(destination);

    public void Restart(double t, ReadOnlySpan<double> y)
    {
        _pendingSwitch = false;
        _stiffCount = 0;
        _nonStiffCount = 0;
        _active.Restart(t, y);
        Status = OdeStatus.Success;
        FailureMessage = null;
    }

    // Every few steps, while the step size stagnates: is h·‖J‖∞ beyond the explicit method's stability bound?
    private bool JacobianSaysStiff(double bound)
    {
        var h = _explicit.T - _explicit.TPrevious;
        if (++_sinceCheck < _checkInterval)
        {
            return false;
        }

        var grew = h > 1.5 * _hAtCheck;
        _sinceCheck = 0;
        _hAtCheck = h;
        if (grew)
        {
            return false;
        }

        var n = _y.Length;
        _explicit.Y.CopyTo(_y);
        var t = _explicit.T;
        if (!_jacobian.IsAnalytic)
        {
            _rhs(t, _y, _f);
            _checkCounters.RhsEvaluations++;
        }

        if (_jacobian.Evaluate(t, _y, _f, _jac) >= 0)
        {
            return false;
        }

        var max = 0.0;
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += Math.Abs(_jac[(i * n) + j]);
            }

            max = Math.Max(max, sum);
        }

        return h * max >= bound;
    }

    private void Switch()
    {
        var from = _active;
        var to = ReferenceEquals(from, _explicit) ? (IOdeStepper)_stiff : _explicit;
        var h = from.NextStepSize;
        to.Restart(from.T, from.Y);
        if (ReferenceEquals(to, _stiff) && h > 0)
        {
            _stiff.SetStepSize(h);
        }
        else if (h > 0)
        {
            // The stiff method's step passed the explicit stability test, so tsit5 can start from it.
            _explicit.SuggestStepSize(h);
        }

        _active = to;
        _stiffCount = 0;
        _nonStiffCount = 0;
        _nonStiffRun = 0;
        _sinceCheck = 0;
        _hAtCheck = 0;
        Counters.MethodSwitches++;
    }

    private void SyncCounters()
    {
        var e = _explicit.Counters;
        var s = _stiff.Counters;
        Counters.RhsEvaluations = e.RhsEvaluations + s.RhsEvaluations + _checkCounters.RhsEvaluations;
        Counters.JacobianEvaluations = e.JacobianEvaluations + s.JacobianEvaluations + _checkCounters.JacobianEvaluations;
        Counters.LuDecompositions = e.LuDecompositions + s.LuDecompositions;
        Counters.AcceptedSteps = e.AcceptedSteps + s.AcceptedSteps;
        Counters.RejectedSteps = e.RejectedSteps + s.RejectedSteps;
    }
}

/// <summary>The automatic switcher between tsit5 and rodas5p.</summary>
internal sealed class AutoSwitchMethod : IOdeMethod
{
    /// <inheritdoc/>
    public string Name => "auto";

    /// <inheritdoc/>
    public string Description =>
        "automatic: tsit5 while non-stiff, rodas5p while stiff, switching on tsit5's stiffness indicator and rodas5p's h*||J||";

    /// <inheritdoc/>
    public int Order => 5;

    /// <inheritdoc/>
    public bool IsStiff => true;

    /// <inheritdoc/>
    public IOdeStepper CreateStepper(OdeProblem problem, OdeOptions options) => new AutoSwitchStepper(problem, options);
}
