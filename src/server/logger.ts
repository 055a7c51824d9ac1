/** Structured JSON logs on stdout (pino): Azure App Service and containers collect stdout. */
import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config';

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'pn-admissions-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
