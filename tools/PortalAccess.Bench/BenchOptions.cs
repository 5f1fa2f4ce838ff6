using System.Globalization;

namespace PortalAccess.Bench;

/// <summary>What one benchmark run is pointed at and how long each load step lasts.</summary>
internal sealed record BenchOptions(
    Uri Api, Uri MailDev, string Storage, string Prefix, string SystemKey, int? HostPid, int? StoragePid, int Users, TimeSpan StepDuration, TimeSpan HashDuration)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        string Required(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required.");
        int Number(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(
            new Uri(Required("api").TrimEnd('/') + "/"), new Uri(Required("maildev").TrimEnd('/') + "/"), Required("storage"), Required("prefix"),
            Required("system-key"), values.ContainsKey("host-pid") ? Number("host-pid", 0) : null,
            values.ContainsKey("storage-pid") ? Number("storage-pid", 0) : null, Number("users", 10_000),
            TimeSpan.FromSeconds(Number("seconds", 10)), TimeSpan.FromSeconds(Number("hash-seconds", 4)));
    }
}
