using System.Text.Json;
using CloudNative.CloudEvents;
using PortalAccess.Auth.Passwords;
using PortalAccess.Auth.SignIn;
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
        var head = new Head(e.Id!, e.Source!.ToString(), e.Type!, "");
        if (head.Type is not (DeviceCreatedType or DeviceDeletedType or SipUpsertedType or SipDeletedType))
        {
            return new IgnoredEvent(head.Id, head.Source, head.Type, "");
        }
        if (DataOf(e) is not { } d)
        {
            errors.Add($"{prefix}data", "data must be a JSON object.");
            return null;
        }
        var before = errors.Count;
        var check = new FieldCheck(prefix, errors);
        head = head with { Customer = CustomerOf(check, d.CustomerNumber) };
        TelephonyEvent result = head.Type switch
        {
            DeviceCreatedType => DeviceCreatedFrom(check, head, d),
            DeviceDeletedType => new DeviceDeleted(head.Id, head.Source, head.Type, head.Customer, check.Need("deviceId", d.DeviceId)),
            SipUpsertedType => SipUpsertedFrom(check, head, d),
            _ => new SipAccountDeleted(head.Id, head.Source, head.Type, head.Customer, check.Need("sipAccountId", d.SipAccountId)),
        };
        return errors.Count == before ? result : null;
    }

    /// <summary>The envelope fields every event carries, and its customer once checked.</summary>
    private sealed record Head(string Id, string Source, string Type, string Customer);

    /// <summary>The event's data as an object; null when it is not one (or not JSON at all).</summary>
    private static Data? DataOf(CloudEvent e)
    {
        try
        {
            return e.Data switch
            {
                JsonElement { ValueKind: JsonValueKind.Object } json => json.Deserialize<Data>(JsonBody.Options),
                string text => JsonSerializer.Deserialize<Data>(text, JsonBody.Options),
                byte[] bytes => JsonSerializer.Deserialize<Data>(bytes, JsonBody.Options),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string CustomerOf(FieldCheck check, string? value)
    {
        var customer = check.Need("customerNumber", value);
        if (customer.Length > 0 && !LoginName.IsCustomerNumber(customer))
        {
            check.Add("customerNumber", "customerNumber is not a customer number.");
        }
        return LoginName.NormalizeCustomerNumber(customer);
    }

    private static DeviceCreated DeviceCreatedFrom(FieldCheck check, Head head, Data d)
    {
        var deviceType = check.Need("deviceType", d.DeviceType);
        var webrtc = deviceType.Equals(TelephonyEvent.WebRtcDeviceType, StringComparison.OrdinalIgnoreCase);
        // only WebRTC devices make desks, so only their desk fields must be present
        var extension = webrtc ? check.Need("extension", d.Extension) : d.Extension ?? "";
        if (webrtc)
        {
            var sub = new ValidationErrors();
            DeskValidation.ValidateExtension(sub, extension);
            if (sub.Any)
            {
                check.Add("extension", "extension must be 1 to 10 digits.");
            }
            if (!LoginName.IsEmail(check.Need("userEmail", d.UserEmail).Trim()))
            {
                check.Add("userEmail", "userEmail must be a valid address.");
            }
            check.Need("userName", d.UserName);
        }
        return new DeviceCreated(head.Id, head.Source, head.Type, head.Customer, check.Need("deviceId", d.DeviceId), deviceType, extension,
            d.UserName?.Trim() ?? "", d.UserEmail?.Trim() ?? "");
    }

    private static SipAccountUpserted SipUpsertedFrom(FieldCheck check, Head head, Data d)
    {
        var number = LoginName.NormalizePhone(check.Need("number", d.Number));
        if (number is null)
        {
            check.Add("number", "number must be a valid phone number in international format (+49… or 0049…).");
        }
        var password = check.Need("password", d.Password);
        if (password.Length > PasswordPolicy.MaxLength)
        {
            check.Add("password", "password is too long.");
        }
        return new SipAccountUpserted(head.Id, head.Source, head.Type, head.Customer,
            check.Need("sipAccountId", d.SipAccountId), number ?? "", password);
    }

    /// <summary>Collects what is wrong with the fields of one event's data, named <c>{prefix}data.{field}</c>.</summary>
    private sealed class FieldCheck(string prefix, ValidationErrors errors)
    {
        // identifiers and names from the telephony system; longer is not a value it sends
        private const int MaxLength = 256;

        /// <summary>The value, or "" after noting it missing or too long.</summary>
        public string Need(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
            {
                Add(field, $"{field} is required (at most {MaxLength} characters).");
            }
            return value ?? "";
        }

        public void Add(string field, string message) => errors.Add($"{prefix}data.{field}", message);
    }
}
