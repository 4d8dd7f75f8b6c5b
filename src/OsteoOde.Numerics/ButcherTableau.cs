using System.Collections.ObjectModel;

namespace OsteoOde.Numerics;

/// <summary>
/// Coefficients of an embedded explicit Runge–Kutta pair with a continuous extension: the data that drives the one generic
/// kernel in <see cref="ExplicitRungeKuttaStepper"/>. Stage <c>i</c> (0-based) is
/// <c>k_i = f(t + c_i h, y + h Σ_{j&lt;i} a_ij k_j)</c>; the step is <c>y1 = y + h Σ b_i k_i</c>; the error estimate is
/// <c>h Σ (b_i − b̂_i) k_i</c>; the dense output is <c>y(t + θh) = y + h Σ b_i(θ) k_i</c> with
/// <c>b_i(θ) = Σ_p P_i,p θ^(p+1)</c>. Stages after <see cref="Stages"/> (<see cref="ExtraStages"/>) are evaluated only when
/// the dense output of a step is needed. The constructor checks shapes, explicitness, the FSAL property and that the
/// continuous extension reproduces <c>y1</c> at θ = 1; order conditions are checked by the test suite.
/// </summary>
public sealed record ButcherTableau
{
    private readonly double[][] _a;
    private readonly double[] _b;
    private readonly double[] _bHat;
    private readonly double[]? _bHatSecondary;
    private readonly double[] _c;
    private readonly double[][] _dense;
    private readonly (int First, int Second)? _stiffnessStages;

    /// <summary>Creates and checks a tableau.</summary>
    /// <param name="name">Method name (lower case, as registered).</param>
    /// <param name="reference">Citation of the coefficients.</param>
    /// <param name="a">Strictly lower-triangular stage matrix as ragged rows: row <c>i</c> has <c>i</c> entries; one row per stage including extra stages.</param>
    /// <param name="b">Weights of the propagated solution (length <paramref name="stages"/>).</param>
    /// <param name="bHat">Weights of the embedded solution (length <paramref name="stages"/>).</param>
    /// <param name="c">Nodes (one per row of <paramref name="a"/>).</param>
    /// <param name="stages">Stages of a step (the FSAL stage included), not counting dense-output stages.</param>
    /// <param name="order">Order of the propagated solution.</param>
    /// <param name="embeddedOrder">Order of <paramref name="bHat"/>.</param>
    /// <param name="isFsal">The last stage is evaluated at (t + h, y1), so it is the first stage of the next step.</param>
    /// <param name="denseCoefficients">Per stage (all rows of <paramref name="a"/>), the coefficients of θ, θ², … of <c>b_i(θ)</c>.</param>
    /// <param name="denseOrder">Order of the continuous extension.</param>
    public ButcherTableau(string name, string reference, double[][] a, double[] b, double[] bHat, double[] c, int stages, int order,
        int embeddedOrder, bool isFsal, double[][] denseCoefficients, int denseOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(bHat);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(denseCoefficients);
        var total = a.Length;
        if (stages < 2 || stages > total)
        {
            throw new ArgumentException($"stages must be in 2..{total} (the rows of a); got {stages}.", nameof(stages));
        }

        for (var i = 0; i < total; i++)
        {
            if (a[i] is null || a[i].Length != i)
            {
                throw new ArgumentException($"Row {i} of a must have exactly {i} entries (explicit method).", nameof(a));
            }
        }

        if (b.Length != stages || bHat.Length != stages)
        {
            throw new ArgumentException($"b and bHat must have {stages} entries.", nameof(b));
        }

        if (c.Length != total)
        {
            throw new ArgumentException($"c must have one node per row of a ({total}).", nameof(c));
        }

        if (denseCoefficients.Length != total || denseCoefficients.Length == 0)
        {
            throw new ArgumentException($"denseCoefficients must have one row per stage ({total}).", nameof(denseCoefficients));
        }

        var degree = denseCoefficients[0].Length;
        foreach (var row in denseCoefficients)
        {
            if (row is null || row.Length != degree || degree < 1)
            {
                throw new ArgumentException("Every row of denseCoefficients must have the same positive length (the degree).", nameof(denseCoefficients));
            }
        }

        if (isFsal)
        {
            if (b[stages - 1] != 0.0 || c[stages - 1] != 1.0)
            {
                throw new ArgumentException("An FSAL tableau needs b_s = 0 and c_s = 1.", nameof(isFsal));
            }

            for (var j = 0; j < stages - 1; j++)
            {
                if (a[stages - 1][j] != b[j])
                {
                    throw new ArgumentException($"An FSAL tableau needs a[s-1][{j}] = b[{j}].", nameof(isFsal));
                }
            }
        }

        // The dense output must end on y1 (b_i(1) = b_i) so that the stored end points are exact.
        for (var i = 0; i < total; i++)
        {
            var atOne = 0.0;
            foreach (var p in denseCoefficients[i])
            {
                atOne += p;
            }

            var bi = i < stages ? b[i] : 0.0;
            if (Math.Abs(atOne - bi) > 1e-12 * Math.Max(1.0, Math.Abs(bi)) * degree * 10)
            {
                throw new ArgumentException($"b_{i}(1) = {atOne} differs from b_{i} = {bi}: the continuous extension must end at y1.", nameof(denseCoefficients));
            }
        }

        Name = name;
        Reference = reference;
        _a = CopyRagged(a);
        _b = (double[])b.Clone();
        _bHat = (double[])bHat.Clone();
        _c = (double[])c.Clone();
        _dense = CopyRagged(denseCoefficients);
        Stages = stages;
        Order = order;
        EmbeddedOrder = embeddedOrder;
        IsFsal = isFsal;
        DenseOrder = denseOrder;
        A = Array.AsReadOnly(Array.ConvertAll(_a, r => (IReadOnlyList<double>)Array.AsReadOnly(r)));
        B = Array.AsReadOnly(_b);
        BHat = Array.AsReadOnly(_bHat);
        C = Array.AsReadOnly(_c);
        DenseCoefficients = Array.AsReadOnly(Array.ConvertAll(_dense, r => (IReadOnlyList<double>)Array.AsReadOnly(r)));
        RealStabilityBoundary = ComputeRealStabilityBoundary(_a, _b, stages);
    }

    /// <summary>Method name.</summary>
    public string Name { get; }

    /// <summary>Citation of the coefficients.</summary>
    public string Reference { get; }

    /// <summary>Stage matrix as ragged rows (row <c>i</c> has <c>i</c> entries), including the dense-output stages.</summary>
    public IReadOnlyList<IReadOnlyList<double>> A { get; }

    /// <summary>Weights of the propagated solution.</summary>
    public IReadOnlyList<double> B { get; }

    /// <summary>Weights of the embedded solution.</summary>
    public IReadOnlyList<double> BHat { get; }

    /// <summary>Nodes, including the dense-output stages.</summary>
    public IReadOnlyList<double> C { get; }

    /// <summary>Stages per step (including an FSAL stage).</summary>
    public int Stages { get; }

    /// <summary>Stages evaluated only for dense output.</summary>
    public int ExtraStages => _a.Length - Stages;

    /// <summary>Order of the propagated solution.</summary>
    public int Order { get; }

    /// <summary>Order of the embedded solution <see cref="BHat"/>.</summary>
    public int EmbeddedOrder { get; }

    /// <summary>Whether the last stage is the first stage of the next step.</summary>
    public bool IsFsal { get; }

    /// <summary>Per stage, coefficients of θ, θ², … of the dense-output weight <c>b_i(θ)</c>.</summary>
    public IReadOnlyList<IReadOnlyList<double>> DenseCoefficients { get; }

    /// <summary>Degree of the dense-output polynomial in θ.</summary>
    public int DenseDegree => _dense[0].Length;

    /// <summary>Order of the continuous extension.</summary>
    public int DenseOrder { get; }

    /// <summary>
    /// Weights of a second, lower-order embedded solution, or <see langword="null"/>. When present, the error estimate combines
    /// both as in DOP853 (Hairer, Nørsett &amp; Wanner, §II.10): <c>err = e1² / sqrt(e1² + 0.01 e2²)</c>, where e1 uses
    /// <see cref="BHat"/> and e2 these weights.
    /// </summary>
    public IReadOnlyList<double>? SecondaryBHat
    {
        get => _bHatSecondary is null ? null : Array.AsReadOnly(_bHatSecondary);
        init
        {
            if (value is not null && value.Count != Stages)
            {
                throw new ArgumentException($"SecondaryBHat must have {Stages} entries.", nameof(SecondaryBHat));
            }

            _bHatSecondary = value is null ? null : [.. value];
        }
    }

    /// <summary>Order of <see cref="SecondaryBHat"/>.</summary>
    public int SecondaryEmbeddedOrder { get; init; }

    /// <summary>
    /// The power of h the scaled error estimate behaves like, used in the controller exponents:
    /// <c>min(p, p̂) + 1</c>, or for the combined estimate <c>2(p̂ + 1) − (p̂₂ + 1)</c>.
    /// </summary>
    public int ErrorEstimateOrder => _bHatSecondary is null
        ? Math.Min(Order, EmbeddedOrder) + 1
        : (2 * (EmbeddedOrder + 1)) - (SecondaryEmbeddedOrder + 1);

    /// <summary>
    /// Two stages evaluated at the same time (the second must be the FSAL stage) whose difference estimates the dominant
    /// eigenvalue for the stiffness indicator, or <see langword="null"/>.
    /// </summary>
    public (int First, int Second)? StiffnessStages
    {
        get => _stiffnessStages;
        init
        {
            if (value is { } pair && (!IsFsal || pair.Second != Stages - 1 || pair.First < 0 || pair.First >= pair.Second
                || _c[pair.First] != _c[pair.Second]))
            {
                throw new ArgumentException(
                    "StiffnessStages must name an earlier stage and the FSAL stage, both at the same node c.", nameof(StiffnessStages));
            }

            _stiffnessStages = value;
        }
    }

    /// <summary>Safety factor of the step-size controller.</summary>
    public double SafetyFactor { get; init; } = 0.9;

    /// <summary>Smallest step-size ratio the controller proposes.</summary>
    public double MinimumStepRatio { get; init; } = 0.2;

    /// <summary>Largest step-size ratio the controller proposes.</summary>
    public double MaximumStepRatio { get; init; } = 10.0;

    /// <summary>Exponent β of the PI controller (Gustafsson; Hairer, Nørsett &amp; Wanner eq. II.4.25).</summary>
    public double ControllerBeta { get; init; } = 0.04;

    /// <summary>
    /// Length of the real stability interval: |R(z)| ≤ 1 for z in [−boundary, 0], with R the stability polynomial of
    /// the propagated solution. Computed from the coefficients.
    /// </summary>
    public double RealStabilityBoundary { get; }

    internal double[][] RawA => _a;

    internal double[] RawB => _b;

    internal double[] RawBHat => _bHat;

    internal double[]? RawSecondaryBHat => _bHatSecondary;

    internal double[] RawC => _c;

    internal double[][] RawDense => _dense;

    private static double[][] CopyRagged(double[][] source)
    {
        var copy = new double[source.Length][];
        for (var i = 0; i < source.Length; i++)
        {
            copy[i] = (double[])source[i].Clone();
        }

        return copy;
    }

    // R(z) = 1 + Σ_k z^k bᵀ A^(k−1) 1 for an explicit method (a polynomial of degree s).
    private static double[] StabilityPolynomial(double[][] a, double[] b, int stages)
    {
        var coefficients = new double[stages + 1];
        coefficients[0] = 1.0;
        var v = new double[stages];
        Array.Fill(v, 1.0);
        for (var k = 1; k <= stages; k++)
        {
            var dot = 0.0;
            for (var i = 0; i < stages; i++)
            {
                dot += b[i] * v[i];
            }

            coefficients[k] = dot;
            var next = new double[stages];
            for (var i = 0; i < stages; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < i; j++)
                {
                    sum += a[i][j] * v[j];
                }

                next[i] = sum;
            }

            v = next;
        }

        return coefficients;
    }

    private static double ComputeRealStabilityBoundary(double[][] a, double[] b, int stages)
    {
        var r = StabilityPolynomial(a, b, stages);
        double Magnitude(double x)
        {
            var value = 0.0;
            for (var k = r.Length - 1; k >= 0; k--)
            {
                value = (value * -x) + r[k];
            }

            return Math.Abs(value);
        }

        const double step = 1e-3;
        var lo = 0.0;
        while (lo < 100 && Magnitude(lo + step) <= 1.0)
        {
            lo += step;
        }

        var hi = lo + step;
        for (var i = 0; i < 60; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Magnitude(mid) <= 1.0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
