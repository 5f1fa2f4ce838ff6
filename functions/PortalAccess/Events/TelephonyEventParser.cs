using System.Text.Json;
using CloudNative.CloudEvents;
using PortalAccess.Auth;
using PortalAccess.Http;
using PortalAccess.OfficeDesks;

namespace PortalAccess.Events;

/// <summary>Turns a decoded CloudEvent into a <see cref="TelephonyEvent"/>, or names what is wrong with its data.</summary>
public static class TelephonyEventParser
{
    public const string DeviceCreatedType = "pbx.device.created";
    public const string DeviceDeletedType = "pbx.device.deleted";
    public const string SipUpsertedType = "sip.account.upserted";
    public const string SipDeletedType = "sip.account.deleted";

    private sealed record Data(string? CustomerNumber, string? DeviceId, string? DeviceType, string? Extension, string? UserName,
        string? UserEmail, string? SipAccountId, string? Number, string? Password);

    public static TelephonyEvent? Parse(CloudEvent e, string prefix, ValidationErrors errors)
    {
        var (id, source, type) = (e.Id!, e.Source!.ToString(), e.Type!);
        if (type is not (DeviceCreatedType or DeviceDeletedType or SipUpsertedType or SipDeletedType))
        {
            return new IgnoredEvent(id, source, type, "");
        }
        Data? d = null;
        try
        {
            d = e.Data switch
            {
                JsonElement { ValueKind: JsonValueKind.Object } json => json.Deserialize<Data>(JsonBody.Options),
                string text => JsonSerializer.Deserialize<Data>(text, JsonBody.Options),
                byte[] bytes => JsonSerializer.Deserialize<Data>(bytes, JsonBody.Options),
                _ => null,
            };
        }
        catch (JsonException)
        {
            // reported below as missing data
        }
        if (d is null)
        {
            errors.Add($"{prefix}data", "data must be a JSON object.");
            return null;
        }
        var before = errors.Count;
        string Need(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 256)
            {
                errors.Add($"{prefix}data.{field}", $"{field} is required (at most 256 characters).");
            }
            return value ?? "";
        }
        var customer = Need("customerNumber", d.CustomerNumber);
        if (customer.Length > 0 && !LoginName.IsCustomerNumber(customer))
        {
            errors.Add($"{prefix}data.customerNumber", "customerNumber is not a customer number.");
        }
        customer = LoginName.NormalizeCustomerNumber(customer);
        TelephonyEvent result;
        switch (type)
        {
            case DeviceCreatedType:
                var deviceType = Need("deviceType", d.DeviceType);
                var webrtc = deviceType.Equals(TelephonyEvent.WebRtcDeviceType, StringComparison.OrdinalIgnoreCase);
                // only WebRTC devices make desks, so only their desk fields must be present
                var extension = webrtc ? Need("extension", d.Extension) : d.Extension ?? "";
                if (webrtc)
                {
                    var sub = new ValidationErrors();
                    DeskValidation.ValidateExtension(sub, extension);
                    if (sub.Any)
                    {
                        errors.Add($"{prefix}data.extension", "extension must be 1 to 10 digits.");
                    }
                    if (!LoginName.IsEmail(Need("userEmail", d.UserEmail).Trim()))
                    {
                        errors.Add($"{prefix}data.userEmail", "userEmail must be a valid address.");
                    }
                    Need("userName", d.UserName);
                }
                result = new DeviceCreated(id, source, type, customer, Need("deviceId", d.DeviceId), deviceType, extension,
                    d.UserName?.Trim() ?? "", d.UserEmail?.Trim() ?? "");
                break;
            case DeviceDeletedType:
                result = new DeviceDeleted(id, source, type, customer, Need("deviceId", d.DeviceId));
                break;
            case SipUpsertedType:
                var number = LoginName.NormalizePhone(Need("number", d.Number));
                if (number is null)
                {
                    errors.Add($"{prefix}data.number", "number must be a valid phone number in international format (+49… or 0049…).");
                }
                var password = Need("password", d.Password);
                if (password.Length > PasswordPolicy.MaxLength)
                {
                    errors.Add($"{prefix}data.password", "password is too long.");
                }
                result = new SipAccountUpserted(id, source, type, customer, Need("sipAccountId", d.SipAccountId), number ?? "", password);
                break;
            default:
                result = new SipAccountDeleted(id, source, type, customer, Need("sipAccountId", d.SipAccountId));
                break;
        }
        return errors.Count == before ? result : null;
    }
}
