using System.Globalization;
using OsteoOde.Modeling;

namespace OsteoOde.Modeling.Tests.Sbml;

/// <summary>Comparisons of two models: declarations (names, units as text, metadata, expressions) and compiled functions.</summary>
internal static class SbmlAssert
{
    /// <summary>Everything a model declares is the same: ids, units (equal and printed the same), provenance, expressions (the same DAG nodes).</summary>
    public static void SameDeclarations(Model expected, Model actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.UnitsChecked, actual.UnitsChecked);
        SameUnit(expected.TimeUnit, actual.TimeUnit, "time unit");
        Assert.Equal(expected.Sources, actual.Sources);
        Assert.Equal(expected.Modules.Select(m => (m.Name, m.Description, string.Join(",", m.DependsOn))),
            actual.Modules.Select(m => (m.Name, m.Description, string.Join(",", m.DependsOn))));

        Assert.Equal(expected.States.Select(s => s.Name), actual.States.Select(s => s.Name));
        foreach (var (e, a) in expected.States.Zip(actual.States))
        {
            SameUnit(e.Unit, a.Unit, e.Name);
            Assert.Same(e.Initial, a.Initial);
            Assert.Equal(e.InitialIsExpression, a.InitialIsExpression);
            Assert.Equal(e.Description, a.Description);
            Assert.Equal(e.NonNegative, a.NonNegative);
            Assert.Equal(e.Module, a.Module);
            SameTerms(e.RateTerms, a.RateTerms, e.EquationLabel);
        }

        Assert.Equal(expected.Parameters.Select(p => p.Name), actual.Parameters.Select(p => p.Name));
        foreach (var (e, a) in expected.Parameters.Zip(actual.Parameters))
        {
            Assert.Equal(e.Value, a.Value);
            SameUnit(e.Unit, a.Unit, e.Name);
            Assert.Equal(e.Description, a.Description);
            Assert.Equal(e.Source, a.Source);
            Assert.Equal(e.LowerBound, a.LowerBound);
            Assert.Equal(e.UpperBound, a.UpperBound);
            Assert.Equal(e.Tunable, a.Tunable);
            Assert.Equal(e.Scale, a.Scale);
            Assert.Equal(e.Module, a.Module);
        }

        Assert.Equal(expected.Inputs.Select(i => (i.Name, i.DefaultValue, i.Description, i.Module)),
            actual.Inputs.Select(i => (i.Name, i.DefaultValue, i.Description, i.Module)));
        foreach (var (e, a) in expected.Inputs.Zip(actual.Inputs))
        {
            SameUnit(e.Unit, a.Unit, e.Name);
        }

        Assert.Equal(expected.Assignments.Select(x => x.Name), actual.Assignments.Select(x => x.Name));
        foreach (var (e, a) in expected.Assignments.Zip(actual.Assignments))
        {
            Assert.Equal(e.AssignmentKind, a.AssignmentKind);
            Assert.Same(e.Expression, a.Expression);
            SameUnit(e.Unit, a.Unit, e.Name);
            Assert.Equal(e.UnitDeclared, a.UnitDeclared);
            Assert.Equal(e.Description, a.Description);
            Assert.Equal(e.IsObservable, a.IsObservable);
            Assert.Equal(e.IsTimeColumn, a.IsTimeColumn);
            Assert.Equal(e.Module, a.Module);
            SameTerms(e.Contributions, a.Contributions, e.Name);
        }

        Assert.Equal(expected.Events.Select(e => (e.Name, e.Direction, e.Terminal, e.Description, e.Module)),
            actual.Events.Select(e => (e.Name, e.Direction, e.Terminal, e.Description, e.Module)));
        foreach (var (e, a) in expected.Events.Zip(actual.Events))
        {
            Assert.Same(e.Trigger, a.Trigger);
            Assert.Equal(e.Assignments.Select(x => x.State), a.Assignments.Select(x => x.State));
            Assert.All(e.Assignments.Zip(a.Assignments), p => Assert.Same(p.First.Value, p.Second.Value));
        }

        Assert.Equal(expected.Doses.Select(d => (d.Name, d.State, d.Description, d.Module, string.Join(";", d.Times))),
            actual.Doses.Select(d => (d.Name, d.State, d.Description, d.Module, string.Join(";", d.Times))));
        Assert.All(expected.Doses.Zip(actual.Doses), p => Assert.Same(p.First.Amount, p.Second.Amount));

        // The model fingerprint covers everything that changes numbers or output columns, so the round trip must keep it.
        Assert.Equal(ModelFingerprint.CanonicalText(expected), ModelFingerprint.CanonicalText(actual));
        Assert.Equal(expected.ContentHash, actual.ContentHash);
    }

    /// <summary>
    /// Compiled right-hand side, Jacobian, observables, initial states, event triggers and dose amounts agree at random points
    /// (states and parameters scattered over two decades around their defaults, times in [0, 200]).
    /// </summary>
    public static void SameCompiled(Model expected, Model actual, int seed, double relativeTolerance = 1e-14, int samples = 25)
    {
        var ce = CompiledModel.Compile(expected);
        var ca = CompiledModel.Compile(actual);
        Assert.Equal(ce.StateNames, ca.StateNames);
        Assert.Equal(ce.ParameterVectorNames, ca.ParameterVectorNames);
        Assert.Equal(ce.ObservableNames, ca.ObservableNames);
        var p0 = ce.CreateParameterVector();
        Assert.Equal(p0, ca.CreateParameterVector());
        Close(ce.CreateInitialState(p0), ca.CreateInitialState(p0), relativeTolerance, "initial state");

        var rng = new Random(seed);
        double Scatter(double v) => (v == 0 ? 1e-3 : v) * Math.Exp(2 * (rng.NextDouble() - 0.5) * Math.Log(10));
        var y0 = ce.CreateInitialState(p0);
        for (var k = 0; k < samples; k++)
        {
            var p = p0.Select(Scatter).ToArray();
            var y = y0.Select(Scatter).ToArray();
            var t = 200 * rng.NextDouble();
            var where = string.Create(CultureInfo.InvariantCulture, $"sample {k} (t = {t:R})");
            Close(Evaluate(ce.Rhs, t, y, p, ce.StateCount), Evaluate(ca.Rhs, t, y, p, ca.StateCount), relativeTolerance, "rhs, " + where);
            Close(Evaluate(ce.Jacobian, t, y, p, ce.StateCount * ce.StateCount), Evaluate(ca.Jacobian, t, y, p, ca.StateCount * ca.StateCount),
                relativeTolerance, "jacobian, " + where);
            Close(Evaluate(ce.Observables, t, y, p, ce.ObservableCount), Evaluate(ca.Observables, t, y, p, ca.ObservableCount),
                relativeTolerance, "observables, " + where);
            Close(ce.Events.Select(e => e.Trigger(t, y, p)).ToArray(), ca.Events.Select(e => e.Trigger(t, y, p)).ToArray(),
                relativeTolerance, "event triggers, " + where);
            Close(ce.Doses.Select(d => d.Amount(p)).ToArray(), ca.Doses.Select(d => d.Amount(p)).ToArray(), relativeTolerance, "dose amounts, " + where);
            Close(ce.CreateInitialState(p), ca.CreateInitialState(p), relativeTolerance, "initial state, " + where);
        }
    }

    public static double[] Evaluate(ModelFunction f, double t, double[] y, double[] p, int length)
    {
        var output = new double[length];
        f(t, y, p, output);
        return output;
    }

    public static void Close(double[] expected, double[] actual, double relativeTolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Check.Close(expected[i], actual[i], relativeTolerance, 0, $"{what}, entry {i}");
        }
    }

    private static void SameUnit(Unit expected, Unit actual, string what)
    {
        Assert.True(expected.Equals(actual), $"{what}: unit {actual} differs from {expected}");
        Assert.Equal(expected.ToString(), actual.ToString());
    }

    private static void SameTerms(IReadOnlyList<RateTerm> expected, IReadOnlyList<RateTerm> actual, string what)
    {
        Assert.Equal(expected.Select(t => (t.Name, t.Module)), actual.Select(t => (t.Name, t.Module)));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(ReferenceEquals(expected[i].Expression, actual[i].Expression),
                $"{what}, term '{expected[i].Name}': '{actual[i].Expression}' differs from '{expected[i].Expression}'");
        }
    }
}
