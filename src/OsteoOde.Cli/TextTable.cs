using System.Text;

namespace OsteoOde.Cli;

/// <summary>Tables as Markdown or CSV (RFC 4180 quoting), for the listing commands.</summary>
public static class TextTable
{
    /// <summary>Table formats the listing commands offer.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["md", "csv"];

    /// <summary>Writes a table.</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="format"><c>md</c> or <c>csv</c>.</param>
    /// <param name="header">Column names.</param>
    /// <param name="rows">Rows (as many cells as columns).</param>
    public static void Write(TextWriter writer, string format, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        if (format == "csv")
        {
            writer.Write(string.Join(',', header.Select(Csv)) + "\n");
            foreach (var row in rows)
            {
                writer.Write(string.Join(',', row.Select(Csv)) + "\n");
            }

            return;
        }

        writer.Write("| " + string.Join(" | ", header.Select(Markdown)) + " |\n");
        writer.Write("|" + string.Concat(header.Select(_ => "---|")) + "\n");
        foreach (var row in rows)
        {
            writer.Write("| " + string.Join(" | ", row.Select(Markdown)) + " |\n");
        }
    }

    /// <summary>A CSV field, quoted when it contains a comma, quote or line break.</summary>
    /// <param name="text">Cell text.</param>
    /// <returns>The field.</returns>
    public static string Csv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>A Markdown table cell: pipes escaped, line breaks as spaces.</summary>
    /// <param name="text">Cell text.</param>
    /// <returns>The cell.</returns>
    public static string Markdown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '|' => sb.Append("\\|"),
                '\r' => sb,
                '\n' => sb.Append(' '),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }
}
