using System.Runtime.CompilerServices;

namespace OsteoOde.Numerics;

/// <summary>
/// The generic explicit Runge–Kutta kernel: any <see cref="ButcherTableau"/> with adaptive steps (embedded error estimate,
/// PI step-size controller of Gustafsson as in Hairer, Nørsett &amp; Wanner §II.4), FSAL reuse, lazily computed dense
/// output, rejection of non-finite and negative (protected) states, and a stiffness indicator. All work arrays are
/// allocated here; a step allocates nothing.
/// </summary>
public sealed class ExplicitRungeKuttaStepper : IOdeStepper
{
    private readonly ButcherTableau _tableau;
    private readonly OdeProblem _problem;
    private readonly OdeFunction _f;
    private readonly StepControl _control;
    private readonly int _n;
    private readonly int _stages;
    private readonly int _totalStages;
    private readonly bool _fsal;

    // Sparse copies of the tableau rows: zero coefficients cost nothing.
    private readonly int[][] _aIndex;
    private readonly double[][] _aValue;
    private readonly double[] _c;
    private readonly int[] _bIndex;
    private readonly double[] _bValue;
    private readonly int[] _eIndex;
    private readonly double[] _eValue;
    private readonly int[] _e2Index;
    private readonly double[] _e2Value;
    private readonly int[][] _qIndex;
    private readonly double[][] _qValue;
    private readonly int _stiffFirst;
    private readonly int _stiffSecond;
    private readonly double _alpha;
    private readonly double _beta;

    private readonly double[][] _k;
    private readonly double[] _ytmp;
    private readonly double[] _err;
    private readonly double[] _err2;
    private readonly double[] _gStiff;
    private readonly double[] _dense;
    private double[] _y;
    private double[] _yOld;
    private double[] _yNew;

    private double _t;
    private double _tOld;
    private double _tCall;
    private double _h;
    private double _hLast;
    private double _errPrevious = 1e-4;
    private bool _k1Valid;
    private bool _fsalPending;
    private bool _denseReady;

    /// <summary>Creates a stepper at the problem's initial point. No callback is called until the first step.</summary>
    /// <param name="tableau">Coefficients.</param>
    /// <param name="problem">Problem.</param>
    /// <param name="options">Validated options.</param>
    public ExplicitRungeKuttaStepper(ButcherTableau tableau, OdeProblem problem, OdeOptions options)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        _tableau = tableau;
        _problem = problem;
        _f = problem.Rhs;
        _n = problem.Dimension;
        _control = new StepControl(_n, options);
        _stages = tableau.Stages;
        _totalStages = tableau.RawA.Length;
        _fsal = tableau.IsFsal;
        _c = tableau.RawC;

        _aIndex = new int[_totalStages][];
        _aValue = new double[_totalStages][];
        for (var i = 0; i < _totalStages; i++)
        {
            (_aIndex[i], _aValue[i]) = Sparse(tableau.RawA[i]);
        }

        (_bIndex, _bValue) = Sparse(tableau.RawB);
        var e = new double[_stages];
        for (var i = 0; i < _stages; i++)
        {
            e[i] = tableau.RawB[i] - tableau.RawBHat[i];
        }

        (_eIndex, _eValue) = Sparse(e);
        if (tableau.RawSecondaryBHat is { } bHat2)
        {
            var e2 = new double[_stages];
            for (var i = 0; i < _stages; i++)
            {
                e2[i] = tableau.RawB[i] - bHat2[i];
            }

            (_e2Index, _e2Value) = Sparse(e2);
        }
        else
        {
            (_e2Index, _e2Value) = ([], []);
        }

        // q_m = h Σ_i Q_im k_i with Q_im = −Σ_(p ≥ m+2) P_i,p (see PolynomialDenseFormat).
        var degree = tableau.DenseDegree;
        DenseFormat = PolynomialDenseFormat.OfDegree(degree);
        _qIndex = new int[Math.Max(0, degree - 1)][];
        _qValue = new double[_qIndex.Length][];
        for (var m = 0; m < _qIndex.Length; m++)
        {
            var column = new double[_totalStages];
            for (var i = 0; i < _totalStages; i++)
            {
                var sum = 0.0;
                for (var p = m + 2; p <= degree; p++)
                {
                    sum += tableau.RawDense[i][p - 1];
                }

                column[i] = -sum;
            }

            (_qIndex[m], _qValue[m]) = Sparse(column);
        }

        (_stiffFirst, _stiffSecond) = tableau.StiffnessStages ?? (-1, -1);
        var k = tableau.ErrorEstimateOrder;
        _beta = tableau.ControllerBeta;
        _alpha = (1.0 / k) - (0.75 * _beta);

        _k = new double[_totalStages][];
        for (var i = 0; i < _totalStages; i++)
        {
            _k[i] = new double[_n];
        }

        _ytmp = new double[_n];
        _err = new double[_n];
        _err2 = new double[_n];
        _gStiff = new double[_n];
        _dense = new double[DenseFormat.CoefficientCount(_n)];
        _y = (double[])problem.Y0.Clone();
        _yOld = (double[])problem.Y0.Clone();
        _yNew = new double[_n];
        _t = problem.T0;
        _tOld = problem.T0;
        _h = _control.InitialStep;
        Counters = new SolverCounters();
    }

    /// <inheritdoc/>
    public string MethodName => _tableau.Name;

    /// <inheritdoc/>
    public string ActiveMethodName => _tableau.Name;

    /// <summary>The coefficients driving this stepper.</summary>
    public ButcherTableau Tableau => _tableau;

    /// <inheritdoc/>
    public int Dimension => _n;

    /// <inheritdoc/>
    public double T => _t;

    /// <inheritdoc/>
    public ReadOnlySpan<double> Y => _y;

    /// <inheritdoc/>
    public double TPrevious => _tOld;

    /// <inheritdoc/>
    public double NextStepSize => _h;

    /// <summary>Size of the last accepted step (0 before the first step and after a restart).</summary>
    public double LastStepSize => _hLast;

    /// <inheritdoc/>
    public OdeStatus Status { get; private set; }

    /// <inheritdoc/>
    public string? FailureMessage { get; private set; }

    /// <inheritdoc/>
    public SolverCounters Counters { get; }

    /// <inheritdoc/>
    public IDenseFormat DenseFormat { get; }

    /// <summary>
    /// Cheap stiffness indicator of the last accepted step: the estimate <c>|hλ| ≈ h‖k_s − k_r‖ / ‖g_s − g_r‖</c> of
    /// Hairer &amp; Wanner (<i>Solving ODEs II</i>, §IV.2; the test in DOPRI5 and DOP853), where <c>k_r</c>, <c>k_s</c> are two
    /// stages at the same time point (<see cref="ButcherTableau.StiffnessStages"/>) and <c>g_r</c>, <c>g_s</c> their
    /// arguments. It costs no extra evaluation. Values near or above <see cref="StabilityBoundary"/> over many consecutive
    /// steps mean the step size is limited by stability rather than accuracy (Hairer's codes declare stiffness after 15 such
    /// steps). It is a Rayleigh quotient of g_s − g_r and reads h·ρ(∂f/∂y) only when the stiff components dominate that
    /// difference; at tight tolerances the smooth ones can dominate and it reads far less (Robertson with tsit5 at rtol 1e-9:
    /// 0.02 of h·ρ), which <see cref="PowerIterationStep"/> corrects. 0 before the first step, after a restart, or when the
    /// tableau has no stiffness stages.
    /// </summary>
    public double StiffnessIndicator { get; private set; }

    /// <summary>
    /// One step of a nonlinear power iteration for the spectral radius of ∂f/∂y at the current point (the end of the last
    /// accepted step), for the stiffness test of a switching method. With v = <paramref name="direction"/> it evaluates
    /// w = (f(t, y + δv) − f(t, y))/δ ≈ (∂f/∂y)·v, returns ‖w‖/‖v‖ and leaves w/‖w‖ in <paramref name="direction"/>, so that
    /// calls repeated along the solution converge to the modulus of the dominant eigenvalue. A zero direction is seeded with
    /// k_s − k_r of the stiffness stages, which is (∂f/∂y)(g_s − g_r), one power step ahead of <see cref="StiffnessIndicator"/>.
    /// That indicator is a Rayleigh quotient of g_s − g_r, which at tight tolerances is dominated by the smooth components
    /// and then reads far below h·ρ (Robertson at rtol 1e-9: 0.02 of it); the iterated vector is dominated by the stiff
    /// ones. Costs one right-hand-side evaluation (counted). Returns 0, and clears the direction, when no step has been
    /// accepted since the last restart, the tableau has no stiffness stages, or the evaluation fails or is not finite.
    /// </summary>
    /// <param name="direction">Iteration vector (length = dimension), kept by the caller between calls.</param>
    /// <returns>The estimate of ρ(∂f/∂y), or 0.</returns>
    internal double PowerIterationStep(Span<double> direction)
    {
        if (_stiffFirst < 0 || !_fsalPending || _hLast == 0 || direction.Length != _n)
        {
            direction.Clear();
            return 0.0;
        }

        var f0 = _k[_stages - 1];
        var vNorm = VectorMath.Norm2(direction);
        if (!(vNorm > 0) || !double.IsFinite(vNorm))
        {
            var kr = _k[_stiffFirst];
            for (var i = 0; i < _n; i++)
            {
                direction[i] = f0[i] - kr[i];
            }

            vNorm = VectorMath.Norm2(direction);
            if (!(vNorm > 0) || !double.IsFinite(vNorm))
            {
                direction.Clear();
                return 0.0;
            }
        }

        // A relative perturbation of √ε: small enough for the linear term to dominate, large enough for the difference.
        var yNorm = VectorMath.Norm2(_y);
        var delta = 1.5e-8 * (yNorm > 0 ? yNorm : 1.0) / vNorm;
        for (var i = 0; i < _n; i++)
        {
            _ytmp[i] = _y[i] + (delta * direction[i]);
        }

        try
        {
            Counters.RhsEvaluations++;
            _f(_t, _ytmp, _err2);
        }
#pragma warning disable CA1031 // A failing probe is no failure of the integration: the next step reports it if it persists.
        catch (Exception)
#pragma warning restore CA1031
        {
            direction.Clear();
            return 0.0;
        }

        for (var i = 0; i < _n; i++)
        {
            direction[i] = (_err2[i] - f0[i]) / delta;
        }

        var wNorm = VectorMath.Norm2(direction);
        if (!(wNorm > 0) || !double.IsFinite(wNorm))
        {
            direction.Clear();
            return 0.0;
        }

        VectorMath.Scale(direction, 1.0 / wNorm);
        return wNorm / vNorm;
    }

    /// <summary>
    /// Sets the step size the next <see cref="Step"/> tries first (for a switching method taking over from another
    /// integrator, which knows a good step size). Ignored unless positive and finite.
    /// </summary>
    /// <param name="h">Proposed step size.</param>
    public void SuggestStepSize(double h)
    {
        if (h > 0 && double.IsFinite(h))
        {
            _h = Math.Min(h, _control.MaxStep);
        }
    }

    /// <summary>Real stability boundary of the method (see <see cref="ButcherTableau.RealStabilityBoundary"/>), the scale for <see cref="StiffnessIndicator"/>.</summary>
    public double StabilityBoundary => _tableau.RealStabilityBoundary;

    /// <inheritdoc/>
    public bool Step(double tLimit)
    {
        if (Status != OdeStatus.Success)
        {
            return false;
        }

        if (!(tLimit > _t))
        {
            throw new ArgumentOutOfRangeException(nameof(tLimit), tLimit,
                $"tLimit must be greater than the current time {_t.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        try
        {
            return StepCore(tLimit);
        }
#pragma warning disable CA1031 // A user callback may throw anything; it becomes a status, never an exception out of Step.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return Fail(OdeStatus.RhsFailure, SolverMessages.CallbackFailed(MethodName, _tCall, "right-hand side", error));
        }
    }

    private bool StepCore(double tLimit)
    {
        if (!PrepareFirstStage())
        {
            return false;
        }

        if (_h <= 0)
        {
            _tCall = _t;
            _h = _control.SelectInitialStep(_f, _t, _y, _k[0], _tableau.Order, Math.Max(tLimit, _problem.TEnd), _ytmp, _err, Counters);
        }

        var h = Math.Min(_h, _control.MaxStep);
        var rejected = false;
        var lastFailure = FailureKind.None;
        var failureComponent = -1;
        while (true)
        {
            if (Counters.AcceptedSteps + Counters.RejectedSteps >= _control.MaxSteps)
            {
                return Fail(OdeStatus.MaxStepsReached, SolverMessages.MaxSteps(MethodName, _t, h, _control.MaxSteps));
            }

            if (!(h >= StepControl.MinimumStep(_t)))
            {
                return FailTooSmall(lastFailure, failureComponent, h);
            }

            // Land exactly on tLimit; stretch by up to 1 % (within MaxStep) rather than leave a sliver, as DOPRI5 does.
            var hProposed = h;
            var remaining = tLimit - _t;
            var clipped = remaining <= h || (remaining <= 1.01 * h && remaining <= _control.MaxStep);
            var tNew = clipped ? tLimit : _t + h;
            h = tNew - _t;
            ComputeStages(h, tNew);
            var err = ErrorNorm(h);
            var nonFinite = StepControl.FindNonFinite(_yNew);
            if (nonFinite < 0 && _fsal)
            {
                nonFinite = StepControl.FindNonFinite(_k[_stages - 1]);
            }

            if (nonFinite >= 0 || !double.IsFinite(err))
            {
                Counters.RejectedSteps++;
                rejected = true;
                lastFailure = FailureKind.NonFinite;
                failureComponent = nonFinite >= 0 ? nonFinite : StepControl.FindNonFinite(_err);
                h *= 0.25;
                continue;
            }

            if (err > 1.0)
            {
                Counters.RejectedSteps++;
                rejected = true;
                lastFailure = FailureKind.Error;
                failureComponent = _control.LargestErrorComponent(_err, _y, _yNew);
                h *= Math.Max(_tableau.MinimumStepRatio, _tableau.SafetyFactor * Math.Pow(err, -_alpha));
                continue;
            }

            var negative = _control.FindNegative(_yNew);
            if (negative >= 0)
            {
                // Never clamp: retry smaller until the step keeps the component above −atol.
                Counters.RejectedSteps++;
                rejected = true;
                lastFailure = FailureKind.Negative;
                failureComponent = negative;
                h *= 0.5;
                continue;
            }

            // PI controller: h_new = h · safety · err^(−α) · err_prev^β, limited; no growth right after a rejection.
            var factor = err == 0
                ? _tableau.MaximumStepRatio
                : _tableau.SafetyFactor * Math.Pow(err, -_alpha) * Math.Pow(_errPrevious, _beta);
            factor = Math.Clamp(factor, _tableau.MinimumStepRatio, rejected ? 1.0 : _tableau.MaximumStepRatio);
            _errPrevious = Math.Max(err, 1e-4);
            var hNext = h * factor;
            if (clipped && !rejected)
            {
                // A step shortened to land on tLimit says little about the next one: keep at least the proposal.
                hNext = Math.Max(hNext, hProposed);
            }

            Accept(h, tNew);
            _h = Math.Min(hNext, _control.MaxStep);
            return true;
        }
    }

    /// <summary>
    /// Fixed-step mode for convergence studies and tests: takes exactly one step of size <paramref name="h"/> with no
    /// error control, step-size limits or non-negativity check (the step is accepted unless a value becomes non-finite).
    /// Dense output, counters and <see cref="StiffnessIndicator"/> are updated as for an adaptive step. Not used by
    /// <see cref="OdeSolver"/>.
    /// </summary>
    /// <param name="h">Positive step size.</param>
    /// <returns><see langword="true"/> when the step was taken; <see langword="false"/> on failure (see <see cref="Status"/>).</returns>
    public bool StepFixed(double h)
    {
        if (!(h > 0) || !double.IsFinite(h))
        {
            throw new ArgumentOutOfRangeException(nameof(h), h, "The fixed step must be positive and finite.");
        }

        if (Status != OdeStatus.Success)
        {
            return false;
        }

        var tNew = _t + h;
        h = tNew - _t;
        try
        {
            if (!PrepareFirstStage())
            {
                return false;
            }

            ComputeStages(h, tNew);
        }
#pragma warning disable CA1031 // A user callback may throw anything; it becomes a status.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return Fail(OdeStatus.RhsFailure, SolverMessages.CallbackFailed(MethodName, _tCall, "right-hand side", error));
        }

        var nonFinite = StepControl.FindNonFinite(_yNew);
        if (nonFinite >= 0 || (_fsal && StepControl.FindNonFinite(_k[_stages - 1]) >= 0))
        {
            Counters.RejectedSteps++;
            return Fail(OdeStatus.NonFiniteState,
                SolverMessages.NonFinite(MethodName, _t, h, _problem.ComponentName(Math.Max(nonFinite, 0))));
        }

        Accept(h, tNew);
        return true;
    }

    /// <inheritdoc/>
    public void Interpolate(double t, Span<double> y)
    {
        if (_hLast == 0)
        {
            _y.CopyTo(y);
            return;
        }

        PrepareDense();
        DenseFormat.Evaluate(_dense, _tOld, _hLast, t, y);
    }

    /// <inheritdoc/>
    public void WriteDenseCoefficients(Span<double> destination)
    {
        if (_hLast == 0)
        {
            // A degenerate step: constant state.
            for (var block = 0; block <= _tableau.DenseDegree; block++)
            {
                var part = destination.Slice(block * _n, _n);
                if (block < 2)
                {
                    _y.CopyTo(part);
                }
                else
                {
                    part.Clear();
                }
            }

            return;
        }

        PrepareDense();
        _dense.CopyTo(destination);
    }

    /// <inheritdoc/>
    public void Restart(double t, ReadOnlySpan<double> y)
    {
        if (y.Length != _n)
        {
            throw new ArgumentException($"The restart state has {y.Length} components; the problem has {_n}.", nameof(y));
        }

        if (!double.IsFinite(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The restart time must be finite.");
        }

        y.CopyTo(_y);
        y.CopyTo(_yOld);
        _t = t;
        _tOld = t;
        _hLast = 0;
        _k1Valid = false;
        _fsalPending = false;
        _denseReady = false;
        _errPrevious = 1e-4;
        StiffnessIndicator = 0;
        Status = OdeStatus.Success;
        FailureMessage = null;
    }

    /// <summary>Makes k_1 = f(t, y) available: reuses the FSAL stage or evaluates it.</summary>
    private bool PrepareFirstStage()
    {
        if (_fsalPending)
        {
            (_k[0], _k[_stages - 1]) = (_k[_stages - 1], _k[0]);
            _fsalPending = false;
            _k1Valid = true;
        }

        // From here on the stages of the previous step are overwritten: its dense output is gone.
        _denseReady = false;
        _hLast = 0;
        _tOld = _t;
        if (_k1Valid)
        {
            return true;
        }

        Counters.RhsEvaluations++;
        _tCall = _t;
        _f(_t, _y, _k[0]);

        var bad = StepControl.FindNonFinite(_k[0]);
        if (bad >= 0)
        {
            return Fail(OdeStatus.NonFiniteState, SolverMessages.NonFinite(MethodName, _t, _h, "d/dt " + _problem.ComponentName(bad)));
        }

        _k1Valid = true;
        return true;
    }

    private void ComputeStages(double h, double tNew)
    {
        for (var i = 1; i < _stages; i++)
        {
            var target = (_fsal && i == _stages - 1) ? _yNew : (i == _stiffFirst ? _gStiff : _ytmp);
            Combine(target, _y, h, _aIndex[i], _aValue[i]);
            var ti = _c[i] == 1.0 ? tNew : _t + (_c[i] * h);
            Counters.RhsEvaluations++;
            _tCall = ti;
            _f(ti, target, _k[i]);
        }

        if (!_fsal)
        {
            Combine(_yNew, _y, h, _bIndex, _bValue);
        }
    }

    private double ErrorNorm(double h)
    {
        Combine(_err, default, h, _eIndex, _eValue);
        var e1 = _control.ErrorNorm(_err, _y, _yNew);
        if (_e2Index.Length == 0)
        {
            return e1;
        }

        // DOP853: err = e5² / sqrt(e5² + 0.01 e3²), an estimate behaving like h^8.
        Combine(_err2, default, h, _e2Index, _e2Value);
        var e2 = _control.ErrorNorm(_err2, _y, _yNew);
        var denominator = (e1 * e1) + (0.01 * e2 * e2);
        return denominator > 0 ? e1 * e1 / Math.Sqrt(denominator) : 0.0;
    }

    private void Accept(double h, double tNew)
    {
        if (_stiffFirst >= 0)
        {
            var num = 0.0;
            var den = 0.0;
            var ks = _k[_stiffSecond];
            var kr = _k[_stiffFirst];
            for (var i = 0; i < _n; i++)
            {
                var dk = ks[i] - kr[i];
                var dy = _yNew[i] - _gStiff[i];
                num += dk * dk;
                den += dy * dy;
            }

            StiffnessIndicator = den > 0 ? h * Math.Sqrt(num / den) : 0.0;
        }

        (_yOld, _y, _yNew) = (_y, _yNew, _yOld);
        _tOld = _t;
        _t = tNew;
        _hLast = h;
        _denseReady = false;
        if (_fsal)
        {
            _fsalPending = true;
        }
        else
        {
            _k1Valid = false;
        }

        Counters.AcceptedSteps++;
    }

    private void PrepareDense()
    {
        if (_denseReady)
        {
            return;
        }

        var h = _hLast;
        for (var i = _stages; i < _totalStages; i++)
        {
            Combine(_ytmp, _yOld, h, _aIndex[i], _aValue[i]);
            Counters.RhsEvaluations++;
            _tCall = _tOld + (_c[i] * h);
            _f(_tCall, _ytmp, _k[i]);
        }

        var span = _dense.AsSpan();
        _yOld.CopyTo(span[.._n]);
        _y.CopyTo(span.Slice(_n, _n));
        for (var m = 0; m < _qIndex.Length; m++)
        {
            Combine(span.Slice((2 + m) * _n, _n), default, h, _qIndex[m], _qValue[m]);
        }

        _denseReady = true;
    }

    /// <summary><c>destination = y + h Σ_j w_j k_j</c> over the given nonzero weights (<c>y</c> empty means 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Combine(Span<double> destination, ReadOnlySpan<double> y, double h, int[] index, double[] weight)
    {
        if (y.IsEmpty)
        {
            destination.Clear();
        }
        else
        {
            y.CopyTo(destination);
        }

        for (var j = 0; j < index.Length; j++)
        {
            VectorMath.AddScaled(destination, h * weight[j], _k[index[j]]);
        }
    }

    private bool FailTooSmall(FailureKind kind, int component, double h)
    {
        if (kind == FailureKind.None && Counters.AcceptedSteps > 0)
        {
            // The controller shrank h on accepted steps: the error estimate of the last one is still in _err.
            component = _control.LargestErrorComponent(_err, _yOld, _y);
        }

        var name = component >= 0 ? _problem.ComponentName(component) : null;
        return kind switch
        {
            FailureKind.NonFinite => Fail(OdeStatus.NonFiniteState, SolverMessages.NonFinite(MethodName, _t, h, name ?? "the state")),
            FailureKind.Negative => Fail(OdeStatus.StepSizeTooSmall, SolverMessages.NegativeState(MethodName, _t, h, name ?? "a component")),
            _ => Fail(OdeStatus.StepSizeTooSmall, SolverMessages.StepSizeTooSmall(MethodName, _t, h, name)),
        };
    }

    private bool Fail(OdeStatus status, string message)
    {
        Status = status;
        FailureMessage = message;
        return false;
    }

    private static (int[] Index, double[] Value) Sparse(double[] row)
    {
        var count = 0;
        foreach (var v in row)
        {
            if (v != 0.0)
            {
                count++;
            }
        }

        var index = new int[count];
        var value = new double[count];
        var k = 0;
        for (var j = 0; j < row.Length; j++)
        {
            if (row[j] != 0.0)
            {
                index[k] = j;
                value[k] = row[j];
                k++;
            }
        }

        return (index, value);
    }

    private enum FailureKind
    {
        None,
        Error,
        NonFinite,
        Negative,
    }
}
