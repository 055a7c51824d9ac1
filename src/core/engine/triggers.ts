/**
 * Actions asked for in words: "Em muốn để lại số điện thoại để được tư vấn" asks to
 * leave a contact, not for PN's number. Each flow lists its trigger phrases in its
 * dialogs/*.yaml (`triggers`), compared in the one folded form; a question that only
 * mentions the topic has none of them and still gets the answer.
 */
import { containsPhrase, foldPhrase } from '../language/fold';
import { phraseOf, type Utterance } from '../language/utterance';
import type { FlowSet } from '../flows';

interface Trigger {
  flow: string;
  folded: string;
}

/**
 * The folded triggers of a flow set, folded once per content version (a reload makes a
 * new FlowSet) rather than on every message.
 */
const foldedTriggers = new WeakMap<FlowSet, Trigger[]>();

function triggersOf(flows: FlowSet): Trigger[] {
  let triggers = foldedTriggers.get(flows);
  if (!triggers) {
    triggers = flows.flows.flatMap((flow) =>
      [...(flow.triggers?.vi ?? []), ...(flow.triggers?.en ?? [])].map((phrase) => ({ flow: flow.id, folded: foldPhrase(phrase) })),
    );
    foldedTriggers.set(flows, triggers);
  }
  return triggers;
}

/** The flow whose longest trigger phrase the message contains, if any. */
export function flowAskedFor(message: string | Utterance, flows: FlowSet): string | undefined {
  const folded = phraseOf(message);
  let best: { flow: string; length: number } | undefined;
  for (const trigger of triggersOf(flows)) {
    if (containsPhrase(folded, trigger.folded) && trigger.folded.length > (best?.length ?? 0)) best = { flow: trigger.flow, length: trigger.folded.length };
  }
  return best?.flow;
}
