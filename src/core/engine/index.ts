/** The conversation engine: one turn decided as data, then applied. */
export * from './types';
export { decideTurn } from './engine';
export { applyTurn, type AppliedTurn, type TurnPorts, type EngineLogger } from './apply';
export { MID_FLOW_ANSWER_CONFIDENCE } from './flow-turn';
