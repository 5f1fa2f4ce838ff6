// The one storage account: Functions host storage (AzureWebJobsStorage), the deployment package
// container, and the app's tables and queues. Shared keys are off, so every caller needs an Entra
// identity with a data-plane role (see roles.bicep).

import { resourceTags } from 'types.bicep'

@description('Name of the storage account (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the account.')
param location string

@description('Tags for the account.')
param tags resourceTags

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('The tables PortalAccess uses: exactly PortalAccess.Storage.StorageNames.Tables (InfraSettingsTests checks it).')
var tableNames = [
  'Accounts'
  'Logins'
  'LinkTokens'
  'Sessions'
  'Audit'
  'ProcessedEvents'
  'SigningKeys'
]

@description('The queues PortalAccess uses: exactly PortalAccess.Storage.StorageNames.Queues (InfraSettingsTests checks it). The poison queue is made up front so that nothing needs the right to create queues on a failure path.')
var queueNames = [
  'mail-outbox'
  'mail-outbox-poison'
]

resource storage 'Microsoft.Storage/storageAccounts@2025-08-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-08-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-08-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-08-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-08-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-08-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-08-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

@description('Name of the storage account.')
output name string = storage.name

@description('Blob endpoint (https://<account>.blob.<suffix>/).')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Queue endpoint (https://<account>.queue.<suffix>/).')
output queueEndpoint string = storage.properties.primaryEndpoints.queue

@description('Table endpoint (https://<account>.table.<suffix>/).')
output tableEndpoint string = storage.properties.primaryEndpoints.table

@description('URL of the deployment package container, for functionAppConfig.deployment.storage.')
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'

@description('Names of the tables created, so a deployment log shows them.')
output tableNames string[] = [for i in range(0, length(tableNames)): tables[i].name]

@description('Names of the queues created, so a deployment log shows them.')
output queueNames string[] = [for i in range(0, length(queueNames)): queues[i].name]
