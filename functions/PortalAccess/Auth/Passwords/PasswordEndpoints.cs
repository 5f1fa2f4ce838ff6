using Microsoft.AspNetCore.Http;
using PortalAccess.Auth.Callers;
using PortalAccess.Http;

namespace PortalAccess.Auth.Passwords;

/// <summary>A signed-in principal changes their own password; their other sessions end.</summary>
public sealed class PasswordEndpoints(CallerAccess access, PasswordChanges passwords)
{
    /// <summary>This flow's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("ChangeMyPassword", "PUT", ApiRoutes.MyPassword, RouteAccess.Bearer, "Change the own password; other sessions end",
            Request: typeof(ChangePasswordRequest), Status: 204)
        {
            Refusals = [503],
            Example = new ChangePasswordRequest("correct horse battery staple", "another long passphrase"),
            Handler = (HttpRequest r, PasswordEndpoints h, CancellationToken ct) => h.ChangePasswordAsync(r, ct),
        },
    ];

    public async Task<IResult> ChangePasswordAsync(HttpRequest request, CancellationToken ct)
    {
        var call = await access.WithBodyAsync(request, area: null, ReadPasswordChangeAsync, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, (current, next)) = call.Value;
        return await HashingAnswers.UnlessBusyAsync(async () =>
            Problems.OrNoContent(await passwords.ChangeAsync(caller, current, next, ClientIp.Of(request), ct)));
    }

    private static Task<Checked<(string Current, string New)>> ReadPasswordChangeAsync(HttpRequest request, CancellationToken ct) =>
        JsonBody.ReadCheckedAsync<ChangePasswordRequest, (string, string)>(request, (b, errors) =>
        {
            if (errors.Required("currentPassword", b.CurrentPassword) && b.CurrentPassword.Length > PasswordPolicy.MaxLength)
            {
                errors.Add("currentPassword", $"The password must have at most {PasswordPolicy.MaxLength} characters.");
            }
            errors.Required("newPassword", b.NewPassword);
        }, b => (b.CurrentPassword!, b.NewPassword!), ct);
}
