using PortalAccess.Auth.SignIn;
using PortalAccess.Catalogs;
using PortalAccess.Http;

namespace PortalAccess.Users;

/// <summary>The shape rules for a user body; who may grant what is <see cref="GrantCheck"/>'s business.</summary>
public static class UserValidation
{
    public const int MaxNameLength = 100;

    public static void Validate(UserRequest request, ValidationErrors errors)
    {
        ValidateName(errors, request.Name);
        ValidateEmail(errors, request.Email);
        ValidateGrants(errors, "areas", request.Areas, Catalog.AreaIds);
    }

    /// <summary>
    /// The one email rule of users, desks and customer owners: an address that can be a login (<see
    /// cref="LoginName.IsEmail"/>).
    /// </summary>
    public static void ValidateEmail(ValidationErrors errors, string? email)
    {
        if (errors.Required("email", email) && !LoginName.IsEmail(email.Trim()))
        {
            errors.Add("email", $"email must be a valid address of at most {LoginName.MaxEmailLength} characters.");
        }
    }

    public static void ValidateName(ValidationErrors errors, string? name)
    {
        if (errors.Required("name", name) && (name.Trim().Length > MaxNameLength || name.Any(char.IsControl)))
        {
            errors.Add("name", $"name must have 1 to {MaxNameLength} characters and no control characters.");
        }
    }

    public static void ValidateGrants(ValidationErrors errors, string field, string[]? grants, IReadOnlySet<string> catalog)
    {
        if (grants is null)
        {
            errors.Add(field, $"{field} is required (an empty list grants nothing).");
            return;
        }
        foreach (var unknown in grants.Where(g => g is null || !catalog.Contains(g)).Distinct())
        {
            errors.Add(field, $"'{unknown}' is not in the catalog.");
        }
        foreach (var twice in grants.GroupBy(g => g).Where(g => g.Count() > 1))
        {
            errors.Add(field, $"'{twice.Key}' is listed more than once.");
        }
    }
}
