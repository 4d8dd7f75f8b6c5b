using System.Net;
using System.Text;
using OsteoOde.Modeling;

namespace OsteoOde.Plotting;

/// <summary>
/// A model as an HTML fragment: identity (id, title, content hash, sizes, sources), its equations typeset as MathML (native in
/// every current browser, so offline and script-free), the LaTeX source of the same equations to copy into a paper, and the
/// parameter table with units, ranges and sources.
/// </summary>
public static class ModelHtml
{
    private const string Style =
        "<style>.osteo-model{font:13px/1.45 sans-serif}.osteo-model .eq{margin:4px 0 4px 8px;font-size:16px}.osteo-model h4{margin:10px 0 4px}" +
        ".osteo-model pre{font-size:11px;white-space:pre-wrap;background:#f7f7f7;padding:6px}.osteo-model .meta{color:#555}</style>";

    /// <summary>Renders a model.</summary>
    /// <param name="model">Model.</param>
    /// <param name="parameters">Values to show in the parameter table (<see langword="null"/>: the defaults).</param>
    /// <returns>HTML (class <c>osteo-model</c>, containing an <c>osteo-table</c>).</returns>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> belongs to another model.</exception>
    public static string Render(Model model, ParameterSet? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (parameters is not null && !parameters.IsFor(model))
        {
            throw new ArgumentException($"The parameter set is for model '{parameters.Model.Id}', not '{model.Id}'.", nameof(parameters));
        }

        var sb = new StringBuilder("<div class=\"osteo-model\">").Append(Style);
        sb.Append("<div><b>").Append(E(model.Id)).Append("</b>");
        if (!string.IsNullOrWhiteSpace(model.Title))
        {
            sb.Append(" — ").Append(E(model.Title));
        }

        sb.Append("</div><div class=\"meta\">").Append(model.States.Count).Append(" states (").Append(E(string.Join(", ", model.States.Select(s => s.Name))))
            .Append("), ").Append(model.Parameters.Count).Append(" parameters, ").Append(model.Inputs.Count).Append(" inputs, ")
            .Append(model.Observables.Count).Append(" observables; time in ").Append(E(model.TimeUnit.ToString()))
            .Append("; content hash ").Append(E(model.ContentHash[..12])).Append('…').Append("</div>");
        if (model.Sources.Count > 0)
        {
            sb.Append("<div class=\"meta\">Sources: ").Append(E(string.Join("; ", model.Sources.Select(s => s.ToString())))).Append("</div>");
        }

        sb.Append("<h4>Equations</h4>");
        foreach (var line in ModelRenderer.EquationsMathML(model).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            sb.Append("<div class=\"eq\">").Append(line).Append("</div>");
        }

        sb.Append("<details><summary>LaTeX</summary><pre>").Append(E(ModelRenderer.EquationsLatex(model))).Append("</pre></details>");
        sb.Append("<h4>Parameters and inputs</h4>").Append(HtmlTable.Render(parameters ?? ParameterSet.Defaults(model)));
        return sb.Append("</div>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
