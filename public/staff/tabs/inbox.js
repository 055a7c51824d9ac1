// The inbox: the questions to look at, grouped, with what the bot does with each now.
// Staff select questions (one, a group, several groups) and choose: a way to ask an entry,
// off-topic, or dismiss. Alternate and off-topic open the change with its effect already
// computed; a second click publishes. Students' words are only ever text (textContent).
import { changedSummary, changedTable, el, fill, findingsList, percent, uid } from './console-kit.js';

export default {
  id: 'inbox',
  titleKey: 'shell.tabs.inbox',
  role: 'Staff.Content',
  render,
};

async function render(container, ctx) {
  const { t } = ctx;
  const selected = new Map(); // key -> { text, lang }
  let entries = [];

  const summary = el('p', { className: 'muted', id: 'inbox-summary' });
  const groupsBox = el('div', { className: 'inbox-groups', id: 'inbox-groups' });
  const count = el('span', { id: 'inbox-selected', text: t('inbox.selected', { count: 0 }), 'aria-live': 'polite' });
  const entryInput = el('input', { id: uid('inbox-entry'), list: 'inbox-entry-list', placeholder: t('inbox.entryPlaceholder'), autocomplete: 'off' });
  const entryList = el('datalist', { id: 'inbox-entry-list' });
  const previewBox = el('section', { className: 'inbox-preview', id: 'inbox-preview', hidden: true, 'aria-live': 'polite' });
  const answeredBox = el('section', { className: 'inbox-answered', id: 'inbox-answered', hidden: true });

  const actions = el('section', { className: 'inbox-actions', 'aria-labelledby': 'inbox-actions-heading' }, [
    el('h3', { id: 'inbox-actions-heading', text: t('inbox.actionsHeading') }),
    count,
    el('div', { className: 'field' }, [el('label', { for: entryInput.id, text: t('inbox.entryLabel') }), entryInput, entryList]),
    el('div', { className: 'toolbar' }, [
      el('button', { type: 'button', className: 'primary', id: 'inbox-alternate', text: t('inbox.makeAlternate'), on: { click: () => propose('alternate') } }),
      el('button', { type: 'button', id: 'inbox-offtopic', text: t('inbox.makeOffTopic'), on: { click: () => propose('offTopic') } }),
      el('button', { type: 'button', id: 'inbox-dismiss', text: t('inbox.dismiss'), on: { click: dismissSelected } }),
    ]),
  ]);

  fill(container,
    el('h2', { text: t('inbox.heading') }),
    el('p', { className: 'help', text: t('inbox.intro') }),
    el('div', { className: 'toolbar' }, [el('button', { type: 'button', id: 'inbox-refresh', text: t('inbox.refresh'), on: { click: load } }), summary]),
    el('div', { className: 'inbox-layout' }, [groupsBox, el('div', { className: 'inbox-side' }, [actions, previewBox, answeredBox])]),
  );

  const entryTitle = (id) => {
    const entry = entries.find((candidate) => candidate.id === id);
    return entry ? `${id} · ${entry.question[ctx.lang] || entry.question.vi}` : id;
  };

  /** An entry as staff know it: its question in their language, else its id. */
  const entryName = (id) => {
    const entry = entries.find((candidate) => candidate.id === id);
    return (entry && (entry.question[ctx.lang] || entry.question.vi)) || id;
  };

  function updateCount() {
    count.textContent = t('inbox.selected', { count: selected.size });
  }

  async function loadEntries() {
    const result = await ctx.api('GET', '/staff/api/entries');
    if (result.status === 200 && Array.isArray(result.body.entries)) entries = result.body.entries;
    fill(entryList, ...entries.map((entry) => el('option', { value: entry.id, label: entry.question[ctx.lang] || entry.id })));
  }

  async function load() {
    ctx.setStatus(t('inbox.loading'));
    selected.clear();
    updateCount();
    previewBox.hidden = true;
    const result = await ctx.api('GET', '/staff/api/inbox');
    if (result.status !== 200) {
      ctx.setStatus(ctx.errorText(result), true);
      return;
    }
    ctx.setStatus('');
    const { groups, questionsRead } = result.body;
    const questions = groups.reduce((sum, group) => sum + group.questions.length, 0);
    summary.textContent = t('inbox.summary', { groups: groups.length, questions, read: questionsRead });
    fill(groupsBox, ...(groups.length ? groups.map(renderGroup) : [el('p', { className: 'notice', text: t('inbox.empty') })]));
  }

  function nowText(now) {
    if (now.decision === 'answer') return t('inbox.now.answer', { entry: now.entryId, confidence: percent(now.confidence), margin: percent(now.margin) });
    if (now.decision === 'suggest') return t('inbox.now.suggest', { entries: now.candidates.slice(0, 3).join(', ') });
    return t('inbox.now.fallback');
  }

  function renderGroup(group, index) {
    const headingId = `inbox-group-${index}`;
    const boxes = [];
    const items = group.questions.map((question) => {
      const box = el('input', { type: 'checkbox', id: uid('inbox-q'), 'data-key': question.key });
      box.addEventListener('change', () => {
        if (box.checked) selected.set(question.key, { text: question.text, lang: question.lang });
        else selected.delete(question.key);
        updateCount();
      });
      boxes.push(box);
      return el('li', { className: 'inbox-question' }, [
        box,
        el('div', {}, [
          el('label', { for: box.id, className: 'question-text', text: question.text, lang: question.lang }),
          el('div', { className: 'chips' }, [
            ...question.reasons.map((reason) => el('span', { className: `chip reason-${reason}`, text: t(`inbox.reason.${reason}`) })),
            el('span', { className: 'chip', text: t('inbox.asked', { count: question.count }) }),
          ]),
          el('p', { className: 'help', text: `${t('inbox.nowLabel')} ${nowText(question.now)}${question.answeredWith ? ` · ${t('inbox.answeredWith', { entry: question.answeredWith })}` : ''}` }),
        ]),
      ]);
    });
    const all = el('input', { type: 'checkbox', id: uid('inbox-all') });
    all.addEventListener('change', () => {
      for (const box of boxes) {
        box.checked = all.checked;
        box.dispatchEvent(new Event('change'));
      }
    });
    const nearest = group.nearest.length
      ? el('div', { className: 'toolbar nearest' }, [
          el('span', { text: t('inbox.nearest') }),
          ...group.nearest.map((entry) =>
            el('button', {
              type: 'button',
              className: 'small',
              text: `${entryName(entry.id)} (${percent(entry.confidence)}%)`,
              title: entry.id,
              on: { click: () => (entryInput.value = entry.id) },
            }),
          ),
          el('button', { type: 'button', className: 'small link', text: t('inbox.showAnswered', { entry: entryName(group.nearest[0].id) }), on: { click: () => showAnswered(group.nearest[0].id) } }),
        ])
      : el('p', { className: 'muted', text: t('inbox.noNearest') });
    return el('article', { className: 'inbox-group card', 'aria-labelledby': headingId }, [
      el('div', { className: 'group-head' }, [
        el('h3', { id: headingId, text: t('inbox.groupSize', { count: group.size }) }),
        el('span', { className: 'select-all' }, [all, el('label', { for: all.id, text: t('inbox.selectGroup') })]),
      ]),
      nearest,
      el('ul', { className: 'inbox-questions' }, items),
    ]);
  }

  function chosen() {
    if (selected.size === 0) {
      ctx.setStatus(t('inbox.selectFirst'), true);
      return undefined;
    }
    return [...selected.values()];
  }

  async function dismissSelected() {
    const questions = chosen();
    if (!questions) return;
    const result = await ctx.api('POST', '/staff/api/inbox/dismiss', { texts: questions.map((question) => question.text) });
    if (result.status !== 200) return ctx.setStatus(ctx.errorText(result), true);
    await load();
    ctx.setStatus(t('inbox.dismissed', { count: result.body.dismissed }));
  }

  async function propose(kind, questionsOverride, entryOverride) {
    const questions = questionsOverride || chosen();
    if (!questions) return;
    const entryId = (entryOverride || entryInput.value).trim();
    if (kind === 'alternate' && !entryId) {
      ctx.setStatus(t('inbox.chooseEntry'), true);
      entryInput.focus();
      return;
    }
    const action = kind === 'alternate' ? { kind, entryId, questions } : { kind, questions };
    ctx.setStatus(t('inbox.previewing'));
    const result = await ctx.api('POST', '/staff/api/inbox/preview', { action });
    if (result.status === 404) return ctx.setStatus(t('inbox.unknownEntry', { id: entryId }), true);
    if (result.status !== 200) return ctx.setStatus(ctx.errorText(result), true);
    ctx.setStatus('');
    showPreview(action, result.body);
  }

  function showPreview(action, preview) {
    const title = action.kind === 'alternate' ? t('inbox.changeAlternate', { count: action.questions.length, entry: action.entryId }) : t('inbox.changeOffTopic', { count: action.questions.length });
    const publish = el('button', {
      type: 'button',
      className: 'primary',
      id: 'inbox-publish',
      text: preview.hasWarnings ? t('inbox.publishWithWarnings') : t('inbox.publish'),
      disabled: preview.blocked || !preview.publishable,
      on: { click: () => publishChange(action, preview, publish) },
    });
    fill(previewBox,
      el('h3', { id: 'inbox-preview-heading', tabindex: '-1', text: t('inbox.previewHeading') }),
      el('p', { className: 'change-title', text: title }),
      el('ul', { className: 'change-texts' }, action.questions.map((question) => el('li', { text: question.text, lang: question.lang }))),
      el('p', { id: 'inbox-preview-summary', text: changedSummary(preview.changedDecisions, t) }),
      preview.changedDecisions.length ? changedTable(preview.changedDecisions, t) : null,
      preview.findings.length ? el('h4', { text: t('inbox.findingsHeading') }) : null,
      preview.blocked ? el('p', { className: 'notice error', text: t('inbox.blocked') }) : preview.hasWarnings ? el('p', { className: 'notice', text: t('inbox.warningsNote') }) : null,
      preview.findings.length ? findingsList(preview.findings, ctx.lang) : null,
      preview.publishable ? null : el('p', { className: 'notice', text: t('inbox.publishUnavailable') }),
      el('div', { className: 'toolbar' }, [publish, el('button', { type: 'button', text: t('inbox.cancel'), on: { click: () => (previewBox.hidden = true) } })]),
    );
    previewBox.hidden = false;
    previewBox.querySelector('h3').focus();
  }

  async function publishChange(action, preview, button) {
    button.disabled = true;
    ctx.setStatus(t('inbox.publishing'));
    // The entries' versions the preview was made against: an edit made since is a conflict, not overwritten.
    const result = await ctx.api('POST', '/staff/api/inbox/publish', { action, ifMatch: preview.baseEntryVersions, acceptWarnings: preview.hasWarnings });
    if (result.status === 200) {
      previewBox.hidden = true;
      await load();
      ctx.setStatus(t('inbox.published', { version: result.body.version }));
      return;
    }
    button.disabled = false;
    if (result.status === 409) return ctx.setStatus(t('inbox.conflict'), true);
    if (result.status === 422) {
      ctx.setStatus(t('inbox.checksFailed'), true);
      if (Array.isArray(result.body.findings)) previewBox.append(findingsList(result.body.findings, ctx.lang));
      return;
    }
    if (result.status === 503) return ctx.setStatus(t('inbox.publishUnavailable'), true);
    ctx.setStatus(ctx.errorText(result), true);
  }

  /** "Questions answered with this entry", each with a way to move it to the right entry. */
  async function showAnswered(entryId) {
    const result = await ctx.api('GET', `/staff/api/entries/${encodeURIComponent(entryId)}/answered`);
    if (result.status !== 200) return ctx.setStatus(ctx.errorText(result), true);
    const rows = result.body.questions.map((question) => {
      const target = el('input', { id: uid('move'), list: 'inbox-entry-list', autocomplete: 'off', value: question.runnerUp || '' });
      return el('li', { className: 'answered-question' }, [
        el('p', { className: 'question-text', text: question.text, lang: question.lang }),
        el('p', { className: 'help', text: [question.margin !== undefined ? t('inbox.margin', { margin: percent(question.margin) }) : '', question.runnerUp ? t('inbox.runnerUp', { entry: question.runnerUp }) : '', t('inbox.asked', { count: question.count })].filter(Boolean).join(' · ') }),
        el('div', { className: 'toolbar' }, [
          el('label', { for: target.id, className: 'visually-hidden', text: t('inbox.moveLabel', { text: question.text }) }),
          target,
          el('button', { type: 'button', text: t('inbox.moveTo'), on: { click: () => propose('alternate', [{ text: question.text, lang: question.lang }], target.value) } }),
        ]),
      ]);
    });
    fill(answeredBox,
      el('h3', { text: t('inbox.answeredHeading', { entry: entryTitle(entryId) }) }),
      el('p', { className: 'help', text: t('inbox.answeredIntro') }),
      rows.length ? el('ul', { className: 'answered-list' }, rows) : el('p', { className: 'muted', text: t('inbox.answeredNone') }),
      el('button', { type: 'button', text: t('inbox.close'), on: { click: () => (answeredBox.hidden = true) } }),
    );
    answeredBox.hidden = false;
  }

  await loadEntries();
  await load();
}
