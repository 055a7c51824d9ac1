/**
 * Graceful shutdown on SIGTERM/SIGINT: stop accepting, let turns in flight
 * finish, run the close hooks (flush logs and records), exit 0. A second
 * signal, or hooks that hang, force the exit.
 */
import type { Logger } from 'pino';

export type CloseHook = { name: string; close: () => Promise<void> | void };

export interface ShutdownOptions {
  logger: Logger;
  /** Run in order: the HTTP server first, then whatever must be flushed. */
  hooks: CloseHook[];
  timeoutMs?: number;
  exit?: (code: number) => void;
}

export function installShutdown(options: ShutdownOptions, signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): () => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let shuttingDown: Promise<void> | undefined;

  const shutdown = (signal?: NodeJS.Signals): Promise<void> => {
    if (shuttingDown) {
      if (signal) {
        options.logger.warn({ signal }, 'second signal: exiting now');
        exit(1);
      }
      return shuttingDown;
    }
    options.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      options.logger.error('shutdown took too long: exiting');
      exit(1);
    }, options.timeoutMs ?? 15_000);
    force.unref();
    shuttingDown = (async () => {
      await runCloseHooks(options.hooks, options.logger);
      clearTimeout(force);
      options.logger.info('stopped');
      options.logger.flush();
      exit(0);
    })();
    return shuttingDown;
  };

  for (const signal of signals) process.on(signal, () => void shutdown(signal));
  return () => shutdown();
}

/** Every hook runs even when an earlier one fails: a failed flush must not keep records unflushed elsewhere. */
export async function runCloseHooks(hooks: CloseHook[], logger: Logger): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook.close();
    } catch (error) {
      logger.error({ err: error, hook: hook.name }, 'close hook failed');
    }
  }
}
