namespace OsteoOde.Modeling;

/// <summary>Turns a builder's drafts into a validated, unit-checked, immutable <see cref="Model"/>.</summary>
internal static class ModelAssembler
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "t", "time" };

    public static Model Assemble(ModelBuilder b)
    {
        var problems = new List<string>();

        // 1. Names: unique across every quantity, not reserved; descriptions present.
        var registry = new Dictionary<string, (QuantityKind Kind, string? Module)>(StringComparer.Ordinal);
        void Register(string name, QuantityKind kind, string? module)
        {
            var kindText = KindText(kind);
            if (Reserved.Contains(name))
            {
                problems.Add(ModelMessages.ReservedName(name, kindText));
            }
            else if (registry.TryGetValue(name, out var first))
            {
                problems.Add(ModelMessages.DuplicateName(name, KindText(first.Kind), first.Module, kindText, module));
            }
            else
            {
                registry[name] = (kind, module);
            }
        }

        foreach (var s in b.States)
        {
            Register(s.Name, QuantityKind.State, s.Module);
            if (string.IsNullOrWhiteSpace(s.Description))
            {
                problems.Add(ModelMessages.MissingDescription("state", s.Name));
            }

            if (s.InitialValue is double v && !double.IsFinite(v))
            {
                problems.Add(ModelMessages.NotFinite("initial value", s.Name, v));
            }
        }

        foreach (var p in b.Parameters)
        {
            Register(p.Name, QuantityKind.Parameter, p.Module);
            CheckParameterMetadata(p, problems);
        }

        foreach (var i in b.Inputs)
        {
            Register(i.Name, QuantityKind.Input, i.Module);
            if (string.IsNullOrWhiteSpace(i.Description))
            {
                problems.Add(ModelMessages.MissingDescription("input", i.Name));
            }

            if (!double.IsFinite(i.DefaultValue))
            {
                problems.Add(ModelMessages.NotFinite("default value", i.Name, i.DefaultValue));
            }
            else if (double.IsNaN(i.LowerBound) || double.IsNaN(i.UpperBound) || i.LowerBound > i.UpperBound
                || i.LowerBound == double.PositiveInfinity || i.UpperBound == double.NegativeInfinity)
            {
                problems.Add(ModelMessages.InputBoundsInvalid(i.Name, i.LowerBound, i.UpperBound));
            }
            else if (!i.Allows(i.DefaultValue))
            {
                problems.Add(ModelMessages.InputDefaultOutsideBounds(i.Name, i.DefaultValue, i.LowerBound, i.UpperBound));
            }
        }

        foreach (var a in b.Assignments)
        {
            Register(a.Name, QuantityKind.Assignment, a.Module);
        }

        var allNames = registry.Keys.ToList();
        var stateNames = b.States.Select(s => s.Name).ToList();

        // 2. Every symbol used anywhere must be declared.
        void CheckRefs(Expr e, string where)
        {
            foreach (var name in e.SymbolNames())
            {
                if (!registry.ContainsKey(name))
                {
                    problems.Add(ModelMessages.UnknownName(name, where, NameSuggestions.Hint(name, allNames)));
                }
            }
        }

        foreach (var s in b.States.Where(s => s.InitialIsExpression))
        {
            CheckRefs(s.Initial, $"the initial value of '{s.Name}'");
        }

        foreach (var a in b.Assignments.Where(a => a.Definition is not null))
        {
            CheckRefs(a.Definition!, $"assignment '{a.Name}'");
        }

        // 3. Contributions go to open sums/products of the right kind, with unique names.
        var assignmentByName = b.Assignments.GroupBy(a => a.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var contributionsByTarget = new Dictionary<string, List<RateTerm>>(StringComparer.Ordinal);
        foreach (var (target, term, kind) in b.Contributions)
        {
            var kindText = kind == AssignmentKind.OpenSum ? "open sum" : "open product";
            var where = $"{(kind == AssignmentKind.OpenSum ? "AddToSum" : "MultiplyInto")} term '{term.Name}'{(term.Module is null ? "" : $" (module '{term.Module}')")}";
            CheckRefs(term.Expression, $"{target}, term '{term.Name}'");
            if (!assignmentByName.TryGetValue(target, out var a) || a.Kind != kind)
            {
                var actual = a is not null ? $"a{(a.Kind == AssignmentKind.Expression ? " plain assignment" : a.Kind == AssignmentKind.OpenSum ? "n open sum" : "n open product")}"
                    : registry.TryGetValue(target, out var r) ? "a " + KindText(r.Kind) : null;
                var candidates = b.Assignments.Where(x => x.Kind == kind).Select(x => x.Name).ToList();
                problems.Add(ModelMessages.NotAnExtensionPoint(target, kindText, where, actual, NameSuggestions.Hint(target, candidates)));
                continue;
            }

            var list = contributionsByTarget.TryGetValue(target, out var existing) ? existing : contributionsByTarget[target] = [];
            if (list.Any(t => t.Name == term.Name))
            {
                problems.Add(ModelMessages.DuplicateTerm(term.Name, $"{kindText} '{target}'"));
                continue;
            }

            list.Add(term);
        }

        // 4. Rate terms target declared states, with unique names per state; every state has a rate.
        var termsByState = stateNames.ToDictionary(n => n, _ => new List<RateTerm>(), StringComparer.Ordinal);
        foreach (var (state, term) in b.RateTermDrafts)
        {
            var label = $"d({state})/dt, term '{term.Name}'";
            CheckRefs(term.Expression, label);
            if (!termsByState.TryGetValue(state, out var list))
            {
                problems.Add(ModelMessages.UnknownState(state, $"AddRate term '{term.Name}'{(term.Module is null ? "" : $" (module '{term.Module}')")}",
                    NameSuggestions.Hint(state, stateNames)));
                continue;
            }

            if (list.Any(t => t.Name == term.Name))
            {
                problems.Add(ModelMessages.DuplicateTerm(term.Name, $"d({state})/dt"));
                continue;
            }

            list.Add(term);
        }

        foreach (var s in b.States)
        {
            if (termsByState.TryGetValue(s.Name, out var list) && list.Count == 0)
            {
                problems.Add(ModelMessages.StateWithoutRate(s.Name, s.Module));
            }
        }

        // 5. Observable marks name assignments.
        var observableMarks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in b.ObservableMarks)
        {
            if (!assignmentByName.ContainsKey(name))
            {
                problems.Add(ModelMessages.UnknownObservable(name, NameSuggestions.Hint(name, assignmentByName.Keys.ToList())));
            }
            else
            {
                observableMarks.Add(name);
            }
        }

        // 5b. Output order of observables: listed names first (each an observable, once), the rest in declaration order.
        if (b.ObservableOrder is { } requestedOrder)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in requestedOrder)
            {
                if (!assignmentByName.TryGetValue(name, out var draft))
                {
                    problems.Add(ModelMessages.ObservableOrderInvalid(name, "is not an assignment", NameSuggestions.Hint(name, assignmentByName.Keys.ToList())));
                }
                else if (!(draft.Observable || observableMarks.Contains(name)) || b.TimeColumnMarks.Contains(name))
                {
                    problems.Add(ModelMessages.ObservableOrderInvalid(name, "is not an observable", ""));
                }
                else if (!seen.Add(name))
                {
                    problems.Add(ModelMessages.ObservableOrderInvalid(name, "is listed twice", ""));
                }
            }
        }

        // 6. Events and doses.
        var eventNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ev in b.Events)
        {
            if (!eventNames.Add(ev.Name))
            {
                problems.Add(ModelMessages.DuplicateEvent("event", ev.Name));
            }

            CheckRefs(ev.Trigger, $"the trigger of event '{ev.Name}'");
            foreach (var (state, value) in ev.Assignments)
            {
                if (!termsByState.ContainsKey(state))
                {
                    problems.Add(ModelMessages.UnknownState(state, $"Event '{ev.Name}'", NameSuggestions.Hint(state, stateNames)));
                }

                CheckRefs(value, $"event '{ev.Name}', assignment to '{state}'");
            }
        }

        var doseNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dose in b.Doses)
        {
            if (!doseNames.Add(dose.Name))
            {
                problems.Add(ModelMessages.DuplicateEvent("dose", dose.Name));
            }

            if (!termsByState.ContainsKey(dose.State))
            {
                problems.Add(ModelMessages.UnknownState(dose.State, $"Dose '{dose.Name}'", NameSuggestions.Hint(dose.State, stateNames)));
            }

            if (dose.Amount is not null)
            {
                CheckRefs(dose.Amount, $"the amount of dose '{dose.Name}'");
            }
            else if (!double.IsFinite(dose.AmountValue!.Value))
            {
                problems.Add(ModelMessages.NotFinite("amount", dose.Name, dose.AmountValue.Value));
            }

            if (dose.Times.Length == 0 || dose.Times.Any(t => !double.IsFinite(t)))
            {
                problems.Add(ModelMessages.DoseTimesInvalid(dose.Name));
            }
        }

        if (problems.Count > 0)
        {
            throw new ModelValidationException(b.Id, problems);
        }

        // 7. Assignment expressions (open sums/products combine their contributions) and evaluation order; cycles.
        var definitions = new Dictionary<string, Expr>(StringComparer.Ordinal);
        foreach (var a in b.Assignments)
        {
            var terms = contributionsByTarget.TryGetValue(a.Name, out var list) ? list : [];
            definitions[a.Name] = a.Kind switch
            {
                AssignmentKind.OpenSum => terms.Aggregate(Expr.Zero, (sum, t) => sum + t.Expression),
                AssignmentKind.OpenProduct => terms.Aggregate(Expr.One, (product, t) => product * t.Expression),
                _ => a.Definition!,
            };
        }

        var order = AssignmentOrder(b.Assignments.Select(a => a.Name).ToList(), definitions, problems);
        if (problems.Count > 0)
        {
            throw new ModelValidationException(b.Id, problems);
        }

        // 8. Initial values may not depend on states or time; dose amounts neither.
        var stateSet = new HashSet<string>(stateNames, StringComparer.Ordinal);
        var dynamicDependency = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in order)
        {
            dynamicDependency[name] = DynamicDependency(definitions[name], stateSet, dynamicDependency);
        }

        foreach (var s in b.States.Where(s => s.InitialIsExpression))
        {
            if (DynamicDependency(s.Initial, stateSet, dynamicDependency) is string dep)
            {
                problems.Add(ModelMessages.InitialDependsOnState(s.Name, dep));
            }
        }

        foreach (var dose in b.Doses.Where(d => d.Amount is not null))
        {
            if (DynamicDependency(dose.Amount!, stateSet, dynamicDependency) is string dep)
            {
                problems.Add(ModelMessages.DoseAmountDependsOnState(dose.Name, dep));
            }
        }

        var timeColumns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in b.TimeColumnMarks)
        {
            timeColumns.Add(name);
            if (StateDependency(definitions[name], stateSet, definitions) is string state)
            {
                problems.Add(ModelMessages.TimeColumnDependsOnState(name, state));
            }
        }

        if (problems.Count > 0)
        {
            throw new ModelValidationException(b.Id, problems);
        }

        // 9. Units.
        var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var s in b.States)
        {
            units[s.Name] = s.Unit;
        }

        foreach (var p in b.Parameters)
        {
            units[p.Name] = p.Unit;
        }

        foreach (var i in b.Inputs)
        {
            units[i.Name] = i.Unit;
        }

        var checker = new UnitChecker(name => units[name], b.TimeUnit);
        foreach (var name in order)
        {
            var a = assignmentByName[name];
            if (!b.CheckUnits)
            {
                units[name] = a.DeclaredUnit ?? Unit.Dimensionless; // source without units: nothing to check or infer
            }
            else if (a.Kind == AssignmentKind.Expression)
            {
                if (a.DeclaredUnit is Unit declared)
                {
                    checker.Expect(definitions[name], declared, name, null);
                    units[name] = declared;
                }
                else
                {
                    var inferred = checker.Infer(definitions[name], name, null);
                    units[name] = inferred.Kind == UnitTypeKind.Real ? inferred.Unit : Unit.Dimensionless;
                }
            }
            else
            {
                units[name] = a.DeclaredUnit!.Value;
                foreach (var term in contributionsByTarget.TryGetValue(name, out var list) ? list : [])
                {
                    checker.Expect(term.Expression, a.DeclaredUnit.Value, name, term.Name);
                }
            }
        }

        var rateUnits = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var s in b.States)
        {
            var expected = s.Unit / b.TimeUnit;
            rateUnits[s.Name] = expected;
            foreach (var term in termsByState[s.Name])
            {
                checker.Expect(term.Expression, expected, $"d({s.Name})/dt", term.Name);
            }

            if (s.InitialIsExpression)
            {
                checker.Expect(s.Initial, s.Unit, $"initial value of {s.Name}", null);
            }
        }

        foreach (var ev in b.Events)
        {
            checker.Infer(ev.Trigger, $"event '{ev.Name}' trigger", null);
            foreach (var (state, value) in ev.Assignments)
            {
                checker.Expect(value, units[state], $"event '{ev.Name}'", $"{state} :=");
            }
        }

        foreach (var dose in b.Doses.Where(d => d.Amount is not null))
        {
            checker.Expect(dose.Amount!, units[dose.State], $"dose '{dose.Name}'", null);
        }

        if (checker.Issues.Count > 0 && b.CheckUnits)
        {
            throw new ModelUnitException(b.Id, checker.Issues);
        }

        // 10. Immutable model.
        var states = b.States.Select(s => new ModelState(s.Name, s.Unit, s.Initial, s.InitialIsExpression, s.Description, s.NonNegative,
            s.Module, termsByState[s.Name].ToArray())).ToArray();
        var assignments = b.Assignments.Select(a => new ModelAssignment(a.Name, a.Kind, definitions[a.Name], units[a.Name],
            a.DeclaredUnit is not null, a.Description, a.Observable || observableMarks.Contains(a.Name),
            (contributionsByTarget.TryGetValue(a.Name, out var list) ? list : []).ToArray(), a.Module, timeColumns.Contains(a.Name), a.Group)).ToArray();
        var events = b.Events.Select(e => new ModelEvent(e.Name, e.Trigger, e.Direction,
            e.Assignments.Select(x => new EventAssignment(x.State, x.Value)).ToArray(), e.Terminal, e.Description, e.Module)).ToArray();
        var doses = b.Doses.Select(d => new ModelDose(d.Name, d.State, d.Amount ?? Expr.Quantity(d.AmountValue!.Value, units[d.State]),
            d.Times.Order().ToArray(), d.Description, d.Module)).ToArray();
        return new Model(b.Id, b.Title, b.Description, b.Sources.ToArray(), b.TimeUnit, states, b.Parameters.ToArray(), b.Inputs.ToArray(),
            assignments, order, events, doses, b.Modules.ToArray(), b.CheckUnits, b.ObservableOrder);
    }

    private static string KindText(QuantityKind kind) => kind switch
    {
        QuantityKind.State => "state",
        QuantityKind.Parameter => "parameter",
        QuantityKind.Input => "input",
        _ => "assignment",
    };

    private static void CheckParameterMetadata(ModelParameter p, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(p.Description))
        {
            problems.Add(ModelMessages.ParameterMissing(p.Name, "description"));
        }

        if (p.Source is null || string.IsNullOrWhiteSpace(p.Source.Text))
        {
            problems.Add(ModelMessages.ParameterMissing(p.Name, "source citation"));
        }

        if (!double.IsFinite(p.Value))
        {
            problems.Add(ModelMessages.NotFinite("value", p.Name, p.Value));
            return;
        }

        if (!double.IsFinite(p.LowerBound) || !double.IsFinite(p.UpperBound) || p.LowerBound > p.UpperBound)
        {
            problems.Add(ModelMessages.ParameterBoundsInvalid(p.Name, p.LowerBound, p.UpperBound));
            return;
        }

        if (p.Value < p.LowerBound || p.Value > p.UpperBound)
        {
            problems.Add(ModelMessages.ParameterValueOutsideBounds(p.Name, p.Value, p.LowerBound, p.UpperBound));
        }

        if (p.Scale == ParameterScale.Log && p.LowerBound <= 0)
        {
            problems.Add(ModelMessages.ParameterLogScaleNeedsPositiveBounds(p.Name, p.LowerBound));
        }
    }

    /// <summary>Depth-first topological order of assignments; reports each cycle once with its path.</summary>
    private static List<string> AssignmentOrder(List<string> names, Dictionary<string, Expr> definitions, List<string> problems)
    {
        var order = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 0 new, 1 on stack, 2 done
        var path = new List<string>();
        var reported = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string name)
        {
            state[name] = 1;
            path.Add(name);
            foreach (var dep in definitions[name].SymbolNames().Where(definitions.ContainsKey))
            {
                var s = state.GetValueOrDefault(dep);
                if (s == 1)
                {
                    var cycle = path.Skip(path.IndexOf(dep)).Append(dep).ToList();
                    if (reported.Add(string.Join(",", cycle.Skip(1).Order(StringComparer.Ordinal))))
                    {
                        problems.Add(ModelMessages.AssignmentCycle(cycle));
                    }
                }
                else if (s == 0)
                {
                    Visit(dep);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[name] = 2;
            order.Add(name);
        }

        foreach (var name in names)
        {
            if (state.GetValueOrDefault(name) == 0)
            {
                Visit(name);
            }
        }

        return order;
    }

    /// <summary>The first state an expression reads, directly or through assignments; null if none.</summary>
    private static string? StateDependency(Expr e, HashSet<string> states, Dictionary<string, Expr> definitions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Expr>();
        pending.Push(e);
        while (pending.Count > 0)
        {
            foreach (var name in pending.Pop().SymbolNames())
            {
                if (states.Contains(name))
                {
                    return name;
                }

                if (seen.Add(name) && definitions.TryGetValue(name, out var definition))
                {
                    pending.Push(definition);
                }
            }
        }

        return null;
    }

    /// <summary>The first state or time dependence of an expression (directly or through assignments), described for messages; null if none.</summary>
    private static string? DynamicDependency(Expr e, HashSet<string> states, Dictionary<string, string?> assignmentDependency)
    {
        foreach (var node in e.PostOrder())
        {
            if (node.Kind == ExprKind.Time)
            {
                return "the time t";
            }

            if (node.Kind == ExprKind.Symbol)
            {
                if (states.Contains(node.Name!))
                {
                    return $"the state '{node.Name}'";
                }

                if (assignmentDependency.TryGetValue(node.Name!, out var viaAssignment) && viaAssignment is not null)
                {
                    return $"{viaAssignment} (through '{node.Name}')";
                }
            }
        }

        return null;
    }
}
