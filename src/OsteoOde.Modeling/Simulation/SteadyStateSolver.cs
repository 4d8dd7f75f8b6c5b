using OsteoOde.Numerics;

namespace OsteoOde.Modeling;

/// <summary>
/// Finds a steady state <c>f(y) = 0</c> of a compiled model with a fallback chain: Newton with the analytic Jacobian; damped
/// Newton (backtracking line search on the weighted residual, keeping non-negative states non-negative) from the start again;
/// then integration towards the steady state with a stiff method over growing horizons (1, 10, 100, … time units) with a Newton
/// polish after each segment. States that no rate depends on (pure integrators: zero Jacobian column, for example a bone volume)
/// are held at their starting value and reported in <see cref="SteadyStateResult.HeldStates"/> with their rates.
/// <para>
/// Convergence: the weighted max norm of the Newton correction at the final state (weights <c>atol + rtol·|y_i|</c>) is ≤ 1, i.e.
/// the state is within tolerance of the exact root. When the Jacobian is singular (a conservation law), an integrated state is
/// accepted if at its current rates it would move by less than its tolerance over another segment as long as the last one.
/// Failures are statuses on the result, never exceptions (bad arguments still throw <see cref="ArgumentException"/>).
/// </para>
/// </summary>
public static class SteadyStateSolver
{
    /// <summary>Steady state for a parameter set, from the model's initial state (initial expressions of the set) with optional overrides.</summary>
    /// <param name="model">The model (compiled once and cached).</param>
    /// <param name="parameters">Parameter set (<see langword="null"/>: defaults); inputs at their values in the set.</param>
    /// <param name="options">Settings (<see langword="null"/>: defaults).</param>
    /// <param name="start">Starting values by state name (others from the initial state); also the values of held states.</param>
    /// <returns>The result.</returns>
    public static SteadyStateResult Solve(Model model, ParameterSet? parameters = null, SteadyStateOptions? options = null,
        IReadOnlyDictionary<string, double>? start = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Solve(CompiledModel.GetOrCompile(model), parameters, options, start);
    }

    /// <summary>Steady state for a parameter set with a compiled model.</summary>
    /// <param name="compiled">Compiled model.</param>
    /// <param name="parameters">Parameter set (<see langword="null"/>: defaults).</param>
    /// <param name="options">Settings.</param>
    /// <param name="start">Starting values by state name.</param>
    /// <returns>The result.</returns>
    public static SteadyStateResult Solve(CompiledModel compiled, ParameterSet? parameters = null, SteadyStateOptions? options = null,
        IReadOnlyDictionary<string, double>? start = null)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        parameters ??= ParameterSet.Defaults(compiled.Model);
        if (!parameters.IsFor(compiled.Model))
        {
            throw new ArgumentException(SimulationMessages.ParameterSetForOtherModel(parameters.Model.Id, compiled.Model.Id), nameof(parameters));
        }

        var p = parameters.ToVector();
        var y0 = compiled.CreateInitialState(p);
        if (start is not null)
        {
            Simulation.ApplyOverrides(compiled, y0, start, nameof(start));
        }

        return Solve(compiled, p, y0, options);
    }

    /// <summary>Steady state from an explicit parameter vector and starting state.</summary>
    /// <param name="compiled">Compiled model.</param>
    /// <param name="p">Parameter vector (parameters then inputs; not modified).</param>
    /// <param name="start">Starting state (canonical order); held states keep these values.</param>
    /// <param name="options">Settings.</param>
    /// <returns>The result.</returns>
    public static SteadyStateResult Solve(CompiledModel compiled, double[] p, ReadOnlySpan<double> start, SteadyStateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(p);
        options ??= new SteadyStateOptions();
        options.Validate();
        if (p.Length != compiled.ParameterVectorLength)
        {
            throw new ArgumentException(SimulationMessages.VectorLength("parameter vector", compiled.ParameterVectorLength, p.Length), nameof(p));
        }

        if (start.Length != compiled.StateCount)
        {
            throw new ArgumentException(SimulationMessages.VectorLength("starting state", compiled.StateCount, start.Length), nameof(start));
        }

        for (var i = 0; i < start.Length; i++)
        {
            if (!double.IsFinite(start[i]))
            {
                throw new ArgumentException(SimulationMessages.StartNotFinite(compiled.StateNames[i], start[i]), nameof(start));
            }
        }

        return new Run(compiled, (double[])p.Clone(), start.ToArray(), options).Solve();
    }

    /// <summary>One solve: work arrays, the fallback chain and the result.</summary>
    private sealed class Run
    {
        private readonly CompiledModel _c;
        private readonly OdeFunction _rhs;
        private readonly OdeJacobian _jac;
        private readonly double[] _start;
        private readonly SteadyStateOptions _o;
        private readonly int _n;
        private readonly int[] _free;
        private readonly bool[] _nonNegative;
        private readonly double[] _f;
        private readonly double[] _jacobian;
        private readonly double[] _lu;
        private readonly int[] _pivots;
        private readonly double[] _delta;
        private readonly double[] _trial;
        private readonly double[] _fTrial;
        private readonly double _t;
        private int _iterations;
        private string _lastProblem = "";

        public Run(CompiledModel compiled, double[] p, double[] start, SteadyStateOptions options)
        {
            _c = compiled;

            // Bound delegates: the parameter-only subexpressions are evaluated once for the whole solve.
            _rhs = compiled.CreateOdeFunction(p);
            _jac = compiled.CreateOdeJacobian(p);
            _start = start;
            _o = options;
            _n = compiled.StateCount;
            var unread = new HashSet<int>(compiled.UnreadStateIndices);
            _free = [.. Enumerable.Range(0, _n).Where(i => !unread.Contains(i))];
            _nonNegative = new bool[_n];
            foreach (var i in compiled.NonNegativeStateIndices)
            {
                _nonNegative[i] = true;
            }

            var m = _free.Length;
            _f = new double[_n];
            _jacobian = new double[_n * _n];
            _lu = new double[m * m];
            _pivots = new int[m];
            _delta = new double[m];
            _trial = new double[_n];
            _fTrial = new double[_n];
            _t = options.Time;
        }

        public SteadyStateResult Solve()
        {
            var y = (double[])_start.Clone();
            if (_free.Length == 0)
            {
                return Result(SteadyStateStatus.Converged, SteadyStateMethod.None, y, 0, SimulationMessages.SteadyAllHeld(_n));
            }

            var problems = new List<string>();
            if (Newton(y, damped: false, out var residual))
            {
                return Result(SteadyStateStatus.Converged, SteadyStateMethod.Newton, y, residual, SimulationMessages.SteadyConverged("Newton", _iterations, residual));
            }

            problems.Add($"Newton: {_lastProblem}");
            y = (double[])_start.Clone();
            if (Newton(y, damped: true, out residual))
            {
                return Result(SteadyStateStatus.Converged, SteadyStateMethod.DampedNewton, y, residual,
                    SimulationMessages.SteadyConverged("damped Newton", _iterations, residual));
            }

            problems.Add($"damped Newton: {_lastProblem}");
            if (!_o.AllowIntegration)
            {
                return Result(SteadyStateStatus.NotConverged, SteadyStateMethod.None, (double[])_start.Clone(), double.NaN,
                    SimulationMessages.SteadyNotConverged(problems, integrationAllowed: false));
            }

            return Integrate(problems);
        }

        /// <summary>Integration over growing horizons, each followed by a Newton polish.</summary>
        private SteadyStateResult Integrate(List<string> problems)
        {
            var y = (double[])_start.Clone();
            var rhs = _rhs;
            var jac = _jac;
            var t = _t;
            var nonNegative = _c.NonNegativeStateIndices;
            var elapsed = 0.0;
            for (var horizon = 1.0; elapsed < _o.MaxIntegrationTime; horizon *= 10)
            {
                var length = Math.Min(horizon, _o.MaxIntegrationTime - elapsed);
                var problem = new OdeProblem((_, yy, dy) => rhs(t, yy, dy), 0, y, length, (_, yy, j) => jac(t, yy, j), _c.StateNames);
                var options = new OdeOptions
                {
                    Method = _o.IntegrationMethod,
                    RelativeTolerance = Math.Max(1e-8, _o.RelativeTolerance),
                    AbsoluteTolerance = _o.AbsoluteTolerance,
                    NonNegative = nonNegative.Count > 0 ? nonNegative : null,
                    OutputTimes = [length],
                    DenseOutput = false,
                };
                var result = OdeSolver.Default.Solve(problem, options);
                if (!result.IsSuccess)
                {
                    return Result(SteadyStateStatus.Failed, SteadyStateMethod.Integration, y, double.NaN,
                        SimulationMessages.SteadyIntegrationFailed(elapsed, result.Message));
                }

                elapsed += length;
                for (var i = 0; i < _n; i++)
                {
                    y[i] = result.FinalState[i];
                }

                foreach (var i in _c.UnreadStateIndices)
                {
                    y[i] = _start[i];
                }

                var polished = (double[])y.Clone();
                if (Newton(polished, damped: false, out var residual) || CopyBack(y, polished) && Newton(polished, damped: true, out residual))
                {
                    return Result(SteadyStateStatus.Converged, SteadyStateMethod.Integration, polished, residual,
                        SimulationMessages.SteadyByIntegration(elapsed, _iterations, residual));
                }

                if (_lastProblem.StartsWith("singular", StringComparison.Ordinal))
                {
                    // Conservation laws make J singular everywhere: accept the integrated state when it has stopped moving.
                    Evaluate(y, _f);
                    var drift = MaxScaled(y, _f) * length;
                    if (drift <= 1)
                    {
                        return Result(SteadyStateStatus.Converged, SteadyStateMethod.Integration, y, drift,
                            SimulationMessages.SteadyByIntegrationSingular(elapsed, drift));
                    }
                }
            }

            problems.Add($"integration for {SimulationMessages.F(elapsed)} time units: {_lastProblem}");
            return Result(SteadyStateStatus.NotConverged, SteadyStateMethod.None, y, double.NaN,
                SimulationMessages.SteadyNotConverged(problems, integrationAllowed: true));
        }

        private static bool CopyBack(double[] from, double[] to)
        {
            from.CopyTo(to, 0);
            return true;
        }

        /// <summary>Newton iteration on the free states of <paramref name="y"/> (in place); true when converged.</summary>
        private bool Newton(double[] y, bool damped, out double residual)
        {
            residual = double.NaN;
            if (!Evaluate(y, _f))
            {
                _lastProblem = "non-finite rates at the starting state";
                return false;
            }

            for (var iteration = 0; iteration < _o.MaxIterations; iteration++)
            {
                _iterations++;
                if (!NewtonStep(y, _f))
                {
                    return false;
                }

                var stepNorm = WeightedMax(y, _delta);
                var lambda = 1.0;
                if (damped)
                {
                    // Fraction to the boundary: never start the line search beyond where a non-negative state reaches zero.
                    var feasible = MaxFeasibleStep(y, out var blocking);
                    lambda = feasible >= 1 ? 1 : 0.99 * feasible;
                    if (lambda < 1e-10)
                    {
                        _lastProblem = $"the Newton direction is blocked by the non-negativity of '{_c.StateNames[blocking]}'";
                        return false;
                    }

                    var merit = Merit(y, _f);
                    while (true)
                    {
                        Trial(y, lambda);
                        if (Admissible(_trial) && Evaluate(_trial, _fTrial) && Merit(y, _fTrial) <= (1 - (2e-4 * lambda)) * merit)
                        {
                            break;
                        }

                        lambda *= 0.5;
                        if (lambda < 1e-10)
                        {
                            _lastProblem = "the line search found no decrease of the residual (a local minimum of |f| that is not a root?)";
                            return false;
                        }
                    }
                }
                else
                {
                    Trial(y, 1);
                    if (!Admissible(_trial))
                    {
                        _lastProblem = "a full step made a non-negative state negative";
                        return false;
                    }

                    if (!Evaluate(_trial, _fTrial))
                    {
                        _lastProblem = "non-finite rates after a full step";
                        return false;
                    }
                }

                _trial.CopyTo(y, 0);
                _fTrial.CopyTo(_f, 0);
                if (lambda == 1 && stepNorm <= 1)
                {
                    // Converged if the next correction (the distance still to go) is within tolerance.
                    if (!NewtonStep(y, _f))
                    {
                        return false;
                    }

                    residual = WeightedMax(y, _delta);
                    if (residual <= 1)
                    {
                        return true;
                    }
                }
            }

            _lastProblem = $"no convergence in {_o.MaxIterations} iterations";
            return false;
        }

        /// <summary>Solves J_FF·Δ = −f_F at y into <see cref="_delta"/>.</summary>
        private bool NewtonStep(double[] y, double[] f)
        {
            _jac(_t, y, _jacobian);
            var m = _free.Length;
            for (var a = 0; a < m; a++)
            {
                for (var b = 0; b < m; b++)
                {
                    _lu[(a * m) + b] = _jacobian[(_free[a] * _n) + _free[b]];
                }

                _delta[a] = -f[_free[a]];
            }

            var singular = DenseLu.Factor(_lu, m, _pivots);
            if (singular >= 0)
            {
                _lastProblem = $"singular Jacobian (pivot of state '{_c.StateNames[_free[singular]]}'; a conservation law or a state with no dynamics?)";
                return false;
            }

            DenseLu.Solve(_lu, m, _pivots, _delta);
            foreach (var d in _delta)
            {
                if (!double.IsFinite(d))
                {
                    _lastProblem = "non-finite Newton step (ill-conditioned Jacobian)";
                    return false;
                }
            }

            return true;
        }

        /// <summary>Largest λ ≤ 1 keeping every non-negative free state ≥ 0 along y + λΔ (1 when no state decreases to zero).</summary>
        private double MaxFeasibleStep(double[] y, out int blocking)
        {
            var max = 1.0;
            blocking = -1;
            for (var a = 0; a < _free.Length; a++)
            {
                var i = _free[a];
                if (_nonNegative[i] && _delta[a] < 0 && y[i] > 0)
                {
                    var limit = y[i] / -_delta[a];
                    if (limit < max)
                    {
                        max = limit;
                        blocking = i;
                    }
                }
            }

            return max;
        }

        private void Trial(double[] y, double lambda)
        {
            y.CopyTo(_trial, 0);
            for (var a = 0; a < _free.Length; a++)
            {
                _trial[_free[a]] += lambda * _delta[a];
            }
        }

        private bool Admissible(double[] y)
        {
            foreach (var i in _free)
            {
                if (_nonNegative[i] && y[i] < -_o.AbsoluteTolerance)
                {
                    return false;
                }
            }

            return true;
        }

        private bool Evaluate(double[] y, double[] f)
        {
            _rhs(_t, y, f);
            foreach (var i in _free)
            {
                if (!double.IsFinite(f[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private double Weight(double[] y, int i) => _o.AbsoluteTolerance + (_o.RelativeTolerance * Math.Abs(y[i]));

        private double WeightedMax(double[] y, double[] delta)
        {
            var max = 0.0;
            for (var a = 0; a < _free.Length; a++)
            {
                max = Math.Max(max, Math.Abs(delta[a]) / Weight(y, _free[a]));
            }

            return max;
        }

        /// <summary>½‖f/w‖² with weights at the current iterate (fixed during a line search).</summary>
        private double Merit(double[] y, double[] f)
        {
            var sum = 0.0;
            foreach (var i in _free)
            {
                var r = f[i] / Weight(y, i);
                sum += r * r;
            }

            return 0.5 * sum;
        }

        private double MaxScaled(double[] y, double[] f)
        {
            var max = 0.0;
            foreach (var i in _free)
            {
                max = Math.Max(max, Math.Abs(f[i]) / Weight(y, i));
            }

            return max;
        }

        private SteadyStateResult Result(SteadyStateStatus status, SteadyStateMethod method, double[] y, double residual, string message)
        {
            var f = new double[_n];
            _rhs(_t, y, f);
            var held = _c.UnreadStateIndices.Select(i => new HeldState(_c.StateNames[i], i, y[i], f[i])).ToArray();
            return new SteadyStateResult(status, method, _iterations, residual, MaxScaled(y, f), _c.StateNames, y, held, message);
        }
    }
}
