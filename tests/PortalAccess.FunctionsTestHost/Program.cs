using PortalAccess.FunctionsTestHost;

// dotnet run --project tests/PortalAccess.FunctionsTestHost -- --app functions/PortalAccess.Functions/bin/Debug/net10.0 [--urls http://127.0.0.1:7071]
// The worker gets this process's environment (AzureWebJobsStorage, PortalAccess__…); Ctrl+C stops it.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => (e.Cancel, _) = (true, stop.CancelAsync());
try
{
    await using var host = await FunctionsTestHost.StartAsync(ServerCommandLine.Parse(args, Console.WriteLine), stop.Token);
    Console.WriteLine($"Functions test host listening on {host.BaseAddress}api/ ({host.Functions.Count} functions); Ctrl+C stops it.");
    var exited = await Task.WhenAny(host.WorkerExited, Task.Delay(Timeout.Infinite, stop.Token));
    return exited == host.WorkerExited ? 1 : 0;
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException or OperationCanceledException)
{
    Console.Error.WriteLine(e.Message);
    return stop.IsCancellationRequested ? 130 : 1;
}
