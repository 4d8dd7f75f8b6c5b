using OsteoOde.Numerics;
using OsteoOde.Testing;

namespace OsteoOde.Numerics.Tests;

/// <summary>Every registered explicit tableau proves its declared orders against the rooted-tree conditions.</summary>
public class ExplicitTableauTests
{
    private static readonly IReadOnlyList<RootedTree> Trees = RootedTree.UpToOrder(9);

    public static TheoryData<string> ExplicitMethodNames()
    {
        var data = new TheoryData<string>();
        foreach (var method in OdeMethodCatalog.Default.Methods)
        {
            if (method is ExplicitRungeKuttaMethod)
            {
                data.Add(method.Name);
            }
        }

        return data;
    }

    internal static ButcherTableau TableauOf(string name) => ((ExplicitRungeKuttaMethod)OdeMethodCatalog.Default.Get(name)).Tableau;

    [Fact]
    public void The_three_explicit_methods_are_registered_under_their_names()
    {
        var names = OdeMethodCatalog.Default.Methods.OfType<ExplicitRungeKuttaMethod>().Select(m => m.Name).ToArray();
        Assert.Equal(["dopri5", "tsit5", "dop853"], names);
    }

    [Fact]
    public void Tree_generator_counts_match_the_known_sequence()
    {
        // Number of rooted trees with n vertices (OEIS A000081).
        int[] expected = [1, 1, 2, 4, 9, 20, 48, 115, 286];
        for (var order = 1; order <= 9; order++)
        {
            Assert.Equal(expected[order - 1], Trees.Count(t => t.Order == order));
        }

        // Densities of the order-4 trees: [[[τ]]] 24, [[τ,τ]] 12, [τ,[τ]] 8, [τ,τ,τ] 4.
        Assert.Equal([4.0, 8.0, 12.0, 24.0], Trees.Where(t => t.Order == 4).Select(t => t.Density).Order().ToArray());
    }

    [Theory]
    [MemberData(nameof(ExplicitMethodNames))]
    public void Weights_sum_to_one_and_rows_sum_to_nodes(string name)
    {
        var tableau = TableauOf(name);
        Assert.Equal(1.0, tableau.B.Sum(), 14);
        Assert.Equal(1.0, tableau.BHat.Sum(), 14);
        for (var i = 0; i < tableau.A.Count; i++)
        {
            Assert.True(Math.Abs(tableau.A[i].Sum() - tableau.C[i]) <= 1e-14,
                $"{name}: row {i} sums to {tableau.A[i].Sum():R}, c = {tableau.C[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(ExplicitMethodNames))]
    public void Propagated_weights_satisfy_all_conditions_up_to_the_declared_order_and_not_beyond(string name)
    {
        var tableau = TableauOf(name);
        for (var order = 1; order <= tableau.Order; order++)
        {
            var (residual, tree) = OrderConditions.MaxResidual(Trees, tableau.A, tableau.B, order);
            Assert.True(residual < 1e-12, $"{name}: order-{order} condition for {tree} has relative residual {residual:E2}");
        }

        // The declared order is sharp: some condition of the next order fails clearly.
        var (next, _) = OrderConditions.MaxResidual(Trees, tableau.A, tableau.B, tableau.Order + 1);
        Assert.True(next > 1e-4, $"{name}: all order-{tableau.Order + 1} conditions hold to {next:E2}; the declared order is too low");
    }

    [Theory]
    [MemberData(nameof(ExplicitMethodNames))]
    public void Embedded_weights_satisfy_the_conditions_up_to_the_embedded_order(string name)
    {
        var tableau = TableauOf(name);
        for (var order = 1; order <= tableau.EmbeddedOrder; order++)
        {
            var (residual, tree) = OrderConditions.MaxResidual(Trees, tableau.A, tableau.BHat, order);
            Assert.True(residual < 1e-12, $"{name}: embedded order-{order} condition for {tree} has residual {residual:E2}");
        }

        var (next, _) = OrderConditions.MaxResidual(Trees, tableau.A, tableau.BHat, tableau.EmbeddedOrder + 1);
        Assert.True(next > 1e-4, $"{name}: the embedded weights satisfy order {tableau.EmbeddedOrder + 1} ({next:E2}); no error estimate");
        if (tableau.SecondaryBHat is { } secondary)
        {
            Assert.Equal(1.0, secondary.Sum(), 14);
            for (var order = 1; order <= tableau.SecondaryEmbeddedOrder; order++)
            {
                var (residual, tree) = OrderConditions.MaxResidual(Trees, tableau.A, secondary, order);
                Assert.True(residual < 1e-12, $"{name}: secondary order-{order} condition for {tree} has residual {residual:E2}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ExplicitMethodNames))]
    public void Continuous_extension_satisfies_the_conditions_up_to_its_order_and_ends_at_the_step(string name)
    {
        var tableau = TableauOf(name);
        for (var order = 1; order <= tableau.DenseOrder; order++)
        {
            var residual = OrderConditions.MaxDenseResidual(Trees, tableau.A, tableau.DenseCoefficients, order);
            Assert.True(residual < 1e-12, $"{name}: dense order-{order} conditions have residual {residual:E2}");
        }

        var beyond = OrderConditions.MaxDenseResidual(Trees, tableau.A, tableau.DenseCoefficients, tableau.DenseOrder + 1);
        Assert.True(beyond > 1e-4, $"{name}: dense output satisfies order {tableau.DenseOrder + 1} ({beyond:E2})");
        for (var i = 0; i < tableau.DenseCoefficients.Count; i++)
        {
            var atOne = tableau.DenseCoefficients[i].Sum();
            var b = i < tableau.Stages ? tableau.B[i] : 0.0;
            Assert.True(Math.Abs(atOne - b) < 1e-13, $"{name}: b_{i}(1) = {atOne:R} but b_{i} = {b:R}");
        }
    }

    [Fact]
    public void Dopri5_dense_weights_expand_to_the_published_polynomials()
    {
        // Hairer's nested form expanded here must agree with the monomial form of Shampine's weights, e.g. b1(θ) =
        // θ − 8048581381/2820520608 θ² + 8663915743/2820520608 θ³ − 12715105075/11282082432 θ⁴ (an independent transcription).
        var p = ButcherTableaus.Dopri5.DenseCoefficients;
        double[][] expected =
        [
            [1, -8048581381.0 / 2820520608, 8663915743.0 / 2820520608, -12715105075.0 / 11282082432],
            [0, 0, 0, 0],
            [0, 131558114200.0 / 32700410799, -68118460800.0 / 10900136933, 87487479700.0 / 32700410799],
            [0, -1754552775.0 / 470086768, 14199869525.0 / 1410260304, -10690763975.0 / 1880347072],
            [0, 127303824393.0 / 49829197408, -318862633887.0 / 49829197408, 701980252875.0 / 199316789632],
            [0, -282668133.0 / 205662961, 2019193451.0 / 616988883, -1453857185.0 / 822651844],
            [0, 40617522.0 / 29380423, -110615467.0 / 29380423, 69997945.0 / 29380423],
        ];
        for (var i = 0; i < 7; i++)
        {
            for (var k = 0; k < 4; k++)
            {
                Assert.True(Math.Abs(p[i][k] - expected[i][k]) <= 1e-14 * Math.Max(1, Math.Abs(expected[i][k])),
                    $"P[{i}][{k}] = {p[i][k]:R}, expected {expected[i][k]:R}");
            }
        }
    }

    [Theory]
    [InlineData("dopri5", 3.3065, 3.3067)]
    [InlineData("tsit5", 3.50, 3.60)]
    [InlineData("dop853", 6.3935, 6.3937)]
    public void Real_stability_boundary_matches_the_stability_polynomial(string name, double low, double high)
    {
        // Reference values from an independent exact-rational evaluation of R(z) = Σ z^k bᵀA^(k−1)1 (Python fractions):
        // dopri5 3.3065–3.3066, dop853 6.3936. tsit5 is only bracketed.
        var boundary = TableauOf(name).RealStabilityBoundary;
        Assert.InRange(boundary, low, high);
    }
}
