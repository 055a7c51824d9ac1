/**
 * Actions asked for in words: "Em muốn để lại số điện thoại để được tư vấn" asks to
 * leave a contact, not for PN's number. Each flow lists its trigger phrases in its
 * dialogs/*.yaml (`triggers`), compared in the one folded form; a question that only
 * mentions the topic has none of them and still gets the answer.
 */
import { containsPhrase, foldPhrase } from '../conversation/fold';
import type { FlowSet } from '../flows';

/** The flow whose longest trigger phrase the message contains, if any. */
export function flowAskedFor(text: string, flows: FlowSet): string | undefined {
  const folded = foldPhrase(text);
  let best: { flow: string; length: number } | undefined;
  for (const flow of flows.flows) {
    for (const phrase of [...(flow.triggers?.vi ?? []), ...(flow.triggers?.en ?? [])]) {
      const trigger = foldPhrase(phrase);
      if (containsPhrase(folded, trigger) && trigger.length > (best?.length ?? 0)) best = { flow: flow.id, length: trigger.length };
    }
  }
  return best?.flow;
}
