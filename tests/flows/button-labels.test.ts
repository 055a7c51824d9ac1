/**
 * An answer that points at "the button below" must name it as the button reads: the
 * flow's `button` label, in the same language (the label says what the button does).
 */
import path from 'node:path';
import { foldPhrase } from '../../src/core/language/fold';
import { loadKnowledge } from '../../src/core/knowledge/loader';
import { LANGS } from '../../src/core/knowledge/types';
import { shippedFlows } from './helpers';

// Recognition of the phrase in the answers, folded; not shown to anyone.
const POINTS_AT_BUTTON = { vi: 'nut', en: 'button' } as const;

test('answers that mention the button name the flow button by its label', async () => {
  const flows = await shippedFlows();
  const kb = await loadKnowledge(path.join(__dirname, '../../knowledge'));
  const mismatches: string[] = [];
  let checked = 0;
  for (const entry of kb.kb.entries) {
    const flow = entry.flow ? flows.byId.get(entry.flow) : undefined;
    if (!flow) continue;
    for (const lang of LANGS) {
      const answer = foldPhrase(entry.answer[lang]);
      if (!answer.split(' ').includes(POINTS_AT_BUTTON[lang])) continue;
      checked += 1;
      const label = foldPhrase((flow.button ?? flow.title)[lang]);
      if (!answer.includes(label)) mismatches.push(`${entry.id} (${lang}) does not name "${(flow.button ?? flow.title)[lang]}"`);
    }
  }
  expect(checked).toBeGreaterThanOrEqual(2);
  expect(mismatches).toEqual([]);
});
