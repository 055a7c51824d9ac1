/**
 * The Teams app manifest and its Vietnamese localization: the fields Teams
 * requires, the limits its schema (v1.17) sets, icons of the right size, and a
 * vi.json whose every key names something the manifest has.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { recogniseCommand } from '../../src/core/conversation/commands';
import { loadAnswerer } from '../../src/core/knowledge/load-answerer';
import { readPngHeader, readPngPixels } from './png';

const ROOT = path.resolve(__dirname, '../..');
const TEAMS = path.join(ROOT, 'deployment/teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// semver 2.0.0, as the Teams schema asks for (major.minor.patch, optional pre-release/build).
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

// Loose shapes: the tests check the values themselves.
interface Command {
  title: string;
  description: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Command[] }> }>;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: Array<{ languageTag: string; file: string }> };
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const manifest = readJson<Manifest>(path.join(TEAMS, 'manifest.json'));
const vi = readJson<Record<string, string>>(path.join(TEAMS, manifest.localizationInfo.additionalLanguages[0].file));

/** Follows a localization key such as `bots[0].commandLists[0].commands[2].title` into the manifest. */
function valueAt(root: unknown, key: string): unknown {
  const steps = key.split('.').flatMap((part) => {
    const match = /^([A-Za-z]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new Error(`cannot read the key part "${part}"`);
    const indexes = [...match[2].matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    return [match[1], ...indexes];
  });
  let node: unknown = root;
  for (const step of steps) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

describe('Teams manifest', () => {
  it('declares schema 1.17 and the required top-level fields', () => {
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.17');
    for (const field of ['version', 'id', 'developer', 'name', 'description', 'icons', 'accentColor'] as const) {
      expect(manifest[field]).toBeTruthy();
    }
  });

  it('has a GUID id, a semver version and a #RRGGBB accent colour', () => {
    expect(manifest.id).toMatch(GUID);
    expect(manifest.version).toMatch(SEMVER);
    expect(manifest.accentColor).toMatch(/^#[0-9a-fA-F]{6}$/);
  });

  it('gives developer links over https', () => {
    const { name, ...urls } = manifest.developer;
    expect(name.length).toBeGreaterThan(0);
    expect(Object.keys(urls).sort()).toEqual(['privacyUrl', 'termsOfUseUrl', 'websiteUrl']);
    for (const url of Object.values(urls)) expect(new URL(url).protocol).toBe('https:');
  });

  it('keeps names and descriptions within the schema limits', () => {
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
  });

  it('has one bot whose id is the placeholder the packaging script fills in', () => {
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe('${{BOT_ID}}');
    expect(manifest.bots[0].scopes).toContain('personal');
  });

  it('lists at most 10 commands per list, with titles up to 32 and descriptions up to 128 characters', () => {
    for (const list of manifest.bots[0].commandLists) {
      expect(list.commands.length).toBeGreaterThan(0);
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const scope of list.scopes) expect(manifest.bots[0].scopes).toContain(scope);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
  });

  it('has a colour icon of 192x192 and an outline icon of 32x32', () => {
    for (const [file, size] of [
      [manifest.icons.color, 192],
      [manifest.icons.outline, 32],
    ] as const) {
      const png = path.join(TEAMS, file);
      expect(existsSync(png)).toBe(true);
      expect(readPngHeader(readFileSync(png))).toMatchObject({ width: size, height: size });
    }
  });

  it('has an outline icon that is white on transparent', () => {
    const { rgba } = readPngPixels(readFileSync(path.join(TEAMS, manifest.icons.outline)));
    let visible = 0;
    let transparent = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const alpha = rgba[i + 3];
      if (alpha === 0) {
        transparent++;
        continue;
      }
      visible++;
      expect([rgba[i], rgba[i + 1], rgba[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(0);
    expect(transparent).toBeGreaterThan(0);
  });

  it('localizes into Vietnamese with a file that exists', () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('en');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'vi', file: 'vi.json' }]);
    expect(existsSync(path.join(TEAMS, 'vi.json'))).toBe(true);
  });
});

describe('vi.json localization', () => {
  const keys = Object.keys(vi).filter((key) => key !== '$schema');

  it('uses the v1.17 localization schema and has the required keys', () => {
    expect(vi.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.Localization.schema.json');
    for (const key of ['name.short', 'name.full', 'description.short', 'description.full']) expect(vi[key]).toBeTruthy();
  });

  it.each(Object.keys(vi).filter((key) => key !== '$schema'))('"%s" names a string the manifest has', (key) => {
    expect(typeof valueAt(manifest, key)).toBe('string');
  });

  it('translates every command title and description, within the limits', () => {
    manifest.bots[0].commandLists.forEach((list, l) =>
      list.commands.forEach((_command, c) => {
        const title = vi[`bots[0].commandLists[${l}].commands[${c}].title`];
        const description = vi[`bots[0].commandLists[${l}].commands[${c}].description`];
        expect(title).toBeTruthy();
        expect(description).toBeTruthy();
        expect(title.length).toBeLessThanOrEqual(32);
        expect(description.length).toBeLessThanOrEqual(128);
      }),
    );
    expect(vi['name.short'].length).toBeLessThanOrEqual(30);
    expect(vi['name.full'].length).toBeLessThanOrEqual(100);
    expect(vi['description.short'].length).toBeLessThanOrEqual(80);
    expect(vi['description.full'].length).toBeLessThanOrEqual(4000);
    expect(keys.length).toBeGreaterThan(4);
  });
});

describe('command titles are what the bot understands', () => {
  // Teams sends a command's title as the user's message, in the user's language.
  const titles = manifest.bots[0].commandLists.flatMap((list, l) =>
    list.commands.flatMap((command, c) => [command.title, vi[`bots[0].commandLists[${l}].commands[${c}].title`]]),
  );

  it('answers each title as a command or with a confident knowledge-base answer', async () => {
    const answerer = await loadAnswerer({ knowledgeDir: path.join(ROOT, 'knowledge') });
    const misunderstood = titles.filter((title) => recogniseCommand(title) === null && answerer.decide(title).kind !== 'answer');
    expect(misunderstood).toEqual([]);
  });
});
