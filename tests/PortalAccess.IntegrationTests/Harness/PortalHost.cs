using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>Which host serves the API in a test: the Standalone host in memory, or the real Functions worker behind the test host.</summary>
public enum HostKind
{
    Standalone,
    Worker,
}

/// <summary>A running PortalAccess host as a test sees it: HTTP, its own tables and queues, and what it logged.</summary>
public interface IPortalHost
{
    HostKind Kind { get; }

    /// <summary>The storage prefix of this host's tables and queues.</summary>
    string Prefix { get; }

    /// <summary>The host's tables and queues, for checking what a request left behind.</summary>
    StorageAccount Storage { get; }

    /// <summary>Every line the app logged.</summary>
    LogSink Logs { get; }

    HttpClient CreateClient();

    /// <summary>A client whose requests pass <paramref name="first"/> first (its inner handler is set here).</summary>
    HttpClient CreateClient(DelegatingHandler first);
}
