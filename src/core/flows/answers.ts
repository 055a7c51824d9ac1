/**
 * Checks what the user typed against the current step and normalises it:
 * the one place that decides whether a message answers the question.
 */
import { foldPhrase } from '../language/fold';
import { phraseOf, textOf, type Utterance } from '../language/utterance';
import type { ValidationReason } from './reasons';
import type { AnswerValue, Step } from './types';
import { TEXT_VALIDATORS } from './validators';

export type AnswerCheck =
  | { ok: true; value: AnswerValue }
  | { ok: false; reason: ValidationReason; params?: Record<string, number> };

/** Longest free-text answer kept; longer text is almost always a pasted question. */
export const MAX_TEXT_ANSWER = 500;

/** `answer`: the message read once by the engine, or a plain text (a button's value, a stored answer). */
export function validateAnswer(step: Step, answer: string | Utterance): AnswerCheck {
  const text = textOf(answer);
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  switch (step.kind) {
    case 'text':
      return checkText(step.validate ?? [], text);
    case 'choice':
      return checkChoice(step, answer);
    case 'confirm':
      return checkYesNo(answer);
    case 'number':
      return checkNumber(step, text);
  }
}

function checkText(validators: readonly (keyof typeof TEXT_VALIDATORS)[], text: string): AnswerCheck {
  if (text.trim().length > MAX_TEXT_ANSWER) return { ok: false, reason: 'tooLong', params: { max: MAX_TEXT_ANSWER } };
  let value = text.normalize('NFC').trim();
  for (const name of validators) {
    const checked = TEXT_VALIDATORS[name](value);
    if (!checked.ok) return checked;
    value = checked.value;
  }
  return { ok: true, value };
}

type ChoiceStep = Extract<Step, { kind: 'choice' }>;

/**
 * A choice is recognised by its id, its label or a synonym in either language
 * (compared without diacritics), by its number in the list, or when exactly one
 * choice's label appears as whole words inside a longer reply ("tôi ở miền Trung").
 * Its short title (the button Messenger shows) counts when typed as it is: a user
 * who types what the button says has chosen it.
 */
export function matchChoice(step: ChoiceStep, answer: string | Pick<Utterance, 'phrase'>): string | undefined {
  const folded = phraseOf(answer);
  if (folded === '') return undefined;
  const forms = step.choices.map((c) =>
    [c.id, c.label.vi, c.label.en, ...(c.synonyms?.vi ?? []), ...(c.synonyms?.en ?? [])].map(foldPhrase),
  );
  const exact = step.choices.find((c, i) => forms[i]?.includes(folded) || (c.short && [c.short.vi, c.short.en].map(foldPhrase).includes(folded)));
  if (exact) return exact.id;
  if (/^\d+$/.test(folded)) return step.choices[Number(folded) - 1]?.id;
  const padded = ` ${folded} `;
  const contained = step.choices.filter((_c, i) => forms[i]?.some((f) => f.length > 1 && padded.includes(` ${f} `)));
  return contained.length === 1 ? contained[0]?.id : undefined;
}

function checkChoice(step: ChoiceStep, answer: string | Utterance): AnswerCheck {
  const id = matchChoice(step, answer);
  return id === undefined ? { ok: false, reason: 'unknownChoice' } : { ok: true, value: id };
}

// Recognition vocabulary, not shown to users: how people say yes/no in a chat, folded.
// Hesitations ("um", "uh") are not a yes: this answers consent questions.
const YES = new Set(['yes', 'y', 'yeah', 'yep', 'ok', 'okay', 'sure', 'i agree', 'agree', 'co', 'u', 'vang', 'da', 'da co', 'dong y', 'toi dong y', 'duoc', 'dc', 'ok dong y', 'co dong y']);
const NO = new Set(['no', 'n', 'nope', 'no thanks', 'i do not agree', 'disagree', 'khong', 'ko', 'k', 'kh', 'khong dong y', 'toi khong dong y', 'tu choi', 'khong can', 'thoi khong']);

export function checkYesNo(answer: string | Pick<Utterance, 'phrase'>): AnswerCheck {
  const folded = phraseOf(answer);
  if (YES.has(folded)) return { ok: true, value: true };
  if (NO.has(folded)) return { ok: true, value: false };
  return { ok: false, reason: 'notYesNo' };
}

type NumberStep = Extract<Step, { kind: 'number' }>;

/** Takes the one number in the reply ("18", "18 tuổi", "I'm 18"); two numbers are ambiguous. */
function checkNumber(step: NumberStep, text: string): AnswerCheck {
  const numbers = text.match(/-?\d+(?:[.,]\d+)?/g) ?? [];
  if (numbers.length !== 1) return { ok: false, reason: 'notANumber' };
  const value = Number((numbers[0] as string).replace(',', '.'));
  if (!Number.isFinite(value)) return { ok: false, reason: 'notANumber' };
  if (step.integer !== false && !Number.isInteger(value)) return { ok: false, reason: 'notWholeNumber' };
  if (step.min !== undefined && value < step.min) return { ok: false, reason: 'tooSmall', params: { min: step.min } };
  if (step.max !== undefined && value > step.max) return { ok: false, reason: 'tooLarge', params: { max: step.max } };
  return { ok: true, value };
}
