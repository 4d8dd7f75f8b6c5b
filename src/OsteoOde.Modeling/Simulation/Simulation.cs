using OsteoOde.Numerics;

namespace OsteoOde.Modeling;

/// <summary>
/// Runs simulations of models: validates the request (bad input throws <see cref="ArgumentException"/> naming the item and the
/// valid choices, before any work), builds the solver problem (exact input switches and doses as timed actions, exact
/// non-smooth switching as mode events, model events), integrates, and assembles an immutable <see cref="SimulationResult"/>.
/// Numerical failure is a status on the result, never an exception, so a batch continues.
/// </summary>
public static class Simulation
{
    /// <summary>The cached compiled form of a model (<see cref="CompiledModel.GetOrCompile"/>).</summary>
    /// <param name="model">The model.</param>
    /// <returns>The compiled model.</returns>
    public static CompiledModel Compile(Model model) => CompiledModel.GetOrCompile(model);

    /// <summary>Runs one simulation.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The result; check <see cref="SimulationResult.Status"/>.</returns>
    public static SimulationResult Run(SimulationRequest request)
    {
        var plan = Plan.Create(request);
        return plan.Execute();
    }

    /// <summary>
    /// Runs many simulations; every request is validated before the first run (so bad input throws before any work), and a
    /// numerical failure of one run is its result's status while the others continue.
    /// </summary>
    /// <param name="requests">The requests.</param>
    /// <param name="maxDegreeOfParallelism">Runs in parallel (1: sequential; compiled models are thread-safe).</param>
    /// <returns>Results in request order.</returns>
    public static IReadOnlyList<SimulationResult> RunBatch(IEnumerable<SimulationRequest> requests, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        var plans = requests.Select(Plan.Create).ToArray();
        var results = new SimulationResult[plans.Length];
        if (maxDegreeOfParallelism == 1)
        {
            for (var i = 0; i < plans.Length; i++)
            {
                results[i] = plans[i].Execute();
            }
        }
        else
        {
            Parallel.For(0, plans.Length, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
                i => results[i] = plans[i].Execute());
        }

        return results;
    }

    /// <summary>The simulation status of a solver status.</summary>
    internal static SimulationStatus Map(OdeStatus status) => status switch
    {
        OdeStatus.Success => SimulationStatus.Success,
        OdeStatus.StoppedByEvent => SimulationStatus.StoppedByEvent,
        OdeStatus.MaxStepsReached => SimulationStatus.MaxStepsReached,
        OdeStatus.StepSizeTooSmall => SimulationStatus.StepSizeTooSmall,
        OdeStatus.NonFiniteState => SimulationStatus.NonFiniteState,
        _ => SimulationStatus.RhsFailure,
    };

    /// <summary>Applies initial values by state name (validated: known names, finite values).</summary>
    internal static void ApplyOverrides(CompiledModel compiled, double[] y, IReadOnlyDictionary<string, double> overrides, string paramName)
    {
        foreach (var (name, value) in overrides)
        {
            if (name is null || !compiled.Model.States.Any(s => s.Name == name))
            {
                throw new ArgumentException(SimulationMessages.UnknownState(compiled.Model.Id, name ?? "(null)", compiled.StateNames), paramName);
            }

            if (!double.IsFinite(value))
            {
                throw new ArgumentException(SimulationMessages.InitialNotFinite(name, value, compiled.Model.State(name).Unit), paramName);
            }

            y[compiled.StateIndex(name)] = value;
        }
    }

    /// <summary>A validated request, ready to run.</summary>
    private sealed class Plan
    {
        private Plan(SimulationRequest request, CompiledModel compiled, ParameterSet parameters, InputSchedule schedule, double[]? outputTimes,
            OdeOptions options, double[] initialState)
        {
            InitialState = initialState;
            Request = request;
            Compiled = compiled;
            Parameters = parameters;
            Schedule = schedule;
            OutputTimes = outputTimes;
            Options = options;
        }

        public SimulationRequest Request { get; }

        public CompiledModel Compiled { get; }

        public ParameterSet Parameters { get; }

        public InputSchedule Schedule { get; }

        public double[]? OutputTimes { get; }

        public OdeOptions Options { get; }

        /// <summary>Initial state from the initial expressions with the overrides applied (before any pre-equilibration).</summary>
        public double[] InitialState { get; }

        public static Plan Create(SimulationRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            var model = request.Model;
            if (!double.IsFinite(request.EndTime) || request.EndTime <= 0)
            {
                throw new ArgumentException(SimulationMessages.EndTimeInvalid(request.EndTime), nameof(request));
            }

            var parameters = request.Parameters ?? ParameterSet.Defaults(model);
            if (!parameters.IsFor(model))
            {
                throw new ArgumentException(SimulationMessages.ParameterSetForOtherModel(parameters.Model.Id, model.Id), nameof(request));
            }

            double[]? outputTimes = null;
            if (request.OutputTimes is { } times)
            {
                outputTimes = [.. times];
                for (var i = 0; i < outputTimes.Length; i++)
                {
                    var t = outputTimes[i];
                    if (!double.IsFinite(t) || t < 0 || t > request.EndTime)
                    {
                        throw new ArgumentException(SimulationMessages.OutputTimeOutside(i, t, request.EndTime), nameof(request));
                    }

                    if (i > 0 && !(t > outputTimes[i - 1]))
                    {
                        throw new ArgumentException(SimulationMessages.OutputTimesUnsorted(i, t, outputTimes[i - 1]), nameof(request));
                    }
                }
            }

            var compiled = request.Compiled ?? CompiledModel.GetOrCompile(model);
            var y0 = compiled.CreateInitialState(parameters.ToVector());
            if (request.InitialOverrides is { } overrides)
            {
                ApplyOverrides(compiled, y0, overrides, nameof(request));
            }

            for (var i = 0; i < y0.Length; i++)
            {
                if (!double.IsFinite(y0[i]))
                {
                    throw new ArgumentException(SimulationMessages.InitialExpressionNotFinite(compiled.StateNames[i], y0[i], model.States[i].Initial), nameof(request));
                }
            }

            var schedule = InputSchedule.Create(model, request.InputSwitches);
            foreach (var dose in request.Doses ?? [])
            {
                if (dose is null || !model.States.Any(s => s.Name == dose.State))
                {
                    throw new ArgumentException(SimulationMessages.UnknownState(model.Id, dose?.State ?? "(null)", compiled.StateNames), nameof(request));
                }

                if (!double.IsFinite(dose.Amount) || !double.IsFinite(dose.Time) || dose.Time < 0)
                {
                    throw new ArgumentException(SimulationMessages.DoseInvalid(dose, model.State(dose.State).Unit), nameof(request));
                }

                if (!double.IsFinite(dose.Factor) || dose.Factor < 0)
                {
                    throw new ArgumentException(SimulationMessages.DoseFactorInvalid(dose), nameof(request));
                }
            }

            foreach (var dose in model.Doses)
            {
                if (dose.Times.Any(t => t < 0))
                {
                    throw new ArgumentException(SimulationMessages.ModelDoseBeforeStart(dose.Name), nameof(request));
                }
            }

            var solver = request.Solver ?? new OdeOptions();
            if (solver.OutputTimes is not null)
            {
                throw new ArgumentException(SimulationMessages.SolverOutputTimesSet(), nameof(request));
            }

            var options = solver with
            {
                NonNegative = solver.NonNegative ?? (compiled.NonNegativeStateIndices.Count > 0 ? compiled.NonNegativeStateIndices : null),
                OutputTimes = outputTimes,
            };
            options.Validate(compiled.StateCount, OdeSolver.Default.Catalog);
            request.PreEquilibration?.Validate();
            return new Plan(request, compiled, parameters, schedule, outputTimes, options, y0);
        }

        public SimulationResult Execute()
        {
            var c = Compiled;
            var n = c.StateCount;
            var baseline = Parameters.ToVector();
            var switching = c.Switching;
            var p = new double[switching.ExtendedLength];
            baseline.CopyTo(p, 0);

            // Initial state: initial expressions and overrides (computed when validating), then pre-equilibration, then the
            // overrides again (they win).
            var y0 = (double[])InitialState.Clone();

            SteadyStateResult? steady = null;
            if (Request.PreEquilibration is { } steadyOptions)
            {
                steady = SteadyStateSolver.Solve(c, baseline, y0, steadyOptions);
                if (!steady.IsConverged)
                {
                    return Empty(SimulationStatus.PreEquilibrationFailed, SimulationMessages.PreEquilibrationFailed(steady.Message), steady);
                }

                for (var i = 0; i < n; i++)
                {
                    y0[i] = steady.State[i];
                }

                if (Request.InitialOverrides is { } again)
                {
                    ApplyOverrides(c, y0, again, nameof(Request.InitialOverrides));
                }
            }

            ModeController? modes = null;
            EventAction? reinitialise = null;
            var events = new List<OdeEvent>();
            if (switching.Switches.Count > 0)
            {
                modes = new ModeController(switching, p, n);
                modes.Initialise(0, y0);
                var controller = modes;
                reinitialise = controller.Initialise;
                events.AddRange(controller.CreateEvents());
            }

            foreach (var e in c.Events)
            {
                var trigger = e.Trigger;
                var action = e.Action;
                var after = reinitialise;
                events.Add(new OdeEvent(e.Name, (t, y) => trigger(t, y, p), e.Direction, e.Terminal,
                    action is null ? null : (t, y) =>
                    {
                        action(t, y, p);
                        after?.Invoke(t, y);
                    }));
            }

            var actions = Schedule.CreateActions(p, baseline, reinitialise);
            actions.AddRange(DoseActions(p, reinitialise));

            // Each delegate caches the parameter-only subexpressions of this run's vector and recomputes them when an action
            // writes an input; the Jacobian is compiled on its first call only (explicit methods never call it).
            var rhs = new BoundVector(switching.HoistedRhs, p);
            var jacobian = new BoundVector(switching.HoistedJacobian, p);
            var problem = new OdeProblem(rhs.Invoke, 0, y0, Request.EndTime, jacobian.Invoke, c.StateNames)
            {
                Events = events,
                TimedActions = actions,
            };
            var ode = OdeSolver.Default.Solve(problem, Options);
            return Assemble(ode, baseline, steady);
        }

        /// <summary>Model dose records then request doses, sorted by time (stable), as timed actions on the live vector.</summary>
        private List<TimedAction> DoseActions(double[] p, EventAction? after)
        {
            var doses = new List<TimedAction>();
            foreach (var d in Compiled.Doses)
            {
                var index = d.StateIndex;
                var amount = d.Amount;
                foreach (var time in d.Times)
                {
                    doses.Add(new TimedAction(time, d.Name, (t, y) =>
                    {
                        y[index] += amount(p);
                        after?.Invoke(t, y);
                    }));
                }
            }

            foreach (var d in Request.Doses ?? [])
            {
                var index = Compiled.StateIndex(d.State);
                var amount = d.Amount;
                var factor = d.Factor;
                doses.Add(new TimedAction(d.Time, d.LogName, factor == 1
                    ? (t, y) =>
                    {
                        y[index] += amount;
                        after?.Invoke(t, y);
                    }
                    : (t, y) =>
                    {
                        y[index] = (factor * y[index]) + amount;
                        after?.Invoke(t, y);
                    }));
            }

            return [.. doses.OrderBy(a => a.Time)];
        }

        private SimulationResult Assemble(OdeResult ode, double[] baseline, SteadyStateResult? steady)
        {
            var c = Compiled;
            var model = c.Model;
            var rows = ode.Times.Count;
            var n = c.StateCount;
            var columns = new List<SimulationColumn>
            {
                new("t", ColumnKind.Time, model.TimeUnit, "time", SimulationResult.ReadOnly([.. ode.Times])),
            };

            var timeColumns = new double[c.TimeColumnNames.Count][];
            var observables = new double[Request.IncludeObservables ? c.ObservableCount : 0][];
            for (var k = 0; k < timeColumns.Length; k++)
            {
                timeColumns[k] = new double[rows];
            }

            for (var k = 0; k < observables.Length; k++)
            {
                observables[k] = new double[rows];
            }

            if (timeColumns.Length > 0 || observables.Length > 0)
            {
                // Inputs at each output time follow the schedule (left-continuous), so observables match what the rates saw.
                var pt = (double[])baseline.Clone();
                var observablesAt = c.BindObservables(pt);
                var y = new double[n];
                var tc = new double[timeColumns.Length];
                var obs = new double[c.ObservableCount];
                for (var r = 0; r < rows; r++)
                {
                    var t = ode.Times[r];
                    Schedule.WriteInputsAt(t, pt, baseline);
                    ode.StateAt(r).CopyTo(y);
                    if (tc.Length > 0)
                    {
                        c.TimeColumns(t, y, pt, tc);
                        for (var k = 0; k < tc.Length; k++)
                        {
                            timeColumns[k][r] = tc[k];
                        }
                    }

                    if (observables.Length > 0)
                    {
                        observablesAt.Invoke(t, y, obs);
                        for (var k = 0; k < obs.Length; k++)
                        {
                            observables[k][r] = obs[k];
                        }
                    }
                }
            }

            for (var k = 0; k < timeColumns.Length; k++)
            {
                var a = model.TimeColumns[k];
                columns.Add(new SimulationColumn(a.Name, ColumnKind.TimeColumn, a.Unit, a.Description, SimulationResult.ReadOnly(timeColumns[k])));
            }

            for (var i = 0; i < n; i++)
            {
                var s = model.States[i];
                columns.Add(new SimulationColumn(s.Name, ColumnKind.State, s.Unit, s.Description, SimulationResult.ReadOnly(ode.Component(i))));
            }

            for (var k = 0; k < observables.Length; k++)
            {
                var a = model.Observables[k];
                columns.Add(new SimulationColumn(a.Name, ColumnKind.Observable, a.Unit, a.Description, SimulationResult.ReadOnly(observables[k])));
            }

            return new SimulationResult(Map(ode.Status), ode.Message, columns, ode.Statistics, ode.Events, Metadata(steady), ode.Dense);
        }

        private SimulationResult Empty(SimulationStatus status, string message, SteadyStateResult? steady)
        {
            var model = Compiled.Model;
            var columns = new List<SimulationColumn> { new("t", ColumnKind.Time, model.TimeUnit, "time", SimulationResult.ReadOnly([])) };
            columns.AddRange(model.TimeColumns.Select(a => new SimulationColumn(a.Name, ColumnKind.TimeColumn, a.Unit, a.Description, SimulationResult.ReadOnly([]))));
            columns.AddRange(model.States.Select(s => new SimulationColumn(s.Name, ColumnKind.State, s.Unit, s.Description, SimulationResult.ReadOnly([]))));
            if (Request.IncludeObservables)
            {
                columns.AddRange(model.Observables.Select(a => new SimulationColumn(a.Name, ColumnKind.Observable, a.Unit, a.Description, SimulationResult.ReadOnly([]))));
            }

            return new SimulationResult(status, message, columns, default, [], Metadata(steady), null);
        }

        private SimulationMetadata Metadata(SteadyStateResult? steady) => new(
            Compiled.Model.Id,
            Compiled.Model.ContentHash,
            Parameters.Diff(),
            Options.Method,
            Options.RelativeTolerance,
            Options.AbsoluteTolerance,
            new Dictionary<string, double>(Request.InitialOverrides ?? new Dictionary<string, double>(), StringComparer.Ordinal),
            Schedule.Switches,
            [.. Request.Doses ?? []],
            steady);
    }
}
