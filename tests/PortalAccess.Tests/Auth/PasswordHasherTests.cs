using PortalAccess.Auth;
using PortalAccess.Auth.Passwords;

namespace PortalAccess.Tests.Auth;

public class PasswordHasherTests
{
    // Written by the managed Isopoh.Cryptography.Argon2 2.0.0 that hashed passwords before libsodium (Geralt) did:
    // hashes already stored must keep working.
    private const string ManagedHash = "$argon2id$v=19$m=7168,t=5,p=1$8/mIXxMYnYsAg2Y6h04Arg$kBr4RjwAwmCXinNijoaEw4ssBev2S4PPN90xMUdJNV8";
    private const string ManagedPassword = "Isopoh made this hash in 2026";
    private const string ManagedOlderHash = "$argon2id$v=19$m=4096,t=3,p=1$Y0Wy7tHHG1TdbzHsbIJF0A$RORYB2Xe1xMbWl6mz6Iv+g9kakZxuSA7g94x3Ha5/U4";
    private const string ManagedOlderPassword = "Isopoh made this older hash";

    private readonly PasswordHasher hasher = new(new HashGate(new HashingOptions()));

    [Fact]
    public async Task Rule5_Hash_IsArgon2idPhcStringWithTheDesignParameters()
    {
        var hash = await hasher.HashAsync("correct horse battery staple", CancellationToken.None);
        Assert.Matches(@"^\$argon2id\$v=19\$m=7168,t=5,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$", hash);
        Assert.DoesNotContain("correct horse", hash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rule5_Verify_AcceptsOnlyTheRightPassword()
    {
        var hash = await hasher.HashAsync("correct horse battery staple", CancellationToken.None);
        Assert.True(await hasher.VerifyAsync(hash, "correct horse battery staple", CancellationToken.None));
        Assert.False(await hasher.VerifyAsync(hash, "correct horse battery stapl", CancellationToken.None));
        Assert.False(await hasher.VerifyAsync(null, "correct horse battery staple", CancellationToken.None));
    }

    [Fact]
    public async Task Rule5_HashesOfTheManagedImplementation_StillVerify()
    {
        Assert.True(await hasher.VerifyAsync(ManagedHash, ManagedPassword, CancellationToken.None));
        Assert.False(await hasher.VerifyAsync(ManagedHash, ManagedPassword + "!", CancellationToken.None));
        Assert.True(await hasher.VerifyAsync(ManagedOlderHash, ManagedOlderPassword, CancellationToken.None));
        Assert.False(PasswordHasher.NeedsRehash(ManagedHash));
    }

    [Fact]
    public async Task Rule5_NonAsciiPasswords_AreHashedAsUtf8()
    {
        var hash = await hasher.HashAsync("Grüße aus Köln, 東京", CancellationToken.None);
        Assert.True(await hasher.VerifyAsync(hash, "Grüße aus Köln, 東京", CancellationToken.None));
        Assert.False(await hasher.VerifyAsync(hash, "Grusse aus Koln, ??", CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("$argon2i$v=19$m=4096,t=3,p=1$Y0Wy7tHHG1TdbzHsbIJF0A$RORYB2Xe1xMbWl6mz6Iv+g9kakZxuSA7g94x3Ha5/U4")]
    [InlineData("$argon2id$v=19$m=7168,t=5,p=1$8/mIXxMYnYsAg2Y6h04Arg$")]
    public async Task Rule5_MalformedStoredHash_FailsInsteadOfThrowing(string stored) =>
        Assert.False(await hasher.VerifyAsync(stored, ManagedPassword, CancellationToken.None));

    [Fact]
    public async Task Rule5_HashWithOtherParameters_NeedsRehash()
    {
        Assert.True(PasswordHasher.NeedsRehash(ManagedOlderHash));
        Assert.True(PasswordHasher.NeedsRehash(PasswordHasher.HashWith("correct horse battery staple", 4096, 3)));
        Assert.True(PasswordHasher.NeedsRehash(PasswordHasher.HashWith("correct horse battery staple", 7168, 2)));
        Assert.True(PasswordHasher.NeedsRehash("$argon2i$v=19$m=7168,t=5,p=1$8/mIXxMYnYsAg2Y6h04Arg$kBr4RjwAwmCXinNijoaEw4ssBev2S4PPN90xMUdJNV8"));
        Assert.False(PasswordHasher.NeedsRehash(await hasher.HashAsync("correct horse battery staple", CancellationToken.None)));
    }
}
