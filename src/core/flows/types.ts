/**
 * The types of a loaded guided flow, derived from the schema so the two never drift.
 */
import type { z } from 'zod';
import type { conditionSchema, flowSchema, offerSchema, outcomeSchema, stepSchema, defaultOutcomeSchema } from './schema';
import type { Lang } from '../language/lang';

export type { Lang };
export type Bilingual = Record<Lang, string>;

export type FlowFile = z.output<typeof flowSchema>;
export type Step = z.output<typeof stepSchema>;
export type StepKind = Step['kind'];
export type Condition = z.output<typeof conditionSchema>;
export type Offer = z.output<typeof offerSchema>;
export type RuleOutcome = z.output<typeof outcomeSchema>;
export type DefaultOutcome = z.output<typeof defaultOutcomeSchema>;
/** An outcome as the runtime sees it; the default simply has no rules and saves nothing. */
export type Outcome = RuleOutcome | DefaultOutcome;

export interface Flow extends FlowFile {
  /** The file the flow was loaded from, for error messages and staff tools. */
  location: { file: string };
}

export interface FlowSet {
  flows: Flow[];
  byId: Map<string, Flow>;
}

/** A normalised answer: text steps give text, choices their id, confirm a boolean, number a number. */
export type AnswerValue = string | number | boolean;
export type Answers = Record<string, AnswerValue>;

/** A problem found in a flow file, with the place to fix it. */
export interface FlowProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}
