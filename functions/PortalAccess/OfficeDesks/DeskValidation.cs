using PortalAccess.Catalogs;
using PortalAccess.Http;
using PortalAccess.Users;

namespace PortalAccess.OfficeDesks;

public static class DeskValidation
{
    public const int MaxExtensionLength = 10;

    public static void Validate(DeskRequest request, ValidationErrors errors)
    {
        UserValidation.ValidateName(errors, request.Name);
        UserValidation.ValidateEmail(errors, request.Email);
        ValidateExtension(errors, request.Extension);
        UserValidation.ValidateGrants(errors, "features", request.Features, Catalog.DeskFeatureIds);
    }

    public static void ValidateExtension(ValidationErrors errors, string? extension)
    {
        if (errors.Required("extension", extension) && (extension.Length > MaxExtensionLength || !extension.All(char.IsAsciiDigit)))
        {
            errors.Add("extension", $"extension must be 1 to {MaxExtensionLength} digits.");
        }
    }
}
