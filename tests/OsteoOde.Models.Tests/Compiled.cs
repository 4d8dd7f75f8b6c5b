using OsteoOde.Modeling;

namespace OsteoOde.Models.Tests;

/// <summary>Compiled published models (compiled once per test run) and small helpers around them.</summary>
internal static class Compiled
{
    private static readonly Lazy<CompiledModel> LemaireModel = new(() => CompiledModel.Compile(Lemaire2004.Model));
    private static readonly Lazy<CompiledModel> PivonkaModel = new(() => CompiledModel.Compile(Pivonka2008.Model));
    private static readonly Lazy<CompiledModel> ScheinerModel = new(() => CompiledModel.Compile(Scheiner2013.Model));
    private static readonly Lazy<CompiledModel> KomarovaModel = new(() => CompiledModel.Compile(Komarova2003.Model));

    public static CompiledModel Lemaire => LemaireModel.Value;

    public static CompiledModel Pivonka => PivonkaModel.Value;

    public static CompiledModel Scheiner => ScheinerModel.Value;

    public static CompiledModel Komarova => KomarovaModel.Value;

    public static CompiledModel For(string id) => id switch
    {
        Lemaire2004.Id => Lemaire,
        Pivonka2008.Id => Pivonka,
        Scheiner2013.Id => Scheiner,
        Komarova2003.Id => Komarova,
        _ => throw new ArgumentException(id, nameof(id)),
    };

    /// <summary>Name lookup into a parameter vector.</summary>
    public static Func<string, double> Lookup(CompiledModel m, double[] p) => name => p[m.ParameterVectorIndex(name)];

    public static double[] Rhs(CompiledModel m, double[] y, double[] p)
    {
        var d = new double[m.StateCount];
        m.Rhs(0, y, p, d);
        return d;
    }

    public static double[] Observables(CompiledModel m, double[] y, double[] p)
    {
        var o = new double[m.ObservableCount];
        m.Observables(0, y, p, o);
        return o;
    }

    /// <summary>A parameter vector with every tunable parameter drawn log-uniformly (linear-scale ones uniformly) within its bounds.</summary>
    public static double[] RandomParameters(CompiledModel m, Random rng)
    {
        var p = m.CreateParameterVector();
        for (var i = 0; i < m.Model.Parameters.Count; i++)
        {
            var q = m.Model.Parameters[i];
            if (!q.Tunable)
            {
                continue;
            }

            var u = rng.NextDouble();
            p[i] = q.Scale == ParameterScale.Log
                ? Math.Exp(Math.Log(q.LowerBound) + u * (Math.Log(q.UpperBound) - Math.Log(q.LowerBound)))
                : q.LowerBound + u * (q.UpperBound - q.LowerBound);
        }

        return p;
    }

    /// <summary>A random positive state: each default-state entry scaled by a log-uniform factor in [0.1, 10].</summary>
    public static double[] RandomState(CompiledModel m, double[] p, Random rng)
    {
        var y = m.CreateInitialState(p);
        for (var i = 0; i < y.Length; i++)
        {
            y[i] *= Math.Exp((rng.NextDouble() * 2 - 1) * Math.Log(10));
        }

        return y;
    }
}
