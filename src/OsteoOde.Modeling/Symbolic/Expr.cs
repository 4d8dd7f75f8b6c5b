using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace OsteoOde.Modeling;

/// <summary>
/// An immutable symbolic expression node. Nodes are hash-consed: building a structurally equal expression twice returns the
/// same object, so reference equality is structural equality and common subexpressions are shared automatically (the
/// expression is a DAG). Factories simplify at construction (constant folding, <c>x + 0</c>, <c>x·1</c>, <c>x·0</c>,
/// <c>x^1</c>, <c>x^0</c>, <c>−(−x)</c>, sign moves such as <c>a + (−b) → a − b</c>); every rule is exact in IEEE arithmetic
/// for finite operands (<c>x·0 → 0</c> and <c>x − x → 0</c> assume <c>x</c> finite).
/// <para>
/// Numbers converted implicitly from <see cref="double"/> are dimensionless; use <see cref="Quantity(double, Unit)"/> for a
/// dimensioned constant. The constant 0 is compatible with every unit. Conditions (comparisons and logic) are expressions too,
/// but only <see cref="Piecewise(IEnumerable{ValueTuple{Expr, Expr}}, Expr)"/> and the logic operators accept them.
/// </para>
/// </summary>
public sealed partial class Expr : IEquatable<Expr>
{
    private readonly Expr[] _args;
    private readonly int _hash;

    private Expr(ExprKind kind, double value, Unit unit, string? name, Expr[] args, int hash)
    {
        Kind = kind;
        Value = value;
        Unit = unit;
        Name = name;
        _args = args;
        _hash = hash;
        IsCondition = kind is ExprKind.Boolean or ExprKind.Less or ExprKind.LessOrEqual or ExprKind.Greater
            or ExprKind.GreaterOrEqual or ExprKind.Equal or ExprKind.NotEqual or ExprKind.And or ExprKind.Or or ExprKind.Not;
    }

    /// <summary>Node kind.</summary>
    public ExprKind Kind { get; }

    /// <summary>Numeric value of a <see cref="ExprKind.Constant"/> (in <see cref="Unit"/>), or 1/0 for a <see cref="ExprKind.Boolean"/>; 0 otherwise.</summary>
    public double Value { get; }

    /// <summary>Unit of a <see cref="ExprKind.Constant"/>; dimensionless for every other kind.</summary>
    public Unit Unit { get; }

    /// <summary>Name of a <see cref="ExprKind.Symbol"/>; <see langword="null"/> for every other kind.</summary>
    public string? Name { get; }

    /// <summary>Arguments in the order documented on <see cref="ExprKind"/>.</summary>
    public ImmutableArray<Expr> Arguments => ImmutableCollectionsMarshal.AsImmutableArray(_args);

    /// <summary>True for conditions (comparisons, logic, true/false); false for real-valued expressions.</summary>
    public bool IsCondition { get; }

    /// <summary>True for a number (any unit).</summary>
    public bool IsConstant => Kind == ExprKind.Constant;

    /// <summary>True for the constant 0 (compatible with every unit).</summary>
    public bool IsZero => Kind == ExprKind.Constant && Value == 0;

    /// <summary>True for the dimensionless constant 1.</summary>
    public bool IsOne => Kind == ExprKind.Constant && Value == 1 && Unit.IsOne;

    internal Expr[] Args => _args;

    /// <summary>The model time <c>t</c>.</summary>
    public static Expr Time { get; } = Intern(ExprKind.Time, 0, default, null, []);

    /// <summary>The dimensionless constant 0.</summary>
    public static Expr Zero { get; } = Constant(0);

    /// <summary>The dimensionless constant 1.</summary>
    public static Expr One { get; } = Constant(1);

    /// <summary>The condition that always holds.</summary>
    public static Expr True { get; } = Intern(ExprKind.Boolean, 1, default, null, []);

    /// <summary>The condition that never holds.</summary>
    public static Expr False { get; } = Intern(ExprKind.Boolean, 0, default, null, []);

    /// <summary>A dimensionless number.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The constant node.</returns>
    public static Expr Constant(double value) => Intern(ExprKind.Constant, value == 0 ? 0.0 : value, default, null, []);

    /// <summary>A dimensioned constant, for example <c>Expr.Quantity(1e-3, Unit.Parse("pM"))</c>. Zero is unit-free.</summary>
    /// <param name="value">The value in <paramref name="unit"/>.</param>
    /// <param name="unit">Its unit.</param>
    /// <returns>The constant node.</returns>
    public static Expr Quantity(double value, Unit unit) =>
        value == 0 ? Zero : Intern(ExprKind.Constant, value, unit, null, []);

    /// <summary>A dimensioned constant with the unit given as text (see <see cref="Unit.Parse"/>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="unit">The unit text.</param>
    /// <returns>The constant node.</returns>
    public static Expr Quantity(double value, string unit) =>
        Unit.TryParse(unit, out var parsed, out var error) ? Quantity(value, parsed) : throw new ArgumentException(error, nameof(unit));

    /// <summary>A named quantity. Names are resolved when a model is built (states, parameters, inputs, assignments).</summary>
    /// <param name="name">The name: a letter or underscore followed by letters, digits or underscores.</param>
    /// <returns>The symbol node.</returns>
    public static Expr Symbol(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid name: use a letter or '_' followed by letters, digits or '_'.", nameof(name));
        }

        return Intern(ExprKind.Symbol, 0, default, name, []);
    }

    /// <summary>A truth value.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see cref="True"/> or <see cref="False"/>.</returns>
    public static Expr Boolean(bool value) => value ? True : False;

    /// <summary>Dimensionless number (implicit conversion).</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Expr(double value) => Constant(value);

    /// <summary>Whether a text is a valid symbol name (SBML SId rules: ASCII letter or '_' first, then letters, digits, '_').</summary>
    /// <param name="name">Candidate name.</param>
    /// <returns>Whether valid.</returns>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reference equality, which is structural equality for hash-consed nodes.</summary>
    /// <param name="other">Other node.</param>
    /// <returns>Whether the same node.</returns>
    public bool Equals(Expr? other) => ReferenceEquals(this, other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>Structural hash (stable across runs).</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => _hash;

    /// <summary>ASCII infix rendering, for example <c>D_OBu * OBp / (OBp + K)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ExprFormatter.Format(this);

    /// <summary>LaTeX rendering (names with underscores become subscripts).</summary>
    /// <returns>The LaTeX text.</returns>
    public string ToLatex() => LatexFormatter.Format(this);

    // ---- hash-consing -------------------------------------------------------------------------------------------------

    /// <summary>Number of entries in the intern table (diagnostics).</summary>
    internal static int InternedCount
    {
        get
        {
            lock (Interner.Lock)
            {
                return Interner.Table.Count;
            }
        }
    }

    private static Expr Intern(ExprKind kind, double value, Unit unit, string? name, Expr[] args)
    {
        var hash = ComputeHash(kind, value, unit, name, args);
        var key = new NodeKey(kind, BitConverter.DoubleToInt64Bits(value), unit, name, args, hash);
        lock (Interner.Lock)
        {
            if (Interner.Table.TryGetValue(key, out var weak) && weak.TryGetTarget(out var existing))
            {
                return existing;
            }

            var node = new Expr(kind, value, unit, name, args, hash);
            if (weak is not null)
            {
                weak.SetTarget(node);
            }
            else
            {
                Interner.Table[key] = new WeakReference<Expr>(node);
                if (Interner.Table.Count > Interner.SweepThreshold)
                {
                    Interner.Sweep();
                }
            }

            return node;
        }
    }

    /// <summary>
    /// The intern table maps a node's structure to a weak reference, so unused expressions can be collected; dead entries are
    /// swept whenever the table doubles. Kept in its own class so it is initialised before the first static node.
    /// </summary>
    private static class Interner
    {
        public static readonly object Lock = new();
        public static readonly Dictionary<NodeKey, WeakReference<Expr>> Table = [];
        public static int SweepThreshold = 4096;

        public static void Sweep()
        {
            var dead = new List<NodeKey>();
            foreach (var (key, weak) in Table)
            {
                if (!weak.TryGetTarget(out _))
                {
                    dead.Add(key);
                }
            }

            foreach (var key in dead)
            {
                Table.Remove(key);
            }

            SweepThreshold = Math.Max(4096, 2 * Table.Count);
        }
    }

    private static int ComputeHash(ExprKind kind, double value, Unit unit, string? name, Expr[] args)
    {
        // Deterministic FNV-style mixing (System.HashCode is randomised per process).
        unchecked
        {
            var h = (uint)2166136261 ^ (uint)kind;
            h = (h * 16777619) ^ (uint)BitConverter.DoubleToInt64Bits(value);
            h = (h * 16777619) ^ (uint)(BitConverter.DoubleToInt64Bits(value) >> 32);
            h = (h * 16777619) ^ (uint)unit.GetHashCode();
            if (name is not null)
            {
                foreach (var c in name)
                {
                    h = (h * 16777619) ^ c;
                }
            }

            foreach (var a in args)
            {
                h = (h * 16777619) ^ (uint)a._hash;
            }

            return (int)(h ^ (h >> 15));
        }
    }

    private readonly struct NodeKey(ExprKind kind, long bits, Unit unit, string? name, Expr[] args, int hash) : IEquatable<NodeKey>
    {
        private readonly ExprKind _kind = kind;
        private readonly long _bits = bits;
        private readonly Unit _unit = unit;
        private readonly string? _name = name;
        private readonly Expr[] _args = args;
        private readonly int _hash = hash;

        public bool Equals(NodeKey other)
        {
            if (_hash != other._hash || _kind != other._kind || _bits != other._bits || _name != other._name
                || _args.Length != other._args.Length || !_unit.Equals(other._unit))
            {
                return false;
            }

            for (var i = 0; i < _args.Length; i++)
            {
                if (!ReferenceEquals(_args[i], other._args[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is NodeKey k && Equals(k);

        public override int GetHashCode() => _hash;
    }
}
