using PortalAccess.Auth;
using PortalAccess.Auth.Passwords;

namespace PortalAccess.Tests.Auth;

public class PasswordPolicyTests
{
    [Theory]
    [InlineData("elevenchars")]
    [InlineData("")]
    [InlineData(null)]
    public void Rule5_PasswordShorterThan12_IsRejected(string? password) =>
        Assert.NotNull(PasswordPolicy.Check(password, "someone@example.com"));

    [Fact]
    public void Rule5_PasswordOf12Characters_WithoutCompositionRules_IsAccepted() =>
        Assert.Null(PasswordPolicy.Check("aaaaaaaaaaaa", "someone@example.com"));

    [Fact]
    public void Rule5_PasswordLongerThan128_IsRejected()
    {
        Assert.Null(PasswordPolicy.Check(new string('x', 128), "k1"));
        Assert.NotNull(PasswordPolicy.Check(new string('x', 129), "k1"));
    }

    [Theory]
    [InlineData("someone@example.com")]
    [InlineData("my SOMEONE@EXAMPLE.COM pass")]
    public void Rule5_PasswordContainingTheLoginName_IsRejected(string password) =>
        Assert.NotNull(PasswordPolicy.Check(password, "someone@example.com"));

    [Fact]
    public void Rule5_PasswordWithControlCharacters_IsRejected() =>
        Assert.NotNull(PasswordPolicy.Check("twelve chars\u0000ok", "k1"));

    /// <summary>Each refusal says what is wrong; the API returns this text as the problem's detail for the password field.</summary>
    [Theory]
    [InlineData(null, "A password is required.")]
    [InlineData("", "A password is required.")]
    [InlineData("elevenchars", "The password must have at least 12 characters.")]
    [InlineData("twelve chars\u0001ok", "The password must not contain control characters.")]
    [InlineData("my k-100234 password", "The password must not contain the login name.")]
    public void Rule5_EachRefusal_NamesItsReason(string? password, string reason) =>
        Assert.Equal(reason, PasswordPolicy.Check(password, "K-100234"));

    [Fact]
    public void Rule5_TheUpperBound_IsNamed() =>
        Assert.Equal("The password must have at most 128 characters.", PasswordPolicy.Check(new string('x', 129), "k1"));

    /// <summary>Every string contains the empty string: a principal without a login must not have every password refused.</summary>
    [Fact]
    public void Rule5_AnEmptyLogin_RefusesNoPasswordForContainingIt() =>
        Assert.Null(PasswordPolicy.Check("correct horse battery", ""));
}
