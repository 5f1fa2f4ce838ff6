using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>
/// A tool from node_modules/.bin running as a child process for one test run: it gets a private
/// work folder, its output is kept for error messages, and dispose kills its whole process tree.
/// </summary>
internal sealed class NodeToolProcess : IDisposable, IAsyncDisposable
{
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);

    private const int Attempts = 3;
    private const int MaxOutputChars = 64 * 1024;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private int _disposed;

    private NodeToolProcess(string tool, Process process, string workDirectory, IReadOnlyList<int> ports)
    {
        Tool = tool;
        _process = process;
        WorkDirectory = workDirectory;
        Ports = ports;
    }

    public string Tool { get; }

    public string WorkDirectory { get; }

    public IReadOnlyList<int> Ports { get; }

    /// <summary>From process start until the readiness probe first succeeded.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>What the tool wrote to stdout and stderr so far (the first 64 KB).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="tool"/> on <paramref name="portCount"/> free ports and waits until
    /// <paramref name="isReady"/> answers true. A tool that exits before it is ready (typically a
    /// chosen port taken by someone else before the tool bound it) is started again on new ports.
    /// </summary>
    public static async Task<NodeToolProcess> StartOnFreePortsAsync(
        string tool,
        int portCount,
        Func<IReadOnlyList<int>, string, IEnumerable<string>> arguments,
        Func<IReadOnlyList<int>, CancellationToken, Task<bool>> isReady,
        CancellationToken cancellationToken)
    {
        var launcher = RepoPaths.NodeTool(tool);
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePort.Next(portCount);
            var process = Start(tool, launcher, ports, arguments);
            try
            {
                await process.WaitUntilReadyAsync(token => isReady(ports, token), attempt, cancellationToken);
                return process;
            }
            catch (ToolExitedException) when (attempt < Attempts)
            {
                await process.DisposeAsync();
            }
            catch
            {
                await process.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="tool"/> on the given <paramref name="ports"/> (a restart on the ports of an earlier run)
    /// and waits until <paramref name="isReady"/> answers true.
    /// </summary>
    public static async Task<NodeToolProcess> StartOnPortsAsync(
        string tool,
        IReadOnlyList<int> ports,
        Func<IReadOnlyList<int>, string, IEnumerable<string>> arguments,
        Func<IReadOnlyList<int>, CancellationToken, Task<bool>> isReady,
        CancellationToken cancellationToken)
    {
        var process = Start(tool, RepoPaths.NodeTool(tool), ports, arguments);
        try
        {
            await process.WaitUntilReadyAsync(token => isReady(ports, token), attempt: Attempts, cancellationToken);
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Asks the tool to end (SIGTERM, so that it writes what it holds in memory) and waits for it; a tool that does not end
    /// within <paramref name="timeout"/> is killed. Disposes this process either way.
    /// </summary>
    public async Task StopGracefullyAsync(TimeSpan timeout)
    {
        try
        {
            using var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
            });
            if (signal is not null)
            {
                await signal.WaitForExitAsync();
            }
            using var wait = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or Win32Exception)
        {
            // not ended in time or already gone: dispose kills the tree
        }
        await DisposeAsync();
    }

    public void Dispose()
    {
        if (!BeginDispose())
        {
            return;
        }

        _process.WaitForExit(ExitTimeout);
        EndDispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (!BeginDispose())
        {
            return;
        }

        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // the tree was told to die; a straggler must not hang the test run
        }

        EndDispose();
    }

    private static NodeToolProcess Start(
        string tool,
        string launcher,
        IReadOnlyList<int> ports,
        Func<IReadOnlyList<int>, string, IEnumerable<string>> arguments)
    {
        // a fresh folder as working directory also keeps config files of the checkout (.maildevrc.json) out
        var workDirectory = Directory.CreateTempSubdirectory($"portalaccess-{tool}-").FullName;
        var startInfo = new ProcessStartInfo(launcher)
        {
            WorkingDirectory = workDirectory,
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments(ports, workDirectory))
        {
            startInfo.ArgumentList.Add(argument);
        }

        // a developer's own AZURITE_ACCOUNTS or MAILDEV_WEB_USER would change keys or add auth
        foreach (var name in startInfo.Environment.Keys.Where(IsToolSetting).ToList())
        {
            startInfo.Environment.Remove(name);
        }
        // the tool ends when its stdin (a pipe from this process) does: a killed test host leaves no tool behind
        startInfo.Environment.TryGetValue("NODE_OPTIONS", out var nodeOptions);
        startInfo.Environment["NODE_OPTIONS"] = $"{nodeOptions} --require \"{RepoPaths.ExitWithParentScript}\"".TrimStart();

        var process = new Process { StartInfo = startInfo };
        var tracked = new NodeToolProcess(tool, process, workDirectory, ports);
        process.OutputDataReceived += (_, e) => tracked.Append(e.Data);
        process.ErrorDataReceived += (_, e) => tracked.Append(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            tracked.EndDispose();
            throw new InvalidOperationException($"Could not start {launcher}: {ex.Message}. Is Node.js on the PATH?", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // covers a test host that ends without disposing its fixtures (not one that is killed outright)
        AppDomain.CurrentDomain.ProcessExit += tracked.OnHostExit;
        return tracked;
    }

    private static bool IsToolSetting(string name) =>
        name.StartsWith("AZURITE_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("MAILDEV_", StringComparison.OrdinalIgnoreCase);

    private async Task WaitUntilReadyAsync(Func<CancellationToken, Task<bool>> isReady, int attempt, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartupTimeout);
        try
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    await DrainOutputAsync();
                    throw new ToolExitedException(
                        $"{Tool} exited with code {_process.ExitCode} before it was ready (ports {string.Join(", ", Ports)}, attempt {attempt} of {Attempts}). Output:{Environment.NewLine}{Output}");
                }

                if (await isReady(deadline.Token))
                {
                    StartupTime = stopwatch.Elapsed;
                    return;
                }

                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{Tool} was not ready within {StartupTimeout.TotalSeconds:0} s (ports {string.Join(", ", Ports)}). Output:{Environment.NewLine}{Output}");
        }
    }

    private async Task DrainOutputAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // report what arrived so far
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < MaxOutputChars)
            {
                _output.AppendLine(line);
            }
        }
    }

    private void OnHostExit(object? sender, EventArgs e) => Kill();

    private bool BeginDispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return false;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnHostExit;
        Kill();
        return true;
    }

    private void EndDispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // a file still held by a dying process only leaves a folder in the temp directory
        }
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // never started or already gone
        }
    }

    private sealed class ToolExitedException(string message) : Exception(message);
}
