/**
 * Where compiled content is kept by its hash, so a second process with the same content
 * does not compile it again: a folder on disk (one file per artefact, written whole or
 * not at all), or a Blob container every instance reads. JSON, with typed arrays (the trained
 * weights) after it as their bytes, so they come back to the bit (see packJson).
 */
import { isAscii } from 'node:buffer';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { blobStatus, type Container } from './blob-container';
import { escapeNonAscii } from './escape-non-ascii';

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
      return artefactText(await readFile(this.fileOf(name)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async write(name: string, text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Written aside and renamed: a reader (another test worker, another process) sees all of it or nothing.
    const temporary = `${this.fileOf(name)}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, artefactBytes(text));
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
      return artefactText(buffer);
    } catch (error) {
      if (blobStatus(error) === 404) return undefined;
      throw error;
    }
  }

  async write(name: string, text: string): Promise<void> {
    const body = artefactBytes(text);
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

/** How a packed artefact begins: JSON of this many characters, then the typed arrays' bytes. */
const PACKED = 'PNB1';
const LENGTH_DIGITS = 10;

/**
 * JSON with each typed array as { $typed, at, bytes }: its little-endian bytes (as the machine
 * holds them) at that offset after the JSON, one character a byte. The JSON is ASCII (every
 * other character as a \u escape). A start reads the compiled knowledge base, 3.5 MB of it
 * weights, without decoding UTF-8 or base64 and with a JSON a fifth of the size to parse:
 * about 60 ms of CPU before, 10 after (bench/RESULTS.md).
 */
export function packJson(value: unknown): string {
  const chunks: Buffer[] = [];
  let at = 0;
  const json = JSON.stringify(value, (_key, item: unknown) => {
    const kind = typedKind(item);
    if (kind === undefined) return item;
    const array = item as TypedArray;
    const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    chunks.push(bytes);
    at += bytes.length;
    return { $typed: kind, at: at - bytes.length, bytes: bytes.length };
  });
  // Outside JSON strings there is nothing but ASCII, so each escape lands inside a string.
  const header = escapeNonAscii(json);
  return `${PACKED}${String(header.length).padStart(LENGTH_DIGITS, '0')}${header}${Buffer.concat(chunks).toString('latin1')}`;
}

/** The bytes stored for an artefact's text: one a character when packed (packJson), else UTF-8. */
function artefactBytes(text: string): Buffer {
  return Buffer.from(text, text.startsWith(PACKED) ? 'latin1' : 'utf8');
}

/**
 * A stored artefact's text. Packed (packJson) or ASCII, one character a byte (latin1, no
 * UTF-8 decoding); anything else (JSON written before) as UTF-8.
 */
function artefactText(bytes: Buffer): string {
  const packed = bytes.subarray(0, PACKED.length).toString('latin1') === PACKED;
  return packed || isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** The value packJson packed, or (an artefact written before) JSON with typed arrays as base64. */
export function unpackJson(text: string): unknown {
  if (!text.startsWith(PACKED)) return unpackTyped(JSON.parse(text) as unknown, typedFromBase64);
  const start = PACKED.length + LENGTH_DIGITS;
  const end = start + Number(text.slice(PACKED.length, start));
  if (!Number.isInteger(end) || end > text.length) throw new Error('a packed artefact shorter than its header says');
  const header = JSON.parse(text.slice(start, end)) as unknown;
  return unpackTyped(header, (record) => {
    const at = end + Number(record.at);
    const length = Number(record.bytes);
    if (!Number.isInteger(at) || !Number.isInteger(length) || at < end || at + length > text.length) throw new Error('a packed typed array outside the artefact');
    return typedArrayOf(record.$typed as TypedKind, Buffer.from(text.slice(at, at + length), 'latin1'));
  });
}

type PackedRecord = Record<string, unknown> & { $typed: string };

// Parsed plainly, then only objects are visited: a reviver is called for every value (the
// vocabulary's thousands of numbers), which took twice as long on a compiled knowledge base.
function unpackTyped(value: unknown, typed: (record: PackedRecord) => TypedArray): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') value[i] = unpackTyped(item, typed);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.$typed === 'string') return typed(record as PackedRecord);
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (item !== null && typeof item === 'object') record[key] = unpackTyped(item, typed);
  }
  return record;
}

function typedFromBase64(record: PackedRecord): TypedArray {
  if (typeof record.base64 !== 'string') throw new Error('a packed typed array without its bytes');
  return typedArrayOf(record.$typed as TypedKind, Buffer.from(record.base64, 'base64'));
}

function typedArrayOf(kind: TypedKind, bytes: Buffer<ArrayBuffer>): TypedArray {
  if (!Object.hasOwn(TYPED, kind)) throw new Error(`not a packed typed array: ${kind}`);
  const Type = TYPED[kind];
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
