using System.Text.Json.Serialization;

namespace PortalAccess.Mail;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendEmailRequest))]
internal sealed partial class AcsJson : JsonSerializerContext;
