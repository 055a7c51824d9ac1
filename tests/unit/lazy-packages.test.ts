/**
 * The stand-in the one-file build puts in place of a package loaded at first use
 * (scripts/lazy-packages.ts): nothing loads until something is read from it, the interop
 * helpers' questions are answered as the package would, and once loaded it is the package.
 */
import { LAZY_MODULE } from '../../scripts/lazy-packages';

type LazyModule = (load: () => object, esModule: boolean) => Record<PropertyKey, unknown>;
// The stand-in's source, as the bundle holds it.
const lazyModule = new Function(`return ${LAZY_MODULE}`)() as LazyModule;

function fakePackage(): { exports: Record<string, unknown>; loads: () => number; load: () => object } {
  let loads = 0;
  const exports: Record<string, unknown> = {};
  Object.defineProperty(exports, '__esModule', { value: true });
  // As TypeScript's CommonJS output re-exports: a getter, not configurable.
  Object.defineProperty(exports, 'verify', { enumerable: true, get: () => (token: string) => token === 'good' });
  exports.version = '1.0.0';
  return { exports, loads: () => loads, load: () => (loads++, exports) };
}

it('loads the package only when something is read from it, once', () => {
  const fake = fakePackage();
  const lazy = lazyModule(fake.load, true);
  expect(fake.loads()).toBe(0);
  expect(lazy.__esModule).toBe(true);
  expect(fake.loads()).toBe(0);
  expect((lazy.verify as (token: string) => boolean)('good')).toBe(true);
  expect(lazy.version).toBe('1.0.0');
  expect(fake.loads()).toBe(1);
});

it('answers __esModule as a CommonJS package without it would, so default-import interop wraps it', () => {
  const fake = fakePackage();
  const lazy = lazyModule(fake.load, false);
  expect(lazy.__esModule).toBeUndefined();
  expect(fake.loads()).toBe(0);
});

it('lists and describes the exports as the package does, non-configurable getters included', () => {
  const fake = fakePackage();
  const lazy = lazyModule(fake.load, true);
  expect(Object.keys(lazy).sort()).toEqual(['verify', 'version']);
  expect('verify' in lazy).toBe(true);
  // What esbuild's and TypeScript's interop helpers do with a module: copy its properties.
  const copy: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(lazy)) {
    const descriptor = Object.getOwnPropertyDescriptor(lazy, key) as PropertyDescriptor;
    Object.defineProperty(copy, key, { get: () => lazy[key], enumerable: descriptor.enumerable });
  }
  expect((copy.verify as (token: string) => boolean)('bad')).toBe(false);
  expect(fake.loads()).toBe(1);
});
