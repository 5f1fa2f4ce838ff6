using System.Globalization;

namespace PortalAccess.Bench;

/// <summary>
/// What one soak run is pointed at: the API, MailDev, the system key, how long and with how many clients, and the pids
/// whose working set it reports (the host, and for the Functions run the worker process the test host started).
/// </summary>
internal sealed record SoakOptions(Uri Api, Uri MailDev, string SystemKey, string HostName, int? HostPid, int? WorkerPid, TimeSpan Duration, int Clients)
{
    public static SoakOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        string Required(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required.");
        int? Optional(string name) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        return new SoakOptions(
            new Uri(Required("api").TrimEnd('/') + "/"), new Uri(Required("maildev").TrimEnd('/') + "/"), Required("system-key"),
            values.GetValueOrDefault("host-name", "host"), Optional("host-pid"), Optional("worker-pid"),
            TimeSpan.FromSeconds(Optional("seconds") ?? 300), Optional("clients") ?? 3);
    }
}
