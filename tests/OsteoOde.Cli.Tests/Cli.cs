using System.Diagnostics;
using System.Globalization;
using OsteoOde.Cli;

namespace OsteoOde.Cli.Tests;

/// <summary>Outcome of one invocation: exit code and the two streams.</summary>
public sealed record CliRun(int Code, string Out, string Err)
{
    /// <summary>Non-empty stderr lines.</summary>
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Asserts a usage error: exit code 2, nothing on stdout, exactly one line on stderr, which is returned.</summary>
    public string AssertUsageError()
    {
        Assert.True(Code == ExitCodes.UsageError, $"expected exit code 2, got {Code}; stderr: {Err}");
        Assert.Equal("", Out);
        Assert.Single(ErrLines);
        Assert.EndsWith("\n", Err);
        return ErrLines[0];
    }

    /// <summary>Asserts success with an empty stderr.</summary>
    public CliRun AssertSuccess()
    {
        Assert.True(Code == ExitCodes.Success, $"expected exit code 0, got {Code}; stderr: {Err}");
        return this;
    }
}

/// <summary>Runs osteo in-process (fast) or as a real process through <c>dotnet osteo.dll</c>.</summary>
public static class Cli
{
    public static CliRun Run(params string[] args) => Run(OsteoApp.CreateDefault(), args);

    public static CliRun Run(OsteoApp app, params string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var error = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var code = app.Run(args, new CliStreams(output, error));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Path of the built osteo.dll (copied next to the test assembly by the project reference).</summary>
    public static string AssemblyPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "osteo.dll");
            Assert.True(File.Exists(path), $"osteo.dll not found at {path}");
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "osteo.runtimeconfig.json")), "osteo.runtimeconfig.json missing");
            return path;
        }
    }

    public static CliRun RunProcess(params string[] args) => RunProcessIn(null, args);

    /// <summary>Runs the executable with a working directory (null: the test's).</summary>
    public static CliRun RunProcessIn(string? workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(AssemblyPath);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment.Remove("OSTEO_DEBUG");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "osteo did not finish within 120 s");
        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A temporary folder deleted after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "osteo-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every file in the folder (to prove that no temporary file is left behind).</summary>
    public string[] Files => [.. Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Numeric CSV (no quoting) and RFC 4180 CSV for the listing tables.</summary>
public static class Csv
{
    public sealed record Table(string[] Header, double[][] Rows)
    {
        public double[] Column(string name)
        {
            var i = Array.IndexOf(Header, name);
            Assert.True(i >= 0, $"no column {name} in {string.Join(",", Header)}");
            return [.. Rows.Select(r => r[i])];
        }
    }

    public static Table Numeric(string text)
    {
        Assert.EndsWith("\n", text);
        Assert.DoesNotContain("\r", text);
        var lines = text.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l =>
        {
            var cells = l.Split(',');
            Assert.Equal(header.Length, cells.Length);
            return cells.Select(c => double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        }).ToArray();
        return new Table(header, rows);
    }

    /// <summary>Parses RFC 4180 CSV (quoted fields with doubled quotes, commas inside quotes).</summary>
    public static List<string[]> Records(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.True(field.Length == 0, "quote inside an unquoted field");
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted, "unterminated quoted field");
        Assert.True(field.Length == 0 && fields.Count == 0, "the last record must end with a newline");
        return records;
    }

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
