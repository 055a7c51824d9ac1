/**
 * Which question comes next: the first unanswered step whose `when` holds.
 * Answers known before the flow starts (a contact left earlier) are checked
 * like typed answers and skip their steps.
 */
import { validateAnswer } from './answers';
import { allHold } from './rules';
import type { AnswerValue, Answers, Flow, Step } from './types';

export function nextStep(flow: Pick<Flow, 'steps'>, answers: Readonly<Answers>): Step | undefined {
  return flow.steps.find((s) => answers[s.id] === undefined && allHold(s.when, answers));
}

export function findStep(flow: Pick<Flow, 'steps'>, id: string): Step | undefined {
  return flow.steps.find((s) => s.id === id);
}

/** Keeps the prefilled answers that are valid for their step; drops the rest silently. */
export function acceptPrefill(flow: Pick<Flow, 'steps'>, prefill: Readonly<Record<string, unknown>> | undefined): Answers {
  const answers: Answers = {};
  for (const step of flow.steps) {
    const value = prefill?.[step.id];
    const accepted = acceptValue(step, value);
    if (accepted !== undefined) answers[step.id] = accepted;
  }
  return answers;
}

function acceptValue(step: Step, value: unknown): AnswerValue | undefined {
  switch (step.kind) {
    case 'confirm':
      return typeof value === 'boolean' ? value : undefined;
    case 'number':
    case 'choice':
    case 'text': {
      if (typeof value !== 'string' && typeof value !== 'number') return undefined;
      const checked = validateAnswer(step, String(value));
      return checked.ok ? checked.value : undefined;
    }
  }
}
