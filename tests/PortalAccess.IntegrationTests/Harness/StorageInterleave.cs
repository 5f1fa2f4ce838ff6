using Azure.Core;
using Azure.Core.Pipeline;
using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>
/// Makes a race happen at a chosen point, deterministically: when the app sends a request that <see cref="Matches"/>
/// (by default its conditional write of an account row), the test's <see cref="Before"/> runs first (another sign-in,
/// a lock, a delete, a new password), and only then does the request go on, so it meets the real 412 of storage. Fires
/// <see cref="Times"/> times; what <see cref="Before"/> itself sends through the app's clients does not fire it again.
/// </summary>
public sealed class StorageInterleave : HttpPipelinePolicy
{
    private readonly AsyncLocal<bool> inside = new();
    private int remaining;
    private int fired;

    public Func<HttpMessage, bool> Matches { get; set; } = IsConditionalAccountWrite;

    /// <summary>What happens between the app's read and its write.</summary>
    public Func<Task> Before { get; set; } = () => Task.CompletedTask;

    /// <summary>How many more matching requests run <see cref="Before"/> first; 0 disarms, <see cref="int.MaxValue"/> is every one.</summary>
    public int Times
    {
        get => Volatile.Read(ref remaining);
        set => Volatile.Write(ref remaining, value);
    }

    /// <summary>How often <see cref="Before"/> ran.</summary>
    public int Fired => Volatile.Read(ref fired);

    /// <summary>A single-entity write of the accounts table that carries an ETag to meet (not <c>*</c>, as a blind merge does).</summary>
    public static bool IsConditionalAccountWrite(HttpMessage m) =>
        m.Request.Method.ToString() is "PUT" or "MERGE" or "PATCH"
        && m.Request.Uri.ToUri().AbsolutePath.Contains(StorageNames.AccountsTable + "(", StringComparison.Ordinal)
        && m.Request.Headers.TryGetValue("If-Match", out var etag) && etag != "*";

    /// <summary>A merge of an account row that does not look at the ETag (<c>If-Match: *</c>), such as the sign-in's <c>LastLoginAt</c>.</summary>
    public static bool IsBlindAccountMerge(HttpMessage m) =>
        m.Request.Method.ToString() is "MERGE" or "PATCH"
        && m.Request.Uri.ToUri().AbsolutePath.Contains(StorageNames.AccountsTable + "(", StringComparison.Ordinal)
        && m.Request.Headers.TryGetValue("If-Match", out var etag) && etag == "*";

    /// <summary>An insert into the logins table: a claim of a login.</summary>
    public static bool IsLoginClaim(HttpMessage m) =>
        m.Request.Method.ToString() == "POST" && m.Request.Uri.ToUri().AbsolutePath.EndsWith(StorageNames.LoginsTable, StringComparison.Ordinal);

    /// <summary>A request of <paramref name="method"/> for one row of the logins table: a read, a takeover (PUT), a release (DELETE).</summary>
    public static Func<HttpMessage, bool> IsLoginRow(string method) => m =>
        m.Request.Method.ToString() == method && m.Request.Uri.ToUri().AbsolutePath.Contains(StorageNames.LoginsTable + "(", StringComparison.Ordinal);

    /// <summary>A table transaction (entity group), such as the account store's principal-with-grants writes.</summary>
    public static bool IsTransaction(HttpMessage m) =>
        m.Request.Method.ToString() == "POST" && m.Request.Uri.ToUri().AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal);

    // the app's storage calls are asynchronous; a synchronous one (none is known) passes untouched
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessNext(message, pipeline);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!inside.Value && Matches(message) && TryTake())
        {
            inside.Value = true;
            try
            {
                Interlocked.Increment(ref fired);
                await Before();
            }
            finally
            {
                inside.Value = false;
            }
        }
        await ProcessNextAsync(message, pipeline);
    }

    private bool TryTake()
    {
        while (true)
        {
            var left = Volatile.Read(ref remaining);
            if (left <= 0)
            {
                return false;
            }
            if (left == int.MaxValue || Interlocked.CompareExchange(ref remaining, left - 1, left) == left)
            {
                return true;
            }
        }
    }
}
