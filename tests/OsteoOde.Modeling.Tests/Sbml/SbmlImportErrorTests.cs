using OsteoOde.Modeling.Sbml;
using static OsteoOde.Modeling.Tests.Sbml.SbmlImportFeatureTests;

namespace OsteoOde.Modeling.Tests.Sbml;

/// <summary>Constructs OsteoOde cannot represent, and malformed documents, are refused with the element and id named.</summary>
public class SbmlImportErrorTests
{
    private const string Species = """
        <listOfCompartments><compartment id="c" size="1" constant="true" spatialDimensions="3"/></listOfCompartments>
        <listOfSpecies><species id="S" compartment="c" initialConcentration="1" hasOnlySubstanceUnits="false" boundaryCondition="false" constant="false"/></listOfSpecies>
        """;

    private const string Decay = """<rateRule variable="S"><math xmlns="http://www.w3.org/1998/Math/MathML"><apply><minus/><ci>S</ci></apply></math></rateRule>""";

    public static TheoryData<string, string, string, string> Unsupported => new()
    {
        {
            "algebraic rule",
            L3(Species + $"<listOfRules><algebraicRule>{Math("<apply><minus/><ci>S</ci><cn>1</cn></apply>")}</algebraicRule></listOfRules>"),
            "algebraicRule", ""
        },
        {
            "delayed event",
            L3(Species + $"<listOfRules>{Decay}</listOfRules><listOfEvents><event id=\"late\" useValuesFromTriggerTime=\"true\"><trigger initialValue=\"true\" persistent=\"true\">{Math("<apply><lt/><ci>S</ci><cn>0.5</cn></apply>")}</trigger><delay>{Math("<cn>2</cn>")}</delay></event></listOfEvents>"),
            "event", "late"
        },
        {
            "sin of a variable",
            L3(Species + $"<listOfRules><rateRule variable=\"S\">{Math("<apply><sin/><ci>S</ci></apply>")}</rateRule></listOfRules>"),
            "rateRule", "S"
        },
        {
            "floor of a variable",
            L3(Species + $"<listOfRules><rateRule variable=\"S\">{Math("<apply><floor/><ci>S</ci></apply>")}</rateRule></listOfRules>"),
            "rateRule", "S"
        },
        {
            "delay function",
            L3(Species + $"<listOfRules><rateRule variable=\"S\">{Math("<apply><csymbol encoding=\"text\" definitionURL=\"http://www.sbml.org/sbml/symbols/delay\">delay</csymbol><ci>S</ci><cn>1</cn></apply>")}</rateRule></listOfRules>"),
            "rateRule", "S"
        },
        {
            "rateOf",
            L3(Species + $"<listOfParameters><parameter id=\"r\" constant=\"false\"/></listOfParameters><listOfRules>{Decay}<assignmentRule variable=\"r\">{Math("<apply><csymbol encoding=\"text\" definitionURL=\"http://www.sbml.org/sbml/symbols/rateOf\">rateOf</csymbol><ci>S</ci></apply>")}</assignmentRule></listOfRules>", version: 2),
            "assignmentRule", "r"
        },
        {
            "fast reaction",
            L3(Species + $"<listOfReactions><reaction id=\"quick\" reversible=\"false\" fast=\"true\"><listOfReactants><speciesReference species=\"S\" stoichiometry=\"1\" constant=\"true\"/></listOfReactants><kineticLaw>{Math("<ci>S</ci>")}</kineticLaw></reaction></listOfReactions>"),
            "reaction", "quick"
        },
        {
            "varying compartment",
            L3(Species + $"<listOfRules>{Decay}<rateRule variable=\"c\">{Math("<cn>1</cn>")}</rateRule></listOfRules>"),
            "rateRule", "c"
        },
        {
            "equality trigger",
            L3(Species + $"<listOfRules>{Decay}</listOfRules><listOfEvents><event id=\"exact\" useValuesFromTriggerTime=\"true\"><trigger initialValue=\"true\" persistent=\"true\">{Math("<apply><eq/><ci>S</ci><cn>0.5</cn></apply>")}</trigger></event></listOfEvents>"),
            "event", "exact"
        },
        {
            "variable stoichiometry",
            L3(Species + $"<listOfReactions><reaction id=\"r1\" reversible=\"false\"><listOfReactants><speciesReference species=\"S\" stoichiometry=\"1\" constant=\"false\"/></listOfReactants><kineticLaw>{Math("<ci>S</ci>")}</kineticLaw></reaction></listOfReactions>"),
            "speciesReference", "r1"
        },
        {
            "required package",
            L3(Species).Replace("level=\"3\" version=\"1\">", "level=\"3\" version=\"1\" xmlns:comp=\"http://www.sbml.org/sbml/level3/version1/comp/version1\" comp:required=\"true\">", StringComparison.Ordinal),
            "sbml", "http://www.sbml.org/sbml/level3/version1/comp/version1"
        },
        {
            "level 1",
            "<sbml xmlns=\"http://www.sbml.org/sbml/level1\" level=\"1\" version=\"2\"><model name=\"old\"/></sbml>",
            "sbml", ""
        },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Unsupported_constructs_throw_naming_the_element(string what, string xml, string element, string id)
    {
        var ex = Assert.Throws<SbmlUnsupportedException>(() => SbmlImporter.Import(xml));
        Assert.Equal(element, ex.ElementName);
        if (id.Length > 0)
        {
            Assert.Equal(id, ex.ElementId);
            Assert.Contains(id, ex.Message, StringComparison.Ordinal);
        }

        Assert.False(string.IsNullOrWhiteSpace(ex.Message), what);
    }

    public static TheoryData<string, string, string?> Invalid => new()
    {
        { "<sbml", "sbml", "well-formed" },
        { "<notsbml/>", "sbml", "<notsbml>" },
        { L3(Species + $"<listOfRules><rateRule variable=\"S\">{Math("<apply><times/><ci>k</ci><ci>S</ci></apply>")}</rateRule></listOfRules>"), "rateRule", "'k'" },
        { L3(Species + $"<listOfRules><rateRule variable=\"S\">{Math("<apply><ci>f</ci><ci>S</ci></apply>")}</rateRule></listOfRules>"), "rateRule", "'f'" },
        { L3(Species + $"<listOfRules><rateRule variable=\"S\">{Math("<apply><plus/><ci>S</ci><apply><gt/><ci>S</ci><cn>1</cn></apply></apply>")}</rateRule></listOfRules>"), "rateRule", "condition" },
        { L3(Species + $"<listOfRules><rateRule variable=\"S\">{Math("<cn>abc</cn>")}</rateRule></listOfRules>"), "rateRule", "'abc'" },
        { L3(Species + $"<listOfRules>{Decay}{Decay}</listOfRules>"), "rateRule", "more than one rule" },
        { L3("<listOfParameters><parameter id=\"p\" constant=\"true\"/></listOfParameters>"), "parameter", "'p'" },
        { L3("<listOfCompartments><compartment id=\"c\" size=\"1\" constant=\"true\"/></listOfCompartments><listOfSpecies><species id=\"S\" compartment=\"c\" hasOnlySubstanceUnits=\"false\" boundaryCondition=\"false\" constant=\"false\"/></listOfSpecies>" + $"<listOfRules>{Decay}</listOfRules>"), "species", "'S'" },
        { L3(Species + $"<listOfRules>{Decay}</listOfRules><listOfEvents><event id=\"e\" useValuesFromTriggerTime=\"true\"><trigger initialValue=\"true\" persistent=\"true\">{Math("<apply><gt/><ci>S</ci><cn>1</cn></apply>")}</trigger><listOfEventAssignments><eventAssignment variable=\"c2\">{Math("<cn>1</cn>")}</eventAssignment></listOfEventAssignments></event></listOfEvents>"), "eventAssignment", "'c2'" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_documents_throw_with_a_clear_message(string xml, string element, string? fragment)
    {
        var ex = Assert.Throws<SbmlImportException>(() => SbmlImporter.Import(xml));
        Assert.IsNotType<SbmlUnsupportedException>(ex);
        Assert.Equal(element, ex.ElementName);
        Assert.Equal("document", ex.ParamName);
        if (fragment is not null)
        {
            Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_model_that_does_not_build_is_reported_with_the_builder_message()
    {
        // An assignment-rule cycle is valid XML but not a model.
        var xml = L3($"""
            <listOfParameters><parameter id="a" constant="false"/><parameter id="b" constant="false"/></listOfParameters>
            <listOfRules>
              <assignmentRule variable="a">{Math("<ci>b</ci>")}</assignmentRule>
              <assignmentRule variable="b">{Math("<ci>a</ci>")}</assignmentRule>
            </listOfRules>
            """);
        var ex = Assert.Throws<SbmlImportException>(() => SbmlImporter.Import(xml));
        Assert.Equal("model", ex.ElementName);
        Assert.IsType<ModelValidationException>(ex.InnerException);
        Assert.Contains("cycle", ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
