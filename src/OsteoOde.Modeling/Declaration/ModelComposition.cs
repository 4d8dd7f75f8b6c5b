namespace OsteoOde.Modeling;

/// <summary>
/// A base model plus optional modules with on/off switches. <see cref="Build"/> applies the base, then every switched-on
/// module in dependency order (ties keep the order modules were added). A switched-off module is simply not applied, so
/// with every module off the result is exactly the base model. Immutable: the switch methods return new compositions.
/// </summary>
public sealed class ModelComposition
{
    private readonly IReadOnlyList<ModelModule> _modules;
    private readonly IReadOnlySet<string> _enabled;

    /// <summary>Creates a composition with no modules.</summary>
    /// <param name="baseModel">The base model's declarations; its name is the model id.</param>
    /// <param name="timeUnit">Time unit (default: day).</param>
    public ModelComposition(ModelModule baseModel, Unit? timeUnit = null)
        : this(baseModel, timeUnit ?? Unit.Day, [], new HashSet<string>(StringComparer.Ordinal))
    {
    }

    private ModelComposition(ModelModule baseModel, Unit timeUnit, IReadOnlyList<ModelModule> modules, IReadOnlySet<string> enabled)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        Base = baseModel;
        TimeUnit = timeUnit;
        _modules = modules;
        _enabled = enabled;
    }

    /// <summary>The base model.</summary>
    public ModelModule Base { get; }

    /// <summary>Time unit of the built model.</summary>
    public Unit TimeUnit { get; }

    /// <summary>All modules, in the order they were added.</summary>
    public IReadOnlyList<ModelModule> Modules => _modules;

    /// <summary>Whether a module is switched on.</summary>
    /// <param name="name">Module name.</param>
    /// <returns>Whether on.</returns>
    public bool IsEnabled(string name) => _enabled.Contains(name);

    /// <summary>Adds a module (on by default).</summary>
    /// <param name="module">The module (its name must be new).</param>
    /// <param name="enabled">Initial switch.</param>
    /// <returns>A new composition.</returns>
    public ModelComposition With(ModelModule module, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (module.Name == Base.Name || _modules.Any(m => m.Name == module.Name))
        {
            throw new ArgumentException($"A module named '{module.Name}' is already part of the composition.", nameof(module));
        }

        var set = new HashSet<string>(_enabled, StringComparer.Ordinal);
        if (enabled)
        {
            set.Add(module.Name);
        }

        return new ModelComposition(Base, TimeUnit, [.. _modules, module], set);
    }

    /// <summary>Switches a module on or off.</summary>
    /// <param name="name">Module name.</param>
    /// <param name="enabled">New switch.</param>
    /// <returns>A new composition.</returns>
    public ModelComposition Switch(string name, bool enabled)
    {
        if (_modules.All(m => m.Name != name))
        {
            throw new ArgumentException(ModelMessages.UnknownModule(name, NameSuggestions.Hint(name, _modules.Select(m => m.Name).ToList())), nameof(name));
        }

        var set = new HashSet<string>(_enabled, StringComparer.Ordinal);
        if (enabled)
        {
            set.Add(name);
        }
        else
        {
            set.Remove(name);
        }

        return new ModelComposition(Base, TimeUnit, _modules, set);
    }

    /// <summary>Switches a module on.</summary>
    /// <param name="name">Module name.</param>
    /// <returns>A new composition.</returns>
    public ModelComposition Enable(string name) => Switch(name, true);

    /// <summary>Switches a module off.</summary>
    /// <param name="name">Module name.</param>
    /// <returns>A new composition.</returns>
    public ModelComposition Disable(string name) => Switch(name, false);

    /// <summary>The switched-on modules in application order (dependencies first).</summary>
    /// <returns>The modules.</returns>
    public IReadOnlyList<ModelModule> ApplicationOrder()
    {
        var problems = new List<string>();
        var byName = _modules.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var active = _modules.Where(m => _enabled.Contains(m.Name)).ToList();
        foreach (var m in active)
        {
            foreach (var dep in m.DependsOn)
            {
                if (dep == Base.Name)
                {
                    continue;
                }

                if (!byName.ContainsKey(dep))
                {
                    problems.Add(ModelMessages.ModuleDependencyMissing(m.Name, dep, NameSuggestions.Hint(dep, byName.Keys.Where(k => k != m.Name).ToList())));
                }
                else if (!_enabled.Contains(dep))
                {
                    problems.Add(ModelMessages.ModuleDependencyDisabled(m.Name, dep));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new ModelValidationException(Base.Name, problems);
        }

        var order = new List<ModelModule>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();

        void Visit(ModelModule m)
        {
            state[m.Name] = 1;
            path.Add(m.Name);
            foreach (var dep in m.DependsOn.Where(byName.ContainsKey))
            {
                var s = state.GetValueOrDefault(dep);
                if (s == 1)
                {
                    problems.Add(ModelMessages.ModuleCycle([.. path.Skip(path.IndexOf(dep)), dep]));
                }
                else if (s == 0)
                {
                    Visit(byName[dep]);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[m.Name] = 2;
            order.Add(m);
        }

        foreach (var m in active)
        {
            if (state.GetValueOrDefault(m.Name) == 0)
            {
                Visit(m);
            }
        }

        if (problems.Count > 0)
        {
            throw new ModelValidationException(Base.Name, problems);
        }

        return order;
    }

    /// <summary>Builds the model: the base, then the switched-on modules in dependency order.</summary>
    /// <returns>The model (id = the base module's name).</returns>
    public Model Build()
    {
        var builder = new ModelBuilder(Base.Name, TimeUnit);
        builder.ApplyBase(Base);
        foreach (var module in ApplicationOrder())
        {
            builder.Apply(module);
        }

        return builder.Build();
    }
}
