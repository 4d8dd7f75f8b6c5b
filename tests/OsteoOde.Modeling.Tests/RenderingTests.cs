using OsteoOde.Modeling;
using OsteoOde.Numerics;

namespace OsteoOde.Modeling.Tests;

public class RenderingTests
{
    internal static Model Tiny()
    {
        var b = new ModelBuilder("decay") { Title = "Decay" };
        var x = b.State("x", "pM", 1, "amount");
        var k = b.Parameter("k", 0.5, "1/day", "first-order loss | decay", new Citation("Test 2024", Doi: "10.1/x", Note: "rounded"), 0.01, 10);
        var kHalf = b.Parameter("K_half", 2e-5, "pM", "half-saturation", new Citation("Lab notes"), 1e-6, 1e-3, tunable: false);
        var u = b.Input("u", "pM/day", 0, "infusion");
        var flux = b.Observable("flux", k * x * Expr.Act(x, kHalf), "loss flux", "pM/day");
        b.AddRate(x, "infusion", u);
        b.AddRate(x, "loss", -flux);
        b.Event("low", x - Expr.Quantity(0.1, "pM"), EventDirection.Falling, [("x", Expr.Quantity(1, "pM"))], "refill");
        b.Dose("bolus", "x", 0.5, [2, 1]);
        return b.Build();
    }

    [Fact]
    public void EquationsAsMarkdown()
    {
        const string expected = """
            ### Assignments

            - `flux = k * x * x / (x + K_half)` [pM/day] (observable)

            ### Rates

            - `d(x)/dt = u - flux` [pM/day]

            ### Events

            - low: when `x - 0.1 [pM]` crosses 0 downwards: `x := 1 [pM]`

            ### Doses

            - bolus: `x += 0.5 [pM]` at t = 1, 2 day

            """;
        Assert.Equal(expected, ModelRenderer.EquationsMarkdown(Tiny()));
    }

    [Fact]
    public void EquationsAsLatex()
    {
        const string expected = """
            \begin{aligned}
            \mathrm{flux} &= k \cdot x \cdot \frac{x}{x + K_{\mathrm{half}}} \\
            \frac{d\,x}{dt} &= u - \mathrm{flux}
            \end{aligned}

            """;
        Assert.Equal(expected, ModelRenderer.EquationsLatex(Tiny()));
    }

    /// <summary>x' = −k·x·r with r from a two-step helper iteration (an internal group) and an observable declared inside the group.</summary>
    private static Model WithHelpers(bool grouped)
    {
        var b = new ModelBuilder("helpers");
        var x = b.State("x", "pM", 1, "amount");
        var k = b.Parameter("k", 0.5, "1/day", "loss", new Citation("Test"), 0.01, 10);
        var a = b.Parameter("a", 2, "1", "target square", new Citation("Test"), 1, 10);
        Expr r;
        IDisposable? scope = grouped ? b.InternalAssignments("sq", "square root of a by 2 Newton steps, see WithHelpers") : null;
        var r0 = b.Assign("sq_r0", 1.0, "start", "1");
        var r1 = b.Assign("sq_r1", 0.5 * (r0 + (a / r0)), "step 1", "1");
        b.Observable("sq_error", (r1 * r1) - a, "residual after step 1", "1");
        r = b.Assign("sq_r2", 0.5 * (r1 + (a / r1)), "step 2", "1");
        scope?.Dispose();
        var rate = b.Assign("rate", k * r, "effective rate", "1/day");
        b.AddRate(x, "loss", -(rate * x));
        return b.Build();
    }

    [Fact]
    public void InternalHelperGroupsRenderAsOneLineAndComputeAsBefore()
    {
        var grouped = WithHelpers(grouped: true);
        var plain = WithHelpers(grouped: false);
        const string expected = """
            ### Assignments

            - `sq_r0` … `sq_r2` (3 internal assignments): square root of a by 2 Newton steps, see WithHelpers
            - `sq_error = sq_r1 * sq_r1 - a` [1] (observable)
            - `rate = k * sq_r2` [1/day]

            ### Rates

            - `d(x)/dt = -rate * x` [pM/day]

            """;
        Assert.Equal(expected, ModelRenderer.EquationsMarkdown(grouped));
        Assert.Equal(ModelRenderer.EquationsMarkdown(plain), ModelRenderer.EquationsMarkdown(grouped, expandInternal: true));
        Assert.Contains("- `sq_r1 = 0.5 * (sq_r0 + a / sq_r0)` [1]", ModelRenderer.EquationsMarkdown(plain), StringComparison.Ordinal);

        const string latex = """
            \begin{aligned}
            \mathrm{sq}_{\mathrm{r0}}, \ldots, \mathrm{sq}_{\mathrm{r2}} &: \text{3 internal assignments: square root of a by 2 Newton steps, see WithHelpers} \\
            \mathrm{sq}_{\mathrm{error}} &= \mathrm{sq}_{\mathrm{r1}} \cdot \mathrm{sq}_{\mathrm{r1}} - a \\
            \mathrm{rate} &= k \cdot \mathrm{sq}_{\mathrm{r2}} \\
            \frac{d\,x}{dt} &= -\mathrm{rate} \cdot x
            \end{aligned}

            """;
        Assert.Equal(latex, ModelRenderer.EquationsLatex(grouped));

        // Grouping is documentation: the helpers compute as before and the content hash (which covers them) is unchanged.
        Assert.Equal(plain.ContentHash, grouped.ContentHash);
        Assert.Equal(new AssignmentGroup("sq", "square root of a by 2 Newton steps, see WithHelpers"), grouped.Assignment("sq_r1").Group);
        Assert.Null(grouped.Assignment("rate").Group);
        Assert.Equal(plain.ResolvedRate("x"), grouped.ResolvedRate("x"));
        var c = CompiledModel.Compile(grouped);
        var p = c.CreateParameterVector();
        var f = new double[1];
        c.Rhs(0, [1.0], p, f);
        Check.Close(-0.5 * (17.0 / 12), f[0], 1e-15, 0, "x' with r2 = 17/12");
    }

    [Fact]
    public void InternalGroupsNeedANameAndSummaryAndDoNotNest()
    {
        var b = new ModelBuilder("m");
        Assert.Contains("summary", Assert.Throws<ArgumentException>(() => b.InternalAssignments("g", " ")).Message, StringComparison.Ordinal);
        Assert.Contains("identifier", Assert.Throws<ArgumentException>(() => b.InternalAssignments("1g", "s")).Message, StringComparison.Ordinal);
        using (b.InternalAssignments("g", "s"))
        {
            var ex = Assert.Throws<InvalidOperationException>(() => b.InternalAssignments("h", "t"));
            Assert.Contains("inside group 'g'", ex.Message, StringComparison.Ordinal);
        }

        using (b.InternalAssignments("h", "t"))
        {
        }
    }

    [Fact]
    public void ParameterTableAsMarkdown()
    {
        const string expected = """
            | name | value | unit | description | source | bounds |
            |---|---|---|---|---|---|
            | k | 0.5 | 1/day | first-order loss \| decay | Test 2024, doi:10.1/x (rounded) | [0.01, 10] |
            | K_half | 2e-5 | pM | half-saturation | Lab notes | [1e-6, 0.001] |

            """;
        Assert.Equal(expected, ModelRenderer.ParameterTableMarkdown(Tiny()));
    }
}

public class EventsAndDosesTests
{
    [Fact]
    public void EventsAndDosesCompileToSolverActions()
    {
        var c = CompiledModel.Compile(RenderingTests.Tiny());
        var p = c.CreateParameterVector();
        var ev = Assert.Single(c.CreateOdeEvents(p));
        Assert.Equal("low", ev.Name);
        Assert.Equal(EventDirection.Falling, ev.Direction);
        Assert.False(ev.Terminal);
        Check.Close(0.4, ev.Condition(0, [0.5]), 1e-15);
        var y = new[] { 0.1 };
        ev.Action!(3, y);
        Assert.Equal(1.0, y[0]);

        var doses = c.CreateDoseActions(p);
        Assert.Equal([1.0, 2.0], doses.Select(d => d.Time));
        Assert.All(doses, d => Assert.Equal("bolus", d.Name));
        y[0] = 0.25;
        doses[0].Action(1, y);
        Assert.Equal(0.75, y[0]);
        Assert.Equal(0, c.Doses[0].StateIndex);

        // Triggers, actions and dose amounts allocate nothing when called.
        var trigger = ev.Condition;
        var action = ev.Action;
        var dose = doses[0].Action;
        trigger(0, y);
        action(0, y);
        dose(0, y);
        Assert.Equal(0, OsteoOde.Testing.AllocationProbe.LeastAllocated(() => () =>
        {
            for (var k = 0; k < 1000; k++)
            {
                trigger(0, y);
                action(0, y);
                dose(0, y);
            }
        }));
    }

    [Fact]
    public void EventAssignmentsUsePreEventValues()
    {
        var b = new ModelBuilder("swap");
        var a = b.State("a", "pM", 1, "first");
        var c = b.State("c", "pM", 2, "second");
        b.AddRate(a, "none", 0);
        b.AddRate(c, "none", 0);
        b.Event("swap", Expr.Time - Expr.Quantity(5, "day"), EventDirection.Rising, [("a", c), ("c", a)]);
        b.Event("mark", a - c, EventDirection.Both, []);
        var compiled = CompiledModel.Compile(b.Build());
        var y = new[] { 1.0, 2.0 };
        compiled.Events[0].Action!(5, y, []);
        Assert.Equal([2.0, 1.0], y);
        Assert.Null(compiled.Events[1].Action);
        Assert.Equal(-1.0, compiled.Events[1].Trigger(0, [1.0, 2.0], []));
    }

    [Fact]
    public void InitialExpressionsAreRecomputedFromTheParameterVector()
    {
        var b = new ModelBuilder("init");
        var x0 = b.Parameter("x0", 3, "pM", "initial amount", ModelValidationTests.Src, 0.1, 10);
        var u = b.Input("u", "pM/day", 0, "infusion");
        var x = b.State("x", "pM", 2 * x0 + u * Expr.Quantity(1, "day"), "amount");
        b.AddRate(x, "infusion", u);
        var c = CompiledModel.Compile(b.Build());
        var p = c.CreateParameterVector();
        Assert.Equal([6.0], c.CreateInitialState(p));
        p[c.ParameterVectorIndex("x0")] = 4;
        p[c.ParameterVectorIndex("u")] = 0.5;
        Assert.Equal([8.5], c.CreateInitialState(p));
        Assert.True(c.Model.State("x").InitialIsExpression);
    }

    [Fact]
    public void InterningIsThreadSafe()
    {
        var results = new Expr[64];
        Parallel.For(0, results.Length, i =>
        {
            var x = Expr.Symbol("conc_x");
            var y = Expr.Symbol("conc_y");
            results[i] = Expr.Exp(-x * y) / (1 + Expr.Pow(x, 2)) + Expr.Hill(x, y, 3);
        });
        Assert.All(results, r => Assert.Same(results[0], r));
    }
}
