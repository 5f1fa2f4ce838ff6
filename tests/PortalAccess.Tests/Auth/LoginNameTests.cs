using PhoneNumbers;
using PortalAccess.Auth;
using PortalAccess.Auth.SignIn;

namespace PortalAccess.Tests.Auth;

public class LoginNameTests
{
    [Theory]
    [InlineData("Erika.Muster@Example.COM", "erika.muster@example.com")]
    [InlineData("  a@b.de ", "a@b.de")]
    [InlineData("k-100234", "K-100234")]
    [InlineData("100001", "100001")]
    [InlineData("+49 30 1234567", "+49301234567")]
    [InlineData("0049301234567", "+49301234567")]
    public void Normalize_GivesTheIndexKey(string typed, string expected) => Assert.Equal(expected, LoginName.Normalize(typed));

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign-but-too-long-for-a-customer-number-xxxxxx")]
    [InlineData("a@b")]
    [InlineData("Erika <erika@example.com>")]
    [InlineData("erika muster@example.com")]
    [InlineData("+49 1")]
    [InlineData("00")]
    [InlineData("+999123456789")]
    public void Normalize_RejectsWhatCannotBeALogin(string typed) => Assert.Null(LoginName.Normalize(typed));

    [Fact]
    public void IsEmail_RejectsAddressesOverRfc5321Limits()
    {
        Assert.False(LoginName.IsEmail(new string('a', 65) + "@example.com"));
        Assert.False(LoginName.IsEmail("a@" + new string('b', 250) + ".de"));
        Assert.True(LoginName.IsEmail(new string('a', 64) + "@example.com"));
    }

    [Theory]
    [InlineData("0123")]
    [InlineData("+4930")]
    [InlineData("ab")]
    public void CustomerNumbers_NeverLookLikePhoneNumbers(string value) => Assert.False(LoginName.IsCustomerNumber(value));

    /// <summary>An address of exactly 254 characters (64 in the local part, labels of at most 63) is the longest login there is.</summary>
    [Fact]
    public void AnAddressOfExactly254Characters_IsALogin_And255AreNot()
    {
        var longest = new string('A', 64) + "@" + new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 58) + ".de";
        Assert.Equal(254, longest.Length);
        Assert.True(LoginName.IsEmail(longest));
        Assert.Equal(longest.ToLowerInvariant(), LoginName.Normalize(longest));
        Assert.False(LoginName.IsEmail(longest + "x"));
        Assert.Null(LoginName.Normalize(longest + "x"));
    }

    /// <summary>
    /// A login ends up in mail headers, the login index and the log. MailAddress accepts a quoted local part with spaces
    /// or control characters; a login never has one, whether it is a control character, white space, or both.
    /// </summary>
    [Theory]
    [InlineData("\"erika muster\"@example.com")]
    [InlineData("\"erika\u00a0muster\"@example.com")]
    [InlineData("\"erika\u0001\"@example.com")]
    [InlineData("\"erika\u007f\"@example.com")]
    [InlineData("\"erika\r\nbcc:x\"@example.com")]
    public void AddressesWithWhiteSpaceOrControlCharacters_AreNoLogins(string typed)
    {
        Assert.False(LoginName.IsEmail(typed));
        Assert.Null(LoginName.Normalize(typed));
    }

    [Theory]
    [InlineData("erika@.example.com")]
    [InlineData("erika@example.com.")]
    [InlineData("erika@localhost")]
    [InlineData("erika.@localhost")]
    [InlineData("erika@")]
    [InlineData("@example.com")]
    public void AddressesWithoutADottedDomainOrLocalPart_AreNoLogins(string typed) => Assert.False(LoginName.IsEmail(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void NothingTyped_IsNoLogin(string? typed) => Assert.Null(LoginName.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("030 1234567")]
    [InlineData("49301234567")]
    public void PhoneNumbers_MustBeInternational(string? value) => Assert.Null(LoginName.NormalizePhone(value));

    /// <summary>libphonenumber parses "+49 123", but no German number is that short: parsable is not valid.</summary>
    [Fact]
    public void AParsableButInvalidPhoneNumber_IsNoLogin()
    {
        var phones = PhoneNumberUtil.GetInstance();
        Assert.False(phones.IsValidNumber(phones.Parse("+49 123", null)));
        Assert.Null(LoginName.NormalizePhone("+49 123"));
        Assert.Null(LoginName.Normalize("+49 123"));
    }

    /// <summary>A phone number may be spelled with up to 32 characters; anything longer is refused before libphonenumber sees it.</summary>
    [Fact]
    public void PhoneNumbers_MayBeSpelledWithUpTo32Characters()
    {
        var spelled = "+49" + new string(' ', 19) + "30 1234567";
        Assert.Equal(32, spelled.Length);
        Assert.Equal("+49301234567", LoginName.NormalizePhone(spelled));
        Assert.Null(LoginName.NormalizePhone("+49" + new string(' ', 20) + "30 1234567"));
    }
}
