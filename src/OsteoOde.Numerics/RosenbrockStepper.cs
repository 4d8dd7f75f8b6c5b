namespace OsteoOde.Numerics;

/// <summary>
/// The Rosenbrock kernel: one implementation for every <see cref="RosenbrockTableau"/>. Each step evaluates the Jacobian and
/// ∂f/∂t at its start (a Rosenbrock method needs the exact Jacobian there for its order; rejected attempts reuse it and only
/// refactor), factorises <c>I/(hγ) − J</c> once and solves one linear system per stage. Step-size control is the
/// predictive controller of Gustafsson as in Hairer's RODAS, with step ratios bounded to [0.2, 6]. Protected components that
/// go below −atol reject the step (no clamping).
/// </summary>
internal sealed class RosenbrockStepper : StiffStepperBase
{
    private const double Safety = 0.9;
    private const double MinRatio = 0.2;
    private const double MaxRatio = 6.0;

    private readonly RosenbrockTableau _tableau;
    private readonly int _s;
    private readonly double[] _a;
    private readonly double[] _c;
    private readonly double[] _alpha;
    private readonly double[] _d;
    private readonly double[] _m;
    private readonly double[] _e;
    private readonly double[] _hMatrix;
    private readonly bool _hasTimeTerms;
    private readonly StepControl _control;
    private readonly JacobianEvaluator _jacobian;
    private readonly double _errorExponent;
    private readonly double _floorRoot;
    private readonly RosenbrockDenseFormat _denseFormat;

    private readonly double[] _f0;
    private readonly double[] _ft;
    private readonly double[] _jac;
    private readonly double[] _w;
    private readonly int[] _pivots;
    private readonly double[] _stageY;
    private readonly double[] _stageF;
    private readonly double[] _err;
    private readonly double[] _scale;
    private readonly double[] _dense;
    private readonly double[] _cScaled;
    private double[] _u;
    private double[] _uAccepted;
    private double[] _yNew;

    private double _h;
    private double _hLast;
    private bool _f0Valid;
    private bool _jacobianValid;
    private bool _denseValid;
    private bool _first = true;
    private double _hAccepted;
    private double _errAcceptedRoot;
    private bool _lastRejected;

    public RosenbrockStepper(string name, RosenbrockTableau tableau, OdeProblem problem, OdeOptions options)
        : base(name, problem, options)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        _tableau = tableau;
        _s = tableau.Stages;
        _a = tableau.ARaw;
        _c = tableau.CRaw;
        _alpha = tableau.AlphaRaw;
        _d = tableau.DRaw;
        _m = tableau.MRaw;
        _e = tableau.ERaw;
        _hMatrix = tableau.DenseRaw;
        _control = new StepControl(N, ScaleTolerances(options, tableau.ToleranceScale));
        _jacobian = new JacobianEvaluator(problem, options, Counters);
        _hasTimeTerms = !problem.IsAutonomous;
        _errorExponent = 1.0 / (Math.Min(tableau.Order, tableau.EmbeddedOrder) + 1);
        _floorRoot = Math.Pow(1e-2, _errorExponent);
        _denseFormat = RosenbrockDenseFormat.For(tableau.DenseRows);

        var n = N;
        _f0 = new double[n];
        _ft = new double[n];
        _jac = new double[n * n];
        _w = new double[n * n];
        _pivots = new int[n];
        _stageY = new double[n];
        _stageF = new double[n];
        _err = new double[n];
        _scale = new double[n];
        _dense = new double[tableau.DenseRows * n];
        _cScaled = new double[_s * _s];
        _u = new double[_s * n];
        _uAccepted = new double[_s * n];
        _yNew = new double[n];
        _h = options.InitialStep;
    }

    public override double NextStepSize => _h;

    /// <summary>Options with rtol and every atol multiplied by <paramref name="scale"/> (the error test's calibration).</summary>
    internal static OdeOptions ScaleTolerances(OdeOptions options, double scale) => scale == 1.0 ? options : options with
    {
        RelativeTolerance = options.RelativeTolerance * scale,
        AbsoluteTolerance = options.AbsoluteTolerance * scale,
        AbsoluteTolerances = options.AbsoluteTolerances?.Select(a => a * scale).ToArray(),
    };

    public override IDenseFormat DenseFormat => _denseFormat;

    /// <summary>Sets the step size the next step starts from (used when another method hands over).</summary>
    internal void SetStepSize(double h) => _h = h;

    /// <summary>
    /// h·‖J‖∞ of the last accepted step (J evaluated at its start): an upper bound of h·ρ(J), used to tell whether an
    /// explicit method could take the same step. O(n²), no allocation.
    /// </summary>
    internal double LastStepSizeTimesJacobianNorm()
    {
        var n = N;
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

        return _hLast * max;
    }

    protected override void OnRestart()
    {
        _f0Valid = false;
        _jacobianValid = false;
        _denseValid = false;
        _first = true;
        _lastRejected = false;
        _hLast = 0;
    }

    protected override bool StepCore(double tLimit)
    {
        var n = N;
        var s = _s;
        var t = TCurrent;
        var y = YCurrent;
        if (!_f0Valid)
        {
            CallRhs(t, y, _f0);
            _f0Valid = true;
            var bad = StepControl.FindNonFinite(_f0);
            if (bad >= 0)
            {
                return Fail(OdeStatus.NonFiniteState, SolverMessages.NonFinite(MethodName, t, _h, Problem.ComponentName(bad)));
            }
        }

        if (!(_h > 0))
        {
            _h = _control.SelectInitialStep(Rhs, t, y, _f0, _tableau.Order, tLimit, _stageY, _stageF, Counters);
        }

        if (!_jacobianValid)
        {
            if (!EvaluateJacobian(_jacobian, t, y, _f0, _jac, _h))
            {
                return false;
            }

            if (_hasTimeTerms)
            {
                _jacobian.TimeDerivative(t, y, _f0, _h, _ft);
            }

            _jacobianValid = true;
        }

        var gamma = _tableau.Gamma;
        var maxStep = _control.MaxStep;
        var singularCount = 0;
        var nonFiniteCount = 0;
        var h = FixedStepSize > 0 ? FixedStepSize : Math.Min(_h, maxStep);
        while (true)
        {
            if (AttemptsExhausted(_control.MaxSteps, h))
            {
                return false;
            }

            var last = false;
            if (t + (h * 1.0001) >= tLimit)
            {
                h = tLimit - t;
                last = true;
            }

            if (h < StepControl.MinimumStep(t))
            {
                var component = LargestScaledError();
                return Fail(OdeStatus.StepSizeTooSmall, SolverMessages.StepSizeTooSmall(MethodName, t, h, component));
            }

            // Iteration matrix W = I/(h·γ) − J.
            var diagonal = 1.0 / (h * gamma);
            var w = _w;
            var jac = _jac;
            for (var k = 0; k < n * n; k++)
            {
                w[k] = -jac[k];
            }

            for (var i = 0; i < n; i++)
            {
                w[(i * n) + i] += diagonal;
            }

            Counters.LuDecompositions++;
            var pivot = DenseLu.Factor(w, n, _pivots);
            if (pivot >= 0)
            {
                Counters.RejectedSteps++;
                if (++singularCount >= 8)
                {
                    return Fail(OdeStatus.StepSizeTooSmall,
                        SolverMessages.SingularMatrix(MethodName, t, h, Problem.ComponentName(pivot)));
                }

                h *= 0.5;
                continue;
            }

            var invH = 1.0 / h;
            for (var k = 0; k < s * s; k++)
            {
                _cScaled[k] = _c[k] * invH;
            }

            var u = _u;
            var stageY = _stageY;
            var stageF = _stageF;
            for (var i = 0; i < s; i++)
            {
                double[] fi;
                if (i == 0)
                {
                    fi = _f0;
                }
                else
                {
                    var aRow = i * s;
                    for (var k = 0; k < n; k++)
                    {
                        var sum = y[k];
                        for (var j = 0; j < i; j++)
                        {
                            sum = Math.FusedMultiplyAdd(_a[aRow + j], u[(j * n) + k], sum);
                        }

                        stageY[k] = sum;
                    }

                    CallRhs(t + (_alpha[i] * h), stageY, stageF);
                    fi = stageF;
                }

                var cRow = i * s;
                var ui = u.AsSpan(i * n, n);
                var hd = h * _d[i];
                for (var k = 0; k < n; k++)
                {
                    var sum = fi[k];
                    for (var j = 0; j < i; j++)
                    {
                        sum = Math.FusedMultiplyAdd(_cScaled[cRow + j], u[(j * n) + k], sum);
                    }

                    ui[k] = sum;
                }

                if (_hasTimeTerms)
                {
                    for (var k = 0; k < n; k++)
                    {
                        ui[k] = Math.FusedMultiplyAdd(hd, _ft[k], ui[k]);
                    }
                }

                DenseLu.SolveCore(w, n, _pivots, ui);
            }

            // New solution and error estimate.
            var yNew = _yNew;
            var err = _err;
            for (var k = 0; k < n; k++)
            {
                var sum = y[k];
                var e = 0.0;
                for (var j = 0; j < s; j++)
                {
                    var uj = u[(j * n) + k];
                    sum = Math.FusedMultiplyAdd(_m[j], uj, sum);
                    e = Math.FusedMultiplyAdd(_e[j], uj, e);
                }

                yNew[k] = sum;
                err[k] = e;
            }

            var errNorm = _control.ErrorNorm(err, y, yNew);
            if (!double.IsFinite(errNorm))
            {
                Counters.RejectedSteps++;
                if (++nonFiniteCount >= 12)
                {
                    var bad = Math.Max(0, StepControl.FindNonFinite(yNew));
                    return Fail(OdeStatus.NonFiniteState, SolverMessages.NonFinite(MethodName, t, h, Problem.ComponentName(bad)));
                }

                h *= 0.25;
                _lastRejected = true;
                continue;
            }

            var errRoot = Math.Pow(errNorm, _errorExponent);
            var fac = Math.Max(1.0 / MaxRatio, Math.Min(1.0 / MinRatio, errRoot / Safety));
            if (errNorm > 1.0 && FixedStepSize == 0)
            {
                Counters.RejectedSteps++;
                _lastRejected = true;
                h /= fac;
                continue;
            }

            var negative = _control.FindNegative(yNew);
            if (negative >= 0)
            {
                Counters.RejectedSteps++;
                _lastRejected = true;
                if (h * 0.5 < StepControl.MinimumStep(t))
                {
                    return Fail(OdeStatus.StepSizeTooSmall,
                        SolverMessages.NegativeState(MethodName, t, h, Problem.ComponentName(negative)));
                }

                h *= 0.5;
                continue;
            }

            // Accepted: predictive (Gustafsson) step-size proposal.
            if (!_first)
            {
                var facPred = _hAccepted / h * (errRoot * errRoot / _errAcceptedRoot) / Safety;
                facPred = Math.Max(1.0 / MaxRatio, Math.Min(1.0 / MinRatio, facPred));
                fac = Math.Max(fac, facPred);
            }

            _first = false;
            _hAccepted = h;
            _errAcceptedRoot = errNorm >= 1e-2 ? errRoot : _floorRoot;
            var hNew = Math.Min(h / fac, maxStep);
            if (_lastRejected)
            {
                hNew = Math.Min(hNew, h);
            }

            _lastRejected = false;
            Counters.AcceptedSteps++;
            TPrev = t;
            TCurrent = last ? tLimit : t + h;
            _hLast = TCurrent - TPrev;
            (YPrev, YCurrent, _yNew) = (YCurrent, yNew, YPrev);
            (_u, _uAccepted) = (_uAccepted, _u);
            _denseValid = false;
            _f0Valid = false;
            _jacobianValid = false;
            _h = hNew;
            return true;
        }
    }

    public override void Interpolate(double t, Span<double> y)
    {
        var n = N;
        if (_hLast == 0)
        {
            YCurrent.AsSpan().CopyTo(y);
            return;
        }

        EnsureDense();
        RosenbrockDenseFormat.Evaluate(YPrev, YCurrent, _dense, _dense.Length / n, n, (t - TPrev) / _hLast, y);
    }

    public override void WriteDenseCoefficients(Span<double> destination)
    {
        var n = N;
        EnsureDense();
        YPrev.AsSpan().CopyTo(destination);
        YCurrent.AsSpan().CopyTo(destination[n..]);
        _dense.AsSpan().CopyTo(destination[(2 * n)..]);
    }

    private void EnsureDense()
    {
        if (_denseValid)
        {
            return;
        }

        var n = N;
        var s = _s;
        var rows = _dense.Length / n;
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < n; k++)
            {
                var sum = 0.0;
                for (var j = 0; j < s; j++)
                {
                    sum = Math.FusedMultiplyAdd(_hMatrix[(r * s) + j], _uAccepted[(j * n) + k], sum);
                }

                _dense[(r * n) + k] = sum;
            }
        }

        _denseValid = true;
    }

    private string? LargestScaledError()
    {
        var y = YCurrent;
        for (var i = 0; i < N; i++)
        {
            _scale[i] = _control.AbsoluteTolerance(i) + (_control.RelativeTolerance * Math.Abs(y[i]));
        }

        var index = LargestScaled(_err, _scale);
        return index < 0 ? null : Problem.ComponentName(index);
    }
}

/// <summary>
/// Dense output of Rosenbrock steps: coefficients are <c>[y0, y1, K_1 … K_r]</c> (each of length n) and
/// <c>y(θ) = (1−θ) y0 + θ (y1 + (1−θ)(K_1 + θ (K_2 + … θ K_r)))</c>, θ = (t − tStart)/h.
/// </summary>
internal sealed class RosenbrockDenseFormat : IDenseFormat
{
    private static readonly RosenbrockDenseFormat[] Cache = [new(0), new(1), new(2), new(3), new(4)];

    private readonly int _rows;

    private RosenbrockDenseFormat(int rows) => _rows = rows;

    public static RosenbrockDenseFormat For(int rows) => rows < Cache.Length ? Cache[rows] : new RosenbrockDenseFormat(rows);

    public int CoefficientCount(int dimension) => (2 + _rows) * dimension;

    public void Evaluate(ReadOnlySpan<double> coefficients, double tStart, double h, double t, Span<double> y)
    {
        var n = y.Length;
        Evaluate(coefficients[..n], coefficients.Slice(n, n), coefficients.Slice(2 * n, _rows * n), _rows, n, (t - tStart) / h, y);
    }

    public static void Evaluate(ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, ReadOnlySpan<double> k, int rows, int n,
        double theta, Span<double> y)
    {
        var theta1 = 1.0 - theta;
        for (var i = 0; i < n; i++)
        {
            var inner = 0.0;
            for (var r = rows - 1; r >= 0; r--)
            {
                inner = Math.FusedMultiplyAdd(theta, inner, k[(r * n) + i]);
            }

            // inner = K_1 + θ(K_2 + θ K_3 ...); the outer (1−θ) factor multiplies the whole bracket.
            y[i] = (theta1 * y0[i]) + (theta * (y1[i] + (theta1 * inner)));
        }
    }
}
