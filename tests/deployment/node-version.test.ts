/**
 * One Node story (issue 22): package.json's engines, the image, App Service's runtime, CI and
 * the README agree. engines keeps >=20.19 (this machine's Node); the image and App Service run
 * Node 24; CI runs both; restify@12 asks for Node >=22, and the README names that one
 * EBADENGINE warning and why it is safe.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('the Node version', () => {
  const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
  const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string; engines?: { node?: string } }> };

  it('package.json allows 20.19 and newer', () => {
    expect(engines).toBe('>=20.19');
  });

  it('the image and App Service run Node 24', () => {
    expect(read('deployment/Dockerfile')).toMatch(/^ARG NODE_IMAGE=node:24-/m);
    expect(read('deployment/azure/main.bicep')).toContain("'NODE|24-lts'");
  });

  it('CI runs the oldest allowed Node and the deployed one', () => {
    const ci = parse(read('.github/workflows/ci.yml')) as { jobs: { test: { strategy: { matrix: { node: string[] } } } } };
    expect(ci.jobs.test.strategy.matrix.node).toEqual(['20.19', '24']);
  });

  it('the only dependency asking for more than engines allows is restify, and the README names its warning', () => {
    const stricter = Object.entries(lock.packages)
      .filter(([name, info]) => name.startsWith('node_modules/') && !name.includes('/node_modules/', 13) && /^>=\s*2[1-9]/.test(info.engines?.node ?? ''))
      .map(([name]) => name.slice('node_modules/'.length));
    const readme = read('README.md');
    expect(readme).toContain('Node.js 20.19');
    expect(readme).toContain('EBADENGINE');
    for (const name of stricter) expect(readme).toContain(`'${name}@`);
  });
});
