using System.Text;
using OsteoOde.Numerics;

namespace OsteoOde.Modeling;

/// <summary>
/// Human-readable renderings of a model: equations as Markdown (ASCII infix in code spans) or LaTeX (an <c>aligned</c>
/// block), and the parameter table as Markdown. Rates are shown as declared (assignments by name, not inlined). Groups of
/// internal helper assignments (<see cref="ModelBuilder.InternalAssignments"/>) are collapsed to one line with their summary,
/// at the place of their first member, unless <c>expandInternal</c> is set; observables and time columns are always shown.
/// </summary>
public static class ModelRenderer
{
    /// <summary>
    /// Equations as Markdown: a list of assignments (declaration order, with unit and an "observable" mark), then one line per
    /// state derivative (canonical order, with unit), then events and doses when present.
    /// </summary>
    /// <param name="model">Model.</param>
    /// <param name="expandInternal">Whether to list the members of internal helper groups one by one.</param>
    /// <returns>The Markdown text (ends with a newline).</returns>
    public static string EquationsMarkdown(Model model, bool expandInternal = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();
        if (model.Assignments.Count > 0)
        {
            sb.Append("### Assignments\n\n");
            foreach (var a in model.Assignments)
            {
                if (!expandInternal && Hidden(a))
                {
                    if (FirstOfGroup(model, a) is { } group)
                    {
                        sb.Append("- `").Append(group.First).Append('`');
                        if (group.Count > 1)
                        {
                            sb.Append(" … `").Append(group.Last).Append('`');
                        }

                        sb.Append(" (").Append(group.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))
                            .Append(group.Count == 1 ? " internal assignment" : " internal assignments").Append("): ").Append(a.Group!.Summary).Append('\n');
                    }

                    continue;
                }

                sb.Append("- `").Append(a.Name).Append(" = ").Append(a.Expression).Append("` [").Append(a.Unit).Append(']');
                if (a.IsObservable)
                {
                    sb.Append(" (observable)");
                }

                sb.Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append("### Rates\n\n");
        foreach (var s in model.States)
        {
            sb.Append("- `").Append(s.EquationLabel).Append(" = ").Append(s.Rate).Append("` [").Append(s.Unit / model.TimeUnit).Append("]\n");
        }

        if (model.Events.Count > 0)
        {
            sb.Append("\n### Events\n\n");
            foreach (var e in model.Events)
            {
                sb.Append("- ").Append(e.Name).Append(": when `").Append(e.Trigger).Append("` crosses 0")
                    .Append(e.Direction switch { EventDirection.Rising => " upwards", EventDirection.Falling => " downwards", _ => "" });
                if (e.Assignments.Count > 0)
                {
                    sb.Append(": ").Append(string.Join(", ", e.Assignments.Select(x => $"`{x.State} := {x.Value}`")));
                }

                if (e.Terminal)
                {
                    sb.Append(" (stops the run)");
                }

                sb.Append('\n');
            }
        }

        if (model.Doses.Count > 0)
        {
            sb.Append("\n### Doses\n\n");
            foreach (var d in model.Doses)
            {
                sb.Append("- ").Append(d.Name).Append(": `").Append(d.State).Append(" += ").Append(d.Amount).Append("` at t = ")
                    .Append(string.Join(", ", d.Times.Select(NumberText.Ascii))).Append(' ').Append(model.TimeUnit).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Equations as a LaTeX <c>aligned</c> block: assignments (<c>name &amp;= …</c>) then state derivatives
    /// (<c>\frac{d\,x}{dt} &amp;= …</c>), one per line.
    /// </summary>
    /// <param name="model">Model.</param>
    /// <param name="expandInternal">Whether to list the members of internal helper groups one by one.</param>
    /// <returns>The LaTeX text (ends with a newline).</returns>
    public static string EquationsLatex(Model model, bool expandInternal = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        var lines = new List<string>();
        foreach (var a in model.Assignments)
        {
            if (!expandInternal && Hidden(a))
            {
                if (FirstOfGroup(model, a) is { } group)
                {
                    var range = group.Count > 1 ? $"{LatexFormatter.Name(group.First)}, \\ldots, {LatexFormatter.Name(group.Last)}" : LatexFormatter.Name(group.First);
                    lines.Add($"{range} &: \\text{{{LatexText($"{group.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} internal assignment{(group.Count == 1 ? "" : "s")}: {a.Group!.Summary}")}}}");
                }

                continue;
            }

            lines.Add(LatexFormatter.Name(a.Name) + " &= " + a.Expression.ToLatex());
        }

        foreach (var s in model.States)
        {
            lines.Add(@"\frac{d\," + LatexFormatter.Name(s.Name) + "}{dt} &= " + s.Rate.ToLatex());
        }

        var sb = new StringBuilder(@"\begin{aligned}").Append('\n');
        for (var i = 0; i < lines.Count; i++)
        {
            sb.Append(lines[i]).Append(i < lines.Count - 1 ? @" \\" : "").Append('\n');
        }

        return sb.Append(@"\end{aligned}").Append('\n').ToString();
    }

    /// <summary>
    /// Equations as MathML (one <c>&lt;math displaystyle="true"&gt;</c> element per equation, one per line): assignments, then
    /// state derivatives <c>d x/dt = …</c>, the same lines as <see cref="EquationsLatex"/>. Browsers typeset MathML natively,
    /// so HTML reports and notebook outputs show the equations offline.
    /// </summary>
    /// <param name="model">Model.</param>
    /// <returns>The markup (ends with a newline).</returns>
    public static string EquationsMathML(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder();
        void Line(string left, string right) =>
            sb.Append("<math displaystyle=\"true\"><mrow>").Append(left).Append("<mo>=</mo>").Append(right).Append("</mrow></math>\n");
        foreach (var a in model.Assignments)
        {
            Line(MathMLFormatter.Name(a.Name), MathMLFormatter.Format(a.Expression));
        }

        foreach (var s in model.States)
        {
            Line("<mfrac><mrow><mi>d</mi><mo lspace=\"0\" rspace=\"0\">\u2062</mo>" + MathMLFormatter.Name(s.Name) + "</mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac>",
                MathMLFormatter.Format(s.Rate));
        }

        return sb.ToString();
    }

    /// <summary>The parameter table as Markdown: name, value, unit, description, source, bounds (declaration order).</summary>
    /// <param name="model">Model.</param>
    /// <returns>The Markdown table (ends with a newline).</returns>
    public static string ParameterTableMarkdown(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder("| name | value | unit | description | source | bounds |\n|---|---|---|---|---|---|\n");
        foreach (var p in model.Parameters)
        {
            sb.Append("| ").Append(Cell(p.Name))
                .Append(" | ").Append(NumberText.Ascii(p.Value))
                .Append(" | ").Append(Cell(p.Unit.ToString()))
                .Append(" | ").Append(Cell(p.Description))
                .Append(" | ").Append(Cell(p.Source.ToString()))
                .Append(" | [").Append(NumberText.Ascii(p.LowerBound)).Append(", ").Append(NumberText.Ascii(p.UpperBound)).Append("] |\n");
        }

        return sb.ToString();
    }

    /// <summary>Whether an assignment is collapsed into its group's line (observables and time columns never are).</summary>
    private static bool Hidden(ModelAssignment a) => a.Group is not null && !a.IsObservable && !a.IsTimeColumn;

    /// <summary>The first and last hidden member and their count when <paramref name="a"/> is the first hidden member of its group.</summary>
    private static (string First, string Last, int Count)? FirstOfGroup(Model model, ModelAssignment a)
    {
        var members = model.Assignments.Where(x => Hidden(x) && x.Group == a.Group).ToList();
        return ReferenceEquals(members[0], a) ? (members[0].Name, members[^1].Name, members.Count) : null;
    }

    /// <summary>Text for <c>\text{…}</c>: LaTeX special characters escaped.</summary>
    private static string LatexText(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                '\\' => @"\textbackslash{}",
                '{' or '}' or '_' or '#' or '$' or '%' or '&' => "\\" + ch,
                '^' => @"\^{}",
                '~' => @"\~{}",
                _ => ch.ToString(),
            });
        }

        return sb.ToString();
    }

    private static string Cell(string text) =>
        text.Replace("|", @"\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
