namespace OsteoOde.Numerics;

/// <summary>
/// Immutable solver settings. Use <c>with</c> expressions to derive variants; nothing in the solver changes a caller's options.
/// Error control uses the weighted RMS norm of Hairer and Wanner: component <c>i</c> is scaled by
/// <c>atol_i + rtol · max(|y_i(t_n)|, |y_i(t_n+1)|)</c>.
/// </summary>
public sealed record OdeOptions
{
    /// <summary>Method name (see <see cref="OdeMethodCatalog"/>); <c>auto</c> switches between explicit and stiff methods.</summary>
    public string Method { get; init; } = "auto";

    /// <summary>Relative tolerance (&gt; 0, ≥ 1e-14 is enforced with a message).</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>Scalar absolute tolerance (&gt; 0), used unless <see cref="AbsoluteTolerances"/> is set.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-10;

    /// <summary>Per-component absolute tolerances (length = dimension), or <see langword="null"/> for the scalar one.</summary>
    public IReadOnlyList<double>? AbsoluteTolerances { get; init; }

    /// <summary>Maximum number of step attempts (accepted and rejected) before the result ends with <see cref="OdeStatus.MaxStepsReached"/>.</summary>
    public int MaxSteps { get; init; } = 500_000;

    /// <summary>Initial step size; 0 selects it automatically (Hairer–Wanner starting-step algorithm).</summary>
    public double InitialStep { get; init; }

    /// <summary>Largest allowed step size (positive infinity for no limit).</summary>
    public double MaxStep { get; init; } = double.PositiveInfinity;

    /// <summary>
    /// Indices of components that must stay non-negative. A step that would make one of them more negative than its absolute
    /// tolerance is rejected and retried with a smaller step; values are never clamped inside the right-hand side.
    /// </summary>
    public IReadOnlyList<int>? NonNegative { get; init; }

    /// <summary>
    /// Times at which the result reports the state (sorted, within [t0, tEnd]). <see langword="null"/> reports t0 and the end of
    /// every accepted step.
    /// </summary>
    public IReadOnlyList<double>? OutputTimes { get; init; }

    /// <summary>Keep a continuous interpolant over the whole interval in <see cref="OdeResult.Dense"/>.</summary>
    public bool DenseOutput { get; init; } = true;

    /// <summary>Absolute time tolerance of event location (0 selects 1e-12 · max(1, |t|)).</summary>
    public double EventTimeTolerance { get; init; }

    /// <summary>Absolute tolerance of component <paramref name="index"/>.</summary>
    /// <param name="index">Component index.</param>
    /// <returns>The per-component tolerance when given, else the scalar one.</returns>
    public double AbsoluteToleranceOf(int index) =>
        AbsoluteTolerances is null ? AbsoluteTolerance : AbsoluteTolerances[index];

    /// <summary>Checks the options against a problem size and throws <see cref="ArgumentException"/> naming the bad option.</summary>
    /// <param name="dimension">Problem dimension.</param>
    /// <param name="catalog">Catalog used to resolve <see cref="Method"/>.</param>
    public void Validate(int dimension, OdeMethodCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!double.IsFinite(RelativeTolerance) || RelativeTolerance <= 0)
        {
            throw new ArgumentException(
                $"RelativeTolerance must be a positive finite number (got {Format(RelativeTolerance)}).", nameof(RelativeTolerance));
        }

        if (RelativeTolerance < 1e-14)
        {
            throw new ArgumentException(
                $"RelativeTolerance {Format(RelativeTolerance)} is below what double precision can honour; use at least 1e-14.",
                nameof(RelativeTolerance));
        }

        if (!double.IsFinite(AbsoluteTolerance) || AbsoluteTolerance <= 0)
        {
            throw new ArgumentException(
                $"AbsoluteTolerance must be a positive finite number (got {Format(AbsoluteTolerance)}).", nameof(AbsoluteTolerance));
        }

        if (AbsoluteTolerances is not null)
        {
            if (AbsoluteTolerances.Count != dimension)
            {
                throw new ArgumentException(
                    $"AbsoluteTolerances has {AbsoluteTolerances.Count} entries but the problem has {dimension} components.",
                    nameof(AbsoluteTolerances));
            }

            for (var i = 0; i < dimension; i++)
            {
                if (!double.IsFinite(AbsoluteTolerances[i]) || AbsoluteTolerances[i] <= 0)
                {
                    throw new ArgumentException(
                        $"AbsoluteTolerances[{i}] must be a positive finite number (got {Format(AbsoluteTolerances[i])}).",
                        nameof(AbsoluteTolerances));
                }
            }
        }

        if (MaxSteps <= 0)
        {
            throw new ArgumentException($"MaxSteps must be positive (got {MaxSteps}).", nameof(MaxSteps));
        }

        if (!(InitialStep >= 0) || double.IsInfinity(InitialStep))
        {
            throw new ArgumentException(
                $"InitialStep must be 0 (automatic) or a positive finite step (got {Format(InitialStep)}).", nameof(InitialStep));
        }

        if (!(MaxStep > 0))
        {
            throw new ArgumentException($"MaxStep must be positive (got {Format(MaxStep)}).", nameof(MaxStep));
        }

        if (!(EventTimeTolerance >= 0) || double.IsInfinity(EventTimeTolerance))
        {
            throw new ArgumentException(
                $"EventTimeTolerance must be 0 (automatic) or a positive finite value (got {Format(EventTimeTolerance)}).",
                nameof(EventTimeTolerance));
        }

        if (NonNegative is not null)
        {
            foreach (var index in NonNegative)
            {
                if (index < 0 || index >= dimension)
                {
                    throw new ArgumentException(
                        $"NonNegative contains component index {index}, outside 0..{dimension - 1}.", nameof(NonNegative));
                }
            }
        }

        if (OutputTimes is not null)
        {
            for (var i = 0; i < OutputTimes.Count; i++)
            {
                if (!double.IsFinite(OutputTimes[i]))
                {
                    throw new ArgumentException($"OutputTimes[{i}] is not finite.", nameof(OutputTimes));
                }

                if (i > 0 && OutputTimes[i] < OutputTimes[i - 1])
                {
                    throw new ArgumentException(
                        $"OutputTimes must be sorted ascending (OutputTimes[{i}] = {Format(OutputTimes[i])} < {Format(OutputTimes[i - 1])}).",
                        nameof(OutputTimes));
                }
            }
        }

        if (!catalog.TryGet(Method, out _))
        {
            throw new ArgumentException(
                $"Unknown method '{Method}'. Valid methods: {string.Join(", ", catalog.Names)}.", nameof(Method));
        }
    }

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
