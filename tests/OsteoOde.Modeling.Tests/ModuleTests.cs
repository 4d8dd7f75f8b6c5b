using OsteoOde.Modeling;
using OsteoOde.Modeling.Diagnostics;

namespace OsteoOde.Modeling.Tests;

public class ModuleTests
{
    private static readonly Citation Src = ModelValidationTests.Src;

    /// <summary>EV cargo: extra RANKL production (open sum) and miRNA suppression of OBu supply (open product).</summary>
    private static readonly ModelModule Ev = new("ev", "EV-borne RANKL and osteo-inhibitory miRNAs", b =>
    {
        var pEv = b.Parameter("P_RANKL_EV", 40, "pM/day", "EV-RANKL production", Src, 1, 100);
        var theta = b.Parameter("theta_OB", 0.02, "1", "miRNA suppression of OBu supply", Src, 1e-3, 0.1);
        b.AddToSum("RANKL_production_extra", "ev_rankl", pEv);
        b.MultiplyInto("D_OBu_factor", "ev_mirna", 1 - theta);
    });

    /// <summary>Senescent burden S with its own state, acting on another module's state (OCa) and on the RANKL open sum.</summary>
    private static readonly ModelModule Senescence = new("senescence", "senescent-cell burden", b =>
    {
        var s = b.State("S", "1", 0.2, "senescent burden (normalised)");
        var eta = b.Parameter("eta", 0.01, "1/day", "senescent cell production", Src, 1e-3, 0.1);
        var beta = b.Parameter("beta_S", 0.15, "1/day", "senescent cell removal", Src, 0.01, 1);
        var kS = b.Parameter("k_S", 1e-5, "pM/day", "SASP-driven osteoclast formation", Src, 1e-7, 1e-3);
        var lambda = b.Parameter("lambda_S", 5, "pM/day", "SASP RANKL production per unit burden", Src, 0.1, 50);
        b.AddRate(s, "production", eta);
        b.AddRate(s, "removal", -(beta * s));
        b.AddRate("OCa", "sasp_OC", kS * s);
        b.AddToSum("RANKL_production_extra", "sasp_rankl", lambda * s);
    });

    private static readonly ModelModule EvNeedsSenescence = new("ev2", "EVs from senescent cells", b =>
        b.AddToSum("D_OBu_factor_missing", "x", 1), ["senescence"]);

    private static ModelComposition Full => new ModelComposition(Pivonka2008TestModel.Base).With(Ev).With(Senescence);

    [Fact]
    public void ModulesSwitchedOffGiveExactlyTheBaseModel()
    {
        var baseModel = new ModelComposition(Pivonka2008TestModel.Base).Build();
        var off = Full.Disable("ev").Disable("senescence").Build();
        Assert.Empty(off.Modules);
        Assert.Equal(ModelRenderer.EquationsMarkdown(baseModel), ModelRenderer.EquationsMarkdown(off));
        Assert.Equal(ModelRenderer.ParameterTableMarkdown(baseModel), ModelRenderer.ParameterTableMarkdown(off));

        var a = CompiledModel.Compile(baseModel);
        var b = CompiledModel.Compile(off);
        Assert.Equal(a.ParameterVectorNames, b.ParameterVectorNames);
        for (var i = 0; i < a.StateCount; i++)
        {
            Assert.Same(a.RhsExpressions[i], b.RhsExpressions[i]); // hash-consing: the very same expression objects
        }

        var rng = new Random(77);
        for (var k = 0; k < 50; k++)
        {
            var (y, p) = CompilationTests.RandomPoint(rng);
            AssertBitIdentical(a.Rhs, b.Rhs, y, p, 3);
            AssertBitIdentical(a.Jacobian, b.Jacobian, y, p, 9);
            AssertBitIdentical(a.ParameterJacobian, b.ParameterJacobian, y, p, 3 * a.ParameterVectorLength);
            AssertBitIdentical(a.Observables, b.Observables, y, p, a.ObservableCount);
        }
    }

    [Fact]
    public void EmptyExtensionPointsVanishFromTheCompiledEquations()
    {
        var m = Pivonka2008TestModel.Build();
        Assert.Same(Expr.Zero, m.Resolve(Expr.Symbol("RANKL_production_extra")));
        Assert.Same(Expr.One, m.Resolve(Expr.Symbol("D_OBu_factor")));
        var rhs = CompiledModel.Compile(m).RhsExpressions;
        Assert.All(rhs, e => Assert.DoesNotContain("factor", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void OpenSumsAndProductsCollectModuleContributions()
    {
        var m = new ModelComposition(Pivonka2008TestModel.Base).With(Ev).Build();
        var sum = m.Assignment("RANKL_production_extra");
        Assert.Equal(AssignmentKind.OpenSum, sum.AssignmentKind);
        Assert.Equal([("ev_rankl", "ev")], sum.Contributions.Select(c => (c.Name, c.Module!)));
        Assert.Equal("P_RANKL_EV", sum.Expression.ToString());
        Assert.Equal("1 - theta_OB", m.Assignment("D_OBu_factor").Expression.ToString());
        Assert.Equal("ev", m.Parameter("P_RANKL_EV").Module);
        Assert.Null(m.Parameter("D_OBu").Module);
        Assert.Equal(["ev"], m.Modules.Select(x => x.Name));

        // Quantitatively: the module equals the hand-written model with P_RANKL += P_RANKL_EV and D_OBu *= (1 − theta_OB).
        var c = CompiledModel.Compile(m);
        var rng = new Random(3);
        var f = new double[3];
        var hand = new double[3];
        for (var k = 0; k < 100; k++)
        {
            var (y, pBase) = CompilationTests.RandomPoint(rng);
            var p = c.CreateParameterVector();
            foreach (var (name, i) in PivonkaHandWritten.ParameterNames.Select((n, i) => (n, i)))
            {
                p[c.ParameterVectorIndex(name)] = pBase[i];
            }

            p[c.ParameterVectorIndex("P_RANKL_EV")] = 100 * rng.NextDouble();
            p[c.ParameterVectorIndex("theta_OB")] = 0.1 * rng.NextDouble();
            var ph = (double[])pBase.Clone();
            ph[26] += p[c.ParameterVectorIndex("P_RANKL_EV")];
            ph[0] *= 1 - p[c.ParameterVectorIndex("theta_OB")];
            c.Rhs(0, y, p, f);
            PivonkaHandWritten.Rhs(0, y, ph, hand);
            var scale = CompilationTests.TermScales(c, y, p);
            for (var i = 0; i < 3; i++)
            {
                Check.Close(hand[i], f[i], 0, 1e-12 * scale[i], $"f[{i}], sample {k}");
            }
        }
    }

    [Fact]
    public void ModulesAddStatesAndTermsToOtherModulesRates()
    {
        var m = Full.Build();
        Assert.Equal(["OBp", "OBa", "OCa", "S"], m.States.Select(s => s.Name));
        Assert.Equal(["OCp_differentiation", "OCa_apoptosis", "sasp_OC"], m.State("OCa").RateTerms.Select(t => t.Name));
        Assert.Equal("senescence", m.State("OCa").RateTerms[2].Module);
        Assert.Equal([("ev_rankl", "ev"), ("sasp_rankl", "senescence")],
            m.Assignment("RANKL_production_extra").Contributions.Select(t => (t.Name, t.Module!)));

        var c = CompiledModel.Compile(m);
        var p = c.CreateParameterVector();
        var y = new[] { 7e-4, 6e-4, 9e-4, 0.7 };
        var f = new double[4];
        c.Rhs(0, y, p, f);
        var ph = PivonkaHandWritten.DefaultParameters();
        ph[26] += 40 + 5 * 0.7;   // P_RANKL_EV + lambda_S·S
        ph[0] *= 1 - 0.02;        // theta_OB
        var hand = new double[3];
        PivonkaHandWritten.Rhs(0, y[..3], ph, hand);
        Check.Close(hand[0], f[0], 1e-12, 0, "dOBp");
        Check.Close(hand[1], f[1], 1e-12, 0, "dOBa");
        Check.Close(hand[2] + 1e-5 * 0.7, f[2], 1e-12, 0, "dOCa");
        Check.Close(0.01 - 0.15 * 0.7, f[3], 1e-15, 0, "dS");
    }

    [Fact]
    public void ModulesApplyInDependencyOrderAndSwitchesAreChecked()
    {
        var deps = new ModelModule("ev2", "needs senescence", b =>
            b.AddToSum("RANKL_production_extra", "ev2", Expr.Symbol("lambda_S") * Expr.Symbol("S")), ["senescence"]);
        var comp = new ModelComposition(Pivonka2008TestModel.Base).With(deps).With(Senescence);
        Assert.Equal(["senescence", "ev2"], comp.ApplicationOrder().Select(x => x.Name));
        Assert.Equal(["senescence", "ev2"], comp.Build().Modules.Select(x => x.Name));

        var ex = Assert.Throws<ModelValidationException>(() => comp.Disable("senescence").Build());
        Assert.Equal("Module 'ev2' depends on 'senescence', which is switched off; switch 'senescence' on or 'ev2' off.", Assert.Single(ex.Problems));
        Assert.Throws<ArgumentException>(() => comp.With(Senescence));

        var typo = Assert.Throws<ArgumentException>(() => comp.Enable("senescense"));
        Assert.Contains("Unknown module 'senescense'. Did you mean: senescence?", typo.Message, StringComparison.Ordinal);

        var missing = new ModelComposition(Pivonka2008TestModel.Base).With(new ModelModule("x", "", _ => { }, ["senescense"]));
        Assert.Equal("Module 'x' depends on 'senescense', which is not part of the composition.",
            Assert.Single(Assert.Throws<ModelValidationException>(missing.Build).Problems));

        var cyclic = new ModelComposition(Pivonka2008TestModel.Base)
            .With(new ModelModule("a", "", _ => { }, ["b"]))
            .With(new ModelModule("b", "", _ => { }, ["a"]));
        Assert.Equal("Module dependencies form a cycle: a -> b -> a.", Assert.Single(Assert.Throws<ModelValidationException>(cyclic.Build).Problems));
    }

    [Fact]
    public void ErrorsInsideAModuleNameTheModule()
    {
        var bad = new ModelModule("bad", "declares a bad unit", b => b.Parameter("q", 1, "furlongs", "d", Src, 0.1, 10));
        var ex = Assert.Throws<ModelException>(() => new ModelComposition(Pivonka2008TestModel.Base).With(bad).Build());
        Assert.StartsWith("Module 'bad' failed while declaring its quantities: Cannot read unit 'furlongs'", ex.Message, StringComparison.Ordinal);

        var wrongTarget = new ModelComposition(Pivonka2008TestModel.Base).With(EvNeedsSenescence).With(Senescence);
        var problems = Assert.Throws<ModelValidationException>(wrongTarget.Build).Problems;
        Assert.Equal("AddToSum term 'x' (module 'ev2') contributes to 'D_OBu_factor_missing', which is not declared. Valid names: RANKL_production_extra.",
            Assert.Single(problems));
    }

    private static void AssertBitIdentical(ModelFunction f, ModelFunction g, double[] y, double[] p, int length)
    {
        var a = new double[length];
        var b = new double[length];
        f(0.5, y, p, a);
        g(0.5, y, p, b);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(a[i]), BitConverter.DoubleToInt64Bits(b[i]));
        }
    }
}
