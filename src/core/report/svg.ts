/**
 * Small inline SVG charts for the staff report: no library, no script, readable in any
 * browser and in print. Every bar carries a <title> (a tooltip without JavaScript) and
 * every chart an aria-label.
 */
import { escapeHtml } from './escape';

export interface BarSeries {
  key: string;
  label: string;
  color: string;
  values: number[];
}

export interface StackedBarChartOptions {
  title: string;
  categories: string[];
  series: BarSeries[];
  /** Text of a category's tooltip, e.g. the day and its counts. */
  tooltip: (index: number) => string;
  /** Axis label of a category (shown for some of them when there are many). */
  categoryLabel?: (category: string) => string;
  width?: number;
  height?: number;
}

const FONT = 'font-family="system-ui, sans-serif" font-size="11" fill="#444"';

/** A step of 1, 2 or 5 times a power of ten giving about four grid lines. */
export function niceMax(value: number): { max: number; step: number } {
  if (value <= 0) return { max: 1, step: 1 };
  const rough = value / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const wholeStep = Math.max(1, step);
  return { max: Math.ceil(value / wholeStep) * wholeStep, step: wholeStep };
}

export function stackedBarChart(options: StackedBarChartOptions): string {
  const width = options.width ?? 760;
  const height = options.height ?? 260;
  const margin = { top: 12, right: 12, bottom: 34, left: 44 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const n = options.categories.length;
  const totals = options.categories.map((_, i) => options.series.reduce((sum, series) => sum + (series.values[i] ?? 0), 0));
  const { max, step } = niceMax(Math.max(0, ...totals));
  const y = (value: number) => margin.top + plotHeight - (value / max) * plotHeight;
  const slot = n > 0 ? plotWidth / n : plotWidth;
  const barWidth = Math.max(1, slot * (slot >= 6 ? 0.75 : 1));

  const parts: string[] = [];
  for (let value = 0; value <= max; value += step) {
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${fmt(y(value))}" y2="${fmt(y(value))}" stroke="#ddd"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${fmt(y(value) + 4)}" text-anchor="end" ${FONT}>${value}</text>`);
  }
  options.categories.forEach((_category, i) => {
    const x = margin.left + i * slot + (slot - barWidth) / 2;
    let base = 0;
    const bars: string[] = [];
    for (const series of options.series) {
      const value = series.values[i] ?? 0;
      if (value <= 0) continue;
      const top = y(base + value);
      bars.push(`<rect class="bar bar-${escapeHtml(series.key)}" x="${fmt(x)}" y="${fmt(top)}" width="${fmt(barWidth)}" height="${fmt(y(base) - top)}" fill="${escapeHtml(series.color)}"/>`);
      base += value;
    }
    parts.push(`<g class="category"><title>${escapeHtml(options.tooltip(i))}</title>${bars.join('')}</g>`);
  });
  const every = Math.max(1, Math.ceil(n / 8));
  const label = options.categoryLabel ?? ((category: string) => category);
  options.categories.forEach((category, i) => {
    // Every `every`-th day, and the last one when it does not crowd the label before it.
    const labelled = i % every === 0 || (i === n - 1 && i % every >= every / 2);
    if (!labelled) return;
    const x = margin.left + i * slot + slot / 2;
    parts.push(`<text x="${fmt(x)}" y="${height - margin.bottom + 16}" text-anchor="middle" ${FONT}>${escapeHtml(label(category))}</text>`);
  });
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${fmt(y(0))}" y2="${fmt(y(0))}" stroke="#888"/>`);
  return `<svg class="chart" role="img" aria-label="${escapeHtml(options.title)}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(options.title)}</title>${parts.join('')}</svg>`;
}

export interface SplitPart {
  key: string;
  label: string;
  value: number;
  color: string;
}

/** One horizontal bar split into parts (shares of a whole), labelled with counts and percentages. */
export function splitBar(title: string, parts: SplitPart[], width = 760): string {
  const height = 46;
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  let x = 0;
  const rects: string[] = [];
  for (const part of parts) {
    if (part.value <= 0 || total === 0) continue;
    const w = (part.value / total) * width;
    const text = `${part.label}: ${part.value} (${percent(part.value, total)})`;
    rects.push(
      `<g><title>${escapeHtml(text)}</title><rect class="bar bar-${escapeHtml(part.key)}" x="${fmt(x)}" y="0" width="${fmt(w)}" height="28" fill="${escapeHtml(part.color)}"/>` +
        (w > 90 ? `<text x="${fmt(x + 8)}" y="19" font-family="system-ui, sans-serif" font-size="13" fill="#fff">${escapeHtml(text)}</text>` : '') +
        '</g>',
    );
    x += w;
  }
  if (rects.length === 0) rects.push(`<rect x="0" y="0" width="${width}" height="28" fill="#eee"/>`);
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title>${rects.join('')}</svg>`;
}

/** A small bar for a table cell: value out of max. */
export function inlineBar(value: number, max: number, color: string, label: string, width = 160): string {
  const w = max > 0 ? Math.max(value > 0 ? 2 : 0, (value / max) * width) : 0;
  return `<svg class="inline-bar" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} 14" width="${width}" height="14" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(label)}</title><rect x="0" y="0" width="${width}" height="14" fill="#f0f0f0"/><rect class="bar" x="0" y="0" width="${fmt(w)}" height="14" fill="${escapeHtml(color)}"/></svg>`;
}

export function percent(value: number, total: number): string {
  return total > 0 ? `${Math.round((value / total) * 100)}%` : '0%';
}

function fmt(value: number): string {
  return String(Math.round(value * 10) / 10);
}
