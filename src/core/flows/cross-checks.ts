/**
 * Checks that need the whole flow: rules name real steps and real choices, ids are
 * unique, placeholders exist, and no outcome can store data without consent.
 * Runs after the schema passed, so the structure is known to be right.
 */
import { placeholdersIn } from './placeholders';
import { SETTING_PLACEHOLDERS } from '../settings/content-settings';
import type { Condition, FlowFile, Outcome, Step } from './types';

export type IssuePath = (string | number)[];
export interface FlowIssue {
  path: IssuePath;
  message: string;
}

export function crossCheckFlow(flow: FlowFile): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const add = (path: IssuePath, message: string): void => {
    issues.push({ path, message });
  };

  checkUniqueIds(flow.steps.map((s) => s.id), ['steps'], 'step', add);
  const earlier = new Map<string, Step>();
  flow.steps.forEach((step, i) => {
    const path = ['steps', i];
    if (step.kind === 'choice') checkUniqueIds(step.choices.map((c) => c.id), [...path, 'choices'], 'choice', add);
    if (step.kind === 'number' && step.min !== undefined && step.max !== undefined && step.min > step.max) {
      add([...path, 'min'], `min (${step.min}) is larger than max (${step.max})`);
    }
    step.when?.forEach((c, j) => checkCondition(c, [...path, 'when', j], earlier, 'asked before this step', add));
    checkTexts(step.prompt, [...path, 'prompt'], earlier, false, add);
    if (step.help) checkTexts(step.help, [...path, 'help'], earlier, false, add);
    earlier.set(step.id, step);
  });

  const all = earlier;
  const outcomeIds = [...flow.outcomes.map((o) => o.id), flow.default.id];
  checkUniqueIds(outcomeIds, ['outcomes'], 'outcome', add, flow.outcomes.length);
  flow.outcomes.forEach((outcome, i) => {
    const path = ['outcomes', i];
    if (!outcome.when && !outcome.whenAny) {
      add(path, 'this outcome has no rule ("when" or "whenAny"); an outcome that always applies belongs under "default"');
    }
    outcome.when?.forEach((c, j) => checkCondition(c, [...path, 'when', j], all, 'in this flow', add));
    outcome.whenAny?.forEach((c, j) => checkCondition(c, [...path, 'whenAny', j], all, 'in this flow', add));
    if (outcome.save) checkConsentGuard(outcome.when ?? [], flow.steps, path, add);
    if (outcome.notify && !outcome.save) {
      add([...path, 'notify'], '"notify" sends the stored record to staff, so it needs "save" too');
    }
    checkOutcomeTexts(outcome, path, all, Boolean(outcome.save), add);
  });
  checkOutcomeTexts(flow.default, ['default'], all, false, add);
  return issues;
}

type Add = (path: IssuePath, message: string) => void;

function checkUniqueIds(ids: string[], base: IssuePath, what: string, add: Add, limit = ids.length): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) {
      const path = i < limit ? [...base, i, 'id'] : ['default', 'id'];
      add(path, `the ${what} id "${id}" is used twice; each ${what} needs its own id`);
    }
    seen.add(id);
  });
}

function checkCondition(c: Condition, path: IssuePath, steps: Map<string, Step>, scope: string, add: Add): void {
  const step = steps.get(c.step);
  if (!step) {
    const known = [...steps.keys()].join(', ') || '(none)';
    add([...path, 'step'], `"${c.step}" is not a step ${scope}; steps you can use: ${known}`);
    return;
  }
  const valuePath = [...path, 'value'];
  switch (step.kind) {
    case 'text':
      add([...path, 'step'], `rules cannot use "${step.id}": it is a free-text step; use a choice, confirm or number step`);
      return;
    case 'confirm':
      if (c.op !== 'eq' || typeof c.value !== 'boolean') {
        add(path, `"${step.id}" is a yes/no question: write op: eq with value: true or value: false`);
      }
      return;
    case 'choice': {
      if (c.op !== 'eq' && c.op !== 'in') {
        add([...path, 'op'], `"${step.id}" is a choice step: use op: eq or op: in with choice ids`);
        return;
      }
      const ids = step.choices.map((ch) => ch.id);
      const values = c.op === 'eq' ? [c.value] : c.value;
      for (const v of values) {
        if (typeof v !== 'string' || !ids.includes(v)) {
          add(valuePath, `${JSON.stringify(v)} is not a choice of step "${step.id}"; its choices are: ${ids.join(', ')}`);
        }
      }
      return;
    }
    case 'number': {
      const values = c.op === 'in' ? c.value : c.op === 'between' ? c.value : [c.value];
      if (values.some((v) => typeof v !== 'number')) {
        add(valuePath, `"${step.id}" is a number step: compare it with numbers`);
      } else if (c.op === 'between' && c.value[0] > c.value[1]) {
        add(valuePath, `between needs the smaller number first: [${c.value[1]}, ${c.value[0]}]`);
      }
      return;
    }
  }
}

function checkConsentGuard(when: Condition[], steps: Step[], path: IssuePath, add: Add): void {
  const consentSteps = steps.filter((s) => s.kind === 'confirm' && s.consent);
  const guarded = when.some(
    (c) => c.op === 'eq' && c.value === true && consentSteps.some((s) => s.id === c.step),
  );
  if (guarded) return;
  if (consentSteps.length === 0) {
    add([...path, 'save'], 'saving data needs a yes/no step with "consent: true" that asks the user first');
  } else {
    const id = consentSteps[0]?.id ?? 'consent';
    add([...path, 'save'], `an outcome that saves data must require consent: add "- { step: ${id}, op: eq, value: true }" to its "when"`);
  }
}

function checkOutcomeTexts(o: Outcome, path: IssuePath, steps: Map<string, Step>, saves: boolean, add: Add): void {
  checkTexts(o.text, [...path, 'text'], steps, saves, add);
  if (o.next) checkTexts(o.next, [...path, 'next'], steps, saves, add);
}

function checkTexts(
  texts: Record<'vi' | 'en', string> & { parent?: Partial<Record<'vi' | 'en', string>> },
  path: IssuePath,
  steps: Map<string, Step>,
  hasReference: boolean,
  add: Add,
): void {
  // A parent's wording may use the same placeholders as the text it stands for.
  if (texts.parent) checkTexts({ vi: texts.parent.vi ?? '', en: texts.parent.en ?? '' }, [...path, 'parent'], steps, hasReference, add);
  for (const lang of ['vi', 'en'] as const) {
    for (const name of placeholdersIn(texts[lang])) {
      // Settings (office hours, retention, the privacy notice) are the same in every flow.
      if ((SETTING_PLACEHOLDERS as readonly string[]).includes(name)) continue;
      if (name === 'reference') {
        if (!hasReference) add([...path, lang], '{{reference}} exists only in an outcome that saves a record ("save")');
        continue;
      }
      const step = steps.get(name);
      if (!step) {
        add([...path, lang], `{{${name}}} is not an earlier step of this flow`);
      } else if (step.kind !== 'text' && step.kind !== 'number') {
        add([...path, lang], `{{${name}}} names a ${step.kind} step; only text and number answers can be shown in a text`);
      }
    }
  }
}
