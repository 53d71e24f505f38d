/**
 * `npm run deploy -- --env <id>`: the whole CloudBase environment as code. The plan is data, a
 * pure function of what the repository holds (cloudbaserc.json, each function's config.json,
 * database/*.json) and the deployer's options; `applyPlan` carries it out through the
 * `DeployTarget` interface, which the CloudBase management library implements
 * (deploy-cloudbase.ts) and a test replaces with a recording fake. Applying twice changes
 * nothing the first did not: a function that exists is updated, a collection that exists is
 * kept with its documents, an index that exists is left alone.
 *
 * Secrets never come from the repository: `{{env.NAME}}` in cloudbaserc.json is read from the
 * deployer's environment when the plan is applied, and the printed plan shows only where a
 * value comes from.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIRST_START_ENV } from '../registry/first-start-code';

export { FIRST_START_ENV };

export interface TriggerSpec {
  name: string;
  type: string;
  config: string;
}

/** An environment variable's value: literal, or read from the deployer's environment by name. */
export type EnvValue = { literal: string } | { fromEnv: string; required: boolean };

export interface FunctionSpec {
  name: string;
  description: string;
  /** The folder uploaded as the function's code (index.js, package.json, config.json). */
  folder: string;
  handler: string;
  runtime: string;
  timeout: number;
  memorySize: number;
  installDependency: boolean;
  ignore: string[];
  env: Record<string, EnvValue>;
  triggers: TriggerSpec[];
  /** 云调用 permissions: WeChat reads them from config.json in the uploaded package. */
  openapi: string[];
}

export interface IndexSpec {
  name: string;
  unique: boolean;
  keys: Array<{ name: string; direction: string }>;
}

export interface SecurityRule {
  read: boolean | string;
  write: boolean | string;
}

export type DeployStep =
  | { kind: 'function'; fn: FunctionSpec }
  | { kind: 'collection'; name: string }
  | { kind: 'indexes'; collection: string; indexes: IndexSpec[] }
  | { kind: 'collectionRule'; collection: string; rule: SecurityRule }
  | { kind: 'storageRule'; rule: SecurityRule };

export interface DeployPlan {
  envId: string;
  steps: DeployStep[];
}

/** What the repository says is to be deployed. */
export interface RepoConfig {
  functions: FunctionSpec[];
  collections: string[];
  indexes: Record<string, IndexSpec[]>;
  rules: Record<string, SecurityRule>;
}

/**
 * Files are private (DESIGN: served only after an access check, by short-lived address): no
 * client reads storage directly, and a client may only write files it creates itself.
 */
export const STORAGE_RULE: SecurityRule = { read: false, write: 'resource.openid == auth.openid' };

/** Functions refuse to run without the keys of personal data (sealing, person key): the deploy refuses first. */
const REQUIRED_ENV = new Set(['JJN_PII_KEY', 'JJN_PERSON_KEY']);

interface RcFunction {
  name: string;
  description?: string;
  handler?: string;
  runtime?: string;
  timeout?: number;
  memorySize?: number;
  installDependency?: boolean;
  envVariables?: Record<string, string>;
  ignore?: string[];
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function envValue(text: string): EnvValue {
  const match = /^\{\{env\.([A-Z0-9_]+)\}\}$/.exec(text);
  if (!match) return { literal: text };
  return { fromEnv: match[1]!, required: REQUIRED_ENV.has(match[1]!) };
}

/** Reads what is to be deployed from the repository at `root`. */
export function readRepoConfig(root: string): RepoConfig {
  const rc = readJson<{ functionRoot: string; functions: RcFunction[] }>(path.join(root, 'cloudbaserc.json'));
  const functions = rc.functions.map((fn): FunctionSpec => {
    const folder = path.join(root, rc.functionRoot, fn.name);
    const config = readJson<{ permissions?: { openapi?: string[] }; triggers?: TriggerSpec[] }>(
      path.join(folder, 'config.json'),
    );
    return {
      name: fn.name,
      description: fn.description ?? '',
      folder,
      handler: fn.handler ?? 'index.main',
      runtime: fn.runtime ?? 'Nodejs16.13',
      timeout: fn.timeout ?? 10,
      memorySize: fn.memorySize ?? 256,
      installDependency: fn.installDependency ?? true,
      ignore: fn.ignore ?? [],
      env: Object.fromEntries(Object.entries(fn.envVariables ?? {}).map(([key, text]) => [key, envValue(text)])),
      triggers: config.triggers ?? [],
      openapi: config.permissions?.openapi ?? [],
    };
  });
  const indexFile = readJson<{ collections: Array<{ collection: string; indexes: IndexSpec[] }> }>(
    path.join(root, 'database/indexes.json'),
  );
  const rules = readJson<{ collections: Record<string, SecurityRule> }>(
    path.join(root, 'database/security-rules.json'),
  ).collections;
  return {
    functions,
    collections: Object.keys(rules),
    indexes: Object.fromEntries(indexFile.collections.map((entry) => [entry.collection, entry.indexes])),
    rules,
  };
}

export interface PlanOptions {
  envId: string;
  /** `<sha-256 of the code>:<expiry ISO>` for the `societies` function, when a first-start code is issued. */
  firstStart?: string;
}

/** The steps, in order: functions first (their code can run), then the database, then storage. */
export function deployPlan(repo: RepoConfig, options: PlanOptions): DeployPlan {
  const steps: DeployStep[] = repo.functions.map((fn) => ({
    kind: 'function',
    fn:
      fn.name === 'societies' && options.firstStart
        ? { ...fn, env: { ...fn.env, [FIRST_START_ENV]: { literal: options.firstStart } } }
        : fn,
  }));
  for (const name of repo.collections) {
    steps.push({ kind: 'collection', name });
    const indexes = repo.indexes[name] ?? [];
    if (indexes.length > 0) steps.push({ kind: 'indexes', collection: name, indexes });
    steps.push({ kind: 'collectionRule', collection: name, rule: repo.rules[name]! });
  }
  for (const name of Object.keys(repo.indexes)) {
    if (!repo.collections.includes(name)) throw new Error(`indexes for ${name}, which has no security rule`);
  }
  steps.push({ kind: 'storageRule', rule: STORAGE_RULE });
  return { envId: options.envId, steps };
}

/** The management API the plan needs; deploy-cloudbase.ts implements it with @cloudbase/manager-node. */
export interface DeployTarget {
  functionExists(name: string): Promise<boolean>;
  createFunction(fn: ResolvedFunction): Promise<void>;
  updateFunctionCode(fn: ResolvedFunction): Promise<void>;
  updateFunctionConfig(fn: ResolvedFunction): Promise<void>;
  /** Makes the function's triggers exactly these (same names replaced, others removed). */
  setTriggers(name: string, triggers: TriggerSpec[]): Promise<void>;
  /** Creates the collection when missing; true when it was created. */
  ensureCollection(name: string): Promise<boolean>;
  indexNames(collection: string): Promise<string[]>;
  createIndexes(collection: string, indexes: IndexSpec[]): Promise<void>;
  setCollectionRule(collection: string, rule: SecurityRule): Promise<void>;
  setStorageRule(rule: SecurityRule): Promise<void>;
}

export interface ResolvedFunction extends Omit<FunctionSpec, 'env'> {
  env: Record<string, string>;
}

/** Resolves `{ fromEnv }` values from the deployer's environment; a missing required one stops the deploy. */
export function resolveFunction(fn: FunctionSpec, environment: Record<string, string | undefined>): ResolvedFunction {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(fn.env)) {
    if ('literal' in value) {
      env[key] = value.literal;
      continue;
    }
    const found = environment[value.fromEnv];
    if (found) env[key] = found;
    else if (value.required) throw new Error(`${value.fromEnv} is not set in the deployer's environment`);
  }
  return { ...fn, env };
}

/** Refuses before any call when a required secret is missing, or config.json would not be uploaded. */
export function checkPlan(plan: DeployPlan, environment: Record<string, string | undefined>): void {
  for (const step of plan.steps) {
    if (step.kind !== 'function') continue;
    resolveFunction(step.fn, environment);
    if (step.fn.ignore.some((pattern) => pattern === 'config.json' || pattern === '*.json')) {
      throw new Error(`${step.fn.name}: config.json (its openapi permissions and triggers) would not be uploaded`);
    }
  }
}

export interface ApplyReport {
  created: string[];
  updated: string[];
  collectionsCreated: string[];
  indexesCreated: string[];
}

export async function applyPlan(
  plan: DeployPlan,
  target: DeployTarget,
  environment: Record<string, string | undefined>,
  log: (line: string) => void = () => undefined,
): Promise<ApplyReport> {
  checkPlan(plan, environment);
  const report: ApplyReport = { created: [], updated: [], collectionsCreated: [], indexesCreated: [] };
  for (const step of plan.steps) {
    switch (step.kind) {
      case 'function': {
        const fn = resolveFunction(step.fn, environment);
        if (await target.functionExists(fn.name)) {
          await target.updateFunctionCode(fn);
          await target.updateFunctionConfig(fn);
          report.updated.push(fn.name);
          log(`function ${fn.name}: code and configuration updated`);
        } else {
          await target.createFunction(fn);
          report.created.push(fn.name);
          log(`function ${fn.name}: created`);
        }
        await target.setTriggers(fn.name, fn.triggers);
        break;
      }
      case 'collection':
        if (await target.ensureCollection(step.name)) {
          report.collectionsCreated.push(step.name);
          log(`collection ${step.name}: created`);
        }
        break;
      case 'indexes': {
        const existing = new Set(await target.indexNames(step.collection));
        const missing = step.indexes.filter((index) => !existing.has(index.name));
        if (missing.length > 0) {
          await target.createIndexes(step.collection, missing);
          report.indexesCreated.push(...missing.map((index) => `${step.collection}.${index.name}`));
          log(`collection ${step.collection}: indexes ${missing.map((index) => index.name).join(', ')} created`);
        }
        break;
      }
      case 'collectionRule':
        await target.setCollectionRule(step.collection, step.rule);
        break;
      case 'storageRule':
        await target.setStorageRule(step.rule);
        log('storage: private rule set');
        break;
    }
  }
  return report;
}

/** The plan as the deployer reads it (`--dry-run`): where every value comes from, no secret. */
export function describePlan(plan: DeployPlan): string[] {
  const lines = [`CloudBase environment ${plan.envId}:`];
  for (const step of plan.steps) {
    switch (step.kind) {
      case 'function': {
        const fn = step.fn;
        const env = Object.entries(fn.env).map(([key, value]) =>
          'literal' in value
            ? key === FIRST_START_ENV
              ? `${key}=<hash of the first-start code>`
              : `${key}=${value.literal}`
            : `${key}=<$${value.fromEnv}${value.required ? ', required' : ''}>`,
        );
        lines.push(
          `  function ${fn.name}: create or update (${fn.runtime}, ${fn.timeout} s, ${fn.memorySize} MB, handler ${fn.handler})`,
          `    env: ${env.join(' ') || '-'}`,
          `    triggers: ${fn.triggers.map((trigger) => `${trigger.name} ${trigger.type} "${trigger.config}"`).join('; ') || '-'}`,
          `    openapi: ${fn.openapi.join(', ') || '-'}`,
        );
        break;
      }
      case 'collection':
        lines.push(`  collection ${step.name}: create if missing (kept if it exists)`);
        break;
      case 'indexes':
        lines.push(`    indexes: ${step.indexes.map((index) => index.name).join(', ')} (create the missing ones)`);
        break;
      case 'collectionRule':
        lines.push(`    rule: ${JSON.stringify(step.rule)}`);
        break;
      case 'storageRule':
        lines.push(`  storage rule: ${JSON.stringify(step.rule)}`);
        break;
    }
  }
  return lines;
}
