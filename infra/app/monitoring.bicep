// Log Analytics and a workspace-based Application Insights that accepts only Entra-authenticated
// telemetry (DisableLocalAuth): the instrumentation key in the connection string alone cannot write.

import { resourceTags } from 'types.bicep'

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region of both.')
param location string

@description('Tags for both.')
param tags resourceTags

@description('Days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    retentionInDays: retentionInDays
    sku: {
      name: 'PerGB2018'
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

@description('Name of the Application Insights component; the api module reads its connection string.')
output applicationInsightsName string = applicationInsights.name

@description('Name of the Log Analytics workspace.')
output logAnalyticsName string = logAnalytics.name
