// The one identity the Function App uses for everything: host storage, tables, queues,
// the deployment package, Application Insights ingestion, sending mail through ACS and the signing
// keys in Key Vault.

import { resourceTags } from 'types.bicep'

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags for the identity.')
param tags resourceTags

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id, for the Function App identity block and the deployment storage authentication.')
output id string = identity.id

@description('Client id: AzureWebJobsStorage__clientId and the ManagedIdentityCredential of the app.')
output clientId string = identity.properties.clientId

@description('Principal (object) id, for role assignments.')
output principalId string = identity.properties.principalId

@description('Name of the identity.')
output name string = identity.name
