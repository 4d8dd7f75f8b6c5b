using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using OsteoOde.Numerics;

namespace OsteoOde.Modeling.Sbml;

/// <summary>
/// Reads SBML Level 2 (versions 1–5) and Level 3 (versions 1–2) core into a <see cref="Model"/>.
/// <list type="bullet">
/// <item>What becomes what: a species or parameter with an assignment rule becomes an assignment; with a rate rule, reactions
/// (non-boundary species) or event assignments, a state; otherwise a parameter (an initial assignment makes it an assignment
/// fixed at its start value). Compartments become parameters when a formula uses their size.</item>
/// <item>Species: the state is what the species id means in SBML math, the concentration when
/// <c>hasOnlySubstanceUnits="false"</c> and the amount otherwise. Reactions add one named rate term per reaction:
/// stoichiometry × rate (× conversion factor), divided by the compartment size for concentrations. Initial amounts and
/// concentrations are converted with the compartment's size.</item>
/// <item>Events: a trigger <c>a &gt; b</c> becomes a root <c>a − b</c> crossing upwards, <c>a &lt; b</c> downwards; <c>and</c>,
/// <c>or</c> and <c>not</c> become min, max and a reversed direction (so strict and non-strict comparisons fire at the same
/// crossing). An event that fires at t = 0 (see <see cref="SbmlImportOptions.InitialTriggers"/>) is applied to the initial
/// values: each target starts at <c>piecewise(value at 0, trigger at 0, initial value)</c>, events taken in document order.
/// SBML assumes the simulation starts at t = 0.</item>
/// <item>Function definitions are inlined; local parameters of kinetic laws become parameters named
/// <c>reaction_parameter</c>; ids <c>t</c> and <c>time</c> (reserved in OsteoOde) get a trailing underscore.</item>
/// <item>Units come from the OsteoOde annotation, else from the document's unit definitions; SBML Level 2's implicit defaults
/// (mole, litre, second) are not assumed, because most files rely on them without meaning them. See <see cref="SbmlUnitPolicy"/>.</item>
/// <item>Documents written by <see cref="SbmlExporter"/> come back with every parameter's provenance, the rate terms, open
/// sums and products, observables, inputs, events, doses and modules, so the compiled model is identical.</item>
/// </list>
/// Constructs OsteoOde cannot represent (algebraic rules, delays, variable compartments, fast reactions, variable
/// stoichiometry, required packages, functions such as sin of a variable) raise <see cref="SbmlUnsupportedException"/>
/// naming the element and id; nothing is silently approximated.
/// </summary>
public static class SbmlImporter
{
    /// <summary>Imports SBML text.</summary>
    /// <param name="xml">The document.</param>
    /// <param name="options">Options (<see langword="null"/> for defaults).</param>
    /// <returns>The model and the import decisions.</returns>
    /// <exception cref="SbmlImportException">Malformed or invalid SBML, or a model that does not build.</exception>
    /// <exception cref="SbmlUnsupportedException">A construct OsteoOde cannot represent.</exception>
    public static SbmlImportResult Import(string xml, SbmlImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new SbmlImportException($"The SBML text is not well-formed XML: {ex.Message}", "sbml", null, ex);
        }

        return Import(document, options);
    }

    /// <summary>Imports an SBML file.</summary>
    /// <param name="path">File path.</param>
    /// <param name="options">Options (<see langword="null"/> for defaults; <see cref="SbmlImportOptions.SourceName"/> defaults to the file name).</param>
    /// <returns>The model and the import decisions.</returns>
    public static SbmlImportResult ImportFile(string path, SbmlImportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"SBML file '{path}' does not exist.", nameof(path));
        }

        options ??= new SbmlImportOptions();
        return Import(File.ReadAllText(path), options.SourceName is null ? options with { SourceName = Path.GetFileName(path) } : options);
    }

    /// <summary>Imports an SBML document tree.</summary>
    /// <param name="document">The document.</param>
    /// <param name="options">Options (<see langword="null"/> for defaults).</param>
    /// <returns>The model and the import decisions.</returns>
    public static SbmlImportResult Import(XDocument document, SbmlImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= new SbmlImportOptions();
        if (!(options.DefaultBoundsFactor >= 1) || !double.IsFinite(options.DefaultBoundsFactor))
        {
            throw new ArgumentException(
                $"DefaultBoundsFactor must be a finite number ≥ 1 (got {options.DefaultBoundsFactor.ToString("R", CultureInfo.InvariantCulture)}).",
                nameof(options));
        }

        return new Reader(document, options).Run();
    }

    private sealed record Compartment(string Id, double? Size, bool Constant, int SpatialDimensions, string? Units, XElement Element);

    private sealed record Species(string Id, string Compartment, double? InitialAmount, double? InitialConcentration, bool OnlySubstance,
        bool Boundary, bool Constant, string? SubstanceUnits, string? ConversionFactor, XElement Element);

    private sealed record Parameter(string Id, double? Value, string? Units, bool Constant, XElement Element);

    private sealed record Reaction(string Id, List<(string Species, double Stoichiometry)> Reactants,
        List<(string Species, double Stoichiometry)> Products, Expr Rate);

    private sealed record SbmlEvent(string Id, XElement Element, Expr Trigger, bool? InitialValue,
        List<(string Variable, Expr Value)> Assignments, XElement? Osteo);

    private sealed class Reader
    {
        private static readonly XNamespace M = SbmlXml.MathMl;
        private static readonly XNamespace O = SbmlXml.Osteo;
        private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "t", "time" };

        private readonly XDocument _document;
        private readonly SbmlImportOptions _options;
        private readonly List<string> _warnings = [];
        private readonly Dictionary<string, SbmlFunction> _functions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, XElement> _unitDefinitions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Compartment> _compartments = new(StringComparer.Ordinal);
        private readonly List<Species> _species = [];
        private readonly List<Parameter> _parameters = [];
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
        private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Expr> _reactionRates = new(StringComparer.Ordinal);
        private readonly HashSet<string> _speciesReferenceIds = new(StringComparer.Ordinal);
        private readonly HashSet<string> _referencedCompartments = new(StringComparer.Ordinal);
        private readonly List<ParamDecl> _localParameters = [];
        private readonly Dictionary<string, Unit?> _unitCache = new(StringComparer.Ordinal);

        private XNamespace _core = SbmlXml.L3V2;
        private int _level;
        private int _version;
        private XElement _model = null!;
        private XElement? _osteoModel;
        private string _modelId = "";
        private string _title = "";
        private SbmlMathReader _math = null!;
        private Citation? _defaultCitationCache;
        private string? _describedByUrl;
        private string? _describedByDoi;

        public Reader(XDocument document, SbmlImportOptions options)
        {
            _document = document;
            _options = options;
        }

        public SbmlImportResult Run()
        {
            ReadHeader();
            ReadFunctionsAndUnits();
            ReadComponents();
            var decl = Translate();
            return BuildModel(decl);
        }

        // ---- header, packages, functions, units ---------------------------------------------------------------------

        private void ReadHeader()
        {
            var root = _document.Root ?? throw new SbmlImportException("The document is empty.", "sbml", null);
            if (root.Name.LocalName != "sbml")
            {
                throw new SbmlImportException($"The root element is <{root.Name.LocalName}>, not <sbml>.", "sbml", null);
            }

            _level = IntAttribute(root, "level") ?? 0;
            _version = IntAttribute(root, "version") ?? 0;
            var expected = _level switch
            {
                2 => $"http://www.sbml.org/sbml/level2{(_version == 1 ? "" : "/version" + _version.ToString(CultureInfo.InvariantCulture))}",
                3 => $"http://www.sbml.org/sbml/level3/version{_version.ToString(CultureInfo.InvariantCulture)}/core",
                _ => null,
            };
            if (expected is null || (_level == 2 && _version is < 1 or > 5) || (_level == 3 && _version is < 1 or > 2))
            {
                throw new SbmlUnsupportedException(
                    $"SBML Level {_level} Version {_version} is not supported (supported: Level 2 Versions 1–5, Level 3 Versions 1–2).", "sbml", null);
            }

            if (root.Name.NamespaceName != expected)
            {
                throw new SbmlImportException($"The <sbml> element declares level {_level} version {_version} but its namespace is '{root.Name.NamespaceName}' (expected '{expected}').", "sbml", null);
            }

            _core = root.Name.Namespace;
            foreach (var attribute in root.Attributes().Where(a => a.Name.LocalName == "required" && a.Name.Namespace != XNamespace.None && a.Name.Namespace != _core))
            {
                var package = attribute.Name.NamespaceName;
                if (SbmlXml.ParseBool(attribute.Value) == true)
                {
                    throw new SbmlUnsupportedException($"The document requires the SBML package '{package}', which OsteoOde does not read.", "sbml", package);
                }

                _warnings.Add($"The optional SBML package '{package}' is ignored (it does not change the mathematics).");
            }

            _model = root.Element(_core + "model") ?? throw new SbmlImportException("The document has no <model>.", "model", null);
            _modelId = (string?)_model.Attribute("id") ?? _options.ModelId ?? "sbml_model";
            if (!Expr.IsValidName(_modelId))
            {
                throw new SbmlImportException($"The model id '{_modelId}' is not an identifier.", "model", _modelId);
            }

            _title = ((string?)_model.Attribute("name"))?.Trim() ?? "";
            _osteoModel = _model.Element(_core + "annotation")?.Element(O + "model");
            ReadMiriam();
        }

        private void ReadFunctionsAndUnits()
        {
            foreach (var u in List("listOfUnitDefinitions", "unitDefinition"))
            {
                _unitDefinitions[RequiredId(u)] = u;
            }

            _math = new SbmlMathReader(_level, _version, _functions, ResolveUnit, _warnings);
            foreach (var f in List("listOfFunctionDefinitions", "functionDefinition"))
            {
                var id = RequiredId(f);
                var math = f.Element(M + "math") ?? throw new SbmlImportException($"SBML <functionDefinition> '{id}' has no <math>.", "functionDefinition", id);
                _functions[id] = SbmlMathReader.ReadFunction(id, math);
            }
        }

        // ---- components ---------------------------------------------------------------------------------------------

        private void ReadComponents()
        {
            foreach (var c in List("listOfCompartments", "compartment"))
            {
                var id = RequiredId(c);
                var dims = _level == 3 ? (int?)DoubleAttribute(c, "spatialDimensions") ?? 3 : IntAttribute(c, "spatialDimensions") ?? 3;
                var size = DoubleAttribute(c, "size") ?? (_level == 1 ? DoubleAttribute(c, "volume") : null);
                _compartments[id] = new Compartment(id, size, BoolAttribute(c, "constant") ?? true, dims, (string?)c.Attribute("units"), c);
                Register(id);
            }

            foreach (var s in List("listOfSpecies", "species"))
            {
                var id = RequiredId(s);
                var compartment = (string?)s.Attribute("compartment") ?? throw Missing("species", id, "compartment");
                if (!_compartments.ContainsKey(compartment))
                {
                    throw new SbmlImportException($"SBML <species> '{id}' is in compartment '{compartment}', which is not declared.", "species", id);
                }

                _species.Add(new Species(id, compartment, DoubleAttribute(s, "initialAmount"), DoubleAttribute(s, "initialConcentration"),
                    BoolAttribute(s, "hasOnlySubstanceUnits") ?? false, BoolAttribute(s, "boundaryCondition") ?? false,
                    BoolAttribute(s, "constant") ?? false, (string?)s.Attribute("substanceUnits"), (string?)s.Attribute("conversionFactor"), s));
                Register(id);
            }

            foreach (var p in List("listOfParameters", "parameter"))
            {
                var id = RequiredId(p);
                _parameters.Add(new Parameter(id, DoubleAttribute(p, "value"), (string?)p.Attribute("units"), BoolAttribute(p, "constant") ?? true, p));
                Register(id);
            }

            foreach (var r in List("listOfReactions", "reaction"))
            {
                Register(RequiredId(r));
                foreach (var sr in r.Elements().Where(e => e.Name.LocalName.StartsWith("listOf", StringComparison.Ordinal)).Elements())
                {
                    if ((string?)sr.Attribute("id") is string srId)
                    {
                        _speciesReferenceIds.Add(srId);
                    }
                }
            }

            if (List("listOfConstraints", "constraint").Any())
            {
                _warnings.Add("The model's constraints are ignored (they only flag violations; they do not change the dynamics).");
            }
        }

        private void Register(string id)
        {
            var name = id;
            if (Reserved.Contains(name) || _usedNames.Contains(name))
            {
                var renamed = name + "_";
                while (_usedNames.Contains(renamed) || Reserved.Contains(renamed))
                {
                    renamed += "_";
                }

                if (Reserved.Contains(name))
                {
                    _warnings.Add($"The SBML id '{id}' is reserved for time in OsteoOde; it is called '{renamed}' in the model.");
                }

                name = renamed;
            }

            _names[id] = name;
            _usedNames.Add(name);
        }

        private string NameOf(string id) => _names.TryGetValue(id, out var n) ? n : id;

        // ---- translation --------------------------------------------------------------------------------------------

        private ModelDecl Translate()
        {
            var osteoModel = _osteoModel;
            var timeUnit = TimeUnit();
            var decl = new ModelDecl { Id = _modelId, TimeUnit = timeUnit, Title = _title };
            decl.Description = (string?)osteoModel?.Attribute("description") ?? NotesText(_model) ?? "";
            if (osteoModel is not null)
            {
                decl.Title = (string?)osteoModel.Attribute("title") ?? decl.Title;
                decl.Sources.AddRange(osteoModel.Elements(O + "source").Select(ReadCitation));
                foreach (var module in osteoModel.Elements(O + "module"))
                {
                    decl.Modules.Add(new AppliedModule((string?)module.Attribute("name") ?? "", (string?)module.Attribute("description") ?? "",
                        module.Elements(O + "dependsOn").Select(d => (string?)d.Attribute("name") ?? "").ToArray()));
                }

                var order = (string?)osteoModel.Element(O + "observableOrder")?.Attribute("names");
                if (order is not null)
                {
                    decl.ObservableOrder.AddRange(order.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(NameOf));
                }
            }
            else
            {
                decl.Sources.AddRange(MiriamSources());
            }

            // Rules, initial assignments.
            var assignmentRules = new Dictionary<string, XElement>(StringComparer.Ordinal);
            var rateRules = new Dictionary<string, XElement>(StringComparer.Ordinal);
            foreach (var rule in List("listOfRules", null))
            {
                var kind = rule.Name.LocalName;
                if (kind is "algebraicRule")
                {
                    throw new SbmlUnsupportedException("SBML <algebraicRule> (a differential-algebraic model) is not supported; the model was not imported.", kind, (string?)rule.Attribute("metaid"));
                }

                // Level 2 Version 1 and Level 1 spell rules by target type; Level 2+ uses assignmentRule/rateRule with 'variable'.
                var variable = (string?)rule.Attribute("variable") ?? throw Missing(kind, null, "variable");
                var target = kind switch
                {
                    "assignmentRule" => assignmentRules,
                    "rateRule" => rateRules,
                    _ => throw new SbmlUnsupportedException($"SBML rule <{kind}> for '{variable}' is not supported.", kind, variable),
                };
                if (assignmentRules.ContainsKey(variable) || rateRules.ContainsKey(variable))
                {
                    throw new SbmlImportException($"SBML '{variable}' has more than one rule.", kind, variable);
                }

                target[variable] = rule;
            }

            var initialAssignments = new Dictionary<string, XElement>(StringComparer.Ordinal);
            foreach (var ia in List("listOfInitialAssignments", "initialAssignment"))
            {
                var symbol = (string?)ia.Attribute("symbol") ?? throw Missing("initialAssignment", null, "symbol");
                initialAssignments[symbol] = ia;
            }

            foreach (var (variable, rule) in assignmentRules.Concat(rateRules))
            {
                if (_compartments.ContainsKey(variable))
                {
                    throw new SbmlUnsupportedException(
                        $"SBML <{rule.Name.LocalName}> for compartment '{variable}': compartments of varying size are not supported; the model was not imported.",
                        rule.Name.LocalName, variable);
                }

                if (!_names.ContainsKey(variable))
                {
                    throw new SbmlImportException($"SBML <{rule.Name.LocalName}> targets '{variable}', which is not a species or parameter.", rule.Name.LocalName, variable);
                }
            }

            foreach (var c in _compartments.Values.Where(c => initialAssignments.ContainsKey(c.Id) || !c.Constant))
            {
                if (initialAssignments.ContainsKey(c.Id))
                {
                    throw new SbmlUnsupportedException($"SBML <initialAssignment> to compartment '{c.Id}' is not supported (compartment sizes must be numbers).", "initialAssignment", c.Id);
                }
            }

            // Reactions first: their rates may be referenced by id in other formulas.
            var reactions = ReadReactions(rateRules, assignmentRules, initialAssignments);

            // Events.
            var events = ReadEvents();
            var eventTargets = new HashSet<string>(events.SelectMany(e => e.Assignments.Select(a => a.Variable)), StringComparer.Ordinal);
            foreach (var target in eventTargets)
            {
                if (_compartments.ContainsKey(target))
                {
                    throw new SbmlUnsupportedException($"An SBML event assigns compartment '{target}': compartments of varying size are not supported.", "eventAssignment", target);
                }

                if (assignmentRules.ContainsKey(target))
                {
                    throw new SbmlImportException($"An SBML event assigns '{target}', which is defined by an assignment rule.", "eventAssignment", target);
                }

                if (!_names.ContainsKey(target) || _reactionRates.ContainsKey(target))
                {
                    throw new SbmlImportException($"An SBML event assigns '{target}', which is not a species or parameter.", "eventAssignment", target);
                }
            }

            var reactionSpecies = new HashSet<string>(reactions.SelectMany(r => r.Reactants.Concat(r.Products)).Select(x => x.Species), StringComparer.Ordinal);

            // Roles and raw initial values (may reference states and time; resolved to start values below).
            var states = new List<StateDecl>();
            var rawInitials = new Dictionary<string, Expr>(StringComparer.Ordinal);
            var assignmentDecls = new List<AssignDecl>();
            var staticFromInitial = new Dictionary<string, Expr>(StringComparer.Ordinal); // initial assignments of non-states
            var speciesParameters = new List<ParamDecl>();

            foreach (var s in _species)
            {
                var name = NameOf(s.Id);
                var osteo = Annotation(s.Element, "state");
                var unit = OsteoUnit(osteo) ?? SpeciesUnit(s);
                var inReactions = reactionSpecies.Contains(s.Id) && !s.Boundary;
                if (inReactions && s.Constant)
                {
                    throw new SbmlImportException($"SBML <species> '{s.Id}' is constant but changed by reactions (set boundaryCondition=\"true\").", "species", s.Id);
                }

                if (assignmentRules.TryGetValue(s.Id, out var ar))
                {
                    if (inReactions)
                    {
                        throw new SbmlImportException($"SBML <species> '{s.Id}' has an assignment rule and is changed by reactions.", "species", s.Id);
                    }

                    assignmentDecls.Add(new AssignDecl(name)
                    {
                        Definition = ReadMath(ar, "assignmentRule", s.Id),
                        Unit = unit,
                        UnitDeclared = unit is not null,
                        Description = Describe(s.Element, null, $"species '{s.Id}' (assignment rule)"),
                    });
                }
                else if (rateRules.ContainsKey(s.Id) || inReactions || eventTargets.Contains(s.Id))
                {
                    if (rateRules.ContainsKey(s.Id) && inReactions)
                    {
                        throw new SbmlImportException($"SBML <species> '{s.Id}' has a rate rule and is changed by reactions.", "species", s.Id);
                    }

                    var state = NewState(name, "species", osteo, unit, Describe(s.Element, osteo, $"species '{s.Id}'"));
                    rawInitials[name] = initialAssignments.TryGetValue(s.Id, out var ia)
                        ? ReadMath(ia, "initialAssignment", s.Id)
                        : SpeciesStartValue(s);
                    state.InitialIsExpression = ia is not null;
                    if (rateRules.TryGetValue(s.Id, out var rr))
                    {
                        AddRuleTerms(state, ReadMath(rr, "rateRule", s.Id), osteo);
                    }
                    else if (inReactions)
                    {
                        AddReactionTerms(state, s, reactions);
                    }

                    states.Add(state);
                }
                else if (initialAssignments.TryGetValue(s.Id, out var ia))
                {
                    staticFromInitial[name] = ReadMath(ia, "initialAssignment", s.Id);
                    assignmentDecls.Add(new AssignDecl(name)
                    {
                        Unit = unit,
                        UnitDeclared = unit is not null,
                        Description = Describe(s.Element, null, $"species '{s.Id}' (fixed at its initial assignment)"),
                    });
                }
                else
                {
                    if (!s.Constant && !s.Boundary)
                    {
                        _warnings.Add($"Species '{s.Id}' is not changed by any reaction, rule or event; it is imported as a constant parameter.");
                    }

                    var value = SpeciesStartValue(s).Value;
                    speciesParameters.Add(ForeignParameter(name, value, unit, Describe(s.Element, null, $"species '{s.Id}' (constant)")));
                }
            }

            var parameterDecls = new List<ParamDecl>();
            var inputDecls = new List<InputDecl>();
            foreach (var p in _parameters)
            {
                var name = NameOf(p.Id);
                var input = Annotation(p.Element, "input");
                var osteoState = Annotation(p.Element, "state");
                var osteoParameter = Annotation(p.Element, "parameter");
                var osteoAssignment = Annotation(p.Element, "assignment");
                var unit = OsteoUnit(input ?? osteoState ?? osteoParameter ?? osteoAssignment) ?? ResolveUnit(p.Units);
                if (assignmentRules.TryGetValue(p.Id, out var ar))
                {
                    assignmentDecls.Add(ReadAssignment(name, p, ar, osteoAssignment, unit));
                }
                else if (rateRules.ContainsKey(p.Id) || eventTargets.Contains(p.Id))
                {
                    var state = NewState(name, "parameter", osteoState, unit, Describe(p.Element, osteoState, $"parameter '{p.Id}' (variable)"));
                    rawInitials[name] = initialAssignments.TryGetValue(p.Id, out var ia)
                        ? ReadMath(ia, "initialAssignment", p.Id)
                        : Expr.Constant(p.Value ?? throw new SbmlImportException($"SBML <parameter> '{p.Id}' changes in time but has no value or initial assignment.", "parameter", p.Id));
                    state.InitialIsExpression = ia is not null;
                    if (rateRules.TryGetValue(p.Id, out var rr))
                    {
                        AddRuleTerms(state, ReadMath(rr, "rateRule", p.Id), osteoState);
                    }

                    states.Add(state);
                }
                else if (initialAssignments.TryGetValue(p.Id, out var ia))
                {
                    staticFromInitial[name] = ReadMath(ia, "initialAssignment", p.Id);
                    assignmentDecls.Add(new AssignDecl(name)
                    {
                        Unit = unit,
                        UnitDeclared = unit is not null,
                        Description = Describe(p.Element, osteoAssignment, $"parameter '{p.Id}' (fixed at its initial assignment)"),
                    });
                }
                else
                {
                    var value = p.Value ?? throw new SbmlImportException($"SBML <parameter> '{p.Id}' has no value, rule or initial assignment.", "parameter", p.Id);
                    if (input is not null)
                    {
                        inputDecls.Add(new InputDecl(name, unit, value, (string?)input.Attribute("description") ?? name, (string?)input.Attribute("module"),
                            DoubleAttribute(input, "lowerBound") ?? double.NegativeInfinity, DoubleAttribute(input, "upperBound") ?? double.PositiveInfinity));
                    }
                    else if (osteoParameter is not null)
                    {
                        parameterDecls.Add(ReadOsteoParameter(name, value, unit, osteoParameter));
                    }
                    else
                    {
                        parameterDecls.Add(ForeignParameter(name, value, unit, Describe(p.Element, null, $"parameter '{p.Id}'")));
                    }
                }
            }

            // Compartments whose size a formula reads become parameters.
            var compartmentParameters = new List<ParamDecl>();
            foreach (var c in _compartments.Values.Where(c => _referencedCompartments.Contains(c.Id)))
            {
                if (c.Size is not double size)
                {
                    throw new SbmlUnsupportedException($"SBML <compartment> '{c.Id}' is used in a formula but has no size.", "compartment", c.Id);
                }

                compartmentParameters.Add(ForeignParameter(NameOf(c.Id), size, CompartmentUnit(c), Describe(c.Element, null, $"size of compartment '{c.Id}'")));
            }

            decl.Parameters.AddRange(parameterDecls);
            decl.Parameters.AddRange(speciesParameters);
            decl.Parameters.AddRange(compartmentParameters);
            decl.Parameters.AddRange(_localParameters);
            decl.Inputs.AddRange(inputDecls);

            if (states.All(s => s.Index is not null) && states.Select(s => s.Index).Distinct().Count() == states.Count)
            {
                states = [.. states.OrderBy(s => s.Index)];
            }

            foreach (var s in states.Where(s => s.Terms.Count == 0))
            {
                s.Terms.Add(new RateTerm("constant", Expr.Zero, s.Module)); // changed by events only
            }

            decl.States.AddRange(states);

            // Start values: states' initial values, with states, time and dynamic assignments replaced by their start values.
            var stateNames = new HashSet<string>(states.Select(s => s.Name), StringComparer.Ordinal);
            var definitions = assignmentDecls.Where(a => !staticFromInitial.ContainsKey(a.Name)).ToDictionary(a => a.Name, a => a.Kind switch
            {
                AssignmentKind.OpenSum => a.Contributions.Aggregate(Expr.Zero, (sum, t) => sum + t.Expression),
                AssignmentKind.OpenProduct => a.Contributions.Aggregate(Expr.One, (product, t) => product * t.Expression),
                _ => a.Definition!,
            }, StringComparer.Ordinal);
            var starts = new StartValues(stateNames, definitions, rawInitials);
            foreach (var s in states)
            {
                s.Initial = starts.Initial(s.Name);
            }

            foreach (var a in assignmentDecls.Where(a => staticFromInitial.ContainsKey(a.Name)))
            {
                a.Definition = starts.AtStart(staticFromInitial[a.Name]);
            }

            decl.Assignments.AddRange(assignmentDecls);
            TranslateEvents(decl, events, states, starts);
            return decl;
        }

        private StateDecl NewState(string name, string element, XElement? osteo, Unit? unit, string description)
        {
            var state = new StateDecl(name, element) { Unit = unit, Description = description };
            if (osteo is not null)
            {
                state.NonNegative = SbmlXml.ParseBool((string?)osteo.Attribute("nonNegative")) ?? false;
                state.Module = (string?)osteo.Attribute("module");
                state.Index = IntAttribute(osteo, "index");
            }

            return state;
        }

        /// <summary>The rate rule as one term, or the annotated terms when they add up to exactly the rule.</summary>
        private void AddRuleTerms(StateDecl state, Expr rate, XElement? osteo)
        {
            var terms = osteo is null ? null : ReadTerms(osteo, "rate term of " + state.Name);
            if (terms is not null && terms.Count > 0)
            {
                var sum = terms.Aggregate(Expr.Zero, (s, t) => s + t.Expression);
                if (ReferenceEquals(sum, rate))
                {
                    state.Terms.AddRange(terms);
                    return;
                }

                _warnings.Add($"The annotated rate terms of '{state.Name}' do not add up to its rate rule (edited outside OsteoOde?); the rate rule is used as one term.");
            }

            state.Terms.Add(new RateTerm("rateRule", rate, state.Module));
        }

        private void AddReactionTerms(StateDecl state, Species s, List<Reaction> reactions)
        {
            foreach (var r in reactions)
            {
                var net = r.Products.Where(x => x.Species == s.Id).Sum(x => x.Stoichiometry)
                    - r.Reactants.Where(x => x.Species == s.Id).Sum(x => x.Stoichiometry);
                var appears = r.Products.Concat(r.Reactants).Any(x => x.Species == s.Id);
                if (!appears || net == 0)
                {
                    continue;
                }

                var term = net == 1 ? r.Rate : net == -1 ? -r.Rate : Expr.Constant(net) * r.Rate;
                var factor = s.ConversionFactor ?? (_level == 3 ? (string?)_model.Attribute("conversionFactor") : null);
                if (factor is not null)
                {
                    term *= Symbol(factor, "species", s.Id);
                }

                if (!s.OnlySubstance)
                {
                    var c = _compartments[s.Compartment];
                    if (c.SpatialDimensions == 0)
                    {
                        throw new SbmlUnsupportedException($"SBML <species> '{s.Id}' has a concentration in the 0-dimensional compartment '{c.Id}'.", "species", s.Id);
                    }

                    term /= Symbol(c.Id, "species", s.Id);
                }

                state.Terms.Add(new RateTerm(r.Id, term, null));
            }

            if (state.Terms.Count == 0)
            {
                state.Terms.Add(new RateTerm("constant", Expr.Zero, null));
            }
        }

        private AssignDecl ReadAssignment(string name, Parameter p, XElement rule, XElement? osteo, Unit? unit)
        {
            var definition = ReadMath(rule, "assignmentRule", p.Id);
            var a = new AssignDecl(name)
            {
                Definition = definition,
                Unit = unit,
                UnitDeclared = unit is not null,
                Description = Describe(p.Element, osteo, $"parameter '{p.Id}' (assignment rule)"),
            };
            if (osteo is null)
            {
                return a;
            }

            a.UnitDeclared = SbmlXml.ParseBool((string?)osteo.Attribute("unitDeclared")) ?? a.UnitDeclared;
            a.Observable = SbmlXml.ParseBool((string?)osteo.Attribute("observable")) ?? false;
            a.TimeColumn = SbmlXml.ParseBool((string?)osteo.Attribute("timeColumn")) ?? false;
            a.Module = (string?)osteo.Attribute("module");
            var kind = (string?)osteo.Attribute("kind");
            if (kind is "openSum" or "openProduct")
            {
                var sum = kind == "openSum";
                var terms = ReadTerms(osteo, (sum ? "term of " : "factor of ") + name);
                var combined = sum ? terms.Aggregate(Expr.Zero, (s, t) => s + t.Expression) : terms.Aggregate(Expr.One, (s, t) => s * t.Expression);
                if (ReferenceEquals(combined, definition))
                {
                    a.Kind = sum ? AssignmentKind.OpenSum : AssignmentKind.OpenProduct;
                    a.Contributions.AddRange(terms);
                    a.Definition = null;
                    a.UnitDeclared = true;
                    if (!sum)
                    {
                        a.Unit = Unit.Dimensionless;
                    }
                }
                else
                {
                    _warnings.Add($"The annotated contributions of '{name}' do not match its assignment rule; it is imported as a plain assignment.");
                }
            }

            return a;
        }

        private List<RateTerm> ReadTerms(XElement osteo, string what) =>
            osteo.Elements(O + "term").Select(t =>
            {
                var termName = (string?)t.Attribute("name") ?? "term";
                var math = t.Element(M + "math") ?? throw new SbmlImportException($"The OsteoOde annotation of {what} '{termName}' has no <math>.", "annotation", termName);
                return new RateTerm(termName, _math.Read(math, "annotation", termName, n => Symbol(n, "annotation", termName)), (string?)t.Attribute("module"));
            }).ToList();

        // ---- reactions ----------------------------------------------------------------------------------------------

        private List<Reaction> ReadReactions(Dictionary<string, XElement> rateRules, Dictionary<string, XElement> assignmentRules,
            Dictionary<string, XElement> initialAssignments)
        {
            var result = new List<Reaction>();
            foreach (var r in List("listOfReactions", "reaction"))
            {
                var id = RequiredId(r);
                if (BoolAttribute(r, "fast") == true)
                {
                    throw new SbmlUnsupportedException($"SBML <reaction> '{id}' is fast (an algebraic equilibrium); not supported.", "reaction", id);
                }

                var law = r.Element(_core + "kineticLaw") ?? throw new SbmlUnsupportedException($"SBML <reaction> '{id}' has no kinetic law, so its rate is undefined.", "reaction", id);
                var locals = new Dictionary<string, Expr>(StringComparer.Ordinal);
                foreach (var lp in law.Elements(_core + (_level == 3 ? "listOfLocalParameters" : "listOfParameters")).Elements())
                {
                    var localId = RequiredId(lp);
                    var value = DoubleAttribute(lp, "value") ?? throw new SbmlImportException($"Local parameter '{localId}' of reaction '{id}' has no value.", "localParameter", localId);
                    var name = UniqueName(id + "_" + localId);
                    locals[localId] = Expr.Symbol(name);
                    _localParameters.Add(ForeignParameter(name, value, ResolveUnit((string?)lp.Attribute("units")),
                        Describe(lp, null, $"local parameter '{localId}' of reaction '{id}'")));
                }

                var lawMath = law.Element(M + "math") ?? throw new SbmlUnsupportedException($"The kinetic law of SBML <reaction> '{id}' has no <math>.", "kineticLaw", id);
                var rate = _math.Read(lawMath, "kineticLaw", id, n => locals.TryGetValue(n, out var v) ? v : Symbol(n, "kineticLaw", id));
                _reactionRates[id] = rate;

                List<(string, double)> References(string list)
                {
                    var refs = new List<(string, double)>();
                    foreach (var sr in r.Elements(_core + list).Elements(_core + "speciesReference"))
                    {
                        var species = (string?)sr.Attribute("species") ?? throw Missing("speciesReference", id, "species");
                        if (_species.All(s => s.Id != species))
                        {
                            throw new SbmlImportException($"SBML <reaction> '{id}' refers to species '{species}', which is not declared.", "reaction", id);
                        }

                        refs.Add((species, Stoichiometry(sr, id, rateRules, assignmentRules, initialAssignments)));
                    }

                    return refs;
                }

                result.Add(new Reaction(id, References("listOfReactants"), References("listOfProducts"), rate));
            }

            return result;
        }

        private double Stoichiometry(XElement sr, string reaction, Dictionary<string, XElement> rateRules, Dictionary<string, XElement> assignmentRules,
            Dictionary<string, XElement> initialAssignments)
        {
            var srId = (string?)sr.Attribute("id");
            if (srId is not null && (rateRules.ContainsKey(srId) || assignmentRules.ContainsKey(srId) || initialAssignments.ContainsKey(srId)))
            {
                throw new SbmlUnsupportedException($"The stoichiometry '{srId}' of reaction '{reaction}' is set by a rule; variable stoichiometry is not supported.", "speciesReference", srId);
            }

            if (_level == 3 && BoolAttribute(sr, "constant") == false)
            {
                throw new SbmlUnsupportedException($"A species reference of reaction '{reaction}' has constant=\"false\"; variable stoichiometry is not supported.", "speciesReference", srId ?? reaction);
            }

            if (sr.Element(_core + "stoichiometryMath") is { } sm)
            {
                var value = _math.Read(sm.Element(M + "math") ?? sm, "stoichiometryMath", reaction, n => Symbol(n, "stoichiometryMath", reaction));
                if (!value.IsConstant)
                {
                    throw new SbmlUnsupportedException($"Reaction '{reaction}' has a stoichiometryMath that is not a number; variable stoichiometry is not supported.", "stoichiometryMath", reaction);
                }

                return value.Value;
            }

            if (DoubleAttribute(sr, "stoichiometry") is double s)
            {
                return s;
            }

            if (_level == 3)
            {
                _warnings.Add($"A species reference of reaction '{reaction}' has no stoichiometry; 1 is assumed.");
            }

            return 1;
        }

        // ---- events -------------------------------------------------------------------------------------------------

        private List<SbmlEvent> ReadEvents()
        {
            var result = new List<SbmlEvent>();
            var k = 0;
            foreach (var e in List("listOfEvents", "event"))
            {
                k++;
                var id = (string?)e.Attribute("id") ?? "event_" + k.ToString(CultureInfo.InvariantCulture);
                if (e.Element(_core + "delay") is { } delay)
                {
                    var d = _math.Read(delay.Element(M + "math") ?? delay, "delay", id, n => Symbol(n, "delay", id));
                    if (!d.IsZero)
                    {
                        throw new SbmlUnsupportedException($"SBML <event> '{id}' has a delay ('{d}'); delayed events are not supported.", "event", id);
                    }
                }

                if (e.Element(_core + "priority") is not null)
                {
                    _warnings.Add($"The priority of event '{id}' is ignored (simultaneous events are applied in document order).");
                }

                var trigger = e.Element(_core + "trigger") ?? throw Missing("event", id, "trigger");
                var triggerMath = trigger.Element(M + "math") ?? throw Missing("trigger", id, "math");
                var condition = _math.Read(triggerMath, "event", id, n => Symbol(n, "trigger", id));
                if (!condition.IsCondition)
                {
                    throw new SbmlImportException($"The trigger of SBML <event> '{id}' is the number '{condition}', not a condition.", "event", id);
                }

                var initialValue = _level >= 3 ? BoolAttribute(trigger, "initialValue") : null;
                if (_level >= 3 && initialValue is null)
                {
                    _warnings.Add($"The trigger of event '{id}' has no initialValue (required in Level 3); true is assumed.");
                    initialValue = true;
                }

                var assignments = new List<(string, Expr)>();
                foreach (var ea in e.Elements(_core + "listOfEventAssignments").Elements(_core + "eventAssignment"))
                {
                    var variable = (string?)ea.Attribute("variable") ?? throw Missing("eventAssignment", id, "variable");
                    var math = ea.Element(M + "math") ?? throw Missing("eventAssignment", id, "math");
                    assignments.Add((variable, _math.Read(math, "eventAssignment", variable, n => Symbol(n, "eventAssignment", variable))));
                }

                var osteo = e.Element(_core + "annotation")?.Elements().FirstOrDefault(x => x.Name.Namespace == O);
                result.Add(new SbmlEvent(id, e, condition, initialValue, assignments, osteo));
            }

            return result;
        }

        private void TranslateEvents(ModelDecl decl, List<SbmlEvent> events, List<StateDecl> states, StartValues starts)
        {
            var generic = new List<SbmlEvent>();

            // OsteoOde doses: one event per dose time, reassembled when every part is exactly what the exporter writes.
            foreach (var group in events.Where(e => e.Osteo?.Name == O + "dose").GroupBy(e => (string?)e.Osteo!.Attribute("name") ?? e.Id))
            {
                var dose = ReadDose(group.Key, group.ToList());
                if (dose is null)
                {
                    _warnings.Add($"The events of dose '{group.Key}' do not match the OsteoOde dose annotation; they are imported as plain events.");
                    generic.AddRange(group);
                }
                else
                {
                    decl.Doses.Add(dose);
                }
            }

            var bothParts = new Dictionary<string, List<SbmlEvent>>(StringComparer.Ordinal);
            foreach (var e in events.Where(e => e.Osteo?.Name != O + "dose"))
            {
                if (e.Osteo?.Name == O + "event" && (string?)e.Osteo.Attribute("part") is not null)
                {
                    var name = (string?)e.Osteo.Attribute("name") ?? e.Id;
                    (bothParts.TryGetValue(name, out var list) ? list : bothParts[name] = []).Add(e);
                }
            }

            var done = new HashSet<SbmlEvent>();
            foreach (var e in events.Where(e => e.Osteo?.Name != O + "dose"))
            {
                if (done.Contains(e) || generic.Contains(e))
                {
                    continue;
                }

                var osteo = e.Osteo?.Name == O + "event" ? e.Osteo : null;
                var name = (string?)osteo?.Attribute("name") ?? e.Id;
                var (root, direction) = Root(e.Trigger, e.Id);
                var assignments = EventAssignments(e, states);
                var terminal = SbmlXml.ParseBool((string?)osteo?.Attribute("terminal")) ?? false;
                var description = (string?)osteo?.Attribute("description") ?? Describe(e.Element, null, "");
                var module = (string?)osteo?.Attribute("module");

                if (osteo is not null && (string?)osteo.Attribute("part") is not null && bothParts.TryGetValue(name, out var parts))
                {
                    if (TryMergeBoth(parts, states, out var merged))
                    {
                        decl.Events.Add(new EventDecl(name, merged.Root, EventDirection.Both, merged.Assignments, terminal, description, module));
                        done.UnionWith(parts);
                        continue;
                    }

                    name = e.Id;
                }

                decl.Events.Add(new EventDecl(name, root, direction, assignments, terminal, description, module));
                done.Add(e);
            }

            foreach (var e in generic)
            {
                var (root, direction) = Root(e.Trigger, e.Id);
                decl.Events.Add(new EventDecl(e.Id, root, direction, EventAssignments(e, states), false, Describe(e.Element, null, ""), null));
            }

            ApplyEventsAtStart(events, states, starts);
        }

        private bool TryMergeBoth(List<SbmlEvent> parts, List<StateDecl> states, out (Expr Root, IReadOnlyList<(string, Expr)> Assignments) merged)
        {
            merged = default;
            if (parts.Count != 2)
            {
                return false;
            }

            var a = Root(parts[0].Trigger, parts[0].Id);
            var b = Root(parts[1].Trigger, parts[1].Id);
            var aa = EventAssignments(parts[0], states);
            var ba = EventAssignments(parts[1], states);
            var sameAssignments = aa.Count == ba.Count && aa.Zip(ba).All(p => p.First.State == p.Second.State && ReferenceEquals(p.First.Value, p.Second.Value));
            if (!ReferenceEquals(a.Root, b.Root) || a.Direction == b.Direction || !sameAssignments)
            {
                return false;
            }

            merged = (a.Root, aa);
            return true;
        }

        private DoseDecl? ReadDose(string name, List<SbmlEvent> parts)
        {
            var first = parts[0].Osteo!;
            var state = (string?)first.Attribute("state");
            var amountMath = first.Element(M + "math");
            if (state is null || amountMath is null || !_names.ContainsKey(state))
            {
                return null;
            }

            var amount = _math.Read(amountMath, "annotation", name, n => Symbol(n, "annotation", name));
            var times = new SortedDictionary<int, double>();
            foreach (var part in parts)
            {
                var index = IntAttribute(part.Osteo!, "index");
                var time = DoubleAttribute(part.Osteo!, "time");
                if (index is null || time is null || times.ContainsKey(index.Value) || (string?)part.Osteo!.Attribute("state") != state)
                {
                    return null;
                }

                var triggerOk = part.Trigger.Kind == ExprKind.GreaterOrEqual && ReferenceEquals(part.Trigger.Arguments[0], Expr.Time)
                    && part.Trigger.Arguments[1].IsConstant && part.Trigger.Arguments[1].Value == time.Value;
                var assignmentOk = part.Assignments.Count == 1 && part.Assignments[0].Variable == state
                    && ReferenceEquals(part.Assignments[0].Value, Expr.Symbol(NameOf(state)) + amount);
                if (!triggerOk || !assignmentOk)
                {
                    return null;
                }

                times[index.Value] = time.Value;
            }

            return new DoseDecl(name, NameOf(state), amount, times.Values.ToList(), (string?)first.Attribute("description") ?? "",
                (string?)first.Attribute("module"));
        }

        private List<(string State, Expr Value)> EventAssignments(SbmlEvent e, List<StateDecl> states) =>
            e.Assignments.Select(a =>
            {
                var name = NameOf(a.Variable);
                if (states.All(s => s.Name != name))
                {
                    throw new SbmlImportException($"SBML <event> '{e.Id}' assigns '{a.Variable}', which is constant.", "event", e.Id);
                }

                return (name, a.Value);
            }).ToList();

        /// <summary>
        /// The root function and crossing direction equivalent to a trigger condition: the event fires when the condition goes
        /// from false to true, which is when <c>g</c> crosses zero upwards (rising) or downwards (falling).
        /// </summary>
        private (Expr Root, EventDirection Direction) Root(Expr condition, string eventId)
        {
            var a = condition.Arguments;
            switch (condition.Kind)
            {
                case ExprKind.Greater:
                case ExprKind.GreaterOrEqual:
                    return (a[0] - a[1], EventDirection.Rising);
                case ExprKind.Less:
                case ExprKind.LessOrEqual:
                    return (a[0] - a[1], EventDirection.Falling);
                case ExprKind.Not:
                {
                    var (g, d) = Root(a[0], eventId);
                    return (g, d == EventDirection.Rising ? EventDirection.Falling : EventDirection.Rising);
                }

                case ExprKind.And:
                case ExprKind.Or:
                {
                    // Positive exactly when the condition holds: min of the parts for 'and', max for 'or'.
                    var l = Positive(Root(a[0], eventId));
                    var r = Positive(Root(a[1], eventId));
                    return (condition.Kind == ExprKind.And ? Expr.Min(l, r) : Expr.Max(l, r), EventDirection.Rising);
                }

                default:
                    throw new SbmlUnsupportedException(
                        $"The trigger '{condition}' of SBML <event> '{eventId}' cannot be written as a crossing (use <, >, ≤, ≥ with and/or/not; equality and constant triggers are not supported).",
                        "event", eventId);
            }
        }

        private static Expr Positive((Expr Root, EventDirection Direction) r) => r.Direction == EventDirection.Rising ? r.Root : -r.Root;

        /// <summary>Events that fire at t = 0 change the start values of their targets (document order).</summary>
        private void ApplyEventsAtStart(List<SbmlEvent> events, List<StateDecl> states, StartValues starts)
        {
            foreach (var e in events)
            {
                var fires = _options.InitialTriggers switch
                {
                    SbmlInitialTriggerPolicy.Fire => true,
                    SbmlInitialTriggerPolicy.DoNotFire => false,
                    _ => _level >= 3 && e.InitialValue == false,
                };
                if (!fires || e.Assignments.Count == 0 || e.Osteo?.Name == O + "dose")
                {
                    continue;
                }

                var before = states.ToDictionary(s => s.Name, s => s.Initial, StringComparer.Ordinal);
                var holds = starts.AtStart(e.Trigger, before);
                if (holds.Kind == ExprKind.Boolean && holds.Value == 0)
                {
                    continue;
                }

                foreach (var (variable, value) in e.Assignments)
                {
                    var state = states.First(s => s.Name == NameOf(variable));
                    state.Initial = Expr.Piecewise([(holds, starts.AtStart(value, before))], before[state.Name]);
                    state.InitialIsExpression = true;
                }

                _warnings.Add($"Event '{e.Id}' fires at t = 0 when its trigger holds then; its assignments are part of the initial values.");
            }
        }

        // ---- start values -------------------------------------------------------------------------------------------

        /// <summary>Start values (t = 0) of states, and expressions evaluated at the start.</summary>
        private sealed class StartValues(HashSet<string> states, Dictionary<string, Expr> assignments, Dictionary<string, Expr> rawInitials)
        {
            private readonly Dictionary<string, Expr> _initials = new(StringComparer.Ordinal);
            private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);
            private readonly Dictionary<string, bool> _dynamic = new(StringComparer.Ordinal);

            public Expr Initial(string state)
            {
                if (_initials.TryGetValue(state, out var known))
                {
                    return known;
                }

                if (!_visiting.Add(state))
                {
                    throw new SbmlImportException($"The initial value of '{state}' depends on itself.", "initialAssignment", state);
                }

                var value = AtStart(rawInitials[state], null);
                _visiting.Remove(state);
                _initials[state] = value;
                return value;
            }

            /// <summary>The expression at t = 0: states by their start values, time by 0, state- or time-dependent assignments inlined.</summary>
            public Expr AtStart(Expr e, IReadOnlyDictionary<string, Expr>? stateValues = null) =>
                e.Substitute(node => node.Kind switch
                {
                    ExprKind.Time => Expr.Zero,
                    ExprKind.Symbol when states.Contains(node.Name!) => stateValues is not null ? stateValues[node.Name!] : Initial(node.Name!),
                    ExprKind.Symbol when assignments.ContainsKey(node.Name!) && IsDynamic(node.Name!) => AtStart(assignments[node.Name!], stateValues),
                    _ => null,
                });

            private bool IsDynamic(string assignment)
            {
                if (_dynamic.TryGetValue(assignment, out var known))
                {
                    return known;
                }

                _dynamic[assignment] = false; // cycles are reported by the model builder
                var result = assignments[assignment].PostOrder().Any(n => n.Kind == ExprKind.Time
                    || (n.Kind == ExprKind.Symbol && (states.Contains(n.Name!) || (assignments.ContainsKey(n.Name!) && IsDynamic(n.Name!)))));
                _dynamic[assignment] = result;
                return result;
            }
        }

        // ---- building -----------------------------------------------------------------------------------------------

        private SbmlImportResult BuildModel(ModelDecl decl)
        {
            var unknown = decl.States.Where(s => s.Unit is null).Select(s => s.Name)
                .Concat(decl.Parameters.Where(p => p.Unit is null).Select(p => p.Name))
                .Concat(decl.Inputs.Where(i => i.Unit is null).Select(i => i.Name)).ToList();
            var osteoChecked = SbmlXml.ParseBool((string?)_osteoModel?.Attribute("unitsChecked")) ?? true;
            var checkUnits = _options.Units switch
            {
                SbmlUnitPolicy.Ignore => false,
                SbmlUnitPolicy.Require when unknown.Count > 0 => throw new SbmlImportException(
                    $"SBML model '{_modelId}' does not declare the units of {string.Join(", ", unknown.Select(n => "'" + n + "'"))}; units are required by the import options.",
                    "model", _modelId),
                _ => unknown.Count == 0 && osteoChecked,
            };
            if (!checkUnits && _options.Units != SbmlUnitPolicy.Ignore && unknown.Count > 0)
            {
                _warnings.Add($"Units are not declared for {unknown.Count} quantit{(unknown.Count == 1 ? "y" : "ies")} ({string.Join(", ", unknown.Take(8))}{(unknown.Count > 8 ? ", ..." : "")}); dimensional analysis is skipped.");
            }

            var orderProblem = decl.Modules.Count > 0 ? decl.ModuleOrderProblem() : null;
            var withModules = decl.Modules.Count > 0 && orderProblem is null;
            if (orderProblem is not null)
            {
                _warnings.Add($"The module provenance cannot be restored without reordering {orderProblem}; all declarations are attributed to the base model.");
            }

            Model model;
            try
            {
                try
                {
                    model = decl.Build(checkUnits, withModules);
                }
                catch (ModelUnitException ex) when (_options.Units == SbmlUnitPolicy.Auto)
                {
                    _warnings.Add($"The declared units are not consistent, so dimensional analysis is skipped: {ex.Message}");
                    checkUnits = false;
                    model = decl.Build(false, withModules);
                }
            }
            catch (ArgumentException ex) when (ex is not SbmlImportException)
            {
                throw new SbmlImportException($"SBML model '{_modelId}' could not be built: {ex.Message}", "model", _modelId, ex);
            }

            if (!checkUnits)
            {
                unknown.AddRange(decl.Assignments.Where(a => a.Unit is null).Select(a => a.Name));
            }

            return new SbmlImportResult(model, _level, _version, _osteoModel is not null, unknown, _warnings);
        }

        // ---- parameters ---------------------------------------------------------------------------------------------

        private ParamDecl ReadOsteoParameter(string name, double value, Unit? unit, XElement osteo)
        {
            var source = osteo.Element(O + "source") is { } s ? ReadCitation(s) : DefaultCitation();
            var lower = DoubleAttribute(osteo, "lowerBound") ?? value;
            var upper = DoubleAttribute(osteo, "upperBound") ?? value;
            var scale = (string?)osteo.Attribute("scale") == "log" ? ParameterScale.Log : ParameterScale.Linear;
            return new ParamDecl(name, value, unit, (string?)osteo.Attribute("description") ?? name, source, lower, upper,
                SbmlXml.ParseBool((string?)osteo.Attribute("tunable")) ?? true, scale, (string?)osteo.Attribute("module"));
        }

        private ParamDecl ForeignParameter(string name, double value, Unit? unit, string description)
        {
            var f = _options.DefaultBoundsFactor;
            return value switch
            {
                > 0 => new ParamDecl(name, value, unit, description, DefaultCitation(), value / f, value * f, true, ParameterScale.Log, null),
                < 0 => new ParamDecl(name, value, unit, description, DefaultCitation(), value * f, value / f, true, ParameterScale.Linear, null),
                _ => new ParamDecl(name, value, unit, description, DefaultCitation(), 0, 0, false, ParameterScale.Linear, null),
            };
        }

        private Citation DefaultCitation()
        {
            if (_defaultCitationCache is not null)
            {
                return _defaultCitationCache;
            }

            var text = $"SBML model '{_modelId}'" + (_title.Length > 0 && _title != _modelId ? $" ({_title})" : "")
                + (_options.SourceName is null ? "" : $", file {_options.SourceName}");
            var f = _options.DefaultBoundsFactor.ToString("R", CultureInfo.InvariantCulture);
            _defaultCitationCache = new Citation(text, Doi: _describedByDoi, Url: _describedByUrl,
                Note: $"value as given in the SBML file, which carries no per-parameter provenance; bounds are importer defaults (value ÷ {f} to value × {f}; zero values fixed)");
            return _defaultCitationCache;
        }

        private static Citation ReadCitation(XElement s) =>
            new((string?)s.Attribute("text") ?? "", (string?)s.Attribute("doi"), (string?)s.Attribute("url"), (string?)s.Attribute("codePath"),
                (string?)s.Attribute("note"));

        private void ReadMiriam()
        {
            var rdf = _model.Element(_core + "annotation")?.Elements().FirstOrDefault(e => e.Name.LocalName == "RDF");
            var described = rdf?.Descendants().Where(e => e.Name.LocalName == "isDescribedBy").SelectMany(e => e.Descendants())
                .Select(e => e.Attributes().FirstOrDefault(a => a.Name.LocalName == "resource")?.Value).OfType<string>().ToList() ?? [];
            _describedByUrl = described.Select(NormaliseIdentifier).FirstOrDefault();
            _describedByDoi = described.Select(DoiOf).OfType<string>().FirstOrDefault();
        }

        private IEnumerable<Citation> MiriamSources()
        {
            var rdf = _model.Element(_core + "annotation")?.Elements().FirstOrDefault(e => e.Name.LocalName == "RDF");
            if (rdf is null)
            {
                yield break;
            }

            foreach (var qualifier in new[] { "isDescribedBy", "is" })
            {
                foreach (var resource in rdf.Descendants().Where(e => e.Name.LocalName == qualifier && e.Name.NamespaceName.Contains("model-qualifiers", StringComparison.Ordinal))
                    .SelectMany(e => e.Descendants()).Select(e => e.Attributes().FirstOrDefault(a => a.Name.LocalName == "resource")?.Value).OfType<string>())
                {
                    var url = NormaliseIdentifier(resource);
                    var text = qualifier == "isDescribedBy" ? $"Publication describing SBML model '{_modelId}' ({IdentifierText(url)})" : $"SBML model '{_modelId}' is {IdentifierText(url)}";
                    yield return new Citation(text, Doi: DoiOf(resource), Url: url);
                }
            }
        }

        private static string NormaliseIdentifier(string resource)
        {
            var m = Regex.Match(resource, "^urn:miriam:([^:]+):(.+)$");
            return m.Success ? $"https://identifiers.org/{m.Groups[1].Value}/{Uri.UnescapeDataString(m.Groups[2].Value)}" : resource;
        }

        private static string IdentifierText(string url)
        {
            var m = Regex.Match(url, "identifiers\\.org/([^/]+)/(.+)$");
            return m.Success ? $"{m.Groups[1].Value} {m.Groups[2].Value}" : url;
        }

        private static string? DoiOf(string resource)
        {
            var m = Regex.Match(resource, "(?:identifiers\\.org/doi/|urn:miriam:doi:|doi\\.org/)(10\\..+)$");
            return m.Success ? Uri.UnescapeDataString(m.Groups[1].Value) : null;
        }

        // ---- units --------------------------------------------------------------------------------------------------

        private Unit TimeUnit()
        {
            var text = (string?)_osteoModel?.Attribute("timeUnit");
            if (text is not null && Unit.TryParse(text, out var annotated, out _))
            {
                return annotated;
            }

            var reference = _level >= 3 ? (string?)_model.Attribute("timeUnits") : _unitDefinitions.ContainsKey("time") ? "time" : null;
            var declared = ResolveUnit(reference);
            if (declared is Unit u && u.HasSameDimension(Unit.Day))
            {
                return u;
            }

            var assumed = _options.AssumedTimeUnit ?? Unit.Day;
            _warnings.Add(reference is null
                ? $"The document does not declare its time unit; {assumed} is assumed."
                : $"The time unit '{reference}' is not a unit of time; {assumed} is assumed.");
            return assumed;
        }

        private static Unit? OsteoUnit(XElement? osteo) =>
            (string?)osteo?.Attribute("unit") is string text && Unit.TryParse(text, out var unit, out _) ? unit : null;

        private Unit? SpeciesUnit(Species s)
        {
            var substanceRef = s.SubstanceUnits
                ?? (_level >= 3 ? (string?)_model.Attribute("substanceUnits") : _unitDefinitions.ContainsKey("substance") ? "substance" : null);
            if (ResolveUnit(substanceRef) is not Unit substance)
            {
                return null;
            }

            if (s.OnlySubstance)
            {
                return substance;
            }

            return CompartmentUnit(_compartments[s.Compartment]) is Unit volume ? substance / volume : null;
        }

        private Unit? CompartmentUnit(Compartment c)
        {
            var reference = c.Units ?? (_level >= 3
                ? c.SpatialDimensions switch
                {
                    3 => (string?)_model.Attribute("volumeUnits"),
                    2 => (string?)_model.Attribute("areaUnits"),
                    1 => (string?)_model.Attribute("lengthUnits"),
                    _ => null,
                }
                : c.SpatialDimensions switch
                {
                    3 when _unitDefinitions.ContainsKey("volume") => "volume",
                    2 when _unitDefinitions.ContainsKey("area") => "area",
                    1 when _unitDefinitions.ContainsKey("length") => "length",
                    _ => null,
                });
            return ResolveUnit(reference);
        }

        /// <summary>A unit definition id or SBML base unit as a unit; null when absent or not convertible.</summary>
        private Unit? ResolveUnit(string? reference)
        {
            if (reference is null)
            {
                return null;
            }

            if (_unitCache.TryGetValue(reference, out var cached))
            {
                return cached;
            }

            List<(string, double, int, double)>? terms = null;
            if (_unitDefinitions.TryGetValue(reference, out var definition))
            {
                terms = definition.Elements(_core + "listOfUnits").Elements(_core + "unit").Select(u => (
                    (string?)u.Attribute("kind") ?? "",
                    DoubleAttribute(u, "exponent") ?? 1,
                    IntAttribute(u, "scale") ?? 0,
                    DoubleAttribute(u, "multiplier") ?? 1)).ToList();
            }
            else if (SbmlUnits.IsBaseKind(reference))
            {
                terms = [(reference, 1, 0, 1)];
            }

            Unit? result = null;
            if (terms is not null)
            {
                if (SbmlUnits.TryToUnit(terms, out var unit, out var problem))
                {
                    result = unit;
                }
                else
                {
                    _warnings.Add($"The unit '{reference}' cannot be represented ({problem}); quantities using it have unknown units.");
                }
            }
            else
            {
                _warnings.Add($"The unit '{reference}' is not defined in the document; quantities using it have unknown units.");
            }

            _unitCache[reference] = result;
            return result;
        }

        // ---- small helpers ------------------------------------------------------------------------------------------

        private Expr? SpeciesStartValueOrNull(Species s)
        {
            var size = _compartments[s.Compartment].Size;
            if (s.OnlySubstance)
            {
                return s.InitialAmount is double amount ? Expr.Constant(amount)
                    : s.InitialConcentration is double c && size is double v ? Expr.Constant(c * v) : null;
            }

            return s.InitialConcentration is double conc ? Expr.Constant(conc)
                : s.InitialAmount is double a && size is double volume && volume != 0 ? Expr.Constant(a / volume) : null;
        }

        private Expr SpeciesStartValue(Species s) =>
            SpeciesStartValueOrNull(s) ?? throw new SbmlImportException(
                $"SBML <species> '{s.Id}' has no initial amount, initial concentration or initial assignment (or its compartment has no size).", "species", s.Id);

        private Expr ReadMath(XElement holder, string element, string id)
        {
            var math = holder.Element(M + "math") ?? throw Missing(element, id, "math");
            return _math.Read(math, element, id, n => Symbol(n, element, id));
        }

        /// <summary>The expression for a name used in a formula (a reaction id means its rate).</summary>
        private Expr Symbol(string id, string element, string? elementId)
        {
            if (_reactionRates.TryGetValue(id, out var rate))
            {
                return rate;
            }

            if (_speciesReferenceIds.Contains(id))
            {
                throw new SbmlUnsupportedException($"SBML <{element}> '{elementId}' reads the stoichiometry '{id}'; variable stoichiometry is not supported.", element, elementId);
            }

            if (!_names.ContainsKey(id))
            {
                throw new SbmlImportException($"SBML <{element}> '{elementId}' uses '{id}', which is not declared.", element, elementId);
            }

            if (_compartments.ContainsKey(id))
            {
                _referencedCompartments.Add(id);
            }

            return Expr.Symbol(NameOf(id));
        }

        private string UniqueName(string preferred)
        {
            var name = preferred;
            while (_usedNames.Contains(name) || Reserved.Contains(name))
            {
                name += "_";
            }

            _usedNames.Add(name);
            return name;
        }

        private XElement? Annotation(XElement e, string name) => e.Element(_core + "annotation")?.Element(O + name);

        private string Describe(XElement e, XElement? osteo, string fallback)
        {
            if ((string?)osteo?.Attribute("description") is string d)
            {
                return d; // OsteoOde's own text, even when empty
            }

            var name = ((string?)e.Attribute("name"))?.Trim();
            if (!string.IsNullOrEmpty(name) && name != (string?)e.Attribute("id"))
            {
                return name.Replace('_', ' ');
            }

            return NotesText(e) ?? fallback;
        }

        private string? NotesText(XElement e)
        {
            var notes = e.Element(_core + "notes");
            if (notes is null)
            {
                return null;
            }

            var text = Regex.Replace(string.Join(" ", notes.DescendantNodes().OfType<XText>().Select(t => t.Value)), "\\s+", " ").Trim();
            return text.Length == 0 ? null : text;
        }

        private IEnumerable<XElement> List(string list, string? item) =>
            item is null ? _model.Elements(_core + list).Elements() : _model.Elements(_core + list).Elements(_core + item);

        private static string RequiredId(XElement e) =>
            (string?)e.Attribute("id") ?? throw new SbmlImportException($"An SBML <{e.Name.LocalName}> has no id{LineOf(e)}.", e.Name.LocalName, null);

        private static SbmlImportException Missing(string element, string? id, string what) =>
            new($"SBML <{element}>{(id is null ? "" : $" '{id}'")} has no {what}.", element, id);

        private static string LineOf(XElement e) =>
            e is IXmlLineInfo info && info.HasLineInfo() ? $" (line {info.LineNumber.ToString(CultureInfo.InvariantCulture)})" : "";

        private static double? DoubleAttribute(XElement e, string name)
        {
            var text = (string?)e.Attribute(name);
            if (text is null)
            {
                return null;
            }

            return SbmlXml.TryParseNumber(text, out var v) ? v
                : throw new SbmlImportException($"Attribute {name}=\"{text}\" of SBML <{e.Name.LocalName}> '{(string?)e.Attribute("id")}' is not a number.", e.Name.LocalName, (string?)e.Attribute("id"));
        }

        private static int? IntAttribute(XElement e, string name) =>
            (string?)e.Attribute(name) is string text && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

        private static bool? BoolAttribute(XElement e, string name) => SbmlXml.ParseBool((string?)e.Attribute(name));
    }
}
