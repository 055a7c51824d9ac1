/**
 * Measures a JSON text's nesting depth and number of values without parsing it, so a
 * hostile body (5,000 levels deep, a million tiny values) is refused before anything
 * (JSON.parse, the SDK's validation, a logger) walks it. One pass over the characters;
 * strings are skipped with their escapes, so brackets inside text do not count.
 */
export interface JsonShapeLimits {
  maxDepth: number;
  /** Object fields plus array items, counted at every level. */
  maxValues: number;
}

export type JsonShapeProblem = 'depth' | 'values';

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The first limit the text breaks, or undefined. Malformed JSON is left for JSON.parse to report. */
export function checkJsonShape(text: string, limits: JsonShapeLimits): JsonShapeProblem | undefined {
  let depth = 0;
  // Every container holds one value more than its commas (when not empty): count commas, plus one per container opened.
  let values = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i++;
        else if (s === QUOTE) break;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth += 1;
      values += 1;
      if (depth > limits.maxDepth) return 'depth';
      if (values > limits.maxValues) return 'values';
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth -= 1;
    } else if (c === COMMA) {
      values += 1;
      if (values > limits.maxValues) return 'values';
    }
  }
  return undefined;
}
