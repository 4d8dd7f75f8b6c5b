using System.Text.Json;
using OsteoOde.Numerics;

namespace OsteoOde.Benchmarks;

/// <summary>
/// One of the standard stiff test problems (Test Set for IVP Solvers, Mazzia &amp; Magherini, rel. 2.4; Hairer &amp; Wanner,
/// <i>Solving ODEs II</i>) with its analytic Jacobian and reference data: the published value at the final time and a reference
/// grid of about 20 times. The error metric and tolerance convention are those of the data README: scalar rtol,
/// <c>atol_i = rtol · floor</c>, error <c>max_i |y_i − yref_i| / max(|yref_i|, floor)</c>.
/// </summary>
public sealed class StiffTestProblem
{
    private readonly double[] _y0;
    private readonly double[] _final;
    private readonly double[] _gridTimes;
    private readonly double[][] _gridStates;

    private StiffTestProblem(string name, string title, double t0, double tEnd, double[] y0, double floor, double[] final,
        string finalSource, double[] gridTimes, double[][] gridStates, OdeFunction rhs, OdeJacobian jacobian,
        IReadOnlyList<string> stateNames)
    {
        Name = name;
        Title = title;
        T0 = t0;
        TEnd = tEnd;
        _y0 = y0;
        Floor = floor;
        _final = final;
        FinalSource = finalSource;
        _gridTimes = gridTimes;
        _gridStates = gridStates;
        Rhs = rhs;
        Jacobian = jacobian;
        StateNames = stateNames;
    }

    /// <summary>Short name (<c>rober</c>, <c>vdpol</c>, <c>hires</c>, <c>orego</c>).</summary>
    public string Name { get; }

    /// <summary>Descriptive title.</summary>
    public string Title { get; }

    /// <summary>Number of components.</summary>
    public int Dimension => _y0.Length;

    /// <summary>Initial time.</summary>
    public double T0 { get; }

    /// <summary>Final time.</summary>
    public double TEnd { get; }

    /// <summary>Initial state.</summary>
    public IReadOnlyList<double> Y0 => _y0;

    /// <summary>Magnitude floor of the error metric and of the absolute tolerance (atol = rtol · floor).</summary>
    public double Floor { get; }

    /// <summary>Published reference solution at <see cref="TEnd"/>.</summary>
    public IReadOnlyList<double> ReferenceFinal => _final;

    /// <summary>Source of <see cref="ReferenceFinal"/>.</summary>
    public string FinalSource { get; }

    /// <summary>Times of the reference grid (ascending, the last one is <see cref="TEnd"/>).</summary>
    public IReadOnlyList<double> GridTimes => _gridTimes;

    /// <summary>Reference state at grid time <paramref name="index"/>.</summary>
    /// <param name="index">Index into <see cref="GridTimes"/>.</param>
    /// <returns>The reference state.</returns>
    public IReadOnlyList<double> GridState(int index) => _gridStates[index];

    /// <summary>Right-hand side.</summary>
    public OdeFunction Rhs { get; }

    /// <summary>Analytic Jacobian.</summary>
    public OdeJacobian Jacobian { get; }

    /// <summary>Component names.</summary>
    public IReadOnlyList<string> StateNames { get; }

    /// <summary>Robertson's chemical kinetics, t ∈ [0, 1e11].</summary>
    public static StiffTestProblem Rober { get; } = Load("rober", RoberRhs, RoberJacobian, ["y1", "y2", "y3"]);

    /// <summary>Van der Pol oscillator, ε = 1e-6, t ∈ [0, 2].</summary>
    public static StiffTestProblem Vdpol { get; } = Load("vdpol", VdpolRhs, VdpolJacobian, ["y1", "y2"]);

    /// <summary>HIRES (plant physiology, 8 components), t ∈ [0, 321.8122].</summary>
    public static StiffTestProblem Hires { get; } =
        Load("hires", HiresRhs, HiresJacobian, ["y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8"]);

    /// <summary>OREGO (Oregonator, Belousov–Zhabotinskii), t ∈ [0, 360].</summary>
    public static StiffTestProblem Orego { get; } = Load("orego", OregoRhs, OregoJacobian, ["y1", "y2", "y3"]);

    /// <summary>All four problems in the order rober, vdpol, hires, orego.</summary>
    public static IReadOnlyList<StiffTestProblem> All { get; } = [Rober, Vdpol, Hires, Orego];

    /// <summary>Looks a problem up by name (case-insensitive).</summary>
    /// <param name="name">Problem name.</param>
    /// <returns>The problem.</returns>
    public static StiffTestProblem Get(string name)
    {
        foreach (var p in All)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        throw new ArgumentException(
            $"Unknown test problem '{name}'. Valid problems: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));
    }

    /// <summary>The problem as an autonomous <see cref="OdeProblem"/>, with or without its analytic Jacobian.</summary>
    /// <param name="analyticJacobian">Attach the analytic Jacobian (else the solver uses finite differences).</param>
    /// <returns>The initial value problem.</returns>
    public OdeProblem CreateProblem(bool analyticJacobian = true) =>
        new(Rhs, T0, _y0, TEnd, analyticJacobian ? Jacobian : null, StateNames) { IsAutonomous = true };

    /// <summary>Solver options following the data README's convention: rtol, atol = rtol · floor.</summary>
    /// <param name="method">Method name.</param>
    /// <param name="relativeTolerance">rtol.</param>
    /// <returns>Options (dense output off; output at the final time only).</returns>
    public OdeOptions CreateOptions(string method, double relativeTolerance) => new()
    {
        Method = method,
        RelativeTolerance = relativeTolerance,
        AbsoluteTolerance = relativeTolerance * Floor,
        DenseOutput = false,
        OutputTimes = [TEnd],
    };

    /// <summary>The README error metric <c>max_i |y_i − yref_i| / max(|yref_i|, floor)</c>.</summary>
    /// <param name="y">Computed state.</param>
    /// <param name="reference">Reference state.</param>
    /// <returns>The error.</returns>
    public double Error(ReadOnlySpan<double> y, IReadOnlyList<double> reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var max = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var e = Math.Abs(y[i] - reference[i]) / Math.Max(Math.Abs(reference[i]), Floor);
            max = double.IsNaN(e) ? double.PositiveInfinity : Math.Max(max, e);
        }

        return max;
    }

    /// <summary>Error of a state at the final time against the published reference value.</summary>
    /// <param name="y">Computed state at <see cref="TEnd"/>.</param>
    /// <returns>The error.</returns>
    public double FinalError(ReadOnlySpan<double> y) => Error(y, _final);

    private static StiffTestProblem Load(string name, OdeFunction rhs, OdeJacobian jacobian, IReadOnlyList<string> names)
    {
        var resource = $"OsteoOde.Benchmarks.ivp.{name}.json";
        using var stream = typeof(StiffTestProblem).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded reference data {resource} is missing.");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        static double[] Vector(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];
        var grid = root.GetProperty("grid");
        var final = root.GetProperty("final");
        return new StiffTestProblem(
            name,
            root.GetProperty("title").GetString() ?? name,
            root.GetProperty("t0").GetDouble(),
            root.GetProperty("tf").GetDouble(),
            Vector(root.GetProperty("y0")),
            root.GetProperty("floor").GetDouble(),
            Vector(final.GetProperty("y")),
            final.GetProperty("source").GetString() ?? string.Empty,
            Vector(grid.GetProperty("t")),
            [.. grid.GetProperty("y").EnumerateArray().Select(Vector)],
            rhs,
            jacobian,
            names);
    }

    private static void RoberRhs(double t, double[] y, double[] f)
    {
        var y1 = y[0];
        var y2 = y[1];
        var y3 = y[2];
        var r2 = 1e4 * y2 * y3;
        var r3 = 3e7 * y2 * y2;
        f[0] = (-0.04 * y1) + r2;
        f[1] = (0.04 * y1) - r2 - r3;
        f[2] = r3;
    }

    private static void RoberJacobian(double t, double[] y, double[] j)
    {
        var y2 = y[1];
        var y3 = y[2];
        j[0] = -0.04;
        j[1] = 1e4 * y3;
        j[2] = 1e4 * y2;
        j[3] = 0.04;
        j[4] = (-1e4 * y3) - (6e7 * y2);
        j[5] = -1e4 * y2;
        j[6] = 0.0;
        j[7] = 6e7 * y2;
        j[8] = 0.0;
    }

    private const double VdpolInverseEpsilon = 1e6;

    private static void VdpolRhs(double t, double[] y, double[] f)
    {
        var y1 = y[0];
        var y2 = y[1];
        f[0] = y2;
        f[1] = (((1.0 - (y1 * y1)) * y2) - y1) * VdpolInverseEpsilon;
    }

    private static void VdpolJacobian(double t, double[] y, double[] j)
    {
        var y1 = y[0];
        var y2 = y[1];
        j[0] = 0.0;
        j[1] = 1.0;
        j[2] = ((-2.0 * y1 * y2) - 1.0) * VdpolInverseEpsilon;
        j[3] = (1.0 - (y1 * y1)) * VdpolInverseEpsilon;
    }

    private static void HiresRhs(double t, double[] y, double[] f)
    {
        var r = 280.0 * y[5] * y[7];
        f[0] = (-1.71 * y[0]) + (0.43 * y[1]) + (8.32 * y[2]) + 0.0007;
        f[1] = (1.71 * y[0]) - (8.75 * y[1]);
        f[2] = (-10.03 * y[2]) + (0.43 * y[3]) + (0.035 * y[4]);
        f[3] = (8.32 * y[1]) + (1.71 * y[2]) - (1.12 * y[3]);
        f[4] = (-1.745 * y[4]) + (0.43 * y[5]) + (0.43 * y[6]);
        f[5] = -r + (0.69 * y[3]) + (1.71 * y[4]) - (0.43 * y[5]) + (0.69 * y[6]);
        f[6] = r - (1.81 * y[6]);
        f[7] = -r + (1.81 * y[6]);
    }

    private static void HiresJacobian(double t, double[] y, double[] j)
    {
        Array.Clear(j, 0, 64);
        j[0] = -1.71;
        j[1] = 0.43;
        j[2] = 8.32;
        j[8] = 1.71;
        j[9] = -8.75;
        j[18] = -10.03;
        j[19] = 0.43;
        j[20] = 0.035;
        j[25] = 8.32;
        j[26] = 1.71;
        j[27] = -1.12;
        j[36] = -1.745;
        j[37] = 0.43;
        j[38] = 0.43;
        j[43] = 0.69;
        j[44] = 1.71;
        j[45] = -0.43 - (280.0 * y[7]);
        j[46] = 0.69;
        j[47] = -280.0 * y[5];
        j[53] = 280.0 * y[7];
        j[54] = -1.81;
        j[55] = 280.0 * y[5];
        j[61] = -280.0 * y[7];
        j[62] = 1.81;
        j[63] = -280.0 * y[5];
    }

    private static void OregoRhs(double t, double[] y, double[] f)
    {
        var y1 = y[0];
        var y2 = y[1];
        var y3 = y[2];
        f[0] = 77.27 * (y2 + (y1 * (1.0 - (8.375e-6 * y1) - y2)));
        f[1] = (y3 - ((1.0 + y1) * y2)) / 77.27;
        f[2] = 0.161 * (y1 - y3);
    }

    private static void OregoJacobian(double t, double[] y, double[] j)
    {
        var y1 = y[0];
        var y2 = y[1];
        j[0] = 77.27 * (1.0 - (2.0 * 8.375e-6 * y1) - y2);
        j[1] = 77.27 * (1.0 - y1);
        j[2] = 0.0;
        j[3] = -y2 / 77.27;
        j[4] = -(1.0 + y1) / 77.27;
        j[5] = 1.0 / 77.27;
        j[6] = 0.161;
        j[7] = 0.0;
        j[8] = -0.161;
    }
}
