namespace PortalAccess.Tests;
public class SmokeTests { [Fact] public void True_IsTrue() => Assert.True(1 + 1 == 2); }
