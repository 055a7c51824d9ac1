/**
 * Layers only look down: each part of src/ stands on a floor, and a file may import only
 * its own folder and folders on lower floors. An import from a lower floor to a higher one
 * (or across one floor) is an error, and so is a src/ folder the table does not place.
 * Run by `npm run lint` (and so by `npm test`).
 */
import path from 'node:path';

/** Floor of each part of src/, from the ground up. A new folder gets a line here. */
export const FLOORS = {
  // Ground: text (normalising, folding, Lang), the YAML reader, Blob access.
  'core/language': 1,
  'core/yaml': 1,
  'core/storage': 1,
  // Settings content may name (office hours, retention, the privacy notice), read by config and flows.
  'core/settings': 1,
  config: 2,
  'core/flows': 2,
  'core/knowledge': 3,
  'core/records': 3,
  'core/state': 3,
  'core/report': 4,
  // Facebook's data deletion requests: verified, then deleted from records and state.
  'core/facebook': 4,
  // The compiled content: knowledge, flows and strings together.
  'core/content': 5,
  'core/conversation': 6,
  'core/engine': 7,
  // Staff tools: audit, preview and publish, over the content and the engine.
  'core/staff': 8,
  bot: 9,
  cli: 9,
  server: 10,
  app: 11,
  // Starting the bot (main), and the entry point that runs it.
  main: 12,
  index: 13,
  types: 0,
};

function partOf(srcDir, file) {
  // A file at the top of src/ or of src/core is a part of its own ("config", "core/x.ts" -> "core/x").
  const rel = path.relative(srcDir, file).replace(/\.(d\.)?ts$/, '').split(path.sep);
  if (rel[0] === '..') return undefined;
  return rel[0] === 'core' && rel.length > 1 ? `core/${rel[1]}` : rel[0];
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports in src/ only look down the layers' },
    schema: [],
    messages: {
      upward: '{{from}} (floor {{fromFloor}}) must not import {{to}} (floor {{toFloor}}): layers only look down (scripts/eslint-layers.mjs).',
      unplaced: '{{part}} has no floor: add it to FLOORS in scripts/eslint-layers.mjs.',
    },
  },
  create(context) {
    const file = context.filename;
    const srcDir = path.join(context.cwd, 'src');
    const from = partOf(srcDir, file);
    if (from === undefined) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = partOf(srcDir, path.resolve(path.dirname(file), source));
      if (to === undefined || to === from) return;
      for (const part of [from, to]) {
        if (!(part in FLOORS)) return context.report({ node, messageId: 'unplaced', data: { part: `src/${part}` } });
      }
      if (FLOORS[to] >= FLOORS[from]) {
        context.report({ node, messageId: 'upward', data: { from: `src/${from}`, to: `src/${to}`, fromFloor: FLOORS[from], toFloor: FLOORS[to] } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
