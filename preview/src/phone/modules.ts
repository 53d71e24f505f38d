/**
 * The module table of the phone: every module of TDesign and of our mini program, defined by the
 * scripts the local stack compiles (server/preview/packages.ts), required CommonJS-style.
 *
 * A shared module (services, utils, TDesign's common code) runs once and is cached, as in WeChat. A
 * component's own module calls `Component()` when it runs, and simulate registers a component by
 * running its script while it loads it, once per page loaded: so a component entry runs afresh
 * each time (`runComponent`), its dependencies from the cache.
 */
type Require = (specifier: string) => unknown;
type Factory = (module: { exports: unknown }, exports: unknown, require: Require) => void;

interface Definition {
  deps: Record<string, string>;
  factory: Factory;
}

const definitions = new Map<string, Definition>();
const cache = new Map<string, { exports: unknown }>();

export function define(id: string, deps: Record<string, string>, factory: Factory): void {
  definitions.set(id, { deps, factory });
}

function execute(id: string, remember: boolean): unknown {
  const definition = definitions.get(id);
  if (!definition) throw new Error(`preview: no module ${id}`);
  const module = { exports: {} as unknown };
  if (remember) cache.set(id, module); // before running: circular imports see the partial exports
  const require: Require = (specifier) => {
    const target = definition.deps[specifier];
    if (!target) throw new Error(`preview: ${id} requires "${specifier}", which was not compiled`);
    return requireModule(target);
  };
  definition.factory(module, module.exports, require);
  return module.exports;
}

export function requireModule(id: string): unknown {
  const cached = cache.get(id);
  return cached ? cached.exports : execute(id, true);
}

export function runComponent(id: string): void {
  execute(id, false);
}

export function hasModule(id: string): boolean {
  return definitions.has(id);
}
