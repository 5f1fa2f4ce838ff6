// The Function App on the Flex Consumption plan (FC1), .NET 10 isolated worker, running as the
// user-assigned identity, with every setting the app reads (PortalAccessOptions, section
// "PortalAccess"; environment form PortalAccess__Tokens__Issuer). No setting holds a key or a
// connection string with a credential: storage, telemetry, mail and the signing key vault all use the identity.
//
// CORS is the app's (PortalAccess__Cors__AllowedOrigins__<n>, the same policy as the Standalone host's), not the
// platform's: siteConfig.cors stays unset, because the platform's CORS exposes no response headers and drops
// Access-Control-Max-Age (Azure/Azure-Functions#1277), and it would override the app's headers if set. Preflights
// reach the worker through the app's route-miss functions, which take OPTIONS on every path.

import { resourceTags } from 'types.bicep'

@description('Name of the Function App.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags for both; the app also gets azd-service-name.')
param tags resourceTags

@description('Service name in azure.yaml; azd finds the app by this tag.')
param serviceName string

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Name of the storage account (host storage, tables, queues).')
param storageAccountName string

@description('Blob endpoint of the storage account.')
param blobEndpoint string

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Table endpoint of the storage account.')
param tableEndpoint string

@description('URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Memory of one instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound on instances the plan scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Frontend origins allowed to call the API from a browser.')
param allowedOrigins string[]

@description('PortalAccess:Desks:WebRtcFeatures: the desk features a desk gets when a WebRTC device appears.')
param webRtcDeskFeatures string[]

@description('PortalAccess:PortalBaseUrl, where mail links point.')
param portalBaseUrl string

@description('PortalAccess:Mail:From, the sender address.')
param mailFrom string

@description('PortalAccess:Mail:FromName, the sender\'s display name (ACS shows its sender username\'s, set from the same value).')
param mailFromName string

@description('PortalAccess:Mail:ProductName, what the mails call the portal.')
param mailProductName string

@description('PortalAccess:Mail:Acs:Endpoint, https://<acs host>.')
param acsEndpoint string

@description('PortalAccess:Tokens:Issuer; empty means the API\'s own URL.')
param tokenIssuer string

@description('PortalAccess:Tokens:Audience.')
param tokenAudience string

@description('PortalAccess:Tokens:AccessTokenLifetime (TimeSpan, e.g. 00:10:00).')
param accessTokenLifetime string

@description('PortalAccess:Tokens:RefreshTokenLifetime (TimeSpan, e.g. 14.00:00:00).')
param refreshTokenLifetime string

@description('PortalAccess:Links:ActivationLifetime (TimeSpan, e.g. 7.00:00:00).')
param activationLinkLifetime string

@description('PortalAccess:Links:ResetLifetime (TimeSpan, e.g. 01:00:00).')
param resetLinkLifetime string

@description('PortalAccess:Hashing:MaxConcurrent (0: one per core).')
param hashingMaxConcurrent int

@description('PortalAccess:Hashing:MaxQueuedWork (TimeSpan, e.g. 00:00:02).')
param hashingMaxQueuedWork string

@description('PortalAccess:RateLimits:PerClient.')
param rateLimitPerClient int

@description('PortalAccess:RateLimits:PerLogin.')
param rateLimitPerLogin int

@description('PortalAccess:RateLimits:Window (TimeSpan, e.g. 00:01:00).')
param rateLimitWindow string

@description('PortalAccess:RateLimits:ResetMailInterval (TimeSpan, e.g. 00:15:00).')
param resetMailInterval string

@description('PortalAccess:Tokens:KeyVaultUri, the vault that holds the signing keys (https://<vault>.vault.azure.net/).')
param keyVaultUri string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
    }
  }
}

// azd deploys with an Entra token; nobody needs the SCM site's user name and password.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Tokens:Issuer: the API\'s own URL unless one is given.')
var issuer = empty(tokenIssuer) ? 'https://${site.properties.defaultHostName}' : tokenIssuer

@description('The app settings (InfraSettingsTests reads this block: every PortalAccess setting, and no key).')
var appSettings = {
  // Host storage, identity-based: read by the Functions host and by the app's storage clients.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  // Telemetry: the connection string names the ingestion endpoint (its instrumentation key is not a
  // credential, and local auth is off); the authentication string makes ingestion use the identity.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // Lets DefaultAzureCredential pick the user-assigned identity (the ACS mail sender).
  AZURE_CLIENT_ID: identityClientId
  PortalAccess__PortalBaseUrl: portalBaseUrl
  PortalAccess__Mail__Provider: 'AzureCommunicationServices'
  PortalAccess__Mail__From: mailFrom
  PortalAccess__Mail__FromName: mailFromName
  PortalAccess__Mail__ProductName: mailProductName
  PortalAccess__Mail__Acs__Endpoint: acsEndpoint
  PortalAccess__Tokens__Issuer: issuer
  PortalAccess__Tokens__Audience: tokenAudience
  PortalAccess__Tokens__AccessTokenLifetime: accessTokenLifetime
  PortalAccess__Tokens__RefreshTokenLifetime: refreshTokenLifetime
  // The signing keys' private halves live in this vault (the identity is Key Vault Secrets Officer on it), not in the SigningKeys table.
  PortalAccess__Tokens__KeyVaultUri: keyVaultUri
  PortalAccess__Links__ActivationLifetime: activationLinkLifetime
  PortalAccess__Links__ResetLifetime: resetLinkLifetime
  PortalAccess__Hashing__MaxConcurrent: string(hashingMaxConcurrent)
  PortalAccess__Hashing__MaxQueuedWork: hashingMaxQueuedWork
  PortalAccess__RateLimits__PerClient: string(rateLimitPerClient)
  PortalAccess__RateLimits__PerLogin: string(rateLimitPerLogin)
  PortalAccess__RateLimits__Window: rateLimitWindow
  PortalAccess__RateLimits__ResetMailInterval: resetMailInterval
}

@description('PortalAccess:Cors:AllowedOrigins as indexed settings, the environment form of an array.')
var corsSettings = toObject(
  range(0, length(allowedOrigins)),
  i => 'PortalAccess__Cors__AllowedOrigins__${i}',
  i => allowedOrigins[i]
)

@description('PortalAccess:Desks:WebRtcFeatures as indexed settings.')
var deskSettings = toObject(
  range(0, length(webRtcDeskFeatures)),
  i => 'PortalAccess__Desks__WebRtcFeatures__${i}',
  i => webRtcDeskFeatures[i]
)

resource siteSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, corsSettings, deskSettings)
}

@description('Name of the Function App.')
output name string = site.name

@description('Base URL of the app; the API is under /api.')
output uri string = 'https://${site.properties.defaultHostName}'

@description('Tokens:Issuer as set.')
output tokenIssuer string = issuer
