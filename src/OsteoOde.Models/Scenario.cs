using System.Globalization;
using OsteoOde.Modeling;
using OsteoOde.Numerics;

namespace OsteoOde.Models;

/// <summary>
/// A named protocol as data: input windows (<see cref="InputSwitch"/>: <c>NAME = V for T0 &lt; t ≤ T1</c>), initial-state and
/// parameter overrides, end time and output grid; optionally the model variant (<see cref="ModelOptions"/>), doses and state
/// scalings at exact times (<see cref="Doses"/>), extra output times and recommended solver settings.
/// <see cref="CreateRequest(Model, OdeOptions?)"/> turns it into a <see cref="SimulationRequest"/>; the same run is
/// <c>osteo simulate --model ID --scenario NAME</c>, or <c>--input</c> with each of <see cref="InputArguments"/>.
/// </summary>
/// <param name="ModelId">Model the protocol applies to (also any composition built on that model).</param>
/// <param name="Name">Scenario name (unique per model).</param>
/// <param name="Title">One-line title.</param>
/// <param name="Description">What is done and what the publication reports.</param>
/// <param name="Inputs">Input windows.</param>
/// <param name="InitialState">Initial values that replace the model defaults (the published steady state).</param>
/// <param name="ParameterValues">Parameter values that replace the published ones.</param>
/// <param name="EndTime">Simulation end (days; start is 0).</param>
/// <param name="OutputInterval">Spacing of the output grid 0, Δ, 2Δ, …, EndTime (days).</param>
/// <param name="Source">Where the protocol comes from.</param>
public sealed record Scenario(string ModelId, string Name, string Title, string Description, IReadOnlyList<InputSwitch> Inputs,
    IReadOnlyDictionary<string, double> InitialState, IReadOnlyDictionary<string, double> ParameterValues, double EndTime,
    double OutputInterval, Citation Source)
{
    /// <summary>Option values selecting the model variant (for example <c>sex = male</c> of the lifetime model); empty for the default variant.</summary>
    public IReadOnlyDictionary<string, string> ModelOptions { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Doses and state scalings at exact times (<see cref="Dose"/>, <see cref="Dose.Scale"/>).</summary>
    public IReadOnlyList<Dose> Doses { get; init; } = [];

    /// <summary>Output times added to the regular grid (for example dense sampling after a treatment starts).</summary>
    public IReadOnlyList<double> ExtraOutputTimes { get; init; } = [];

    /// <summary>Solver settings used when the caller gives none (<see langword="null"/>: the simulation defaults).</summary>
    public OdeOptions? Solver { get; init; }

    /// <summary>Output times 0, Δ, …, EndTime (the last point is EndTime exactly), merged with <see cref="ExtraOutputTimes"/>.</summary>
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
            return ExtraOutputTimes.Count == 0 ? times : [.. times.Concat(ExtraOutputTimes).Distinct().Order()];
        }
    }

    /// <summary>The model this protocol runs on: the catalog model of <see cref="ModelId"/> in the variant of <see cref="ModelOptions"/>.</summary>
    /// <returns>The model.</returns>
    public Model CreateModel() => ModelCatalog.Get(ModelId).CreateModel(ModelOptions);

    /// <summary>The input windows in the CLI form <c>NAME=V@T0:T1</c> (<c>NAME=V@T0:</c> for a window without end).</summary>
    public IReadOnlyList<string> InputArguments => [.. Inputs.Select(CliArgument)];

    /// <summary>The CLI form of one window.</summary>
    /// <param name="window">The window.</param>
    /// <returns><c>NAME=V@T0:T1</c>, or <c>NAME=V@T0:</c> when it has no end.</returns>
    public static string CliArgument(InputSwitch window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return string.Create(CultureInfo.InvariantCulture,
            $"{window.Input}={window.Value:R}@{window.From:R}:{(window.Until is double end ? end.ToString("R", CultureInfo.InvariantCulture) : "")}");
    }

    /// <summary>The parameter set of this protocol: the model's defaults with <see cref="ParameterValues"/> applied (bounds checked).</summary>
    /// <param name="model">The model (its id must be <see cref="ModelId"/>).</param>
    /// <returns>The set.</returns>
    public ParameterSet CreateParameters(Model model)
    {
        Validate(model);
        var source = Source with { Note = $"scenario '{Name}'" };
        var set = ParameterSet.Defaults(model);
        foreach (var (name, value) in ParameterValues)
        {
            set = set.With(name, value, source);
        }

        return set;
    }

    /// <summary>The simulation request for this protocol on the published model from the catalog.</summary>
    /// <param name="solver">Solver settings (<see langword="null"/>: defaults).</param>
    /// <returns>The request.</returns>
    public SimulationRequest CreateRequest(OdeOptions? solver = null) => CreateRequest(CreateModel(), solver);

    /// <summary>The simulation request for this protocol on <paramref name="model"/> (the published model or a composition built on it).</summary>
    /// <param name="model">The model.</param>
    /// <param name="solver">Solver settings (<see langword="null"/>: defaults).</param>
    /// <returns>The request.</returns>
    public SimulationRequest CreateRequest(Model model, OdeOptions? solver = null) =>
        new(model, EndTime)
        {
            Parameters = CreateParameters(model),
            InputSwitches = Inputs,
            InitialOverrides = InitialState.Count == 0 ? null : InitialState,
            OutputTimes = OutputTimes,
            Doses = Doses,
            Solver = solver ?? Solver ?? new OdeOptions(),
        };

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
        else if (ModelOptions.Count > 0 && !IsVariant(model))
        {
            problems.Add($"scenario needs the variant {string.Join(", ", ModelOptions.Select(o => $"{o.Key} = {o.Value}"))} of '{ModelId}' (or a composition built on it)");
        }

        foreach (var d in Doses)
        {
            if (!model.TryGetQuantity(d.State, out var q) || q.Kind != QuantityKind.State)
            {
                problems.Add($"dose '{d.LogName}' targets '{d.State}', which is not a state of '{model.Id}'");
            }

            if (!double.IsFinite(d.Amount) || !double.IsFinite(d.Factor) || d.Factor < 0 || !(d.Time >= 0) || d.Time > EndTime)
            {
                problems.Add(F($"dose '{d.LogName}' needs a finite amount, a finite factor >= 0 and 0 <= time <= EndTime = {EndTime:R}"));
            }
        }

        foreach (var t in ExtraOutputTimes)
        {
            if (!(t >= 0) || t > EndTime)
            {
                problems.Add(F($"extra output time {t:R} lies outside [0, EndTime = {EndTime:R}]"));
            }
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

            if (!double.IsFinite(w.Value) || !(w.From >= 0) || (w.Until is double end && !(end > w.From && end <= EndTime)))
            {
                problems.Add(F($"input window '{w}' needs a finite value and 0 <= T0 < T1 <= EndTime"));
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

    /// <summary>
    /// Whether <paramref name="model"/> is the variant of <see cref="ModelOptions"/> or a composition built on it: every module
    /// and parameter of the variant is present, and no module of the default variant that the variant switches off is applied.
    /// </summary>
    private bool IsVariant(Model model)
    {
        var variant = CreateModel();
        if (ReferenceEquals(variant, model) || variant.ContentHash == model.ContentHash)
        {
            return true;
        }

        var applied = model.Modules.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var required = variant.Modules.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var switchedOff = ModelCatalog.Get(ModelId).Model.Modules.Select(m => m.Name).Where(m => !required.Contains(m));
        return required.All(applied.Contains) && !switchedOff.Any(applied.Contains)
            && variant.Parameters.All(p => model.TryGetQuantity(p.Name, out var q) && q.Kind == QuantityKind.Parameter);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
