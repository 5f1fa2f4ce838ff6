using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace PortalAccess.Http;

/// <summary>What a handler needs from a request (caller, target, body), or the problem that answers the request instead.</summary>
/// <remarks>
/// The HTTP twin of <see cref="Outcome{T}"/>, kept apart on purpose. A domain operation answers with a <see cref="Refusal"/>
/// and knows nothing of HTTP (STYLE.md 12); the checks of a request are HTTP already: their answers carry headers
/// (<c>WWW-Authenticate</c> on 401, <c>Retry-After</c> on 429) and statuses no domain rule has (413, 415). The handler
/// meets both: a refused check returns its <see cref="Problem"/> as it is, a refusal goes through <c>Problems.For</c>.
/// </remarks>
public readonly record struct Checked<T>
{
    private Checked(T? value, IResult? problem) => (Value, Problem) = (value, problem);

    public T? Value { get; }

    public IResult? Problem { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Ok => Problem is null;

    public static implicit operator Checked<T>(T value) => new(value, null);

    public static implicit operator Checked<T>(Refused refused) => new(default, refused.Problem);
}
