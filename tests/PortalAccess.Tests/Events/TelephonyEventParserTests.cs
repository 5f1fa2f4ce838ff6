using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using PortalAccess.Events;
using PortalAccess.Http;

namespace PortalAccess.Tests.Events;

/// <summary>The data rules of the telephony events (API.md, "Telephony events"), on CloudEvents as the reader hands them over.</summary>
public class TelephonyEventParserTests
{
    private const string Required = " is required (at most 256 characters).";

    private static Dictionary<string, string?> DeviceData() => new()
    {
        ["customerNumber"] = "k-100234",
        ["deviceId"] = "dev-1",
        ["deviceType"] = "webrtc",
        ["extension"] = "12",
        ["userName"] = " Erika Muster ",
        ["userEmail"] = " Erika@Example.com ",
    };

    private static Dictionary<string, string?> SipData() => new()
    {
        ["customerNumber"] = "k-100234",
        ["sipAccountId"] = "sip-1",
        ["number"] = "0049 30 1234567",
        ["password"] = " s3cret ",
    };

    private static Dictionary<string, string?> With(Dictionary<string, string?> data, string field, string? value)
    {
        if (value is null)
        {
            data.Remove(field);
        }
        else
        {
            data[field] = value;
        }
        return data;
    }

    private static CloudEvent Event(string type, object? data) => new(CloudEventsSpecVersion.V1_0)
    {
        Id = "e1",
        Source = new Uri("urn:telephony"),
        Type = type,
        Data = data is Dictionary<string, string?> fields ? JsonSerializer.SerializeToElement(fields) : data,
    };

    private static (TelephonyEvent? Event, IDictionary<string, string[]> Errors) Parse(string type, object? data, string prefix = "")
    {
        var errors = new ValidationErrors();
        var parsed = TelephonyEventParser.Parse(Event(type, data), prefix, errors);
        return (parsed, errors.ToDictionary());
    }

    private static T Accepted<T>(string type, object? data)
        where T : TelephonyEvent
    {
        var (parsed, errors) = Parse(type, data);
        Assert.Empty(errors);
        return Assert.IsType<T>(parsed);
    }

    private static string[] Refused(string type, object? data, string field)
    {
        var (parsed, errors) = Parse(type, data);
        Assert.Null(parsed);
        var only = Assert.Single(errors);
        Assert.Equal($"data.{field}", only.Key);
        return only.Value;
    }

    [Fact]
    public void AWebRtcDevice_IsReadWithItsDeskFields_TrimmedAndTheCustomerNormalized()
    {
        var created = Accepted<DeviceCreated>(TelephonyEventParser.DeviceCreatedType, DeviceData());

        Assert.Equal(new DeviceCreated("e1", "urn:telephony", TelephonyEventParser.DeviceCreatedType, "K-100234", "dev-1", "webrtc", "12",
            "Erika Muster", "Erika@Example.com"), created);
    }

    [Fact]
    public void TheDeviceTypeWebRtc_IsMatchedWithoutRegardToCase()
    {
        var errors = Refused(TelephonyEventParser.DeviceCreatedType, With(With(DeviceData(), "deviceType", "WebRTC"), "extension", "1x"), "extension");

        Assert.Equal(["extension must be 1 to 10 digits."], errors);
    }

    [Fact]
    public void OtherDevices_NeedNoDeskFields_AndKeepWhatWasSent()
    {
        var bare = With(With(With(With(DeviceData(), "deviceType", "sip-phone"), "extension", null), "userName", null), "userEmail", null);
        Assert.Equal(new DeviceCreated("e1", "urn:telephony", TelephonyEventParser.DeviceCreatedType, "K-100234", "dev-1", "sip-phone", "", "", ""),
            Accepted<DeviceCreated>(TelephonyEventParser.DeviceCreatedType, bare));

        var odd = With(With(With(DeviceData(), "deviceType", "sip-phone"), "extension", "ext 7"), "userEmail", "nobody");
        var created = Accepted<DeviceCreated>(TelephonyEventParser.DeviceCreatedType, odd);
        Assert.Equal("ext 7", created.Extension);
        Assert.Equal("nobody", created.UserEmail);
        Assert.Equal("Erika Muster", created.UserName);
    }

    [Theory]
    [InlineData("customerNumber")]
    [InlineData("deviceId")]
    [InlineData("deviceType")]
    [InlineData("userName")]
    public void Rule9_AMissingField_OfADeviceCreation_IsNamed(string field) =>
        Assert.Equal([field + Required], Refused(TelephonyEventParser.DeviceCreatedType, With(DeviceData(), field, null), field));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Rule9_ABlankDeviceId_IsMissing(string blank) =>
        Assert.Equal(["deviceId" + Required], Refused(TelephonyEventParser.DeviceDeletedType, With(DeviceData(), "deviceId", blank), "deviceId"));

    [Fact]
    public void Rule9_AFieldOfExactly256Characters_IsRead_And257AreRefused()
    {
        var longest = new string('d', 256);
        Assert.Equal(longest, Accepted<DeviceDeleted>(TelephonyEventParser.DeviceDeletedType, With(DeviceData(), "deviceId", longest)).DeviceId);

        Assert.Equal(["deviceId" + Required], Refused(TelephonyEventParser.DeviceDeletedType, With(DeviceData(), "deviceId", longest + "d"), "deviceId"));
    }

    [Fact]
    public void Rule9_AMissingExtension_OfAWebRtcDevice_IsRequiredAndNoNumber()
    {
        var errors = Refused(TelephonyEventParser.DeviceCreatedType, With(DeviceData(), "extension", null), "extension");

        Assert.Equal(["extension" + Required, "extension must be 1 to 10 digits."], errors);
    }

    [Theory]
    [InlineData("12345678901")]
    [InlineData("12a")]
    [InlineData("-1")]
    public void Rule9_AWebRtcExtension_IsOneToTenDigits(string extension)
    {
        var errors = Refused(TelephonyEventParser.DeviceCreatedType, With(DeviceData(), "extension", extension), "extension");

        Assert.Equal(["extension must be 1 to 10 digits."], errors);
        Assert.Equal("1234567890",
            Accepted<DeviceCreated>(TelephonyEventParser.DeviceCreatedType, With(DeviceData(), "extension", "1234567890")).Extension);
    }

    [Theory]
    [InlineData("erika")]
    [InlineData("erika@example")]
    [InlineData("Erika <erika@example.com>")]
    public void Rule9_AWebRtcUserEmail_MustBeAnAddress(string email) =>
        Assert.Equal(["userEmail must be a valid address."], Refused(TelephonyEventParser.DeviceCreatedType, With(DeviceData(), "userEmail", email), "userEmail"));

    [Fact]
    public void Rule9_AMissingUserEmail_OfAWebRtcDevice_IsRequiredAndNoAddress() =>
        Assert.Equal(["userEmail" + Required, "userEmail must be a valid address."],
            Refused(TelephonyEventParser.DeviceCreatedType, With(DeviceData(), "userEmail", null), "userEmail"));

    [Fact]
    public void Rule9_AMissingCustomerNumber_IsNamedOnce_AndOneThatIsNoCustomerNumberIsRefused()
    {
        Assert.Equal(["customerNumber" + Required], Refused(TelephonyEventParser.DeviceDeletedType, With(DeviceData(), "customerNumber", null), "customerNumber"));
        Assert.Equal(["customerNumber" + Required], Refused(TelephonyEventParser.DeviceDeletedType, With(DeviceData(), "customerNumber", ""), "customerNumber"));

        Assert.Equal(["customerNumber is not a customer number."],
            Refused(TelephonyEventParser.DeviceDeletedType, With(DeviceData(), "customerNumber", "0123"), "customerNumber"));
    }

    [Fact]
    public void ADeviceDeletion_NeedsTheCustomerAndTheDevice()
    {
        Assert.Equal(new DeviceDeleted("e1", "urn:telephony", TelephonyEventParser.DeviceDeletedType, "K-100234", "dev-1"),
            Accepted<DeviceDeleted>(TelephonyEventParser.DeviceDeletedType, DeviceData()));

        Assert.Equal(["deviceId" + Required], Refused(TelephonyEventParser.DeviceDeletedType, With(DeviceData(), "deviceId", null), "deviceId"));
    }

    [Fact]
    public void ASipAccount_IsReadWithItsNumberInE164_AndThePasswordAsSent()
    {
        var upserted = Accepted<SipAccountUpserted>(TelephonyEventParser.SipUpsertedType, SipData());

        Assert.Equal(new SipAccountUpserted("e1", "urn:telephony", TelephonyEventParser.SipUpsertedType, "K-100234", "sip-1", "+49301234567", " s3cret "),
            upserted);
    }

    [Theory]
    [InlineData("030 1234567")]
    [InlineData("+999123456789")]
    [InlineData("+49 1")]
    public void Rule9_ASipNumber_IsAValidNumberInInternationalFormat(string number) =>
        Assert.Equal(["number must be a valid phone number in international format (+49… or 0049…)."],
            Refused(TelephonyEventParser.SipUpsertedType, With(SipData(), "number", number), "number"));

    [Fact]
    public void Rule9_AMissingSipNumber_IsRequiredAndNoNumber() =>
        Assert.Equal(["number" + Required, "number must be a valid phone number in international format (+49… or 0049…)."],
            Refused(TelephonyEventParser.SipUpsertedType, With(SipData(), "number", null), "number"));

    [Theory]
    [InlineData("customerNumber")]
    [InlineData("sipAccountId")]
    [InlineData("password")]
    public void Rule9_AMissingField_OfASipAccount_IsNamed(string field) =>
        Assert.Equal([field + Required], Refused(TelephonyEventParser.SipUpsertedType, With(SipData(), field, null), field));

    [Fact]
    public void Rule5_ASipPasswordOfExactly128Characters_IsRead_And129AreTooLong()
    {
        var longest = new string('p', 128);
        Assert.Equal(longest, Accepted<SipAccountUpserted>(TelephonyEventParser.SipUpsertedType, With(SipData(), "password", longest)).Password);

        Assert.Equal(["password is too long."], Refused(TelephonyEventParser.SipUpsertedType, With(SipData(), "password", longest + "p"), "password"));
    }

    [Fact]
    public void ASipAccountDeletion_NeedsTheCustomerAndTheAccount()
    {
        var sip = With(SipData(), "number", null);
        Assert.Equal(new SipAccountDeleted("e1", "urn:telephony", TelephonyEventParser.SipDeletedType, "K-100234", "sip-1"),
            Accepted<SipAccountDeleted>(TelephonyEventParser.SipDeletedType, sip));

        Assert.Equal(["sipAccountId" + Required], Refused(TelephonyEventParser.SipDeletedType, With(SipData(), "sipAccountId", null), "sipAccountId"));
    }

    [Theory]
    [InlineData("pbx.device.updated")]
    [InlineData("PBX.DEVICE.CREATED")]
    public void AnUnknownType_IsIgnored_WhateverItsData(string type)
    {
        var (parsed, errors) = Parse(type, "not json");

        Assert.Empty(errors);
        Assert.Equal(new IgnoredEvent("e1", "urn:telephony", type, ""), parsed);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("json array")]
    [InlineData("json string")]
    [InlineData("json null")]
    [InlineData("text")]
    [InlineData("text array")]
    [InlineData("text null")]
    [InlineData("bytes cut off")]
    [InlineData("bytes null")]
    [InlineData("number")]
    public void Rule9_DataThatIsNoJsonObject_IsRefused(string kind)
    {
        object? data = kind switch
        {
            "none" => null,
            "json array" => JsonSerializer.SerializeToElement(new[] { "customerNumber" }),
            "json string" => JsonSerializer.SerializeToElement("{}"),
            "json null" => JsonSerializer.SerializeToElement<object?>(null),
            "text" => "not json",
            "text array" => "[1]",
            "text null" => "null",
            "bytes cut off" => Encoding.UTF8.GetBytes("{\"customerNumber\":"),
            "bytes null" => Encoding.UTF8.GetBytes("null"),
            _ => 42,
        };
        foreach (var type in new[] { TelephonyEventParser.DeviceCreatedType, TelephonyEventParser.DeviceDeletedType,
            TelephonyEventParser.SipUpsertedType, TelephonyEventParser.SipDeletedType })
        {
            var (parsed, errors) = Parse(type, data, "[1].");

            Assert.Null(parsed);
            var only = Assert.Single(errors);
            Assert.Equal("[1].data", only.Key);
            Assert.Equal(["data must be a JSON object."], only.Value);
        }
    }

    [Fact]
    public void DataAsJsonText_OrUtf8Bytes_IsRead()
    {
        var json = JsonSerializer.Serialize(SipData());

        Assert.Equal("+49301234567", Accepted<SipAccountUpserted>(TelephonyEventParser.SipUpsertedType, json).Number);
        Assert.Equal("+49301234567", Accepted<SipAccountUpserted>(TelephonyEventParser.SipUpsertedType, Encoding.UTF8.GetBytes(json)).Number);
    }

    [Fact]
    public void Rule9_ErrorFields_AreNamedWithThePrefixOfTheEventInItsBatch()
    {
        var (parsed, errors) = Parse(TelephonyEventParser.SipUpsertedType, With(With(SipData(), "password", null), "number", "12"), "[3].");

        Assert.Null(parsed);
        Assert.Equal(["[3].data.number", "[3].data.password"], errors.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>In a batch the errors of earlier events are already there: only this event's own errors refuse it.</summary>
    [Fact]
    public void Rule9_AGoodEventAfterABadOne_IsRead_AndABadOneRefused()
    {
        var errors = new ValidationErrors();
        errors.Add("[0].data", "data must be a JSON object.");

        Assert.IsType<DeviceDeleted>(TelephonyEventParser.Parse(Event(TelephonyEventParser.DeviceDeletedType, DeviceData()), "[1].", errors));
        Assert.Null(TelephonyEventParser.Parse(Event(TelephonyEventParser.DeviceDeletedType, With(DeviceData(), "deviceId", null)), "[2].", errors));
        Assert.Equal(["[0].data", "[2].data.deviceId"], errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }
}
