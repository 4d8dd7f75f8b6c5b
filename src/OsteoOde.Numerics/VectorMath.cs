using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OsteoOde.Numerics;

/// <summary>Small allocation-free vector kernels for the steppers.</summary>
internal static class VectorMath
{
    /// <summary><c>y += a · x</c>.</summary>
    /// <param name="y">Accumulator.</param>
    /// <param name="a">Scale.</param>
    /// <param name="x">Vector (same length as <paramref name="y"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(Span<double> y, double a, ReadOnlySpan<double> x)
    {
        var n = y.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = new Vector<double>(a);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            for (var v = 0; v < vy.Length; v++)
            {
                vy[v] += va * vx[v];
            }

            i = vy.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            y[i] += a * x[i];
        }
    }

    /// <summary>Euclidean norm, scaled against overflow and underflow.</summary>
    /// <param name="x">Vector.</param>
    /// <returns>‖x‖₂ (NaN propagates).</returns>
    public static double Norm2(ReadOnlySpan<double> x)
    {
        var max = 0.0;
        foreach (var v in x)
        {
            var a = Math.Abs(v);
            if (double.IsNaN(a))
            {
                return a;
            }

            max = Math.Max(max, a);
        }

        if (max == 0 || !double.IsFinite(max))
        {
            return max;
        }

        var sum = 0.0;
        foreach (var v in x)
        {
            var r = v / max;
            sum += r * r;
        }

        return max * Math.Sqrt(sum);
    }

    /// <summary><c>x *= a</c>.</summary>
    /// <param name="x">Vector.</param>
    /// <param name="a">Scale.</param>
    public static void Scale(Span<double> x, double a)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] *= a;
        }
    }
}
