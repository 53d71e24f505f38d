/**
 * The DeployTarget over CloudBase's own management library (@cloudbase/manager-node), with the
 * deployer's TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY. Each method is one or two calls of
 * the library; what to call when is decided by `applyPlan` (deploy.ts), which the tests check.
 */
import path from 'node:path';
import CloudBase from '@cloudbase/manager-node';
import type { DeployTarget, IndexSpec, ResolvedFunction, SecurityRule, TriggerSpec } from './deploy';

function notFound(error: unknown): boolean {
  const text = `${(error as { code?: string }).code ?? ''} ${(error as Error).message ?? ''}`;
  return /ResourceNotFound|not ?found|不存在/i.test(text);
}

function functionConfig(fn: ResolvedFunction) {
  return {
    name: fn.name,
    description: fn.description,
    handler: fn.handler,
    runtime: fn.runtime,
    timeout: fn.timeout,
    memorySize: fn.memorySize,
    installDependency: fn.installDependency,
    envVariables: fn.env,
    ignore: fn.ignore,
  };
}

export function cloudBaseTarget(options: { envId: string; secretId: string; secretKey: string }): DeployTarget {
  const app = new CloudBase({ envId: options.envId, secretId: options.secretId, secretKey: options.secretKey });
  return {
    async functionExists(name) {
      try {
        await app.functions.getFunctionDetail(name);
        return true;
      } catch (error) {
        if (notFound(error)) return false;
        throw error;
      }
    },
    async createFunction(fn) {
      await app.functions.createFunction({
        func: { ...functionConfig(fn), triggers: [] },
        functionRootPath: path.dirname(fn.folder),
        force: false,
      });
    },
    async updateFunctionCode(fn) {
      await app.functions.updateFunctionCode({ func: functionConfig(fn), functionRootPath: path.dirname(fn.folder) });
    },
    async updateFunctionConfig(fn) {
      await app.functions.updateFunctionConfig(functionConfig(fn));
    },
    async setTriggers(name: string, triggers: TriggerSpec[]) {
      const detail = await app.functions.getFunctionDetail(name);
      for (const trigger of detail.Triggers ?? []) {
        await app.functions.deleteFunctionTrigger(name, trigger.TriggerName || trigger.Name);
      }
      if (triggers.length > 0) await app.functions.createFunctionTriggers(name, triggers);
    },
    async ensureCollection(name) {
      const result = await app.database.createCollectionIfNotExists(name);
      return result.IsCreated;
    },
    async indexNames(collection) {
      const info = await app.database.describeCollection(collection);
      return (info.Indexes ?? []).map((index) => index.Name);
    },
    async createIndexes(collection: string, indexes: IndexSpec[]) {
      await app.database.updateCollection(collection, {
        CreateIndexes: indexes.map((index) => ({
          IndexName: index.name,
          MgoKeySchema: {
            MgoIsUnique: index.unique,
            MgoIndexKeys: index.keys.map((key) => ({ Name: key.name, Direction: key.direction })),
          },
        })),
      });
    },
    async setCollectionRule(collection: string, rule: SecurityRule) {
      await app.permission.modifyResourcePermission({
        resourceType: 'collection',
        resource: collection,
        permission: 'CUSTOM',
        securityRule: JSON.stringify(rule),
      });
    },
    async setStorageRule(rule: SecurityRule) {
      await app.storage.setStorageAcl('CUSTOM', rule);
    },
  };
}
