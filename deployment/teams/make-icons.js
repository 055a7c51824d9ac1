#!/usr/bin/env node
/**
 * Draws the two Teams app icons with nothing but node's zlib:
 *   color.png   192x192, a white speech bubble with "PN" on PN blue (#1B75BB)
 *   outline.png  32x32,  the same bubble in white on transparent (Teams requires
 *                        white-only pixels and a transparent background)
 *
 *   node deployment/teams/make-icons.js [output-dir]   (default: this folder)
 *
 * The PNGs are committed; run this again only to change the drawing. Output is
 * byte-for-byte deterministic.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const PN_BLUE = [0x1b, 0x75, 0xbb];
const WHITE = [0xff, 0xff, 0xff];
/** Sub-samples per pixel side: edges get 4x4 = 16 levels of coverage. */
const SUPERSAMPLE = 4;

// ---- The drawing, in a design space 100 wide and 92 tall -------------------
// A rounded speech bubble (0..100 x 0..70, radius 14) with a tail at the lower
// left, and the letters P and N cut out of it as plain blocks.

const BUBBLE = { x0: 0, y0: 0, x1: 100, y1: 70, r: 14 };
const TAIL = [
  [18, 66],
  [40, 66],
  [12, 92],
];
const LETTER_BLOCKS = [
  // P: stem, top bar, middle bar, right side of the bowl
  [17, 18, 26, 52],
  [17, 18, 45, 27],
  [17, 35, 45, 44],
  [36, 18, 45, 44],
  // N: two stems (the diagonal is below)
  [55, 18, 64, 52],
  [74, 18, 83, 52],
];
const N_DIAGONAL = { from: [59.5, 18], to: [78.5, 52], halfWidth: 5, box: [55, 18, 83, 52] };

function inRoundedRect(x, y, { x0, y0, x1, y1, r }) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inTriangle(x, y, [a, b, c]) {
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  const hasNeg = d1 < 0 || d2 < 0 || d3 < 0;
  const hasPos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(hasNeg && hasPos);
}

function inBlock(x, y, [x0, y0, x1, y1]) {
  return x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

function nearSegment(x, y, { from, to, halfWidth, box }) {
  if (!inBlock(x, y, box)) return false;
  const [ax, ay] = from;
  const [bx, by] = to;
  const t = Math.min(1, Math.max(0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return (x - (ax + t * (bx - ax))) ** 2 + (y - (ay + t * (by - ay))) ** 2 <= halfWidth ** 2;
}

/** True where the bubble is white: inside the bubble or its tail, outside the letters. */
function isBubble(x, y) {
  const inside = inRoundedRect(x, y, BUBBLE) || inTriangle(x, y, TAIL);
  if (!inside) return false;
  const inLetter = LETTER_BLOCKS.some((block) => inBlock(x, y, block)) || nearSegment(x, y, N_DIAGONAL);
  return !inLetter;
}

/**
 * Coverage of the white bubble for each pixel (0..1), with the design scaled by
 * `scale` pixels per unit and its origin at (`left`, `top`).
 */
function coverage(size, { scale, left, top }) {
  const out = new Float64Array(size * size);
  const step = 1 / SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) * step - left) / scale;
          const y = (py + (sy + 0.5) * step - top) / scale;
          if (isBubble(x, y)) hits++;
        }
      }
      out[py * size + px] = hits / (SUPERSAMPLE * SUPERSAMPLE);
    }
  }
  return out;
}

/** Places the 100x92 design centred in a `size` square, `width` pixels wide. */
function centred(size, width) {
  const scale = width / 100;
  return { scale, left: (size - width) / 2, top: (size - 92 * scale) / 2 };
}

function colorIcon() {
  const size = 192;
  const cover = coverage(size, centred(size, 112));
  const rgba = Buffer.alloc(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const a = cover[i];
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = Math.round(WHITE[c] * a + PN_BLUE[c] * (1 - a));
    rgba[i * 4 + 3] = 0xff;
  }
  return { size, rgba };
}

function outlineIcon() {
  const size = 32;
  const cover = coverage(size, centred(size, 30));
  const rgba = Buffer.alloc(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const alpha = Math.round(cover[i] * 255);
    // White everywhere it shows; fully transparent pixels are all zero.
    if (alpha > 0) WHITE.forEach((value, c) => (rgba[i * 4 + c] = value));
    rgba[i * 4 + 3] = alpha;
  }
  return { size, rgba };
}

// ---- PNG encoding ----------------------------------------------------------

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA, non-interlaced PNG; every row uses filter 0 (none). */
function encodePng({ size, rgba }) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function main() {
  const outDir = path.resolve(process.argv[2] ?? __dirname);
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, icon] of [
    ['color.png', colorIcon()],
    ['outline.png', outlineIcon()],
  ]) {
    const file = path.join(outDir, name);
    const png = encodePng(icon);
    fs.writeFileSync(file, png);
    console.log(`wrote ${path.relative(process.cwd(), file) || file} (${icon.size}x${icon.size}, ${png.length} bytes)`);
  }
}

main();
