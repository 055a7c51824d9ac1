/** kb:check refuses links in answer Markdown that are not https, mailto or tel. */
import { findUnsafeAnswerLinks, isAllowedLinkTarget, markdownLinkTargets } from '../../src/core/knowledge/checks';
import { buildKnowledge } from '../../src/core/knowledge/loader';

test('link targets are read from inline links, autolinks and reference definitions', () => {
  const targets = markdownLinkTargets('See [PN](https://pn.org) or <mailto:a@b.org>.\n\n[ref]: javascript:alert(1)\n[x]( <tel:+84123> )');
  expect(new Set(targets)).toEqual(new Set(['https://pn.org', 'tel:+84123', 'mailto:a@b.org', 'javascript:alert(1)']));
});

test.each([
  ['https://www.passerellesnumeriques.org/', true],
  ['mailto:admissions@example.org', true],
  ['tel:+842363123456', true],
  ['http://example.org', false],
  ['javascript:alert(1)', false],
  ['JaVa\tScript:alert(1)', false],
  ['data:text/html,<b>x</b>', false],
  ['www.example.org', false],
  ['', false],
])('%s allowed: %s', (target, allowed) => {
  expect(isAllowedLinkTarget(target)).toBe(allowed);
});

test('an answer with a javascript: link is an error at the answer, in its language', () => {
  const text = `area: pn
entries:
  - id: pn.about
    question: { vi: "PN là gì?", en: "What is PN?" }
    alternates: { vi: ["pn la gi"], en: ["what is pn"] }
    answer:
      vi: "Xem [trang PN](https://pn.org)."
      en: "Click [here](javascript:alert(document.cookie))."
`;
  const { kb } = buildKnowledge([{ name: 'pn.yaml', display: 'knowledge/pn.yaml', text }]);
  const findings = findUnsafeAnswerLinks(kb, () => ({ file: 'knowledge/pn.yaml', line: 8 }));
  expect(findings).toEqual([{ severity: 'error', code: 'unsafeLink', file: 'knowledge/pn.yaml', line: 8, params: { id: 'pn.about', lang: 'en', url: 'javascript:alert(document.cookie' } }]);
});
