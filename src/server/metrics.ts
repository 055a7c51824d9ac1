/**
 * Prometheus metrics at /metrics. One registry per server so tests can run
 * several servers in one process without "metric already registered" errors.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DecisionKind } from '../core/knowledge/types';

const KNOWN_ACTIVITY_TYPES = new Set(['message', 'conversationUpdate', 'invoke', 'event', 'typing', 'messageReaction']);

export interface BotMetrics {
  registry: Registry;
  turns: Counter<'activity_type'>;
  decisions: Counter<'kind'>;
  turnDuration: Histogram<'activity_type'>;
  errors: Counter<'source'>;
}

export function createMetrics(): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    turns: new Counter({
      name: 'bot_turns_total',
      help: 'Activities received on /api/messages, by activity type',
      labelNames: ['activity_type'],
      registers: [registry],
    }),
    decisions: new Counter({
      name: 'bot_decisions_total',
      help: 'Knowledge-base replies sent, by decision (answer, suggest, fallback)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    turnDuration: new Histogram({
      name: 'bot_turn_duration_seconds',
      help: 'Time to process one activity on /api/messages, including the reply',
      labelNames: ['activity_type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'bot_errors_total',
      help: 'Failed turns and failed requests, by where they failed',
      labelNames: ['source'],
      registers: [registry],
    }),
  };
}

/** Keeps label values to a fixed set whatever a client sends. */
export function activityTypeLabel(type: unknown): string {
  return typeof type === 'string' && KNOWN_ACTIVITY_TYPES.has(type) ? type : 'other';
}

export function countDecision(metrics: BotMetrics, kind: DecisionKind): void {
  metrics.decisions.inc({ kind });
}

/**
 * bot_neighbours_total{outcome}: the staff console's confusable neighbours, by how each
 * knowledge version got them: `cross_validated` here, `read` from the compiled-content
 * store (kb:check or another instance worked them out), `failed` (the worker failed or died).
 */
export function countNeighbours(metrics: BotMetrics, counts: { crossValidated: number; read: number; failed: number }): void {
  new Counter({
    name: 'bot_neighbours_total',
    help: "Confusable neighbours of a knowledge version for the staff console, by outcome: cross_validated here, read from the store, failed",
    labelNames: ['outcome'],
    registers: [metrics.registry],
    collect() {
      this.reset();
      this.inc({ outcome: 'cross_validated' }, counts.crossValidated);
      this.inc({ outcome: 'read' }, counts.read);
      this.inc({ outcome: 'failed' }, counts.failed);
    },
  });
}
