using OsteoOde.Numerics;

namespace OsteoOde.Modeling.Sbml;

/// <summary>A state read from SBML, before the model is built.</summary>
internal sealed class StateDecl(string name, string element)
{
    public string Name { get; } = name;

    /// <summary>The SBML element it came from (species or parameter), for messages.</summary>
    public string Element { get; } = element;

    public Unit? Unit { get; set; }

    public Expr Initial { get; set; } = Expr.Zero;

    public bool InitialIsExpression { get; set; }

    public string Description { get; set; } = "";

    public bool NonNegative { get; set; }

    public string? Module { get; set; }

    public int? Index { get; set; }

    public List<RateTerm> Terms { get; } = [];
}

/// <summary>A parameter read from SBML.</summary>
internal sealed record ParamDecl(string Name, double Value, Unit? Unit, string Description, Citation Source, double LowerBound,
    double UpperBound, bool Tunable, ParameterScale Scale, string? Module);

/// <summary>An input read from SBML (OsteoOde annotation only).</summary>
internal sealed record InputDecl(string Name, Unit? Unit, double DefaultValue, string Description, string? Module,
    double LowerBound = double.NegativeInfinity, double UpperBound = double.PositiveInfinity);

/// <summary>An assignment read from SBML.</summary>
internal sealed class AssignDecl(string name)
{
    public string Name { get; } = name;

    public AssignmentKind Kind { get; set; } = AssignmentKind.Expression;

    public Expr? Definition { get; set; }

    public Unit? Unit { get; set; }

    public bool UnitDeclared { get; set; }

    public string Description { get; set; } = "";

    public bool Observable { get; set; }

    public bool TimeColumn { get; set; }

    public string? Module { get; set; }

    public List<RateTerm> Contributions { get; } = [];
}

/// <summary>An event read from SBML (root function and direction already derived from the trigger).</summary>
internal sealed record EventDecl(string Name, Expr Trigger, EventDirection Direction, IReadOnlyList<(string State, Expr Value)> Assignments,
    bool Terminal, string Description, string? Module);

/// <summary>A dose reassembled from OsteoOde dose events.</summary>
internal sealed record DoseDecl(string Name, string State, Expr Amount, IReadOnlyList<double> Times, string Description, string? Module);

/// <summary>Everything needed to declare the model on a <see cref="ModelBuilder"/>.</summary>
internal sealed class ModelDecl
{
    public required string Id { get; init; }

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public required Unit TimeUnit { get; init; }

    public List<Citation> Sources { get; } = [];

    public List<AppliedModule> Modules { get; } = [];

    /// <summary>Output order of observables (empty: declaration order).</summary>
    public List<string> ObservableOrder { get; } = [];

    public List<StateDecl> States { get; } = [];

    public List<ParamDecl> Parameters { get; } = [];

    public List<InputDecl> Inputs { get; } = [];

    public List<AssignDecl> Assignments { get; } = [];

    public List<EventDecl> Events { get; } = [];

    public List<DoseDecl> Doses { get; } = [];

    /// <summary>
    /// Null when declarations can be grouped by module (base first, then each module in order) without changing the order of
    /// any list; otherwise the list that would change (module provenance then cannot be restored through <see cref="ModelBuilder.Apply"/>).
    /// </summary>
    public string? ModuleOrderProblem()
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Modules.Count; i++)
        {
            rank[Modules[i].Name] = i;
        }

        int Rank(string? module) => module is null ? -1 : rank.TryGetValue(module, out var r) ? r : int.MaxValue;
        bool Sorted(IEnumerable<string?> modules)
        {
            var last = -1;
            foreach (var m in modules)
            {
                var r = Rank(m);
                if (r == int.MaxValue || r < last)
                {
                    return false;
                }

                last = r;
            }

            return true;
        }

        return !Sorted(States.Select(s => s.Module)) ? "states"
            : !Sorted(Parameters.Select(p => p.Module)) ? "parameters"
            : !Sorted(Inputs.Select(i => i.Module)) ? "inputs"
            : !Sorted(Assignments.Select(a => a.Module)) ? "assignments"
            : !Sorted(Events.Select(e => e.Module)) ? "events"
            : !Sorted(Doses.Select(d => d.Module)) ? "doses"
            : States.FirstOrDefault(s => !Sorted(s.Terms.Select(t => t.Module))) is { } state ? $"the rate terms of '{state.Name}'"
            : Assignments.FirstOrDefault(a => !Sorted(a.Contributions.Select(t => t.Module))) is { } sum ? $"the contributions to '{sum.Name}'"
            : null;
    }

    /// <summary>Declares everything on a new builder and builds the model.</summary>
    public Model Build(bool checkUnits, bool withModules)
    {
        var b = new ModelBuilder(Id, TimeUnit) { Title = Title, Description = Description, CheckUnits = checkUnits };
        foreach (var source in Sources)
        {
            b.AddSource(source);
        }

        if (ObservableOrder.Count > 0)
        {
            b.OrderObservables(ObservableOrder);
        }

        if (!withModules)
        {
            Declare(b, _ => true);
            return b.Build();
        }

        Declare(b, m => m is null);
        foreach (var module in Modules)
        {
            b.Apply(new ModelModule(module.Name, module.Description, mb => Declare(mb, m => m == module.Name), module.DependsOn));
        }

        return b.Build();
    }

    private void Declare(ModelBuilder b, Func<string?, bool> mine)
    {
        foreach (var s in States.Where(s => mine(s.Module)))
        {
            var unit = s.Unit ?? Unit.Dimensionless;
            if (s.InitialIsExpression)
            {
                b.State(s.Name, unit, s.Initial, s.Description, s.NonNegative);
            }
            else
            {
                b.State(s.Name, unit, s.Initial.Value, s.Description, s.NonNegative);
            }
        }

        foreach (var p in Parameters.Where(p => mine(p.Module)))
        {
            b.Parameter(p.Name, p.Value, p.Unit ?? Unit.Dimensionless, p.Description, p.Source, p.LowerBound, p.UpperBound, p.Tunable, p.Scale);
        }

        foreach (var i in Inputs.Where(i => mine(i.Module)))
        {
            b.Input(i.Name, i.Unit ?? Unit.Dimensionless, i.DefaultValue, i.Description, i.LowerBound, i.UpperBound);
        }

        foreach (var a in Assignments.Where(a => mine(a.Module)))
        {
            switch (a.Kind)
            {
                case AssignmentKind.OpenSum:
                    b.OpenSum(a.Name, a.Unit ?? Unit.Dimensionless, a.Description);
                    if (a.Observable)
                    {
                        b.MarkObservable(a.Name);
                    }

                    break;
                case AssignmentKind.OpenProduct:
                    b.OpenProduct(a.Name, a.Description);
                    if (a.Observable)
                    {
                        b.MarkObservable(a.Name);
                    }

                    break;
                default:
                    var declared = a.UnitDeclared && a.Unit is not null ? a.Unit.Value.ToString() : null;
                    if (a.TimeColumn)
                    {
                        b.TimeColumn(a.Name, a.Definition!, a.Description, declared ?? (a.Unit ?? Unit.Dimensionless).ToString());
                        if (a.Observable)
                        {
                            b.MarkObservable(a.Name);
                        }
                    }
                    else if (a.Observable)
                    {
                        b.Observable(a.Name, a.Definition!, a.Description, declared);
                    }
                    else
                    {
                        b.Assign(a.Name, a.Definition!, a.Description, declared);
                    }

                    break;
            }
        }

        foreach (var s in States)
        {
            foreach (var t in s.Terms.Where(t => mine(t.Module)))
            {
                b.AddRate(s.Name, t.Name, t.Expression);
            }
        }

        foreach (var a in Assignments)
        {
            foreach (var t in a.Contributions.Where(t => mine(t.Module)))
            {
                if (a.Kind == AssignmentKind.OpenSum)
                {
                    b.AddToSum(a.Name, t.Name, t.Expression);
                }
                else
                {
                    b.MultiplyInto(a.Name, t.Name, t.Expression);
                }
            }
        }

        foreach (var e in Events.Where(e => mine(e.Module)))
        {
            b.Event(e.Name, e.Trigger, e.Direction, e.Assignments, e.Description, e.Terminal);
        }

        foreach (var d in Doses.Where(d => mine(d.Module)))
        {
            b.Dose(d.Name, d.State, d.Amount, d.Times, d.Description);
        }
    }
}
