using System.Text;
using OsteoOde.Cli;

// Buffered UTF-8 (no BOM) streams: large CSV output is written in blocks, and both streams are flushed before exit.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
using var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
var code = OsteoApp.CreateDefault().Run(args, new CliStreams(stdout, stderr));
stdout.Flush();
return code;
