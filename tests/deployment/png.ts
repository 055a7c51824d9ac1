/**
 * Just enough PNG reading for the deployment tests: the IHDR header, and the
 * pixels of an 8-bit RGBA, non-interlaced image (all five row filters).
 */
import { crc32, inflateSync } from 'node:zlib';

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Chunk {
  type: string;
  data: Buffer;
}

function chunks(png: Buffer): Chunk[] {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
  const found: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    const crc = png.readUInt32BE(at + 8 + length);
    if ((crc32(png.subarray(at + 4, at + 8 + length)) >>> 0) !== crc) throw new Error(`bad CRC in the ${type} chunk`);
    found.push({ type, data });
    at += 12 + length;
  }
  return found;
}

export function readPngHeader(png: Buffer): PngHeader {
  const first = chunks(png)[0];
  if (first?.type !== 'IHDR') throw new Error('the first chunk is not IHDR');
  return {
    width: first.data.readUInt32BE(0),
    height: first.data.readUInt32BE(4),
    bitDepth: first.data[8],
    colorType: first.data[9],
    interlace: first.data[12],
  };
}

/** RGBA bytes, row by row. Only 8-bit RGBA without interlacing (what make-icons.js writes). */
export function readPngPixels(png: Buffer): { header: PngHeader; rgba: Buffer } {
  const header = readPngHeader(png);
  if (header.bitDepth !== 8 || header.colorType !== 6 || header.interlace !== 0) {
    throw new Error(`only 8-bit RGBA non-interlaced PNGs are read here, got ${JSON.stringify(header)}`);
  }
  const all = chunks(png);
  if (all[all.length - 1]?.type !== 'IEND') throw new Error('no IEND chunk at the end');
  const raw = inflateSync(Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = header.width * 4;
  if (raw.length !== (stride + 1) * header.height) throw new Error('image data has the wrong length');
  const rgba = Buffer.alloc(stride * header.height);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= 4 ? rgba[y * stride + x - 4] : 0;
      const up = y > 0 ? rgba[(y - 1) * stride + x] : 0;
      const upLeft = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4] : 0;
      let predicted: number;
      if (filter === 0) predicted = 0;
      else if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) predicted = paeth(left, up, upLeft);
      else throw new Error(`unknown row filter ${filter}`);
      rgba[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return { header, rgba };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}
