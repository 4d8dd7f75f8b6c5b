using OsteoOde.Numerics;

namespace OsteoOde.Modeling;

/// <summary>
/// The input switches of one simulation, validated against a model: known input names, finite values within the input's
/// bounds, windows with
/// <c>0 ≤ From &lt; Until</c>, and no two overlapping windows for the same input (touching windows, where one ends exactly where
/// the next starts, are allowed). Immutable.
/// <para>
/// Semantics: an input equals the value of the active window (<see cref="InputSwitch.IsActiveAt"/>), else its value in the
/// parameter set. Switching happens through <see cref="TimedAction"/>s that write the input's entry of the parameter vector at
/// exactly <c>From</c> and <c>Until</c>, so the integrator lands on both times and no step straddles a switch. At equal times a
/// window end is applied before a window start, and input switches before doses.
/// </para>
/// </summary>
public sealed class InputSchedule
{
    private InputSchedule(Model model, IReadOnlyList<InputSwitch> switches, int[] vectorIndex)
    {
        Model = model;
        Switches = switches;
        VectorIndices = vectorIndex;
    }

    /// <summary>The model.</summary>
    public Model Model { get; }

    /// <summary>The switches, ordered by input (declaration order) then window start.</summary>
    public IReadOnlyList<InputSwitch> Switches { get; }

    /// <summary>Parameter-vector index of the input of each switch.</summary>
    internal IReadOnlyList<int> VectorIndices { get; }

    /// <summary>Validates switches against a model.</summary>
    /// <param name="model">The model.</param>
    /// <param name="switches">Switches in any order.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">Unknown input (with suggestions), non-finite value or time, a value outside the input's bounds
    /// (naming the input, its range and unit), empty window, overlap (naming both).</exception>
    public static InputSchedule Create(Model model, IEnumerable<InputSwitch>? switches)
    {
        ArgumentNullException.ThrowIfNull(model);
        var list = switches?.ToList() ?? [];
        var inputNames = model.Inputs.Select(i => i.Name).ToList();
        foreach (var s in list)
        {
            if (s is null)
            {
                throw new ArgumentException("An input switch is null.", nameof(switches));
            }

            if (!model.Inputs.Any(i => i.Name == s.Input))
            {
                throw new ArgumentException(SimulationMessages.UnknownInput(model.Id, s, inputNames), nameof(switches));
            }

            var input = model.Input(s.Input);
            if (!double.IsFinite(s.Value))
            {
                throw new ArgumentException(SimulationMessages.SwitchValueNotFinite(s, input.Unit), nameof(switches));
            }

            if (!input.Allows(s.Value))
            {
                throw new ArgumentException(SimulationMessages.SwitchValueOutOfRange(model.Id, s, input), nameof(switches));
            }

            if (!double.IsFinite(s.From) || s.From < 0 || (s.Until is double end && (!double.IsFinite(end) || end <= s.From)))
            {
                throw new ArgumentException(SimulationMessages.SwitchWindowInvalid(s), nameof(switches));
            }
        }

        var ordered = list
            .OrderBy(s => model.InputIndex(s.Input))
            .ThenBy(s => s.From)
            .ToArray();
        for (var k = 1; k < ordered.Length; k++)
        {
            var (a, b) = (ordered[k - 1], ordered[k]);
            if (a.Input == b.Input && (a.Until is not double end || end > b.From))
            {
                throw new ArgumentException(SimulationMessages.SwitchesOverlap(a, b), nameof(switches));
            }
        }

        var index = ordered.Select(s => model.Parameters.Count + model.InputIndex(s.Input)).ToArray();
        return new InputSchedule(model, ordered, index);
    }

    /// <summary>The value of an input at time <paramref name="t"/> (left-continuous: windows are <c>(From, Until]</c>).</summary>
    /// <param name="input">Input name.</param>
    /// <param name="t">Time.</param>
    /// <param name="parameters">Values outside the windows (<see langword="null"/>: model defaults).</param>
    /// <returns>The value.</returns>
    public double ValueAt(string input, double t, ParameterSet? parameters = null)
    {
        var value = parameters is null ? Model.Input(input).DefaultValue : parameters[input];
        foreach (var s in Switches)
        {
            if (s.Input == input && s.IsActiveAt(t))
            {
                value = s.Value;
            }
        }

        return value;
    }

    /// <summary>Writes the input entries of <paramref name="p"/> for time <paramref name="t"/>, starting from <paramref name="baseline"/>.</summary>
    internal void WriteInputsAt(double t, double[] p, ReadOnlySpan<double> baseline)
    {
        for (var k = 0; k < Switches.Count; k++)
        {
            var i = VectorIndices[k];
            p[i] = baseline[i];
        }

        for (var k = 0; k < Switches.Count; k++)
        {
            if (Switches[k].IsActiveAt(t))
            {
                p[VectorIndices[k]] = Switches[k].Value;
            }
        }
    }

    /// <summary>
    /// Timed actions writing the live parameter vector <paramref name="p"/>: window ends (back to the baseline value) before window
    /// starts at equal times. <paramref name="after"/> runs after each write (mode re-initialisation).
    /// </summary>
    internal List<TimedAction> CreateActions(double[] p, double[] baseline, EventAction? after)
    {
        var actions = new List<(double Time, int Order, TimedAction Action)>();
        for (var k = 0; k < Switches.Count; k++)
        {
            var s = Switches[k];
            var i = VectorIndices[k];
            var value = s.Value;
            var label = s.ToString();
            actions.Add((s.From, 1, new TimedAction(s.From, $"switch on: {label}", (t, y) =>
            {
                p[i] = value;
                after?.Invoke(t, y);
            })));
            if (s.Until is double end)
            {
                var back = baseline[i];
                actions.Add((end, 0, new TimedAction(end, $"switch off: {label}", (t, y) =>
                {
                    p[i] = back;
                    after?.Invoke(t, y);
                })));
            }
        }

        return [.. actions.OrderBy(a => a.Time).ThenBy(a => a.Order).Select(a => a.Action)];
    }
}
