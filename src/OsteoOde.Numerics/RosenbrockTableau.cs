namespace OsteoOde.Numerics;

/// <summary>
/// Coefficients of a Rosenbrock method in the transformed form of Hairer &amp; Wanner (<i>Solving ODEs II</i>, §IV.7, eq. 7.25),
/// which avoids matrix–vector products with the Jacobian:
/// <code>
/// (I/(h·γ) − J) u_i = f(t0 + α_i h, y0 + Σ_{j&lt;i} a_ij u_j) + Σ_{j&lt;i} (c_ij / h) u_j + h d_i ∂f/∂t
/// y1 = y0 + Σ m_j u_j,     error estimate  y1 − ŷ1 = Σ e_j u_j
/// </code>
/// Dense output with <c>K_r = Σ_j H_rj u_j</c>: <c>y(t0 + θh) = (1−θ) y0 + θ (y1 + (1−θ)(K_1 + θ (K_2 + θ K_3 …)))</c>.
/// The original form follows from <c>Γ = (diag(1/γ) − C)⁻¹</c>, <c>α = a·Γ</c>, <c>b = m·Γ</c> (used by the order tests).
/// Adding a method is adding one of these records plus its test.
/// </summary>
public sealed class RosenbrockTableau
{
    private readonly double[] _a;
    private readonly double[] _c;
    private readonly double[] _alpha;
    private readonly double[] _d;
    private readonly double[] _m;
    private readonly double[] _e;
    private readonly double[] _dense;

    /// <summary>Creates a tableau and checks the array shapes.</summary>
    /// <param name="name">Method name.</param>
    /// <param name="stages">Number of stages s.</param>
    /// <param name="gamma">Diagonal coefficient γ.</param>
    /// <param name="a">Transformed a_ij, row-major s × s (only j &lt; i used).</param>
    /// <param name="c">Transformed c_ij, row-major s × s (only j &lt; i used).</param>
    /// <param name="alpha">Stage times α_i (length s).</param>
    /// <param name="d">Time-derivative coefficients d_i = γ_i = Σ_j γ_ij (length s).</param>
    /// <param name="m">Solution weights (length s).</param>
    /// <param name="e">Error weights, y1 − ŷ1 = Σ e_j u_j (length s).</param>
    /// <param name="order">Order of y1.</param>
    /// <param name="embeddedOrder">Order of ŷ1.</param>
    /// <param name="dense">Dense-output matrix H, row-major (rows × s), possibly empty.</param>
    /// <param name="denseOrder">Order of the dense output.</param>
    /// <param name="stifflyAccurate">Whether y1 equals the last stage's argument plus its increment (b_j = β_sj, α_s = 1).</param>
    /// <param name="reference">Citation of the coefficients.</param>
    /// <param name="toleranceScale">Factor applied to rtol and atol inside the error test (see <see cref="ToleranceScale"/>).</param>
    public RosenbrockTableau(string name, int stages, double gamma, double[] a, double[] c, double[] alpha, double[] d,
        double[] m, double[] e, int order, int embeddedOrder, double[] dense, int denseOrder, bool stifflyAccurate,
        string reference, double toleranceScale = 1.0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(alpha);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(dense);
        if (stages < 1)
        {
            throw new ArgumentException($"stages must be positive (got {stages}).", nameof(stages));
        }

        Check(a, stages * stages, nameof(a));
        Check(c, stages * stages, nameof(c));
        Check(alpha, stages, nameof(alpha));
        Check(d, stages, nameof(d));
        Check(m, stages, nameof(m));
        Check(e, stages, nameof(e));
        if (dense.Length % stages != 0)
        {
            throw new ArgumentException($"dense must hold whole rows of {stages} entries (got {dense.Length}).", nameof(dense));
        }

        if (!(toleranceScale > 0 && toleranceScale <= 1))
        {
            throw new ArgumentException("toleranceScale must lie in (0, 1].", nameof(toleranceScale));
        }

        if (!(gamma > 0))
        {
            throw new ArgumentException("gamma must be positive.", nameof(gamma));
        }

        Name = name;
        Stages = stages;
        Gamma = gamma;
        _a = (double[])a.Clone();
        _c = (double[])c.Clone();
        _alpha = (double[])alpha.Clone();
        _d = (double[])d.Clone();
        _m = (double[])m.Clone();
        _e = (double[])e.Clone();
        _dense = (double[])dense.Clone();
        Order = order;
        EmbeddedOrder = embeddedOrder;
        DenseRows = dense.Length / stages;
        DenseOrder = denseOrder;
        StifflyAccurate = stifflyAccurate;
        Reference = reference;
        ToleranceScale = toleranceScale;
    }

    /// <summary>Method name.</summary>
    public string Name { get; }

    /// <summary>Number of stages.</summary>
    public int Stages { get; }

    /// <summary>Diagonal coefficient γ.</summary>
    public double Gamma { get; }

    /// <summary>Transformed a_ij (row-major s × s).</summary>
    public IReadOnlyList<double> A => _a;

    /// <summary>Transformed c_ij (row-major s × s).</summary>
    public IReadOnlyList<double> C => _c;

    /// <summary>Stage times α_i.</summary>
    public IReadOnlyList<double> Alpha => _alpha;

    /// <summary>Time-derivative coefficients d_i.</summary>
    public IReadOnlyList<double> D => _d;

    /// <summary>Solution weights m_j.</summary>
    public IReadOnlyList<double> M => _m;

    /// <summary>Error weights e_j.</summary>
    public IReadOnlyList<double> E => _e;

    /// <summary>Dense-output matrix H (row-major, <see cref="DenseRows"/> × s).</summary>
    public IReadOnlyList<double> Dense => _dense;

    /// <summary>Number of dense-output vectors K_r.</summary>
    public int DenseRows { get; }

    /// <summary>Order of the solution.</summary>
    public int Order { get; }

    /// <summary>Order of the embedded solution.</summary>
    public int EmbeddedOrder { get; }

    /// <summary>Order of the dense output.</summary>
    public int DenseOrder { get; }

    /// <summary>Whether the method is stiffly accurate.</summary>
    public bool StifflyAccurate { get; }

    /// <summary>Citation of the coefficients.</summary>
    public string Reference { get; }

    /// <summary>
    /// Calibration of the error test: the local error is kept below <c>ToleranceScale · (atol + rtol·|y|)</c>, so that the
    /// global error, including the dense output between steps, stays within 10·rtol on the standard stiff test set
    /// (Robertson, Van der Pol, HIRES, OREGO at rtol 1e-6 … 1e-9). It moves the method along its work-precision curve,
    /// not off it.
    /// </summary>
    public double ToleranceScale { get; }

    internal double[] ARaw => _a;

    internal double[] CRaw => _c;

    internal double[] AlphaRaw => _alpha;

    internal double[] DRaw => _d;

    internal double[] MRaw => _m;

    internal double[] ERaw => _e;

    internal double[] DenseRaw => _dense;

    private static void Check(double[] values, int length, string name)
    {
        if (values.Length != length)
        {
            throw new ArgumentException($"{name} must have {length} entries (got {values.Length}).", name);
        }
    }
}
