using System.Xml.Linq;
using OsteoOde.Modeling;

namespace OsteoOde.Modeling.Tests;

public class MathMLRenderingTests
{
    [Fact]
    public void Names_follow_the_latex_convention_with_italic_letters_and_upright_words()
    {
        Assert.Equal("<mi>x</mi>", MathMLFormatter.Name("x"));
        Assert.Equal("<msub><mi>k</mi><mrow><mn>1</mn></mrow></msub>", MathMLFormatter.Name("k1"));
        Assert.Equal("<msub><mi>β</mi><mrow><mi mathvariant=\"normal\">PTH</mi></mrow></msub>", MathMLFormatter.Name("beta_PTH"));
        Assert.Equal("<msub><mi mathvariant=\"normal\">OPG</mi><mrow><mi mathvariant=\"normal\">max</mi></mrow></msub>", MathMLFormatter.Name("OPG_max"));
        Assert.Equal("<msub><mi>K</mi><mrow><mi mathvariant=\"normal\">D</mi><mo separator=\"true\">,</mo><mi mathvariant=\"normal\">RANKL</mi></mrow></msub>",
            MathMLFormatter.Name("K_D_RANKL"));
        Assert.Equal("<mrow><mn>1.5</mn><mo>×</mo><msup><mn>10</mn><mn>−7</mn></msup></mrow>", MathMLFormatter.Number(1.5e-7));
        Assert.Equal("<mrow><mo>−</mo><mn>0.25</mn></mrow>", MathMLFormatter.Number(-0.25));
        Assert.Equal("<msup><mn>10</mn><mn>6</mn></msup>", MathMLFormatter.Number(1e6));
    }

    [Fact]
    public void Expressions_become_fractions_powers_functions_and_parenthesised_groups()
    {
        var x = Expr.Symbol("x");
        var k = Expr.Symbol("k");
        var e = k * x / (1 + Expr.Pow(x, 2)) - Expr.Exp(-(k * Expr.Time));
        var markup = MathMLFormatter.Format(e);
        Assert.Equal(
            "<mrow><mfrac><mrow><mrow><mi>k</mi><mo>·</mo><mi>x</mi></mrow></mrow><mrow><mrow><mn>1</mn><mo>+</mo><msup><mi>x</mi><mrow><mn>2</mn></mrow></msup></mrow></mrow></mfrac>"
            + "<mo>−</mo><mrow><mi>exp</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mrow><mo>−</mo><mrow><mi>k</mi><mo>·</mo><mi>t</mi></mrow></mrow><mo>)</mo></mrow></mrow></mrow>",
            markup);
        // (a + b)·c keeps its parentheses; a·b + c has none.
        var grouped = MathMLFormatter.Format((k + x) * Expr.Symbol("c"));
        Assert.StartsWith("<mrow><mrow><mo>(</mo><mrow><mi>k</mi><mo>+</mo><mi>x</mi></mrow><mo>)</mo></mrow><mo>·</mo>", grouped);
        Assert.DoesNotContain("<mo>(</mo>", MathMLFormatter.Format(k * x + Expr.Symbol("c")));
        // Quantities carry their unit as text; comparisons are escaped for HTML.
        Assert.Contains("<mtext>pM</mtext>", MathMLFormatter.Format(Expr.Quantity(0.1, "pM")));
        Assert.Contains("<mo>&lt;</mo>", MathMLFormatter.Format(Expr.Piecewise((Expr.Less(x, k), x), k)));
    }

    [Fact]
    public void Model_equations_are_one_well_formed_math_element_per_assignment_and_state()
    {
        var model = RenderingTests.Tiny();
        var lines = ModelRenderer.EquationsMathML(model).TrimEnd('\n').Split('\n');
        Assert.Equal(model.Assignments.Count + model.States.Count, lines.Length);
        foreach (var line in lines)
        {
            var math = XElement.Parse(line.Replace("&#x2061;", "\u2061", StringComparison.Ordinal));
            Assert.Equal("math", math.Name.LocalName);
            Assert.Equal("true", (string?)math.Attribute("displaystyle"));
        }

        Assert.StartsWith("<math displaystyle=\"true\"><mrow><mi mathvariant=\"normal\">flux</mi><mo>=</mo>", lines[0]);
        Assert.StartsWith("<math displaystyle=\"true\"><mrow><mfrac><mrow><mi>d</mi>", lines[1]);
        Assert.EndsWith("<mo>=</mo><mrow><mi>u</mi><mo>−</mo><mi mathvariant=\"normal\">flux</mi></mrow></mrow></math>", lines[1]);
    }
}
