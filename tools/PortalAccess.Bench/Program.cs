using PortalAccess.Bench;

// dotnet PortalAccess.Bench.dll run --api URL --maildev URL --storage CONNECTION --prefix P --system-key K
//   [--host-pid PID] [--storage-pid PID] [--users 10000] [--seconds 10] [--hash-seconds 4]
// (scripts/bench.sh starts Azurite, MailDev and the host and passes these; docs/performance.md explains the table)
// dotnet PortalAccess.Bench.dll soak --api URL --maildev URL --system-key K [--host-name N] [--host-pid PID] [--worker-pid PID]
//   [--seconds 300] [--clients 3]
// (scripts/soak.sh starts everything per host; exit code 1 when the soak failed, see docs/performance.md "Soak")
switch (args.FirstOrDefault())
{
    case "run":
        Console.Write(await new BenchRun(BenchOptions.Parse(args[1..])).RunAsync());
        return 0;
    case "soak":
        return await new SoakRun(SoakOptions.Parse(args[1..])).RunAsync() ? 0 : 1;
    default:
        await Console.Error.WriteLineAsync("usage: PortalAccess.Bench run --api URL --maildev URL --storage CONNECTION --prefix P --system-key K [--host-pid PID] [--storage-pid PID] [--users N] [--seconds S] [--hash-seconds S]");
        await Console.Error.WriteLineAsync("       PortalAccess.Bench soak --api URL --maildev URL --system-key K [--host-name N] [--host-pid PID] [--worker-pid PID] [--seconds S] [--clients N]");
        return 2;
}
