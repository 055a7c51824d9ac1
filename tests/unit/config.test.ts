/** Configuration from the environment: defaults, modes, and errors that name the variable. */
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('keeps compiled content in the folder CONTENT_CACHE_DIR names, or nowhere when it is off', () => {
    expect(loadConfig({ CONTENT_CACHE_DIR: '/var/cache/bot' }).contentCacheDir).toBe('/var/cache/bot');
    expect(loadConfig({ CONTENT_CACHE_DIR: 'off' }).contentCacheDir).toBeUndefined();
  });

  it('gives the documented defaults for an empty environment (local mode, memory storage)', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      port: 3978,
      auth: { appId: undefined, appPassword: undefined, appType: 'MultiTenant', tenantId: undefined, cloud: {} },
      localMode: true,
      knowledgeDir: 'knowledge',
      dialogsDir: 'dialogs',
      localesDir: 'locales',
      content: { kind: 'folder' },
      contentCacheDir: '.cache/content',
      contentPollMs: 1000,
      dataDir: 'data',
      logLevel: 'info',
      storage: { kind: 'memory' },
      records: { kind: 'jsonl' },
      staffWebhookUrl: undefined,
      staffToken: undefined,
      staff: { sessionSecret: undefined },
      maxMessageLength: 2000,
      watchContent: true,
      host: '127.0.0.1',
      directLine: { secret: undefined, endpoint: 'https://directline.botframework.com', allowedOrigins: [] },
      limits: {
        maxBodyBytes: 262144,
        maxActivityDepth: 32,
        maxActivityValues: 5000,
        conversationPerMinute: 30,
        ipPerMinute: 600,
        localServiceUrls: [],
        signInMaxFailures: 10,
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 5_000,
      },
      memoryState: { maxItems: 10000, ttlMs: 24 * 60 * 60_000 },
      contentSettings: { officeHours: { days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' }, retentionDays: 365, privacyPath: '/privacy' },
      facebook: { appSecret: undefined },
    });
  });

  it('reads the Facebook app secret and the public address (issue 24), refusing an address that is not one', () => {
    expect(loadConfig({ FACEBOOK_APP_SECRET: ' fb-secret ' }).facebook).toEqual({ appSecret: 'fb-secret' });
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://bot.example.org/' }).publicBaseUrl).toBe('https://bot.example.org');
    expect(loadConfig({}).publicBaseUrl).toBeUndefined();
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'bot.example.org' })).toThrow(/PUBLIC_BASE_URL: must be the address/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'https://bot.example.org/path' })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('limits: per-address limit off by default with an app id (Bot Service posts from a few addresses), settable, and service URLs must be origins', () => {
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' }).limits.ipPerMinute).toBe(0);
    expect(loadConfig({ RATE_LIMIT_IP_PER_MINUTE: '50' }).limits.ipPerMinute).toBe(50);
    expect(loadConfig({ RATE_LIMIT_CONVERSATION_PER_MINUTE: '0' }).limits.conversationPerMinute).toBe(0);
    expect(loadConfig({ LOCAL_SERVICE_URLS: 'http://localhost:56150, https://example.test/' }).limits.localServiceUrls).toEqual(['http://localhost:56150', 'https://example.test']);
    expect(() => loadConfig({ LOCAL_SERVICE_URLS: 'http://localhost:56150/path' })).toThrow(/LOCAL_SERVICE_URLS: .* must be an origin/);
    expect(() => loadConfig({ MAX_BODY_BYTES: '10' })).toThrow(/MAX_BODY_BYTES: must be a whole number from 1024/);
    expect(loadConfig({ MEMORY_STATE_MAX_ITEMS: '500', MEMORY_STATE_TTL_MINUTES: '30' }).memoryState).toEqual({ maxItems: 500, ttlMs: 30 * 60_000 });
  });

  it('listens on this machine only in local mode, on every interface with auth, or where HOST says', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' }).host).toBeUndefined();
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('turns the content watcher off with WATCH_CONTENT=false and rejects other values by name', () => {
    expect(loadConfig({ WATCH_CONTENT: 'false' }).watchContent).toBe(false);
    expect(() => loadConfig({ WATCH_CONTENT: 'sometimes' })).toThrow(/WATCH_CONTENT: must be one of true, false/);
  });

  it('treats empty strings as unset (an empty line in .env)', () => {
    expect(loadConfig({ PORT: '', MicrosoftAppId: '', LOG_LEVEL: ' ' })).toMatchObject({
      port: 3978,
      localMode: true,
      logLevel: 'info',
    });
  });

  it('turns auth on when an app id is set', () => {
    const config = loadConfig({
      MicrosoftAppId: 'app-id',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'singletenant',
      MicrosoftAppTenantId: 'tenant',
    });
    expect(config.localMode).toBe(false);
    expect(config.auth).toEqual({ appId: 'app-id', appPassword: 'secret', appType: 'SingleTenant', tenantId: 'tenant', cloud: {} });
  });

  it('reads blob storage, port, message length and the optional settings', () => {
    const config = loadConfig({
      PORT: '8080',
      STORAGE: 'blob',
      BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      STAFF_WEBHOOK_URL: 'https://example.org/hook',
      ADMIN_TOKEN: 'an-admin-token-of-at-least-32-characters',
      MAX_MESSAGE_LENGTH: '500',
      LOG_LEVEL: 'debug',
    });
    expect(config.port).toBe(8080);
    expect(config.storage).toEqual({ kind: 'blob', connectionString: 'UseDevelopmentStorage=true', container: 'bot-state' });
    // Records follow STORAGE unless RECORDS_STORAGE says otherwise.
    expect(config.records).toEqual({ kind: 'blob', connectionString: 'UseDevelopmentStorage=true', container: 'records' });
    expect(config.staffWebhookUrl).toBe('https://example.org/hook');
    // ADMIN_TOKEN is the older name of STAFF_TOKEN.
    expect(config.staffToken).toBe('an-admin-token-of-at-least-32-characters');
    expect(config.maxMessageLength).toBe(500);
    expect(config.logLevel).toBe('debug');
  });

  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
    throw new Error('expected a ConfigError');
  };

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ MAX_MESSAGE_LENGTH: '0' }, 'MAX_MESSAGE_LENGTH'],
    [{ MAX_MESSAGE_LENGTH: '1.5' }, 'MAX_MESSAGE_LENGTH'],
    [{ MicrosoftAppType: 'Tenantless' }, 'MicrosoftAppType'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ STORAGE: 'disk' }, 'STORAGE'],
    [{ STORAGE: 'blob' }, 'BLOB_CONNECTION_STRING'],
    [{ RECORDS_STORAGE: 'blob' }, 'BLOB_CONNECTION_STRING'],
    [{ RECORDS_STORAGE: 'sql' }, 'RECORDS_STORAGE'],
    [{ STORAGE: 'blob', BLOB_ACCOUNT_URL: 'not a url' }, 'BLOB_ACCOUNT_URL'],
    [{ STAFF_WEBHOOK_URL: 'not a url' }, 'STAFF_WEBHOOK_URL'],
    [{ MicrosoftAppId: 'app-id' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppPassword: 'secret' }, 'MicrosoftAppId'],
    [{ MicrosoftAppId: 'id', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
  ])('rejects %j naming %s', (env, variable) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(`${variable}:`)).toBe(true);
  });

  it('lists every bad variable at once, in a message a person can act on', () => {
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).toContain('Invalid configuration');
      expect((error as Error).message).toContain('PORT: must be a whole number from 0 to 65535, got "abc"');
      expect((error as Error).message).toContain('LOG_LEVEL: must be one of');
    }
  });

  it('lets a managed identity run without a password', () => {
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMSI' }).auth.appType).toBe('UserAssignedMSI');
  });
});

describe('Blob account and records store', () => {
  it('uses a managed identity when only the account URL is given, for state and records', () => {
    const config = loadConfig({ STORAGE: 'blob', BLOB_ACCOUNT_URL: 'https://pnbot.blob.core.windows.net/' });
    expect(config.storage).toEqual({ kind: 'blob', accountUrl: 'https://pnbot.blob.core.windows.net', container: 'bot-state' });
    expect(config.records).toEqual({ kind: 'blob', accountUrl: 'https://pnbot.blob.core.windows.net', container: 'records' });
  });

  it('keeps records in files when RECORDS_STORAGE says so, even with Blob state', () => {
    const config = loadConfig({ STORAGE: 'blob', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true', RECORDS_STORAGE: 'jsonl' });
    expect(config.records).toEqual({ kind: 'jsonl' });
  });

  it('puts records in Blob with memory state when asked', () => {
    const config = loadConfig({ RECORDS_STORAGE: 'BLOB', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true', RECORDS_CONTAINER: 'leads' });
    expect(config.storage).toEqual({ kind: 'memory' });
    expect(config.records).toEqual({ kind: 'blob', connectionString: 'UseDevelopmentStorage=true', container: 'leads' });
  });

  it('reads office hours, retention and the privacy address, and names a bad office-hours setting', () => {
    const config = loadConfig({ OFFICE_HOURS: 'mon-sat 7:30-11:30', RECORDS_RETENTION_DAYS: '180', PRIVACY_URL: 'https://example.org/privacy' });
    expect(config.contentSettings).toEqual({ officeHours: { days: [1, 2, 3, 4, 5, 6], open: '07:30', close: '11:30' }, retentionDays: 180, privacyPath: 'https://example.org/privacy' });
    expect(() => loadConfig({ OFFICE_HOURS: 'weekdays 9-5' })).toThrow(/OFFICE_HOURS: .*Mon-Fri 08:00-17:00/);
    expect(() => loadConfig({ OFFICE_HOURS: 'Mon-Fri 17:00-08:00' })).toThrow(/OFFICE_HOURS: the closing time/);
    expect(() => loadConfig({ PRIVACY_URL: 'http://example.org/privacy' })).toThrow(/PRIVACY_URL/);
  });
});

describe('staff sign-in settings', () => {
  const TOKEN = 'x'.repeat(32);
  const SECRET = 's'.repeat(40);
  const ENTRA = {
    STAFF_TENANT_ID: '11111111-2222-3333-4444-555555555555',
    STAFF_CLIENT_ID: 'client',
    STAFF_CLIENT_SECRET: 'client-secret',
    STAFF_REDIRECT_URI: 'https://bot.example.org/staff/auth/callback',
    STAFF_SESSION_SECRET: SECRET,
  };
  const problems = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('takes STAFF_TOKEN of at least 32 characters, and signs token sessions with it when no session secret is set', () => {
    expect(loadConfig({ STAFF_TOKEN: TOKEN })).toMatchObject({ staffToken: TOKEN, staff: { sessionSecret: TOKEN } });
    expect(problems({ STAFF_TOKEN: 'short' })).toEqual([expect.stringMatching(/^STAFF_TOKEN: must be at least 32/)]);
    expect(problems({ ADMIN_TOKEN: 'short' })).toEqual([expect.stringMatching(/^ADMIN_TOKEN: must be at least 32/)]);
    expect(problems({ STAFF_TOKEN: TOKEN, ADMIN_TOKEN: 'y'.repeat(32) })).toEqual([expect.stringMatching(/^ADMIN_TOKEN: is the older name/)]);
  });

  it('refuses a staff token in production (an app id) unless STAFF_TOKEN_ALLOW_IN_PRODUCTION=true', () => {
    const production = { MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' };
    expect(problems({ ...production, STAFF_TOKEN: TOKEN })).toEqual([expect.stringMatching(/^STAFF_TOKEN: is refused when MicrosoftAppId is set/)]);
    expect(problems({ ...production, ADMIN_TOKEN: TOKEN })).toEqual([expect.stringMatching(/^ADMIN_TOKEN: is refused/)]);
    expect(loadConfig({ ...production, STAFF_TOKEN: TOKEN, STAFF_TOKEN_ALLOW_IN_PRODUCTION: 'true' }).staffToken).toBe(TOKEN);
  });

  it('builds the Entra settings with the tenant v2.0 issuer, or names what is missing', () => {
    expect(loadConfig(ENTRA).staff).toEqual({
      oidc: {
        issuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
        tenantId: ENTRA.STAFF_TENANT_ID,
        clientId: 'client',
        clientSecret: 'client-secret',
        redirectUri: ENTRA.STAFF_REDIRECT_URI,
      },
      sessionSecret: SECRET,
    });
    expect(loadConfig({ ...ENTRA, STAFF_OIDC_ISSUER: 'http://127.0.0.1:4000' }).staff.oidc?.issuer).toBe('http://127.0.0.1:4000');
    expect(problems({ STAFF_CLIENT_ID: 'client' }).map((problem) => problem.split(':')[0]).sort()).toEqual(
      ['STAFF_CLIENT_SECRET', 'STAFF_REDIRECT_URI', 'STAFF_SESSION_SECRET', 'STAFF_TENANT_ID'].sort(),
    );
    expect(problems({ ...ENTRA, STAFF_SESSION_SECRET: 'short' })).toEqual([expect.stringMatching(/^STAFF_SESSION_SECRET: must be at least 32/)]);
    expect(problems({ ...ENTRA, STAFF_REDIRECT_URI: 'not a url' })).toEqual([expect.stringMatching(/^STAFF_REDIRECT_URI:/)]);
  });
});

describe('the Bot Framework SDK settings for another cloud', () => {
  it('passes on only those that are set, as the SDK names them', () => {
    expect(loadConfig({}).auth.cloud).toEqual({});
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', ChannelService: 'https://botframework.azure.us', ToBotFromChannelTokenIssuer: '', OAuthUrl: 'https://oauth.example' });
    expect(config.auth.cloud).toEqual({ ChannelService: 'https://botframework.azure.us', OAuthUrl: 'https://oauth.example' });
  });
});
