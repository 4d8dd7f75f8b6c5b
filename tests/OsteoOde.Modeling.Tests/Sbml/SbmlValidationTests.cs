using OsteoOde.Modeling.Sbml;
using OsteoOde.Testing;

namespace OsteoOde.Modeling.Tests.Sbml;

/// <summary>
/// libSBML 5.19 validates what the exporter writes: every consistency category at libSBML's severity, units in a second pass
/// counted as warnings (tests/OsteoOde.Testing/Sbml/validate_sbml.pl). Needs the Perl binding (libsbml5-perl); a
/// machine without it fails these tests with the install command.
/// </summary>
public class SbmlValidationTests
{
    public static TheoryData<string, SbmlStateEncoding> Models => SbmlRoundTripTests.Models;

    [Theory]
    [MemberData(nameof(Models))]
    public void Exported_models_have_no_libsbml_errors_and_consistent_units(string name, SbmlStateEncoding encoding)
    {
        var xml = SbmlExporter.Export(SbmlRoundTripTests.Build(name), new SbmlExportOptions { States = encoding });
        var report = LibSbml.ValidateText(xml, $"{name}_{encoding}");

        Assert.True(report.Errors == 0, report.Describe());

        // Models built in OsteoOde pass its own dimensional analysis, and libSBML's unit checks agree: no warning at all.
        Assert.True(report.Warnings == 0, report.Describe());
    }

    [Theory]
    [InlineData("BIOMD0000000278_url.xml")]
    [InlineData("BIOMD0000000148_url.xml")]
    [InlineData("lemaire04_addR.xml")]
    [InlineData("lemaire04_removeC.xml")]
    [InlineData("lemaire04_addPTH.xml")]
    [InlineData("lemaire04_addOPG.xml")]
    public void Reexported_curated_models_have_no_libsbml_errors(string file)
    {
        var model = SbmlImporter.ImportFile(BioModels.Path(file)).Model;
        var report = LibSbml.ValidateText(SbmlExporter.Export(model), Path.GetFileNameWithoutExtension(file));

        Assert.True(report.Errors == 0, report.Describe());

        // The curated files declare (almost) no units, and the export leaves unknown units undeclared: the only findings are
        // "units not declared" (20702, 80701) and "units cannot be fully checked" (99505, 99508, 10501).
        Assert.All(report.WarningIds, id => Assert.Contains(id, new[] { 20702, 80701, 99505, 99508, 10501 }));
    }

    [Fact]
    public void The_validator_reproduces_the_curated_files_reference_counts()
    {
        // Counts from tests/OsteoOde.Testing/Data/biomodels/README.md (libSBML 5.19.7, same policy).
        var expected = new (string File, int Warnings)[]
        {
            ("BIOMD0000000148_url.xml", 29), ("BIOMD0000000278_url.xml", 43), ("lemaire04_addR.xml", 43),
            ("lemaire04_removeC.xml", 43), ("lemaire04_addPTH.xml", 42), ("lemaire04_addOPG.xml", 42),
        };
        var reports = LibSbml.Validate(expected.Select(e => BioModels.Path(e.File)).ToArray());
        foreach (var (e, report) in expected.Zip(reports))
        {
            Assert.True(report.Errors == 0 && report.Warnings == e.Warnings, $"{e.File}: expected 0 errors and {e.Warnings} warnings; {report.Describe()}");
        }

        Assert.Equal(3, reports[1].WarningIds.Count(id => id == 10713)); // sboTerm on species in BIOMD0000000278
    }

    [Fact]
    public void The_validator_reports_errors_and_exits_non_zero()
    {
        var xml = SbmlExporter.Export(SbmlTestModels.Yearly());

        // A duplicate id (10301) and a rule on a constant parameter (9910531/10531 family) must both be errors.
        var duplicate = xml.Replace("<parameter id=\"floor\"", "<parameter id=\"loss\"", StringComparison.Ordinal);
        var report = LibSbml.ValidateText(duplicate, "duplicate");
        Assert.True(report.Errors > 0, report.Describe());
        Assert.Contains(report.Findings, f => f.IsError && f.Id == 10301);

        var truncated = LibSbml.ValidateText(xml[..(xml.Length / 2)], "truncated");
        Assert.True(truncated.Errors > 0, truncated.Describe());
    }
}
