import { buildKnowledge } from '../../../src/core/knowledge/loader';
import { unknownFlowProblems } from '../../../src/core/knowledge/flow-links';

const kbWithFlow = (flow: string) =>
  buildKnowledge([
    {
      name: 'pn.yaml',
      display: 'knowledge/pn.yaml',
      text: `area: pn\nentries:\n  - id: pn.apply\n    question: { vi: "Đăng ký thế nào?", en: "How to apply?" }\n    alternates: { vi: ["dang ky"], en: ["apply"] }\n    answer: { vi: "a", en: "b" }\n    flow: ${flow}\n`,
    },
  ]).kb;

describe('flow links', () => {
  it('names the entry, the missing flow and the flows that exist', () => {
    expect(unknownFlowProblems(kbWithFlow('pn-eligibilty'), new Set(['pn-eligibility', 'contact']))).toEqual([
      { file: 'knowledge/pn.yaml', line: 3, column: 1, message: 'entry "pn.apply" offers the guided flow "pn-eligibilty", which is not in the dialogs folder (known flows: contact, pn-eligibility)' },
    ]);
  });

  it('accepts flows that exist', () => {
    expect(unknownFlowProblems(kbWithFlow('contact'), new Set(['pn-eligibility', 'contact']))).toEqual([]);
  });
});
