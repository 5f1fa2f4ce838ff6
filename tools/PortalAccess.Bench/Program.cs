using PortalAccess.Bench;

// dotnet PortalAccess.Bench.dll run --api URL --maildev URL --storage CONNECTION --prefix P --system-key K
//   [--host-pid PID] [--storage-pid PID] [--users 10000] [--seconds 10] [--hash-seconds 4]
// (scripts/bench.sh starts Azurite, MailDev and the host and passes these; docs/performance.md explains the table)
if (args.Length == 0 || args[0] != "run")
{
    await Console.Error.WriteLineAsync("usage: PortalAccess.Bench run --api URL --maildev URL --storage CONNECTION --prefix P --system-key K [--host-pid PID] [--storage-pid PID] [--users N] [--seconds S] [--hash-seconds S]");
    return 2;
}
var options = BenchOptions.Parse(args[1..]);
Console.Write(await new BenchRun(options).RunAsync());
return 0;
