#!/usr/bin/env node
/**
 * Builds the Teams app package: manifest.json (with the bot's app id filled in),
 * vi.json, color.png and outline.png at the root of a zip.
 *
 *   BOT_ID=<app id> npm run teams:package
 *   node deployment/teams/package.js --bot-id <app id> [--out dist/teams-app.zip]
 *
 * The bot id is the Microsoft App ID of the Azure Bot (the Entra app registration's
 * client id, or the user-assigned managed identity's client id). Every `${{NAME}}`
 * placeholder in the manifest must be given, so a half-filled package is never
 * written. Needs only node (zlib); the zip is deterministic: same input, same bytes.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { parseArgs } = require('node:util');

const TEAMS_DIR = __dirname;
const REPO_ROOT = path.resolve(TEAMS_DIR, '..', '..');
const DEFAULT_OUT = path.join(REPO_ROOT, 'dist', 'teams-app.zip');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class PackageError extends Error {}

/** Replaces `${{NAME}}` with values[NAME]; throws naming every placeholder left without a value. */
function fillPlaceholders(text, values) {
  const missing = new Set();
  const filled = text.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (whole, name) => {
    if (values[name] === undefined) {
      missing.add(name);
      return whole;
    }
    return values[name];
  });
  if (missing.size > 0) throw new PackageError(`no value for ${[...missing].map((name) => `\${{${name}}}`).join(', ')}`);
  return filled;
}

/** The files of the package, in order, as [name, bytes]. */
function packageFiles(botId) {
  if (!botId) throw new PackageError('the bot id is missing: set BOT_ID or pass --bot-id <Microsoft App ID>');
  if (!GUID.test(botId)) throw new PackageError(`the bot id must be a GUID (the Microsoft App ID), got "${botId}"`);

  const manifestText = fillPlaceholders(fs.readFileSync(path.join(TEAMS_DIR, 'manifest.json'), 'utf8'), { BOT_ID: botId });
  const manifest = JSON.parse(manifestText);
  const names = [
    manifest.icons.color,
    manifest.icons.outline,
    ...(manifest.localizationInfo?.additionalLanguages ?? []).map((language) => language.file),
  ];
  const files = [['manifest.json', Buffer.from(manifestText, 'utf8')]];
  for (const name of names) {
    // Teams reads every file from the root of the package.
    if (name !== path.basename(name)) throw new PackageError(`"${name}" must be a file name at the root of the package`);
    const file = path.join(TEAMS_DIR, name);
    if (!fs.existsSync(file)) throw new PackageError(`the manifest names ${name}, which is not in ${path.relative(REPO_ROOT, TEAMS_DIR)}`);
    const bytes = fs.readFileSync(file);
    if (name.endsWith('.json')) JSON.parse(bytes.toString('utf8')); // fail here rather than in Teams
    files.push([name, bytes]);
  }
  return files;
}

// ---- A minimal zip writer (PKWARE APPNOTE 4.3): deflate, no zip64, no extras ----

/** 1980-01-01 00:00, the earliest DOS date: a fixed time keeps the zip reproducible. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const crc = zlib.crc32(data) >>> 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: names are UTF-8
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    locals.push(local, nameBytes, deflated);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header signature
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk number
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: regular file, rw-r--r--
    central.writeUInt32LE(offset, 42); // offset of the local header
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(0, 4); // this disk
  end.writeUInt16LE(0, 6); // disk with the directory
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20); // comment length
  return Buffer.concat([...locals, directory, end]);
}

function main() {
  const { values } = parseArgs({
    options: {
      'bot-id': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: node deployment/teams/package.js [--bot-id <Microsoft App ID>] [--out dist/teams-app.zip]\n(BOT_ID in the environment works too)');
    return;
  }
  const botId = (values['bot-id'] ?? process.env.BOT_ID ?? '').trim();
  const out = path.resolve(values.out ?? DEFAULT_OUT);
  const files = packageFiles(botId);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, zip(files));
  console.log(`wrote ${path.relative(process.cwd(), out) || out}: ${files.map(([name]) => name).join(', ')}`);
}

try {
  main();
} catch (error) {
  if (error instanceof PackageError) {
    console.error(`teams:package: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
