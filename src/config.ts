/**
 * Configuration from environment variables, validated once at start so a typo
 * stops the bot with a message naming the variable instead of failing mid-turn.
 */
import { z } from 'zod';
import type { BlobAccount } from './core/storage/blob-container';
import { DEFAULT_OFFICE_HOURS, parseOfficeHours } from './core/settings/office-hours';
import type { ContentSettings } from './core/settings/content-settings';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const wholeNumber = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const parsed = Number(value);
      if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    });

const withDefault = (fallback: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : fallback));

const oneOf = <T extends string>(values: readonly [T, ...T[]], fallback: T) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): T => {
      if (!value) return fallback;
      // Case-insensitive: "multitenant" in a .env file is an obvious intent, not an error.
      const match = values.find((allowed) => allowed.toLowerCase() === value.toLowerCase());
      if (!match) {
        ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}, got "${value}"` });
        return z.NEVER;
      }
      return match;
    });

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Settings the Bot Framework SDK reads for a cloud other than public Azure (ChannelService for
 * the US Government cloud; all of the URLs, issuer and scope for any other one, such as the
 * tests' local token issuer). Unset: public Azure, as before.
 */
export const BOT_FRAMEWORK_CLOUD_KEYS = [
  'ChannelService',
  'ValidateAuthority',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'OAuthUrl',
  'CallerId',
] as const;
export type BotFrameworkCloudKey = (typeof BOT_FRAMEWORK_CLOUD_KEYS)[number];

const envSchema = z.object({
  // 0 picks a free port (tests).
  PORT: wholeNumber(3978, 0, 65535),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: oneOf(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], 'MultiTenant'),
  MicrosoftAppTenantId: optionalText,
  // The Bot Framework SDK's own settings for another cloud (ConfigurationBotFrameworkAuthentication), passed on as set.
  ...(Object.fromEntries(BOT_FRAMEWORK_CLOUD_KEYS.map((key) => [key, optionalText])) as Record<BotFrameworkCloudKey, typeof optionalText>),
  KNOWLEDGE_DIR: withDefault('knowledge'),
  DIALOGS_DIR: withDefault('dialogs'),
  LOCALES_DIR: withDefault('locales'),
  // Compiled content by hash, so a restart with the same content does not train again; "off" for none.
  CONTENT_CACHE_DIR: withDefault('.cache/content'),
  DATA_DIR: withDefault('data'),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  STORAGE: oneOf(['memory', 'blob'], 'memory'),
  BLOB_CONNECTION_STRING: optionalText,
  BLOB_CONTAINER: withDefault('bot-state'),
  // Managed identity (issue 10): the account's URL instead of a connection string; @azure/identity finds the credential.
  BLOB_ACCOUNT_URL: optionalText.refine((value) => value === undefined || /^https?:\/\/[^\s/]+\/?$/i.test(value), {
    message: 'must be a Blob service URL such as https://myaccount.blob.core.windows.net',
  }),
  // Records follow STORAGE unless this says otherwise: jsonl (files under DATA_DIR) or blob.
  RECORDS_STORAGE: optionalText.refine((value) => value === undefined || ['jsonl', 'blob'].includes(value.toLowerCase()), {
    message: 'must be jsonl or blob',
  }),
  RECORDS_CONTAINER: withDefault('records'),
  // Staff-published content (issue 19): with STORAGE=blob, in this container, shared by every instance.
  CONTENT_CONTAINER: withDefault('content'),
  CONTENT_POLL_MS: wholeNumber(1000, 100, 60_000),
  STAFF_WEBHOOK_URL: optionalText.refine((value) => value === undefined || /^https?:\/\/\S+$/i.test(value), {
    message: 'must be an http(s) URL',
  }),
  // Staff console and scripts (issue 19). ADMIN_TOKEN is the older name of STAFF_TOKEN.
  STAFF_TOKEN: optionalText,
  ADMIN_TOKEN: optionalText,
  STAFF_TOKEN_ALLOW_IN_PRODUCTION: oneOf(['true', 'false'], 'false'),
  // Staff sign-in with Microsoft Entra ID (OpenID Connect). STAFF_OIDC_ISSUER defaults to the tenant's v2.0 issuer.
  STAFF_TENANT_ID: optionalText,
  STAFF_CLIENT_ID: optionalText,
  STAFF_CLIENT_SECRET: optionalText,
  STAFF_OIDC_ISSUER: optionalText.refine((value) => value === undefined || /^https?:\/\/\S+$/i.test(value), { message: 'must be an http(s) URL' }),
  STAFF_REDIRECT_URI: optionalText.refine((value) => value === undefined || /^https?:\/\/[^\s/]+\/\S*$/i.test(value), {
    message: 'must be the full URL of /staff/auth/callback, such as https://bot.example.org/staff/auth/callback',
  }),
  // Signs session cookies; the same value on every instance.
  STAFF_SESSION_SECRET: optionalText,
  MAX_MESSAGE_LENGTH: wholeNumber(2000, 1, 100_000),
  WATCH_CONTENT: oneOf(['true', 'false'], 'true'),
  HOST: optionalText,
  // Production Web Chat (src/server/directline-token.ts): the secret stays on the server.
  DIRECT_LINE_SECRET: optionalText,
  DIRECT_LINE_ENDPOINT: withDefault('https://directline.botframework.com').refine((value) => /^https?:\/\/[^\s/]+(\/\S*)?$/i.test(value), {
    message: 'must be an http(s) URL such as https://directline.botframework.com',
  }),
  WEBCHAT_ORIGINS: withDefault('').transform((value, ctx) => {
    const origins = value.split(',').map((origin) => origin.trim().replace(/\/$/, '')).filter(Boolean);
    const bad = origins.filter((origin) => !/^https?:\/\/[^\s/]+$/i.test(origin));
    if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `must be origins like https://www.example.org, separated by commas; got "${bad.join('", "')}"` });
    return origins;
  }),
  // Limits on what a client can send (issue 11: fast and hard to abuse).
  MAX_BODY_BYTES: wholeNumber(256 * 1024, 1024, 10 * 1024 * 1024),
  MAX_ACTIVITY_DEPTH: wholeNumber(32, 4, 1000),
  MAX_ACTIVITY_VALUES: wholeNumber(5000, 100, 1_000_000),
  RATE_LIMIT_CONVERSATION_PER_MINUTE: wholeNumber(30, 0, 1_000_000),
  // -1 (unset): 600 in local mode, off with an app id (see loadConfig).
  RATE_LIMIT_IP_PER_MINUTE: wholeNumber(-1, 0, 1_000_000),
  LOCAL_SERVICE_URLS: optionalText,
  MEMORY_STATE_MAX_ITEMS: wholeNumber(10_000, 10, 10_000_000),
  MEMORY_STATE_TTL_MINUTES: wholeNumber(24 * 60, 1, 365 * 24 * 60),
  // What the consent and hand-over texts tell users ({{officeHours}}, {{retentionDays}}, {{privacyUrl}}).
  OFFICE_HOURS: withDefault(DEFAULT_OFFICE_HOURS).transform((value, ctx) => {
    const parsed = parseOfficeHours(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed.hours;
  }),
  RECORDS_RETENTION_DAYS: wholeNumber(365, 1, 3650),
  PRIVACY_URL: withDefault('/privacy').refine((value) => /^(\/[^\s]*|https:\/\/\S+)$/.test(value), {
    message: 'must be a path like /privacy or an https:// address',
  }),
  // Issue 22: what is public, how long a slow client may hold a connection, how long records stay.
  METRICS_TOKEN: optionalText,
  SIGN_IN_MAX_FAILURES: wholeNumber(10, 0, 1_000_000),
  HEADERS_TIMEOUT_SECONDS: wholeNumber(10, 1, 600),
  REQUEST_TIMEOUT_SECONDS: wholeNumber(30, 1, 3600),
  KEEP_ALIVE_TIMEOUT_SECONDS: wholeNumber(5, 1, 600),
  // Facebook Messenger (issue 24): checks Meta's data deletion requests; a secret, never logged.
  FACEBOOK_APP_SECRET: optionalText,
  // The bot's public address, for links it hands out (the deletion status page); else the request's own host.
  PUBLIC_BASE_URL: optionalText.refine((value) => value === undefined || /^https?:\/\/[^\s/]+\/?$/i.test(value), {
    message: 'must be the address the bot is reached at, such as https://bot.example.org',
  }),
});

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  auth: {
    appId?: string;
    appPassword?: string;
    appType: AppType;
    tenantId?: string;
    /** The SDK's settings for another cloud that are set (BOT_FRAMEWORK_CLOUD_KEYS). */
    cloud?: Partial<Record<BotFrameworkCloudKey, string>>;
  };
  /** True when no app id is set: no Bot Framework auth, and the local Web Chat page is served. */
  localMode: boolean;
  knowledgeDir: string;
  dialogsDir: string;
  localesDir: string;
  /** Compiled content is kept here by hash (undefined: CONTENT_CACHE_DIR=off); with STORAGE=blob also in the state container. */
  contentCacheDir?: string;
  dataDir: string;
  logLevel: LogLevel;
  storage: { kind: 'memory' } | ({ kind: 'blob'; container: string } & BlobAccount);
  /**
   * Where published content versions live: files under dataDir/content with knowledge/ as the
   * live files (folder), or a Blob container every instance follows (blob, with STORAGE=blob).
   */
  content: { kind: 'folder' } | ({ kind: 'blob'; container: string } & BlobAccount);
  /** How often an instance looks at the live content pointer (Blob). */
  contentPollMs: number;
  /** Where records (leads, hand-overs, feedback, questions) go: files under dataDir, or a Blob container. */
  records: { kind: 'jsonl' } | ({ kind: 'blob'; container: string } & BlobAccount);
  staffWebhookUrl?: string;
  /** Bearer token for the staff API, the console's token sign-in and POST /admin/reload (STAFF_TOKEN, or the older ADMIN_TOKEN). */
  staffToken?: string;
  /** Staff sign-in: Entra ID when `oidc` is set; sessions signed with `sessionSecret`. */
  staff: StaffSignInConfig;
  maxMessageLength: number;
  /** Reload knowledge/, dialogs/ and locales/ when their files change. */
  watchContent: boolean;
  /** Address to listen on; local mode (no auth) defaults to this machine only. */
  host?: string;
  /** Production Web Chat: Direct Line token exchange, and the origins allowed to call it and embed the page. */
  directLine: { secret?: string; endpoint: string; allowedOrigins: string[] };
  limits: Limits;
  /** Memory state (STORAGE=memory) is bounded: least recently used first, and idle items expire. */
  memoryState: { maxItems: number; ttlMs: number };
  /** /metrics needs `Authorization: Bearer <metricsToken>`; without one it is served in local mode only. */
  metricsToken?: string;
  /** Office hours, how long records are kept, and where the privacy notice is: said in consent and hand-over texts. */
  contentSettings: ContentSettings;
  /** Facebook Messenger: the app secret that signs Meta's data deletion requests (the callback is off without it). */
  facebook: { appSecret?: string };
  /** PUBLIC_BASE_URL without a trailing slash: the address in links the bot hands out; undefined: the request's host. */
  publicBaseUrl?: string;
}

export interface StaffSignInConfig {
  oidc?: {
    issuer: string;
    /** The only tenant whose people may sign in (the `tid` claim). */
    tenantId: string;
    clientId: string;
    clientSecret: string;
    redirectUri: string;
  };
  /** Shared by every instance; undefined when neither STAFF_SESSION_SECRET nor a staff token is set. */
  sessionSecret?: string;
}

export interface Limits {
  /** Larger request bodies get 413. */
  maxBodyBytes: number;
  /** Activities nested deeper, or holding more values (object fields + array items), get 400 before they are parsed. */
  maxActivityDepth: number;
  maxActivityValues: number;
  /** Activities per conversation per minute (0 = no limit); beyond it the user is asked to slow down. */
  conversationPerMinute: number;
  /** Requests per client address per minute (0 = no limit); beyond it 429. */
  ipPerMinute: number;
  /** Local mode: service URLs (origins) the bot may send replies to; any other activity gets its replies in the HTTP response (expectReplies). */
  localServiceUrls: string[];
  /** Failed admin, metrics and staff sign-ins one address may make in 15 minutes before it gets 429 (0 = no limit). */
  signInMaxFailures: number;
  /** A client must send its headers within this (ms), and the whole request within requestTimeoutMs; an idle keep-alive connection closes after keepAliveTimeoutMs. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

/** Thrown when the environment is invalid; `message` names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Pure: builds a validated Config from an environment-like map (process.env in production). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const vars = parsed.data;
  const problems: string[] = [];

  if (vars.MicrosoftAppType === 'SingleTenant' && vars.MicrosoftAppId && !vars.MicrosoftAppTenantId) {
    problems.push('MicrosoftAppTenantId: is required when MicrosoftAppType is SingleTenant');
  }
  if (vars.MicrosoftAppType !== 'UserAssignedMSI' && vars.MicrosoftAppId && !vars.MicrosoftAppPassword) {
    problems.push(`MicrosoftAppPassword: is required when MicrosoftAppId is set (MicrosoftAppType ${vars.MicrosoftAppType})`);
  }
  if (!vars.MicrosoftAppId && vars.MicrosoftAppPassword) {
    problems.push('MicrosoftAppId: is empty but MicrosoftAppPassword is set; set both or neither');
  }
  const recordsKind = (vars.RECORDS_STORAGE?.toLowerCase() ?? (vars.STORAGE === 'blob' ? 'blob' : 'jsonl')) as 'jsonl' | 'blob';
  const account: BlobAccount | undefined = vars.BLOB_CONNECTION_STRING
    ? { connectionString: vars.BLOB_CONNECTION_STRING }
    : vars.BLOB_ACCOUNT_URL
      ? { accountUrl: vars.BLOB_ACCOUNT_URL.replace(/\/$/, '') }
      : undefined;
  if ((vars.STORAGE === 'blob' || recordsKind === 'blob') && !account) {
    const needs = vars.STORAGE === 'blob' ? 'STORAGE is blob' : 'RECORDS_STORAGE is blob';
    problems.push(`BLOB_CONNECTION_STRING: is required when ${needs} (or set BLOB_ACCOUNT_URL to use a managed identity)`);
  }
  const localServiceUrls = (vars.LOCAL_SERVICE_URLS ?? '').split(',').map((url) => url.trim()).filter(Boolean);
  for (const url of localServiceUrls) {
    if (!/^https?:\/\/[^/\s]+\/?$/i.test(url)) problems.push(`LOCAL_SERVICE_URLS: "${url}" must be an origin such as http://localhost:56150`);
  }
  const staffToken = vars.STAFF_TOKEN ?? vars.ADMIN_TOKEN;
  const staff = staffSignIn(vars, staffToken, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port: vars.PORT,
    auth: {
      appId: vars.MicrosoftAppId,
      appPassword: vars.MicrosoftAppPassword,
      appType: vars.MicrosoftAppType,
      tenantId: vars.MicrosoftAppTenantId,
      cloud: Object.fromEntries(BOT_FRAMEWORK_CLOUD_KEYS.flatMap((key) => (vars[key] ? [[key, vars[key]]] : []))),
    },
    localMode: !vars.MicrosoftAppId,
    knowledgeDir: vars.KNOWLEDGE_DIR,
    dialogsDir: vars.DIALOGS_DIR,
    localesDir: vars.LOCALES_DIR,
    contentCacheDir: vars.CONTENT_CACHE_DIR === 'off' ? undefined : vars.CONTENT_CACHE_DIR,
    dataDir: vars.DATA_DIR,
    logLevel: vars.LOG_LEVEL,
    storage: vars.STORAGE === 'blob' && account ? { kind: 'blob', container: vars.BLOB_CONTAINER, ...account } : { kind: 'memory' },
    content: vars.STORAGE === 'blob' && account ? { kind: 'blob', container: vars.CONTENT_CONTAINER, ...account } : { kind: 'folder' },
    contentPollMs: vars.CONTENT_POLL_MS,
    records: recordsKind === 'blob' && account ? { kind: 'blob', container: vars.RECORDS_CONTAINER, ...account } : { kind: 'jsonl' },
    staffWebhookUrl: vars.STAFF_WEBHOOK_URL,
    staffToken,
    staff,
    maxMessageLength: vars.MAX_MESSAGE_LENGTH,
    watchContent: vars.WATCH_CONTENT === 'true',
    // Without an app id anyone who can reach the port can chat as anyone: keep it on this machine unless asked.
    host: vars.HOST ?? (vars.MicrosoftAppId ? undefined : '127.0.0.1'),
    directLine: {
      secret: vars.DIRECT_LINE_SECRET,
      endpoint: vars.DIRECT_LINE_ENDPOINT.replace(/\/+$/, '').replace(/\/v3\/directline$/i, ''),
      allowedOrigins: vars.WEBCHAT_ORIGINS,
    },
    limits: {
      maxBodyBytes: vars.MAX_BODY_BYTES,
      maxActivityDepth: vars.MAX_ACTIVITY_DEPTH,
      maxActivityValues: vars.MAX_ACTIVITY_VALUES,
      conversationPerMinute: vars.RATE_LIMIT_CONVERSATION_PER_MINUTE,
      // Behind Azure Bot Service every request comes from a few Microsoft addresses: no per-address limit there by default.
      ipPerMinute: vars.RATE_LIMIT_IP_PER_MINUTE === -1 ? (vars.MicrosoftAppId ? 0 : 600) : vars.RATE_LIMIT_IP_PER_MINUTE,
      localServiceUrls: localServiceUrls.map((url) => new URL(url).origin),
      signInMaxFailures: vars.SIGN_IN_MAX_FAILURES,
      // Node wants the headers' deadline within the request's.
      headersTimeoutMs: Math.min(vars.HEADERS_TIMEOUT_SECONDS, vars.REQUEST_TIMEOUT_SECONDS) * 1000,
      requestTimeoutMs: vars.REQUEST_TIMEOUT_SECONDS * 1000,
      keepAliveTimeoutMs: vars.KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    },
    memoryState: { maxItems: vars.MEMORY_STATE_MAX_ITEMS, ttlMs: vars.MEMORY_STATE_TTL_MINUTES * 60_000 },
    metricsToken: vars.METRICS_TOKEN,
    contentSettings: { officeHours: vars.OFFICE_HOURS, retentionDays: vars.RECORDS_RETENTION_DAYS, privacyPath: vars.PRIVACY_URL },
    facebook: { appSecret: vars.FACEBOOK_APP_SECRET },
    publicBaseUrl: vars.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
  };
}

const MIN_SECRET_LENGTH = 32;

/** The staff token's rules and the Entra sign-in settings; adds to `problems` what is wrong. */
function staffSignIn(vars: z.infer<typeof envSchema>, staffToken: string | undefined, problems: string[]): StaffSignInConfig {
  const tokenName = vars.STAFF_TOKEN ? 'STAFF_TOKEN' : 'ADMIN_TOKEN';
  if (vars.STAFF_TOKEN && vars.ADMIN_TOKEN && vars.STAFF_TOKEN !== vars.ADMIN_TOKEN) {
    problems.push('ADMIN_TOKEN: is the older name of STAFF_TOKEN; set only STAFF_TOKEN');
  }
  if (staffToken && staffToken.length < MIN_SECRET_LENGTH) {
    problems.push(`${tokenName}: must be at least ${MIN_SECRET_LENGTH} characters (for example: openssl rand -base64 32)`);
  }
  // A shared token in production is nobody in the audit log: only when someone decides so.
  if (staffToken && vars.MicrosoftAppId && vars.STAFF_TOKEN_ALLOW_IN_PRODUCTION !== 'true') {
    problems.push(`${tokenName}: is refused when MicrosoftAppId is set (production); staff sign in with Entra ID there. Set STAFF_TOKEN_ALLOW_IN_PRODUCTION=true to allow it anyway`);
  }
  if (vars.STAFF_SESSION_SECRET && vars.STAFF_SESSION_SECRET.length < MIN_SECRET_LENGTH) {
    problems.push(`STAFF_SESSION_SECRET: must be at least ${MIN_SECRET_LENGTH} characters (for example: openssl rand -base64 48)`);
  }
  const oidcVars = { STAFF_CLIENT_ID: vars.STAFF_CLIENT_ID, STAFF_CLIENT_SECRET: vars.STAFF_CLIENT_SECRET, STAFF_TENANT_ID: vars.STAFF_TENANT_ID, STAFF_REDIRECT_URI: vars.STAFF_REDIRECT_URI };
  const given = Object.entries(oidcVars).filter(([, value]) => value !== undefined);
  if (given.length === 0) {
    if (vars.STAFF_OIDC_ISSUER) problems.push('STAFF_OIDC_ISSUER: is set but STAFF_CLIENT_ID is not; set the Entra sign-in settings together');
    return { sessionSecret: vars.STAFF_SESSION_SECRET ?? staffToken };
  }
  const missing = Object.entries(oidcVars).filter(([, value]) => value === undefined).map(([name]) => name);
  for (const name of missing) problems.push(`${name}: is required for staff sign-in with Entra ID (set with ${given.map(([other]) => other).join(', ')})`);
  if (!vars.STAFF_SESSION_SECRET) problems.push('STAFF_SESSION_SECRET: is required for staff sign-in with Entra ID (the same value on every instance)');
  if (missing.length > 0 || !vars.STAFF_SESSION_SECRET) return {};
  const tenantId = vars.STAFF_TENANT_ID as string;
  return {
    oidc: {
      issuer: vars.STAFF_OIDC_ISSUER ?? `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/v2.0`,
      tenantId,
      clientId: vars.STAFF_CLIENT_ID as string,
      clientSecret: vars.STAFF_CLIENT_SECRET as string,
      redirectUri: vars.STAFF_REDIRECT_URI as string,
    },
    sessionSecret: vars.STAFF_SESSION_SECRET,
  };
}
