using System.Collections;

namespace PortalAccess.FunctionsTestHost;

/// <summary>The command line of the local server: <c>--app DIR [--urls URLS] [--key KEY] [--static DIR]</c>; settings come from the environment.</summary>
internal static class ServerCommandLine
{
    public static FunctionsTestHostOptions Parse(string[] args, Action<string> log)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        var settings = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        return new FunctionsTestHostOptions
        {
            AppDirectory = values.GetValueOrDefault("app") ?? throw new ArgumentException("Usage: --app <Functions build output> [--urls http://127.0.0.1:7071] [--key <function key>] [--static <folder served at />]"),
            Urls = values.GetValueOrDefault("urls") ?? "http://127.0.0.1:7071",
            FunctionKey = values.GetValueOrDefault("key"),
            StaticFiles = values.GetValueOrDefault("static"),
            Settings = settings,
            Log = log,
        };
    }
}
