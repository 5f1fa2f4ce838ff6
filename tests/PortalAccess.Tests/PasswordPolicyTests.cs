using PortalAccess.Auth;

namespace PortalAccess.Tests;

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
}
