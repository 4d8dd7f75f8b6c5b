using OsteoOde.Numerics;

namespace OsteoOde.Numerics.Tests;

public class DenseLuTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(40)]
    public void RealSolveHasSmallResidual(int n)
    {
        var rng = new Random(n);
        var a = new double[n * n];
        for (var k = 0; k < a.Length; k++)
        {
            a[k] = rng.NextDouble() - 0.5;
        }

        var x = Enumerable.Range(0, n).Select(i => 1.0 + i).ToArray();
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                b[i] += a[(i * n) + j] * x[j];
            }
        }

        var lu = (double[])a.Clone();
        var piv = new int[n];
        Assert.Equal(-1, DenseLu.Factor(lu, n, piv));
        DenseLu.Solve(lu, n, piv, b);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(x[i], b[i], 1e-9 * n);
        }
    }

    [Fact]
    public void PivotingHandlesZeroLeadingEntry()
    {
        double[] a = [0, 1, 1, 0];
        var piv = new int[2];
        Assert.Equal(-1, DenseLu.Factor(a, 2, piv));
        double[] b = [2, 3];
        DenseLu.Solve(a, 2, piv, b);
        Assert.Equal(3, b[0], 15);
        Assert.Equal(2, b[1], 15);
    }

    [Fact]
    public void SingularMatrixIsReportedNotThrown()
    {
        double[] a = [1, 2, 3, 2, 4, 6, 1, 0, 1];
        var piv = new int[3];
        Assert.Equal(2, DenseLu.Factor(a, 3, piv));
        double[] nan = [double.NaN, 0, 0, 1];
        Assert.Equal(0, DenseLu.Factor(nan, 2, new int[2]));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(30)]
    public void ComplexSolveMatchesSystemDotNetComplex(int n)
    {
        var rng = new Random(100 + n);
        var re = new double[n * n];
        var im = new double[n * n];
        for (var k = 0; k < re.Length; k++)
        {
            re[k] = rng.NextDouble() - 0.5;
            im[k] = rng.NextDouble() - 0.5;
        }

        var x = Enumerable.Range(0, n).Select(i => new System.Numerics.Complex(i + 1, -0.5 * i)).ToArray();
        var bRe = new double[n];
        var bIm = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = System.Numerics.Complex.Zero;
            for (var j = 0; j < n; j++)
            {
                sum += new System.Numerics.Complex(re[(i * n) + j], im[(i * n) + j]) * x[j];
            }

            bRe[i] = sum.Real;
            bIm[i] = sum.Imaginary;
        }

        var piv = new int[n];
        Assert.Equal(-1, DenseLu.FactorComplex(re, im, n, piv));
        DenseLu.SolveComplex(re, im, n, piv, bRe, bIm);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(x[i].Real, bRe[i], 1e-9 * n);
            Assert.Equal(x[i].Imaginary, bIm[i], 1e-9 * n);
        }
    }

    [Fact]
    public void ComplexSingularIsReported()
    {
        double[] re = [1, 2, 2, 4];
        double[] im = [1, 0, 2, 0];
        Assert.Equal(1, DenseLu.FactorComplex(re, im, 2, new int[2]));
    }
}
