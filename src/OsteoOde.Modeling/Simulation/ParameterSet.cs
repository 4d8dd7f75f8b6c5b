namespace OsteoOde.Modeling;

/// <summary>One entry of <see cref="ParameterSet.Diff"/>: a parameter or input whose value differs from the model default.</summary>
/// <param name="Name">Parameter or input name.</param>
/// <param name="Kind"><see cref="QuantityKind.Parameter"/> or <see cref="QuantityKind.Input"/>.</param>
/// <param name="Default">Value declared in the model (input: its default).</param>
/// <param name="Value">Value in the set.</param>
/// <param name="Unit">Unit of both values.</param>
/// <param name="Source">Citation given for the new value, or <see langword="null"/> when none was given.</param>
public sealed record ParameterChange(string Name, QuantityKind Kind, double Default, double Value, Unit Unit, Citation? Source)
{
    /// <summary>One line, for example <c>k_res: 200 → 180 %/(pM·day)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => SimulationMessages.Change(this);
}

/// <summary>
/// Values for every parameter and input of one <see cref="Modeling.Model"/>, referred to by name. Immutable: <c>With</c>
/// returns a new set, so a set handed to a simulation or kept in a notebook never changes behind anyone's back.
/// <para>
/// Validation: unknown names throw <see cref="ArgumentException"/> with the nearest valid names; parameter values must be finite
/// and within the declared bounds (the message gives the range and unit); input values must be finite and within the input's
/// bounds (<see cref="ModelInput.LowerBound"/>, <see cref="ModelInput.UpperBound"/>; an input declared without bounds takes any
/// finite value, for example a sink that subtracts cells). Input defaults may be overridden too: the value in the set is the input's value whenever no
/// <see cref="InputSwitch"/> window is active (before, between and after windows).
/// </para>
/// <para>
/// A value may carry a <see cref="Citation"/> for where it comes from (<see cref="With(string, double, Citation?)"/>); it is kept
/// by <see cref="Diff"/> and the JSON files (<see cref="ParameterSetJson"/>).
/// </para>
/// </summary>
public sealed class ParameterSet
{
    private readonly double[] _values;
    private readonly Citation?[] _sources;
    private readonly Dictionary<string, int> _index;
    private readonly string[] _names;

    private ParameterSet(Model model, double[] values, Citation?[] sources, Dictionary<string, int> index, string[] names)
    {
        Model = model;
        _values = values;
        _sources = sources;
        _index = index;
        _names = names;
    }

    /// <summary>The model the set belongs to.</summary>
    public Model Model { get; }

    /// <summary>Names in parameter-vector order: all parameters, then all inputs (declaration order).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Number of entries (parameters + inputs).</summary>
    public int Count => _values.Length;

    /// <summary>Whether every value equals the model default and no source was attached.</summary>
    public bool IsDefault => Diff().Count == 0;

    /// <summary>The value of a parameter or input.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The value in the declared unit.</returns>
    public double this[string name] => _values[IndexOf(name)];

    /// <summary>The model's declared values (parameters) and defaults (inputs).</summary>
    /// <param name="model">The model.</param>
    /// <returns>The default set.</returns>
    public static ParameterSet Defaults(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new double[model.Parameters.Count + model.Inputs.Count];
        for (var i = 0; i < model.Parameters.Count; i++)
        {
            index[model.Parameters[i].Name] = i;
            values[i] = model.Parameters[i].Value;
        }

        for (var i = 0; i < model.Inputs.Count; i++)
        {
            index[model.Inputs[i].Name] = model.Parameters.Count + i;
            values[model.Parameters.Count + i] = model.Inputs[i].DefaultValue;
        }

        var names = new string[values.Length];
        foreach (var (name, i) in index)
        {
            names[i] = name;
        }

        return new ParameterSet(model, values, new Citation?[values.Length], index, names);
    }

    /// <summary>Whether the model has a parameter or input of that name.</summary>
    /// <param name="name">Name.</param>
    /// <returns>Whether known.</returns>
    public bool Contains(string name) => name is not null && _index.ContainsKey(name);

    /// <summary>A new set with one value changed (validated).</summary>
    /// <param name="name">Parameter or input name.</param>
    /// <param name="value">New value in the declared unit.</param>
    /// <param name="source">Where the new value comes from (kept in <see cref="Diff"/> and JSON), or <see langword="null"/>.</param>
    /// <returns>The new set.</returns>
    public ParameterSet With(string name, double value, Citation? source = null)
    {
        var i = IndexOf(name);
        Validate(i, value, nameof(value));
        var values = (double[])_values.Clone();
        var sources = (Citation?[])_sources.Clone();
        values[i] = value;
        sources[i] = source;
        return new ParameterSet(Model, values, sources, _index, _names);
    }

    /// <summary>A new set with several values changed; every entry is validated before anything is applied. Changed entries lose any attached source.</summary>
    /// <param name="values">Values by name.</param>
    /// <returns>The new set.</returns>
    public ParameterSet With(IEnumerable<KeyValuePair<string, double>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = (double[])_values.Clone();
        var sources = (Citation?[])_sources.Clone();
        foreach (var (name, value) in values)
        {
            var i = IndexOf(name);
            Validate(i, value, nameof(values));
            copy[i] = value;
            sources[i] = null;
        }

        return new ParameterSet(Model, copy, sources, _index, _names);
    }

    /// <summary>A new set with one entry back at its model default (and no attached source).</summary>
    /// <param name="name">Parameter or input name.</param>
    /// <returns>The new set.</returns>
    public ParameterSet WithDefault(string name)
    {
        var i = IndexOf(name);
        var values = (double[])_values.Clone();
        var sources = (Citation?[])_sources.Clone();
        values[i] = DefaultAt(i);
        sources[i] = null;
        return new ParameterSet(Model, values, sources, _index, _names);
    }

    /// <summary>The citation attached to a value by <see cref="With(string, double, Citation?)"/>, or <see langword="null"/>.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The attached citation.</returns>
    public Citation? AttachedSource(string name) => _sources[IndexOf(name)];

    /// <summary>Where the value comes from: the attached citation when there is one, else the model's (inputs: none).</summary>
    /// <param name="name">Name.</param>
    /// <returns>The citation, or <see langword="null"/> for an input without an attached one.</returns>
    public Citation? SourceOf(string name)
    {
        var i = IndexOf(name);
        return _sources[i] ?? (i < Model.Parameters.Count ? Model.Parameters[i].Source : null);
    }

    /// <summary>Entries whose value differs from the model default (bitwise) or that carry an attached source, in vector order.</summary>
    /// <returns>The changes.</returns>
    public IReadOnlyList<ParameterChange> Diff()
    {
        var changes = new List<ParameterChange>();
        for (var i = 0; i < _values.Length; i++)
        {
            var d = DefaultAt(i);
            if (BitConverter.DoubleToInt64Bits(d) != BitConverter.DoubleToInt64Bits(_values[i]) || _sources[i] is not null)
            {
                var q = QuantityAt(i);
                changes.Add(new ParameterChange(q.Name, q.Kind, d, _values[i], q.Unit, _sources[i]));
            }
        }

        return changes;
    }

    /// <summary>The values in parameter-vector layout (parameters then inputs), as <see cref="CompiledModel"/> delegates read them.</summary>
    /// <returns>A new array.</returns>
    public double[] ToVector() => (double[])_values.Clone();

    /// <summary>Copies the values in parameter-vector layout.</summary>
    /// <param name="destination">Destination (at least <see cref="Count"/> entries).</param>
    public void CopyTo(Span<double> destination) => _values.CopyTo(destination);

    /// <summary>The set as JSON text (<see cref="ParameterSetJson"/>).</summary>
    /// <returns>The text.</returns>
    public string ToJson() => ParameterSetJson.Serialize(this);

    /// <summary>Reads a set for <paramref name="model"/> from JSON text, validated (<see cref="ParameterSetJson"/>).</summary>
    /// <param name="model">The model.</param>
    /// <param name="json">The text.</param>
    /// <returns>The set.</returns>
    public static ParameterSet FromJson(Model model, string json) => ParameterSetJson.Deserialize(model, json);

    /// <summary>Saves the set as a JSON file.</summary>
    /// <param name="path">File path.</param>
    public void Save(string path) => ParameterSetJson.Save(this, path);

    /// <summary>Loads a set for <paramref name="model"/> from a JSON file, validated.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">File path.</param>
    /// <returns>The set.</returns>
    public static ParameterSet Load(Model model, string path) => ParameterSetJson.Load(model, path);

    /// <summary>Whether this set can be used with <paramref name="model"/>: the same instance, or a model with the same content hash.</summary>
    /// <param name="model">Model.</param>
    /// <returns>Whether compatible.</returns>
    public bool IsFor(Model model) =>
        model is not null && (ReferenceEquals(model, Model) || model.ContentHash == Model.ContentHash);

    /// <summary>Vector index of a name; unknown names throw with suggestions.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The index.</returns>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _index.TryGetValue(name, out var i)
            ? i
            : throw new ArgumentException(SimulationMessages.UnknownParameter(Model.Id, name, _index.Keys.ToList()), nameof(name));
    }

    /// <summary>The parameter or input at a vector index.</summary>
    internal ModelQuantity QuantityAt(int i) =>
        i < Model.Parameters.Count ? Model.Parameters[i] : Model.Inputs[i - Model.Parameters.Count];

    internal double DefaultAt(int i) =>
        i < Model.Parameters.Count ? Model.Parameters[i].Value : Model.Inputs[i - Model.Parameters.Count].DefaultValue;

    internal ParameterSet WithValidated(double[] values, Citation?[] sources) => new(Model, values, sources, _index, _names);

    internal void Validate(int i, double value, string paramName)
    {
        if (i < Model.Parameters.Count)
        {
            var p = Model.Parameters[i];
            if (!double.IsFinite(value) || value < p.LowerBound || value > p.UpperBound)
            {
                throw new ArgumentException(SimulationMessages.ParameterOutOfRange(Model.Id, p, value), paramName);
            }
        }
        else
        {
            var input = Model.Inputs[i - Model.Parameters.Count];
            if (!double.IsFinite(value))
            {
                throw new ArgumentException(SimulationMessages.InputNotFinite(Model.Id, input, value), paramName);
            }

            if (!input.Allows(value))
            {
                throw new ArgumentException(SimulationMessages.InputOutOfRange(Model.Id, input, value), paramName);
            }
        }
    }
}
