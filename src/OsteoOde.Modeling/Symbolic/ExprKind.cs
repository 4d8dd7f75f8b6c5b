namespace OsteoOde.Modeling;

/// <summary>
/// Node kinds of an <see cref="Expr"/>. Argument layout per kind is documented on each member; it mirrors MathML/SBML so that
/// importers and exporters can walk and build trees one-to-one.
/// </summary>
public enum ExprKind
{
    /// <summary>A number with a unit (<see cref="Expr.Value"/>, <see cref="Expr.Unit"/>); no arguments.</summary>
    Constant,

    /// <summary>A truth value (<see cref="Expr.Value"/> is 1 or 0); no arguments.</summary>
    Boolean,

    /// <summary>A named quantity (state, parameter, input or assignment; <see cref="Expr.Name"/>); no arguments.</summary>
    Symbol,

    /// <summary>The model time <c>t</c>; no arguments.</summary>
    Time,

    /// <summary><c>a + b</c>.</summary>
    Add,

    /// <summary><c>a − b</c>.</summary>
    Subtract,

    /// <summary><c>a · b</c>.</summary>
    Multiply,

    /// <summary><c>a / b</c>.</summary>
    Divide,

    /// <summary><c>−a</c>.</summary>
    Negate,

    /// <summary><c>a ^ b</c> (base, exponent).</summary>
    Power,

    /// <summary><c>exp(a)</c>.</summary>
    Exp,

    /// <summary>Natural logarithm <c>ln(a)</c>.</summary>
    Log,

    /// <summary><c>sqrt(a)</c>.</summary>
    Sqrt,

    /// <summary><c>|a|</c>.</summary>
    Abs,

    /// <summary><c>min(a, b)</c>.</summary>
    Min,

    /// <summary><c>max(a, b)</c>.</summary>
    Max,

    /// <summary>
    /// <c>piecewise(v1, c1, v2, c2, ..., otherwise)</c>: the value of the first case whose condition holds, else the last
    /// argument. Arguments alternate value, condition (SBML order) and end with the otherwise value (odd count).
    /// </summary>
    Piecewise,

    /// <summary><c>a &lt; b</c> (a condition).</summary>
    Less,

    /// <summary><c>a ≤ b</c> (a condition).</summary>
    LessOrEqual,

    /// <summary><c>a &gt; b</c> (a condition).</summary>
    Greater,

    /// <summary><c>a ≥ b</c> (a condition).</summary>
    GreaterOrEqual,

    /// <summary><c>a = b</c> (a condition).</summary>
    Equal,

    /// <summary><c>a ≠ b</c> (a condition).</summary>
    NotEqual,

    /// <summary>Logical and of two conditions.</summary>
    And,

    /// <summary>Logical or of two conditions.</summary>
    Or,

    /// <summary>Logical negation of a condition.</summary>
    Not,
}
