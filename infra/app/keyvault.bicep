// The Key Vault that holds the token signing keys (ES256 private keys, one secret per rotation period,
// created and rotated by the app itself). Before it, the keys sat in the SigningKeys table, so whoever
// could read the storage account's tables could mint tokens for every customer; now the tables hold
// none, and only an identity with a Key Vault data-plane role reads the keys.
// RBAC only (no access policies), soft delete and purge protection on: a deleted secret or vault can
// be recovered for softDeleteRetentionInDays, and nobody can purge it sooner. Public network access as
// the storage account (the Flex Consumption app is not in a virtual network).

import { resourceTags } from 'types.bicep'

@description('Name of the vault (3-24 letters, digits and dashes, globally unique; kept for the retention days after deletion).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Tags for the vault.')
param tags resourceTags

@description('Days a deleted secret or vault can still be recovered (and its name stays taken).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Vault URI (https://<name>.vault.azure.net/): PortalAccess:Tokens:KeyVaultUri.')
output uri string = vault.properties.vaultUri
