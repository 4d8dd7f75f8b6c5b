using System.Globalization;
using OsteoOde.Numerics;

namespace OsteoOde.Modeling;

/// <summary>
/// Local forward sensitivities S = dy/dp: the state and its sensitivities are integrated together as
/// <c>y' = f(t, y, p)</c>, <c>S' = J·S + ∂f/∂p</c> with the request's solver (stiff methods welcome), the analytic Jacobian
/// <c>J</c> and analytic <c>∂f/∂p</c> of the compiled (mode-switched) right-hand side. Initial sensitivities come from the
/// symbolic derivatives of the initial expressions (an unrolled steady state declared as an expression of p included); with
/// pre-equilibration the free states take the implicit-function derivative <c>−J⁻¹ ∂f/∂p</c> at the steady state; states set
/// by initial overrides have zero sensitivity. Observables follow by the chain rule <c>dO/dp = ∂O/∂y·S + ∂O/∂p</c> with
/// symbolic derivatives. Timed actions: doses adding an amount leave S continuous (plus d amount/dp when the amount is a
/// parameter expression), scale doses <c>y → c·y + a</c> give <c>S → c·S</c>, input switches leave S continuous. Switch
/// crossings leave S continuous, which is exact when the right-hand side is continuous across the surface (min, max, |·|); a
/// crossing where it jumps is reported in <see cref="SensitivityResult.Notes"/>.
/// <para>
/// The augmented Jacobian is block lower-triangular with <c>J</c> in every diagonal block; the blocks below the diagonal,
/// <c>∂(J·s_k + ∂f/∂p_k)/∂y</c>, hold second derivatives and are formed by central differences of the analytic <c>J</c> and
/// <c>∂f/∂p</c> (2n evaluations per Jacobian), so Rosenbrock methods, which need the exact Jacobian for their order, keep it
/// to difference accuracy, and Newton-based methods converge as with an exact Jacobian.
/// </para>
/// </summary>
public static class Sensitivity
{
    /// <summary>Runs forward sensitivities.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The result; numerical failure is its status, never an exception.</returns>
    /// <exception cref="ArgumentException">Bad input: unknown names (with suggestions), no output times, a model event
    /// with state assignments (its sensitivity jump is not implemented), invalid solver options.</exception>
    public static SensitivityResult Run(SensitivityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sim = request.Simulation ?? throw new ArgumentException("The sensitivity request needs a simulation request.", nameof(request));
        if (sim.OutputTimes is null || sim.OutputTimes.Count == 0)
        {
            throw new ArgumentException("Sensitivities need output times (SimulationRequest.OutputTimes, at least one).", nameof(request));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(request.ParametersPerRun, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxDegreeOfParallelism, 1, nameof(request));
        var model = sim.Model;
        var compiled = sim.Compiled ?? CompiledModel.GetOrCompile(model);
        var parameterNames = model.Parameters.Select(q => q.Name).ToArray();
        if (request.Parameters is null || request.Parameters.Count == 0)
        {
            throw new ArgumentException("Name at least one parameter to differentiate by.", nameof(request));
        }

        var indices = new int[request.Parameters.Count];
        for (var k = 0; k < indices.Length; k++)
        {
            var name = request.Parameters[k];
            var index = name is null ? -1 : Array.IndexOf(parameterNames, name);
            if (index < 0)
            {
                var kind = name is not null && model.Inputs.Any(i => i.Name == name) ? " (it is an input; sensitivities are taken by parameters)" : "";
                throw new ArgumentException(
                    $"Model '{model.Id}' has no parameter named '{name}'{kind}.{NameSuggestions.Hint(name ?? "", parameterNames)}", nameof(request));
            }

            if (Array.IndexOf(indices, index, 0, k) >= 0)
            {
                throw new ArgumentException($"Parameter '{name}' is listed twice.", nameof(request));
            }

            indices[k] = index;
        }

        foreach (var e in model.Events)
        {
            if (e.Assignments.Count > 0)
            {
                throw new ArgumentException(
                    $"Model '{model.Id}' has event '{e.Name}' with state assignments; sensitivities through state-dependent jumps are not implemented.",
                    nameof(request));
            }
        }

        var outputs = ResolveOutputs(compiled, request.Outputs);
        var solver = sim.Solver ?? new OdeOptions();
        if (!(solver.RelativeTolerance > 0) || !(solver.AbsoluteTolerance > 0))
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"Tolerances must be positive (relative {solver.RelativeTolerance:R}, absolute {solver.AbsoluteTolerance:R})."), nameof(request));
        }

        // The plain simulation validates everything else (times, doses, switches, options) and gives the states and observables.
        var plain = Simulation.Run(sim with { IncludeObservables = true });
        var groups = indices.Chunk(request.ParametersPerRun).ToArray();
        var parameterValues = sim.Parameters?.ToVector() ?? compiled.CreateParameterVector();
        var names = indices.Select(i => parameterNames[i]).ToArray();
        var values = indices.Select(i => parameterValues[i]).ToArray();
        if (!plain.IsSuccess)
        {
            return Failed(plain.Status, plain.Message, outputs, names, values);
        }

        var runs = new GroupRun[groups.Length];
        var context = new Context(sim, compiled, plain, indices);
        if (request.MaxDegreeOfParallelism == 1)
        {
            for (var g = 0; g < groups.Length; g++)
            {
                runs[g] = new GroupRun(context, groups[g], g * request.ParametersPerRun);
                runs[g].Execute();
            }
        }
        else
        {
            Parallel.For(0, groups.Length, new ParallelOptions { MaxDegreeOfParallelism = request.MaxDegreeOfParallelism }, g =>
            {
                runs[g] = new GroupRun(context, groups[g], g * request.ParametersPerRun);
                runs[g].Execute();
            });
        }

        var statistics = default(SolverStatistics);
        var notes = new List<string>(context.Notes);
        foreach (var run in runs)
        {
            statistics += run.Statistics;
            foreach (var note in run.Notes)
            {
                if (!notes.Contains(note))
                {
                    notes.Add(note);
                }
            }

            if (run.Status != SimulationStatus.Success)
            {
                return Failed(run.Status, $"Sensitivities by {string.Join(", ", run.Columns.Select(i => parameterNames[i]))}: {run.Message}", outputs, names, values);
            }
        }

        return Assemble(context, runs, outputs, names, values, notes, statistics);
    }

    private static SensitivityResult Failed(SimulationStatus status, string message, IReadOnlyList<string> outputs, string[] names, double[] values) =>
        new(status, message, [], outputs, names, values, [], [], [], default, 0);

    private static string[] ResolveOutputs(CompiledModel compiled, IReadOnlyList<string>? requested)
    {
        if (requested is null)
        {
            return [.. compiled.StateNames, .. compiled.ObservableNames];
        }

        var all = compiled.StateNames.Concat(compiled.ObservableNames).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in requested)
        {
            if (name is null || !all.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"Model '{compiled.Model.Id}' has no state or observable named '{name}'.{NameSuggestions.Hint(name ?? "", all)}", nameof(requested));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"Output '{name}' is listed twice.", nameof(requested));
            }
        }

        return [.. requested];
    }

    private static SensitivityResult Assemble(Context context, GroupRun[] runs, string[] outputs, string[] names, double[] values,
        List<string> notes, SolverStatistics statistics)
    {
        var c = context.Compiled;
        var n = c.StateCount;
        var plain = context.Plain;
        var rows = Math.Min(runs.Min(r => r.Times.Count), plain.Times.Count);
        var m = names.Length;
        var o = outputs.Length;
        var value = new double[rows * o];
        var absolute = new double[rows * o * m];

        // Output kinds: state index, or observable index (offset by n).
        var kinds = outputs.Select(name => c.StateNames.Contains(name) ? c.StateIndex(name) : n + c.ObservableIndex(name)).ToArray();
        var observableRows = kinds.Where(k => k >= n).Select(k => k - n).ToArray();
        ModelFunction? dObsDy = null;
        ModelFunction? dObsDp = null;
        var allIndices = runs.SelectMany(r => r.Columns).ToArray();
        if (observableRows.Length > 0)
        {
            var exprs = observableRows.Select(k => c.ObservableExpressions[k]).ToArray();
            dObsDy = c.Compiler.CompileVector(Derivatives(exprs, c.StateNames), c.Model.Id + "_observable_state_derivatives");
            dObsDp = c.Compiler.CompileVector(Derivatives(exprs, allIndices.Select(i => c.ParameterVectorNames[i]).ToArray()),
                c.Model.Id + "_observable_parameter_derivatives");
        }

        var baseline = context.Baseline;
        var pt = (double[])baseline.Clone();
        var y = new double[n];
        var gy = new double[observableRows.Length * n];
        var gp = new double[observableRows.Length * m];
        var s = new double[n * m];
        var schedule = context.Schedule;
        for (var r = 0; r < rows; r++)
        {
            var t = runs[0].Times[r];
            schedule.WriteInputsAt(t, pt, baseline);
            for (var i = 0; i < n; i++)
            {
                y[i] = runs[0].State(r, i);
            }

            // S (n × m) with columns in the request's order.
            var col = 0;
            foreach (var run in runs)
            {
                for (var j = 0; j < run.Columns.Length; j++, col++)
                {
                    for (var i = 0; i < n; i++)
                    {
                        s[(i * m) + col] = run.Sensitivity(r, i, j);
                    }
                }
            }

            if (dObsDy is not null)
            {
                dObsDy(t, y, pt, gy);
                dObsDp!(t, y, pt, gp);
            }

            var obsRow = 0;
            for (var q = 0; q < o; q++)
            {
                var kind = kinds[q];
                var at = ((r * o) + q) * m;
                if (kind < n)
                {
                    value[(r * o) + q] = y[kind];
                    for (var k = 0; k < m; k++)
                    {
                        absolute[at + k] = s[(kind * m) + k];
                    }
                }
                else
                {
                    value[(r * o) + q] = plain[outputs[q]][r];
                    for (var k = 0; k < m; k++)
                    {
                        var sum = gp[(obsRow * m) + k];
                        for (var i = 0; i < n; i++)
                        {
                            var d = gy[(obsRow * n) + i];
                            if (d != 0)
                            {
                                sum += d * s[(i * m) + k];
                            }
                        }

                        absolute[at + k] = sum;
                    }

                    obsRow++;
                }
            }
        }

        return new SensitivityResult(SimulationStatus.Success, "", [.. runs[0].Times.Take(rows)], outputs, names, values, value, absolute, notes,
            statistics, runs.Length);
    }

    /// <summary>Row-major derivatives of <paramref name="exprs"/> by the named symbols.</summary>
    private static Expr[] Derivatives(IReadOnlyList<Expr> exprs, IReadOnlyList<string> variables)
    {
        var m = variables.Count;
        var entries = new Expr[exprs.Count * m];
        for (var j = 0; j < m; j++)
        {
            var d = new Differentiator(Expr.Symbol(variables[j]));
            for (var i = 0; i < exprs.Count; i++)
            {
                entries[(i * m) + j] = d.Derivative(exprs[i]);
            }
        }

        return entries;
    }

    /// <summary>What every group shares: the validated request, schedule, initial state and the plain run.</summary>
    private sealed class Context
    {
        public Context(SimulationRequest request, CompiledModel compiled, SimulationResult plain, int[] indices)
        {
            Request = request;
            Compiled = compiled;
            Plain = plain;
            Baseline = (request.Parameters ?? ParameterSet.Defaults(compiled.Model)).ToVector();
            Schedule = InputSchedule.Create(compiled.Model, request.InputSwitches);
            var y0 = compiled.CreateInitialState(Baseline);
            if (request.InitialOverrides is { } overrides)
            {
                Simulation.ApplyOverrides(compiled, y0, overrides, nameof(request));
            }

            if (plain.Metadata.PreEquilibration is { } steady)
            {
                for (var i = 0; i < y0.Length; i++)
                {
                    y0[i] = steady.State[i];
                }

                if (request.InitialOverrides is { } again)
                {
                    Simulation.ApplyOverrides(compiled, y0, again, nameof(request));
                }
            }

            InitialState = y0;
            Indices = indices;
            var switching = compiled.Switching;
            var entries = Derivatives(switching.RhsExpressions, indices.Select(i => compiled.ParameterVectorNames[i]).ToArray());
            ParameterJacobian = new Lazy<HoistedVector>(() =>
                switching.Compiler.CompileHoistedVector(entries, compiled.Model.Id + "_sensitivity_parameter_jacobian"));
            InitialSensitivity = InitialSensitivities(compiled, request, plain, Baseline, y0, indices, Notes);
        }

        public SimulationRequest Request { get; }

        public CompiledModel Compiled { get; }

        public SimulationResult Plain { get; }

        public double[] Baseline { get; }

        public InputSchedule Schedule { get; }

        public double[] InitialState { get; }

        /// <summary>Requested parameter indices (vector positions), in request order.</summary>
        public int[] Indices { get; }

        /// <summary>S(0), n × (number of requested parameters), row-major.</summary>
        public double[] InitialSensitivity { get; }

        /// <summary>
        /// ∂f/∂p of the mode-switched right-hand side for every requested parameter (n × count, row-major), compiled once and
        /// shared by the groups (each binds it to its own vector); the derivatives of shared parameter-only subexpressions,
        /// such as an unrolled steady state, are compiled once this way and evaluated once per group.
        /// </summary>
        public Lazy<HoistedVector> ParameterJacobian { get; }

        /// <summary>Caveats found while preparing.</summary>
        public List<string> Notes { get; } = [];

        /// <summary>S(0) for all requested parameters (compiled and evaluated once): derivatives of the initial expressions; with pre-equilibration −J_ff⁻¹(J_fh·S_h + ∂f_f/∂p); overrides 0.</summary>
        private static double[] InitialSensitivities(CompiledModel c, SimulationRequest request, SimulationResult plain, double[] baseline, double[] y0, int[] columns, List<string> notes)
        {
            var n = c.StateCount;
            var m = columns.Length;
            var names = columns.Select(i => c.ParameterVectorNames[i]).ToArray();
            var entries = Derivatives(c.InitialStateExpressions, names);
            var initial = new double[n * m];

            // Evaluated once, so interpreted (memoised over the shared DAG, same kernels as the compiler) rather than compiled:
            // compiling the derivatives of an unrolled steady state costs seconds, interpreting them milliseconds.
            var interpreter = new Interpreter(name => baseline[c.ParameterVectorIndex(name)], 0);
            for (var k = 0; k < entries.Length; k++)
            {
                initial[k] = interpreter.Value(entries[k]);
            }
            var overridden = new bool[n];
            foreach (var name in request.InitialOverrides?.Keys ?? [])
            {
                overridden[c.StateIndex(name)] = true;
            }

            if (plain.Metadata.PreEquilibration is { } steady)
            {
                var held = new bool[n];
                foreach (var h in steady.HeldStates)
                {
                    held[h.Index] = true;
                }

                var free = Enumerable.Range(0, n).Where(i => !held[i]).ToArray();
                var y = y0;
                var jac = new double[n * n];
                var fpAll = new double[n * c.ParameterVectorLength];
                c.Jacobian(0, y, baseline, jac);
                c.ParameterJacobian(0, y, baseline, fpAll);
                var f = free.Length;
                var a = new double[f * f];
                for (var r = 0; r < f; r++)
                {
                    for (var q = 0; q < f; q++)
                    {
                        a[(r * f) + q] = jac[(free[r] * n) + free[q]];
                    }
                }

                var pivots = new int[f];
                var singular = f > 0 && DenseLu.Factor(a, f, pivots) >= 0;
                var b = new double[f];
                for (var j = 0; j < m; j++)
                {
                    for (var r = 0; r < f; r++)
                    {
                        var sum = fpAll[(free[r] * c.ParameterVectorLength) + columns[j]];
                        for (var i = 0; i < n; i++)
                        {
                            if (held[i] && !overridden[i])
                            {
                                sum += jac[(free[r] * n) + i] * initial[(i * m) + j];
                            }
                        }

                        b[r] = -sum;
                    }

                    if (!singular && f > 0)
                    {
                        DenseLu.Solve(a, f, pivots, b);
                    }

                    for (var r = 0; r < f; r++)
                    {
                        initial[(free[r] * m) + j] = singular ? double.NaN : b[r];
                    }
                }

                if (singular)
                {
                    notes.Add("The Jacobian at the pre-equilibrated steady state is singular (conservation law?): initial sensitivities of the free states are undefined (NaN).");
                }
            }

            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < m; j++)
                {
                    initial[(i * m) + j] = overridden[i] ? 0 : initial[(i * m) + j];
                }
            }

            return initial;
        }
    }

    /// <summary>One augmented integration for a group of parameters: Y = [y; s_1; …; s_k] with s_j = dy/dp_j.</summary>
    private sealed class GroupRun
    {
        private readonly Context _context;
        private readonly int _n;
        private readonly int _m;
        private readonly double[] _p;
        private readonly double[] _jac;
        private readonly double[] _fp;
        private readonly double[] _jacPlus;
        private readonly double[] _fpPlus;
        private readonly double[] _yWork;
        private readonly BoundVector _rhs;
        private readonly BoundVector _jacobian;
        private readonly BoundVector _parameterJacobian;
        private readonly int _offset;
        private readonly int _total;
        private OdeResult? _result;

        public GroupRun(Context context, int[] columns, int offset)
        {
            _offset = offset;
            _context = context;
            Columns = columns;
            var c = context.Compiled;
            _n = c.StateCount;
            _m = columns.Length;
            var switching = c.Switching;
            _p = new double[switching.ExtendedLength];
            context.Baseline.CopyTo(_p, 0);
            _rhs = new BoundVector(switching.HoistedRhs, _p);
            _jacobian = new BoundVector(switching.HoistedJacobian, _p);
            _total = context.Indices.Length;
            _parameterJacobian = new BoundVector(context.ParameterJacobian, _p);
            _jac = new double[_n * _n];
            _fp = new double[_n * _total];
            _jacPlus = new double[_n * _n];
            _fpPlus = new double[_n * _total];
            _yWork = new double[_n];
        }

        public int[] Columns { get; }

        public SimulationStatus Status { get; private set; }

        public string Message { get; private set; } = "";

        public List<string> Notes { get; } = [];

        public SolverStatistics Statistics => _result?.Statistics ?? default;

        public IReadOnlyList<double> Times => _result?.Times ?? [];

        public double State(int row, int i) => _result![row, i];

        public double Sensitivity(int row, int i, int j) => _result![row, _n + (j * _n) + i];

        public void Execute()
        {
            var c = _context.Compiled;
            var request = _context.Request;
            var n = _n;
            var dimension = n * (1 + _m);
            var y0 = new double[dimension];
            _context.InitialState.CopyTo(y0, 0);
            InitialSensitivities(y0);

            var switching = c.Switching;
            ModeController? modes = null;
            EventAction? reinitialise = null;
            var events = new List<OdeEvent>();
            if (switching.Switches.Count > 0)
            {
                modes = new ModeController(switching, _p, dimension);
                modes.Initialise(0, y0);
                reinitialise = modes.Initialise;
                foreach (var e in modes.CreateEvents())
                {
                    events.Add(WatchJump(e));
                }
            }

            foreach (var e in c.Events)
            {
                var trigger = e.Trigger;
                var p = _p;
                events.Add(new OdeEvent(e.Name, (t, y) => trigger(t, y, p), e.Direction, e.Terminal, null));
            }

            var actions = _context.Schedule.CreateActions(_p, _context.Baseline, reinitialise);
            actions.AddRange(DoseActions(reinitialise));
            var solver = request.Solver ?? new OdeOptions();
            var options = solver with
            {
                NonNegative = solver.NonNegative ?? (c.NonNegativeStateIndices.Count > 0 ? c.NonNegativeStateIndices : null),
                OutputTimes = [.. request.OutputTimes!],
                AbsoluteTolerances = Tolerances(solver),
                DenseOutput = false,
            };
            var problem = new OdeProblem(Rhs, 0, y0, request.EndTime, Jacobian, null)
            {
                Events = events,
                TimedActions = actions,
            };
            _result = OdeSolver.Default.Solve(problem, options);
            // A terminal model event ends every group at the same time: the rows up to it are the result.
            Status = _result.Status == OdeStatus.StoppedByEvent ? SimulationStatus.Success : Simulation.Map(_result.Status);
            Message = _result.IsSuccess ? "" : _result.Message;
        }

        /// <summary>
        /// Absolute tolerances: the states' own; for s_j, max(atol_i, rtol·scale_i)/|p_j| with scale_i the largest |y_i| of the
        /// plain run's rows, so the error of p_j·s_j is controlled like a relative error of y_i and a sensitivity passing
        /// through zero does not force tiny steps (the states' atol may be far below any state, as in the lifetime model).
        /// </summary>
        private double[] Tolerances(OdeOptions solver)
        {
            var atol = new double[_n * (1 + _m)];
            var plain = _context.Plain;
            var names = _context.Compiled.StateNames;
            var scale = new double[_n];
            for (var i = 0; i < _n; i++)
            {
                atol[i] = solver.AbsoluteToleranceOf(i);
                scale[i] = Math.Abs(_context.InitialState[i]);
                foreach (var v in plain[names[i]])
                {
                    scale[i] = Math.Max(scale[i], Math.Abs(v));
                }
            }

            for (var j = 0; j < _m; j++)
            {
                var p = Math.Abs(_context.Baseline[Columns[j]]);
                for (var i = 0; i < _n; i++)
                {
                    var a = Math.Max(atol[i], solver.RelativeTolerance * scale[i]);
                    atol[_n + (j * _n) + i] = p > 0 && double.IsFinite(p) ? a / p : a;
                }
            }

            return atol;
        }

        /// <summary>S(0) for this group's columns, from the shared initial sensitivities.</summary>
        private void InitialSensitivities(double[] y0)
        {
            var all = _context.InitialSensitivity;
            var total = _context.Indices.Length;
            for (var i = 0; i < _n; i++)
            {
                for (var j = 0; j < _m; j++)
                {
                    y0[_n + (j * _n) + i] = all[(i * total) + _offset + j];
                }
            }
        }

        /// <summary>Model dose records then request doses, as in the simulation, with the sensitivity jumps.</summary>
        private List<TimedAction> DoseActions(EventAction? after)
        {
            var c = _context.Compiled;
            var n = _n;
            var m = _m;
            var p = _p;
            var doses = new List<TimedAction>();
            var model = c.Model;
            for (var d = 0; d < c.Doses.Count; d++)
            {
                var dose = c.Doses[d];
                var index = dose.StateIndex;
                var amount = dose.Amount;
                var resolved = model.Resolve(model.Doses[d].Amount);
                var gradient = c.Compiler.CompileParameterVector(
                    Derivatives([resolved], Columns.Select(i => c.ParameterVectorNames[i]).ToArray()), model.Id + "_dose_sensitivity_" + dose.Name);
                var jump = new double[m];
                foreach (var time in dose.Times)
                {
                    doses.Add(new TimedAction(time, dose.Name, (t, y) =>
                    {
                        y[index] += amount(p);
                        gradient(p, jump);
                        for (var j = 0; j < m; j++)
                        {
                            y[n + (j * n) + index] += jump[j];
                        }

                        after?.Invoke(t, y);
                    }));
                }
            }

            foreach (var d in _context.Request.Doses ?? [])
            {
                var index = c.StateIndex(d.State);
                var amount = d.Amount;
                var factor = d.Factor;
                doses.Add(new TimedAction(d.Time, d.LogName, (t, y) =>
                {
                    y[index] = factor == 1 ? y[index] + amount : (factor * y[index]) + amount;
                    for (var j = 0; j < m; j++)
                    {
                        y[n + (j * n) + index] *= factor;
                    }

                    after?.Invoke(t, y);
                }));
            }

            return [.. doses.OrderBy(a => a.Time)];
        }

        /// <summary>Wraps a mode event: a right-hand side that jumps at the crossing makes S jump too, which is not applied; it is noted.</summary>
        private OdeEvent WatchJump(OdeEvent e)
        {
            var action = e.Action!;
            var before = new double[_n];
            var afterRates = new double[_n];
            var rtol = (_context.Request.Solver ?? new OdeOptions()).RelativeTolerance;
            return e with
            {
                Action = (t, y) =>
                {
                    _rhs.Invoke(t, y, before);
                    action(t, y);
                    _rhs.Invoke(t, y, afterRates);
                    for (var i = 0; i < _n; i++)
                    {
                        var scale = Math.Max(Math.Abs(before[i]), Math.Abs(afterRates[i]));
                        if (Math.Abs(afterRates[i] - before[i]) > Math.Sqrt(rtol) * scale && Notes.Count < 10)
                        {
                            Notes.Add(string.Create(CultureInfo.InvariantCulture,
                                $"{e.Name} at t = {t:R}: the rate of {_context.Compiled.StateNames[i]} jumps ({before[i]:R} -> {afterRates[i]:R}); the sensitivity jump at a discontinuous crossing is not applied."));
                            break;
                        }
                    }
                },
            };
        }

        private void Rhs(double t, double[] y, double[] dy)
        {
            var n = _n;
            _rhs.Invoke(t, y, dy);
            _jacobian.Invoke(t, y, _jac);
            _parameterJacobian.Invoke(t, y, _fp);
            for (var j = 0; j < _m; j++)
            {
                var s = n + (j * n);
                for (var i = 0; i < n; i++)
                {
                    var sum = _fp[(i * _total) + _offset + j];
                    var row = i * n;
                    for (var k = 0; k < n; k++)
                    {
                        var a = _jac[row + k];
                        if (a != 0)
                        {
                            sum += a * y[s + k];
                        }
                    }

                    dy[s + i] = sum;
                }
            }
        }

        private void Jacobian(double t, double[] y, double[] output)
        {
            var n = _n;
            var dim = n * (1 + _m);
            Array.Clear(output);
            _jacobian.Invoke(t, y, _jac);
            for (var b = 0; b <= _m; b++)
            {
                var offset = b * n;
                for (var i = 0; i < n; i++)
                {
                    Array.Copy(_jac, i * n, output, ((offset + i) * dim) + offset, n);
                }
            }

            // Below the diagonal: ∂(J·s_j + ∂f/∂p_j)/∂y_k by central differences of the analytic J and ∂f/∂p.
            var yMax = 0.0;
            for (var k = 0; k < n; k++)
            {
                yMax = Math.Max(yMax, Math.Abs(y[k]));
            }

            Array.Copy(y, _yWork, n);
            for (var k = 0; k < n; k++)
            {
                var yk = y[k];
                var h = 6e-6 * Math.Max(Math.Abs(yk), Math.Max(1e-6 * yMax, 1e-300));
                _yWork[k] = yk + h;
                _jacobian.Invoke(t, _yWork, _jacPlus);
                _parameterJacobian.Invoke(t, _yWork, _fpPlus);
                _yWork[k] = yk - h;
                _jacobian.Invoke(t, _yWork, _jac);
                _parameterJacobian.Invoke(t, _yWork, _fp);
                _yWork[k] = yk;
                var inv = 1 / (2 * h);
                for (var j = 0; j < _m; j++)
                {
                    var s = n + (j * n);
                    for (var i = 0; i < n; i++)
                    {
                        var sum = _fpPlus[(i * _total) + _offset + j] - _fp[(i * _total) + _offset + j];
                        var row = i * n;
                        for (var l = 0; l < n; l++)
                        {
                            var d = _jacPlus[row + l] - _jac[row + l];
                            if (d != 0)
                            {
                                sum += d * y[s + l];
                            }
                        }

                        output[((s + i) * dim) + k] = sum * inv;
                    }
                }
            }
        }
    }
}
