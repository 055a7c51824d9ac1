/**
 * The staff report as ONE self-contained HTML page: inline CSS, inline SVG charts, no
 * script, no external file, so it opens from a file, an email attachment or a shared
 * drive and prints well. All user and staff text is escaped.
 */
import { DEFAULT_THRESHOLDS } from '../knowledge/decide';
import type { Lang } from '../knowledge/types';
import type { StaffT } from '../knowledge/checks/staff-strings';
import { DECISIONS, type ReportData } from './aggregate';
import { escapeHtml } from './escape';
import { inlineBar, percent, splitBar, stackedBarChart } from './svg';

/** Okabe-Ito colours: told apart with colour-blindness too. */
export const DECISION_COLORS = { answer: '#0072B2', suggest: '#E69F00', fallback: '#D55E00' } as const;
const LANG_COLORS = { vi: '#009E73', en: '#56B4E9' } as const;
const MAX_CLUSTERS = 50;

export interface HtmlOptions {
  lang: Lang;
  t: StaffT;
  /** The question of an entry in the page language, when the knowledge base is loaded. */
  entryQuestion?: (entryId: string) => string | undefined;
  /** Below this confidence the nearest entry is shown as "no entry comes close" (default: the bot's "did you mean" threshold). */
  closeEnough?: number;
}

export function renderReportHtml(data: ReportData, options: HtmlOptions): string {
  const { t, lang } = options;
  const e = escapeHtml;
  const question = (id: string) => options.entryQuestion?.(id);
  const closeEnough = options.closeEnough ?? DEFAULT_THRESHOLDS.suggest;
  const first = data.days[0]?.day;
  const last = data.days[data.days.length - 1]?.day;
  const period = first && last ? t('report.period', { from: first, to: last }) : data.since ? t('report.periodSince', { since: data.since }) : t('report.periodAll');

  const tiles = [
    [t('report.summary.questions'), String(data.totals.questions)],
    [t('report.summary.answered'), `${data.totals.answer} (${percent(data.totals.answer, data.totals.questions)})`],
    [t('report.summary.suggested'), `${data.totals.suggest} (${percent(data.totals.suggest, data.totals.questions)})`],
    [t('report.summary.fallback'), `${data.totals.fallback} (${percent(data.totals.fallback, data.totals.questions)})`],
    [t('report.summary.unanswered'), String(data.totals.unanswered)],
    [t('report.summary.leads'), String(data.totals.leads)],
    [t('report.summary.handoffs'), String(data.totals.handoffs)],
    [t('report.summary.votes'), `👍 ${data.totals.up} · 👎 ${data.totals.down}`],
  ]
    .map(([label, value]) => `<div class="tile"><div class="value">${e(value)}</div><div class="label">${e(label)}</div></div>`)
    .join('');

  const legend = DECISIONS.map((decision) => `<span class="key"><span class="swatch" style="background:${DECISION_COLORS[decision]}"></span>${e(t(`report.decision.${decision}`))}</span>`).join('');
  const perDay =
    data.days.length === 0
      ? `<p class="empty">${e(t('report.perDay.empty'))}</p>`
      : stackedBarChart({
          title: t('report.perDay.title'),
          categories: data.days.map((day) => day.day),
          series: DECISIONS.map((decision) => ({ key: decision, label: t(`report.decision.${decision}`), color: DECISION_COLORS[decision], values: data.days.map((day) => day[decision]) })),
          tooltip: (i) => t('report.perDay.tooltip', { ...data.days[i] }),
          categoryLabel: (day) => day.slice(5),
        }) + `<div class="legend">${legend}</div>`;

  const languageTotal = data.languages.vi + data.languages.en;
  const languages =
    languageTotal === 0
      ? `<p class="empty">${e(t('report.languages.empty'))}</p>`
      : splitBar(
          t('report.languages.title'),
          (['vi', 'en'] as const).map((code) => ({ key: code, label: t(`lang.${code}`), value: data.languages[code], color: LANG_COLORS[code] })),
        );

  const maxAnswered = Math.max(0, ...data.entries.map((entry) => entry.answered));
  const entryRows = data.entries
    .map((entry) => {
      const title = question(entry.entryId);
      return `<tr><td><code>${e(entry.entryId)}</code>${title ? `<div class="question">${e(title)}</div>` : ''}</td><td class="num">${entry.answered}</td><td>${inlineBar(entry.answered, maxAnswered, DECISION_COLORS.answer, `${entry.entryId}: ${entry.answered}`)}</td><td class="num">${entry.up}</td><td class="num${entry.down > entry.up ? ' bad' : ''}">${entry.down}</td></tr>`;
    })
    .join('');
  const entries =
    data.entries.length === 0
      ? `<p class="empty">${e(t('report.entries.empty'))}</p>`
      : `<table class="entries"><thead><tr><th>${e(t('report.entries.entry'))}</th><th class="num">${e(t('report.entries.answered'))}</th><th></th><th class="num">👍</th><th class="num">👎</th></tr></thead><tbody>${entryRows}</tbody></table>`;

  const clusterItems = data.clusters
    .slice(0, MAX_CLUSTERS)
    .map((cluster) => {
      const examples = cluster.examples.map((example) => `<li>${e(example.text)}${example.count > 1 ? ` <span class="count">×${example.count}</span>` : ''}</li>`).join('');
      const near = cluster.nearest;
      const named = near ? ` <code>${e(near.entryId)}</code>${question(near.entryId) ? ` - ${e(question(near.entryId) ?? '')}` : ''}` : '';
      const nearest =
        near && near.confidence >= closeEnough
          ? `<p class="nearest">${e(t('report.clusters.nearest', { confidence: percent(near.confidence, 1) }))}${named}</p>`
          : `<p class="nearest none">${e(t('report.clusters.noNearest'))}${near ? ` <span class="weak">${e(t('report.clusters.weakNearest', { confidence: percent(near.confidence, 1) }))}${named})</span>` : ''}</p>`;
      return `<li class="cluster"><h3>${e(t('report.clusters.size', { count: cluster.size }))}</h3><ul class="examples">${examples}</ul>${nearest}</li>`;
    })
    .join('');
  const more = data.clusters.length > MAX_CLUSTERS ? `<p>${e(t('report.clusters.more', { count: data.clusters.length - MAX_CLUSTERS }))}</p>` : '';
  const clusters =
    data.clusters.length === 0 ? `<p class="empty">${e(t('report.clusters.empty'))}</p>` : `<p>${e(t('report.clusters.intro'))}</p><ol class="clusters">${clusterItems}</ol>${more}`;

  const invalid = data.invalid > 0 ? `<p class="note">${e(t('report.invalid', { count: data.invalid }))}</p>` : '';

  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(t('report.title'))}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(t('report.title'))}</h1>
<p class="period">${e(period)}</p>
<p class="generated">${e(t('report.generated', { time: data.generatedAt.slice(0, 16).replace('T', ' '), timeZone: data.timeZone }))}</p>
</header>
<section class="tiles">${tiles}</section>
<section id="per-day"><h2>${e(t('report.perDay.title'))}</h2>${perDay}</section>
<section id="languages"><h2>${e(t('report.languages.title'))}</h2>${languages}</section>
<section id="entries"><h2>${e(t('report.entries.title'))}</h2>${entries}</section>
<section id="unanswered"><h2>${e(t('report.clusters.title'))}</h2>${clusters}</section>
<footer>${invalid}<p>${e(t('report.footer'))}</p></footer>
</body>
</html>
`;
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:980px;padding:24px;color:#222;line-height:1.45}
h1{margin:0 0 4px;font-size:1.6em}h2{font-size:1.2em;margin:0 0 12px}h3{font-size:1em;margin:0 0 6px}
header p{margin:2px 0;color:#555}
section{margin:28px 0;padding:16px;border:1px solid #e3e3e3;border-radius:8px;background:#fff}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;border:none;padding:0}
.tile{border:1px solid #e3e3e3;border-radius:8px;padding:10px 12px}.tile .value{font-size:1.3em;font-weight:600}.tile .label{color:#555;font-size:.9em}
.legend{display:flex;gap:16px;flex-wrap:wrap;margin-top:6px;font-size:.9em}.swatch{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:-1px;border-radius:2px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eee;vertical-align:top}.num{text-align:right;white-space:nowrap}.bad{color:#b00020;font-weight:600}
.question{color:#555;font-size:.9em}code{font-size:.9em;background:#f5f5f5;padding:1px 4px;border-radius:3px}
ol.clusters{padding-left:24px}li.cluster{margin:0 0 16px}ul.examples{margin:4px 0}.count{color:#777}.nearest{margin:4px 0;color:#333}.nearest.none{color:#b00020}.weak{color:#666}
.empty,.note{color:#666;font-style:italic}
footer{color:#666;font-size:.85em;margin-top:32px}
@media print{section{break-inside:avoid}body{padding:0}}
`;
