/**
 * An esbuild plugin for scripts/bundle.ts: packages that botbuilder requires when its own
 * modules load but that a turn reaches only in some configurations (Azure sign-in,
 * token validation, the connector's HTTP pipeline, streaming, speak tags) are not run at
 * start. Each require of one returns a stand-in that loads the package the first time
 * anything is read from it. The package is still in the bundle, and behaves as before
 * once loaded; only its loading moves from the start to its first use.
 */
import type { Plugin } from 'esbuild';

export function lazyPackages(names: readonly string[]): Plugin {
  const filter = new RegExp(`^(${names.map((name) => name.replace(/[/.@-]/g, (c) => `\\${c}`)).join('|')})$`);
  return {
    name: 'lazy-packages',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if ((args.pluginData as { real?: boolean } | undefined)?.real) return undefined;
        const real = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { real: true } });
        if (real.errors.length > 0) return { errors: real.errors };
        return { path: real.path, namespace: 'lazy-package' };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- known at build time: a stand-in must answer __esModule without loading
        const esModule = Boolean((require(args.path) as { __esModule?: boolean }).__esModule);
        return { contents: `module.exports = (${LAZY_MODULE})(() => require(${JSON.stringify(args.path)}), ${esModule});`, loader: 'js', resolveDir: '/' };
      });
    },
  };
}

/**
 * The stand-in, as source copied into the bundle: a Proxy whose target becomes a copy of the
 * module's exports at first use, so the Proxy's invariants hold for non-configurable exports.
 * `__esModule` (which an importer's interop helper reads at once) is answered without loading.
 */
export const LAZY_MODULE = `function lazyModule(load, esModule) {
  let real;
  const target = {};
  const loaded = () => {
    if (real === undefined) real = load();
    for (const key of Reflect.ownKeys(real)) {
      if (!Object.prototype.hasOwnProperty.call(target, key)) Object.defineProperty(target, key, Object.getOwnPropertyDescriptor(real, key));
    }
    return real;
  };
  return new Proxy(target, {
    get: (_target, key) => (key === '__esModule' && real === undefined ? esModule || undefined : Reflect.get(loaded(), key)),
    has: (_target, key) => Reflect.has(loaded(), key),
    set: (_target, key, value) => Reflect.set(loaded(), key, value),
    ownKeys: () => (loaded(), Reflect.ownKeys(target)),
    getOwnPropertyDescriptor: (_target, key) => (loaded(), Reflect.getOwnPropertyDescriptor(target, key)),
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(loaded(), key, descriptor) && Reflect.defineProperty(target, key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(loaded(), key) && Reflect.deleteProperty(target, key),
    getPrototypeOf: () => Reflect.getPrototypeOf(loaded()),
  });
}`;
