using Azure.Core;
using Azure.Core.Pipeline;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>
/// Simulates a crash between two storage writes: while armed, every request that <see cref="Matches"/>
/// fails before it reaches storage, as if the process had died at that point.
/// </summary>
public sealed class StorageFault : HttpPipelinePolicy
{
    public Func<HttpMessage, bool> Matches { get; set; } = _ => false;

    public bool Armed { get; set; }

    /// <summary>What a matching request throws; by default an <see cref="IOException"/>, as a crash of this process looks.</summary>
    public Func<HttpMessage, Exception>? Failure { get; set; }

    /// <summary>What the SDK throws when storage does not answer (status 0): an outage rather than a crash.</summary>
    public static Exception Unreachable(HttpMessage m) =>
        new Azure.RequestFailedException(0, $"Injected: storage unreachable for {m.Request.Method} {m.Request.Uri.ToUri().AbsolutePath}");

    /// <summary>
    /// When set, a matching request reaches storage and is carried out, and only its answer is lost on the way back: the
    /// caller sees the failure of a write that was stored after all.
    /// </summary>
    public bool LoseTheAnswer { get; set; }

    public int Injected { get; private set; }

    public static bool Is(HttpMessage m, string method, string pathFragment) =>
        m.Request.Method.ToString() == method &&
        m.Request.Uri.ToUri().AbsolutePath.Contains(pathFragment, StringComparison.OrdinalIgnoreCase);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var loseTheAnswer = CheckBeforeSending(message);
        ProcessNext(message, pipeline);
        if (loseTheAnswer)
        {
            throw Fail(message);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var loseTheAnswer = CheckBeforeSending(message);
        await ProcessNextAsync(message, pipeline);
        if (loseTheAnswer)
        {
            throw Fail(message);
        }
    }

    /// <summary>Fails a matching request before it is sent, or answers true when its answer is to be lost instead.</summary>
    private bool CheckBeforeSending(HttpMessage message)
    {
        if (!Armed || !Matches(message))
        {
            return false;
        }
        return LoseTheAnswer ? true : throw Fail(message);
    }

    private Exception Fail(HttpMessage message)
    {
        Injected++;
        return Failure?.Invoke(message) ?? new IOException($"Injected storage fault: {message.Request.Method} {message.Request.Uri.ToUri().AbsolutePath}");
    }
}
