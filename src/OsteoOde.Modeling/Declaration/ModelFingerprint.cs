using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OsteoOde.Modeling;

/// <summary>
/// A canonical text of a model and its SHA-256, so results can name exactly the equations and numbers that produced them.
/// <para>
/// Covered: model id and time unit; every state (name, unit, non-negativity, initial value or expression, its rate as the sum
/// of its terms in order); every parameter (name, value, unit, bounds, scale, tunable flag); every input (name, unit,
/// default, and its bounds when it has any); every assignment (name, kind, unit, observable and time-column flags, defining
/// expression); events (name, trigger, direction, terminal flag, assignments) and doses (name, state, amount, times), all in
/// declaration order; the output order of observables when <see cref="ModelBuilder.OrderObservables"/> changed it.
/// Not covered: title, descriptions, citations, module names and rate-term names (documentation that changes no number and no
/// column). Numbers are written with round-trip precision and expressions in a fixed prefix notation independent of the
/// pretty printers, so the text (and the hash) is stable across runs, processes and machines.
/// </para>
/// </summary>
public static class ModelFingerprint
{
    /// <summary>Version tag written first; bump when the canonical form changes.</summary>
    public const string FormatVersion = "osteoode-model-canonical-v2";

    /// <summary>The canonical text (one declaration per line, LF line ends).</summary>
    /// <param name="model">The model.</param>
    /// <returns>The text.</returns>
    public static string CanonicalText(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();
        sb.Append(FormatVersion).Append('\n');
        sb.Append("id ").Append(model.Id).Append('\n');
        sb.Append("time_unit ").Append(UnitText(model.TimeUnit)).Append('\n');
        foreach (var s in model.States)
        {
            sb.Append("state ").Append(s.Name).Append(" unit=").Append(UnitText(s.Unit)).Append(" nonneg=").Append(s.NonNegative ? '1' : '0')
                .Append(" initial=");
            Write(sb, s.Initial);
            sb.Append(" rate=");
            Write(sb, s.Rate);
            sb.Append('\n');
        }

        foreach (var p in model.Parameters)
        {
            sb.Append("parameter ").Append(p.Name).Append(" value=").Append(Number(p.Value)).Append(" unit=").Append(UnitText(p.Unit))
                .Append(" lower=").Append(Number(p.LowerBound)).Append(" upper=").Append(Number(p.UpperBound))
                .Append(" scale=").Append(p.Scale == ParameterScale.Log ? "log" : "linear").Append(" tunable=").Append(p.Tunable ? '1' : '0')
                .Append('\n');
        }

        foreach (var i in model.Inputs)
        {
            sb.Append("input ").Append(i.Name).Append(" unit=").Append(UnitText(i.Unit)).Append(" default=").Append(Number(i.DefaultValue));
            if (i.IsBounded)
            {
                // Written only for bounded inputs, so the text (and hash) of every model without input bounds is unchanged.
                sb.Append(" lower=").Append(Number(i.LowerBound)).Append(" upper=").Append(Number(i.UpperBound));
            }

            sb.Append('\n');
        }

        foreach (var a in model.Assignments)
        {
            sb.Append("assignment ").Append(a.Name).Append(" kind=").Append(a.AssignmentKind.ToString()).Append(" unit=").Append(UnitText(a.Unit))
                .Append(" observable=").Append(a.IsObservable ? '1' : '0').Append(" time_column=").Append(a.IsTimeColumn ? '1' : '0').Append(" value=");
            Write(sb, a.Expression);
            sb.Append('\n');
        }

        // Output order of observables, written only when it differs from declaration order (so older hashes are unchanged).
        var declaredOrder = model.Assignments.Where(a => a.IsObservable && !a.IsTimeColumn).Select(a => a.Name);
        if (!declaredOrder.SequenceEqual(model.Observables.Select(a => a.Name), StringComparer.Ordinal))
        {
            sb.Append("observable_order ").Append(string.Join(",", model.Observables.Select(a => a.Name))).Append('\n');
        }

        foreach (var e in model.Events)
        {
            sb.Append("event ").Append(e.Name).Append(" direction=").Append(e.Direction.ToString()).Append(" terminal=").Append(e.Terminal ? '1' : '0')
                .Append(" trigger=");
            Write(sb, e.Trigger);
            foreach (var assignment in e.Assignments)
            {
                sb.Append(" set ").Append(assignment.State).Append('=');
                Write(sb, assignment.Value);
            }

            sb.Append('\n');
        }

        foreach (var d in model.Doses)
        {
            sb.Append("dose ").Append(d.Name).Append(" state=").Append(d.State).Append(" amount=");
            Write(sb, d.Amount);
            sb.Append(" times=");
            for (var k = 0; k < d.Times.Count; k++)
            {
                sb.Append(k == 0 ? "" : ",").Append(Number(d.Times[k]));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>SHA-256 of the UTF-8 canonical text, as 64 lower-case hex digits.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The hash.</returns>
    public static string Sha256(Model model) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(model))));

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Scale and base-dimension exponents, so equal units written differently (pM/pM and 1) give the same text. The scale is
    /// printed to 12 significant digits because units compare equal within 1e-9: the same unit reached by another path
    /// (vesicles/mL/day parsed back from SBML) must hash the same.
    /// </summary>
    private static string UnitText(Unit unit)
    {
        var sb = new StringBuilder(unit.Scale.ToString("G12", CultureInfo.InvariantCulture));
        foreach (var dimension in Enum.GetValues<BaseDimension>())
        {
            var exponent = unit.Exponent(dimension);
            if (exponent != 0)
            {
                sb.Append(' ').Append(dimension.ToString().ToLowerInvariant()).Append('^').Append(exponent.ToString(CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>Prefix notation: (kind arg …), constants as c:value[unit], symbols by name, time as t.</summary>
    private static void Write(StringBuilder sb, Expr e)
    {
        switch (e.Kind)
        {
            case ExprKind.Constant:
                sb.Append("c:").Append(Number(e.Value));
                if (!e.Unit.IsOne)
                {
                    sb.Append('[').Append(UnitText(e.Unit)).Append(']');
                }

                return;
            case ExprKind.Boolean:
                sb.Append(e.Value != 0 ? "true" : "false");
                return;
            case ExprKind.Symbol:
                sb.Append(e.Name);
                return;
            case ExprKind.Time:
                sb.Append("t");
                return;
        }

        sb.Append('(').Append(e.Kind.ToString().ToLowerInvariant());
        foreach (var a in e.Arguments)
        {
            sb.Append(' ');
            Write(sb, a);
        }

        sb.Append(')');
    }
}
