/**
 * The engine honours the staff's controls (controls-schema.ts): the content a
 * turn decides with is narrowed before anything is decided, so no path (typed question,
 * "did you mean", a button from an older reply, an area's menu, a follow-up) can reach
 * an entry that is switched off.
 */
import type { Answerer, Decision, MatchContext } from '../knowledge/types';
import type { Utterance } from '../language/utterance';
import { isSwitchedOff, type BotControls } from './controls-schema';
import type { EngineContent } from './types';

export function applyControls(content: EngineContent): EngineContent {
  const controls = content.controls;
  if (!controls || (controls.disabledEntries.length === 0 && controls.disabledAreas.length === 0)) return content;
  return { ...content, answerer: controlledAnswerer(content.answerer, controls), entries: content.entries.filter((entry) => !isSwitchedOff(controls, entry)) };
}

function controlledAnswerer(answerer: Answerer, controls: BotControls): Answerer {
  const entry = (id: string) => {
    const found = answerer.entry(id);
    return found && !isSwitchedOff(controls, found) ? found : undefined;
  };
  return {
    entry,
    read: (text) => answerer.read(text),
    decide(message: string | Utterance, context?: MatchContext): Decision {
      const decision = answerer.decide(message, context);
      const candidates = decision.candidates.filter((candidate) => entry(candidate.id) !== undefined);
      const alsoAsked = decision.alsoAsked !== undefined && entry(decision.alsoAsked) ? decision.alsoAsked : undefined;
      const kept: Decision = { ...decision, candidates };
      if (alsoAsked === undefined) delete kept.alsoAsked;
      // An answer switched off is not replaced by the runner-up: the matcher was not sure of
      // it. The question goes to the fallback (and the inbox), with what is still on as candidates.
      if (decision.kind === 'answer' && decision.entry && !entry(decision.entry.id)) {
        const fallback: Decision = { ...kept, kind: 'fallback' };
        delete fallback.entry;
        return fallback;
      }
      if (decision.kind === 'suggest' && candidates.length === 0) return { ...kept, kind: 'fallback' };
      return kept;
    },
  };
}
