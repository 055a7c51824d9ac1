/**
 * `npm run teams:package` (deployment/teams/package.js): the zip holds the four
 * files at its root, the manifest has the bot id filled in, and a missing or
 * malformed id stops it before anything is written.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readZip } from './zip';

const ROOT = path.resolve(__dirname, '../..');
const TEAMS = path.join(ROOT, 'deployment/teams');
const SCRIPT = path.join(TEAMS, 'package.js');
const BOT_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'teams-package-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runPackage(args: string[], env: Record<string, string | undefined> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (env.BOT_ID === undefined) delete childEnv.BOT_ID;
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env: childEnv, encoding: 'utf8' });
}

describe('teams:package', () => {
  it('is the package.json script', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['teams:package']).toBe('node deployment/teams/package.js');
  });

  it('writes a zip with manifest.json, vi.json, color.png and outline.png at its root', () => {
    const out = path.join(work, 'app.zip');
    const result = runPackage(['--bot-id', BOT_ID, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);

    const entries = readZip(readFileSync(out));
    expect(entries.map((entry) => entry.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png', 'vi.json']);
    const byName = new Map(entries.map((entry) => [entry.name, entry.data]));

    const manifestText = byName.get('manifest.json')!.toString('utf8');
    expect(manifestText).not.toContain('${{');
    const manifest = JSON.parse(manifestText) as { bots: Array<{ botId: string }> };
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    // Only the placeholder changed.
    expect(manifestText).toBe(readFileSync(path.join(TEAMS, 'manifest.json'), 'utf8').replace('${{BOT_ID}}', BOT_ID));

    for (const name of ['vi.json', 'color.png', 'outline.png']) {
      expect(byName.get(name)!.equals(readFileSync(path.join(TEAMS, name)))).toBe(true);
    }
  });

  it('takes the bot id from BOT_ID and writes the same bytes every time', () => {
    const first = path.join(work, 'first.zip');
    const second = path.join(work, 'second.zip');
    expect(runPackage(['--out', first], { BOT_ID }).status).toBe(0);
    expect(runPackage(['--bot-id', BOT_ID, '--out', second]).status).toBe(0);
    expect(readFileSync(first).equals(readFileSync(second))).toBe(true);
  });

  it('writes dist/teams-app.zip under the repository by default, whatever the working directory', () => {
    // A copy of deployment/teams in a scratch "repository", so the test leaves the real dist/ alone.
    const repo = path.join(work, 'repo');
    cpSync(TEAMS, path.join(repo, 'deployment/teams'), { recursive: true });
    const result = spawnSync(process.execPath, [path.join(repo, 'deployment/teams/package.js'), '--bot-id', BOT_ID], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    const zip = path.join(repo, 'dist', 'teams-app.zip');
    expect(existsSync(zip)).toBe(true);
    expect(readZip(readFileSync(zip))).toHaveLength(4);
  });

  it.each([
    ['missing', [], 'the bot id is missing'],
    ['not a GUID', ['--bot-id', 'my-bot'], 'must be a GUID'],
  ])('refuses a bot id that is %s and writes nothing', (_case, args, message) => {
    const out = path.join(work, `refused-${args.length}.zip`);
    const result = runPackage([...args, '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });
});
