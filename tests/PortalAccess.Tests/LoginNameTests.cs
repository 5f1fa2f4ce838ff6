using PortalAccess.Auth;

namespace PortalAccess.Tests;

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
}
