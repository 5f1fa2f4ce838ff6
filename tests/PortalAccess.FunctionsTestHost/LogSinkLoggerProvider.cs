using Microsoft.Extensions.Logging;

namespace PortalAccess.FunctionsTestHost;

/// <summary>The host's own Kestrel and gRPC warnings as log lines; quiet while stopping, when broken streams are expected.</summary>
internal sealed class LogSinkLoggerProvider(LogSink sink, Func<bool> stopping) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(sink, stopping, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, Func<bool> stopping, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && !stopping();

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                sink.Write($"[host] {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}");
            }
        }
    }
}
