/** A pino logger whose JSON lines land in an array, to assert on what the server logs. */
import pino, { type Logger } from 'pino';

export function capturingLogger(level: pino.LevelWithSilent = 'debug'): { logger: Logger; lines: string[]; records: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(line) });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
