using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OsteoOde.Numerics;

/// <summary>
/// Small dense LU factorisation with partial pivoting on row-major spans, real and complex (the complex matrix is held as
/// separate real and imaginary parts). Meant for the iteration matrices of stiff solvers (n up to a few hundred): no
/// allocation, no exceptions; a singular pivot is reported to the caller, who shrinks the step or refreshes the Jacobian.
/// </summary>
public static class DenseLu
{
    /// <summary>
    /// Factorises the <c>n × n</c> row-major matrix <paramref name="a"/> in place into <c>P·A = L·U</c> (unit lower L below the
    /// diagonal, U on and above it).
    /// </summary>
    /// <param name="a">Matrix, overwritten by its factors (length ≥ n²).</param>
    /// <param name="n">Order.</param>
    /// <param name="pivots">Row interchanges (length ≥ n): row k was swapped with row <c>pivots[k]</c>.</param>
    /// <returns>−1 on success, else the index of the first zero (or non-finite) pivot; the factors are then unusable.</returns>
    public static int Factor(Span<double> a, int n, Span<int> pivots)
    {
        if (a.Length < n * n || pivots.Length < n)
        {
            throw new ArgumentException("The matrix needs n² entries and the pivot array n entries.", nameof(a));
        }

        ref var a0 = ref MemoryMarshal.GetReference(a);
        for (var k = 0; k < n; k++)
        {
            // Largest remaining entry of column k.
            var p = k;
            var max = Math.Abs(Unsafe.Add(ref a0, (k * n) + k));
            for (var i = k + 1; i < n; i++)
            {
                var v = Math.Abs(Unsafe.Add(ref a0, (i * n) + k));
                if (v > max)
                {
                    max = v;
                    p = i;
                }
            }

            pivots[k] = p;
            if (!(max > 0) || !double.IsFinite(max))
            {
                return k;
            }

            if (p != k)
            {
                SwapRows(ref a0, n, k, p);
            }

            ref var rowK = ref Unsafe.Add(ref a0, k * n);
            var inv = 1.0 / Unsafe.Add(ref rowK, k);
            for (var i = k + 1; i < n; i++)
            {
                ref var rowI = ref Unsafe.Add(ref a0, i * n);
                var lik = Unsafe.Add(ref rowI, k);
                if (lik == 0)
                {
                    continue;
                }

                lik *= inv;
                Unsafe.Add(ref rowI, k) = lik;
                for (var j = k + 1; j < n; j++)
                {
                    Unsafe.Add(ref rowI, j) = Math.FusedMultiplyAdd(-lik, Unsafe.Add(ref rowK, j), Unsafe.Add(ref rowI, j));
                }
            }
        }

        return -1;
    }

    /// <summary>Solves <c>A·x = b</c> in place with the factors from <see cref="Factor"/>.</summary>
    /// <param name="lu">Factors.</param>
    /// <param name="n">Order.</param>
    /// <param name="pivots">Pivots from the factorisation.</param>
    /// <param name="b">Right-hand side, overwritten by the solution (length ≥ n).</param>
    public static void Solve(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots, Span<double> b)
    {
        if (lu.Length < n * n || pivots.Length < n || b.Length < n)
        {
            throw new ArgumentException("The factors need n² entries and the pivots and right-hand side n entries.", nameof(lu));
        }

        SolveCore(lu, n, pivots, b);
    }

    /// <summary><see cref="Solve"/> without the length checks (callers own correctly sized work arrays).</summary>
    internal static void SolveCore(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots, Span<double> b)
    {
        ref var a0 = ref MemoryMarshal.GetReference(lu);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var p0 = ref MemoryMarshal.GetReference(pivots);
        for (var k = 0; k < n; k++)
        {
            var p = Unsafe.Add(ref p0, k);
            if (p != k)
            {
                (Unsafe.Add(ref b0, k), Unsafe.Add(ref b0, p)) = (Unsafe.Add(ref b0, p), Unsafe.Add(ref b0, k));
            }
        }

        // Forward substitution with the unit lower factor.
        for (var i = 1; i < n; i++)
        {
            ref var row = ref Unsafe.Add(ref a0, i * n);
            var s = Unsafe.Add(ref b0, i);
            for (var j = 0; j < i; j++)
            {
                s = Math.FusedMultiplyAdd(-Unsafe.Add(ref row, j), Unsafe.Add(ref b0, j), s);
            }

            Unsafe.Add(ref b0, i) = s;
        }

        // Back substitution with the upper factor.
        for (var i = n - 1; i >= 0; i--)
        {
            ref var row = ref Unsafe.Add(ref a0, i * n);
            var s = Unsafe.Add(ref b0, i);
            for (var j = i + 1; j < n; j++)
            {
                s = Math.FusedMultiplyAdd(-Unsafe.Add(ref row, j), Unsafe.Add(ref b0, j), s);
            }

            Unsafe.Add(ref b0, i) = s / Unsafe.Add(ref row, i);
        }
    }

    /// <summary>
    /// Factorises the complex <c>n × n</c> row-major matrix <c>re + i·im</c> in place (partial pivoting on |re| + |im|).
    /// </summary>
    /// <param name="re">Real parts, overwritten by the factors' real parts.</param>
    /// <param name="im">Imaginary parts, overwritten by the factors' imaginary parts.</param>
    /// <param name="n">Order.</param>
    /// <param name="pivots">Row interchanges (length ≥ n).</param>
    /// <returns>−1 on success, else the index of the first zero (or non-finite) pivot.</returns>
    public static int FactorComplex(Span<double> re, Span<double> im, int n, Span<int> pivots)
    {
        if (re.Length < n * n || im.Length < n * n || pivots.Length < n)
        {
            throw new ArgumentException("The matrix parts need n² entries and the pivot array n entries.", nameof(re));
        }

        ref var r0 = ref MemoryMarshal.GetReference(re);
        ref var i0 = ref MemoryMarshal.GetReference(im);
        for (var k = 0; k < n; k++)
        {
            var p = k;
            var max = Math.Abs(Unsafe.Add(ref r0, (k * n) + k)) + Math.Abs(Unsafe.Add(ref i0, (k * n) + k));
            for (var i = k + 1; i < n; i++)
            {
                var v = Math.Abs(Unsafe.Add(ref r0, (i * n) + k)) + Math.Abs(Unsafe.Add(ref i0, (i * n) + k));
                if (v > max)
                {
                    max = v;
                    p = i;
                }
            }

            pivots[k] = p;
            if (!(max > 0) || !double.IsFinite(max))
            {
                return k;
            }

            if (p != k)
            {
                SwapRows(ref r0, n, k, p);
                SwapRows(ref i0, n, k, p);
            }

            ref var rk = ref Unsafe.Add(ref r0, k * n);
            ref var ik = ref Unsafe.Add(ref i0, k * n);
            var pr = Unsafe.Add(ref rk, k);
            var pi = Unsafe.Add(ref ik, k);
            var den = (pr * pr) + (pi * pi);
            var invR = pr / den;
            var invI = -pi / den;
            for (var i = k + 1; i < n; i++)
            {
                ref var ri = ref Unsafe.Add(ref r0, i * n);
                ref var ii = ref Unsafe.Add(ref i0, i * n);
                var ar = Unsafe.Add(ref ri, k);
                var ai = Unsafe.Add(ref ii, k);
                if (ar == 0 && ai == 0)
                {
                    continue;
                }

                var lr = (ar * invR) - (ai * invI);
                var li = (ar * invI) + (ai * invR);
                Unsafe.Add(ref ri, k) = lr;
                Unsafe.Add(ref ii, k) = li;
                for (var j = k + 1; j < n; j++)
                {
                    var ur = Unsafe.Add(ref rk, j);
                    var ui = Unsafe.Add(ref ik, j);
                    Unsafe.Add(ref ri, j) -= (lr * ur) - (li * ui);
                    Unsafe.Add(ref ii, j) -= (lr * ui) + (li * ur);
                }
            }
        }

        return -1;
    }

    /// <summary>Solves <c>(re + i·im)·x = b</c> in place with the factors from <see cref="FactorComplex"/>.</summary>
    /// <param name="re">Real parts of the factors.</param>
    /// <param name="im">Imaginary parts of the factors.</param>
    /// <param name="n">Order.</param>
    /// <param name="pivots">Pivots.</param>
    /// <param name="bRe">Real part of the right-hand side, overwritten by the solution's real part.</param>
    /// <param name="bIm">Imaginary part of the right-hand side, overwritten by the solution's imaginary part.</param>
    public static void SolveComplex(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int n, ReadOnlySpan<int> pivots,
        Span<double> bRe, Span<double> bIm)
    {
        if (re.Length < n * n || im.Length < n * n || pivots.Length < n || bRe.Length < n || bIm.Length < n)
        {
            throw new ArgumentException("The factors need n² entries and the pivots and right-hand side n entries.", nameof(re));
        }

        SolveComplexCore(re, im, n, pivots, bRe, bIm);
    }

    /// <summary><see cref="SolveComplex"/> without the length checks.</summary>
    internal static void SolveComplexCore(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int n, ReadOnlySpan<int> pivots,
        Span<double> bRe, Span<double> bIm)
    {
        ref var r0 = ref MemoryMarshal.GetReference(re);
        ref var i0 = ref MemoryMarshal.GetReference(im);
        ref var br = ref MemoryMarshal.GetReference(bRe);
        ref var bi = ref MemoryMarshal.GetReference(bIm);
        ref var p0 = ref MemoryMarshal.GetReference(pivots);
        for (var k = 0; k < n; k++)
        {
            var p = Unsafe.Add(ref p0, k);
            if (p != k)
            {
                (Unsafe.Add(ref br, k), Unsafe.Add(ref br, p)) = (Unsafe.Add(ref br, p), Unsafe.Add(ref br, k));
                (Unsafe.Add(ref bi, k), Unsafe.Add(ref bi, p)) = (Unsafe.Add(ref bi, p), Unsafe.Add(ref bi, k));
            }
        }

        for (var i = 1; i < n; i++)
        {
            ref var rr = ref Unsafe.Add(ref r0, i * n);
            ref var ri = ref Unsafe.Add(ref i0, i * n);
            var sr = Unsafe.Add(ref br, i);
            var si = Unsafe.Add(ref bi, i);
            for (var j = 0; j < i; j++)
            {
                var lr = Unsafe.Add(ref rr, j);
                var li = Unsafe.Add(ref ri, j);
                var xr = Unsafe.Add(ref br, j);
                var xi = Unsafe.Add(ref bi, j);
                sr -= (lr * xr) - (li * xi);
                si -= (lr * xi) + (li * xr);
            }

            Unsafe.Add(ref br, i) = sr;
            Unsafe.Add(ref bi, i) = si;
        }

        for (var i = n - 1; i >= 0; i--)
        {
            ref var rr = ref Unsafe.Add(ref r0, i * n);
            ref var ri = ref Unsafe.Add(ref i0, i * n);
            var sr = Unsafe.Add(ref br, i);
            var si = Unsafe.Add(ref bi, i);
            for (var j = i + 1; j < n; j++)
            {
                var ur = Unsafe.Add(ref rr, j);
                var ui = Unsafe.Add(ref ri, j);
                var xr = Unsafe.Add(ref br, j);
                var xi = Unsafe.Add(ref bi, j);
                sr -= (ur * xr) - (ui * xi);
                si -= (ur * xi) + (ui * xr);
            }

            var dr = Unsafe.Add(ref rr, i);
            var di = Unsafe.Add(ref ri, i);
            var inv = 1.0 / ((dr * dr) + (di * di));
            Unsafe.Add(ref br, i) = ((sr * dr) + (si * di)) * inv;
            Unsafe.Add(ref bi, i) = ((si * dr) - (sr * di)) * inv;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SwapRows(ref double a0, int n, int k, int p)
    {
        ref var rk = ref Unsafe.Add(ref a0, k * n);
        ref var rp = ref Unsafe.Add(ref a0, p * n);
        for (var j = 0; j < n; j++)
        {
            (Unsafe.Add(ref rk, j), Unsafe.Add(ref rp, j)) = (Unsafe.Add(ref rp, j), Unsafe.Add(ref rk, j));
        }
    }
}
