using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PortalAccess.FunctionsTestHost.Worker;

/// <summary>The worker process (<c>dotnet App.dll</c>): its output lines, its exit, and killing it with its whole tree.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly LogSink log;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<PosixSignalRegistration> signals = [];

    private WorkerProcess(Process process, LogSink log)
    {
        this.process = process;
        this.log = log;
    }

    public int Id => process.Id;

    /// <summary>Completes with the exit code when the process ends, for whatever reason.</summary>
    public Task<int> Exited => exited.Task;

    public static WorkerProcess Start(string appDirectory, string dll, IReadOnlyDictionary<string, string> environment, LogSink log)
    {
        var start = new ProcessStartInfo(DotnetHost(), [dll])
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, log);
        process.OutputDataReceived += (_, e) => worker.Line("[worker stdout] ", e.Data);
        process.ErrorDataReceived += (_, e) => worker.Line("[worker stderr] ", e.Data);
        process.Exited += (_, _) => worker.OnExited();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // best effort: a test run that ends without disposing the host must not leave the worker behind;
        // SIGTERM ends a .NET process without ProcessExit, so it is watched too (SIGKILL cannot be)
        AppDomain.CurrentDomain.ProcessExit += worker.OnProcessExit;
        if (!OperatingSystem.IsWindows())
        {
            worker.signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => worker.Kill()));
            worker.signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, _ => worker.Kill()));
        }
        log.Write($"[host] Started worker process {process.Id}: dotnet {dll}");
        return worker;
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        signals.ForEach(s => s.Dispose());
        Kill();
        process.Dispose();
    }

    private void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }
    }

    private void OnExited()
    {
        try
        {
            process.WaitForExit(); // lets the output readers deliver the last lines first
            log.Write($"[host] Worker process {process.Id} exited with code {process.ExitCode}");
            exited.TrySetResult(process.ExitCode);
        }
        catch (InvalidOperationException)
        {
            exited.TrySetResult(-1);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Kill();

    private void Line(string prefix, string? line)
    {
        if (line is not null)
        {
            log.Write(prefix + line);
        }
    }

    /// <summary>The dotnet host: the SDK tells child processes (DOTNET_HOST_PATH); a test runner itself may be another executable.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
