/**
 * The baseline for the HTTP benchmark: a bare echo bot on the same stack as the real
 * server (restify with the same body parser, the project's CloudAdapter with no app id)
 * and nothing else: no knowledge base, state, metrics or in-flight tracking. What the
 * full bot costs beyond this is what the benchmark reports.
 *
 * With ECHO_REUSE_CLIENTS=true it also reuses the Bot Framework's HTTP clients as the full
 * bot does (src/bot/reusing-authentication.ts, through src/bot/adapter.ts). The stock CloudAdapter builds two Azure HTTP
 * pipelines per activity, about a quarter of the plain echo's CPU; the full bot does not,
 * so against the plain echo it is credited with that saving. The second baseline shows
 * what the full bot's own work costs.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import pino from 'pino';
import restify, { type Request, type Response } from 'restify';
import { createAdapter } from '../src/bot/adapter';
import { createTranslator } from '../src/core/content/catalogue';

export interface EchoServer {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/** Same limit as src/server/server.ts. */
const MAX_BODY_BYTES = 1024 * 1024;

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(context.activity.text ?? '');
      await next();
    });
  }
}

export async function startEchoBot(port = 0, options: { reuseClients?: boolean } = {}): Promise<EchoServer> {
  const adapter = createAdapter({
    auth: { appType: 'MultiTenant' },
    logger: pino({ level: 'silent' }),
    // From the working directory, as the bot finds its content (LOCALES_DIR defaults to ./locales):
    // the benchmark runs this file compiled, from dist/bench-build.
    t: createTranslator(path.resolve('locales')),
  });
  const bot = new EchoBot();
  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES }));
  if (options.reuseClients) {
    // The full bot's path (src/server/messages-route.ts): authenticate, reuse the clients, process.
    server.post('/api/messages', async (req: Request, res: Response) => {
      const activity = req.body as Activity;
      const auth = await adapter.authenticate(activity, req.headers.authorization ?? '');
      const response = await adapter.process(auth, activity, (context) => bot.run(context));
      if (response?.body !== undefined) res.json(response.status ?? 200, response.body);
      else res.send(response?.status ?? 200);
    });
  } else {
    // The stock CloudAdapter, with the SDK's own authentication and clients.
    const stock = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppType: 'MultiTenant' }));
    stock.onTurnError = adapter.cloudAdapter.onTurnError;
    server.post('/api/messages', async (req: Request, res: Response) => {
      await stock.process(req, res, (context) => bot.run(context));
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.server.close(() => resolve());
        server.server.closeAllConnections();
      }),
  };
}

// Run on its own (bench/processes.ts starts it as a separate process): listens on PORT.
if (require.main === module) {
  startEchoBot(Number(process.env.PORT ?? 0), { reuseClients: process.env.ECHO_REUSE_CLIENTS === 'true' })
    .then((server) => {
      console.log(`echo bot listening on ${server.url}`);
      // Exit rather than die on the signal, so `node --cpu-prof` writes its profile (bench/profile.ts).
      process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
