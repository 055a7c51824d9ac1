/**
 * deployment/Dockerfile and the root .dockerignore. The Dockerfile is read by
 * dockerfile-ast and linted by dockerfile-utils (the parser and validator of the
 * VS Code Docker language server, from npm); the tests then check the two stages,
 * what each installs and copies, the Node LTS image, the non-root user, the port,
 * the health check and the command. There is no Docker engine here, and no hadolint
 * in a registry package that installs offline; deployment/README.md says how the
 * image was exercised instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';

const ROOT = path.resolve(__dirname, '../..');
const text = readFileSync(path.join(ROOT, 'deployment/Dockerfile'), 'utf8');
const dockerfile = DockerfileParser.parse(text);

interface Instruction {
  keyword: string;
  /** The arguments with their flags, continuation lines joined. */
  args: string;
}

/** COPY, HEALTHCHECK and friends keep their flags apart from their arguments. */
type Flag = { getName(): string; getValue(): string | null };
const flagsOf = (instruction: object): Flag[] =>
  'getFlags' in instruction ? (instruction as { getFlags(): Flag[] }).getFlags() : [];

const instructions: Instruction[] = dockerfile.getInstructions().map((instruction) => ({
  keyword: instruction.getKeyword(),
  args: [
    ...flagsOf(instruction).map((flag) => `--${flag.getName()}=${flag.getValue() ?? ''}`),
    (instruction.getRawArgumentsContent() ?? '').replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim(),
  ].join(' '),
}));

/** Instructions per stage, keyed by the stage name (`FROM image AS name`). */
function stages(): Map<string, Instruction[]> {
  const byStage = new Map<string, Instruction[]>();
  let current: Instruction[] | undefined;
  const froms = dockerfile.getFROMs();
  let fromIndex = 0;
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const stage = froms[fromIndex++].getBuildStage();
      if (!stage) throw new Error(`FROM without a stage name: ${instruction.args}`);
      current = [instruction];
      byStage.set(stage, current);
    } else {
      current?.push(instruction);
    }
  }
  return byStage;
}

const byStage = stages();
const build = byStage.get('build') ?? [];
const runtime = byStage.get('runtime') ?? [];
const runs = (stage: Instruction[]) => stage.filter((i) => i.keyword === 'RUN').map((i) => i.args);
const copies = (stage: Instruction[]) => stage.filter((i) => i.keyword === 'COPY').map((i) => i.args);

describe('Dockerfile', () => {
  it('passes the Docker language server\'s validator without a diagnostic', () => {
    expect(validate(text).map((diagnostic) => `${diagnostic.range.start.line + 1}: ${diagnostic.message}`)).toEqual([]);
  });

  it('builds from a Node 22 or 24 LTS slim image in a build stage and a runtime stage, runtime last', () => {
    expect([...byStage.keys()]).toEqual(['build', 'runtime']);
    const arg = instructions.find((i) => i.keyword === 'ARG' && i.args.startsWith('NODE_IMAGE='));
    expect(arg?.args).toMatch(/^NODE_IMAGE=node:(22|24)-bookworm-slim$/);
    expect(build[0].args).toBe('${NODE_IMAGE} AS build');
    expect(runtime[0].args).toBe('${NODE_IMAGE} AS runtime');
  });

  it('installs everything and compiles in the build stage', () => {
    const commands = runs(build).join(' && ');
    expect(commands).toMatch(/\bnpm ci\b/);
    expect(commands).toMatch(/\bnpm run build\b/);
    expect(copies(build)).toEqual(expect.arrayContaining(['package.json package-lock.json ./', 'src ./src']));
  });

  it('installs production dependencies without install scripts in the runtime stage', () => {
    const install = runs(runtime).find((command) => /\bnpm ci\b/.test(command));
    expect(install).toBeDefined();
    expect(install).toContain('--omit=dev');
    // npm 10 in node:20 ignores allowScripts; botbuilder-dialogs' postinstall needs the devDependency rimraf.
    expect(install).toContain('--ignore-scripts');
  });

  it('copies the compiled code and the content folders into the runtime stage', () => {
    expect(copies(runtime)).toEqual(
      expect.arrayContaining([
        '--from=build /app/dist ./dist',
        'knowledge ./knowledge',
        'dialogs ./dialogs',
        'locales ./locales',
        'public ./public',
      ]),
    );
  });

  it('copies only paths that exist in the repository', () => {
    for (const args of [...copies(build), ...copies(runtime)]) {
      if (args.startsWith('--from=')) continue;
      const sources = args.split(' ').slice(0, -1);
      for (const source of sources) expect([source, existsSync(path.join(ROOT, source))]).toEqual([source, true]);
    }
  });

  it('copies into the build stage every file of scripts/ that the one-file build imports', () => {
    const copied = copies(build).flatMap((args) => args.split(' ').slice(0, -1));
    for (const script of ['scripts/bundle.ts', 'scripts/bundle-start.ts']) {
      expect(copied).toContain(script);
      const local = [...readFileSync(path.join(ROOT, script), 'utf8').matchAll(/from '\.\/([\w-]+)'/g)].map((match) => `scripts/${match[1]}.ts`);
      for (const file of local) expect([script, file, copied.includes(file)]).toEqual([script, file, true]);
    }
  });

  it('runs as a non-root user, exposes 3978 and starts the one-file build as npm start does', () => {
    const users = runtime.filter((i) => i.keyword === 'USER');
    expect(users).toHaveLength(1);
    expect(users[0].args).not.toMatch(/^(root|0)(:|$)/);
    // Nothing runs as root after the switch.
    const userAt = runtime.indexOf(users[0]);
    expect(runtime.slice(userAt).some((i) => i.keyword === 'RUN')).toBe(false);

    expect(runtime.find((i) => i.keyword === 'EXPOSE')?.args).toBe('3978');
    const cmd = runtime.filter((i) => i.keyword === 'CMD');
    expect(cmd).toHaveLength(1);
    expect(JSON.parse(cmd[0].args)).toEqual(['node', 'dist/bundle/start.js']);
    expect(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).toContain('"start": "node dist/bundle/start.js"');
  });

  it('checks /healthz with node\'s own fetch (no curl in the slim image)', () => {
    const healthcheck = runtime.find((i) => i.keyword === 'HEALTHCHECK');
    expect(healthcheck).toBeDefined();
    const [options, command] = healthcheck!.args.split(' CMD ');
    expect(options).toMatch(/--interval=\S+/);
    expect(options).toMatch(/--timeout=\S+/);
    const argv = JSON.parse(command) as string[];
    expect(argv.slice(0, 2)).toEqual(['node', '-e']);
    expect(argv[2]).toContain('fetch(');
    expect(argv[2]).toContain('/healthz');
    // The script itself must parse.
    expect(() => new Function(argv[2])).not.toThrow();
  });

  it('bakes no configuration secret into the image', () => {
    const env = instructions.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG').map((i) => i.args).join(' ');
    for (const secret of ['MicrosoftAppPassword', 'BLOB_CONNECTION_STRING', 'ADMIN_TOKEN', 'STAFF_TOKEN', 'STAFF_SESSION_SECRET', 'STAFF_CLIENT_SECRET']) expect(env).not.toContain(secret);
  });
});

describe('.dockerignore', () => {
  const entries = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('keeps dependencies, build output, local data, secrets, logs and git history out of the context', () => {
    expect(entries).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', '.env', 'coverage', '*.log', '.git']));
  });

  it('does not exclude anything the Dockerfile copies', () => {
    const copied = [...copies(build), ...copies(runtime)]
      .filter((args) => !args.startsWith('--from='))
      .flatMap((args) => args.split(' ').slice(0, -1));
    for (const source of copied) {
      expect([source, entries.includes(source) || entries.includes(`/${source}`)]).toEqual([source, false]);
    }
  });
});
