/**
 * deployment/azure/main.bicep, checked as text: there is no Bicep compiler on
 * this machine, and no registry package installs one offline (the npm wrappers
 * download the CLI); `az bicep build` is the real validation, see
 * deployment/README.md. The example parameters file is validated with ajv. This catches what a text check can: unbalanced
 * brackets, the resources, parameters and outputs the deployment promises, app
 * settings that drift from the variables src/config.ts reads, unused parameters
 * and secrets in the example parameters file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { FACEBOOK_DELETION_CALLBACK_PATH, FACEBOOK_DELETION_PATH } from '../../src/server/facebook-deletion';

const ROOT = path.resolve(__dirname, '../..');
const source = readFileSync(path.join(ROOT, 'deployment/azure/main.bicep'), 'utf8');
const configSource = readFileSync(path.join(ROOT, 'src/config.ts'), 'utf8');

/**
 * The Bicep text with comments removed and string contents kept, plus a
 * bracket check done on the way (strings and interpolations are skipped).
 */
function scan(text: string): { code: string; problems: string[] } {
  const problems: string[] = [];
  const stack: Array<{ char: string; line: number }> = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let code = '';
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\n') line++;
    if (char === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      code += '\n';
      line++;
      continue;
    }
    if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) problems.push(`unclosed block comment at line ${line}`);
      const skipped = text.slice(i, end < 0 ? text.length : end + 2);
      line += skipped.split('\n').length - 1;
      code += '\n'.repeat(skipped.split('\n').length - 1);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (char === "'") {
      const start = line;
      let j = i + 1;
      // Bicep strings escape with a backslash; ${...} interpolations may nest quotes.
      let depth = 0;
      for (; j < text.length; j++) {
        if (text[j] === '\\') {
          j++;
          continue;
        }
        if (text[j] === '\n' && depth === 0) break;
        if (text[j] === '$' && text[j + 1] === '{') {
          depth++;
          j++;
          continue;
        }
        if (text[j] === '}' && depth > 0) {
          depth--;
          continue;
        }
        if (text[j] === "'" && depth === 0) break;
      }
      if (text[j] !== "'") problems.push(`unterminated string at line ${start}`);
      code += text.slice(i, j + 1);
      i = j;
      continue;
    }
    if ('([{'.includes(char)) stack.push({ char, line });
    if (')]}'.includes(char)) {
      const open = stack.pop();
      if (open?.char !== pairs[char]) problems.push(`"${char}" at line ${line} closes "${open?.char ?? 'nothing'}"`);
    }
    code += char;
  }
  for (const open of stack) problems.push(`"${open.char}" opened at line ${open.line} is never closed`);
  return { code, problems };
}

const { code, problems } = scan(source);

interface Param {
  name: string;
  type: string;
  decorators: string[];
}

function params(): Map<string, Param> {
  const found = new Map<string, Param>();
  const lines = code.split('\n');
  lines.forEach((text, index) => {
    const match = /^param (\w+) (\w+)/.exec(text);
    if (!match) return;
    const decorators: string[] = [];
    for (let i = index - 1; i >= 0 && lines[i].startsWith('@'); i--) decorators.unshift(lines[i]);
    // Multi-line @allowed([...]) decorators: take the whole block above the param.
    const above = lines.slice(0, index).join('\n');
    const allowed = /@allowed\(\[([^\]]*)\]\)\s*$/.exec(above.replace(/\n(?=param )/g, ''));
    if (allowed) decorators.push(`@allowed:${allowed[1]}`);
    found.set(match[1], { name: match[1], type: match[2], decorators });
  });
  return found;
}

const declared = params();
const resources = [...code.matchAll(/^resource (\w+) '([^'@]+)@([^']+)'( existing)?/gm)].map((m) => ({
  symbol: m[1],
  type: m[2],
  apiVersion: m[3],
  existing: Boolean(m[4]),
}));
const outputs = new Map([...code.matchAll(/^output (\w+) (\w+) =/gm)].map((m) => [m[1], m[2]]));
const appSettings = [...code.matchAll(/\{ name: '([^']+)', value: /g)].map((m) => m[1]);

/** The environment variables src/config.ts reads: the keys of its envSchema. */
const configVariables = (() => {
  const schema = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(configSource);
  if (!schema) throw new Error('envSchema not found in src/config.ts');
  return new Set([...schema[1].matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]));
})();

/** One top-level declaration (from the line starting with `start` to its closing brace at column 0). */
function block(start: string): string {
  const from = code.indexOf(`\n${start}`);
  if (from < 0) throw new Error(`${start} not found in main.bicep`);
  const end = code.indexOf('\n}', from + 1);
  return code.slice(from + 1, end + 2);
}

function allowedValues(param: string): string[] {
  const decorator = declared.get(param)?.decorators.find((d) => d.startsWith('@allowed:'));
  return decorator ? [...decorator.matchAll(/'([^']+)'/g)].map((m) => m[1]) : [];
}

describe('main.bicep', () => {
  it('has balanced brackets and terminated strings', () => {
    expect(problems).toEqual([]);
  });

  it('declares every resource with a type and an API version', () => {
    for (const resource of resources) {
      expect(resource.type).toMatch(/^Microsoft\.[A-Za-z]+\/[A-Za-z/]+$/);
      expect(resource.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
    }
  });

  it('deploys the Azure Bot with Teams, Web Chat and Direct Line channels', () => {
    const types = resources.map((r) => r.type);
    expect(types).toContain('Microsoft.BotService/botServices');
    expect(code).toMatch(/kind: 'azurebot'/);
    for (const channel of ['MsTeamsChannel', 'WebChatChannel', 'DirectLineChannel']) {
      expect(code).toContain(`channelName: '${channel}'`);
    }
    // The three always there, and Facebook Messenger when facebookEnabled (below).
    expect(resources.filter((r) => r.type === 'Microsoft.BotService/botServices/channels').map((r) => r.symbol)).toEqual(['teamsChannel', 'webChatChannel', 'directLineChannel', 'facebookChannel']);
    expect(code).toContain("endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'");
    expect(code).toMatch(/msaAppType: microsoftAppType/);
    expect(code).toMatch(/msaAppTenantId: microsoftAppTenantId/);
  });

  it('deploys a Linux App Service plan scaled by instanceCount and a Web App for the container or Node 24', () => {
    const types = resources.map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(['Microsoft.Web/serverfarms', 'Microsoft.Web/sites']));
    expect(code).toMatch(/reserved: true/);
    expect(code).toMatch(/capacity: instanceCount/);
    expect(code).toContain("'DOCKER|${containerImage}'");
    expect(code).toContain("'NODE|24-lts'");
    expect(code).toContain("'node dist/bundle/start.js'");
  });

  it('makes the Web App HTTPS-only, always on, with /healthz as its health check', () => {
    expect(code).toMatch(/httpsOnly: true/);
    expect(code).toMatch(/alwaysOn: true/);
    expect(code).toMatch(/healthCheckPath: '\/healthz'/);
    expect(code).toMatch(/minTlsVersion: '1\.2'/);
  });

  it('deploys a Storage account with private containers for bot state, records and staff-published content', () => {
    const types = resources.map((r) => r.type);
    expect(types).toContain('Microsoft.Storage/storageAccounts');
    const containers = resources.filter((r) => r.type === 'Microsoft.Storage/storageAccounts/blobServices/containers');
    expect(containers.map((c) => c.symbol).sort()).toEqual(['contentContainer', 'recordsContainer', 'stateContainer']);
    expect(code).toMatch(/allowBlobPublicAccess: false/);
    expect(code.match(/publicAccess: 'None'/g)).toHaveLength(3);
  });

  it('keeps deleted and overwritten blobs restorable (soft delete, versioning) and purges old records by itself (issue 22)', () => {
    expect(code).toMatch(/isVersioningEnabled: true/);
    expect(code).toMatch(/deleteRetentionPolicy: \{\s*enabled: true\s*days: recoveryDays/);
    expect(code).toMatch(/containerDeleteRetentionPolicy: \{\s*enabled: true\s*days: recoveryDays/);
    expect(resources.map((r) => r.type)).toContain('Microsoft.Storage/storageAccounts/managementPolicies');
    expect(code).toMatch(/prefixMatch: \[ '\$\{recordsContainerName\}\/' \][\s\S]*?baseBlob: \{\s*delete: \{ daysAfterModificationGreaterThan: recordsRetentionDays \}/);
    expect(code).toMatch(/version: \{\s*delete: \{ daysAfterCreationGreaterThan: recoveryDays \}/);
    // The bot's texts name the same number of days the rule deletes after.
    expect(code).toMatch(/\{ name: 'RECORDS_RETENTION_DAYS', value: string\(recordsRetentionDays\) \}/);
  });

  it('declares the promised parameters, with the secrets marked @secure()', () => {
    for (const name of [
      'microsoftAppType',
      'microsoftAppId',
      'microsoftAppTenantId',
      'microsoftAppPassword',
      'microsoftAppPasswordSecretUri',
      'deployMode',
      'containerImage',
      'instanceCount',
      'storageAuth',
      'staffToken',
      'staffTokenAllowInProduction',
      'staffClientId',
      'staffTenantId',
      'staffClientSecretUri',
      'staffSessionSecretUri',
      'staffRedirectUri',
      'staffWebhookUrl',
      'dataDir',
      'stateContainerName',
      'recordsContainerName',
      'contentContainerName',
    ]) {
      expect([name, declared.has(name)]).toEqual([name, true]);
    }
    expect(declared.get('instanceCount')?.type).toBe('int');
    for (const secret of ['microsoftAppPassword', 'staffToken']) {
      expect(declared.get(secret)?.decorators).toContain('@secure()');
    }
  });

  it('offers SingleTenant and UserAssignedMSI app types, both of which config.ts accepts', () => {
    expect(allowedValues('microsoftAppType')).toEqual(['SingleTenant', 'UserAssignedMSI']);
    const configTypes = /MicrosoftAppType: oneOf\(\[([^\]]*)\]/.exec(configSource)?.[1] ?? '';
    for (const type of allowedValues('microsoftAppType')) expect(configTypes).toContain(`'${type}'`);
    expect(allowedValues('deployMode')).toEqual(['container', 'code']);
  });

  it('uses every parameter it declares', () => {
    for (const name of declared.keys()) {
      const uses = code.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
      expect([name, uses > 1]).toEqual([name, true]);
    }
  });

  it('sets the app settings the bot reads, under the names src/config.ts uses', () => {
    const botSettings = [
      'MicrosoftAppId',
      'MicrosoftAppType',
      'MicrosoftAppTenantId',
      'MicrosoftAppPassword',
      'STORAGE',
      'BLOB_CONNECTION_STRING',
      'BLOB_ACCOUNT_URL',
      'BLOB_CONTAINER',
      'RECORDS_STORAGE',
      'RECORDS_CONTAINER',
      'CONTENT_CONTAINER',
      'DATA_DIR',
      'STAFF_TOKEN',
      'STAFF_TOKEN_ALLOW_IN_PRODUCTION',
      'STAFF_TENANT_ID',
      'STAFF_CLIENT_ID',
      'STAFF_CLIENT_SECRET',
      'STAFF_SESSION_SECRET',
      'STAFF_REDIRECT_URI',
      'STAFF_WEBHOOK_URL',
      'LOG_LEVEL',
      'DIRECT_LINE_SECRET',
      'DIRECT_LINE_ENDPOINT',
      'WEBCHAT_ORIGINS',
    ];
    for (const name of botSettings) {
      expect([name, appSettings.includes(name)]).toEqual([name, true]);
      expect([name, configVariables.has(name)]).toEqual([name, true]);
    }
    expect(code).toContain("{ name: 'STORAGE', value: 'blob' }");
    // Records are shared by every instance, so they live in Blob storage too.
    expect(code).toContain("{ name: 'RECORDS_STORAGE', value: 'blob' }");
    // Anything else is for the platform.
    const platform = /^(NODE_ENV|WEBSITES_[A-Z_]+|SCM_[A-Z_]+)$/;
    for (const name of appSettings) expect([name, configVariables.has(name) || platform.test(name)]).toEqual([name, true]);
  });

  it('reaches storage with the Web App\'s managed identity by default, or with a connection string', () => {
    expect(allowedValues('storageAuth')).toEqual(['managedIdentity', 'connectionString']);
    expect(code).toMatch(/^param storageAuth string = 'managedIdentity'$/m);
    expect(code).toMatch(/^var useStorageIdentity = storageAuth == 'managedIdentity'$/m);
    // The Web App always has a system-assigned identity (with or without the bot's user-assigned one).
    expect(block('resource webApp ').match(/type: '[^']*SystemAssigned[^']*'/g)).toHaveLength(2);

    // managedIdentity: the account URL, never the key; connectionString: today's connection string.
    const settings = /^var storageSettings = useStorageIdentity \? \[([\s\S]*?)\] : \[([\s\S]*?)\]$/m.exec(code);
    expect(settings?.[1].trim()).toBe("{ name: 'BLOB_ACCOUNT_URL', value: storage.properties.primaryEndpoints.blob }");
    expect(settings?.[2].trim()).toBe("{ name: 'BLOB_CONNECTION_STRING', value: blobConnectionString }");
    expect(code).toMatch(/appSettings: concat\(commonSettings, storageSettings,/);
    // The key is read only for the connection string, and that is used only in its branch.
    expect(code.match(/listKeys\(/g)).toHaveLength(1);
    expect(code).toMatch(/^var blobConnectionString = .*listKeys\(/m);
    expect(code.match(/\bblobConnectionString\b/g)).toHaveLength(2);

    // ...and then the identity may read and write blobs: Storage Blob Data Contributor on the account.
    const assignment = resources.find((r) => r.symbol === 'blobDataContributor');
    expect(assignment?.type).toBe('Microsoft.Authorization/roleAssignments');
    const body = block('resource blobDataContributor ');
    expect(body).toMatch(/= if \(useStorageIdentity\) \{/);
    expect(body).toMatch(/scope: storage$/m);
    expect(body).toMatch(/roleDefinitionId: blobDataContributorRoleId$/m);
    expect(body).toMatch(/principalId: webApp\.identity\.principalId$/m);
    expect(body).toMatch(/principalType: 'ServicePrincipal'$/m);
    expect(code).toMatch(/^var blobDataContributorRoleId = subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'\)$/m);
  });

  it('takes the app secret from Key Vault or the secure parameter, never for a managed identity', () => {
    expect(code).toContain("'@Microsoft.KeyVault(SecretUri=${microsoftAppPasswordSecretUri})'");
    expect(code).toMatch(/var passwordSettings = isMsi \? \[\] :/);
  });

  it('adds an optional Facebook Messenger channel (issue 24): off by default, page and app from parameters, secrets @secure()', () => {
    expect(code).toMatch(/^param facebookEnabled bool = false$/m);
    const channel = block('resource facebookChannel ');
    expect(channel).toMatch(/^resource facebookChannel 'Microsoft\.BotService\/botServices\/channels@2022-09-15' = if \(facebookEnabled\) \{/);
    expect(channel).toMatch(/^ {2}parent: bot$/m);
    expect(channel).toContain("channelName: 'FacebookChannel'");
    // The resource's shape (learn.microsoft.com, Microsoft.BotService botServices/channels, FacebookChannel).
    expect(channel).toMatch(/appId: .*: facebookAppId$/m);
    expect(channel).toMatch(/appSecret: .*: facebookAppSecret$/m);
    expect(channel).toMatch(/pages: \[\s*\{\s*id: .*: facebookPageId\s*accessToken: .*: facebookPageAccessToken\s*\}\s*\]/);
    expect(channel).toMatch(/isEnabled: true/);
    for (const secret of ['facebookAppSecret', 'facebookPageAccessToken']) expect([secret, declared.get(secret)?.decorators]).toEqual([secret, expect.arrayContaining(['@secure()'])]);
    for (const plain of ['facebookPageId', 'facebookAppId', 'facebookAppSecretUri']) expect([plain, declared.get(plain)?.type]).toEqual([plain, 'string']);
    // Every fail() of the channel is behind facebookEnabled, so a deployment without Facebook never trips one.
    for (const line of channel.split('\n').filter((text) => text.includes('fail('))) expect(line).toMatch(/: facebookEnabled && empty\(/);
  });

  it('gives the bot FACEBOOK_APP_SECRET from Key Vault only when Facebook is on', () => {
    expect(configVariables.has('FACEBOOK_APP_SECRET')).toBe(true);
    const settings = /^var facebookSettings = facebookEnabled \? \[([\s\S]*?)\] : \[\]$/m.exec(code);
    expect(settings?.[1]).toContain("{ name: 'FACEBOOK_APP_SECRET', value: empty(facebookAppSecretUri) ? fail(");
    expect(settings?.[1]).toContain("'@Microsoft.KeyVault(SecretUri=${facebookAppSecretUri})'");
    expect(code).toMatch(/appSettings: concat\([^)]*\bfacebookSettings\b/);
  });

  it('outputs the data deletion URLs to enter in the Meta app, on the routes the server serves', () => {
    const callback = /^output facebookDataDeletionCallbackUrl string = facebookEnabled \? 'https:\/\/\$\{webApp\.properties\.defaultHostName\}([^']+)' : ''$/m.exec(code);
    const instructions = /^output facebookDataDeletionInstructionsUrl string = facebookEnabled \? 'https:\/\/\$\{webApp\.properties\.defaultHostName\}([^']+)' : ''$/m.exec(code);
    expect(callback?.[1]).toBe(FACEBOOK_DELETION_CALLBACK_PATH);
    expect(instructions?.[1]).toBe(FACEBOOK_DELETION_PATH);
  });

  it('has the promised outputs, none of them a secret', () => {
    expect(outputs.get('messagingEndpoint')).toBe('string');
    for (const name of ['botAppId', 'botName', 'webAppName', 'webAppUrl', 'storageAccountName']) {
      expect([name, outputs.has(name)]).toEqual([name, true]);
    }
    const outputLines = code.split('\n').filter((text) => text.startsWith('output '));
    for (const text of outputLines) expect(text).not.toMatch(/listKeys|Password|staffToken|Secret|ConnectionString/i);
  });
});

describe.each(['main.parameters.example.json', 'facebook.parameters.example.json'])('%s', (name) => {
  const file = JSON.parse(readFileSync(path.join(ROOT, 'deployment/azure', name), 'utf8')) as {
    $schema: string;
    parameters: Record<string, { value?: unknown; reference?: unknown }>;
  };

  it('is a valid deployment parameters file (ajv, tests/deployment/schemas) naming only parameters main.bicep declares', () => {
    const validate = new Ajv({ allErrors: true }).compile(
      JSON.parse(readFileSync(path.join(__dirname, 'schemas/deployment-parameters.schema.json'), 'utf8')) as object,
    );
    expect(validate(file) ? [] : validate.errors?.map((error) => `${error.instancePath} ${error.message}`)).toEqual([]);
    // The schema can fail: a parameter with both a value and a reference is refused.
    expect(validate({ ...file, parameters: { x: { value: 1, reference: {} } } })).toBe(false);
    for (const name of Object.keys(file.parameters)) expect([name, declared.has(name)]).toEqual([name, true]);
  });

  it('gives secure parameters only as Key Vault references', () => {
    for (const [name, entry] of Object.entries(file.parameters)) {
      if (declared.get(name)?.decorators.includes('@secure()')) {
        expect([name, entry.value]).toEqual([name, undefined]);
      }
    }
    if (name !== 'main.parameters.example.json') return;
    // The staff console's secrets are Key Vault references in the app settings, never values.
    expect(String(file.parameters.staffSessionSecretUri?.value)).toMatch(/^https:\/\/<your-vault>\.vault\.azure\.net\/secrets\//);
    expect(code).toContain("'@Microsoft.KeyVault(SecretUri=${staffSessionSecretUri})'");
  });
});

describe('facebook.parameters.example.json', () => {
  const file = JSON.parse(readFileSync(path.join(ROOT, 'deployment/azure/facebook.parameters.example.json'), 'utf8')) as {
    parameters: Record<string, { value?: unknown; reference?: { secretName?: string } }>;
  };

  it('turns the channel on with the page id and app id as values, the app secret and page token as Key Vault references', () => {
    expect(file.parameters.facebookEnabled?.value).toBe(true);
    expect(typeof file.parameters.facebookPageId?.value).toBe('string');
    expect(typeof file.parameters.facebookAppId?.value).toBe('string');
    expect(file.parameters.facebookAppSecret?.reference?.secretName).toBe('facebook-app-secret');
    expect(file.parameters.facebookPageAccessToken?.reference?.secretName).toBe('facebook-page-access-token');
    // The bot's FACEBOOK_APP_SECRET reads the same secret through the Web App's Key Vault reference.
    expect(file.parameters.facebookAppSecretUri?.value).toBe('https://<your-vault>.vault.azure.net/secrets/facebook-app-secret');
  });
});
