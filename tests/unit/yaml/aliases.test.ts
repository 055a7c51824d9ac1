/**
 * An alias whose anchor is missing or set after it: yaml parses such a file without an error and
 * throws only when the value is read, so the one YAML reader must report it at its line rather
 * than crash (found by tests/fuzz/yaml-loaders.test.ts: "<<: *a" appended to a flow file).
 */
import { readYamlDocument } from '../../../src/core/yaml/yaml-source';

describe('readYamlDocument and aliases', () => {
  it('reports an alias without its anchor at its line, as a syntax problem', () => {
    const read = readYamlDocument('dialogs/x.yaml', 'id: x\ntitle: t\n<<: *a\n');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems[0]).toMatchObject({ file: 'dialogs/x.yaml', line: 3, syntax: { code: 'BAD_ALIAS' } });
  });

  it('reports an alias used before its anchor is set', () => {
    const read = readYamlDocument('knowledge/x.yaml', 'a: *later\nb: &later 1\n');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems[0]).toMatchObject({ line: 1, syntax: { code: 'BAD_ALIAS' } });
  });

  it('still reads an anchor and its alias in order', () => {
    const read = readYamlDocument('knowledge/x.yaml', 'a: &one 1\nb: *one\n');
    expect(read.ok && read.doc.data).toEqual({ a: 1, b: 1 });
  });
});
