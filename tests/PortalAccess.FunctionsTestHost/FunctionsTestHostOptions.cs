namespace PortalAccess.FunctionsTestHost;

public sealed record FunctionsTestHostOptions
{
    /// <summary>The Functions app's build output: the worker dll named by functions.metadata's scriptFile, functions.metadata, host.json.</summary>
    public required string AppDirectory { get; init; }

    /// <summary>Kestrel URLs for callers, e.g. "http://127.0.0.1:0" (0 = a free port; <see cref="FunctionsTestHost.BaseAddress"/> tells the real one).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>App settings passed to the worker process as environment variables (keys in environment form with "__").</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The key for AuthorizationLevel.Function routes; default Settings["PortalAccess__SystemKey"]; empty = such routes always answer 401.</summary>
    public string? FunctionKey { get; init; }

    /// <summary>Overrides of host.json's extensions.queues (null = the host.json value).</summary>
    public QueueSettings? Queues { get; init; }

    /// <summary>Every log line: the worker's stdout/stderr, its RpcLog messages and the host's own lines.</summary>
    public Action<string>? Log { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A folder served at the root for paths that are no function's, as a static site on the same origin would be
    /// (run.sh --functions serves the reference portal from it); null = none.
    /// </summary>
    public string? StaticFiles { get; init; }

    /// <summary>
    /// Try the HTTP routes in the reverse of the order the worker announced them. The real host tries them in that order,
    /// not by precedence, so an app whose routes overlap answers differently depending on it.
    /// </summary>
    public bool ReverseRoutes { get; init; }
}

public sealed record QueueSettings(
    int? MaxDequeueCount = null,
    TimeSpan? VisibilityTimeout = null,
    int? BatchSize = null,
    TimeSpan? MaxPollingInterval = null,
    TimeSpan? MinPollingInterval = null);

/// <summary>A function as the worker announced it in its FunctionMetadataResponse.</summary>
public sealed record WorkerFunction(
    string Name,
    string FunctionId,
    string TriggerType,
    string? Route,
    IReadOnlyList<string> Methods,
    string? AuthLevel,
    string? QueueName);
