// Shared pieces of the console (the shell and every section): building elements (text only,
// never innerHTML), the chat-bubble preview of an answer, and the table of decisions a change
// alters. Not a section itself: the shell only loads the ids it lists.

/** An element with text (textContent), attributes and children; `on` adds listeners. */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name === 'className') node.className = value;
    else if (name === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (name === 'checked' || name === 'value' || name === 'disabled') node[name] = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined && child !== null && child !== false) node.append(child);
  return node;
}

let counter = 0;
/** A unique id for label/for pairs. */
export const uid = (prefix) => `${prefix}-${(counter += 1)}`;

const SAFE_URL = /^(https:|mailto:|tel:)/i;

/** Inline Markdown (bold, italics, links) as DOM nodes; a link only with https, mailto or tel, anything else stays text. */
function inline(text) {
  const nodes = [];
  const pattern = /\*\*([^*]+)\*\*|\*([^*]+)\*|_([^_]+)_|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) nodes.push(document.createTextNode(text.slice(last, match.index)));
    if (match[1] !== undefined) nodes.push(el('strong', { text: match[1] }));
    else if (match[2] !== undefined || match[3] !== undefined) nodes.push(el('em', { text: match[2] ?? match[3] }));
    else if (SAFE_URL.test(match[5])) nodes.push(el('a', { href: match[5], text: match[4], target: '_blank', rel: 'noopener noreferrer' }));
    else nodes.push(document.createTextNode(match[0]));
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

/**
 * An answer's Markdown as Web Chat shows the parts the answers use (paragraphs, lists,
 * bold, italics, links), built node by node: a student's or an editor's text never
 * becomes markup, and a link whose scheme is not https, mailto or tel stays plain text.
 */
export function markdownNodes(markdown) {
  const blocks = [];
  let list = null;
  for (const raw of String(markdown).split('\n')) {
    const line = raw.trimEnd();
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      if (!list) {
        list = el(/^\s*\d/.test(line) ? 'ol' : 'ul');
        blocks.push(list);
      }
      list.append(el('li', {}, inline(item[1])));
      continue;
    }
    list = null;
    if (line.trim() === '') continue;
    const previous = blocks[blocks.length - 1];
    if (previous && previous.tagName === 'P' && !previous.dataset.closed) {
      previous.append(el('br'), ...inline(line));
    } else {
      blocks.push(el('p', {}, inline(line)));
    }
  }
  return blocks;
}

/** The answer as a chat bubble with its buttons (follow-ups, links, 👍/👎), like Web Chat. */
export function chatPreview({ answer, buttons = [], label }) {
  return el('div', { className: 'chat-preview', role: 'group', 'aria-label': label }, [
    el('div', { className: 'chat-bubble' }, markdownNodes(answer)),
    buttons.length ? el('div', { className: 'chat-buttons' }, buttons.map((title) => el('span', { className: 'chat-chip', text: title }))) : null,
  ]);
}

/** "What this change does": each question or phrasing, where it comes from, and its decision before -> after. */
export function changedTable(changed, t, limit = 60) {
  const decision = (summary) => t(`inbox.decision.${summary.decision}`, { entry: summary.id ?? '' });
  const items = changed.slice(0, limit).map((item) =>
    el('li', { className: 'changed-item' }, [
      el('span', { className: 'changed-text', text: item.text, lang: item.lang }),
      el('span', { className: 'help', text: `${t(`inbox.source.${item.source}`, { entry: item.entryId ?? '' })} · ${decision(item.before)} → ${decision(item.after)}` }),
    ]),
  );
  const list = el('ul', { className: 'changed-list', 'aria-label': t('inbox.previewHeading') }, items);
  return el('div', {}, [list, changed.length > limit ? el('p', { className: 'muted', text: t('inbox.moreRows', { count: changed.length - limit }) }) : null]);
}

/** Replaces a node's children, skipping the absent ones (null, undefined, false). */
export function fill(node, ...children) {
  node.replaceChildren(...children.filter((child) => child !== undefined && child !== null && child !== false));
  return node;
}

/** The summary line of a change's effect. */
export function changedSummary(changed, t) {
  if (changed.length === 0) return t('inbox.previewNone');
  const questions = changed.filter((item) => item.source === 'question').length;
  return t('inbox.previewSummary', { questions, phrasings: changed.length - questions });
}

/** Findings of the checks, each in the staff member's language when the server gave both. */
export function findingsList(findings, lang) {
  return el(
    'ul',
    { className: 'findings' },
    findings.map((finding) => {
      const message = finding.message && typeof finding.message === 'object' ? finding.message[lang] : finding.code;
      return el('li', { className: finding.severity === 'error' ? 'finding error' : 'finding' }, [
        el('strong', { text: `${finding.severity === 'error' ? '✖' : '⚠'} ` }),
        document.createTextNode(`${finding.place ? `${finding.place}: ` : ''}${message ?? ''}`),
      ]);
    }),
  );
}

export const percent = (value) => Math.round((Number(value) || 0) * 100);
