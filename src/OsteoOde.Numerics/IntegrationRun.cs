namespace OsteoOde.Numerics;

/// <summary>
/// One call of <see cref="OdeSolver.Solve"/>: drives a stepper from t0 to tEnd, landing on stop and action times, locating
/// events on the dense output, recording output and turning every callback exception into a status. All per-run buffers are
/// allocated up front; per step only the amortised growth of the output lists and the dense store allocates.
/// </summary>
internal sealed class IntegrationRun
{
    private readonly OdeProblem _problem;
    private readonly IOdeStepper _stepper;
    private readonly bool _stiff;
    private readonly int _n;
    private readonly int _maxSteps;
    private readonly double _eventTolerance;

    private readonly OdeEvent[] _events;
    private readonly double[] _gPrevious;
    private readonly double[] _gNew;
    private readonly double[] _root;
    private readonly bool[] _fresh;
    private readonly int[] _candidates;

    private readonly TimedAction[] _actions;
    private readonly double[] _landings;
    private readonly double[]? _outputTimes;
    private readonly List<double> _times;
    private readonly List<double> _values;
    private readonly List<EventRecord> _log = [];
    private readonly DenseSolution? _dense;
    private readonly double[] _state;
    private readonly double[] _work;

    private int _nextAction;
    private int _nextLanding;
    private int _nextOutput;
    private CallbackKind _callback;
    private int _callbackIndex;
    private double _callbackTime;

    public IntegrationRun(OdeProblem problem, OdeOptions options, IOdeStepper stepper, bool stiff)
    {
        _problem = problem;
        _stepper = stepper;
        _stiff = stiff;
        _n = problem.Dimension;
        _maxSteps = options.MaxSteps;
        _eventTolerance = options.EventTimeTolerance;

        _events = [.. problem.Events];
        _gPrevious = new double[_events.Length];
        _gNew = new double[_events.Length];
        _root = new double[_events.Length];
        _fresh = new bool[_events.Length];
        _candidates = new int[_events.Length];

        // Stable sort: actions at the same time run in declaration order.
        var actions = new List<TimedAction>();
        foreach (var action in problem.TimedActions)
        {
            if (action.Time <= problem.TEnd)
            {
                actions.Add(action);
            }
        }

        _actions = [.. actions.OrderBy(a => a.Time)];
        var landings = new SortedSet<double> { problem.TEnd };
        foreach (var action in _actions)
        {
            if (action.Time > problem.T0)
            {
                landings.Add(action.Time);
            }
        }

        foreach (var stop in problem.StopTimes)
        {
            if (stop > problem.T0 && stop < problem.TEnd)
            {
                landings.Add(stop);
            }
        }

        _landings = [.. landings];
        _outputTimes = options.OutputTimes is null ? null : [.. options.OutputTimes];
        var expected = _outputTimes?.Length ?? 256;
        _times = new List<double>(expected);
        _values = new List<double>(expected * _n);
        _dense = options.DenseOutput ? new DenseSolution(_n, problem.T0) : null;
        _state = (double[])problem.Y0.Clone();
        _work = new double[_n];
    }

    private enum CallbackKind
    {
        RightHandSide,
        EventFunction,
        EventAction,
        TimedAction,
    }

    public OdeResult Run()
    {
        var t0 = _problem.T0;
        var tEnd = _problem.TEnd;
        try
        {
            if (ApplyTimedActionsAt(t0))
            {
                if (FailIfNotFinite(t0) is { } failure)
                {
                    return failure;
                }

                _stepper.Restart(t0, _state);
            }

            ResetEvents(t0, firedCount: 0);
            RecordAt(t0);
            while (true)
            {
                var t = _stepper.T;
                if (t >= tEnd)
                {
                    return Finish(OdeStatus.Success, SolverMessages.Success(_stepper.MethodName, t, _stepper.Counters.Snapshot()), t);
                }

                while (_landings[_nextLanding] <= t)
                {
                    _nextLanding++;
                }

                var counters = _stepper.Counters;
                if (counters.AcceptedSteps + counters.RejectedSteps >= _maxSteps)
                {
                    return Finish(OdeStatus.MaxStepsReached,
                        SolverMessages.MaxSteps(_stepper.MethodName, t, _stepper.NextStepSize, _maxSteps), t);
                }

                SetCallback(CallbackKind.RightHandSide, 0, t);
                if (!_stepper.Step(_landings[_nextLanding]))
                {
                    return Finish(_stepper.Status, _stepper.FailureMessage ?? _stepper.Status.ToString(), _stepper.T);
                }

                var tPrevious = _stepper.TPrevious;
                var tNow = _stepper.T;
                _callbackTime = tNow;
                _stepper.Y.CopyTo(_state);
                if (_dense is not null)
                {
                    _stepper.WriteDenseCoefficients(_dense.AddStep(_stepper.DenseFormat, tPrevious, tNow - tPrevious));
                }

                var fired = FindEvents(tPrevious, tNow, out var tCut, out var acting);
                RecordBefore(tCut);
                if (acting > 0 && tCut < tNow)
                {
                    SetCallback(CallbackKind.RightHandSide, 0, tCut);
                    _stepper.Interpolate(tCut, _state);
                }

                // Event actions first (in root order), then timed actions due at this time.
                string? terminal = null;
                var changed = false;
                for (var i = 0; i < fired; i++)
                {
                    var e = _candidates[i];
                    var ev = _events[e];
                    var isActing = ev.Action is not null || ev.Terminal;
                    var time = isActing ? tCut : _root[e];
                    _log.Add(new EventRecord(ev.Name, time, ev.Terminal));
                    if (ev.Action is not null)
                    {
                        SetCallback(CallbackKind.EventAction, e, tCut);
                        ev.Action(tCut, _state);
                        changed = true;
                    }

                    if (ev.Terminal)
                    {
                        terminal ??= ev.Name;
                    }
                }

                if (tCut == tNow && terminal is null)
                {
                    changed |= ApplyTimedActionsAt(tNow);
                }

                if (changed && FailIfNotFinite(tCut) is { } nonFinite)
                {
                    return nonFinite;
                }

                if (terminal is not null)
                {
                    RecordAt(tCut);
                    return Finish(OdeStatus.StoppedByEvent, SolverMessages.StoppedByEvent(_stepper.MethodName, terminal, tCut), tCut);
                }

                if (changed || acting > 0)
                {
                    SetCallback(CallbackKind.RightHandSide, 0, tCut);
                    _stepper.Restart(tCut, _state);
                    ResetEvents(tCut, fired);
                }
                else
                {
                    for (var e = 0; e < _events.Length; e++)
                    {
                        _gPrevious[e] = _gNew[e];
                        _fresh[e] = _gNew[e] == 0;
                    }
                }

                RecordAt(tCut);
            }
        }
#pragma warning disable CA1031 // User callbacks may throw anything; the run ends with a status instead.
        catch (Exception error)
#pragma warning restore CA1031
        {
            var message = SolverMessages.CallbackFailed(_stepper.MethodName, _callbackTime, CallbackLabel(), error);
            _stepper.Y.CopyTo(_state);
            return Finish(OdeStatus.RhsFailure, message, _stepper.T);
        }
    }

    private string CallbackLabel() => _callback switch
    {
        CallbackKind.EventFunction => $"condition of event '{_events[_callbackIndex].Name}'",
        CallbackKind.EventAction => $"action of event '{_events[_callbackIndex].Name}'",
        CallbackKind.TimedAction => $"timed action '{_actions[_callbackIndex].Name}'",
        _ => _stiff ? "right-hand side or Jacobian" : "right-hand side",
    };

    private void SetCallback(CallbackKind kind, int index, double t)
    {
        _callback = kind;
        _callbackIndex = index;
        _callbackTime = t;
    }

    private double EventTolerance(double t) => _eventTolerance > 0 ? _eventTolerance : 1e-12 * Math.Max(1.0, Math.Abs(t));

    private double EvaluateCondition(int e, double t, double[] y)
    {
        SetCallback(CallbackKind.EventFunction, e, t);
        return _events[e].Condition(t, y);
    }

    /// <summary>
    /// Checks every event over the step just taken. Returns the number of events that fire (their indices in root order in
    /// <see cref="_candidates"/>); <paramref name="tCut"/> is where the step must be cut (the earliest root of an event with an
    /// action or a terminal flag, else the step end) and <paramref name="acting"/> how many firing events act.
    /// </summary>
    private int FindEvents(double tPrevious, double tNow, out double tCut, out int acting)
    {
        tCut = tNow;
        acting = 0;
        if (_events.Length == 0)
        {
            return 0;
        }

        var count = 0;
        for (var e = 0; e < _events.Length; e++)
        {
            _gNew[e] = EvaluateCondition(e, tNow, _state);
            var a = tPrevious;
            var ga = _gPrevious[e];
            if (_fresh[e])
            {
                // Zero (or just fired) at the step start: take the sign just after it, so the event does not fire again
                // on rounding noise around the root it sits on.
                a = tPrevious + EventTolerance(tPrevious);
                if (a >= tNow)
                {
                    continue;
                }

                SetCallback(CallbackKind.RightHandSide, 0, a);
                _stepper.Interpolate(a, _work);
                ga = EvaluateCondition(e, a, _work);
            }

            var gb = _gNew[e];
            var direction = _events[e].Direction;
            var rising = direction != EventDirection.Falling && ga < 0 && gb >= 0;
            var falling = direction != EventDirection.Rising && ga > 0 && gb <= 0;
            if (!rising && !falling)
            {
                continue;
            }

            _root[e] = LocateRoot(e, a, ga, tNow, gb);
            _candidates[count++] = e;
        }

        if (count == 0)
        {
            return 0;
        }

        // Insertion sort by root time (stable: ties keep declaration order).
        for (var i = 1; i < count; i++)
        {
            var e = _candidates[i];
            var j = i - 1;
            while (j >= 0 && _root[_candidates[j]] > _root[e])
            {
                _candidates[j + 1] = _candidates[j];
                j--;
            }

            _candidates[j + 1] = e;
        }

        var first = double.PositiveInfinity;
        for (var i = 0; i < count; i++)
        {
            var ev = _events[_candidates[i]];
            if (ev.Action is not null || ev.Terminal)
            {
                first = _root[_candidates[i]];
                break;
            }
        }

        if (double.IsPositiveInfinity(first))
        {
            return count;
        }

        // Events that act within the location tolerance of the first acting root fire together at that time; later
        // crossings are dropped (they are found again after the restart if they still happen).
        var limit = Math.Min(first + EventTolerance(first), tNow);
        var fired = 0;
        while (fired < count && _root[_candidates[fired]] <= limit)
        {
            var ev = _events[_candidates[fired]];
            if (ev.Action is not null || ev.Terminal)
            {
                acting++;
            }

            fired++;
        }

        tCut = first;
        return fired;
    }

    /// <summary>
    /// Illinois (modified regula falsi) on the step's dense output for a sign change of event <paramref name="e"/> in
    /// [a, b]; returns the right end of the final bracket (where the sign has changed) to the event time tolerance.
    /// </summary>
    private double LocateRoot(int e, double a, double ga, double b, double gb)
    {
        if (gb == 0)
        {
            return b;
        }

        var side = 0;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var width = b - a;
            if (width <= EventTolerance(b))
            {
                break;
            }

            var t = b - (gb * width / (gb - ga));
            if (!(t > a && t < b) || iteration % 8 == 7)
            {
                // Safeguard: bisect if the secant leaves the bracket, and now and then to bound the iteration count.
                t = a + (0.5 * width);
            }

            SetCallback(CallbackKind.RightHandSide, 0, t);
            _stepper.Interpolate(t, _work);
            var gt = EvaluateCondition(e, t, _work);
            if (gt == 0)
            {
                return t;
            }

            if (Math.Sign(gt) == Math.Sign(gb))
            {
                b = t;
                gb = gt;
                if (side == 1)
                {
                    ga *= 0.5;
                }

                side = 1;
            }
            else
            {
                a = t;
                ga = gt;
                if (side == -1)
                {
                    gb *= 0.5;
                }

                side = -1;
            }
        }

        return b;
    }

    /// <summary>Sets the event values at a (re)start point; events that just fired, or sit on zero, are marked fresh.</summary>
    private void ResetEvents(double t, int firedCount)
    {
        for (var e = 0; e < _events.Length; e++)
        {
            _gPrevious[e] = EvaluateCondition(e, t, _state);
            _fresh[e] = _gPrevious[e] == 0;
        }

        for (var i = 0; i < firedCount; i++)
        {
            _fresh[_candidates[i]] = true;
        }
    }

    private bool ApplyTimedActionsAt(double t)
    {
        var any = false;
        while (_nextAction < _actions.Length && _actions[_nextAction].Time <= t)
        {
            var action = _actions[_nextAction];
            SetCallback(CallbackKind.TimedAction, _nextAction, t);
            action.Action(t, _state);
            _log.Add(new EventRecord(action.Name, t, false));
            _nextAction++;
            any = true;
        }

        return any;
    }

    /// <summary>After an action: <see langword="null"/> when the state is finite, else the failed result.</summary>
    private OdeResult? FailIfNotFinite(double t)
    {
        var bad = StepControl.FindNonFinite(_state);
        if (bad < 0)
        {
            return null;
        }

        var message = SolverMessages.ActionNotFinite(_stepper.MethodName, t, _problem.ComponentName(bad));
        _stepper.Y.CopyTo(_state);
        return Finish(OdeStatus.NonFiniteState, message, _stepper.T);
    }

    /// <summary>Records requested output times strictly before <paramref name="tCut"/> from the step's dense output.</summary>
    private void RecordBefore(double tCut)
    {
        if (_outputTimes is null)
        {
            return;
        }

        while (_nextOutput < _outputTimes.Length && _outputTimes[_nextOutput] < tCut)
        {
            var t = _outputTimes[_nextOutput++];
            SetCallback(CallbackKind.RightHandSide, 0, t);
            _stepper.Interpolate(t, _work);
            Record(t, _work);
        }
    }

    /// <summary>Records the current (post-action) state at <paramref name="t"/>: the step end, or requested times equal to it.</summary>
    private void RecordAt(double t)
    {
        if (_outputTimes is null)
        {
            Record(t, _state);
            return;
        }

        while (_nextOutput < _outputTimes.Length && _outputTimes[_nextOutput] <= t)
        {
            Record(_outputTimes[_nextOutput++], _state);
        }
    }

    private void Record(double t, double[] y)
    {
        _times.Add(t);
        for (var i = 0; i < _n; i++)
        {
            _values.Add(y[i]);
        }
    }

    private OdeResult Finish(OdeStatus status, string message, double finalTime)
    {
        _dense?.Complete(finalTime, _state);
        return new OdeResult(status, message, _stepper.MethodName, _n, [.. _times], [.. _values], _stepper.Counters.Snapshot(),
            [.. _log], _dense, finalTime, (double[])_state.Clone());
    }
}
