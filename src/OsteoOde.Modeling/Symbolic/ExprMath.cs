namespace OsteoOde.Modeling;

/// <summary>
/// Scalar kernels shared by the interpreter, constant folding and compiled code, so all three round identically.
/// Powers with small constant integer or half-integer exponents use multiplications and square roots (faster and exact to
/// within one rounding per multiplication); everything else calls <see cref="Math.Pow"/>.
/// </summary>
public static class ExprMath
{
    /// <summary><c>x^y</c> as evaluated everywhere in OsteoOde when <paramref name="y"/> is a compile-time constant.</summary>
    /// <param name="x">Base.</param>
    /// <param name="y">Exponent.</param>
    /// <returns>The power.</returns>
    public static double Pow(double x, double y)
    {
        switch (ClassifyExponent(y))
        {
            case PowerForm.One: return x;
            case PowerForm.Square: return x * x;
            case PowerForm.Cube: return x * x * x;
            case PowerForm.Fourth: { var x2 = x * x; return x2 * x2; }
            case PowerForm.Reciprocal: return 1.0 / x;
            case PowerForm.ReciprocalSquare: return 1.0 / (x * x);
            case PowerForm.SquareRoot: return Math.Sqrt(x);
            case PowerForm.ReciprocalSquareRoot: return 1.0 / Math.Sqrt(x);
            case PowerForm.Zero: return 1.0;
            default: return Math.Pow(x, y);
        }
    }

    /// <summary>Power with an exponent only known at run time (always <see cref="Math.Pow"/>).</summary>
    /// <param name="x">Base.</param>
    /// <param name="y">Exponent.</param>
    /// <returns>The power.</returns>
    public static double PowGeneral(double x, double y) => Math.Pow(x, y);

    /// <summary>Minimum (NaN-propagating, as <see cref="Math.Min(double, double)"/>).</summary>
    /// <param name="a">First value.</param>
    /// <param name="b">Second value.</param>
    /// <returns>The smaller value.</returns>
    public static double Min(double a, double b) => Math.Min(a, b);

    /// <summary>Maximum (NaN-propagating, as <see cref="Math.Max(double, double)"/>).</summary>
    /// <param name="a">First value.</param>
    /// <param name="b">Second value.</param>
    /// <returns>The larger value.</returns>
    public static double Max(double a, double b) => Math.Max(a, b);

    internal enum PowerForm
    {
        General,
        Zero,
        One,
        Square,
        Cube,
        Fourth,
        Reciprocal,
        ReciprocalSquare,
        SquareRoot,
        ReciprocalSquareRoot,
    }

    internal static PowerForm ClassifyExponent(double y) => y switch
    {
        0 => PowerForm.Zero,
        1 => PowerForm.One,
        2 => PowerForm.Square,
        3 => PowerForm.Cube,
        4 => PowerForm.Fourth,
        -1 => PowerForm.Reciprocal,
        -2 => PowerForm.ReciprocalSquare,
        0.5 => PowerForm.SquareRoot,
        -0.5 => PowerForm.ReciprocalSquareRoot,
        _ => PowerForm.General,
    };
}
