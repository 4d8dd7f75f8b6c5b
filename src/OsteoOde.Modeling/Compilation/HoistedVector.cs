using System.Runtime.InteropServices;

namespace OsteoOde.Modeling;

/// <summary>A compiled kernel that reads hoisted parameter-only values from <paramref name="cache"/>.</summary>
/// <param name="t">Time.</param>
/// <param name="y">State.</param>
/// <param name="p">Parameter vector (entries the kernel still reads directly, and mode flags).</param>
/// <param name="cache">Values written by the matching prepare function for the current parameter vector.</param>
/// <param name="output">Destination.</param>
internal delegate void HoistedModelFunction(double t, double[] y, double[] p, double[] cache, double[] output);

/// <summary>
/// A vector function split at its parameter-only subexpressions: <see cref="Prepare"/> computes them from the parameter vector
/// into a cache of <see cref="CacheLength"/> entries, <see cref="Kernel"/> evaluates the rest reading that cache. The prepared
/// values depend on the entries <c>p[FirstRead .. FirstRead + ReadCount)</c> only.
/// </summary>
/// <param name="Hoisted">The hoisted nodes, in cache order.</param>
/// <param name="Prepare">Writes the hoisted values into the cache.</param>
/// <param name="Kernel">The function reading the cache.</param>
/// <param name="FirstRead">First parameter-vector entry a hoisted node reads.</param>
/// <param name="ReadCount">Length of the range of entries the hoisted nodes read (0 when nothing is hoisted).</param>
internal sealed record HoistedVector(IReadOnlyList<Expr> Hoisted, ParameterFunction Prepare, HoistedModelFunction Kernel, int FirstRead, int ReadCount)
{
    /// <summary>Number of cached values.</summary>
    public int CacheLength => Hoisted.Count;
}

/// <summary>
/// A hoisted vector function bound to one live parameter vector, with its own cache. Each call compares the raw bits of the
/// entries the hoisted values read with a private snapshot (a vectorised comparison of a few nanoseconds) and recomputes the
/// cache when they differ, so writes to the vector (input switches, a caller changing a parameter) are seen at the next call
/// and no caller has to remember to refresh anything. Not safe for concurrent calls on one instance (a solver never makes
/// them); separate instances are independent. The code is compiled on the first call, so a Jacobian that an explicit method
/// never calls is never compiled.
/// </summary>
internal sealed class BoundVector
{
    private readonly Lazy<HoistedVector> _source;
    private readonly double[] _p;
    private HoistedVector? _code;
    private HoistedModelFunction? _kernel;
    private double[] _cache = [];
    private long[] _snapshot = [];
    private int _first;

    public BoundVector(Lazy<HoistedVector> source, double[] p)
    {
        _source = source;
        _p = p;
    }

    /// <summary>Evaluates the function at (t, y) with the vector's current contents.</summary>
    /// <param name="t">Time.</param>
    /// <param name="y">State.</param>
    /// <param name="output">Destination.</param>
    public void Invoke(double t, double[] y, double[] output)
    {
        var kernel = _kernel ?? Bind();
        if (_snapshot.Length > 0)
        {
            var current = MemoryMarshal.Cast<double, long>(_p.AsSpan(_first, _snapshot.Length));
            if (!current.SequenceEqual(_snapshot))
            {
                Refresh(current);
            }
        }

        kernel(t, y, _p, _cache, output);
    }

    private HoistedModelFunction Bind()
    {
        var code = _source.Value;
        _code = code;
        _cache = new double[code.CacheLength];
        _first = code.FirstRead;
        _snapshot = new long[code.CacheLength == 0 ? 0 : code.ReadCount];
        if (code.CacheLength > 0)
        {
            Refresh(MemoryMarshal.Cast<double, long>(_p.AsSpan(_first, _snapshot.Length)));
        }

        _kernel = code.Kernel;
        return code.Kernel;
    }

    private void Refresh(ReadOnlySpan<long> current)
    {
        _code!.Prepare(_p, _cache);
        current.CopyTo(_snapshot);
    }
}
