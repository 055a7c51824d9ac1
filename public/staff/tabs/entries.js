// Answers: search, read and change an entry (question, other ways to ask, answer in both
// languages, follow-ups, links, sources, reviewed, validUntil) through the content API;
// a preview of the answer as the chat shows it; a test pane that asks the draft a question;
// the answers students asking this one may get instead (confusable neighbours).
// Out-of-date answers first. Everything staff or students wrote is inserted as text.
import { changedSummary, changedTable, chatPreview, el, fill, findingsList, percent, uid } from './console-kit.js';

export default {
  id: 'entries',
  titleKey: 'shell.tabs.entries',
  role: 'Staff.Content',
  render,
};

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Why an entry needs a look, or null: its validity date passed, or nobody checked it for 12 months. */
export function staleness(entry, now = new Date()) {
  if (entry.validUntil && Date.parse(`${entry.validUntil}T23:59:59+07:00`) < now.getTime()) return 'expired';
  if (!entry.reviewed) return 'never';
  if (now.getTime() - Date.parse(entry.reviewed) > YEAR_MS) return 'unreviewed';
  return null;
}

const STALE_ORDER = { expired: 0, unreviewed: 1, never: 2 };

async function render(container, ctx) {
  const { t } = ctx;
  let entries = [];
  const listBox = el('div', { id: 'entries-list' });
  const search = el('input', { id: 'entries-search', type: 'search', autocomplete: 'off', 'aria-describedby': 'entries-search-help' });
  const countLine = el('p', { className: 'muted', id: 'entries-count' });
  const listView = el('div', {}, [
    el('h2', { text: t('entries.heading') }),
    el('p', { className: 'help', text: t('entries.intro') }),
    el('div', { className: 'field' }, [el('label', { for: search.id, text: t('entries.search') }), search, el('p', { className: 'help', id: 'entries-search-help', text: t('entries.searchHelp') })]),
    countLine,
    listBox,
  ]);
  const editorView = el('div', { id: 'entry-editor', hidden: true });
  fill(container, listView, editorView);

  function matches(entry, query) {
    if (!query) return true;
    const haystack = [entry.id, entry.question.vi, entry.question.en, entry.answer.vi, entry.answer.en, ...entry.alternates.vi, ...entry.alternates.en].join('\n').toLowerCase();
    return query
      .toLowerCase()
      .split(/\s+/)
      .every((word) => haystack.includes(word));
  }

  function renderList() {
    const query = search.value.trim();
    const shown = entries
      .filter((entry) => matches(entry, query))
      .map((entry) => ({ entry, stale: staleness(entry) }))
      .sort((a, b) => (STALE_ORDER[a.stale] ?? 9) - (STALE_ORDER[b.stale] ?? 9) || (a.entry.id < b.entry.id ? -1 : 1));
    countLine.textContent = t('entries.count', { count: shown.length });
    fill(listBox,
      el(
        'ul',
        { className: 'entry-list' },
        shown.map(({ entry, stale }) =>
          el('li', { className: stale ? 'entry-row stale' : 'entry-row' }, [
            el('button', { type: 'button', className: 'link entry-open', 'data-id': entry.id, text: entry.question[ctx.lang] || entry.id, on: { click: () => openEntry(entry.id) } }),
            el('span', { className: 'muted', text: ` ${entry.id}` }),
            stale ? el('span', { className: `chip stale-${stale}`, text: t(`entries.stale.${stale}`) }) : null,
          ]),
        ),
      ),
    );
  }

  async function loadList() {
    const result = await ctx.api('GET', '/staff/api/entries');
    if (result.status === 404) return ctx.setStatus(t('entries.unavailable'), true);
    if (result.status !== 200) return ctx.setStatus(ctx.errorText(result), true);
    entries = result.body.entries;
    renderList();
  }

  search.addEventListener('input', renderList);

  async function openEntry(id) {
    const result = await ctx.api('GET', `/staff/api/entries/${encodeURIComponent(id)}`);
    if (result.status !== 200) return ctx.setStatus(ctx.errorText(result), true);
    ctx.setStatus('');
    showEditor(result.body);
  }

  function textField(label, value, { multiline = false, lang, rows = 3, type } = {}) {
    const id = uid('entry-field');
    const input = multiline ? el('textarea', { id, rows: String(rows), lang }) : el('input', { id, type: type || 'text', lang });
    input.value = value ?? '';
    return { input, node: el('div', { className: 'field' }, [el('label', { for: id, text: label }), input]) };
  }

  function showEditor(entry) {
    const lines = (text) => text.split('\n').map((line) => line.trim()).filter(Boolean);
    const f = {
      questionVi: textField(`${t('entries.question')} (${t('entries.vi')})`, entry.question.vi, { lang: 'vi' }),
      questionEn: textField(`${t('entries.question')} (${t('entries.en')})`, entry.question.en, { lang: 'en' }),
      alternatesVi: textField(`${t('entries.alternates')} (${t('entries.vi')})`, entry.alternates.vi.join('\n'), { multiline: true, lang: 'vi', rows: 5 }),
      alternatesEn: textField(`${t('entries.alternates')} (${t('entries.en')})`, entry.alternates.en.join('\n'), { multiline: true, lang: 'en', rows: 5 }),
      answerVi: textField(`${t('entries.answer')} (${t('entries.vi')})`, entry.answer.vi, { multiline: true, lang: 'vi', rows: 8 }),
      answerEn: textField(`${t('entries.answer')} (${t('entries.en')})`, entry.answer.en, { multiline: true, lang: 'en', rows: 8 }),
      followUps: textField(t('entries.followUps'), entry.followUps.join('\n'), { multiline: true }),
      links: textField(t('entries.links'), entry.links.map((link) => `${link.title.vi} | ${link.title.en} | ${link.url}`).join('\n'), { multiline: true }),
      sources: textField(t('entries.sources'), entry.sources.join('\n'), { multiline: true }),
      reviewed: textField(t('entries.reviewed'), entry.reviewed, { type: 'date' }),
      validUntil: textField(t('entries.validUntil'), entry.validUntil, { type: 'date' }),
    };
    const draft = () => ({
      question: { vi: f.questionVi.input.value, en: f.questionEn.input.value },
      alternates: { vi: lines(f.alternatesVi.input.value), en: lines(f.alternatesEn.input.value) },
      answer: { vi: f.answerVi.input.value, en: f.answerEn.input.value },
      followUps: lines(f.followUps.input.value),
      links: lines(f.links.input.value).map((line) => {
        const [vi = '', en = '', url = ''] = line.split('|').map((part) => part.trim());
        return { title: { vi, en }, url };
      }),
      sources: lines(f.sources.input.value),
      reviewed: f.reviewed.input.value || null,
      validUntil: f.validUntil.input.value || null,
    });

    // The answer as students see it, in the chosen language, updated while typing.
    let previewLang = ctx.lang;
    const previewBox = el('div', { id: 'entry-preview' });
    const langSelect = el('select', { id: uid('preview-lang') }, ['vi', 'en'].map((lang) => el('option', { value: lang, text: t(`entries.${lang}`) })));
    langSelect.value = previewLang;
    const drawPreview = () => {
      const current = draft();
      const followUps = current.followUps.map((id) => entries.find((candidate) => candidate.id === id)?.question[previewLang] || id);
      const links = current.links.map((link) => link.title[previewLang] || link.url);
      fill(previewBox, chatPreview({ answer: current.answer[previewLang], buttons: [...followUps, ...links, '👍', '👎'], label: t('entries.previewHeading') }));
    };
    langSelect.addEventListener('change', () => {
      previewLang = langSelect.value;
      drawPreview();
    });
    for (const field of [f.answerVi, f.answerEn, f.followUps, f.links]) field.input.addEventListener('input', drawPreview);

    // The test pane: the draft decides a question, with the explanation of `npm run ask -- --explain`.
    const testInput = el('input', { id: uid('test-question'), type: 'text', autocomplete: 'off' });
    const testResult = el('div', { id: 'entry-test-result', 'aria-live': 'polite' });
    const runTest = async (event) => {
      event.preventDefault();
      if (!testInput.value.trim()) return;
      fill(testResult, el('p', { className: 'muted', text: t('entries.testing') }));
      const current = draft();
      const result = await ctx.api('POST', `/staff/api/entries/${encodeURIComponent(entry.id)}/test`, { text: testInput.value, draft: { question: current.question, alternates: current.alternates, answer: current.answer } });
      if (result.status !== 200) return fill(testResult, el('p', { className: 'notice error', text: ctx.errorText(result) }));
      fill(testResult, ...explanationNodes(result.body.explanation, t));
    };

    const neighboursBox = el('div', { id: 'entry-neighbours', 'aria-live': 'polite' });

    const changeBox = el('section', { id: 'entry-change', 'aria-live': 'polite' });
    const previewChange = async () => {
      ctx.setStatus(t('entries.previewing'));
      const result = await ctx.api('PUT', `/staff/api/entries/${encodeURIComponent(entry.id)}?dryRun=true`, draft());
      if (result.status !== 200) return ctx.setStatus(ctx.errorText(result), true);
      ctx.setStatus('');
      const preview = result.body;
      const publish = el('button', {
        type: 'button',
        className: 'primary',
        id: 'entry-publish',
        disabled: preview.blocked,
        text: preview.hasWarnings ? t('entries.publishWithWarnings') : t('entries.publish'),
        on: { click: () => publishChange(preview.hasWarnings, publish) },
      });
      fill(changeBox,
        el('h3', { text: t('entries.changedHeading') }),
        el('p', { text: changedSummary(preview.changedDecisions || [], t) }),
        preview.changedDecisions && preview.changedDecisions.length ? changedTable(preview.changedDecisions, t) : null,
        preview.findings.length ? findingsList(preview.findings, ctx.lang) : null,
        publish,
      );
    };
    const publishChange = async (acceptWarnings, button) => {
      button.disabled = true;
      const result = await ctx.api('PUT', `/staff/api/entries/${encodeURIComponent(entry.id)}`, { ...draft(), ...(acceptWarnings ? { acceptWarnings: true } : {}) }, { 'If-Match': `"${entry.version}"` });
      if (result.status === 200) {
        ctx.setStatus(t('entries.saved', { version: result.body.version }));
        fill(changeBox);
        await loadList();
        await openEntry(entry.id);
        return;
      }
      button.disabled = false;
      if (result.status === 409) {
        const live = result.body.conflicts && result.body.conflicts[0];
        ctx.setStatus(t('entries.conflict'), true);
        changeBox.append(
          el('h4', { text: t('entries.conflictLive') }),
          el('pre', { className: 'conflict', text: live ? live.liveText : '' }),
          el('button', { type: 'button', text: t('entries.reload'), on: { click: () => openEntry(entry.id) } }),
        );
        return;
      }
      if (result.status === 422 && Array.isArray(result.body.findings)) changeBox.append(findingsList(result.body.findings, ctx.lang));
      ctx.setStatus(ctx.errorText(result), true);
    };

    fill(editorView,
      el('button', { type: 'button', className: 'link', text: `← ${t('entries.back')}`, on: { click: closeEditor } }),
      el('h2', { id: 'entry-heading', tabindex: '-1', text: t('entries.editing', { id: entry.id }) }),
      el('p', { className: 'muted', text: t('entries.area', { area: entry.area, file: entry.file }) }),
      el('div', { className: 'editor-layout' }, [
        el('div', { className: 'editor-fields' }, [
          el('div', { className: 'two' }, [f.questionVi.node, f.questionEn.node]),
          el('div', { className: 'two' }, [f.alternatesVi.node, f.alternatesEn.node]),
          el('div', { className: 'two' }, [f.answerVi.node, f.answerEn.node]),
          f.followUps.node,
          f.links.node,
          f.sources.node,
          el('div', { className: 'two' }, [f.reviewed.node, f.validUntil.node]),
          el('div', { className: 'toolbar' }, [el('button', { type: 'button', className: 'primary', id: 'entry-preview-change', text: t('entries.save'), on: { click: previewChange } })]),
          changeBox,
        ]),
        el('div', { className: 'editor-side' }, [
          el('section', { 'aria-labelledby': 'entry-preview-heading' }, [
            el('h3', { id: 'entry-preview-heading', text: t('entries.previewHeading') }),
            el('div', { className: 'field' }, [el('label', { for: langSelect.id, text: t('entries.previewLang') }), langSelect]),
            previewBox,
          ]),
          el('section', { 'aria-labelledby': 'entry-test-heading' }, [
            el('h3', { id: 'entry-test-heading', text: t('entries.testHeading') }),
            el('p', { className: 'help', text: t('entries.testHelp') }),
            el('form', { id: 'entry-test', on: { submit: runTest } }, [
              el('div', { className: 'field' }, [el('label', { for: testInput.id, text: t('entries.testQuestion') }), testInput]),
              el('button', { type: 'submit', text: t('entries.testRun') }),
            ]),
            testResult,
          ]),
          el('section', { 'aria-labelledby': 'entry-neighbours-heading' }, [
            el('h3', { id: 'entry-neighbours-heading', text: t('entries.neighboursHeading') }),
            neighboursBox,
          ]),
        ]),
      ]),
    );
    drawPreview();
    showNeighbours(entry.id, neighboursBox);
    listView.hidden = true;
    editorView.hidden = false;
    editorView.querySelector('#entry-heading').focus();
  }

  // Worked out once per content version on the server: asked again every few seconds until ready, while the entry is open.
  async function showNeighbours(id, box, tries = 0) {
    const result = await ctx.api('GET', `/staff/api/entries/${encodeURIComponent(id)}/neighbours`);
    if (!box.isConnected || editorView.hidden) return;
    if (result.status === 202) {
      fill(box, el('p', { className: 'muted', text: t('entries.neighboursComputing') }));
      if (tries < 60) setTimeout(() => showNeighbours(id, box, tries + 1), 5000);
      return;
    }
    if (result.status !== 200) return fill(box, el('p', { className: 'notice error', text: ctx.errorText(result) }));
    const neighbours = result.body.neighbours;
    if (neighbours.length === 0) return fill(box, el('p', { className: 'help', text: t('entries.neighboursNone') }));
    fill(box,
      el(
        'ul',
        { className: 'neighbours' },
        neighbours.map((neighbour) =>
          el('li', { 'data-id': neighbour.id }, [
            el('span', { text: t('entries.neighbour', { entry: neighbour.question[ctx.lang] || neighbour.id, id: neighbour.id, count: neighbour.phrasings, total: neighbour.of }) }),
            ' ',
            el('button', { type: 'button', className: 'link', text: t('entries.neighbourOpen', { id: neighbour.id }), on: { click: () => openEntry(neighbour.id) } }),
          ]),
        ),
      ),
      el('p', { className: 'help', text: t('entries.neighboursHelp') }),
    );
  }

  function closeEditor() {
    editorView.hidden = true;
    listView.hidden = false;
  }

  await loadList();
}

/** The test pane's explanation, as `npm run ask -- --explain` prints it, in the staff member's language. */
function explanationNodes(x, t) {
  const decision =
    x.decision === 'answer' ? t('entries.decision.answer', { entry: x.entryId }) : x.decision === 'suggest' ? t('entries.decision.suggest', { entries: x.suggestions.join(', ') }) : t('entries.decision.fallback');
  return [
    el('p', { className: `decision decision-${x.decision}`, text: decision }),
    el('p', { className: 'help', text: t('entries.confidence', { confidence: percent(x.confidence), answer: percent(x.thresholds.answer), suggest: percent(x.thresholds.suggest) }) }),
    x.asked ? el('p', { className: 'help', text: t('entries.asked', { text: x.asked }) }) : null,
    el('p', { className: 'help', text: t('entries.lexical', { entry: x.lexicalTop || t('entries.nothing') }) }),
    el('p', { className: 'help', text: t('entries.unknown', { words: x.unknownWords.join(', ') || t('entries.none'), share: percent(x.unknownShare) }) }),
    el(
      'ol',
      { className: 'candidates' },
      x.candidates.map((candidate) =>
        el('li', {}, [
          el('strong', { text: t('entries.candidate', { entry: candidate.id, confidence: percent(candidate.confidence) }) }),
          el('span', { className: 'help', text: ` — ${t('entries.counted', { words: candidate.counted.map((word) => `${word.text} (+${word.value.toFixed(2)})`).join(', ') || t('entries.nothing') })}` }),
        ]),
      ),
    ),
  ];
}
