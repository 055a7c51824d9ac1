/**
 * Where compiled content is kept by its hash, so a second process with the same content
 * does not compile it again: a folder on disk (one file per artefact, written whole or
 * not at all), or a Blob container every instance reads. JSON with typed arrays packed as
 * base64, so trained weights come back to the bit.
 */
import { isAscii } from 'node:buffer';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { blobStatus, type Container } from './blob-container';

export interface ArtefactStore {
  /** The artefact's text, or undefined when there is none by that name. */
  read(name: string): Promise<string | undefined>;
  write(name: string, text: string): Promise<void>;
}

/** One file per artefact under `dir`; the oldest are removed past `keep` files. */
export class DiskArtefactStore implements ArtefactStore {
  constructor(
    readonly dir: string,
    private readonly keep = 30,
  ) {}

  async read(name: string): Promise<string | undefined> {
    try {
      return textOf(await readFile(this.fileOf(name)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async write(name: string, text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Written aside and renamed: a reader (another test worker, another process) sees all of it or nothing.
    const temporary = `${this.fileOf(name)}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, this.fileOf(name));
    await this.prune();
  }

  private fileOf(name: string): string {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`not an artefact name: ${name}`);
    return path.join(this.dir, `${name}.json`);
  }

  private async prune(): Promise<void> {
    const names = (await readdir(this.dir)).filter((name) => name.endsWith('.json'));
    if (names.length <= this.keep) return;
    const dated = await Promise.all(names.map(async (name) => ({ name, at: (await stat(path.join(this.dir, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
    dated.sort((a, b) => a.at - b.at);
    await Promise.all(dated.slice(0, dated.length - this.keep).map(({ name }) => unlink(path.join(this.dir, name)).catch(() => undefined)));
  }
}

/** Artefacts as blobs `<prefix><name>.json` in a container every instance reads. */
export class BlobArtefactStore implements ArtefactStore {
  constructor(
    private readonly container: Container,
    private readonly prefix = 'compiled/',
  ) {}

  async read(name: string): Promise<string | undefined> {
    try {
      const buffer = await this.container.run((client) => client.getBlockBlobClient(this.blobOf(name)).downloadToBuffer());
      return textOf(buffer);
    } catch (error) {
      if (blobStatus(error) === 404) return undefined;
      throw error;
    }
  }

  async write(name: string, text: string): Promise<void> {
    const body = Buffer.from(text, 'utf8');
    await this.container.run((client) => client.getBlockBlobClient(this.blobOf(name)).uploadData(body, { blobHTTPHeaders: { blobContentType: 'application/json' } }));
  }

  private blobOf(name: string): string {
    return `${this.prefix}${name}.json`;
  }
}

/**
 * Several stores, nearest first (this machine's folder, then the Blob every instance
 * shares): read from the first that has it (and copied into the nearer ones), written to all.
 */
export class LayeredArtefactStore implements ArtefactStore {
  constructor(private readonly layers: ArtefactStore[]) {}

  async read(name: string): Promise<string | undefined> {
    for (const [at, layer] of this.layers.entries()) {
      const text = await layer.read(name);
      if (text === undefined) continue;
      await Promise.all(this.layers.slice(0, at).map((nearer) => nearer.write(name, text)));
      return text;
    }
    return undefined;
  }

  async write(name: string, text: string): Promise<void> {
    await Promise.all(this.layers.map((layer) => layer.write(name, text)));
  }
}

/** Stores nothing: every process compiles for itself. */
export const NO_ARTEFACTS: ArtefactStore = { read: () => Promise.resolve(undefined), write: () => Promise.resolve() };

type TypedArray = Float32Array | Float64Array | Int32Array;
const TYPED = { f32: Float32Array, f64: Float64Array, i32: Int32Array } as const;
type TypedKind = keyof typeof TYPED;

/**
 * JSON with typed arrays as { $typed, base64 } (little-endian bytes, as the machine holds them),
 * in ASCII: every other character as a \u escape. A start reads the compiled knowledge base
 * (megabytes, Vietnamese in a few places) in a third of the CPU time: ASCII bytes decode as
 * latin1 without UTF-8 decoding, and JSON.parse scans a one-byte string (see textOf).
 */
export function packJson(value: unknown): string {
  const json = JSON.stringify(value, (_key, item: unknown) => {
    const kind = typedKind(item);
    if (kind === undefined) return item;
    const array = item as TypedArray;
    return { $typed: kind, base64: Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64') };
  });
  // Outside JSON strings there is nothing but ASCII, so each escape lands inside a string.
  return json.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A stored artefact's text. ASCII (what packJson writes) is read as latin1, the same
 * characters without UTF-8 decoding; anything else (an artefact written before) as UTF-8.
 */
export function textOf(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

export function unpackJson(text: string): unknown {
  // Parsed plainly, then only objects are visited: a reviver is called for every value (the
  // vocabulary's thousands of numbers), which took twice as long on a compiled knowledge base.
  return unpackTyped(JSON.parse(text) as unknown);
}

function unpackTyped(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') value[i] = unpackTyped(item);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.$typed === 'string' && typeof record.base64 === 'string') return typedArrayOf(record.$typed as TypedKind, record.base64);
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (item !== null && typeof item === 'object') record[key] = unpackTyped(item);
  }
  return record;
}

function typedArrayOf(kind: TypedKind, base64: string): TypedArray {
  if (!Object.hasOwn(TYPED, kind)) throw new Error(`not a packed typed array: ${kind}`);
  const Type = TYPED[kind];
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length % Type.BYTES_PER_ELEMENT !== 0) throw new Error(`a packed ${kind} array of ${bytes.length} bytes`);
  // A typed array must start at an aligned offset: small buffers share Node's pool at any offset.
  if (bytes.byteOffset % Type.BYTES_PER_ELEMENT === 0) return new Type(bytes.buffer, bytes.byteOffset, bytes.length / Type.BYTES_PER_ELEMENT);
  const aligned = new Uint8Array(bytes.length);
  aligned.set(bytes);
  return new Type(aligned.buffer, 0, bytes.length / Type.BYTES_PER_ELEMENT);
}

function typedKind(item: unknown): TypedKind | undefined {
  if (item instanceof Float32Array) return 'f32';
  if (item instanceof Float64Array) return 'f64';
  if (item instanceof Int32Array) return 'i32';
  return undefined;
}

/**
 * The store the CLIs, the tests and a bot without other settings use: the folder named by
 * CONTENT_CACHE_DIR (default `.cache/content` in the working folder), none when it is "off".
 */
export function artefactStoreFromEnv(env: NodeJS.ProcessEnv = process.env): ArtefactStore {
  const dir = env.CONTENT_CACHE_DIR?.trim();
  if (dir === 'off') return NO_ARTEFACTS;
  return new DiskArtefactStore(path.resolve(dir || DEFAULT_ARTEFACT_DIR));
}

export const DEFAULT_ARTEFACT_DIR = '.cache/content';
