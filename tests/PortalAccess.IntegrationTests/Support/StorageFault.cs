using Azure.Core;
using Azure.Core.Pipeline;

namespace PortalAccess.IntegrationTests.Support;

/// <summary>
/// Simulates a crash between two storage writes: while armed, every request that <see cref="Matches"/>
/// fails before it reaches storage, as if the process had died at that point.
/// </summary>
public sealed class StorageFault : HttpPipelinePolicy
{
    public Func<HttpMessage, bool> Matches { get; set; } = _ => false;

    public bool Armed { get; set; }

    public int Injected { get; private set; }

    public static bool Is(HttpMessage m, string method, string pathFragment) =>
        m.Request.Method.ToString() == method &&
        m.Request.Uri.ToUri().AbsolutePath.Contains(pathFragment, StringComparison.OrdinalIgnoreCase);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        if (Armed && Matches(message))
        {
            Injected++;
            throw new IOException($"Injected storage fault: {message.Request.Method} {message.Request.Uri.ToUri().AbsolutePath}");
        }
    }
}
