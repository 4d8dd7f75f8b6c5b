using System.Globalization;
using System.Text;
using System.Text.Json;
using OsteoOde.Analysis.Figures;
using OsteoOde.Numerics;

namespace OsteoOde.Plotting;

/// <summary>A manifest could not be read: malformed JSON, a missing or invalid field. The message names the field.</summary>
public sealed class FigureManifestException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the field.</param>
    public FigureManifestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FigureManifestException()
        : base("The figure manifest is invalid.")
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">Message.</param>
    /// <param name="innerException">Cause.</param>
    public FigureManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A model of a manifest.</summary>
/// <param name="Id">Model id.</param>
/// <param name="Variant">Variant label (empty for models without options).</param>
/// <param name="ContentHash">Model content hash at the time the figure was made.</param>
public sealed record ManifestModel(string Id, string Variant, string ContentHash);

/// <summary>One parameter difference from the model defaults.</summary>
/// <param name="Model">Model id.</param>
/// <param name="Variant">Model variant.</param>
/// <param name="Name">Parameter or input.</param>
/// <param name="Kind"><c>parameter</c> or <c>input</c>.</param>
/// <param name="Default">Model default.</param>
/// <param name="Value">Value used.</param>
/// <param name="Unit">Unit.</param>
public sealed record ManifestParameterChange(string Model, string Variant, string Name, string Kind, double Default, double Value, string Unit);

/// <summary>The solver settings of a manifest.</summary>
/// <param name="Method">Method name.</param>
/// <param name="RelativeTolerance">Relative tolerance.</param>
/// <param name="AbsoluteTolerance">Absolute tolerance.</param>
/// <param name="MaxSteps">Step limit.</param>
public sealed record ManifestSolver(string Method, double RelativeTolerance, double AbsoluteTolerance, int MaxSteps);

/// <summary>A file written with the figure and its SHA-256.</summary>
/// <param name="File">File name, relative to the manifest's folder.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
public sealed record ManifestFile(string File, string Sha256);

/// <summary>The figure's data file.</summary>
/// <param name="File">CSV file name, relative to the manifest's folder.</param>
/// <param name="Sha256">SHA-256 of its bytes.</param>
/// <param name="Rows">Data rows (without the header).</param>
/// <param name="Columns">Header labels (<c>name [unit]</c>).</param>
public sealed record ManifestData(string File, string Sha256, int Rows, IReadOnlyList<string> Columns);

/// <summary>
/// Provenance of one figure (<c>NAME.manifest.json</c> next to its files): what was computed (figure, models with content
/// hashes, parameter changes, solver settings, seeds), by what (package versions, git commit), when, and the data file's
/// SHA-256, so <c>osteo reproduce</c> can run it again and compare. Format <see cref="FormatName"/>, version
/// <see cref="FormatVersion"/>.
/// </summary>
/// <param name="Figure">Figure name.</param>
/// <param name="Title">Figure title.</param>
/// <param name="Created">Creation time (UTC).</param>
/// <param name="Models">Models run.</param>
/// <param name="Parameters">Parameter changes given to the figure (name → value), applied to every model it runs.</param>
/// <param name="ParameterDiff">The resulting differences from each model's defaults.</param>
/// <param name="Solver">Solver settings.</param>
/// <param name="Seeds">Random seeds by purpose (empty: the figure uses no randomness).</param>
/// <param name="Packages">Package versions by name.</param>
/// <param name="Git">Source revision.</param>
/// <param name="Data">The data file.</param>
/// <param name="Files">Other files written (HTML, SVG, PNG).</param>
/// <param name="Tolerance">Agreement tolerance <c>osteo reproduce</c> uses by default.</param>
public sealed record FigureManifest(
    string Figure,
    string Title,
    DateTimeOffset Created,
    IReadOnlyList<ManifestModel> Models,
    IReadOnlyDictionary<string, double> Parameters,
    IReadOnlyList<ManifestParameterChange> ParameterDiff,
    ManifestSolver Solver,
    IReadOnlyDictionary<string, long> Seeds,
    IReadOnlyList<KeyValuePair<string, string>> Packages,
    SourceRevision Git,
    ManifestData Data,
    IReadOnlyList<ManifestFile> Files,
    double Tolerance)
{
    /// <summary>Value of the <c>format</c> field.</summary>
    public const string FormatName = "osteoode-figure-manifest";

    /// <summary>Value of the <c>version</c> field written by this code (files of other versions are refused).</summary>
    public const int FormatVersion = 1;

    /// <summary>The manifest of computed figure data and its files.</summary>
    /// <param name="data">Figure data.</param>
    /// <param name="dataFile">The data file entry.</param>
    /// <param name="files">Other files.</param>
    /// <param name="created">Creation time.</param>
    /// <returns>The manifest, with this build's package versions and source revision.</returns>
    public static FigureManifest Create(FigureData data, ManifestData dataFile, IReadOnlyList<ManifestFile> files, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(dataFile);
        ArgumentNullException.ThrowIfNull(files);
        var s = data.Solver;
        return new FigureManifest(
            data.Name, data.Title, created.ToUniversalTime(),
            [.. data.Models.Select(m => new ManifestModel(m.Id, m.Variant, m.ContentHash))],
            new SortedDictionary<string, double>(data.Settings.Parameters.ToDictionary(), StringComparer.Ordinal),
            [.. data.Models.SelectMany(m => m.ParameterChanges.Select(c =>
                new ManifestParameterChange(m.Id, m.Variant, c.Name, c.Kind == Modeling.QuantityKind.Input ? "input" : "parameter", c.Default, c.Value, c.Unit.ToString())))],
            new ManifestSolver(s.Method, s.RelativeTolerance, s.AbsoluteTolerance, s.MaxSteps),
            new SortedDictionary<string, long>(data.Seeds.ToDictionary(), StringComparer.Ordinal),
            BuildProvenance.Packages(), BuildProvenance.Revision(), dataFile, files, TableComparison.DefaultTolerance);
    }

    /// <summary>The settings that recompute the figure: the recorded parameter changes and solver settings on top of the figure's defaults.</summary>
    /// <param name="definition">The figure.</param>
    /// <returns>The settings.</returns>
    public FigureSettings ToSettings(FigureDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new FigureSettings
        {
            Parameters = new Dictionary<string, double>(Parameters, StringComparer.Ordinal),
            Solver = definition.DefaultSolver with
            {
                Method = Solver.Method,
                RelativeTolerance = Solver.RelativeTolerance,
                AbsoluteTolerance = Solver.AbsoluteTolerance,
                MaxSteps = Solver.MaxSteps,
            },
        };
    }

    /// <summary>The manifest as indented JSON (UTF-8 text, LF line ends, shortest round-trip numbers).</summary>
    /// <returns>The text.</returns>
    public string ToJson() => ManifestJson.Object(w =>
    {
        w.WriteString("format", FormatName);
        w.WriteNumber("version", FormatVersion);
        w.WriteString("figure", Figure);
        w.WriteString("title", Title);
        ManifestJson.WriteCreated(w, Created);
        ManifestJson.WriteModels(w, Models);
        w.WriteStartObject("parameters");
        foreach (var (name, value) in Parameters)
        {
            w.WriteNumber(name, value);
        }

        w.WriteEndObject();
        ManifestJson.WriteParameterDiff(w, ParameterDiff);
        ManifestJson.WriteSolver(w, Solver);
        w.WriteStartObject("seeds");
        foreach (var (purpose, seed) in Seeds)
        {
            w.WriteNumber(purpose, seed);
        }

        w.WriteEndObject();
        ManifestJson.WriteBuild(w, Packages, Git);
        ManifestJson.WriteFiles(w, Data, Files);
        w.WriteStartObject("reproduce");
        w.WriteNumber("tolerance", Tolerance);
        w.WriteString("command", $"osteo reproduce {Figure}.manifest.json");
        w.WriteEndObject();
    });

    /// <summary>Reads a manifest, checking every field.</summary>
    /// <param name="json">Manifest text.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="FigureManifestException">Malformed JSON, another format or version, a missing or invalid field (named).</exception>
    public static FigureManifest FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FigureManifestException($"not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FigureManifestException("the top level must be a JSON object.");
            }

            var format = ReadString(root, "format");
            if (format != FormatName)
            {
                throw new FigureManifestException($"field 'format' is '{format}', not '{FormatName}': this is not an OsteoOde figure manifest.");
            }

            var version = ReadInt(root, "version");
            if (version != FormatVersion)
            {
                throw new FigureManifestException(string.Create(CultureInfo.InvariantCulture, $"field 'version' is {version}; this OsteoOde reads version {FormatVersion}."));
            }

            var figure = ReadString(root, "figure");
            var title = ReadString(root, "title");
            var createdText = ReadString(root, "created");
            if (!DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
            {
                throw new FigureManifestException($"field 'created' ('{createdText}') is not an ISO 8601 time.");
            }

            var models = ReadArray(root, "models").Select((m, i) => new ManifestModel(
                ReadString(m, "id", $"models[{i}]"), ReadString(m, "variant", $"models[{i}]"), ReadHash(m, "contentHash", $"models[{i}]"))).ToList();
            if (models.Count == 0)
            {
                throw new FigureManifestException("field 'models' is empty.");
            }

            var parameters = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var p in ReadObject(root, "parameters").EnumerateObject())
            {
                parameters[p.Name] = ReadNumber(p.Value, "parameters." + p.Name);
            }

            var diff = ReadArray(root, "parameterDiff").Select((c, i) =>
            {
                var where = $"parameterDiff[{i}]";
                return new ManifestParameterChange(ReadString(c, "model", where), ReadString(c, "variant", where), ReadString(c, "name", where), ReadString(c, "kind", where),
                    ReadNumber(ReadProperty(c, "default", where), where + ".default"), ReadNumber(ReadProperty(c, "value", where), where + ".value"), ReadString(c, "unit", where));
            }).ToList();
            var solver = ReadObject(root, "solver");
            var manifestSolver = new ManifestSolver(ReadString(solver, "method", "solver"), ReadPositive(solver, "relativeTolerance", "solver"),
                ReadPositive(solver, "absoluteTolerance", "solver"), ReadInt(solver, "maxSteps", "solver"));
            if (manifestSolver.MaxSteps < 1)
            {
                throw new FigureManifestException("field 'solver.maxSteps' must be at least 1.");
            }

            var seeds = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var s in ReadObject(root, "seeds").EnumerateObject())
            {
                seeds[s.Name] = s.Value.ValueKind == JsonValueKind.Number && s.Value.TryGetInt64(out var seed) ? seed
                    : throw new FigureManifestException($"field 'seeds.{s.Name}' must be an integer.");
            }

            var packages = ReadObject(root, "packages").EnumerateObject()
                .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()!
                    : throw new FigureManifestException($"field 'packages.{p.Name}' must be a string."))).ToList();
            var git = ReadObject(root, "git");
            var data = ReadObject(root, "data");
            var dataFile = new ManifestData(ReadFileName(data, "file", "data"), ReadHash(data, "sha256", "data"), ReadInt(data, "rows", "data"),
                [.. ReadArray(data, "columns", "data").Select((c, i) => c.ValueKind == JsonValueKind.String ? c.GetString()! : throw new FigureManifestException($"field 'data.columns[{i}]' must be a string."))]);
            var files = ReadArray(root, "files").Select((f, i) => new ManifestFile(ReadFileName(f, "file", $"files[{i}]"), ReadHash(f, "sha256", $"files[{i}]"))).ToList();
            var reproduce = ReadObject(root, "reproduce");
            return new FigureManifest(figure, title, created, models, parameters, diff, manifestSolver, seeds, packages,
                new SourceRevision(ReadString(git, "commit", "git"), ReadString(git, "source", "git")), dataFile, files, ReadPositive(reproduce, "tolerance", "reproduce"));
        }
    }

    /// <summary>Reads a manifest file.</summary>
    /// <param name="path">Path.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="FigureManifestException">The file is missing, unreadable or invalid (the message names the file and field).</exception>
    public static FigureManifest Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FigureManifestException($"manifest '{path}' cannot be read: {e.Message}", e);
        }

        try
        {
            return FromJson(text);
        }
        catch (FigureManifestException e)
        {
            throw new FigureManifestException($"manifest '{path}': {e.Message}", e);
        }
    }

    private static JsonElement ReadProperty(JsonElement e, string name, string? where = null) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v
            : throw new FigureManifestException($"field '{FieldPath(where, name)}' is missing.");

    private static string FieldPath(string? where, string name) => where is null ? name : $"{where}.{name}";

    private static string ReadString(JsonElement e, string name, string? where = null)
    {
        var v = ReadProperty(e, name, where);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FigureManifestException($"field '{FieldPath(where, name)}' must be a string.");
    }

    private static string ReadFileName(JsonElement e, string name, string where)
    {
        var file = ReadString(e, name, where);
        return file.Length > 0 && file == System.IO.Path.GetFileName(file) && file.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) < 0
            ? file
            : throw new FigureManifestException($"field '{FieldPath(where, name)}' ('{file}') must be a plain file name next to the manifest.");
    }

    private static string ReadHash(JsonElement e, string name, string where)
    {
        var hash = ReadString(e, name, where);
        return hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower) ? hash
            : throw new FigureManifestException($"field '{FieldPath(where, name)}' must be 64 lower-case hex digits (a SHA-256).");
    }

    private static int ReadInt(JsonElement e, string name, string? where = null)
    {
        var v = ReadProperty(e, name, where);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw new FigureManifestException($"field '{FieldPath(where, name)}' must be an integer.");
    }

    private static double ReadNumber(JsonElement v, string what) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) ? d
            : throw new FigureManifestException($"field '{what}' must be a finite number.");

    private static double ReadPositive(JsonElement e, string name, string where)
    {
        var d = ReadNumber(ReadProperty(e, name, where), FieldPath(where, name));
        return d > 0 ? d : throw new FigureManifestException($"field '{FieldPath(where, name)}' must be positive.");
    }

    private static JsonElement ReadObject(JsonElement e, string name, string? where = null)
    {
        var v = ReadProperty(e, name, where);
        return v.ValueKind == JsonValueKind.Object ? v : throw new FigureManifestException($"field '{FieldPath(where, name)}' must be an object.");
    }

    private static IEnumerable<JsonElement> ReadArray(JsonElement e, string name, string? where = null)
    {
        var v = ReadProperty(e, name, where);
        return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : throw new FigureManifestException($"field '{FieldPath(where, name)}' must be an array.");
    }
}
