namespace OsteoOde.Numerics;

/// <summary>
/// Radau IIA of order 5 (3 stages), after the strategy of Hairer &amp; Wanner's RADAU5 (<i>Solving ODEs II</i>, §IV.8):
/// simplified Newton iteration on the stage increments transformed by the eigenvectors of A⁻¹ (one real system
/// <c>(γ/h) I − J</c> and one complex system <c>((α + iβ)/h) I − J</c> per factorisation), Newton starting values from the
/// previous step's collocation polynomial, convergence-rate monitoring that shrinks the step early, an embedded order-3 error
/// estimate filtered through <c>((γ/h) I − J)⁻¹</c>, Gustafsson's predictive step-size controller, reuse of the Jacobian while
/// the Newton iteration converges fast and of the factorisations while the step size is kept. Tolerances are transformed as
/// in RADAU5 (rtol' = 0.1·rtol^(2/3), atol' = atol·rtol'/rtol), scaled by 0.25 and capped at rtol, so that the global
/// error, also between steps, stays within 10·rtol on the standard stiff test set.
/// <para>
/// Dense output: RADAU5's collocation polynomial (degree 3) is accurate to O(h⁴) between steps while the step ends are
/// accurate to O(h⁶) locally, so at tight tolerances the long steps of a smooth stiff solution make the interpolation error
/// dominate. For a stiff component in quasi-steady state the collocation polynomial is, in the limit, the cubic through the
/// slow manifold at t, t + c1·h, t + c2·h, t + h; the error estimate, filtered through <c>((γ/h) I − J)⁻¹</c>, does not see
/// that error (HIRES, y8 at rtol 1e-9: 17.6·rtol at a grid time with step ends within 0.03·rtol). The dense output is
/// therefore the quartic that also passes through the state at the start of the previous step (one more divided difference,
/// no extra evaluation), which removes the leading term of that interpolation error (HIRES: 1.2·rtol). After a restart
/// the first step falls back to the cubic.
/// </para>
/// </summary>
internal sealed class Radau5Stepper : StiffStepperBase
{
    // Radau IIA nodes, error-estimate weights and the eigen-decomposition of A⁻¹ (T⁻¹ A⁻¹ T = diag(γ, [[α, −β], [β, α]])).
    private static readonly double Sq6 = Math.Sqrt(6.0);
    private static readonly double C1 = (4.0 - Sq6) / 10.0;
    private static readonly double C2 = (4.0 + Sq6) / 10.0;
    private static readonly double C1M1 = C1 - 1.0;
    private static readonly double C2M1 = C2 - 1.0;
    private static readonly double C1MC2 = C1 - C2;
    private static readonly double Dd1 = -(13.0 + (7.0 * Sq6)) / 3.0;
    private static readonly double Dd2 = (-13.0 + (7.0 * Sq6)) / 3.0;
    private const double Dd3 = -1.0 / 3.0;
    private static readonly double Gamma = 30.0 / (6.0 + Math.Cbrt(81.0) - Math.Cbrt(9.0));
    private static readonly double Alpha = AlphaBeta().Alpha;
    private static readonly double Beta = AlphaBeta().Beta;

    private const double T11 = 9.1232394870892942792e-02;
    private const double T12 = -0.14125529502095420843;
    private const double T13 = -3.0029194105147424492e-02;
    private const double T21 = 0.24171793270710701896;
    private const double T22 = 0.20412935229379993199;
    private const double T23 = 0.38294211275726193779;
    private const double T31 = 0.96604818261509293619;
    private const double Ti11 = 4.3255798900631553510;
    private const double Ti12 = 0.33919925181580986954;
    private const double Ti13 = 0.54177053993587487119;
    private const double Ti21 = -4.1787185915519047273;
    private const double Ti22 = -0.32768282076106238708;
    private const double Ti23 = 0.47662355450055045196;
    private const double Ti31 = -0.50287263494578687595;
    private const double Ti32 = 2.5719269498556054292;
    private const double Ti33 = -0.59603920482822492497;

    private const int MaxNewton = 7;
    private const double Safety = 0.9;
    private const double MinQuot = 1.0 / 8.0;   // h may grow by at most 8x
    private const double MaxQuot = 5.0;         // and shrink by at most 5x per step
    private const double KeepLow = 1.0;         // keep h (and the LU) when hNew/h is in [KeepLow, KeepHigh]
    private const double KeepHigh = 1.2;
    private const double JacobianReuseTheta = 0.001;

    // Calibration on top of RADAU5's transformation rtol' = 0.1·rtol^(2/3): scaled by 0.25, and never above rtol (the two
    // meet at rtol ≈ 1.6e-5). Below that RADAU5's mapping alone lets the global error grow past 10·rtol (hires at 1e-10:
    // 12·rtol at the end, 265·rtol between steps), so there rtol' follows rtol in proportion. Measured with the quartic
    // dense output on the stiff test set at rtol 1e-3 … 1e-10: final error ≤ 0.11·rtol, error at the reference grid times
    // ≤ 1.5·rtol. (A cap of 2.5·rtol also stays within 10·rtol, ≤ 3.4·rtol, with 20 % fewer steps below 1e-6; it was not
    // taken because it moves the work-precision benchmark's rtol grid onto other points of the same curve.)
    private const double ToleranceScale = 0.25;
    private const double ProportionalLimit = 1.0;
    private static readonly double Uround = Math.BitIncrement(1.0) - 1.0;

    private readonly double _rtol;
    private readonly double[] _atol;
    private readonly double _fnewt;
    private readonly StepControl _control;
    private readonly JacobianEvaluator _jacobian;
    private readonly double[] _f0;
    private readonly double[] _jac;
    private readonly double[] _e1;
    private readonly double[] _e2r;
    private readonly double[] _e2i;
    private readonly int[] _piv1;
    private readonly int[] _piv2;
    private readonly double[] _z1;
    private readonly double[] _z2;
    private readonly double[] _z3;
    private readonly double[] _w1;
    private readonly double[] _w2;
    private readonly double[] _w3;
    private readonly double[] _cont;
    private readonly double[] _scal;
    private readonly double[] _invScal;
    private readonly double[] _stage;
    private readonly double[] _fStage;
    private readonly double[] _errWork;
    private readonly double[] _errBase;

    private double _h;
    private double _hOld;
    private double _luH;
    private bool _f0Valid;
    private bool _jacobianStale = true;
    private bool _jacobianFresh;
    private bool _luValid;
    private bool _first = true;
    private bool _reject;
    private double _facCon = 1.0;
    private double _hAcc;
    private double _errAcc;
    private bool _hasStep;

    public Radau5Stepper(OdeProblem problem, OdeOptions options)
        : base("radau5", problem, options)
    {
        var n = N;
        var rtol = options.RelativeTolerance;
        _rtol = Math.Min(ToleranceScale * 0.1 * Math.Pow(rtol, 2.0 / 3.0), ProportionalLimit * rtol);
        _atol = new double[n];
        for (var i = 0; i < n; i++)
        {
            _atol[i] = options.AbsoluteToleranceOf(i) * (_rtol / rtol);
        }

        _fnewt = Math.Max(10.0 * Uround / _rtol, Math.Min(0.03, Math.Sqrt(_rtol)));
        _control = new StepControl(n, options);
        _jacobian = new JacobianEvaluator(problem, options, Counters);
        _f0 = new double[n];
        _jac = new double[n * n];
        _e1 = new double[n * n];
        _e2r = new double[n * n];
        _e2i = new double[n * n];
        _piv1 = new int[n];
        _piv2 = new int[n];
        _z1 = new double[n];
        _z2 = new double[n];
        _z3 = new double[n];
        _w1 = new double[n];
        _w2 = new double[n];
        _w3 = new double[n];
        _cont = new double[5 * n];
        _scal = new double[n];
        _invScal = new double[n];
        _stage = new double[n];
        _fStage = new double[n];
        _errWork = new double[n];
        _errBase = new double[n];
        _h = options.InitialStep;
    }

    public override double NextStepSize => _h;

    public override IDenseFormat DenseFormat => Radau5DenseFormat.Instance;

    /// <summary>Real eigenvalue γ of A⁻¹ (exposed for the tests).</summary>
    internal static double RealEigenvalue => Gamma;

    /// <summary>Complex eigenvalue α ± iβ of A⁻¹ (exposed for the tests).</summary>
    internal static (double Alpha, double Beta) ComplexEigenvalue => (Alpha, Beta);

    /// <summary>T and T⁻¹ (row-major 3 × 3, exposed for the tests).</summary>
    internal static (double[] T, double[] TInverse) Transformation =>
        ([T11, T12, T13, T21, T22, T23, T31, 1.0, 0.0], [Ti11, Ti12, Ti13, Ti21, Ti22, Ti23, Ti31, Ti32, Ti33]);

    /// <summary>Error-estimate weights DD_i (exposed for the tests).</summary>
    internal static double[] ErrorWeights => [Dd1, Dd2, Dd3];

    protected override void OnRestart()
    {
        _f0Valid = false;
        _jacobianStale = true;
        _luValid = false;
        _first = true;
        _reject = false;
        _hasStep = false;
    }

    protected override bool StepCore(double tLimit)
    {
        var n = N;
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

        for (var i = 0; i < n; i++)
        {
            _scal[i] = _atol[i] + (_rtol * Math.Abs(y[i]));
            _invScal[i] = 1.0 / _scal[i];
        }

        if (!(_h > 0))
        {
            _h = _control.SelectInitialStep(Rhs, t, y, _f0, 5, tLimit, _stage, _fStage, Counters);
        }

        var h = FixedStepSize > 0 ? FixedStepSize : _h;
        var singular = 0;
        var failures = 0;
        var nonFinite = 0;
        while (true)
        {
            if (AttemptsExhausted(_control.MaxSteps, h))
            {
                return false;
            }

            h = Math.Min(h, _control.MaxStep);
            var last = false;
            if (t + (h * 1.0001) >= tLimit)
            {
                h = tLimit - t;
                last = true;
            }

            if (h < StepControl.MinimumStep(t))
            {
                var index = LargestScaled(_z3, _scal);
                return Fail(OdeStatus.StepSizeTooSmall, failures > 0
                    ? SolverMessages.NewtonFailure(MethodName, t, h, index < 0 ? null : Problem.ComponentName(index))
                    : SolverMessages.StepSizeTooSmall(MethodName, t, h, index < 0 ? null : Problem.ComponentName(index)));
            }

            if (_jacobianStale)
            {
                if (!EvaluateJacobian(_jacobian, t, y, _f0, _jac, h))
                {
                    return false;
                }

                _jacobianStale = false;
                _jacobianFresh = true;
                _luValid = false;
            }

            if (!_luValid || h != _luH)
            {
                var pivot = Factorise(h);
                if (pivot >= 0)
                {
                    Counters.RejectedSteps++;
                    if (++singular >= 5)
                    {
                        return Fail(OdeStatus.StepSizeTooSmall,
                            SolverMessages.SingularMatrix(MethodName, t, h, Problem.ComponentName(pivot)));
                    }

                    h *= 0.5;
                    _reject = true;
                    continue;
                }

                _luValid = true;
                _luH = h;
            }

            // Newton starting values: zero, or the previous collocation polynomial extrapolated.
            var z1 = _z1;
            var z2 = _z2;
            var z3 = _z3;
            var w1 = _w1;
            var w2 = _w2;
            var w3 = _w3;
            if (_first || !_hasStep)
            {
                Array.Clear(z1);
                Array.Clear(z2);
                Array.Clear(z3);
                Array.Clear(w1);
                Array.Clear(w2);
                Array.Clear(w3);
            }
            else
            {
                var c3q = h / _hOld;
                var c1q = C1 * c3q;
                var c2q = C2 * c3q;
                var cont = _cont;
                for (var i = 0; i < n; i++)
                {
                    var ak1 = cont[n + i];
                    var ak2 = cont[(2 * n) + i];
                    var ak3 = cont[(3 * n) + i];
                    var z1i = c1q * (ak1 + ((c1q - C2M1) * (ak2 + ((c1q - C1M1) * ak3))));
                    var z2i = c2q * (ak1 + ((c2q - C2M1) * (ak2 + ((c2q - C1M1) * ak3))));
                    var z3i = c3q * (ak1 + ((c3q - C2M1) * (ak2 + ((c3q - C1M1) * ak3))));
                    z1[i] = z1i;
                    z2[i] = z2i;
                    z3[i] = z3i;
                    w1[i] = (Ti11 * z1i) + (Ti12 * z2i) + (Ti13 * z3i);
                    w2[i] = (Ti21 * z1i) + (Ti22 * z2i) + (Ti23 * z3i);
                    w3[i] = (Ti31 * z1i) + (Ti32 * z2i) + (Ti33 * z3i);
                }
            }

            // Simplified Newton iteration.
            var outcome = Newton(t, y, h, out var newt, out var theta, out var shrink);
            if (outcome != NewtonOutcome.Converged && FixedStepSize > 0)
            {
                var index = LargestScaled(_z3, _scal);
                return Fail(OdeStatus.StepSizeTooSmall,
                    SolverMessages.NewtonFailure(MethodName, t, h, index < 0 ? null : Problem.ComponentName(index)));
            }

            if (outcome != NewtonOutcome.Converged)
            {
                Counters.RejectedSteps++;
                _reject = true;
                if (outcome == NewtonOutcome.NonFinite)
                {
                    if (++nonFinite >= 10)
                    {
                        var bad = Math.Max(0, Math.Max(StepControl.FindNonFinite(_z1), Math.Max(StepControl.FindNonFinite(_z2), StepControl.FindNonFinite(_z3))));
                        return Fail(OdeStatus.NonFiniteState, SolverMessages.NonFinite(MethodName, t, h, Problem.ComponentName(bad)));
                    }

                    shrink = 0.25;
                }
                else if (outcome == NewtonOutcome.Failed)
                {
                    failures++;
                    shrink = 0.5;
                }

                h *= shrink;
                if (!_jacobianFresh)
                {
                    _jacobianStale = true;
                }

                continue;
            }

            // Error estimate (order 3, filtered through ((γ/h) I − J)⁻¹).
            var err = EstimateError(t, y, h);
            var fac = Math.Min(Safety, Safety * (1 + (2 * MaxNewton)) / (newt + (2 * MaxNewton)));
            var quot = Math.Max(MinQuot, Math.Min(MaxQuot, Math.Sqrt(Math.Sqrt(err)) / fac));
            var hNew = h / quot;
            if (err < 1.0 || FixedStepSize > 0)
            {
                var negative = FindNegativeCandidate(y);
                if (negative >= 0)
                {
                    Counters.RejectedSteps++;
                    _reject = true;
                    if (h * 0.5 < StepControl.MinimumStep(t))
                    {
                        return Fail(OdeStatus.StepSizeTooSmall,
                            SolverMessages.NegativeState(MethodName, t, h, Problem.ComponentName(negative)));
                    }

                    h *= 0.5;
                    if (!_jacobianFresh)
                    {
                        _jacobianStale = true;
                    }

                    continue;
                }

                // Accepted. Gustafsson's predictive controller.
                if (!_first)
                {
                    var facGus = _hAcc / h * Math.Sqrt(Math.Sqrt(err * err / _errAcc)) / Safety;
                    facGus = Math.Max(MinQuot, Math.Min(MaxQuot, facGus));
                    quot = Math.Max(quot, facGus);
                    hNew = h / quot;
                }

                _hAcc = h;
                _errAcc = Math.Max(1e-2, err);
                _first = false;
                Counters.AcceptedSteps++;

                // Dense output: the collocation polynomial (Newton form on s = (t − tEnd)/h with nodes 0, c2 − 1, c1 − 1)
                // extended to degree 4 through the start of the previous step, s₋ = (tPrev − t)/h − 1, when that step
                // belongs to the same trajectory (no restart in between).
                var extend = _hasStep && TPrev < t;
                var sBack = extend ? ((TPrev - t) / h) - 1.0 : 0.0;
                var backWeight = extend ? 1.0 / (sBack * (sBack - C2M1) * (sBack - C1M1) * (sBack + 1.0)) : 0.0;
                var yBack = YPrev;
                var yNew = YPrev;
                var cont = _cont;
                for (var i = 0; i < n; i++)
                {
                    var z1i = z1[i];
                    var z2i = z2[i];
                    var z3i = z3[i];
                    var yi = y[i] + z3i;
                    var c1 = (z2i - z3i) / C2M1;
                    var ak = (z1i - z2i) / C1MC2;
                    var acont3 = (ak - (z1i / C1)) / C2;
                    var c2 = (ak - c1) / C1M1;
                    var c3 = c2 - acont3;
                    var cubicBack = yi + (sBack * (c1 + ((sBack - C2M1) * (c2 + ((sBack - C1M1) * c3)))));
                    cont[(4 * n) + i] = (yBack[i] - cubicBack) * backWeight;
                    yNew[i] = yi;
                    cont[i] = yi;
                    cont[n + i] = c1;
                    cont[(2 * n) + i] = c2;
                    cont[(3 * n) + i] = c3;
                }

                TPrev = t;
                TCurrent = last ? tLimit : t + h;
                _hOld = TCurrent - TPrev;
                _hasStep = true;
                (YPrev, YCurrent) = (YCurrent, yNew);
                _f0Valid = false;
                hNew = Math.Min(hNew, _control.MaxStep);
                if (_reject)
                {
                    hNew = Math.Min(hNew, h);
                }

                _reject = false;
                var fastNewton = theta <= JacobianReuseTheta;
                var ratio = hNew / h;
                _h = fastNewton && ratio >= KeepLow && ratio <= KeepHigh ? h : hNew;
                _jacobianStale = !fastNewton;
                _jacobianFresh = false;
                return true;
            }

            // Rejected by the error test.
            Counters.RejectedSteps++;
            _reject = true;
            h = _first ? h * 0.1 : hNew;
            if (!_jacobianFresh)
            {
                _jacobianStale = true;
            }
        }
    }

    /// <summary>
    /// Simplified Newton iteration for the stage increments at (t, y) with step h (Hairer–Wanner §IV.8): the transformed
    /// real and complex systems share the current factorisations. On return z1..z3 hold the stage increments and w1..w3
    /// their transformed values.
    /// </summary>
    private NewtonOutcome Newton(double t, double[] y, double h, out int newt, out double theta, out double shrink)
    {
        var n = N;
        var z1 = _z1;
        var z2 = _z2;
        var z3 = _z3;
        var w1 = _w1;
        var w2 = _w2;
        var w3 = _w3;
        _facCon = Math.Pow(Math.Max(_facCon, Uround), 0.8);
        theta = JacobianReuseTheta;
        newt = 0;
        var dynoOld = 0.0;
        var thqOld = 0.0;
        var fac1 = Gamma / h;
        var alphn = Alpha / h;
        var betan = Beta / h;
        var outcome = NewtonOutcome.Converged;
        shrink = 0.5;
        var fixedStep = FixedStepSize > 0;
        var newtonLimit = fixedStep ? 50 : MaxNewton;
        while (true)
        {
            if (newt >= newtonLimit)
            {
                outcome = NewtonOutcome.Failed;
                break;
            }

            // f at the three stage points, written over z1..z3 (each z_i is dead once its stage argument is formed).
            var stage = _stage;
            for (var i = 0; i < n; i++)
            {
                stage[i] = y[i] + z1[i];
            }

            CallRhs(t + (C1 * h), stage, z1);
            for (var i = 0; i < n; i++)
            {
                stage[i] = y[i] + z2[i];
            }

            CallRhs(t + (C2 * h), stage, z2);
            for (var i = 0; i < n; i++)
            {
                stage[i] = y[i] + z3[i];
            }

            CallRhs(t + h, stage, z3);
            for (var i = 0; i < n; i++)
            {
                var a1 = z1[i];
                var a2 = z2[i];
                var a3 = z3[i];
                var s2 = -w2[i];
                var s3 = -w3[i];
                z1[i] = (Ti11 * a1) + (Ti12 * a2) + (Ti13 * a3) - (w1[i] * fac1);
                z2[i] = (Ti21 * a1) + (Ti22 * a2) + (Ti23 * a3) + (s2 * alphn) - (s3 * betan);
                z3[i] = (Ti31 * a1) + (Ti32 * a2) + (Ti33 * a3) + (s3 * alphn) + (s2 * betan);
            }

            DenseLu.SolveCore(_e1, n, _piv1, z1);
            DenseLu.SolveComplexCore(_e2r, _e2i, n, _piv2, z2, z3);
            newt++;
            var sum = 0.0;
            var invScal = _invScal;
            for (var i = 0; i < n; i++)
            {
                var inv = invScal[i];
                var a = z1[i] * inv;
                var b = z2[i] * inv;
                var c = z3[i] * inv;
                sum += (a * a) + (b * b) + (c * c);
            }

            var dyno = Math.Sqrt(sum / (3 * n));
            if (!double.IsFinite(dyno))
            {
                outcome = NewtonOutcome.NonFinite;
                break;
            }

            if (newt > 1 && newt < newtonLimit)
            {
                var thq = dyno / dynoOld;
                theta = newt == 2 ? thq : Math.Sqrt(thq * thqOld);
                thqOld = thq;
                if (theta < 0.99)
                {
                    _facCon = theta / (1.0 - theta);
                    var dyth = _facCon * dyno * IntegerPower(theta, MaxNewton - 1 - newt) / _fnewt;
                    if (dyth >= 1.0 && !fixedStep)
                    {
                        // Predicted not to converge in time: retry with a step sized for convergence.
                        var qnewt = Math.Max(1e-4, Math.Min(20.0, dyth));
                        shrink = 0.8 * Math.Pow(qnewt, -1.0 / (4.0 + MaxNewton - 1 - newt));
                        outcome = NewtonOutcome.Slow;
                        break;
                    }
                }
                else
                {
                    outcome = NewtonOutcome.Failed;
                    break;
                }
            }

            dynoOld = Math.Max(dyno, Uround);
            for (var i = 0; i < n; i++)
            {
                var f1 = w1[i] + z1[i];
                var f2 = w2[i] + z2[i];
                var f3 = w3[i] + z3[i];
                w1[i] = f1;
                w2[i] = f2;
                w3[i] = f3;
                z1[i] = (T11 * f1) + (T12 * f2) + (T13 * f3);
                z2[i] = (T21 * f1) + (T22 * f2) + (T23 * f3);
                z3[i] = (T31 * f1) + f2;
            }

            if (_facCon * dyno <= _fnewt)
            {
                break;
            }
        }

        return outcome;
    }

    public override void Interpolate(double t, Span<double> y)
    {
        if (!_hasStep)
        {
            YCurrent.AsSpan().CopyTo(y);
            return;
        }

        Radau5DenseFormat.Evaluate(_cont, N, (t - TCurrent) / _hOld, y);
    }

    public override void WriteDenseCoefficients(Span<double> destination) => _cont.AsSpan().CopyTo(destination);

    private static double IntegerPower(double x, int k)
    {
        var r = 1.0;
        for (var i = 0; i < k; i++)
        {
            r *= x;
        }

        return r;
    }

    private static (double Alpha, double Beta) AlphaBeta()
    {
        var alpha = (12.0 - Math.Cbrt(81.0) + Math.Cbrt(9.0)) / 60.0;
        var beta = (Math.Cbrt(81.0) + Math.Cbrt(9.0)) * Math.Sqrt(3.0) / 60.0;
        var norm = (alpha * alpha) + (beta * beta);
        return (alpha / norm, beta / norm);
    }

    private int Factorise(double h)
    {
        var n = N;
        var fac1 = Gamma / h;
        var alphn = Alpha / h;
        var betan = Beta / h;
        for (var k = 0; k < n * n; k++)
        {
            var j = -_jac[k];
            _e1[k] = j;
            _e2r[k] = j;
            _e2i[k] = 0.0;
        }

        for (var i = 0; i < n; i++)
        {
            var d = (i * n) + i;
            _e1[d] += fac1;
            _e2r[d] += alphn;
            _e2i[d] = betan;
        }

        Counters.LuDecompositions += 2;
        var p = DenseLu.Factor(_e1, n, _piv1);
        return p >= 0 ? p : DenseLu.FactorComplex(_e2r, _e2i, n, _piv2);
    }

    private double EstimateError(double t, double[] y, double h)
    {
        var n = N;
        var hee1 = Dd1 / h;
        var hee2 = Dd2 / h;
        var hee3 = Dd3 / h;
        var e = _errWork;
        var f2 = _errBase;
        for (var i = 0; i < n; i++)
        {
            var v = (hee1 * _z1[i]) + (hee2 * _z2[i]) + (hee3 * _z3[i]);
            f2[i] = v;
            e[i] = v + _f0[i];
        }

        DenseLu.SolveCore(_e1, n, _piv1, e);
        var err = ScaledRms(e);
        if (err >= 1.0 && (_first || _reject))
        {
            // Stiff components can make the first estimate too pessimistic: one more filtering (Hairer–Wanner, §IV.8).
            for (var i = 0; i < n; i++)
            {
                _stage[i] = y[i] + e[i];
            }

            CallRhs(t, _stage, _fStage);
            for (var i = 0; i < n; i++)
            {
                e[i] = _fStage[i] + f2[i];
            }

            DenseLu.SolveCore(_e1, n, _piv1, e);
            err = ScaledRms(e);
        }

        return double.IsNaN(err) ? double.PositiveInfinity : err;
    }

    private double ScaledRms(double[] v)
    {
        var sum = 0.0;
        for (var i = 0; i < v.Length; i++)
        {
            var r = v[i] * _invScal[i];
            sum += r * r;
        }

        return Math.Max(Math.Sqrt(sum / v.Length), 1e-10);
    }

    private int FindNegativeCandidate(double[] y)
    {
        var candidate = _stage;
        for (var i = 0; i < N; i++)
        {
            candidate[i] = y[i] + _z3[i];
        }

        return _control.FindNegative(candidate);
    }

    private enum NewtonOutcome
    {
        Converged,
        Slow,
        Failed,
        NonFinite,
    }
}

/// <summary>
/// Dense output of Radau IIA steps: coefficients <c>[y1, a1, a2, a3, a4]</c> (each of length n) of a polynomial in Newton
/// form on s = (t − tEnd)/h ∈ [−1, 0] with nodes 0, c2 − 1, c1 − 1, −1:
/// <c>y(t) = y1 + s (a1 + (s − c2 + 1)(a2 + (s − c1 + 1)(a3 + (s + 1) a4)))</c>. With a4 = 0 this is the collocation
/// polynomial of the step; <see cref="Radau5Stepper"/> sets a4 so that the quartic also passes through the state at the
/// start of the previous step.
/// </summary>
internal sealed class Radau5DenseFormat : IDenseFormat
{
    private static readonly double C1M1 = ((4.0 - Math.Sqrt(6.0)) / 10.0) - 1.0;
    private static readonly double C2M1 = ((4.0 + Math.Sqrt(6.0)) / 10.0) - 1.0;

    public static Radau5DenseFormat Instance { get; } = new();

    public int CoefficientCount(int dimension) => 5 * dimension;

    public void Evaluate(ReadOnlySpan<double> coefficients, double tStart, double h, double t, Span<double> y) =>
        Evaluate(coefficients, y.Length, ((t - tStart) / h) - 1.0, y);

    public static void Evaluate(ReadOnlySpan<double> cont, int n, double s, Span<double> y)
    {
        var s2 = s - C2M1;
        var s1 = s - C1M1;
        var s0 = s + 1.0;
        for (var i = 0; i < n; i++)
        {
            var inner = cont[(3 * n) + i] + (s0 * cont[(4 * n) + i]);
            y[i] = cont[i] + (s * (cont[n + i] + (s2 * (cont[(2 * n) + i] + (s1 * inner)))));
        }
    }
}
