// History (role Staff.Content): every content version with who, when and what changed,
// its diff, undo to any earlier version, and the files a redeploy and staff both changed
// (a three-way view to settle). Every text (diffs hold students' questions) is inserted
// with textContent only.
import { el } from './console-kit.js';

function formatTime(iso, lang) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}

/** A unified diff as lines, each marked added / removed by its class (never as markup). */
function diffView(patch, label) {
  const pre = el('pre', { className: 'diff', 'aria-label': label, tabindex: '0' });
  for (const line of String(patch).split('\n')) {
    if (line.startsWith('Index:') || line.startsWith('====')) continue;
    const kind = line.startsWith('+') && !line.startsWith('+++') ? 'added' : line.startsWith('-') && !line.startsWith('---') ? 'removed' : 'same';
    pre.append(el('span', { className: `diff-${kind}`, text: `${line}\n` }));
  }
  return pre;
}

/** The findings of a refused publish, in the staff member's language. */
function findingsList(body, lang) {
  const list = el('ul', { className: 'findings' });
  for (const finding of (body && body.findings) || []) {
    list.append(el('li', { text: `${finding.place || finding.file}: ${(finding.message && finding.message[lang]) || finding.code}` }));
  }
  return list;
}

export default {
  id: 'history',
  titleKey: 'shell.tabs.history',
  role: 'Staff.Content',
  async render(container, ctx) {
    const { t, api, lang } = ctx;
    const say = (text, isError) => (ctx.setStatus ? ctx.setStatus(text, isError) : undefined);
    const errorText = (result) => {
      const key = result && result.body && result.body.error;
      const own = key ? t(`publish.error.${key}`) : '';
      if (own && own !== `publish.error.${key}`) return own;
      return ctx.errorText ? ctx.errorText(result) : t('publish.error.unknown', { status: result.status });
    };
    const conflictsBox = el('section', { className: 'conflicts', 'aria-labelledby': 'history-conflicts-heading' });
    const list = el('div', { className: 'table-wrap' });
    const detail = el('section', { className: 'history-detail', 'aria-live': 'polite' });
    const refresh = el('button', { type: 'button', id: 'history-refresh', text: t('history.refresh') });
    container.replaceChildren(el('h2', { text: t('history.heading') }), el('p', { className: 'help', text: t('history.intro') }), el('div', { className: 'toolbar' }, [refresh]), conflictsBox, list, detail);

    const kindText = (kind) => t(`history.kind.${kind}`);
    const actorText = (actor) => (actor === 'image' || actor === 'files' || actor === 'token' ? t(`history.actor.${actor}`) : actor);

    async function showDiff(version) {
      const result = await api('GET', `/staff/api/history/${encodeURIComponent(version.id)}`);
      if (result.status !== 200) return say(errorText(result), true);
      const files = result.body.diff || [];
      detail.replaceChildren(
        el('h3', { text: t('history.diffOf', { version: version.id, time: formatTime(version.createdAt, lang) }) }),
        ...(files.length === 0 ? [el('p', { text: t('history.noDiff') })] : files.map((file) => diffView(file.patch, t('history.diffLabel', { file: file.file })))),
      );
    }

    async function undo(version, acceptWarnings = false) {
      if (!acceptWarnings && !window.confirm(t('history.confirmUndo', { time: formatTime(version.createdAt, lang) }))) return;
      const result = await api('POST', `/staff/api/history/${encodeURIComponent(version.id)}/undo`, acceptWarnings ? { acceptWarnings: true } : {});
      if (result.status === 200) {
        say(result.body.unchanged ? t('history.alreadyLive') : t('history.undone', { version: result.body.version }));
        return load();
      }
      if (result.status === 422 && result.body.error === 'warnings_not_accepted') {
        const accept = el('button', { type: 'button', className: 'primary', text: t('publish.acceptWarnings') });
        accept.addEventListener('click', () => undo(version, true));
        detail.replaceChildren(el('p', { text: t('publish.warnings') }), findingsList(result.body, lang), accept);
        return undefined;
      }
      say(errorText(result), true);
      if (result.status === 422) detail.replaceChildren(el('p', { text: t('publish.refused') }), findingsList(result.body, lang));
      return undefined;
    }

    async function resolve(conflict, take) {
      const result = await api('POST', '/staff/api/conflicts/resolve', { file: conflict.file, take });
      if (result.status !== 200) {
        say(errorText(result), true);
        if (result.status === 422) detail.replaceChildren(findingsList(result.body, lang));
        return;
      }
      say(t('conflict.resolved', { file: conflict.file }));
      await load();
    }

    async function loadConflicts() {
      const result = await api('GET', '/staff/api/conflicts');
      const conflicts = result.status === 200 ? result.body.conflicts || [] : [];
      if (conflicts.length === 0) {
        conflictsBox.replaceChildren();
        return;
      }
      conflictsBox.replaceChildren(el('h3', { id: 'history-conflicts-heading', text: t('conflict.heading', { count: conflicts.length }) }), el('p', { className: 'help', text: t('conflict.intro') }));
      for (const conflict of conflicts) {
        const keep = el('button', { type: 'button', text: t('conflict.keepLive') });
        const take = el('button', { type: 'button', className: 'danger', text: t('conflict.takeImage') });
        keep.addEventListener('click', () => resolve(conflict, 'live'));
        take.addEventListener('click', () => resolve(conflict, 'image'));
        conflictsBox.append(
          el('article', { className: 'conflict' }, [
            el('h4', { text: conflict.file }),
            el('p', { text: t('conflict.staffSide') }),
            diffView(conflict.staffDiff, t('conflict.staffSide')),
            el('p', { text: t('conflict.imageSide') }),
            diffView(conflict.imageDiff, t('conflict.imageSide')),
            el('div', { className: 'toolbar' }, [keep, take]),
          ]),
        );
      }
    }

    async function load() {
      say(t('shell.loading'));
      const result = await api('GET', '/staff/api/history');
      if (result.status !== 200) return say(errorText(result), true);
      const versions = result.body.versions || [];
      const table = el('table', {}, [
        el('caption', { text: t('history.caption', { count: versions.length }) }),
        el('thead', {}, [el('tr', {}, ['time', 'who', 'what', 'entries', 'actions'].map((key) => el('th', { scope: 'col', text: t(`history.column.${key}`) })))]),
      ]);
      const tbody = el('tbody');
      versions.forEach((version, index) => {
        const show = el('button', { type: 'button', text: t('history.showDiff') });
        show.addEventListener('click', () => showDiff(version));
        const actions = [show];
        if (index > 0) {
          const back = el('button', { type: 'button', className: 'danger', text: t('history.undoTo') });
          back.addEventListener('click', () => undo(version));
          actions.push(back);
        }
        tbody.append(
          el('tr', {}, [
            el('td', { text: formatTime(version.createdAt, lang) }),
            el('td', { text: actorText(version.actor) }),
            el('td', { text: index === 0 ? `${kindText(version.kind)} · ${t('history.live')}` : kindText(version.kind) }),
            el('td', { text: (version.entries || []).join(', ') || (version.changedFiles || []).join(', ') }),
            el('td', {}, actions),
          ]),
        );
      });
      table.append(tbody);
      list.replaceChildren(table);
      say('');
      await loadConflicts();
      return undefined;
    }

    refresh.addEventListener('click', () => load());
    await load();
  },
};
