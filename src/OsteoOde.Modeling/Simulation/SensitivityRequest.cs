namespace OsteoOde.Modeling;

/// <summary>
/// A forward-sensitivity run: the simulation to differentiate (its parameters, output times, input switches, doses,
/// pre-equilibration, initial overrides and solver settings are used as they are) and the parameters to differentiate by.
/// </summary>
/// <param name="Simulation">The simulation; <see cref="SimulationRequest.OutputTimes"/> must be set.</param>
/// <param name="Parameters">Model parameter names (not inputs), at least one, no duplicates.</param>
public sealed record SensitivityRequest(SimulationRequest Simulation, IReadOnlyList<string> Parameters)
{
    /// <summary>
    /// Output names (states and observables, in the order given), or <see langword="null"/> for every state then every
    /// observable.
    /// </summary>
    public IReadOnlyList<string>? Outputs { get; init; }

    /// <summary>
    /// Parameters integrated together in one augmented system of dimension n·(1 + k). The solver's dense LU costs
    /// O((n·(1 + k))³) per factorisation, so small groups are cheapest; the state is integrated again for every group
    /// (default 1).
    /// </summary>
    public int ParametersPerRun { get; init; } = 1;

    /// <summary>Groups integrated in parallel (1: sequential).</summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;
}
