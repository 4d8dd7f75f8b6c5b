using System.Text;

namespace OsteoOde.Modeling;

/// <summary>
/// Where a value or equation comes from: a human-readable reference plus optional DOI, URL and path in a public code base,
/// and a note for documented discrepancies (for example "paper prints 1.684e4; the public code uses 1.684e2").
/// </summary>
/// <param name="Text">Reference text, for example "Pivonka et al. 2008, Bone 43:249–263, Table 2". Must not be empty.</param>
/// <param name="Doi">DOI without the resolver prefix, for example "10.1016/j.bone.2008.03.025".</param>
/// <param name="Url">Web address.</param>
/// <param name="CodePath">Repository and path of a public implementation, for example "cmodiz/Bone-Models parameters/pivonka_parameters.py".</param>
/// <param name="Note">Documented discrepancy or remark.</param>
public sealed record Citation(string Text, string? Doi = null, string? Url = null, string? CodePath = null, string? Note = null)
{
    /// <summary>One-line rendering: text, then doi, url, code path and note when present.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(Text);
        if (!string.IsNullOrWhiteSpace(Doi))
        {
            sb.Append(", doi:").Append(Doi);
        }

        if (!string.IsNullOrWhiteSpace(Url))
        {
            sb.Append(", ").Append(Url);
        }

        if (!string.IsNullOrWhiteSpace(CodePath))
        {
            sb.Append(", code: ").Append(CodePath);
        }

        if (!string.IsNullOrWhiteSpace(Note))
        {
            sb.Append(" (").Append(Note).Append(')');
        }

        return sb.ToString();
    }
}
