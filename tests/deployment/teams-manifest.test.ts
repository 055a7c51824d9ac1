/**
 * The Teams app manifest and its Vietnamese localization, validated with ajv against
 * the newest Teams schemas that @microsoft/app-manifest ships (offline, draft-04), plus
 * what no schema says: icons of the right size, a vi.json whose every key names a string
 * the manifest has, and command titles the bot understands.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { recogniseCommand } from '../../src/core/conversation/commands';
import { loadAnswerer } from '../../src/core/knowledge/load-answerer';
import { readPngHeader, readPngPixels } from './png';

const ROOT = path.resolve(__dirname, '../..');
const TEAMS = path.join(ROOT, 'deployment/teams');
const SCHEMAS = path.join(ROOT, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams');
/** The newest numbered schema folder the package ships (vDevPreview is not for publishing). */
const NEWEST = readdirVersions(SCHEMAS).at(-1)!;
const SAMPLE_BOT_ID = '00000000-0000-4000-8000-000000000001';

function readdirVersions(dir: string): string[] {
  const minor = (name: string) => Number(name.split('.')[1]);
  return readdirSync(dir)
    .filter((name) => /^v1\.\d+$/.test(name))
    .sort((a, b) => minor(a) - minor(b));
}

// Loose shapes: the schema checks the rest.
interface Command {
  title: string;
  description: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  icons: { color: string; outline: string };
  bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Command[] }> }>;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: Array<{ languageTag: string; file: string }> };
}

/** The Teams schemas use patterns that are not valid as unicode regular expressions. */
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const schemaOf = (file: string) => JSON.parse(readFileSync(path.join(SCHEMAS, NEWEST, file), 'utf8')) as object;
const validateManifest = ajv.compile(schemaOf('MicrosoftTeams.schema.json'));
const validateLocalization = ajv.compile(schemaOf('MicrosoftTeams.Localization.schema.json'));
const errorsOf = (validate: typeof validateManifest) => (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);

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
  it(`uses the newest schema @microsoft/app-manifest ships (${NEWEST}, at least v1.24)`, () => {
    expect(Number(NEWEST.split('.')[1])).toBeGreaterThanOrEqual(24);
    expect(manifest.manifestVersion).toBe(NEWEST.slice(1));
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/${NEWEST}/MicrosoftTeams.schema.json`);
  });

  it('is valid against that schema once the packaging script fills in the bot id', () => {
    const packaged = JSON.parse(readFileSync(path.join(TEAMS, 'manifest.json'), 'utf8').replace('${{BOT_ID}}', SAMPLE_BOT_ID)) as object;
    expect(validateManifest(packaged) ? [] : errorsOf(validateManifest)).toEqual([]);
  });

  it('would be rejected by that schema when broken (the check can fail)', () => {
    const broken = { ...manifest, bots: [{ ...manifest.bots[0], botId: SAMPLE_BOT_ID }], accentColor: 'blue', name: { short: 'x'.repeat(31) } };
    expect(validateManifest(broken)).toBe(false);
    expect(errorsOf(validateManifest).join('\n')).toMatch(/accentColor|name/);
  });

  it('has one bot whose id is the placeholder the packaging script fills in', () => {
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe('${{BOT_ID}}');
    expect(manifest.bots[0].scopes).toContain('personal');
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

  it(`is valid against the ${NEWEST} localization schema and translates the names and descriptions`, () => {
    expect(vi.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/${NEWEST}/MicrosoftTeams.Localization.schema.json`);
    expect(validateLocalization(vi) ? [] : errorsOf(validateLocalization)).toEqual([]);
    for (const key of ['name.short', 'name.full', 'description.short', 'description.full']) expect(vi[key]).toBeTruthy();
  });

  it.each(Object.keys(vi).filter((key) => key !== '$schema'))('"%s" names a string the manifest has', (key) => {
    expect(typeof valueAt(manifest, key)).toBe('string');
  });

  it('translates every command title and description', () => {
    manifest.bots[0].commandLists.forEach((list, l) =>
      list.commands.forEach((_command, c) => {
        expect(vi[`bots[0].commandLists[${l}].commands[${c}].title`]).toBeTruthy();
        expect(vi[`bots[0].commandLists[${l}].commands[${c}].description`]).toBeTruthy();
      }),
    );
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
