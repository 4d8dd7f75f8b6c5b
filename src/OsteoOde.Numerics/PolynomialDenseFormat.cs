namespace OsteoOde.Numerics;

/// <summary>
/// Dense output of one step as a polynomial in θ = (t − t0)/h that hits both step ends exactly:
/// <c>y(θ) = (1 − θ) y0 + θ y1 + θ(1 − θ) Σ_m q_m θ^m</c>, stored as the blocks <c>[y0, y1, q_0, …, q_(d−2)]</c> of
/// <see cref="IOdeStepper.Dimension"/> doubles each (d = degree). At θ = 0 and θ = 1 the formula returns the stored end
/// states bit for bit, so step ends read from a <see cref="DenseSolution"/> equal the integrator's values.
/// Any polynomial continuous extension that ends on y1 can be written this way.
/// </summary>
public sealed class PolynomialDenseFormat : IDenseFormat
{
    private static readonly PolynomialDenseFormat[] Shared = CreateShared();

    private PolynomialDenseFormat(int degree) => Degree = degree;

    /// <summary>Degree of the polynomial in θ (at least 1).</summary>
    public int Degree { get; }

    /// <summary>The shared format of a given degree.</summary>
    /// <param name="degree">Polynomial degree, 1 to 16.</param>
    /// <returns>The format instance (one per degree, so formats compare by reference).</returns>
    public static PolynomialDenseFormat OfDegree(int degree)
    {
        if (degree < 1 || degree >= Shared.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(degree), degree, $"The degree must be in 1..{Shared.Length - 1}.");
        }

        return Shared[degree];
    }

    /// <inheritdoc/>
    public int CoefficientCount(int dimension) => (Degree + 1) * dimension;

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> coefficients, double tStart, double h, double t, Span<double> y)
    {
        var n = y.Length;
        if (coefficients.Length < CoefficientCount(n))
        {
            throw new ArgumentException($"Expected {CoefficientCount(n)} coefficients for dimension {n}.", nameof(coefficients));
        }

        var theta = h == 0 ? 0.0 : (t - tStart) / h;
        var oneMinus = 1.0 - theta;
        var inner = Degree - 1;
        for (var i = 0; i < n; i++)
        {
            var q = 0.0;
            for (var m = inner - 1; m >= 0; m--)
            {
                q = (q * theta) + coefficients[((2 + m) * n) + i];
            }

            y[i] = (oneMinus * coefficients[i]) + (theta * coefficients[n + i]) + (theta * oneMinus * q);
        }
    }

    private static PolynomialDenseFormat[] CreateShared()
    {
        var formats = new PolynomialDenseFormat[17];
        for (var d = 1; d < formats.Length; d++)
        {
            formats[d] = new PolynomialDenseFormat(d);
        }

        return formats;
    }
}
