/**
 * `npm run deploy`: the plan read from this repository, applied to a recording fake of the
 * management API. The fake keeps what an environment would hold (functions, triggers,
 * collections, indexes, rules) and records every call, so a test can deploy twice and see the
 * second one update rather than create, and keep what exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  applyPlan,
  deployPlan,
  describePlan,
  readRepoConfig,
  STORAGE_RULE,
  type DeployTarget,
  type IndexSpec,
  type ResolvedFunction,
  type SecurityRule,
  type TriggerSpec,
} from '../../server/tools/deploy';
import { FUNCTIONS } from '../../server/functions';
import { COLLECTIONS, INDEXES } from '../../server/collections';
import {
  FIRST_START_ENV,
  firstStartValue,
  hashFirstStartCode,
  parseFirstStartValue,
} from '../../server/registry/first-start-code';
import { TEMPLATE_KEYS, TEMPLATES } from '../../server/messages/templates';

const ROOT = path.join(__dirname, '../..');
const SECRETS = {
  JJN_PII_KEY: 'k'.repeat(48),
  JJN_PII_KEYS_PREVIOUS: 'old-key-'.repeat(5),
  JJN_PERSON_KEY: 'p'.repeat(48),
};

type Call = [method: string, ...args: unknown[]];

/** What a CloudBase environment holds, and every call made to it. */
class RecordingTarget implements DeployTarget {
  calls: Call[] = [];
  functions = new Map<string, ResolvedFunction>();
  triggers = new Map<string, TriggerSpec[]>();
  collections = new Map<string, { indexes: string[]; documents: number }>();
  rules = new Map<string, SecurityRule>();
  storageRule: SecurityRule | null = null;

  async functionExists(name: string) {
    this.calls.push(['functionExists', name]);
    return this.functions.has(name);
  }
  async createFunction(fn: ResolvedFunction) {
    this.calls.push(['createFunction', fn.name]);
    if (this.functions.has(fn.name)) throw new Error(`function ${fn.name} exists`);
    this.functions.set(fn.name, fn);
  }
  async updateFunctionCode(fn: ResolvedFunction) {
    this.calls.push(['updateFunctionCode', fn.name]);
    if (!this.functions.has(fn.name)) throw new Error(`no function ${fn.name}`);
  }
  async updateFunctionConfig(fn: ResolvedFunction) {
    this.calls.push(['updateFunctionConfig', fn.name]);
    this.functions.set(fn.name, fn);
  }
  async setTriggers(name: string, triggers: TriggerSpec[]) {
    this.calls.push(['setTriggers', name, triggers.map((trigger) => trigger.name)]);
    this.triggers.set(name, triggers);
  }
  async ensureCollection(name: string) {
    this.calls.push(['ensureCollection', name]);
    if (this.collections.has(name)) return false;
    this.collections.set(name, { indexes: ['_id_'], documents: 0 });
    return true;
  }
  async indexNames(collection: string) {
    return this.collections.get(collection)?.indexes ?? [];
  }
  async createIndexes(collection: string, indexes: IndexSpec[]) {
    this.calls.push(['createIndexes', collection, indexes.map((index) => index.name)]);
    const entry = this.collections.get(collection);
    if (!entry) throw new Error(`no collection ${collection}`);
    for (const index of indexes) {
      if (entry.indexes.includes(index.name)) throw new Error(`index ${index.name} exists`);
      entry.indexes.push(index.name);
    }
  }
  async setCollectionRule(collection: string, rule: SecurityRule) {
    this.calls.push(['setCollectionRule', collection]);
    this.rules.set(collection, rule);
  }
  async setStorageRule(rule: SecurityRule) {
    this.calls.push(['setStorageRule']);
    this.storageRule = rule;
  }
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as T;
}

const rc = readJson<{
  functions: Array<{
    name: string;
    timeout: number;
    memorySize: number;
    runtime: string;
    envVariables: Record<string, string>;
  }>;
}>('cloudbaserc.json');
const repo = readRepoConfig(ROOT);
const AT = new Date('2026-12-04T08:00:00Z');

describe('npm run deploy: the plan applied to a recording fake of the management API', () => {
  it('deploys every function with its timeout, memory, runtime, environment, timers and openapi permissions', async () => {
    const target = new RecordingTarget();
    const plan = deployPlan(repo, { envId: 'jjn-test', firstStart: firstStartValue('ABCD2345EFGH', AT) });
    const report = await applyPlan(plan, target, SECRETS);

    expect([...target.functions.keys()].sort()).toEqual(Object.keys(FUNCTIONS).sort());
    expect(report.created.sort()).toEqual(Object.keys(FUNCTIONS).sort());
    for (const expected of rc.functions) {
      const deployed = target.functions.get(expected.name)!;
      const config = readJson<{ permissions: { openapi: string[] }; triggers?: TriggerSpec[] }>(
        `cloudfunctions/${expected.name}/config.json`,
      );
      expect({
        name: deployed.name,
        timeout: deployed.timeout,
        memorySize: deployed.memorySize,
        runtime: deployed.runtime,
      }).toEqual({
        name: expected.name,
        timeout: expected.timeout,
        memorySize: expected.memorySize,
        runtime: expected.runtime,
      });
      expect(deployed.env.JJN_PII_KEY).toBe(SECRETS.JJN_PII_KEY);
      expect(deployed.env.JJN_PII_KEYS_PREVIOUS).toBe(SECRETS.JJN_PII_KEYS_PREVIOUS);
      expect(deployed.env.JJN_PERSON_KEY).toBe(SECRETS.JJN_PERSON_KEY);
      // Every function may send a subscribe message (an objection answered, a gift received…).
      for (const key of TEMPLATE_KEYS) expect(Object.keys(expected.envVariables)).toContain(TEMPLATES[key].envVar);
      expect(target.triggers.get(expected.name)).toEqual(config.triggers ?? []);
      expect(deployed.openapi).toEqual(config.permissions.openapi);
      // The permissions ride in config.json, which the upload must include.
      expect(deployed.ignore).not.toContain('config.json');
      expect(fs.existsSync(path.join(deployed.folder, 'config.json'))).toBe(true);
    }
    expect(
      target.triggers
        .get('scheduler')!
        .map((trigger) => trigger.name)
        .sort(),
    ).toEqual(Object.keys(FUNCTIONS.scheduler!.timers ?? {}).sort());
    expect(target.functions.get('notices')!.openapi).toEqual([
      'wxacode.getUnlimited',
      'security.msgSecCheck',
      'subscribeMessage.send',
    ]);
  });

  it('creates every collection with its indexes and closed security rule, and makes storage private', async () => {
    const target = new RecordingTarget();
    await applyPlan(deployPlan(repo, { envId: 'jjn-test' }), target, SECRETS);

    expect([...target.collections.keys()].sort()).toEqual(Object.values(COLLECTIONS).sort());
    for (const [collection, indexes] of Object.entries(INDEXES)) {
      expect(target.collections.get(collection)!.indexes).toHaveLength(indexes.length + 1);
    }
    const expectedNames = readJson<{ collections: Array<{ collection: string; indexes: Array<{ name: string }> }> }>(
      'database/indexes.json',
    ).collections;
    for (const entry of expectedNames) {
      expect(target.collections.get(entry.collection)!.indexes).toEqual([
        '_id_',
        ...entry.indexes.map((index) => index.name),
      ]);
    }
    for (const collection of Object.values(COLLECTIONS)) {
      expect(target.rules.get(collection)).toEqual({ read: false, write: false });
    }
    expect(target.storageRule).toEqual(STORAGE_RULE);
    expect(target.storageRule!.read).toBe(false);
  });

  it('is idempotent: a second deploy updates the functions and keeps collections, documents and indexes', async () => {
    const target = new RecordingTarget();
    const plan = deployPlan(repo, { envId: 'jjn-test' });
    await applyPlan(plan, target, SECRETS);
    target.collections.get('cases')!.documents = 12;
    target.calls = [];

    const report = await applyPlan(plan, target, { ...SECRETS, JJN_PII_KEY: 'n'.repeat(48) });

    expect(report).toEqual({
      created: [],
      updated: rc.functions.map((fn) => fn.name),
      collectionsCreated: [],
      indexesCreated: [],
    });
    const methods = new Set(target.calls.map(([method]) => method));
    expect(methods.has('createFunction')).toBe(false);
    expect(methods.has('createIndexes')).toBe(false);
    expect(target.calls.filter(([method]) => method === 'updateFunctionCode')).toHaveLength(rc.functions.length);
    expect(target.collections.get('cases')!.documents).toBe(12);
    expect(target.functions.get('societies')!.env.JJN_PII_KEY).toBe('n'.repeat(48));
  });

  it('adds only the missing index of an existing collection', async () => {
    const target = new RecordingTarget();
    target.collections.set('cases', { indexes: ['_id_', 'societyId_nextDueAt'], documents: 3 });
    await applyPlan(deployPlan(repo, { envId: 'jjn-test' }), target, SECRETS);
    const caseIndexes = target.calls.filter(
      ([method, collection]) => method === 'createIndexes' && collection === 'cases',
    );
    expect(caseIndexes).toHaveLength(1);
    expect(caseIndexes[0]![2]).not.toContain('societyId_nextDueAt');
    expect(target.collections.get('cases')!.documents).toBe(3);
  });

  it('refuses before any call without the PII key in the deployer environment', async () => {
    const target = new RecordingTarget();
    await expect(applyPlan(deployPlan(repo, { envId: 'jjn-test' }), target, {})).rejects.toThrow(
      'JJN_PII_KEY is not set',
    );
    expect(target.calls).toEqual([]);
  });

  it('refuses before any call without the person key in the deployer environment', async () => {
    const target = new RecordingTarget();
    const { JJN_PERSON_KEY: _left, ...withoutPersonKey } = SECRETS;
    await expect(applyPlan(deployPlan(repo, { envId: 'jjn-test' }), target, withoutPersonKey)).rejects.toThrow(
      'JJN_PERSON_KEY is not set',
    );
    expect(target.calls).toEqual([]);
  });

  it('gives the societies function the first-start code as a hash with an expiry, never the code', async () => {
    const target = new RecordingTarget();
    const code = 'ABCD2345EFGH';
    await applyPlan(deployPlan(repo, { envId: 'jjn-test', firstStart: firstStartValue(code, AT) }), target, SECRETS);
    const value = target.functions.get('societies')!.env[FIRST_START_ENV];
    expect(value).not.toContain(code);
    expect(parseFirstStartValue(value)).toEqual({
      codeHash: hashFirstStartCode('abcd-2345-efgh'),
      expiresAt: '2026-12-07T08:00:00.000Z',
    });
    expect(target.functions.get('approvals')!.env[FIRST_START_ENV]).toBeUndefined();
  });

  it('--dry-run describes every step with where each secret comes from, and no secret', () => {
    const text = describePlan(deployPlan(repo, { envId: 'jjn-test', firstStart: '<issued at deploy>' })).join('\n');
    for (const fn of rc.functions) expect(text).toContain(`function ${fn.name}: create or update`);
    expect(text).toContain('JJN_PII_KEY=<$JJN_PII_KEY, required>');
    expect(text).toContain('JJN_PERSON_KEY=<$JJN_PERSON_KEY, required>');
    expect(text).toContain('monthlyReports timer "0 0 2 1 * * *"');
    expect(text).toContain('openapi: wxacode.getUnlimited, security.msgSecCheck');
    expect(text).toContain('collection cases: create if missing');
    expect(text).toContain('storage rule: {"read":false');
    expect(text).not.toContain(SECRETS.JJN_PII_KEY);
  });
});
