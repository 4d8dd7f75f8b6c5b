namespace OsteoOde.Numerics;

/// <summary>
/// Automatic stiffness switching (the idea of LSODA and of OrdinaryDiffEq's AutoTsit5(Rodas5P)): integrates with the explicit
/// tsit5 while the problem is non-stiff and with the Rosenbrock rodas5p while it is stiff.
/// <list type="bullet">
/// <item>Explicit → stiff: h·ρ̂ is at least 0.6·s of tsit5's real stability boundary B on 15 accepted steps without 6
/// consecutive steps below it (the counting rule of Hairer's DOPRI5), or tsit5 fails with a step size that is too small or a
/// non-finite state. ρ̂ is the larger of tsit5's stiffness indicator (Hairer's estimate from the two stages at c = 1, free)
/// and a nonlinear power iteration on ∂f/∂y (one extra right-hand-side evaluation every 5 steps while the indicator is
/// below the bound, at most +3.3 % evaluations on non-stiff problems). The indicator alone is a Rayleigh quotient of a
/// vector that the smooth components dominate at tight tolerances (Robertson, rtol 1e-9: 0.02 of h·ρ), the power
/// iteration converges to ρ. The bound 0.6·B (s = 1 for rtol ≥ 1e-9) lies between the level at which stiff test problems
/// settle (h·ρ/B = 0.75–1.0 for rtol ≥ 1e-9) and the highest level non-stiff test problems sustain over 15 steps (0.53,
/// Lorenz at rtol 1e-3; ≤ 0.13 at rtol ≤ 1e-6). Below rtol 1e-9 the stiff level drops (0.4 at 1e-11 on Robertson), so
/// s = (rtol/1e-9)^(1/5), the factor by which accuracy-limited step sizes of a 5th-order method shrink.</item>
/// <item>Stiff → explicit: for 10 consecutive accepted rodas5p steps, h·‖J‖∞ (an upper bound of h·ρ(J) from the Jacobian the
/// step used) is below 0.5·s·B, i.e. the explicit method could take the same steps.</item>
/// </list>
/// Switches happen at the start of the next step, so the last step's dense output always belongs to the method that took
/// it; <see cref="DenseFormat"/> is that method's format, and <see cref="DenseSolution"/> stores a format per step. Both
/// steppers are created up front; switching allocates nothing.
/// </summary>
internal sealed class AutoSwitchStepper : IOdeStepper
{
    private const int StiffStepsToSwitch = 15;
    private const int NonStiffRunToReset = 6;
    private const int NonStiffStepsToSwitch = 10;
    private const double StiffFraction = 0.6;
    private const double NonStiffFraction = 0.5;
    private const int ProbeInterval = 5;

    private readonly ExplicitRungeKuttaStepper _explicit;
    private readonly RosenbrockStepper _stiff;
    private readonly double[] _direction;
    private readonly double _stiffBound;
    private readonly double _nonStiffBound;
    private IOdeStepper _active;
    private bool _pendingSwitch;
    private int _stiffCount;
    private int _nonStiffRun;
    private int _nonStiffCount;
    private int _sinceProbe;
    private double _rhoProbe;

    public AutoSwitchStepper(OdeProblem problem, OdeOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        _explicit = new ExplicitRungeKuttaStepper(ButcherTableaus.Tsit5, problem, options);
        _stiff = new RosenbrockStepper(RosenbrockTableaus.Rodas5P.Name, RosenbrockTableaus.Rodas5P, problem, options);
        _active = _explicit;
        Counters = new SolverCounters();
        _direction = new double[problem.Dimension];
        var scale = Math.Min(1.0, Math.Pow(options.RelativeTolerance / 1e-9, 0.2));
        _stiffBound = StiffFraction * scale * _explicit.StabilityBoundary;
        _nonStiffBound = NonStiffFraction * scale * _explicit.StabilityBoundary;
    }

    /// <summary>Level of h·ρ̂ above which a tsit5 step counts as limited by stability.</summary>
    internal double StiffBound => _stiffBound;

    /// <summary>Level of h·‖J‖∞ below which a rodas5p step counts as one tsit5 could take.</summary>
    internal double NonStiffBound => _nonStiffBound;

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
            var h = _explicit.LastStepSize;
            var hRho = _explicit.StiffnessIndicator;
            if (hRho < _stiffBound && ++_sinceProbe >= ProbeInterval)
            {
                _sinceProbe = 0;
                _rhoProbe = _explicit.PowerIterationStep(_direction);
            }

            if (Math.Max(hRho, h * _rhoProbe) >= _stiffBound)
            {
                _stiffCount++;
                _nonStiffRun = 0;
            }
            else if (++_nonStiffRun >= NonStiffRunToReset)
            {
                _stiffCount = 0;
            }

            if (_stiffCount >= StiffStepsToSwitch)
            {
                _pendingSwitch = true;
            }

            SyncCounters();
        }
        else
        {
            _nonStiffCount = _stiff.LastStepSizeTimesJacobianNorm() < _nonStiffBound ? _nonStiffCount + 1 : 0;
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
        _nonStiffRun = 0;
        _sinceProbe = 0;
        _rhoProbe = 0;
        _active.Restart(t, y);
        Status = OdeStatus.Success;
        FailureMessage = null;
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
        _sinceProbe = 0;
        _rhoProbe = 0;
        Counters.MethodSwitches++;
    }

    private void SyncCounters()
    {
        var e = _explicit.Counters;
        var s = _stiff.Counters;
        Counters.RhsEvaluations = e.RhsEvaluations + s.RhsEvaluations;
        Counters.JacobianEvaluations = e.JacobianEvaluations + s.JacobianEvaluations;
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
        "automatic: tsit5 while non-stiff, rodas5p while stiff, switching on estimates of h*rho(df/dy) (tsit5's stiffness indicator and a power iteration) and rodas5p's h*||J||";

    /// <inheritdoc/>
    public int Order => 5;

    /// <inheritdoc/>
    public bool IsStiff => true;

    /// <inheritdoc/>
    public IOdeStepper CreateStepper(OdeProblem problem, OdeOptions options) => new AutoSwitchStepper(problem, options);
}
