/**
 * The shape of a guided-flow file (dialogs/*.yaml), checked field by field.
 * Cross-references between fields (a rule naming a step, a consent guard)
 * live in cross-checks.ts so this file reads as the format's reference.
 */
import { z } from 'zod';
import { shortTitleSchema } from '../yaml/short-title';

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const idMessage = 'ids start with a letter and use only letters, digits, "-" and "_"';

export const idSchema = z.string().regex(ID_PATTERN, idMessage);

const text = z.string().trim().min(1);

/** Every text the user sees exists in both languages. */
export const bilingualSchema = z.strictObject({ vi: text, en: text });

/**
 * A text about the person applying, with an optional wording for a parent answering about
 * their child: a step's question ("Cháu năm nay bao nhiêu tuổi?"), its help, an outcome.
 */
export const audienceTextSchema = z.strictObject({ vi: text, en: text, parent: z.strictObject({ vi: text.optional(), en: text.optional() }).optional() });
export const promptSchema = audienceTextSchema;


export const VALIDATOR_NAMES = ['phone', 'email', 'phoneOrEmail', 'name', 'nonEmpty'] as const;
const validatorName = z.enum(VALIDATOR_NAMES);

/** A rule condition is data: a step, an operator and a value. Nothing is evaluated as code. */
const conditionBase = { step: idSchema };
export const conditionSchema = z.discriminatedUnion('op', [
  z.strictObject({ ...conditionBase, op: z.literal('eq'), value: z.union([z.string(), z.number(), z.boolean()]) }),
  z.strictObject({ ...conditionBase, op: z.literal('in'), value: z.array(z.union([z.string(), z.number()])).min(1) }),
  z.strictObject({ ...conditionBase, op: z.enum(['lt', 'lte', 'gt', 'gte']), value: z.number() }),
  z.strictObject({ ...conditionBase, op: z.literal('between'), value: z.tuple([z.number(), z.number()]) }),
]);

const stepBase = {
  id: idSchema,
  prompt: promptSchema,
  /** Said when the user types "help" / "giúp" at this step. */
  help: audienceTextSchema.optional(),
  /** The step is asked only when all these hold (they may name earlier steps only). */
  when: z.array(conditionSchema).min(1).optional(),
  /** Keep the answer for later flows, only once an outcome saved a record (so with consent). */
  remember: z.boolean().optional(),
  /** Skip the step when an answer with this step id was kept earlier (see `remember`). */
  skipIfKnown: z.boolean().optional(),
};

const choiceSchema = z.strictObject({
  id: idSchema,
  label: bilingualSchema,
  /** Short button title (at most 20 characters, for Messenger's quick replies); kb:check reports a choice without one. */
  short: shortTitleSchema.optional(),
  /** Other words users type for this choice (matched without diacritics). */
  synonyms: z.strictObject({ vi: z.array(text).optional(), en: z.array(text).optional() }).optional(),
});

// A single validator name is accepted as a one-item list: staff write `validate: phone`.
const validatorList = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z.array(validatorName).min(1),
);

export const stepSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...stepBase, kind: z.literal('text'), validate: validatorList.optional() }),
  z.strictObject({ ...stepBase, kind: z.literal('choice'), choices: z.array(choiceSchema).min(2) }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('confirm'),
    /** Marks the yes/no question that allows storing personal data. */
    consent: z.boolean().optional(),
  }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    /** Whole numbers only unless set to false. */
    integer: z.boolean().optional(),
  }),
]);

export const offerSchema = z
  .strictObject({ entry: idLike(), flow: idSchema.optional(), label: bilingualSchema.optional() })
  .superRefine((o, ctx) => {
    if ((o.entry === undefined) === (o.flow === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'an offer names exactly one of "entry" (a knowledge-base id) or "flow" (a dialog id)' });
    }
  });

// Knowledge-base ids contain dots (pn.how-to-apply).
function idLike() {
  return z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'entry ids start with a letter and use letters, digits, ".", "-" and "_"')
    .optional();
}

export const RECORD_SAVE_KINDS = ['lead', 'handoff'] as const;

const outcomeFields = {
  id: idSchema,
  /** Why, in plain words. May use {{reference}} and {{<text or number step id>}}. */
  text: audienceTextSchema,
  /** What to do next. */
  next: audienceTextSchema.optional(),
  offer: z.array(offerSchema).optional(),
};

export const outcomeSchema = z.strictObject({
  ...outcomeFields,
  /** All of these must hold. */
  when: z.array(conditionSchema).min(1).optional(),
  /** At least one of these must hold (in addition to `when`). */
  whenAny: z.array(conditionSchema).min(1).optional(),
  /** Store the answers as a record of this kind (requires a consent step answered yes). */
  save: z.enum(RECORD_SAVE_KINDS).optional(),
  /** Also tell staff through the configured notification URL. */
  notify: z.boolean().optional(),
});

export const defaultOutcomeSchema = z.strictObject(outcomeFields);

export const flowSchema = z.strictObject({
  id: idSchema,
  title: bilingualSchema,
  /** A note for staff; never shown to users. */
  description: z.string().optional(),
  /** Sent once before the first question. */
  intro: bilingualSchema.optional(),
  /**
   * Label of a button that starts the flow, saying what it does ("Kiểm tra điều kiện");
   * the title is used when absent.
   */
  button: bilingualSchema.optional(),
  /** The start button's title where buttons are narrow (Messenger: at most 20 characters). */
  short: shortTitleSchema.optional(),
  /**
   * What users type to ask for this flow's action ("để lại số điện thoại", "check my
   * eligibility"): a message containing one of these as whole words starts the flow
   * instead of getting an answer. Compared without accents or punctuation.
   */
  triggers: z.strictObject({ vi: z.array(text).optional(), en: z.array(text).optional() }).optional(),
  steps: z.array(stepSchema).min(1),
  /** Checked in order; the first that matches wins. */
  outcomes: z.array(outcomeSchema),
  /** Used when no outcome matches. */
  default: defaultOutcomeSchema,
});
