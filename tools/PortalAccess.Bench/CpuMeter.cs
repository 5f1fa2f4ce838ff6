using System.Diagnostics;
using System.Globalization;

namespace PortalAccess.Bench;

/// <summary>
/// The CPU time (user + system) that the host, the storage emulator and this load client spent during a load step, read
/// from <c>/proc/&lt;pid&gt;/stat</c>; divided by the answers, it shows where the cores went, since all three share them.
/// </summary>
internal sealed class CpuMeter(int? hostPid, int? storagePid)
{
    // /proc reports clock ticks; USER_HZ is 100 on Linux unless the kernel was built otherwise
    private const double MsPerTick = 10;

    public async Task<(T Result, string PerAnswer)> MeasureAsync<T>(Func<Task<T>> step, Func<T, int> answers)
    {
        var before = Snapshot();
        var result = await step();
        var after = Snapshot();
        var count = Math.Max(answers(result), 1);
        string Part(string name, double? b, double? a) => b is { } x && a is { } y ? $"{name} {(y - x) / count:0.0}" : $"{name} n/a";
        return (result, "CPU ms per answer: " + string.Join(", ",
            Part("host", before.Host, after.Host), Part("Azurite", before.Storage, after.Storage), Part("load client", before.Client, after.Client)));
    }

    private (double? Host, double? Storage, double Client) Snapshot() =>
        (Ticks(hostPid) * MsPerTick, Ticks(storagePid) * MsPerTick, Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds);

    /// <summary>utime + stime of the process, in clock ticks; null without a pid or once the process is gone.</summary>
    private static double? Ticks(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // the fields after "pid (comm)": state is field 3, utime 14, stime 15
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
