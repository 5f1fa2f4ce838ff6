using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace PortalAccess.Http;

/// <summary>What a handler needs from a request (caller, target, body), or the problem that answers the request instead.</summary>
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
