// Data-plane roles for the app's managed identity, each scoped to the one resource it is for.
// No control-plane role (Contributor, Owner) and no key: with shared keys and local auth off
// everywhere, these assignments are the only way the app reaches its data.

@description('Name of the app\'s user-assigned identity.')
param identityName string

@description('Name of the storage account.')
param storageAccountName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Name of the Communication Services resource.')
param communicationServiceName string

@description('Name of the Key Vault that holds the token signing keys.')
param keyVaultName string

@description('Object id of a user who gets read-only data roles on the storage account for debugging (the deploying user, as the azd quickstart does); empty: nobody.')
param debugReaderPrincipalId string = ''

@description('Built-in role definition ids (the same GUID in every tenant).')
var roleIds = {
  // Functions host storage (leases, host keys, timers) and the Flex Consumption deployment package.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // The mail outbox queue and its poison queue: the queue trigger peeks, receives and deletes, the producer and
  // the move to the poison queue add messages. Contributor holds all of these (it is a superset of Message
  // Processor and Message Sender, so those are not assigned besides it); the queues themselves come from
  // storage.bicep, the app creates none in Azure.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Every table the app reads and writes (the tables themselves come from storage.bicep).
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Read-only roles for the optional debugging user (debugReaderPrincipalId).
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageQueueDataReader: '19e7f393-937e-4f77-808e-94535e297925'
  storageTableDataReader: '76199698-9eea-4c19-bc75-cec21354c6b6'
  // Entra-authenticated telemetry ingestion (App Insights has DisableLocalAuth).
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  // "Communication and Email Service Owner": the narrowest built-in role that may send mail with
  // Entra auth (Contributor would manage every resource; a custom role holding only the send
  // action would be narrower still). GUID matched in several public templates and role tables,
  // not read from a live tenant.
  communicationAndEmailServiceOwner: '09976791-48a7-449e-bb21-39d1a415f350'
  // "Key Vault Secrets Officer", on the signing key vault only: the app creates each period's signing key
  // (secrets/setSecret/action) besides reading it. "Key Vault Secrets User", the read-only role, has no set,
  // and no narrower built-in role has it; a custom role holding only get, list-versions and set would be
  // narrower still (Officer may also delete secrets; purge protection keeps a deleted one recoverable).
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

@description('Roles on the storage account.')
var storageRoles = [
  roleIds.storageBlobDataOwner
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
]

@description('Read-only data roles on the storage account for the debugging user: tables, queues (peek) and blobs, nothing that writes. No role on the Key Vault: its secrets are the token signing keys, and reading them means minting tokens.')
var debugReaderRoles = [
  roleIds.storageBlobDataReader
  roleIds.storageQueueDataReader
  roleIds.storageTableDataReader
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-08-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' existing = {
  name: communicationServiceName
}

resource keyVault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: keyVaultName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storage.id, identity.id, roleId)
    scope: storage
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

// principalType is left out: azd passes the signed-in principal, a user at a desk but a service principal in a
// pipeline, and Azure looks the type up itself (an existing principal needs no replication hint).
resource debugReaderRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in debugReaderRoles: if (!empty(debugReaderPrincipalId)) {
    name: guid(storage.id, debugReaderPrincipalId, roleId)
    scope: storage
    properties: {
      principalId: debugReaderPrincipalId
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

resource telemetryRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, roleIds.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
  }
}

resource mailRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communicationService.id, identity.id, roleIds.communicationAndEmailServiceOwner)
  scope: communicationService
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.communicationAndEmailServiceOwner)
  }
}

resource signingKeysRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, roleIds.keyVaultSecretsOfficer)
  scope: keyVault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsOfficer)
  }
}
