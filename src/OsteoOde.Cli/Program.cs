using OsteoOde.Cli;

var app = OsteoApp.CreateDefault();
return app.Run(args, new CliStreams(Console.Out, Console.Error));
