// The PN admissions bot on Azure: an Azure Bot (Teams, Web Chat and Direct Line
// channels, and Facebook Messenger when facebookEnabled), a Linux App Service plan and Web App running the bot (container or
// Node 24 code), and a Storage account with one blob container for bot state and
// one for records, shared by every instance (instanceCount). The bot reaches storage with
// the Web App's managed identity or a connection string (storageAuth). App settings map
// one to one to the variables src/config.ts reads.
//
//   az deployment group create -g <resource-group> -f deployment/azure/main.bicep \
//     -p @deployment/azure/main.parameters.json
//   (add -p @deployment/azure/facebook.parameters.json to connect a Facebook page)
//
// See deployment/README.md for the app registration, secrets and rollback.

targetScope = 'resourceGroup'

// ---- Names and placement ----------------------------------------------------

@description('Prefix for resource names (lowercase letters, digits and hyphens).')
@minLength(3)
@maxLength(20)
param namePrefix string = 'pn-admissions'

@description('Region of the App Service plan, Web App, Storage account and managed identity. The Azure Bot itself is global.')
param location string = resourceGroup().location

@description('Globally unique handle of the Azure Bot resource.')
@minLength(2)
@maxLength(64)
param botName string = '${namePrefix}-bot-${uniqueString(resourceGroup().id)}'

@description('Name people see for the bot in channels.')
param botDisplayName string = 'PN Admissions Assistant'

@description('Azure Bot pricing tier: F0 is free (standard channels such as Teams and Web Chat are unlimited), S1 is paid.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

// ---- Bot identity -----------------------------------------------------------

@description('How the bot authenticates: SingleTenant (an Entra ID app registration with a client secret) or UserAssignedMSI (a user-assigned managed identity this template creates; no secret). New multi-tenant bots can no longer be created.')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param microsoftAppType string = 'SingleTenant'

@description('SingleTenant only: the app registration\'s Application (client) ID. Ignored for UserAssignedMSI, where the managed identity\'s client id is used.')
param microsoftAppId string = ''

@description('Entra ID tenant of the bot identity.')
param microsoftAppTenantId string = subscription().tenantId

@description('SingleTenant only: the app registration\'s client secret. Leave empty when microsoftAppPasswordSecretUri is set.')
@secure()
param microsoftAppPassword string = ''

@description('SingleTenant only, preferred over microsoftAppPassword: Key Vault secret URI of the client secret (https://<vault>.vault.azure.net/secrets/<name>). The Web App reads it through its system-assigned identity, which needs the "Key Vault Secrets User" role on the vault.')
param microsoftAppPasswordSecretUri string = ''

// ---- Hosting ----------------------------------------------------------------

@description('container: run a container image (deployment/Dockerfile). code: run the built app on the Node 24 runtime with `node dist/bundle/start.js` (zip deploy).')
@allowed([
  'container'
  'code'
])
param deployMode string = 'container'

@description('container mode: the image, e.g. myregistry.azurecr.io/pn-admissions-bot:1.0.0. Pin a version tag (or digest) so a rollback is a redeploy of the previous tag.')
param containerImage string = ''

@description('container mode, optional: name of an Azure Container Registry in this resource group. The Web App pulls from it with its system-assigned identity; this template grants AcrPull.')
param containerRegistryName string = ''

@description('App Service plan SKU. Always On needs Basic (B1) or higher; B1 allows up to 3 instances, Standard 10, Premium v3 30.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
])
param appServicePlanSku string = 'B1'

@description('Number of Web App instances (scale-out). Every instance shares the Blob storage for bot state and records.')
@minValue(1)
@maxValue(30)
param instanceCount int = 1

// ---- Storage access -----------------------------------------------------------

@description('How the bot reaches Blob storage. managedIdentity: the Web App\'s system-assigned identity gets "Storage Blob Data Contributor" on the account and the bot gets BLOB_ACCOUNT_URL (no key in the app settings). connectionString: BLOB_CONNECTION_STRING with the account key.')
@allowed([
  'managedIdentity'
  'connectionString'
])
param storageAuth string = 'managedIdentity'

// ---- Bot settings -----------------------------------------------------------

@description('Blob container for bot state (BLOB_CONTAINER).')
@minLength(3)
@maxLength(63)
param stateContainerName string = 'bot-state'

@description('Blob container for records: leads, hand-overs, feedback, unanswered questions (RECORDS_CONTAINER).')
@minLength(3)
@maxLength(63)
param recordsContainerName string = 'records'

@description('Blob container for the FAQ content staff publish from the console (CONTENT_CONTAINER): immutable versions and one live pointer, seeded from the image on first start; every instance follows it.')
@minLength(3)
@maxLength(63)
param contentContainerName string = 'content'

@description('Days a record (lead, hand-over, feedback, question) is kept (RECORDS_RETENTION_DAYS): a storage lifecycle rule deletes older record blobs once a day, and consent texts name this number.')
@minValue(1)
@maxValue(3650)
param recordsRetentionDays int = 365

@description('Days a deleted or overwritten blob (state, records, content) can be restored: soft delete and previous versions are kept this long, then removed.')
@minValue(1)
@maxValue(365)
param recoveryDays int = 14

@description('DATA_DIR: folder for records kept as local files. /home is the App Service storage shared by all instances and kept across restarts and deployments.')
param dataDir string = '/home/data'

@description('STAFF_TOKEN (at least 32 characters): bearer token for scripts on the staff API and POST /admin/reload. Empty (recommended): staff sign in with Entra ID only. The bot refuses to start with it unless staffTokenAllowInProduction is true.')
@secure()
param staffToken string = ''

@description('Allow STAFF_TOKEN in production (STAFF_TOKEN_ALLOW_IN_PRODUCTION). Everything done with it is audited as "token", not as a person.')
param staffTokenAllowInProduction bool = false

@description('Staff console sign-in (Entra ID): client id of the staff console\'s app registration, with the app roles Staff.Content and Staff.Leads. Empty: no Entra sign-in (the console then only says how to turn it on).')
param staffClientId string = ''

@description('Tenant whose people may sign in to the staff console.')
param staffTenantId string = subscription().tenantId

@description('Key Vault secret URI of the staff app registration\'s client secret (STAFF_CLIENT_SECRET).')
param staffClientSecretUri string = ''

@description('Key Vault secret URI of the staff session secret (STAFF_SESSION_SECRET, at least 32 characters, e.g. openssl rand -base64 48): signs session cookies; every instance reads the same one.')
param staffSessionSecretUri string = ''

@description('Redirect URI registered on the staff app registration. Empty: https://<web app>.azurewebsites.net/staff/auth/callback.')
param staffRedirectUri string = ''

@description('Teams incoming-webhook style URL that staff notices are posted to (STAFF_WEBHOOK_URL). Empty: no notices.')
param staffWebhookUrl string = ''

@description('LOG_LEVEL of the bot.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Origins allowed to use the Direct Line channel with enhanced authentication (your website), e.g. https://www.example.org. Empty: no restriction.')
param directLineTrustedOrigins array = []

@description('Key Vault secret URI of the Direct Line secret (DIRECT_LINE_SECRET) for Web Chat on the website, e.g. https://<vault>.vault.azure.net/secrets/direct-line-secret. Empty: the chat page cannot get tokens (503) until it is set.')
param directLineSecretUri string = ''

@description('Direct Line service the bot asks for Web Chat tokens (DIRECT_LINE_ENDPOINT); a regional one for a regional bot.')
param directLineEndpoint string = 'https://directline.botframework.com'

// ---- Facebook Messenger (optional; deployment/azure/facebook.parameters.example.json) ----

@description('Connect the bot to a Facebook page (the FacebookChannel). Off by default; facebook.parameters.example.json turns it on with the page, the Meta app and their secrets.')
param facebookEnabled bool = false

@description('Facebook only: the id of the Facebook page students message (Page settings, or Meta Business Suite, "Page ID").')
param facebookPageId string = ''

@description('Facebook only: the Meta app\'s App ID (developers.facebook.com, App settings > Basic).')
param facebookAppId string = ''

@description('Facebook only: the Meta app\'s App secret, for the channel. Give it as a Key Vault reference in the parameter file, never as a value.')
@secure()
param facebookAppSecret string = ''

@description('Facebook only: the page access token (Messenger settings of the Meta app), for the channel. A Key Vault reference in the parameter file.')
@secure()
param facebookPageAccessToken string = ''

@description('Facebook only: Key Vault secret URI of the same App secret (FACEBOOK_APP_SECRET), e.g. https://<vault>.vault.azure.net/secrets/facebook-app-secret: the bot checks Meta\'s data deletion requests with it. The Web App reads it through its system-assigned identity.')
param facebookAppSecretUri string = ''

@description('Tags for every resource.')
param tags object = {
  app: 'pn-admissions-bot'
}

// ---- Derived values ---------------------------------------------------------

var isMsi = microsoftAppType == 'UserAssignedMSI'
var isContainer = deployMode == 'container'
var useAcr = isContainer && !empty(containerRegistryName)
var suffix = uniqueString(resourceGroup().id)
var planName = '${namePrefix}-plan'
var webAppName = '${namePrefix}-${suffix}'
var identityName = '${namePrefix}-bot-identity'
// Storage account names: 3-24 lowercase letters and digits.
var storageAccountName = take('${toLower(replace(namePrefix, '-', ''))}${suffix}', 24)
var acrPullRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
var useStorageIdentity = storageAuth == 'managedIdentity'
// Built-in role: read, write and delete blobs and containers (what the state and record stores do).
var blobDataContributorRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')

// ---- Identity (UserAssignedMSI only) ------------------------------------------

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (isMsi) {
  name: identityName
  location: location
  tags: tags
}

// Without an app id the bot would start in local mode (no Bot Framework auth, the
// test chat page served): refuse to deploy that. fail() needs a recent Bicep CLI.
// Each fail() sits behind the mode it belongs to: ARM evaluates every variable.
var botAppId = isMsi ? botIdentity.properties.clientId : (empty(microsoftAppId) ? fail('microsoftAppId is required when microsoftAppType is SingleTenant') : microsoftAppId)
// A managed identity has no secret; SingleTenant reads one from Key Vault (preferred) or the secure parameter.
var appPasswordSetting = isMsi ? '' : (!empty(microsoftAppPasswordSecretUri) ? '@Microsoft.KeyVault(SecretUri=${microsoftAppPasswordSecretUri})' : (empty(microsoftAppPassword) ? fail('SingleTenant needs microsoftAppPasswordSecretUri (preferred) or microsoftAppPassword') : microsoftAppPassword))

// ---- Storage ----------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // A deleted or overwritten blob, or a deleted container, can be restored for recoveryDays
    // (deployment/README.md, "Restoring"): soft delete plus versioning, for the state, records
    // and content containers alike (both are account-wide).
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: recoveryDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: recoveryDays
    }
  }
}

// Retention runs by itself: once a day Azure deletes record blobs older than
// recordsRetentionDays (what `npm run records:purge -- --older-than <days>d` does by hand),
// and previous versions after recoveryDays, so "delete my data" and the purge are final
// once the restore window is over. Records are written once, so their modification time
// is the time they were written.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'records-retention'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [ 'blockBlob' ]
              prefixMatch: [ '${recordsContainerName}/' ]
            }
            actions: {
              baseBlob: {
                delete: { daysAfterModificationGreaterThan: recordsRetentionDays }
              }
            }
          }
        }
        {
          name: 'previous-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [ 'blockBlob' ]
            }
            actions: {
              version: {
                delete: { daysAfterCreationGreaterThan: recoveryDays }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [ blobService ]
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: stateContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource recordsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: recordsContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Staff edits live here, not in the image: a redeploy merges the image's content into it (README, "Content").
resource contentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: contentContainerName
  properties: {
    publicAccess: 'None'
  }
}

var blobConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
// managedIdentity: only the account's URL; @azure/identity (DefaultAzureCredential) finds the
// Web App's system-assigned identity. ARM evaluates only the branch of if() it takes, so the
// account key is not read then.
var storageSettings = useStorageIdentity ? [
  { name: 'BLOB_ACCOUNT_URL', value: storage.properties.primaryEndpoints.blob }
] : [
  { name: 'BLOB_CONNECTION_STRING', value: blobConnectionString }
]

// ---- App Service ------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

var commonSettings = [
  { name: 'NODE_ENV', value: 'production' }
  { name: 'MicrosoftAppType', value: microsoftAppType }
  { name: 'MicrosoftAppId', value: botAppId }
  { name: 'MicrosoftAppTenantId', value: microsoftAppTenantId }
  { name: 'STORAGE', value: 'blob' }
  { name: 'BLOB_CONTAINER', value: stateContainer.name }
  // Leads, hand-overs, feedback and questions in Blob storage too, so every instance shares them.
  { name: 'RECORDS_STORAGE', value: 'blob' }
  { name: 'RECORDS_CONTAINER', value: recordsContainer.name }
  { name: 'CONTENT_CONTAINER', value: contentContainer.name }
  { name: 'DATA_DIR', value: dataDir }
  { name: 'RECORDS_RETENTION_DAYS', value: string(recordsRetentionDays) }
  { name: 'STAFF_TOKEN', value: staffToken }
  { name: 'STAFF_TOKEN_ALLOW_IN_PRODUCTION', value: staffTokenAllowInProduction ? 'true' : 'false' }
  { name: 'STAFF_WEBHOOK_URL', value: staffWebhookUrl }
  { name: 'LOG_LEVEL', value: logLevel }
  // Web Chat on the website: the secret stays on the server (a Key Vault reference), and
  // the same sites Direct Line trusts may frame the page and ask for tokens.
  { name: 'DIRECT_LINE_SECRET', value: empty(directLineSecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${directLineSecretUri})' }
  { name: 'DIRECT_LINE_ENDPOINT', value: directLineEndpoint }
  { name: 'WEBCHAT_ORIGINS', value: join(directLineTrustedOrigins, ',') }
]
// Staff console sign-in with Entra ID: both secrets are Key Vault references read by the Web App's identity.
var staffRedirect = empty(staffRedirectUri) ? 'https://${webAppName}.azurewebsites.net/staff/auth/callback' : staffRedirectUri
var staffSignInSettings = empty(staffClientId) ? [] : [
  { name: 'STAFF_TENANT_ID', value: staffTenantId }
  { name: 'STAFF_CLIENT_ID', value: staffClientId }
  { name: 'STAFF_CLIENT_SECRET', value: empty(staffClientSecretUri) ? fail('staffClientId needs staffClientSecretUri (a Key Vault secret URI)') : '@Microsoft.KeyVault(SecretUri=${staffClientSecretUri})' }
  { name: 'STAFF_SESSION_SECRET', value: empty(staffSessionSecretUri) ? fail('staffClientId needs staffSessionSecretUri (a Key Vault secret URI)') : '@Microsoft.KeyVault(SecretUri=${staffSessionSecretUri})' }
  { name: 'STAFF_REDIRECT_URI', value: staffRedirect }
]
// Facebook Messenger: the app secret that signs Meta's data deletion requests, a Key Vault reference like the others.
var facebookSettings = facebookEnabled ? [
  { name: 'FACEBOOK_APP_SECRET', value: empty(facebookAppSecretUri) ? fail('facebookEnabled needs facebookAppSecretUri (a Key Vault secret URI of the Meta app secret)') : '@Microsoft.KeyVault(SecretUri=${facebookAppSecretUri})' }
] : []
// Only SingleTenant has a secret (config.ts requires one there).
var passwordSettings = isMsi ? [] : [
  { name: 'MicrosoftAppPassword', value: appPasswordSetting }
]
var containerSettings = [
  // The image listens on 3978 (its PORT); tell App Service where to route.
  { name: 'WEBSITES_PORT', value: '3978' }
  // Mount the shared, persistent /home storage into the container (DATA_DIR).
  { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'true' }
]
var codeSettings = [
  // The zip already holds dist/ and production node_modules: no build on the server.
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
]
var linuxFxVersion = isContainer ? (empty(containerImage) ? fail('containerImage is required when deployMode is container') : 'DOCKER|${containerImage}') : 'NODE|24-lts'

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: isContainer ? 'app,linux,container' : 'app,linux'
  identity: isMsi ? {
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: {
      '${botIdentity.id}': {}
    }
  } : {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Instances are stateless (state lives in Blob storage): no sticky sessions.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      appCommandLine: isContainer ? '' : 'node dist/bundle/start.js'
      acrUseManagedIdentityCreds: useAcr
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(commonSettings, storageSettings, passwordSettings, staffSignInSettings, facebookSettings, isContainer ? containerSettings : codeSettings)
    }
  }
}

// ---- Registry pull (container mode with an ACR in this resource group) --------

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = if (useAcr) {
  name: containerRegistryName
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (useAcr) {
  name: guid(resourceGroup().id, containerRegistryName, webAppName, 'AcrPull')
  scope: registry
  properties: {
    roleDefinitionId: acrPullRoleId
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---- Blob data access for the Web App's identity (storageAuth managedIdentity) ----

// A new role assignment can take a few minutes to apply: until then /readyz reports the
// storage check failing, and it recovers by itself.
resource blobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (useStorageIdentity) {
  name: guid(storage.id, webAppName, 'Storage Blob Data Contributor')
  scope: storage
  properties: {
    roleDefinitionId: blobDataContributorRoleId
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---- Azure Bot and its channels ---------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: microsoftAppType
    msaAppTenantId: microsoftAppTenantId
    msaAppMSIResourceId: isMsi ? botIdentity.id : null
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

resource webChatChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: 'global'
  properties: {
    channelName: 'WebChatChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isWebchatPreviewEnabled: true
        }
      ]
    }
  }
}

resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Web Chat'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: !empty(directLineTrustedOrigins)
          // Web Chat runs in the bot's own page (framed by the website), so its address is trusted too.
          trustedOrigins: empty(directLineTrustedOrigins) ? [] : union(directLineTrustedOrigins, ['https://${webApp.properties.defaultHostName}'])
        }
      ]
    }
  }
}

// Messenger users reach the bot through the page; Azure Bot Service gives the webhook (callback
// URL and verify token) to paste into the Meta app (deployment/README.md, "Facebook Messenger").
// Each fail() sits behind facebookEnabled: ARM may evaluate a skipped resource's properties.
resource facebookChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = if (facebookEnabled) {
  parent: bot
  name: 'FacebookChannel'
  location: 'global'
  properties: {
    channelName: 'FacebookChannel'
    properties: {
      appId: facebookEnabled && empty(facebookAppId) ? fail('facebookEnabled needs facebookAppId') : facebookAppId
      appSecret: facebookEnabled && empty(facebookAppSecret) ? fail('facebookEnabled needs facebookAppSecret (a Key Vault reference in the parameter file)') : facebookAppSecret
      pages: [
        {
          id: facebookEnabled && empty(facebookPageId) ? fail('facebookEnabled needs facebookPageId') : facebookPageId
          accessToken: facebookEnabled && empty(facebookPageAccessToken) ? fail('facebookEnabled needs facebookPageAccessToken (a Key Vault reference in the parameter file)') : facebookPageAccessToken
        }
      ]
      isEnabled: true
    }
  }
}

// ---- Outputs ----------------------------------------------------------------------

@description('The messaging endpoint the Azure Bot calls.')
output messagingEndpoint string = bot.properties.endpoint

@description('The bot\'s Microsoft App ID: the BOT_ID for `npm run teams:package`.')
output botAppId string = botAppId

output botName string = bot.name
output webAppName string = webApp.name
output webAppUrl string = 'https://${webApp.properties.defaultHostName}'
@description('The redirect URI to register (type Web) on the staff console\'s app registration.')
output staffRedirectUri string = staffRedirect

@description('Principal of the Web App\'s system-assigned identity: grant it "Key Vault Secrets User" when the app secret is a Key Vault reference.')
output webAppPrincipalId string = webApp.identity.principalId

output storageAccountName string = storage.name
output stateContainerName string = stateContainer.name
output recordsContainerName string = recordsContainer.name
output contentContainerName string = contentContainer.name

@description('Facebook: the Data Deletion Callback URL to enter in the Meta app (App settings > Advanced > Data deletion requests).')
output facebookDataDeletionCallbackUrl string = facebookEnabled ? 'https://${webApp.properties.defaultHostName}/api/facebook/data-deletion' : ''

@description('Facebook: the data deletion instructions page (both languages), for the Meta app\'s settings and the privacy notice.')
output facebookDataDeletionInstructionsUrl string = facebookEnabled ? 'https://${webApp.properties.defaultHostName}/facebook/data-deletion' : ''
