// Azure Communication Services Email: an Email Communication Service with a free Azure-managed
// domain (<guid>.azurecomm.net, usable at once), optionally a custom domain, and the Communication
// Services resource that sends. Keys are off (disableLocalAuth): the app sends with its managed
// identity, which roles.bicep gives a role on the Communication Services resource.
//
// A custom domain cannot be linked before its DNS records are verified, so it comes in two steps
// (docs/deploy.md): provision with mailCustomDomain set, add the DNS records the domain shows and
// verify them, then provision again with mailCustomDomainVerified=true to link it and send from it.

import { resourceTags } from 'types.bicep'

@description('Name of the Email Communication Service.')
param emailServiceName string

@description('Name of the Communication Services resource.')
param communicationServiceName string

@description('Where ACS keeps its data at rest, e.g. Europe, Germany, United States.')
param dataLocation string

@description('Tags for the mail resources.')
param tags resourceTags

@description('Optional custom mail domain (e.g. mail.example.com). Empty: only the Azure-managed domain.')
param customDomainName string

@description('True once the custom domain\'s DNS records are verified: link it and send from it.')
param customDomainVerified bool

@description('Display name shown with the DoNotReply sender on a custom domain.')
param senderDisplayName string

@description('Send from the custom domain only once it is verified and linked.')
var useCustomDomain = !empty(customDomainName) && customDomainVerified

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2025-05-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource customDomain 'Microsoft.Communication/emailServices/domains@2025-05-01' = if (!empty(customDomainName)) {
  parent: emailService
  name: empty(customDomainName) ? 'unused' : customDomainName
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'CustomerManaged'
    userEngagementTracking: 'Disabled'
  }
}

// The Azure-managed domain has DoNotReply built in; a custom domain gets it here.
resource customSender 'Microsoft.Communication/emailServices/domains/senderUsernames@2025-05-01' = if (!empty(customDomainName)) {
  parent: customDomain
  name: 'donotreply'
  properties: {
    username: 'DoNotReply'
    displayName: senderDisplayName
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    disableLocalAuth: true
    linkedDomains: useCustomDomain ? [managedDomain.id, customDomain.id] : [managedDomain.id]
  }
}

@description('Name of the Email Communication Service (its domains hold the DNS records to verify).')
output emailServiceName string = emailService.name

@description('Name of the Communication Services resource (roles.bicep scopes the send role to it).')
output communicationServiceName string = communicationService.name

@description('ACS endpoint the app sends through: PortalAccess__Mail__Acs__Endpoint.')
output endpoint string = 'https://${communicationService.properties.hostName}'

@description('Sender address: PortalAccess__Mail__From.')
output senderAddress string = useCustomDomain
  ? 'DoNotReply@${customDomainName}'
  : 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'

@description('The custom domain\'s DNS records to create (empty without a custom domain).')
output customDomainVerificationRecords resourceOutput<'Microsoft.Communication/emailServices/domains@2025-05-01'>.properties.verificationRecords? = customDomain.?properties.verificationRecords
