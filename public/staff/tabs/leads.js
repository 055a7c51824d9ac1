// Leads and hand-overs (role Staff.Leads): status, export, deleting a person's data.
// Everything a student typed is inserted with textContent only.
import { el } from './console-kit.js';

const STATUSES = ['new', 'contacted', 'closed'];
// Shown in their own columns; every other answer goes to "details".
const NAME_STEP = 'name';
const CONTACT_STEP = 'contact';
const HIDDEN_STEPS = new Set(['consent', NAME_STEP, CONTACT_STEP]);

function formatTime(iso, lang) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

export default {
  id: 'leads',
  titleKey: 'shell.tabs.leads',
  role: 'Staff.Leads',
  async render(container, ctx) {
    const { t, api, lang } = ctx;
    const heading = el('h2', { text: t('leads.heading') });
    const filter = el('select', { id: 'leads-filter' }, [
      el('option', { value: '', text: t('leads.filterAll') }),
      ...STATUSES.map((status) => el('option', { value: status, text: t(`leads.status.${status}`) })),
    ]);
    const exportButton = el('button', { type: 'button', id: 'leads-export', text: t('leads.export') });
    const refresh = el('button', { type: 'button', id: 'leads-refresh', text: t('leads.refresh') });
    const toolbar = el('div', { className: 'toolbar' }, [el('label', { for: 'leads-filter', text: t('leads.filter') }), filter, refresh, exportButton]);
    const body = el('div', { className: 'table-wrap' });
    container.replaceChildren(heading, el('p', { className: 'help', text: t('leads.intro') }), toolbar, body);

    let leads = [];

    const say = (text, isError) => ctx.setStatus(text, isError);

    function statusCell(lead) {
      const select = el('select', { 'aria-label': t('leads.statusFor', { reference: lead.reference }), 'data-lead': lead.id });
      for (const status of STATUSES) {
        const option = el('option', { value: status, text: t(`leads.status.${status}`) });
        if (status === lead.status) option.selected = true;
        select.append(option);
      }
      select.addEventListener('change', async () => {
        select.disabled = true;
        const result = await api('POST', `/staff/api/leads/${encodeURIComponent(lead.id)}/status`, { status: select.value });
        select.disabled = false;
        if (result.status !== 200) {
          select.value = lead.status;
          say(ctx.errorText(result), true);
          return;
        }
        Object.assign(lead, result.body.lead);
        say(t('leads.statusSaved', { reference: lead.reference, status: t(`leads.status.${lead.status}`) }));
        draw();
      });
      return select;
    }

    function row(lead) {
      const details = Object.entries(lead.answers)
        .filter(([step]) => !HIDDEN_STEPS.has(step))
        .map(([step, value]) => `${step}: ${value}`);
      if (lead.recentQuestions.length > 0) details.push(`${t('leads.recentQuestions')}: ${lead.recentQuestions.join(' · ')}`);
      const changed = lead.statusAt ? t('leads.changedBy', { name: lead.statusByName || lead.statusBy || '', time: formatTime(lead.statusAt, lang) }) : '—';
      const remove = el('button', { type: 'button', className: 'danger', 'data-delete': lead.id, text: t('leads.delete') });
      remove.addEventListener('click', async () => {
        if (!window.confirm(t('leads.deleteConfirm', { reference: lead.reference }))) return;
        const result = await api('DELETE', `/staff/api/leads/${encodeURIComponent(lead.id)}`);
        if (result.status !== 200) return say(ctx.errorText(result), true);
        leads = leads.filter((other) => other.id !== lead.id);
        say(t('leads.deleted', { reference: lead.reference, count: result.body.removed }));
        draw();
      });
      const cell = (label, content) => {
        const td = el('td', { 'data-label': label });
        td.append(content);
        return td;
      };
      return el('tr', { 'data-lead': lead.id }, [
        cell(t('leads.col.time'), formatTime(lead.at, lang)),
        cell(t('leads.col.kind'), t(`leads.kind.${lead.kind}`)),
        cell(t('leads.col.reference'), lead.reference),
        cell(t('leads.col.name'), lead.answers[NAME_STEP] || '—'),
        cell(t('leads.col.contact'), lead.answers[CONTACT_STEP] || '—'),
        cell(t('leads.col.details'), details.join('\n') || '—'),
        cell(t('leads.col.status'), statusCell(lead)),
        cell(t('leads.col.changed'), changed),
        cell(t('leads.col.actions'), remove),
      ]);
    }

    function draw() {
      const shown = leads.filter((lead) => !filter.value || lead.status === filter.value);
      if (shown.length === 0) {
        body.replaceChildren(el('p', { className: 'muted', id: 'leads-empty', text: t('leads.empty') }));
        return;
      }
      const columns = ['time', 'kind', 'reference', 'name', 'contact', 'details', 'status', 'changed', 'actions'];
      const table = el('table', { className: 'cards', id: 'leads-table' }, [
        el('caption', { className: 'muted', text: t('leads.count', { count: shown.length }) }),
        el('thead', {}, [el('tr', {}, columns.map((column) => el('th', { scope: 'col', text: t(`leads.col.${column}`) })))]),
        el('tbody', {}, shown.map(row)),
      ]);
      body.replaceChildren(table);
    }

    async function load() {
      body.replaceChildren(el('p', { className: 'muted', text: t('shell.loading') }));
      const result = await api('GET', '/staff/api/leads');
      if (result.status !== 200) {
        body.replaceChildren();
        say(ctx.errorText(result), true);
        return;
      }
      leads = result.body.leads;
      draw();
    }

    filter.addEventListener('change', draw);
    refresh.addEventListener('click', load);
    exportButton.addEventListener('click', async () => {
      const result = await api('POST', '/staff/api/leads/export', undefined, { Accept: 'text/csv' });
      if (result.status !== 200) return say(ctx.errorText(result), true);
      const link = el('a', { href: URL.createObjectURL(new Blob([result.body], { type: 'text/csv;charset=utf-8' })), download: `leads-${new Date().toISOString().slice(0, 10)}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      say(t('leads.exported'));
    });
    await load();
  },
};
