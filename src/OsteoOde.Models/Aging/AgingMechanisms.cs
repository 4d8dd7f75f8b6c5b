using System.Collections.Immutable;
using System.Globalization;
using OsteoOde.Modeling;

namespace OsteoOde.Models.Aging;

/// <summary>
/// A bone-loss mechanism of the lifetime model and how to switch it off: modules to switch off and/or parameters to set
/// (a coupling gain to 0). Switching a mechanism off removes only its coupling into bone; the senescence clock, the vesicle
/// pools and the closure stay on, so burden and cargo readouts are the same with and without it.
/// </summary>
/// <param name="Name">Mechanism name (a column of the attribution table).</param>
/// <param name="Title">Human-readable title.</param>
/// <param name="ModulesOff">Modules switched off.</param>
/// <param name="ParameterValues">Parameters set (for example a gain to 0).</param>
/// <param name="WomenOnly">Whether it exists only for women.</param>
public sealed record AgingMechanism(string Name, string Title, IReadOnlyList<string> ModulesOff, IReadOnlyDictionary<string, double> ParameterValues,
    bool WomenOnly = false);

/// <summary>The mechanisms of the attribution (prototype SPEC §8), in table order.</summary>
public static class AgingMechanisms
{
    private static readonly IReadOnlyDictionary<string, double> NoParameters = ImmutableSortedDictionary<string, double>.Empty;

    /// <summary>Estrogen deficit (module <c>estrogen</c> off: EST ≡ 1); women only.</summary>
    public static AgingMechanism Estrogen { get; } = new("estrogen", "estrogen deficit", [AgingModel.Estrogen], NoParameters, WomenOnly: true);

    /// <summary>Soluble (non-vesicle) SASP (module <c>sasp</c> off).</summary>
    public static AgingMechanism SolubleSasp { get; } = new("soluble_sasp", "soluble SASP", [AgingModel.Sasp], NoParameters);

    /// <summary>RANKL⁺ vesicles (<c>P_rankl_ev_max</c> = 0).</summary>
    public static AgingMechanism RanklEv { get; } = new("rankl_ev", "RANKL⁺ vesicles", [],
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, double>("P_rankl_ev_max", 0)]));

    /// <summary>Osteo-inhibitory microRNAs (<c>theta_ob</c> = 0).</summary>
    public static AgingMechanism MirnaOb { get; } = new("mirna_ob", "osteo-inhibitory microRNAs", [],
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, double>("theta_ob", 0)]));

    /// <summary>Aged-matrix vesicles and the adipogenic shift (module <c>marrow_fate</c> off).</summary>
    public static AgingMechanism MatrixFat { get; } = new("matrix_fat", "aged-matrix vesicles / fat shift", [AgingModel.MarrowFate], NoParameters);

    /// <summary>Every mechanism in table order.</summary>
    public static IReadOnlyList<AgingMechanism> All { get; } = [Estrogen, SolubleSasp, RanklEv, MirnaOb, MatrixFat];

    /// <summary>The mechanisms of one sex (men: no estrogen).</summary>
    /// <param name="sex">Sex.</param>
    /// <returns>The mechanisms in table order.</returns>
    public static IReadOnlyList<AgingMechanism> For(Sex sex) => [.. All.Where(m => sex == Sex.Female || !m.WomenOnly)];

    /// <summary>Looks up a mechanism by name.</summary>
    /// <param name="name">Name.</param>
    /// <returns>The mechanism.</returns>
    public static AgingMechanism Get(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"Unknown mechanism '{name}' (mechanisms: {string.Join(", ", All.Select(m => m.Name))}).", nameof(name));
}

/// <summary>
/// A fully specified lifetime-model run configuration: the variant (sex, modules off) and parameter values replacing the
/// defaults. Immutable; <see cref="Without(AgingMechanism)"/> switches a mechanism off.
/// </summary>
public sealed record AgingConfiguration
{
    /// <summary>Creates a configuration.</summary>
    /// <param name="options">Variant.</param>
    /// <param name="parameters">Parameter values replacing the defaults (<see langword="null"/>: none).</param>
    public AgingConfiguration(AgingOptions options, IReadOnlyDictionary<string, double>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Parameters = parameters is null ? ImmutableSortedDictionary<string, double>.Empty.WithComparers(StringComparer.Ordinal)
            : ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, parameters);
    }

    /// <summary>Sex and modules off.</summary>
    public AgingOptions Options { get; }

    /// <summary>Parameter values replacing the defaults.</summary>
    public ImmutableSortedDictionary<string, double> Parameters { get; }

    /// <summary>The default configuration of a sex (every module on, default parameters).</summary>
    /// <param name="sex">Sex.</param>
    /// <returns>The configuration.</returns>
    public static AgingConfiguration Default(Sex sex) => new(AgingOptions.For(sex));

    /// <summary>The configuration with a mechanism switched off.</summary>
    /// <param name="mechanism">Mechanism.</param>
    /// <returns>The new configuration.</returns>
    public AgingConfiguration Without(AgingMechanism mechanism)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        return new AgingConfiguration(Options.Without([.. mechanism.ModulesOff]), Parameters.SetItems(mechanism.ParameterValues));
    }

    /// <summary>The configuration with one more parameter value.</summary>
    /// <param name="name">Parameter name.</param>
    /// <param name="value">Value.</param>
    /// <returns>The new configuration.</returns>
    public AgingConfiguration With(string name, double value) => new(Options, Parameters.SetItem(name, value));

    /// <summary>The model variant (cached).</summary>
    public Model Model => AgingModel.Create(Options);

    /// <summary>A life-course request from age 25 with the configuration's parameters (validated against the bounds).</summary>
    /// <param name="outputTimes">Output times (<see langword="null"/>: every year to 90).</param>
    /// <param name="toAge">End age.</param>
    /// <returns>The request.</returns>
    public SimulationRequest CreateRequest(IReadOnlyList<double>? outputTimes = null, double toAge = 90) =>
        AgingModel.LifeCourse(Options, Parameters, outputTimes, toAge);

    /// <summary>Equality by variant and parameter values.</summary>
    /// <param name="other">Other configuration.</param>
    /// <returns>Whether equal.</returns>
    public bool Equals(AgingConfiguration? other) =>
        other is not null && Options.Equals(other.Options) && Parameters.Count == other.Parameters.Count
        && Parameters.All(kv => other.Parameters.TryGetValue(kv.Key, out var v) && v.Equals(kv.Value));

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <inheritdoc/>
    public override string ToString() =>
        Parameters.Count == 0 ? Options.Key
        : Options.Key + " " + string.Join(",", Parameters.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:R}")));
}
