using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using OsteoOde.Numerics;

namespace OsteoOde.Modeling.Sbml;

/// <summary>
/// Writes a <see cref="Model"/> as SBML Level 3 Version 2 core, for COPASI, Tellurium/libRoadRunner and other SBML tools.
/// <list type="bullet">
/// <item>States: species in a constant 1-litre compartment when measured as a concentration (pM → substance units
/// 10⁻¹² mole, <c>hasOnlySubstanceUnits="false"</c>, so the species id reads pM in every tool) or as an amount
/// (<c>hasOnlySubstanceUnits="true"</c>); otherwise non-constant parameters. Every state has one rate rule (the sum of its
/// rate terms), so the equations are exactly the model's, with no reactions to reinterpret.</item>
/// <item>Parameters: constant parameters with value and units; inputs: non-constant parameters at their default value
/// (simulations switch them); assignments and observables: assignment rules.</item>
/// <item>Events: the root function <c>g</c> and its direction become the trigger <c>g &gt; 0</c> (rising) or
/// <c>g &lt; 0</c> (falling), written <c>a &gt; b</c> when <c>g = a − b</c>; a two-way event becomes two SBML events. Every
/// trigger has <c>initialValue="true"</c> (a condition already true at the start does not fire, as with root finding),
/// <c>persistent="true"</c> and <c>useValuesFromTriggerTime="true"</c> (there are no delays).</item>
/// <item>Doses: one event per dose time, trigger <c>time ≥ tₖ</c>, assignment <c>x := x + amount</c>;
/// <c>initialValue="false"</c> so a dose at t = 0 is given at the start.</item>
/// <item>Units: one unit definition per unit used (quantities, numbers in equations, the time unit), built from the written
/// symbols; every MathML number carries <c>sbml:units</c>.</item>
/// <item>Provenance: every quantity, event and dose carries an annotation in <see cref="AnnotationNamespace"/> (unit text,
/// description, source, bounds, tunable, scale, module, rate terms, open sum/product contributions) that
/// <see cref="SbmlImporter"/> reads back, and human-readable <c>&lt;notes&gt;</c>.</item>
/// </list>
/// Output is deterministic: the same model gives the same bytes (UTF-8, LF line ends, invariant round-trip numbers).
/// </summary>
public static class SbmlExporter
{
    /// <summary>XML namespace of OsteoOde annotations (prefix <c>osteo</c>).</summary>
    public const string AnnotationNamespace = "urn:osteoode:sbml:annotation:1";

    /// <summary>Version of the annotation format written in <c>osteo:model/@format</c>.</summary>
    public const int AnnotationFormat = 1;

    /// <summary>The SBML document as text (UTF-8 XML with declaration).</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">Options (<see langword="null"/> for defaults).</param>
    /// <returns>The SBML text.</returns>
    public static string Export(Model model, SbmlExportOptions? options = null)
    {
        using var stream = new MemoryStream();
        Save(model, stream, options);
        return new UTF8Encoding(false).GetString(stream.ToArray());
    }

    /// <summary>The SBML document as an XML tree.</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">Options (<see langword="null"/> for defaults).</param>
    /// <returns>The document.</returns>
    public static XDocument ToDocument(Model model, SbmlExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new Writer(model, options ?? new SbmlExportOptions()).Build();
    }

    /// <summary>Writes the SBML document to a stream (UTF-8 without byte-order mark, LF line ends).</summary>
    /// <param name="model">The model.</param>
    /// <param name="stream">Destination.</param>
    /// <param name="options">Options (<see langword="null"/> for defaults).</param>
    public static void Save(Model model, Stream stream, SbmlExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var document = ToDocument(model, options);
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using var writer = XmlWriter.Create(stream, settings);
        document.Save(writer);
    }

    /// <summary>Writes the SBML document to a file (written to a temporary file first, so a failure leaves no partial file).</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">File path.</param>
    /// <param name="options">Options (<see langword="null"/> for defaults).</param>
    public static void Save(Model model, string path, SbmlExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        try
        {
            using (var stream = File.Create(temporary))
            {
                Save(model, stream, options);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private enum StateForm
    {
        Concentration,
        Amount,
        Parameter,
    }

    private sealed class Writer
    {
        private static readonly XNamespace S = SbmlXml.L3V2;
        private static readonly XNamespace O = SbmlXml.Osteo;
        private static readonly XNamespace H = SbmlXml.Xhtml;
        private static readonly Unit Litre = Unit.Parse("L");

        private readonly Model _model;
        private readonly SbmlExportOptions _options;
        private readonly HashSet<string> _ids;
        private readonly Dictionary<string, string> _unitIds = new(StringComparer.Ordinal);
        private readonly HashSet<string> _unitIdSet = new(StringComparer.Ordinal);
        private readonly List<XElement> _unitDefinitions = [];
        private readonly UnitChecker _checker;
        private readonly SbmlMathWriter _math;

        public Writer(Model model, SbmlExportOptions options)
        {
            _model = model;
            _options = options;
            _ids = new HashSet<string>(model.States.Select(s => s.Name).Concat(model.Parameters.Select(p => p.Name))
                .Concat(model.Inputs.Select(i => i.Name)).Concat(model.Assignments.Select(a => a.Name)), StringComparer.Ordinal);
            _checker = new UnitChecker(model.UnitOf, model.TimeUnit);
            _math = new SbmlMathWriter(UnitReference, UnitOfExpression);
        }

        public XDocument Build()
        {
            var m = _model;
            var timeUnitId = UnitReference(m.TimeUnit, force: true)!;
            var forms = m.States.ToDictionary(s => s.Name, FormOf, StringComparer.Ordinal);
            var compartmentId = forms.Values.Any(f => f != StateForm.Parameter) ? AllocateId("compartment") : null;

            var species = new List<XElement>();
            var parameters = new List<XElement>();
            var initialAssignments = new List<XElement>();
            var rules = new List<XElement>();
            var events = new List<XElement>();

            foreach (var p in m.Parameters)
            {
                parameters.Add(Element("parameter", ParameterNotes(p), ParameterAnnotation(p),
                    new XAttribute("id", p.Name), new XAttribute("value", SbmlXml.Number(p.Value)), UnitsAttribute("units", p.Unit),
                    new XAttribute("constant", "true")));
            }

            foreach (var i in m.Inputs)
            {
                var annotation = Osteo("input", i.Module, new XAttribute("unit", i.Unit.ToString()), new XAttribute("description", i.Description),
                    double.IsFinite(i.LowerBound) ? new XAttribute("lowerBound", SbmlXml.Number(i.LowerBound)) : null,
                    double.IsFinite(i.UpperBound) ? new XAttribute("upperBound", SbmlXml.Number(i.UpperBound)) : null);
                parameters.Add(Element("parameter", Notes($"Input (switched by simulations; default {SbmlXml.Number(i.DefaultValue)} {i.Unit}; allowed {SimulationMessages.Range(i.LowerBound, i.UpperBound)}): {i.Description}"),
                    Annotation(annotation), new XAttribute("id", i.Name), new XAttribute("value", SbmlXml.Number(i.DefaultValue)), UnitsAttribute("units", i.Unit),
                    new XAttribute("constant", "false")));
            }

            for (var index = 0; index < m.States.Count; index++)
            {
                var s = m.States[index];
                var form = forms[s.Name];
                var initialValue = s.InitialIsExpression ? (double?)null : s.Initial.Value;
                var rateUnit = s.Unit / m.TimeUnit;
                var annotation = Osteo("state", s.Module, new XAttribute("index", index.ToString(CultureInfo.InvariantCulture)),
                    new XAttribute("unit", s.Unit.ToString()), new XAttribute("description", s.Description),
                    new XAttribute("nonNegative", SbmlXml.Bool(s.NonNegative)));
                foreach (var term in s.RateTerms)
                {
                    annotation.Add(Term(term, rateUnit));
                }

                var notes = Notes($"State: {s.Description} [{s.Unit}]");
                if (form == StateForm.Parameter)
                {
                    parameters.Add(Element("parameter", notes, Annotation(annotation), new XAttribute("id", s.Name),
                        initialValue is double v ? new XAttribute("value", SbmlXml.Number(v)) : null, UnitsAttribute("units", s.Unit),
                        new XAttribute("constant", "false")));
                }
                else
                {
                    var concentration = form == StateForm.Concentration;
                    var substance = concentration ? SbmlUnits.Simplify(s.Unit * Litre) : s.Unit;
                    species.Add(Element("species", notes, Annotation(annotation), new XAttribute("id", s.Name), new XAttribute("compartment", compartmentId!),
                        initialValue is double v ? new XAttribute(concentration ? "initialConcentration" : "initialAmount", SbmlXml.Number(v)) : null,
                        new XAttribute("substanceUnits", UnitReference(substance, force: true)!),
                        new XAttribute("hasOnlySubstanceUnits", SbmlXml.Bool(!concentration)), new XAttribute("boundaryCondition", "false"),
                        new XAttribute("constant", "false")));
                }

                if (s.InitialIsExpression)
                {
                    initialAssignments.Add(new XElement(S + "initialAssignment", new XAttribute("symbol", s.Name), _math.Math(s.Initial, s.Unit)));
                }
            }

            foreach (var a in m.Assignments)
            {
                var kind = a.AssignmentKind switch
                {
                    AssignmentKind.OpenSum => "openSum",
                    AssignmentKind.OpenProduct => "openProduct",
                    _ => "expression",
                };
                var annotation = Osteo("assignment", a.Module, new XAttribute("kind", kind), new XAttribute("unit", a.Unit.ToString()),
                    new XAttribute("unitDeclared", SbmlXml.Bool(a.UnitDeclared)), new XAttribute("observable", SbmlXml.Bool(a.IsObservable)),
                    a.IsTimeColumn ? new XAttribute("timeColumn", "true") : null, new XAttribute("description", a.Description));
                foreach (var term in a.Contributions)
                {
                    annotation.Add(Term(term, a.Unit));
                }

                var what = a.IsTimeColumn ? "Time column" : a.IsObservable ? "Observable" : a.AssignmentKind == AssignmentKind.Expression ? "Assignment" : "Extension point";
                parameters.Add(Element("parameter", Notes(a.Description.Length > 0 ? $"{what}: {a.Description}" : what), Annotation(annotation),
                    new XAttribute("id", a.Name), UnitsAttribute("units", a.Unit), new XAttribute("constant", "false")));
                rules.Add(new XElement(S + "assignmentRule", new XAttribute("variable", a.Name), _math.Math(a.Expression, a.Unit)));
            }

            foreach (var s in m.States)
            {
                rules.Add(new XElement(S + "rateRule", new XAttribute("variable", s.Name), _math.Math(s.Rate, s.Unit / m.TimeUnit)));
            }

            foreach (var e in m.Events)
            {
                events.AddRange(EventElements(e));
            }

            foreach (var d in m.Doses)
            {
                events.AddRange(DoseElements(d));
            }

            var compartments = compartmentId is null ? null : new XElement(S + "listOfCompartments",
                new XElement(S + "compartment", new XAttribute("id", compartmentId), new XAttribute("spatialDimensions", "3"),
                    new XAttribute("size", "1"), new XAttribute("units", "litre"), new XAttribute("constant", "true")));

            var modelElement = new XElement(S + "model",
                new XAttribute("id", m.Id),
                string.IsNullOrWhiteSpace(m.Title) ? null : new XAttribute("name", m.Title),
                new XAttribute("timeUnits", timeUnitId),
                compartmentId is null ? null : new XAttribute("volumeUnits", "litre"),
                ModelNotes(),
                Annotation(ModelAnnotation()),
                _unitDefinitions.Count == 0 ? null : new XElement(S + "listOfUnitDefinitions", _unitDefinitions),
                compartments,
                List("listOfSpecies", species),
                List("listOfParameters", parameters),
                List("listOfInitialAssignments", initialAssignments),
                List("listOfRules", rules),
                List("listOfEvents", events));

            var root = new XElement(S + "sbml",
                new XAttribute("xmlns", S.NamespaceName),
                new XAttribute("level", "3"), new XAttribute("version", "2"),
                modelElement);
            return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
        }

        // ---- states, events, doses ------------------------------------------------------------------------------------

        private StateForm FormOf(ModelState s)
        {
            if (_options.States == SbmlStateEncoding.Parameters)
            {
                return StateForm.Parameter;
            }

            var u = s.Unit;
            var amount = u.Exponent(BaseDimension.Amount);
            var cells = u.Exponent(BaseDimension.Cells);
            var items = u.Exponent(BaseDimension.Items);
            var length = u.Exponent(BaseDimension.Length);
            var countsOne = (amount, cells, items) is (1, 0, 0) or (0, 1, 0) or (0, 0, 1);
            if (!countsOne || u.Exponent(BaseDimension.Mass) != 0 || u.Exponent(BaseDimension.Time) != 0)
            {
                return StateForm.Parameter;
            }

            return length switch
            {
                -3 => StateForm.Concentration,
                0 => StateForm.Amount,
                _ => StateForm.Parameter,
            };
        }

        private IEnumerable<XElement> EventElements(ModelEvent e)
        {
            (EventDirection Direction, string? Part)[] parts = e.Direction == EventDirection.Both
                ? [(EventDirection.Rising, "rising"), (EventDirection.Falling, "falling")]
                : [(e.Direction, null)];
            foreach (var (direction, part) in parts)
            {
                var id = AllocateId(part is null ? e.Name : e.Name + "_" + part);
                var annotation = Osteo("event", e.Module, new XAttribute("name", e.Name),
                    new XAttribute("direction", DirectionText(e.Direction)), part is null ? null : new XAttribute("part", part),
                    new XAttribute("terminal", SbmlXml.Bool(e.Terminal)), new XAttribute("description", e.Description));
                var (left, right) = e.Trigger.Kind == ExprKind.Subtract ? (e.Trigger.Arguments[0], e.Trigger.Arguments[1]) : (e.Trigger, Expr.Zero);
                var trigger = new XElement(S + "trigger", new XAttribute("initialValue", "true"), new XAttribute("persistent", "true"),
                    _math.Comparison(direction == EventDirection.Rising ? "gt" : "lt", left, right));
                var assignments = e.Assignments.Select(a => new XElement(S + "eventAssignment", new XAttribute("variable", a.State),
                    _math.Math(a.Value, _model.UnitOf(a.State)))).ToList();
                var text = (e.Description.Length > 0 ? e.Description + ". " : "")
                    + $"Fires when '{e.Trigger}' crosses zero {(direction == EventDirection.Rising ? "upwards" : "downwards")}"
                    + (e.Terminal ? "; terminal in OsteoOde (stops the integration)." : ".");
                yield return Element("event", Notes(text), Annotation(annotation),
                    new XAttribute("id", id), new XAttribute("useValuesFromTriggerTime", "true"),
                    trigger, List("listOfEventAssignments", assignments));
            }
        }

        private IEnumerable<XElement> DoseElements(ModelDose d)
        {
            var unit = _model.UnitOf(d.State);
            for (var k = 0; k < d.Times.Count; k++)
            {
                var time = d.Times[k];
                var id = AllocateId(d.Name + "_" + (k + 1).ToString(CultureInfo.InvariantCulture));
                var annotation = Osteo("dose", d.Module, new XAttribute("name", d.Name), new XAttribute("state", d.State),
                    new XAttribute("index", k.ToString(CultureInfo.InvariantCulture)), new XAttribute("time", SbmlXml.Number(time)),
                    new XAttribute("description", d.Description), _math.Math(d.Amount, unit));
                var trigger = new XElement(S + "trigger", new XAttribute("initialValue", SbmlXml.Bool(time < 0)), new XAttribute("persistent", "true"),
                    _math.Comparison("geq", Expr.Time, Expr.Quantity(time, _model.TimeUnit)));
                var assignment = new XElement(S + "eventAssignment", new XAttribute("variable", d.State),
                    _math.Math(Expr.Symbol(d.State) + d.Amount, unit));
                var text = (d.Description.Length > 0 ? d.Description + ". " : "")
                    + $"Dose {k + 1} of {d.Times.Count}: {d.State} += {d.Amount} at t = {SbmlXml.Number(time)} {_model.TimeUnit}.";
                yield return Element("event", Notes(text), Annotation(annotation),
                    new XAttribute("id", id), new XAttribute("useValuesFromTriggerTime", "true"),
                    trigger, new XElement(S + "listOfEventAssignments", assignment));
            }
        }

        private static string DirectionText(EventDirection d) => d switch
        {
            EventDirection.Rising => "rising",
            EventDirection.Falling => "falling",
            _ => "both",
        };

        private XElement Term(RateTerm term, Unit unit) =>
            new(O + "term", new XAttribute("name", term.Name), term.Module is null ? null : new XAttribute("module", term.Module),
                _math.Math(term.Expression, unit));

        // ---- annotations and notes ------------------------------------------------------------------------------------

        private XElement ModelAnnotation()
        {
            var m = _model;
            var e = new XElement(O + "model", new XAttribute(XNamespace.Xmlns + SbmlXml.OsteoPrefix, O.NamespaceName),
                new XAttribute("format", AnnotationFormat.ToString(CultureInfo.InvariantCulture)),
                new XAttribute("title", m.Title), new XAttribute("description", m.Description),
                new XAttribute("timeUnit", m.TimeUnit.ToString()), new XAttribute("unitsChecked", SbmlXml.Bool(m.UnitsChecked)));
            foreach (var source in m.Sources)
            {
                e.Add(Citation(source));
            }

            foreach (var module in m.Modules)
            {
                e.Add(new XElement(O + "module", new XAttribute("name", module.Name), new XAttribute("description", module.Description),
                    module.DependsOn.Select(d => new XElement(O + "dependsOn", new XAttribute("name", d)))));
            }

            // Output order of observables (ModelBuilder.OrderObservables), written only when it differs from declaration order.
            var declared = m.Assignments.Where(a => a.IsObservable && !a.IsTimeColumn).Select(a => a.Name);
            if (!declared.SequenceEqual(m.Observables.Select(a => a.Name), StringComparer.Ordinal))
            {
                e.Add(new XElement(O + "observableOrder", new XAttribute("names", string.Join(" ", m.Observables.Select(a => a.Name)))));
            }

            return e;
        }

        private XElement ParameterAnnotation(ModelParameter p) =>
            Annotation(Osteo("parameter", p.Module, new XAttribute("unit", p.Unit.ToString()), new XAttribute("description", p.Description),
                new XAttribute("lowerBound", SbmlXml.Number(p.LowerBound)), new XAttribute("upperBound", SbmlXml.Number(p.UpperBound)),
                new XAttribute("tunable", SbmlXml.Bool(p.Tunable)), new XAttribute("scale", p.Scale == ParameterScale.Log ? "log" : "linear"),
                Citation(p.Source)));

        private static XElement Citation(Citation c) =>
            new(O + "source", new XAttribute("text", c.Text),
                string.IsNullOrEmpty(c.Doi) ? null : new XAttribute("doi", c.Doi),
                string.IsNullOrEmpty(c.Url) ? null : new XAttribute("url", c.Url),
                string.IsNullOrEmpty(c.CodePath) ? null : new XAttribute("codePath", c.CodePath),
                string.IsNullOrEmpty(c.Note) ? null : new XAttribute("note", c.Note));

        private static XElement Osteo(string name, string? module, params object?[] content) =>
            new(O + name, new XAttribute(XNamespace.Xmlns + SbmlXml.OsteoPrefix, O.NamespaceName),
                module is null ? null : new XAttribute("module", module), content);

        private static XElement Annotation(XElement osteo) => new(S + "annotation", osteo);

        private static XElement Notes(string text) =>
            new(S + "notes", new XElement(H + "p", new XAttribute("xmlns", H.NamespaceName), text));

        private XElement ParameterNotes(ModelParameter p) =>
            Notes($"{p.Description} [{p.Unit}]. Source: {p.Source}. Plausible range [{SbmlXml.Number(p.LowerBound)}, {SbmlXml.Number(p.UpperBound)}], "
                + $"{(p.Scale == ParameterScale.Log ? "log" : "linear")} scale, {(p.Tunable ? "tunable" : "fixed")}.");

        private XElement ModelNotes()
        {
            var m = _model;
            var body = new XElement(H + "body", new XAttribute("xmlns", H.NamespaceName));
            body.Add(new XElement(H + "p", string.IsNullOrWhiteSpace(m.Title) ? m.Id : $"{m.Title} ({m.Id})"));
            if (!string.IsNullOrWhiteSpace(m.Description))
            {
                body.Add(new XElement(H + "p", m.Description));
            }

            if (m.Sources.Count > 0)
            {
                body.Add(new XElement(H + "p", "Sources:"), new XElement(H + "ul", m.Sources.Select(s => new XElement(H + "li", s.ToString()))));
            }

            if (m.Modules.Count > 0)
            {
                body.Add(new XElement(H + "p", "Modules applied to the base model:"),
                    new XElement(H + "ul", m.Modules.Select(x => new XElement(H + "li", $"{x.Name}: {x.Description}"))));
            }

            body.Add(new XElement(H + "p",
                $"Exported by OsteoOde as SBML Level 3 Version 2 core. Time unit: {m.TimeUnit}. "
                + "Every state has one rate rule; units, descriptions, sources, bounds, rate terms and modules are also stored in "
                + $"annotations in the namespace {AnnotationNamespace}."
                + (m.UnitsChecked ? "" : " The source of this model declared no units; units shown as 1 are unknown.")));
            body.Add(Table("States", ["state", "unit", "initial value", "description"],
                m.States.Select(s => new[] { s.Name, s.Unit.ToString(), s.InitialIsExpression ? s.Initial.ToString() : SbmlXml.Number(s.Initial.Value), s.Description })));
            if (_options.ParameterTableInNotes)
            {
                body.Add(Table("Parameters", ["parameter", "value", "unit", "description", "source", "lower bound", "upper bound", "scale", "tunable"],
                    m.Parameters.Select(p => new[]
                    {
                        p.Name, SbmlXml.Number(p.Value), p.Unit.ToString(), p.Description, p.Source.ToString(), SbmlXml.Number(p.LowerBound),
                        SbmlXml.Number(p.UpperBound), p.Scale == ParameterScale.Log ? "log" : "linear", p.Tunable ? "yes" : "no",
                    })));
            }

            if (m.Inputs.Count > 0)
            {
                body.Add(Table("Inputs", ["input", "default", "unit", "allowed range", "description"],
                    m.Inputs.Select(i => new[] { i.Name, SbmlXml.Number(i.DefaultValue), i.Unit.ToString(), SimulationMessages.Range(i.LowerBound, i.UpperBound), i.Description })));
            }

            return new XElement(S + "notes", body);
        }

        private static IEnumerable<XElement> Table(string caption, string[] header, IEnumerable<string[]> rows)
        {
            var list = rows.ToList();
            if (list.Count == 0)
            {
                yield break;
            }

            yield return new XElement(H + "p", caption + ":");
            yield return new XElement(H + "table",
                new XElement(H + "thead", new XElement(H + "tr", header.Select(h => new XElement(H + "th", h)))),
                new XElement(H + "tbody", list.Select(r => new XElement(H + "tr", r.Select(c => new XElement(H + "td", c))))));
        }

        // ---- units and ids --------------------------------------------------------------------------------------------

        private XAttribute? UnitsAttribute(string name, Unit unit) =>
            UnitReference(unit) is string id ? new XAttribute(name, id) : null;

        private string? UnitReference(Unit unit) => UnitReference(unit, force: false);

        /// <summary>The unit definition id of a unit (registered on first use); "dimensionless" for 1; null for unknown units.</summary>
        private string? UnitReference(Unit unit, bool force)
        {
            if (unit.IsOne && unit.Factors.Count == 0)
            {
                // Models imported without units record unknown units as 1: leave them undeclared rather than claim "dimensionless".
                return _model.UnitsChecked || force ? "dimensionless" : null;
            }

            var key = unit.ToString();
            if (_unitIds.TryGetValue(key, out var known))
            {
                return known;
            }

            var id = SbmlUnits.IdFor(unit);
            if (id == "u_" || id == "u_1")
            {
                id = "u_dimensionless";
            }

            var unique = id;
            for (var n = 2; !_unitIdSet.Add(unique); n++)
            {
                unique = id + "_" + n.ToString(CultureInfo.InvariantCulture);
            }

            _unitIds[key] = unique;
            _unitDefinitions.Add(new XElement(S + "unitDefinition", new XAttribute("id", unique), new XAttribute("name", key),
                new XElement(S + "listOfUnits", SbmlUnits.ToTerms(unit).Select(t => new XElement(S + "unit",
                    new XAttribute("kind", t.Kind), new XAttribute("exponent", t.Exponent.ToString(CultureInfo.InvariantCulture)),
                    new XAttribute("scale", t.Scale.ToString(CultureInfo.InvariantCulture)), new XAttribute("multiplier", SbmlXml.Number(t.Multiplier)))))));
            return unique;
        }

        private Unit? UnitOfExpression(Expr e)
        {
            if (!_model.UnitsChecked)
            {
                return null;
            }

            var t = _checker.Infer(e, "SBML export", null);
            return t.Kind == UnitTypeKind.Real ? t.Unit : null;
        }

        private string AllocateId(string preferred)
        {
            var id = preferred;
            for (var n = 2; !_ids.Add(id); n++)
            {
                id = preferred + "_" + n.ToString(CultureInfo.InvariantCulture);
            }

            return id;
        }

        private static XElement? List(string name, List<XElement> items) => items.Count == 0 ? null : new XElement(S + name, items);

        private static XElement Element(string name, params object?[] content)
        {
            // SBase order: notes and annotation come before every other child; attributes may appear anywhere in content.
            return new XElement(S + name, content);
        }
    }
}
