using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace OsteoOde.Testing;

/// <summary>One libSBML finding.</summary>
public sealed record LibSbmlFinding(bool IsError, int Id, int Line, string Message)
{
    public override string ToString() => $"{(IsError ? "ERROR" : "WARNING")} {Id} line {Line}: {Message}";
}

/// <summary>libSBML's verdict on one file under the validation policy of validate_sbml.pl.</summary>
public sealed record LibSbmlReport(string File, int Errors, int Warnings, IReadOnlyList<LibSbmlFinding> Findings)
{
    public IEnumerable<int> WarningIds => Findings.Where(f => !f.IsError).Select(f => f.Id);

    public string Describe() => $"{Path.GetFileName(File)}: {Errors} errors, {Warnings} warnings\n" + string.Join("\n", Findings.Take(40));
}

/// <summary>
/// Runs libSBML (Perl binding, Debian package libsbml5-perl, installed by .ci/run) through
/// tests/OsteoOde.Testing/Sbml/validate_sbml.pl. A missing Perl or libSBML fails the calling test with the install
/// command; it never skips.
/// </summary>
public static partial class LibSbml
{
    private static readonly Lazy<string?> Problem = new(FindProblem);

    public static string Script => Path.Combine(TestData.RepositoryRoot, "tests", "OsteoOde.Testing", "Sbml", "validate_sbml.pl");

    private static string Perl => File.Exists("/usr/bin/perl") ? "/usr/bin/perl" : "perl";

    /// <summary>Validates files; one report per file, in order.</summary>
    public static IReadOnlyList<LibSbmlReport> Validate(params string[] files)
    {
        if (Problem.Value is string problem)
        {
            Assert.Fail(problem);
        }

        var (exit, stdout, stderr) = Run(Perl, [Script, .. files]);
        if (exit is not (0 or 1))
        {
            Assert.Fail($"validate_sbml.pl exited with {exit}: {stderr}");
        }

        var reports = new List<LibSbmlReport>();
        var findings = new List<LibSbmlFinding>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = FindingLine().Match(line);
            if (f.Success)
            {
                findings.Add(new LibSbmlFinding(f.Groups[1].Value == "ERROR", Int(f.Groups[2].Value), Int(f.Groups[3].Value), f.Groups[4].Value));
                continue;
            }

            var s = SummaryLine().Match(line);
            if (s.Success)
            {
                reports.Add(new LibSbmlReport(s.Groups[1].Value, Int(s.Groups[2].Value), Int(s.Groups[3].Value), findings));
                findings = [];
            }
        }

        Assert.True(reports.Count == files.Length, $"validate_sbml.pl reported on {reports.Count} of {files.Length} files:\n{stdout}\n{stderr}");
        Assert.Equal(exit == 1, reports.Any(r => r.Errors > 0));
        return reports;
    }

    /// <summary>Validates SBML text (written to a temporary file).</summary>
    public static LibSbmlReport ValidateText(string sbml, string name)
    {
        var dir = Directory.CreateTempSubdirectory("osteoode-sbml-");
        try
        {
            var path = Path.Combine(dir.FullName, name + ".xml");
            File.WriteAllText(path, sbml);
            return Validate(path)[0];
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string? FindProblem()
    {
        if (!File.Exists(Script))
        {
            return $"The validation script {Script} is missing.";
        }

        try
        {
            var (exit, _, stderr) = Run(Perl, ["-MLibSBML", "-e", "print LibSBML::getLibSBMLDottedVersion()"]);
            return exit == 0 ? null
                : "libSBML's Perl binding is not installed, so exported SBML cannot be validated. Install it with "
                  + $"'apt-get install -y libsbml5-perl' (the CI script .ci/run does this). Perl said: {stderr.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"Perl is not available ({ex.Message}); install perl and libsbml5-perl to validate exported SBML.";
        }
    }

    private static (int Exit, string Stdout, string Stderr) Run(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    [GeneratedRegex("^(ERROR|WARNING) (\\d+) (\\d+) (.*)$")]
    private static partial Regex FindingLine();

    [GeneratedRegex("^SUMMARY (.*) errors=(\\d+) warnings=(\\d+)$")]
    private static partial Regex SummaryLine();
}
