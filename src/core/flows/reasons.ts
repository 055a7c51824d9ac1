/**
 * Why an answer was refused. Each reason is an i18n key under `reason.` in
 * locales/flows/*.json, so the bot re-asks in the user's language.
 */
export const VALIDATION_REASONS = [
  'empty',
  'tooLong',
  'phone',
  'email',
  'phoneOrEmail',
  'name',
  'notANumber',
  'notWholeNumber',
  'tooSmall',
  'tooLarge',
  'unknownChoice',
  'notYesNo',
] as const;

export type ValidationReason = (typeof VALIDATION_REASONS)[number];
