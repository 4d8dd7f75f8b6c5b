using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OsteoOde.Modeling;

/// <summary>
/// Parameter sets as JSON files (System.Text.Json). A file names its model and lists parameters and inputs with value, unit,
/// description, source and bounds, so it can be reviewed on its own:
/// <code>
/// {
///   "format": "osteoode-parameter-set", "version": 1, "model": "pivonka2008", "modelHash": "…",
///   "parameters": [ { "name": "D_OBp", "value": 0.2674, "unit": "1/day", "default": 0.25, "description": "…",
///                     "source": { "text": "…", "doi": "…" }, "lowerBound": 0.02, "upperBound": 2.7 } ],
///   "inputs": [ { "name": "P_RANKL", "value": 0, "unit": "pM/day", "description": "…" } ]
/// }
/// </code>
/// Loading validates: the model id must match; every entry needs name, value and unit; unknown names are rejected with the
/// nearest valid names; the unit must equal the model's (no conversion); values must be finite and within the model's bounds.
/// Entries that are missing keep their defaults. A <c>source</c> that differs from the model's citation is kept as the value's
/// source (<see cref="ParameterSet.AttachedSource"/>); <c>description</c>, <c>default</c>, bounds and <c>modelHash</c> are
/// informational (the model's own apply). Numbers are written in shortest round-trip form, so values survive bit-exactly.
/// </summary>
public static class ParameterSetJson
{
    /// <summary>Value of the <c>format</c> field.</summary>
    public const string Format = "osteoode-parameter-set";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON text of a parameter set (every parameter and input).</summary>
    /// <param name="set">The set.</param>
    /// <returns>The text.</returns>
    public static string Serialize(ParameterSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        using var stream = new MemoryStream();
        Write(set, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the JSON of a parameter set to a stream (UTF-8).</summary>
    /// <param name="set">The set.</param>
    /// <param name="stream">Destination.</param>
    public static void Write(ParameterSet set, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(stream);
        var model = set.Model;
        using var w = new Utf8JsonWriter(stream, WriterOptions);
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", 1);
        w.WriteString("model", model.Id);
        w.WriteString("modelHash", model.ContentHash);
        w.WriteStartArray("parameters");
        foreach (var p in model.Parameters)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Name);
            w.WriteNumber("value", set[p.Name]);
            w.WriteString("unit", p.Unit.ToString());
            if (BitConverter.DoubleToInt64Bits(set[p.Name]) != BitConverter.DoubleToInt64Bits(p.Value))
            {
                w.WriteNumber("default", p.Value);
            }

            w.WriteString("description", p.Description);
            WriteCitation(w, set.SourceOf(p.Name)!);
            w.WriteNumber("lowerBound", p.LowerBound);
            w.WriteNumber("upperBound", p.UpperBound);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("inputs");
        foreach (var i in model.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("name", i.Name);
            w.WriteNumber("value", set[i.Name]);
            w.WriteString("unit", i.Unit.ToString());
            if (BitConverter.DoubleToInt64Bits(set[i.Name]) != BitConverter.DoubleToInt64Bits(i.DefaultValue))
            {
                w.WriteNumber("default", i.DefaultValue);
            }

            w.WriteString("description", i.Description);
            if (set.AttachedSource(i.Name) is { } source)
            {
                WriteCitation(w, source);
            }

            // JSON has no infinity: an open side is simply not written.
            if (double.IsFinite(i.LowerBound))
            {
                w.WriteNumber("lowerBound", i.LowerBound);
            }

            if (double.IsFinite(i.UpperBound))
            {
                w.WriteNumber("upperBound", i.UpperBound);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Saves a parameter set to a file (UTF-8 JSON).</summary>
    /// <param name="set">The set.</param>
    /// <param name="path">File path.</param>
    public static void Save(ParameterSet set, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = Serialize(set);
        File.WriteAllText(path, text + "\n", new UTF8Encoding(false));
    }

    /// <summary>Reads a parameter set for <paramref name="model"/> from JSON text (validated; see the class remarks).</summary>
    /// <param name="model">The model.</param>
    /// <param name="json">The JSON text.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">Malformed JSON, another model, unknown names, unit mismatches, invalid values.</exception>
    public static ParameterSet Deserialize(Model model, string json)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException error)
        {
            throw new ArgumentException(SimulationMessages.JsonInvalid("", $"not valid JSON ({error.Message})"), nameof(json), error);
        }

        using (document)
        {
            return Read(model, document.RootElement);
        }
    }

    /// <summary>Loads a parameter set for <paramref name="model"/> from a file.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">File path.</param>
    /// <returns>The set.</returns>
    public static ParameterSet Load(Model model, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Deserialize(model, File.ReadAllText(path));
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"{path}: {error.Message}", nameof(path), error);
        }
    }

    private static ParameterSet Read(Model model, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("the top level must be an object");
        }

        if (root.TryGetProperty("format", out var format) && (format.ValueKind != JsonValueKind.String || format.GetString() != Format))
        {
            throw Invalid($"\"format\" must be \"{Format}\"");
        }

        if (root.TryGetProperty("version", out var version) && (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != 1))
        {
            throw Invalid("\"version\" must be 1 (the file may come from a newer OsteoOde)");
        }

        if (!root.TryGetProperty("model", out var modelId) || modelId.ValueKind != JsonValueKind.String)
        {
            throw Invalid("\"model\" (the model id) is missing");
        }

        if (modelId.GetString() != model.Id)
        {
            throw new ArgumentException(SimulationMessages.JsonModelMismatch(modelId.GetString()!, model.Id), "json");
        }

        var set = ParameterSet.Defaults(model);
        var values = set.ToVector();
        var sources = new Citation?[values.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        ReadArray(root, "parameters", QuantityKind.Parameter, set, values, sources, seen);
        ReadArray(root, "inputs", QuantityKind.Input, set, values, sources, seen);
        return set.WithValidated(values, sources);
    }

    private static void ReadArray(JsonElement root, string property, QuantityKind kind, ParameterSet set, double[] values, Citation?[] sources,
        HashSet<string> seen)
    {
        if (!root.TryGetProperty(property, out var array))
        {
            return;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"\"{property}\" must be an array");
        }

        var position = 0;
        foreach (var entry in array.EnumerateArray())
        {
            var where = $"{property}[{position++}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"{where} must be an object");
            }

            var name = RequiredString(entry, "name", where);
            var i = set.IndexOf(name);
            var quantity = set.QuantityAt(i);
            if (quantity.Kind != kind)
            {
                throw Invalid(SimulationMessages.JsonWrongKind(name, property, quantity.Kind == QuantityKind.Input ? "input" : "parameter"));
            }

            if (!seen.Add(name))
            {
                throw Invalid(SimulationMessages.JsonDuplicate(name));
            }

            if (!entry.TryGetProperty("value", out var valueElement) || valueElement.ValueKind != JsonValueKind.Number
                || !valueElement.TryGetDouble(out var value))
            {
                throw Invalid($"{where} ('{name}') needs a numeric \"value\"");
            }

            var unitText = RequiredString(entry, "unit", $"{where} ('{name}')");
            if (!Unit.TryParse(unitText, out var unit, out var unitError))
            {
                throw Invalid($"'{name}': {unitError}");
            }

            if (!unit.Equals(quantity.Unit))
            {
                throw new ArgumentException(SimulationMessages.JsonUnitMismatch(name, unitText, quantity.Unit), "json");
            }

            set.Validate(i, value, "json");
            values[i] = value;
            if (entry.TryGetProperty("source", out var sourceElement))
            {
                var source = ReadCitation(sourceElement, $"{where} ('{name}')");
                var declared = quantity is ModelParameter p ? p.Source : null;
                sources[i] = source == declared ? null : source;
            }
        }
    }

    private static string RequiredString(JsonElement entry, string property, string where) =>
        entry.TryGetProperty(property, out var e) && e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString())
            ? e.GetString()!
            : throw Invalid($"{where} needs a \"{property}\" text");

    private static Citation ReadCitation(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{where}: \"source\" must be an object with at least \"text\"");
        }

        string? Optional(string property) =>
            e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        return new Citation(RequiredString(e, "text", $"{where} source"), Optional("doi"), Optional("url"), Optional("codePath"), Optional("note"));
    }

    private static void WriteCitation(Utf8JsonWriter w, Citation c)
    {
        w.WriteStartObject("source");
        w.WriteString("text", c.Text);
        void Optional(string name, string? value)
        {
            if (value is not null)
            {
                w.WriteString(name, value);
            }
        }

        Optional("doi", c.Doi);
        Optional("url", c.Url);
        Optional("codePath", c.CodePath);
        Optional("note", c.Note);
        w.WriteEndObject();
    }

    private static ArgumentException Invalid(string reason) => new(SimulationMessages.JsonInvalid("", reason), "json");
}
