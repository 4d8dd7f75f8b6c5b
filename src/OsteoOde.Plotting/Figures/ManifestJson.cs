using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OsteoOde.Plotting;

/// <summary>
/// The JSON blocks shared by the figure manifest and the run manifest (<c>osteo run</c>): models, parameter differences, solver,
/// packages, git revision, data file and other files, with the same field names in both formats.
/// </summary>
public static class ManifestJson
{
    /// <summary>Writes an indented JSON object (UTF-8, LF line ends, a final newline, non-ASCII text unescaped).</summary>
    /// <param name="body">Writes the object's fields (the braces are written here).</param>
    /// <returns>The text.</returns>
    public static string Object(Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Writes <c>created</c> as UTC with milliseconds (<c>yyyy-MM-ddTHH:mm:ss.fffZ</c>).</summary>
    /// <param name="w">Writer.</param>
    /// <param name="created">Time.</param>
    public static void WriteCreated(Utf8JsonWriter w, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteString("created", created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>Writes the <c>models</c> array.</summary>
    /// <param name="w">Writer.</param>
    /// <param name="models">Models.</param>
    public static void WriteModels(Utf8JsonWriter w, IEnumerable<ManifestModel> models)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(models);
        w.WriteStartArray("models");
        foreach (var m in models)
        {
            w.WriteStartObject();
            w.WriteString("id", m.Id);
            w.WriteString("variant", m.Variant);
            w.WriteString("contentHash", m.ContentHash);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Writes the <c>parameterDiff</c> array.</summary>
    /// <param name="w">Writer.</param>
    /// <param name="changes">Differences from the defaults.</param>
    public static void WriteParameterDiff(Utf8JsonWriter w, IEnumerable<ManifestParameterChange> changes)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(changes);
        w.WriteStartArray("parameterDiff");
        foreach (var c in changes)
        {
            w.WriteStartObject();
            w.WriteString("model", c.Model);
            w.WriteString("variant", c.Variant);
            w.WriteString("name", c.Name);
            w.WriteString("kind", c.Kind);
            w.WriteNumber("default", c.Default);
            w.WriteNumber("value", c.Value);
            w.WriteString("unit", c.Unit);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Writes the <c>solver</c> object.</summary>
    /// <param name="w">Writer.</param>
    /// <param name="solver">Solver settings.</param>
    public static void WriteSolver(Utf8JsonWriter w, ManifestSolver solver)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(solver);
        w.WriteStartObject("solver");
        w.WriteString("method", solver.Method);
        w.WriteNumber("relativeTolerance", solver.RelativeTolerance);
        w.WriteNumber("absoluteTolerance", solver.AbsoluteTolerance);
        w.WriteNumber("maxSteps", solver.MaxSteps);
        w.WriteEndObject();
    }

    /// <summary>Writes the <c>packages</c> object and the <c>git</c> object.</summary>
    /// <param name="w">Writer.</param>
    /// <param name="packages">Package versions by name.</param>
    /// <param name="git">Source revision.</param>
    public static void WriteBuild(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, string>> packages, SourceRevision git)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(git);
        w.WriteStartObject("packages");
        foreach (var (name, version) in packages)
        {
            w.WriteString(name, version);
        }

        w.WriteEndObject();
        w.WriteStartObject("git");
        w.WriteString("commit", git.Commit);
        w.WriteString("source", git.Source);
        w.WriteEndObject();
    }

    /// <summary>Writes the <c>data</c> object and the <c>files</c> array.</summary>
    /// <param name="w">Writer.</param>
    /// <param name="data">The data file.</param>
    /// <param name="files">Other files.</param>
    public static void WriteFiles(Utf8JsonWriter w, ManifestData data, IEnumerable<ManifestFile> files)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(files);
        w.WriteStartObject("data");
        w.WriteString("file", data.File);
        w.WriteString("sha256", data.Sha256);
        w.WriteNumber("rows", data.Rows);
        w.WriteStartArray("columns");
        foreach (var c in data.Columns)
        {
            w.WriteStringValue(c);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("files");
        foreach (var f in files)
        {
            w.WriteStartObject();
            w.WriteString("file", f.File);
            w.WriteString("sha256", f.Sha256);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
