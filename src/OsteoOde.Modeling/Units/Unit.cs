using System.Globalization;
using System.Text;

namespace OsteoOde.Modeling;

/// <summary>A named unit symbol raised to a whole power, one factor of a printed unit (<c>pM/day</c> is <c>pM^1 · day^-1</c>).</summary>
/// <param name="Symbol">Unit symbol, for example <c>pM</c>.</param>
/// <param name="Exponent">Power of the symbol (never 0).</param>
public readonly record struct UnitFactor(string Symbol, int Exponent);

/// <summary>
/// A physical unit: integer exponents of the <see cref="BaseDimension"/>s and a scale factor to the coherent SI unit of that
/// dimension (pM = 1e-9 mol/m³, day = 86400 s, % = 0.01). Two units are equal when their dimensions are equal and their scales
/// agree to 1e-9 relative, so <c>pM·1/day</c> equals <c>pM/day</c> but <c>%</c> differs from dimensionless and <c>pM</c> from
/// <c>nM</c>. The unit also remembers the symbols it was written with, so it prints the way the model author wrote it.
/// <c>default(Unit)</c> is dimensionless.
/// </summary>
public readonly struct Unit : IEquatable<Unit>
{
    private const double ScaleTolerance = 1e-9;

    private readonly long _dims;
    private readonly double _scale;
    private readonly UnitFactor[]? _factors;

    private Unit(long dims, double scale, UnitFactor[]? factors)
    {
        _dims = dims;
        _scale = scale;
        _factors = factors is { Length: 0 } ? null : factors;
    }

    /// <summary>The dimensionless unit 1.</summary>
    public static Unit Dimensionless => default;

    /// <summary>Percent (dimensionless, scale 0.01).</summary>
    public static Unit Percent { get; } = Parse("%");

    /// <summary>Day.</summary>
    public static Unit Day { get; } = Parse("day");

    /// <summary>Hour.</summary>
    public static Unit Hour { get; } = Parse("h");

    /// <summary>Julian year (365.25 days).</summary>
    public static Unit Year { get; } = Parse("year");

    /// <summary>Per day.</summary>
    public static Unit PerDay { get; } = Parse("1/day");

    /// <summary>Picomolar.</summary>
    public static Unit PicoMolar { get; } = Parse("pM");

    /// <summary>Nanomolar.</summary>
    public static Unit NanoMolar { get; } = Parse("nM");

    /// <summary>Picomolar per day.</summary>
    public static Unit PicoMolarPerDay { get; } = Parse("pM/day");

    /// <summary>Factor to the coherent SI unit of the same dimension (mol, m, kg, s, cell, item and their products).</summary>
    public double Scale => _scale == 0 ? 1.0 : _scale;

    /// <summary>True when every base-dimension exponent is zero (dimensionless, percent, pM/nM, ...).</summary>
    public bool IsDimensionless => _dims == 0;

    /// <summary>True for the pure number 1: dimensionless with scale 1 (not percent).</summary>
    public bool IsOne => _dims == 0 && ScalesEqual(Scale, 1.0);

    /// <summary>The symbols this unit is written with, in order; empty for 1 or for units built from dimensions.</summary>
    public IReadOnlyList<UnitFactor> Factors => _factors ?? [];

    /// <summary>Exponent of a base dimension.</summary>
    /// <param name="dimension">The base dimension.</param>
    /// <returns>The integer exponent.</returns>
    public int Exponent(BaseDimension dimension) => Dims.Get(_dims, (int)dimension);

    /// <summary>Creates a unit from base-dimension exponents and a scale (used by importers; prints in coherent SI symbols).</summary>
    /// <param name="scale">Factor to the coherent SI unit (positive, finite).</param>
    /// <param name="exponents">Exponents indexed by <see cref="BaseDimension"/> (length 6; missing entries are 0).</param>
    /// <returns>The unit.</returns>
    public static Unit FromDimensions(double scale, params int[] exponents)
    {
        ArgumentNullException.ThrowIfNull(exponents);
        if (!double.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentException($"A unit scale must be positive and finite (got {scale.ToString("R", CultureInfo.InvariantCulture)}).", nameof(scale));
        }

        if (exponents.Length > Dims.Count)
        {
            throw new ArgumentException($"At most {Dims.Count} exponents (one per base dimension) are allowed.", nameof(exponents));
        }

        Span<int> e = stackalloc int[Dims.Count];
        exponents.CopyTo(e);
        return new Unit(Dims.Pack(e), scale, null);
    }

    /// <summary>True when both units have the same base-dimension exponents (scales may differ).</summary>
    /// <param name="other">Other unit.</param>
    /// <returns>Whether a conversion factor exists.</returns>
    public bool HasSameDimension(Unit other) => _dims == other._dims;

    /// <summary>The number <c>f</c> such that a value <c>x</c> in this unit equals <c>f·x</c> in <paramref name="target"/>.</summary>
    /// <param name="target">Target unit of the same dimension.</param>
    /// <returns>The conversion factor.</returns>
    public double ConversionFactorTo(Unit target)
    {
        if (!HasSameDimension(target))
        {
            throw new ArgumentException($"Cannot convert {this} to {target}: the dimensions differ.", nameof(target));
        }

        return Scale / target.Scale;
    }

    /// <summary>Product of two units.</summary>
    /// <param name="a">Left factor.</param>
    /// <param name="b">Right factor.</param>
    /// <returns><c>a·b</c>.</returns>
    public static Unit operator *(Unit a, Unit b) =>
        new(Dims.Combine(a._dims, b._dims, 1), a.Scale * b.Scale, MergeFactors(a, b, 1));

    /// <summary>Quotient of two units.</summary>
    /// <param name="a">Numerator.</param>
    /// <param name="b">Denominator.</param>
    /// <returns><c>a/b</c>.</returns>
    public static Unit operator /(Unit a, Unit b) =>
        new(Dims.Combine(a._dims, b._dims, -1), a.Scale / b.Scale, MergeFactors(a, b, -1));

    /// <summary>Product (named alternative to <c>*</c>).</summary>
    /// <param name="other">Right factor.</param>
    /// <returns>The product.</returns>
    public Unit Multiply(Unit other) => this * other;

    /// <summary>Quotient (named alternative to <c>/</c>).</summary>
    /// <param name="other">Denominator.</param>
    /// <returns>The quotient.</returns>
    public Unit Divide(Unit other) => this / other;

    /// <summary>The reciprocal unit.</summary>
    /// <returns><c>1/this</c>.</returns>
    public Unit Inverse() => Dimensionless / this;

    /// <summary>Raises the unit to a whole power.</summary>
    /// <param name="exponent">Power.</param>
    /// <returns>The power.</returns>
    public Unit Pow(int exponent)
    {
        var factors = _factors?.Select(f => f with { Exponent = f.Exponent * exponent }).Where(f => f.Exponent != 0).ToArray();
        return new Unit(Dims.Scale(_dims, exponent), Math.Pow(Scale, exponent), factors);
    }

    /// <summary>
    /// Raises the unit to a real power when the result has whole exponents (<c>sqrt(pM²) = pM</c>); any power of a
    /// dimensionless unit is defined.
    /// </summary>
    /// <param name="exponent">Power.</param>
    /// <param name="result">The power when defined.</param>
    /// <returns>Whether the power is a unit with whole exponents.</returns>
    public bool TryPow(double exponent, out Unit result)
    {
        result = default;
        if (!double.IsFinite(exponent))
        {
            return false;
        }

        if (exponent == Math.Round(exponent) && Math.Abs(exponent) <= sbyte.MaxValue)
        {
            result = Pow((int)exponent);
            return true;
        }

        Span<int> e = stackalloc int[Dims.Count];
        for (var i = 0; i < Dims.Count; i++)
        {
            var x = Dims.Get(_dims, i) * exponent;
            var r = Math.Round(x);
            if (Math.Abs(x - r) > 1e-9 || Math.Abs(r) > sbyte.MaxValue)
            {
                return false;
            }

            e[i] = (int)r;
        }

        UnitFactor[]? factors = null;
        if (_factors is not null)
        {
            factors = new UnitFactor[_factors.Length];
            for (var i = 0; i < _factors.Length; i++)
            {
                var x = _factors[i].Exponent * exponent;
                var r = Math.Round(x);
                if (Math.Abs(x - r) > 1e-9)
                {
                    factors = null; // not expressible in the written symbols: print in coherent SI instead
                    break;
                }

                factors[i] = _factors[i] with { Exponent = (int)r };
            }

            factors = factors?.Where(f => f.Exponent != 0).ToArray();
        }

        result = new Unit(Dims.Pack(e), Math.Pow(Scale, exponent), factors);
        return true;
    }

    /// <summary>Equality: same dimensions and scales equal to 1e-9 relative (the written symbols do not matter).</summary>
    /// <param name="other">Other unit.</param>
    /// <returns>Whether the units are interchangeable without conversion.</returns>
    public bool Equals(Unit other) => _dims == other._dims && ScalesEqual(Scale, other.Scale);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Unit u && Equals(u);

    /// <inheritdoc/>
    public override int GetHashCode() => _dims.GetHashCode();

    /// <summary>Equality operator (see <see cref="Equals(Unit)"/>).</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>Whether equal.</returns>
    public static bool operator ==(Unit a, Unit b) => a.Equals(b);

    /// <summary>Inequality operator.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>Whether different.</returns>
    public static bool operator !=(Unit a, Unit b) => !a.Equals(b);

    /// <summary>
    /// Prints the unit with the symbols it was written with: <c>pM/day</c>, <c>%/(pM·day)</c>, <c>1/(day·year)</c>, <c>1</c>.
    /// Units built from dimensions print in coherent SI symbols with a numeric scale (<c>1e-09 mol/m^3</c>).
    /// <see cref="Parse"/> reads every printed form back to an equal unit.
    /// </summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        if (_factors is not null)
        {
            return FormatFactors(_factors, null);
        }

        // No written symbols: coherent SI with a numeric prefix when the scale is not 1.
        var factors = new List<UnitFactor>();
        for (var i = 0; i < Dims.Count; i++)
        {
            var e = Dims.Get(_dims, i);
            if (e != 0)
            {
                factors.Add(new UnitFactor(Dims.CoherentSymbols[i], e));
            }
        }

        var prefix = ScalesEqual(Scale, 1.0) ? null : Scale.ToString("R", CultureInfo.InvariantCulture);
        return FormatFactors(factors, prefix);
    }

    /// <summary>Parses a unit such as <c>pM</c>, <c>1/day</c>, <c>pM/day</c>, <c>%/(pM·day)</c>, <c>d⁻¹·y⁻¹</c>, <c>ng/mL</c>, <c>g/cm^2</c>, <c>vesicles/mL</c>, <c>dimensionless</c>.</summary>
    /// <param name="text">The unit text. Multiplication: <c>·</c>, <c>*</c> or a space; powers: <c>^2</c>, <c>^-1</c>, <c>^(1/2)</c> or superscripts.</param>
    /// <returns>The unit.</returns>
    /// <exception cref="ArgumentException">The text is not a unit; the message names the unknown part and lists known symbols.</exception>
    public static Unit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var unit, out var error))
        {
            throw new ArgumentException(error, nameof(text));
        }

        return unit;
    }

    /// <summary>Parses a unit without throwing.</summary>
    /// <param name="text">The unit text.</param>
    /// <param name="unit">The unit when parsing succeeded.</param>
    /// <param name="error">The reason when it failed, otherwise empty.</param>
    /// <returns>Whether the text is a unit.</returns>
    public static bool TryParse(string? text, out Unit unit, out string error)
    {
        unit = default;
        error = "";
        if (text is null)
        {
            error = "The unit text is null.";
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed is "1" or "dimensionless" or "-" or "–")
        {
            return true;
        }

        var parser = new UnitParser(trimmed);
        if (!parser.TryParse(out unit, out error))
        {
            error = $"Cannot read unit '{text}': {error} Known symbols: {string.Join(", ", UnitCatalog.CanonicalSymbols)}.";
            return false;
        }

        return true;
    }

    internal static Unit FromAtom(UnitAtom atom) => new(atom.Dimensions, atom.Scale, [new UnitFactor(atom.Symbol, 1)]);

    internal static Unit FromNumber(double value) => new(0, value, null);

    internal static bool ScalesEqual(double a, double b) =>
        a == b || Math.Abs(a - b) <= ScaleTolerance * Math.Max(Math.Abs(a), Math.Abs(b));

    private static UnitFactor[]? MergeFactors(Unit a, Unit b, int signB)
    {
        var aHasSymbols = a._factors is not null || a.IsOne;
        var bHasSymbols = b._factors is not null || b.IsOne;
        if (!aHasSymbols || !bHasSymbols)
        {
            return null; // one side has only dimensions: the product prints in coherent SI
        }

        var result = new List<UnitFactor>(a.Factors);
        foreach (var f in b.Factors)
        {
            var index = result.FindIndex(r => r.Symbol == f.Symbol);
            if (index < 0)
            {
                result.Add(f with { Exponent = signB * f.Exponent });
            }
            else
            {
                result[index] = result[index] with { Exponent = result[index].Exponent + signB * f.Exponent };
            }
        }

        result.RemoveAll(f => f.Exponent == 0);
        return [.. result];
    }

    private static string FormatFactors(IReadOnlyList<UnitFactor> factors, string? numericPrefix)
    {
        var numerator = factors.Where(f => f.Exponent > 0).ToList();
        var denominator = factors.Where(f => f.Exponent < 0).Select(f => f with { Exponent = -f.Exponent }).ToList();
        var sb = new StringBuilder();
        if (numericPrefix is not null)
        {
            sb.Append(numericPrefix);
            if (numerator.Count > 0)
            {
                sb.Append(' ');
            }
        }

        if (numerator.Count == 0 && numericPrefix is null)
        {
            sb.Append('1');
        }

        AppendProduct(sb, numerator);
        if (denominator.Count > 0)
        {
            sb.Append('/');
            if (denominator.Count > 1)
            {
                sb.Append('(');
            }

            AppendProduct(sb, denominator);
            if (denominator.Count > 1)
            {
                sb.Append(')');
            }
        }

        return sb.ToString();
    }

    private static void AppendProduct(StringBuilder sb, List<UnitFactor> factors)
    {
        for (var i = 0; i < factors.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('·');
            }

            sb.Append(factors[i].Symbol);
            if (factors[i].Exponent != 1)
            {
                sb.Append('^').Append(factors[i].Exponent.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Recursive-descent parser: product of powers of symbols, numbers and parenthesised groups.</summary>
    private sealed class UnitParser(string text)
    {
        private int _pos;

        public bool TryParse(out Unit unit, out string error)
        {
            unit = default;
            error = "";
            try
            {
                unit = ParseProduct();
                SkipSpaces();
                if (_pos < text.Length)
                {
                    error = $"unexpected '{text[_pos]}' at position {_pos + 1}.";
                    return false;
                }

                return true;
            }
            catch (FormatException ex)
            {
                error = ex.Message;
                return false;
            }
        }

        private Unit ParseProduct()
        {
            var result = ParsePower();
            while (true)
            {
                SkipSpaces();
                if (_pos >= text.Length)
                {
                    return result;
                }

                var c = text[_pos];
                if (c is '*' or '·' or '⋅' or '×' or '.')
                {
                    _pos++;
                    result *= ParsePower();
                }
                else if (c == '/')
                {
                    _pos++;
                    result /= ParsePower();
                }
                else if (IsAtomStart(c) || char.IsDigit(c) || c == '(')
                {
                    result *= ParsePower(); // implicit multiplication by juxtaposition: "mol L"
                }
                else
                {
                    return result;
                }
            }
        }

        private Unit ParsePower()
        {
            var baseUnit = ParseFactor();
            SkipSpaces();
            if (_pos < text.Length && text[_pos] == '^')
            {
                _pos++;
                SkipSpaces();
                var exponent = ParseExponent();
                return RaiseOrFail(baseUnit, exponent);
            }

            if (_pos < text.Length && IsSuperscript(text[_pos]))
            {
                return RaiseOrFail(baseUnit, ParseSuperscript());
            }

            return baseUnit;
        }

        private static Unit RaiseOrFail(Unit u, double exponent)
        {
            if (!u.TryPow(exponent, out var r))
            {
                throw new FormatException($"the power {exponent.ToString("R", CultureInfo.InvariantCulture)} of {u} does not have whole exponents.");
            }

            return r;
        }

        private double ParseExponent()
        {
            if (_pos < text.Length && text[_pos] == '(')
            {
                _pos++;
                var num = ParseSignedNumber();
                SkipSpaces();
                if (_pos < text.Length && text[_pos] == '/')
                {
                    _pos++;
                    var den = ParseSignedNumber();
                    if (den == 0)
                    {
                        throw new FormatException("zero denominator in an exponent.");
                    }

                    num /= den;
                }

                SkipSpaces();
                Expect(')');
                return num;
            }

            return ParseSignedNumber();
        }

        private double ParseSignedNumber()
        {
            SkipSpaces();
            var sign = 1.0;
            if (_pos < text.Length && (text[_pos] == '-' || text[_pos] == '−'))
            {
                sign = -1;
                _pos++;
            }
            else if (_pos < text.Length && text[_pos] == '+')
            {
                _pos++;
            }

            return sign * ParseNumber();
        }

        private double ParseNumber()
        {
            var start = _pos;
            while (_pos < text.Length && (char.IsDigit(text[_pos]) || text[_pos] == '.'))
            {
                _pos++;
            }

            if (_pos < text.Length && (text[_pos] == 'e' || text[_pos] == 'E') && _pos > start)
            {
                var save = _pos;
                _pos++;
                if (_pos < text.Length && (text[_pos] == '-' || text[_pos] == '+'))
                {
                    _pos++;
                }

                if (_pos < text.Length && char.IsDigit(text[_pos]))
                {
                    while (_pos < text.Length && char.IsDigit(text[_pos]))
                    {
                        _pos++;
                    }
                }
                else
                {
                    _pos = save; // the 'e' starts a symbol, not an exponent
                }
            }

            if (_pos == start || !double.TryParse(text.AsSpan(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"expected a number at position {start + 1}.");
            }

            return value;
        }

        private Unit ParseFactor()
        {
            SkipSpaces();
            if (_pos >= text.Length)
            {
                throw new FormatException("the unit ends where a symbol was expected.");
            }

            var c = text[_pos];
            if (c == '(')
            {
                _pos++;
                var inner = ParseProduct();
                SkipSpaces();
                Expect(')');
                return inner;
            }

            if (char.IsDigit(c))
            {
                var value = ParseNumber();
                if (!double.IsFinite(value) || value <= 0)
                {
                    throw new FormatException("a numeric factor in a unit must be positive.");
                }

                return value == 1 ? Dimensionless : FromNumber(value);
            }

            if (!IsAtomStart(c))
            {
                throw new FormatException($"unexpected '{c}' at position {_pos + 1}.");
            }

            var start = _pos;
            while (_pos < text.Length && IsAtomStart(text[_pos]))
            {
                _pos++;
            }

            var symbol = text[start.._pos];
            if (symbol == "dimensionless")
            {
                return Dimensionless;
            }

            if (!UnitCatalog.TryGet(symbol, out var atom))
            {
                throw new FormatException($"unknown unit symbol '{symbol}'.");
            }

            return FromAtom(atom);
        }

        private double ParseSuperscript()
        {
            var sign = 1;
            if (text[_pos] == '⁻')
            {
                sign = -1;
                _pos++;
            }
            else if (text[_pos] == '⁺')
            {
                _pos++;
            }

            var value = 0;
            var digits = 0;
            while (_pos < text.Length && SuperscriptDigit(text[_pos]) is int d)
            {
                value = 10 * value + d;
                digits++;
                _pos++;
            }

            if (digits == 0)
            {
                throw new FormatException($"expected a superscript digit at position {_pos + 1}.");
            }

            return sign * value;
        }

        private void Expect(char c)
        {
            if (_pos >= text.Length || text[_pos] != c)
            {
                throw new FormatException($"expected '{c}' at position {_pos + 1}.");
            }

            _pos++;
        }

        private void SkipSpaces()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            {
                _pos++;
            }
        }

        private static bool IsAtomStart(char c) => char.IsLetter(c) || c is '%' or 'µ' or 'μ';

        private static bool IsSuperscript(char c) => c is '⁻' or '⁺' || SuperscriptDigit(c) is not null;

        private static int? SuperscriptDigit(char c) => c switch
        {
            '⁰' => 0,
            '¹' => 1,
            '²' => 2,
            '³' => 3,
            '⁴' => 4,
            '⁵' => 5,
            '⁶' => 6,
            '⁷' => 7,
            '⁸' => 8,
            '⁹' => 9,
            _ => null,
        };
    }
}
