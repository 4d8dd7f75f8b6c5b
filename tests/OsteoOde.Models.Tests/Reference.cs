using OsteoOde.Modeling;
using OsteoOde.Numerics;

namespace OsteoOde.Models.Tests;

/// <summary>
/// Independent reference trajectories: the hand-written RHS of <see cref="HandWritten"/> integrated with the classical
/// fixed-step Runge–Kutta method (steps land on every input switch), and the tight-tolerance runs of the simulation API.
/// </summary>
internal static class Reference
{
    /// <summary>Tight solver settings for the scenario runs under test.</summary>
    public static OdeOptions Tight { get; } = new() { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-16 };

    /// <summary>Runs a catalog scenario through the simulation API (tight tolerances) and requires success.</summary>
    public static SimulationResult Run(Scenario scenario, OdeOptions? options = null)
    {
        var result = Simulation.Run(scenario.CreateRequest(options ?? Tight));
        Assert.True(result.IsSuccess, $"{scenario.ModelId}/{scenario.Name}: {result.Status} {result.Message}");
        return result;
    }

    /// <summary>
    /// The scenario integrated with RK4 on the hand-written RHS; returns the state at each requested time (which must lie on
    /// the step grid). Inputs are taken at each step's midpoint, so a step never straddles a switch as long as switch times are
    /// multiples of <paramref name="h"/>.
    /// </summary>
    public static Dictionary<double, double[]> Rk4(Scenario scenario, double h, params double[] times)
    {
        var m = Compiled.For(scenario.ModelId);
        var baseP = scenario.CreateParameters(m.Model).ToVector();
        var y = m.CreateInitialState(baseP);
        foreach (var (name, value) in scenario.InitialState)
        {
            y[m.StateIndex(name)] = value;
        }

        var p = (double[])baseP.Clone();
        var lookup = Compiled.Lookup(m, p);
        double[] F(double[] state) => RhsTests.Reference(scenario.ModelId, state, lookup).Dydt;

        var wanted = new SortedSet<double>(times);
        var output = new Dictionary<double, double[]>();
        if (wanted.Contains(0))
        {
            output[0] = (double[])y.Clone();
        }

        var steps = (long)Math.Round(wanted.Max / h);
        var n = y.Length;
        var tmp = new double[n];
        for (long k = 0; k < steps; k++)
        {
            var t = k * h;
            var mid = t + h / 2;
            Array.Copy(baseP, p, baseP.Length);
            foreach (var w in scenario.Inputs)
            {
                if (w.IsActiveAt(mid))
                {
                    p[m.ParameterVectorIndex(w.Input)] = w.Value;
                }
            }

            var k1 = F(y);
            for (var i = 0; i < n; i++) tmp[i] = y[i] + h / 2 * k1[i];
            var k2 = F(tmp);
            for (var i = 0; i < n; i++) tmp[i] = y[i] + h / 2 * k2[i];
            var k3 = F(tmp);
            for (var i = 0; i < n; i++) tmp[i] = y[i] + h * k3[i];
            var k4 = F(tmp);
            for (var i = 0; i < n; i++) y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);

            var tNext = (k + 1) * h;
            foreach (var w in wanted.Where(w => Math.Abs(w - tNext) < h / 4))
            {
                output[w] = (double[])y.Clone();
            }
        }

        return output;
    }

    /// <summary>Value of a column at an exact output time of the scenario grid.</summary>
    public static double At(SimulationResult r, string column, double t)
    {
        var i = IndexOf(r, t);
        return r[column][i];
    }

    public static int IndexOf(SimulationResult r, double t)
    {
        for (var i = 0; i < r.Times.Count; i++)
        {
            if (Math.Abs(r.Times[i] - t) < 1e-9)
            {
                return i;
            }
        }

        throw new ArgumentException($"t = {t} is not an output time", nameof(t));
    }
}
