/** The conversation engine: one turn decided as data, then applied. */
export * from './types';
export { decideTurn, replyLanguageOutsideTurn } from './engine';
export { commitTurn, writeRecords, type AppliedTurn, type TurnPorts, type EngineLogger } from './apply';
export { runTurn, MAX_TURN_ATTEMPTS, type RunTurnDeps, type TurnOutcome } from './run-turn';
export { EngineStateRepo, conversationKey, userKey, type LoadedState } from './state-repo';
export { MID_FLOW_ANSWER_CONFIDENCE } from './flow-turn';
export { applyControls } from './controls';
export { botControlsSchema, officeHoursSchema, isSwitchedOff, NO_CONTROLS, type BotControls, type OfficeHours } from './controls-schema';
