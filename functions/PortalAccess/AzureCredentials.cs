using Azure.Core;
using Azure.Identity;

namespace PortalAccess;

/// <summary>How the app authenticates to Azure services without keys.</summary>
public static class AzureCredentials
{
    /// <summary>The user-assigned managed identity with <paramref name="clientId"/>, or the default chain when none is named.</summary>
    public static TokenCredential For(string? clientId) =>
        string.IsNullOrEmpty(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
