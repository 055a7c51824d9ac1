/**
 * Outcome rules: conditions on answers, outcomes tried in order, first match wins,
 * the default when none does. A condition on an unanswered (skipped) step is false.
 */
import type { Answers, Condition, Flow, Outcome, RuleOutcome } from './types';

export function conditionHolds(c: Condition, answers: Readonly<Answers>): boolean {
  const answer = answers[c.step];
  if (answer === undefined) return false;
  switch (c.op) {
    case 'eq':
      return answer === c.value;
    case 'in':
      return (c.value as readonly unknown[]).includes(answer);
    case 'between':
      return typeof answer === 'number' && answer >= c.value[0] && answer <= c.value[1];
    case 'lt':
      return typeof answer === 'number' && answer < c.value;
    case 'lte':
      return typeof answer === 'number' && answer <= c.value;
    case 'gt':
      return typeof answer === 'number' && answer > c.value;
    case 'gte':
      return typeof answer === 'number' && answer >= c.value;
  }
}

export function allHold(conditions: readonly Condition[] | undefined, answers: Readonly<Answers>): boolean {
  return (conditions ?? []).every((c) => conditionHolds(c, answers));
}

export function outcomeMatches(o: RuleOutcome, answers: Readonly<Answers>): boolean {
  if (!o.when && !o.whenAny) return false;
  const anyHolds = !o.whenAny || o.whenAny.some((c) => conditionHolds(c, answers));
  return allHold(o.when, answers) && anyHolds;
}

export function chooseOutcome(flow: Pick<Flow, 'outcomes' | 'default'>, answers: Readonly<Answers>): Outcome {
  return flow.outcomes.find((o) => outcomeMatches(o, answers)) ?? flow.default;
}

/** True when the outcome stores a record; only rule outcomes (consent-guarded) can. */
export function savedKind(o: Outcome): RuleOutcome['save'] {
  return 'save' in o ? o.save : undefined;
}
