using System.Globalization;
using OsteoOde.Modeling;

namespace OsteoOde.Models;

/// <summary>
/// An input held at <paramref name="Value"/> for <c>Start &lt; t ≤ End</c> (and at its default elsewhere) — the form of
/// <c>osteo simulate --input NAME=V@T0:T1</c>.
/// </summary>
/// <param name="Input">Input name.</param>
/// <param name="Value">Value inside the window (in the input's unit).</param>
/// <param name="Start">Window start T0 (exclusive).</param>
/// <param name="End">Window end T1 (inclusive).</param>
public sealed record InputWindow(string Input, double Value, double Start, double End)
{
    /// <summary>The CLI form <c>NAME=V@T0:T1</c> (round-trip number formatting).</summary>
    /// <returns>The argument text.</returns>
    public string ToArgument() => string.Create(CultureInfo.InvariantCulture, $"{Input}={Value:R}@{Start:R}:{End:R}");

    /// <summary>Whether <paramref name="t"/> lies in the window (<c>Start &lt; t ≤ End</c>).</summary>
    /// <param name="t">Time.</param>
    /// <returns>Whether inside.</returns>
    public bool Contains(double t) => t > Start && t <= End;
}

/// <summary>
/// A named protocol as data: input windows, initial-state and parameter overrides, end time and output grid. Runnable by the
/// simulation layer and by <c>osteo simulate --model ID --scenario NAME</c>.
/// </summary>
/// <param name="ModelId">Model the protocol applies to.</param>
/// <param name="Name">Scenario name (unique per model).</param>
/// <param name="Title">One-line title.</param>
/// <param name="Description">What is done and what the publication reports.</param>
/// <param name="Inputs">Input windows.</param>
/// <param name="InitialState">Initial values that replace the model defaults (the published steady state).</param>
/// <param name="ParameterValues">Parameter values that replace the published ones.</param>
/// <param name="EndTime">Simulation end (days; start is 0).</param>
/// <param name="OutputInterval">Spacing of the output grid 0, Δ, 2Δ, …, EndTime (days).</param>
/// <param name="Source">Where the protocol comes from.</param>
public sealed record Scenario(string ModelId, string Name, string Title, string Description, IReadOnlyList<InputWindow> Inputs,
    IReadOnlyDictionary<string, double> InitialState, IReadOnlyDictionary<string, double> ParameterValues, double EndTime,
    double OutputInterval, Citation Source)
{
    /// <summary>Output times 0, Δ, …, EndTime (the last point is EndTime exactly).</summary>
    public IReadOnlyList<double> OutputTimes
    {
        get
        {
            var n = (int)Math.Ceiling(EndTime / OutputInterval - 1e-9);
            var times = new double[n + 1];
            for (var i = 0; i < n; i++)
            {
                times[i] = i * OutputInterval;
            }

            times[n] = EndTime;
            return times;
        }
    }

    /// <summary>The input windows in CLI form, e.g. <c>I_P=1000@20:80</c>.</summary>
    public IReadOnlyList<string> InputArguments => [.. Inputs.Select(w => w.ToArgument())];

    /// <summary>Value of an input at time <paramref name="t"/> under this protocol (the model default outside every window).</summary>
    /// <param name="model">The model (for defaults).</param>
    /// <param name="input">Input name.</param>
    /// <param name="t">Time.</param>
    /// <returns>The value.</returns>
    public double InputValue(Model model, string input, double t)
    {
        ArgumentNullException.ThrowIfNull(model);
        var value = model.Input(input).DefaultValue;
        foreach (var w in Inputs)
        {
            if (w.Input == input && w.Contains(t))
            {
                value = w.Value;
            }
        }

        return value;
    }

    /// <summary>Checks every name and number against the model; throws one message listing all problems.</summary>
    /// <param name="model">The model the scenario is meant for.</param>
    /// <exception cref="ArgumentException">A name is unknown, a value outside bounds, or times are inconsistent.</exception>
    public void Validate(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var problems = new List<string>();
        if (model.Id != ModelId)
        {
            problems.Add($"scenario is for model '{ModelId}', not '{model.Id}'");
        }

        if (!(EndTime > 0) || !double.IsFinite(EndTime))
        {
            problems.Add(F($"EndTime must be positive and finite (got {EndTime:R})"));
        }

        if (!(OutputInterval > 0) || !(OutputInterval <= EndTime))
        {
            problems.Add(F($"OutputInterval must lie in (0, EndTime = {EndTime:R}] (got {OutputInterval:R})"));
        }

        foreach (var w in Inputs)
        {
            if (!model.TryGetQuantity(w.Input, out var q) || q.Kind != QuantityKind.Input)
            {
                problems.Add($"'{w.Input}' is not an input of '{model.Id}' (inputs: {string.Join(", ", model.Inputs.Select(i => i.Name))})");
            }

            if (!double.IsFinite(w.Value) || !(w.Start >= 0) || !(w.End > w.Start) || !double.IsFinite(w.End))
            {
                problems.Add(F($"input window {w.ToArgument()} needs a finite value and 0 <= T0 < T1 < infinity"));
            }
        }

        foreach (var (name, value) in InitialState)
        {
            if (!model.TryGetQuantity(name, out var q) || q.Kind != QuantityKind.State)
            {
                problems.Add($"'{name}' is not a state of '{model.Id}' (states: {string.Join(", ", model.States.Select(s => s.Name))})");
            }
            else if (!double.IsFinite(value) || (model.State(name).NonNegative && value < 0))
            {
                problems.Add(F($"initial {name} = {value:R} must be finite{(model.State(name).NonNegative ? " and non-negative" : "")}"));
            }
        }

        foreach (var (name, value) in ParameterValues)
        {
            if (!model.TryGetQuantity(name, out var q) || q.Kind != QuantityKind.Parameter)
            {
                problems.Add($"'{name}' is not a parameter of '{model.Id}'");
                continue;
            }

            var p = model.Parameter(name);
            if (!(value >= p.LowerBound && value <= p.UpperBound))
            {
                problems.Add(F($"{name} = {value:R} lies outside its bounds [{p.LowerBound:R}, {p.UpperBound:R}]"));
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Scenario '{Name}' does not fit model '{model.Id}': {string.Join("; ", problems)}.", nameof(model));
        }
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
