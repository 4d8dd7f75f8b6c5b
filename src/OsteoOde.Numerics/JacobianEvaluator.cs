namespace OsteoOde.Numerics;

/// <summary>
/// Supplies the Jacobian <c>∂f/∂y</c> (analytic when the problem has one, else forward differences) and the time derivative
/// <c>∂f/∂t</c> (zero for autonomous problems, else a forward difference) to the stiff steppers, and charges the work to the
/// counters. Allocation-free after construction.
/// </summary>
/// <remarks>
/// Forward-difference increment for column j: <c>δ_j = sqrt(ε) · max(|y_j|, atol_j / rtol)</c>, rounded so that
/// <c>y_j + δ_j</c> is exactly representable. <c>atol_j / rtol</c> is the magnitude below which the absolute tolerance
/// dominates the error weight of component j; below it the component is "numerically zero" for the integrator, so it is the
/// natural scale of a perturbation there. Cost: n right-hand-side evaluations per Jacobian (counted as such and as one
/// Jacobian evaluation). An analytic Jacobian must write every entry: entries are preset to NaN and any left non-finite is
/// reported (it catches a Jacobian written for another dimension or ordering).
/// </remarks>
public sealed class JacobianEvaluator
{
    private static readonly double SqrtEpsilon = Math.Sqrt(Math.BitIncrement(1.0) - 1.0);

    private readonly OdeFunction _rhs;
    private readonly OdeJacobian? _analytic;
    private readonly double[] _floor;
    private readonly double[] _yWork;
    private readonly double[] _fWork;
    private readonly SolverCounters _counters;
    private readonly bool _autonomous;

    /// <summary>Creates the evaluator for a problem.</summary>
    /// <param name="problem">Problem (its <see cref="OdeProblem.Jacobian"/> is used when present).</param>
    /// <param name="options">Validated options (tolerances set the difference increments).</param>
    /// <param name="counters">Counters charged with the work.</param>
    public JacobianEvaluator(OdeProblem problem, OdeOptions options, SolverCounters counters)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counters);
        var n = problem.Dimension;
        _rhs = problem.Rhs;
        _analytic = problem.Jacobian;
        _autonomous = problem.IsAutonomous;
        _counters = counters;
        _floor = new double[n];
        for (var j = 0; j < n; j++)
        {
            _floor[j] = Math.Max(options.AbsoluteToleranceOf(j) / options.RelativeTolerance, 1e-300);
        }

        _yWork = new double[n];
        _fWork = new double[n];
        Dimension = n;
    }

    /// <summary>Problem dimension.</summary>
    public int Dimension { get; }

    /// <summary>Whether an analytic Jacobian is used.</summary>
    public bool IsAnalytic => _analytic is not null;

    /// <summary>Whether ∂f/∂t is known to be zero (the problem declared itself autonomous).</summary>
    public bool IsAutonomous => _autonomous;

    /// <summary>
    /// Evaluates <c>J = ∂f/∂y (t, y)</c> into <paramref name="jacobian"/> (row-major). Exceptions of the user functions propagate.
    /// </summary>
    /// <param name="t">Time.</param>
    /// <param name="y">State (not modified).</param>
    /// <param name="f0">f(t, y), already evaluated (used by finite differences).</param>
    /// <param name="jacobian">Destination, length n².</param>
    /// <returns>−1 when every entry is finite, else the flat index of the first non-finite entry.</returns>
    public int Evaluate(double t, double[] y, double[] f0, double[] jacobian)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(f0);
        ArgumentNullException.ThrowIfNull(jacobian);
        var n = Dimension;
        _counters.JacobianEvaluations++;
        if (_analytic is not null)
        {
            Array.Fill(jacobian, double.NaN, 0, n * n);
            _analytic(t, y, jacobian);
        }
        else
        {
            Array.Copy(y, _yWork, n);
            for (var j = 0; j < n; j++)
            {
                var yj = y[j];
                var shifted = yj + (SqrtEpsilon * Math.Max(Math.Abs(yj), _floor[j]));
                var delta = shifted - yj;
                _yWork[j] = shifted;
                _rhs(t, _yWork, _fWork);
                _counters.RhsEvaluations++;
                _yWork[j] = yj;
                var inv = 1.0 / delta;
                for (var i = 0; i < n; i++)
                {
                    jacobian[(i * n) + j] = (_fWork[i] - f0[i]) * inv;
                }
            }
        }

        for (var k = 0; k < n * n; k++)
        {
            if (!double.IsFinite(jacobian[k]))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>
    /// Evaluates <c>∂f/∂t (t, y)</c> into <paramref name="dfdt"/>: zero for autonomous problems, else a forward difference
    /// with increment <c>sqrt(ε) · max(|t|, |h|)</c> (one right-hand-side evaluation).
    /// </summary>
    /// <param name="t">Time.</param>
    /// <param name="y">State (not modified).</param>
    /// <param name="f0">f(t, y).</param>
    /// <param name="h">Current step size (sets the increment scale near t = 0).</param>
    /// <param name="dfdt">Destination.</param>
    public void TimeDerivative(double t, double[] y, double[] f0, double h, double[] dfdt)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(f0);
        ArgumentNullException.ThrowIfNull(dfdt);
        var n = Dimension;
        if (_autonomous)
        {
            Array.Clear(dfdt, 0, n);
            return;
        }

        var shifted = t + (SqrtEpsilon * Math.Max(Math.Abs(t), Math.Abs(h)));
        var delta = shifted - t;
        Array.Copy(y, _yWork, n);
        _rhs(shifted, _yWork, _fWork);
        _counters.RhsEvaluations++;
        var inv = 1.0 / delta;
        for (var i = 0; i < n; i++)
        {
            dfdt[i] = (_fWork[i] - f0[i]) * inv;
        }
    }
}
