// PortalAccess in Azure: one resource group with a Flex Consumption Function App, its storage,
// monitoring, mail (Azure Communication Services Email), a Key Vault for the token signing keys and
// one user-assigned identity that reaches all of them through data-plane roles. Layout follows the azd Functions quickstart;
// everything is local Bicep (no registry modules), so scripts/check-infra.sh builds it offline.

targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds resourceToken.')
param environmentName string

// The regions that offer Flex Consumption, so that azd offers only those and a wrong pick fails before anything is
// created (elsewhere plan creation fails). Microsoft's list is what `az functionapp list-flexconsumption-locations`
// prints for a subscription (the Flex Consumption how-to points to it); nobody could run it here (no Azure account).
// Taken instead, on 2026-11-27, from the @allowed list of Azure-Samples/remote-mcp-functions-dotnet infra/main.bicep
// (commit 2c341ab2745d), a Microsoft Flex Consumption sample that already deploys dotnet-isolated 10.0, without its
// canary region eastus2euap (open only to allow-listed subscriptions). The azd quickstart's older list
// (Azure-Samples/functions-quickstart-dotnet-azd, 17 regions) is a subset of it. A region Flex reaches later needs
// adding here; `az functionapp list-flexconsumption-locations -o table` shows the current list.
@minLength(1)
@description('Region for everything except the global mail resources; only regions that offer Flex Consumption.')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@minLength(1)
@description('Where the portal frontend lives (https://...); mail links point into it. azd asks for it unless PORTAL_BASE_URL is set.')
param portalBaseUrl string

@description('Frontend origins allowed to call the API from a browser. Empty: the origin of portalBaseUrl.')
param allowedOrigins string[] = []

@description('Desk features of OfficeDesks created automatically for WebRTC devices.')
param webRtcDeskFeatures string[] = ['call-forwarding', 'voicemail', 'caller-id', 'call-list', 'contacts']

@description('Issuer of access tokens. Empty: the API\'s own URL (https://<app host>).')
param tokenIssuer string = ''

@minLength(1)
@description('Audience of access tokens.')
param tokenAudience string = 'portal'

@description('Lifetime of an access token (TimeSpan; DESIGN.md wants at most 10 minutes).')
param accessTokenLifetime string = '00:10:00'

@description('Lifetime of a refresh session (TimeSpan).')
param refreshTokenLifetime string = '14.00:00:00'

@description('Lifetime of an activation link (TimeSpan).')
param activationLinkLifetime string = '7.00:00:00'

@description('Lifetime of a password reset link (TimeSpan).')
param resetLinkLifetime string = '01:00:00'

@description('Password hashes computed at once per instance; 0: one per core.')
param hashingMaxConcurrent int = 0

@description('Sign-ins are refused (503, Retry-After) when the hashes queued ahead would take longer than this to drain (TimeSpan).')
param hashingMaxQueuedWork string = '00:00:02'

@description('Requests per window from one client address to the anonymous auth routes, per instance (429 beyond).')
param rateLimitPerClient int = 30

@description('Sign-ins and reset requests per window for one login, per instance (429 beyond).')
param rateLimitPerLogin int = 10

@description('The sliding window of both rate limits (TimeSpan).')
param rateLimitWindow string = '00:01:00'

@description('At most one password-reset mail per login per this interval (TimeSpan); the request still answers 202.')
param resetMailInterval string = '00:15:00'

@description('Memory of one Function App instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on Function App instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Where ACS keeps mail data at rest (e.g. Europe, Germany, United States).')
param mailDataLocation string = 'Europe'

@description('Optional custom mail domain (e.g. mail.example.com); empty sends from the free Azure-managed domain.')
param mailCustomDomain string = ''

@description('Set true once the custom domain\'s DNS records are verified: it is then linked and used as sender.')
param mailCustomDomainVerified bool = false

@description('Object id of a user (azd fills in the signed-in user, AZURE_PRINCIPAL_ID) who gets read-only data roles on the storage account for debugging; empty: nobody. Not needed in production.')
param principalId string = ''

@minLength(1)
@description('Display name of the mail sender: the app\'s From name, and the DoNotReply sender\'s on a custom domain.')
param mailSenderDisplayName string = 'PortalAccess'

@minLength(1)
@description('What the mails call the portal, e.g. the provider\'s product name ("… hat Sie zu <name> eingeladen").')
param mailProductName string = 'PortalAccess'

@description('Unique, stable suffix for globally unique names.')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

@description('azd-env-name on everything, so azd finds and removes what it made.')
var tags = {
  'azd-env-name': environmentName
}

@description('Resource names, fixed before deployment so that role assignment names and what-if stay predictable.')
var names = {
  resourceGroup: 'rg-${environmentName}'
  identity: 'id-api-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  storage: 'st${resourceToken}'
  deploymentContainer: 'app-package-${resourceToken}'
  emailService: 'ecs-${resourceToken}'
  communicationService: 'acs-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-api-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
}

@description('The origin (scheme://host[:port]) of portalBaseUrl.')
var portalOrigin = join(take(split(portalBaseUrl, '/'), 3), '/')

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: names.deploymentContainer
  }
}

module mail 'app/mail.bicep' = {
  scope: rg
  params: {
    emailServiceName: names.emailService
    communicationServiceName: names.communicationService
    dataLocation: mailDataLocation
    tags: tags
    customDomainName: mailCustomDomain
    customDomainVerified: mailCustomDomainVerified
    senderDisplayName: mailSenderDisplayName
  }
}

module keyVault 'app/keyvault.bicep' = {
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
  }
}

module roles 'app/roles.bicep' = {
  scope: rg
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    communicationServiceName: names.communicationService
    keyVaultName: names.keyVault
    debugReaderPrincipalId: principalId
  }
  dependsOn: [
    identity
    storage
    monitoring
    mail
    keyVault
  ]
}

module api 'app/api.bicep' = {
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: names.storage
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsName: names.applicationInsights
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    allowedOrigins: empty(allowedOrigins) ? [portalOrigin] : allowedOrigins
    webRtcDeskFeatures: webRtcDeskFeatures
    portalBaseUrl: portalBaseUrl
    mailFrom: mail.outputs.senderAddress
    mailFromName: mailSenderDisplayName
    mailProductName: mailProductName
    acsEndpoint: mail.outputs.endpoint
    tokenIssuer: tokenIssuer
    tokenAudience: tokenAudience
    accessTokenLifetime: accessTokenLifetime
    refreshTokenLifetime: refreshTokenLifetime
    activationLinkLifetime: activationLinkLifetime
    resetLinkLifetime: resetLinkLifetime
    hashingMaxConcurrent: hashingMaxConcurrent
    hashingMaxQueuedWork: hashingMaxQueuedWork
    rateLimitPerClient: rateLimitPerClient
    rateLimitPerLogin: rateLimitPerLogin
    rateLimitWindow: rateLimitWindow
    resetMailInterval: resetMailInterval
    keyVaultUri: keyVault.outputs.uri
  }
  // The app starts using storage, telemetry, mail and the vault as soon as its settings land: roles first.
  dependsOn: [
    roles
    monitoring
  ]
}

@description('Region of the deployment.')
output AZURE_LOCATION string = location

@description('Tenant of the deployment.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group that holds everything.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Function App that azd deploys the api service to.')
output SERVICE_API_NAME string = api.outputs.name

@description('Base URL of the Function App.')
output SERVICE_API_URI string = api.outputs.uri

@description('Base URL of the HTTP API (routePrefix api).')
output API_BASE_URL string = '${api.outputs.uri}/api'

@description('Function App name, for az functionapp commands.')
output AZURE_FUNCTION_APP_NAME string = api.outputs.name

@description('Storage account with the tables and queues.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Client id of the app\'s user-assigned identity.')
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('Application Insights component.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName

@description('Communication Services endpoint the app sends mail through.')
output AZURE_COMMUNICATION_SERVICES_ENDPOINT string = mail.outputs.endpoint

@description('Email Communication Service that holds the mail domains.')
output AZURE_EMAIL_SERVICE_NAME string = mail.outputs.emailServiceName

@description('Key Vault that holds the token signing keys.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('URI of that Key Vault (PortalAccess__Tokens__KeyVaultUri).')
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri

@description('Sender address of the portal mails.')
output MAIL_SENDER_ADDRESS string = mail.outputs.senderAddress

@description('Issuer that access tokens carry.')
output PORTAL_TOKEN_ISSUER string = api.outputs.tokenIssuer
