namespace OsteoOde.Numerics;

/// <summary>Which sign changes of an event function fire the event.</summary>
public enum EventDirection
{
    /// <summary>Both rising (− to +) and falling (+ to −) crossings.</summary>
    Both = 0,

    /// <summary>Only crossings from negative to positive.</summary>
    Rising = 1,

    /// <summary>Only crossings from positive to negative.</summary>
    Falling = -1,
}

/// <summary>
/// A state event: fires where <see cref="Condition"/> crosses zero in <see cref="Direction"/>. The crossing is located on the
/// dense output of the step to the solver's event tolerance, the state is set to its interpolated value there, then
/// <see cref="Action"/> (if any) is applied and integration restarts (or stops when <see cref="Terminal"/>).
/// <para>
/// Details: crossings are found by a sign test at step ends (two crossings within one step cancel; keep steps below the
/// spacing of roots with <see cref="OdeOptions.MaxStep"/> if that matters) and located by the Illinois method; the located
/// time is the bracket end on the far side of the root. An event whose function is zero at the start of a step, or that
/// has just fired there, takes its starting sign just after that point, so it does not fire again on rounding noise.
/// A jump of the state made by an action (a dose pushing a level past a threshold) is not a crossing and does not fire
/// events. Events without <see cref="Action"/> and not <see cref="Terminal"/> are only logged and do not cut the step.
/// Several crossings in one step fire earliest first; those within the event time tolerance of the first acting one fire
/// together (in declaration order at equal times).
/// </para>
/// </summary>
/// <param name="Name">Name used in messages and in the event log.</param>
/// <param name="Condition">Root function.</param>
/// <param name="Direction">Crossing direction that fires the event.</param>
/// <param name="Terminal">Stop the integration at the first firing.</param>
/// <param name="Action">State change applied at the event, or <see langword="null"/> to only record it.</param>
public sealed record OdeEvent(
    string Name,
    EventFunction Condition,
    EventDirection Direction = EventDirection.Both,
    bool Terminal = false,
    EventAction? Action = null);

/// <summary>
/// An action at an exact, known time (a bolus dose, an input switch). The integrator lands exactly on <see cref="Time"/>
/// without stepping over it, applies <see cref="Action"/>, and restarts. Output requested at exactly that time reports the
/// state after the action (right-continuous, as NONMEM and mrgsolve report doses).
/// </summary>
/// <param name="Time">Time of the action.</param>
/// <param name="Name">Name used in the event log.</param>
/// <param name="Action">State change (may also change inputs the right-hand side reads).</param>
public sealed record TimedAction(double Time, string Name, EventAction Action);

/// <summary>One entry of the event log of a result.</summary>
/// <param name="Name">Event or timed-action name.</param>
/// <param name="Time">Time at which it fired.</param>
/// <param name="Terminal">Whether it ended the integration.</param>
public readonly record struct EventRecord(string Name, double Time, bool Terminal);
