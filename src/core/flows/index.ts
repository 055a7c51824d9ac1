/** Guided flows (dialogs/*.yaml): format, loader with file:line errors, and the pure step and outcome logic. */
export * from './types';
export { VALIDATOR_NAMES } from './schema';
export { loadFlows, checkFlows, buildFlows, readFlowFiles, FlowLoadError, formatProblem, type BuiltFlows, type Problem } from './loader';
export { parseFlowFile } from './parse-file';
export { validateAnswer, matchChoice, checkYesNo, MAX_TEXT_ANSWER, type AnswerCheck } from './answers';
export { validatePhone, validateEmail, validatePhoneOrEmail, validateName, validateNonEmpty, TEXT_VALIDATORS } from './validators';
export { VALIDATION_REASONS, type ValidationReason } from './reasons';
export { conditionHolds, outcomeMatches, chooseOutcome, savedKind } from './rules';
export { nextStep, findStep, acceptPrefill } from './progress';
export { fillPlaceholders, placeholdersIn } from './placeholders';
export { newReference, REFERENCE_ALPHABET, REFERENCE_PATTERN } from './reference';
