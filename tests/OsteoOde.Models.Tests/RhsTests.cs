using OsteoOde.Modeling;

namespace OsteoOde.Models.Tests;

/// <summary>The compiled right-hand sides equal hand-written ones from the paper equations (random states and parameters).</summary>
public class RhsTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Ids => new(Published.Ids); // the lifetime model has its own tests (Aging/)

    [Theory]
    [MemberData(nameof(Ids))]
    public void CompiledRhsEqualsHandWrittenRhsAtRandomPoints(string id)
    {
        var m = Compiled.For(id);
        var rng = new Random(20040615 + id.Length);
        for (var k = 0; k < 300; k++)
        {
            var p = Compiled.RandomParameters(m, rng);
            for (var i = m.ParameterCount; i < m.ParameterVectorLength; i++)
            {
                p[i] = rng.NextDouble() < 0.5 ? 0 : Math.Exp(rng.NextDouble() * 12 - 6); // inputs off or on at 1e-3…1e3
            }

            double[] y;
            if (id == Komarova2003.Id)
            {
                // States drawn around the published scale; parameter draws with γ ≈ 0 (x̄ undefined) are redrawn.
                var (x1Bar, x2Bar) = HandWritten.KomarovaSteadyState(Compiled.Lookup(m, p));
                if (!double.IsFinite(x1Bar) || !double.IsFinite(x2Bar) || x1Bar > 1e6 || x2Bar > 1e6)
                {
                    k--;
                    continue;
                }

                y = [x1Bar * Math.Exp(rng.NextDouble() * 4 - 2), x2Bar * Math.Exp(rng.NextDouble() * 4 - 2), 50 + 100 * rng.NextDouble()];
            }
            else
            {
                y = Compiled.RandomState(m, p, rng);
            }

            var (expected, scale) = Reference(id, y, Compiled.Lookup(m, p));
            var actual = Compiled.Rhs(m, y, p);
            for (var i = 0; i < y.Length; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[i]) <= Tolerance * scale[i],
                    $"{id} d{m.StateNames[i]}/dt: compiled {actual[i]:R}, hand-written {expected[i]:R} (scale {scale[i]:R}) at y = [{string.Join(", ", y)}]");
            }
        }
    }

    [Fact]
    public void LemaireInputsEnterAsThePaperPrescribes()
    {
        // I_L multiplies the formation term by (1 + I_L/r_L); I_P saturates π_P towards 1; I_R, I_B, I_C add to the rates.
        var m = Compiled.Lemaire;
        var p = m.CreateParameterVector();
        var y = m.CreateInitialState(p);
        var base0 = Compiled.Observables(m, y, p);
        p[m.ParameterVectorIndex("I_L")] = 1e3; // = r_L → factor 2
        var withL = Compiled.Observables(m, y, p);
        Assert.Equal(2 * base0[m.ObservableIndex("pi_L")], withL[m.ObservableIndex("pi_L")], 1e-15);
        p[m.ParameterVectorIndex("I_L")] = 0;
        p[m.ParameterVectorIndex("I_P")] = 1e12;
        Assert.Equal(1, Compiled.Observables(m, y, p)[m.ObservableIndex("pi_P")], 1e-6);
        Assert.Equal(250.0 / 86 / 150, base0[m.ObservableIndex("pi_P")], 15); // π_P = P_0/P_s at baseline
    }

    [Fact]
    public void PivonkaObservablesEqualHandWrittenAlgebra()
    {
        foreach (var m in new[] { Compiled.Pivonka, Compiled.Scheiner })
        {
            var rng = new Random(7);
            for (var k = 0; k < 100; k++)
            {
                var p = Compiled.RandomParameters(m, rng);
                var y = Compiled.RandomState(m, p, rng);
                var expected = HandWritten.PivonkaObservables(y, Compiled.Lookup(m, p));
                var actual = Compiled.Observables(m, y, p);
                for (var i = 0; i < expected.Length; i++)
                {
                    Assert.Equal(expected[i], actual[i], 1e-12 * Math.Abs(expected[i]));
                }
            }
        }
    }

    [Fact]
    public void KomarovaKinksAreExactMaxTerms()
    {
        // Just below and just above x̄1 the resorption term switches from 0 to −k1·(x1 − x̄1): no smoothing.
        var m = Compiled.Komarova;
        var p = m.CreateParameterVector();
        var xBar = m.CreateInitialState(p);
        var below = Compiled.Rhs(m, [xBar[0] * (1 - 1e-9), xBar[1] * (1 - 1e-9), 100], p);
        Assert.Equal(0, below[2]);
        var above = Compiled.Rhs(m, [xBar[0] + 1, xBar[1], 100], p);
        Assert.Equal(-0.24, above[2], 1e-12);
        var both = Compiled.Rhs(m, [xBar[0] + 1, xBar[1] + 10, 100], p);
        Assert.Equal(-0.24 + 0.017, both[2], 1e-12);
        Assert.Contains(ExprKind.Max, Kinds(m.RhsExpressions[2]));
    }

    internal static (double[] Dydt, double[] Scale) Reference(string id, double[] y, Func<string, double> p) => id switch
    {
        Lemaire2004.Id => HandWritten.Lemaire(y, p),
        Pivonka2008.Id or Scheiner2013.Id => HandWritten.Pivonka(y, p),
        Komarova2003.Id => HandWritten.Komarova(y, p),
        _ => throw new ArgumentException(id, nameof(id)),
    };

    private static HashSet<ExprKind> Kinds(Expr e) => [.. e.PostOrder().Select(n => n.Kind)];
}
