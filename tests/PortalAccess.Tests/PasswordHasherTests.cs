using PortalAccess.Auth;

namespace PortalAccess.Tests;

public class PasswordHasherTests
{
    private readonly PasswordHasher hasher = new();

    [Fact]
    public void Rule5_Hash_IsArgon2idPhcStringWithTheDesignParameters()
    {
        var hash = hasher.Hash("correct horse battery staple");
        Assert.StartsWith("$argon2id$v=19$m=7168,t=5,p=1$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule5_Verify_AcceptsOnlyTheRightPassword()
    {
        var hash = hasher.Hash("correct horse battery staple");
        Assert.True(hasher.Verify(hash, "correct horse battery staple"));
        Assert.False(hasher.Verify(hash, "correct horse battery stapl"));
        Assert.False(hasher.Verify(null, "correct horse battery staple"));
    }

    [Fact]
    public void Rule5_HashWithOlderParameters_NeedsRehash()
    {
        Assert.True(PasswordHasher.NeedsRehash(PasswordHasher.HashWith("correct horse battery staple", 4096, 3)));
        Assert.False(PasswordHasher.NeedsRehash(hasher.Hash("correct horse battery staple")));
    }
}
