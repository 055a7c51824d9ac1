/** The staff's safety net behind `npm run kb:check`: each check is a pure function returning findings. */
export * from './types';
export { checkContent, sortFindings, type CheckOptions, type CheckReport, type EntryNeighbours } from './run';
export { selfTestFindings } from './self-test';
export { findNearDuplicates, NEAR_DUPLICATE_MARGIN } from './near-duplicates';
export { findParityGaps, PARITY_RATIO } from './parity';
export { findStaleEntries, fullMonthsBetween, addMonths, MAX_REVIEW_AGE_MONTHS } from './freshness';
export { findSourceGaps, readSourceRegister, hostOf, hostBacked, type SourceRegister } from './sources';
export { syntaxFindings, syntaxKind, SYNTAX_KINDS, type SyntaxKind } from './syntax';
export { buildLocator, entryLocator, type LocatableFile } from './locate';
export { formatFinding, findingMessage, findingPlace, countFindings, summaryLine, type Counts } from './format';
export { chooseStaffLang, staffTranslator, readStaffStrings, staffLocalesDir, type StaffT } from './staff-strings';
export { findUnsafeAnswerLinks, isAllowedLinkTarget, markdownLinkTargets } from './answer-links';
export { findDatedText, datesIn, type DateMention } from './dated-text';
export { findStockPhrases, edgePhrases, STOCK_PHRASE_LIMIT } from './stock-phrases';
export { loadFinding, LOAD_CONTEXTS } from './load-messages';
