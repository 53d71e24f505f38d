/**
 * `npm run deploy -- --env <id> [--dry-run] [--no-first-start-code]`, run from the repository
 * root after `npm run build` (the script does both). Needs TENCENTCLOUD_SECRETID and
 * TENCENTCLOUD_SECRETKEY (a CAM key allowed to manage the environment), JJN_PII_KEY (and
 * JJN_PII_KEYS_PREVIOUS during a key rotation) and JJN_PERSON_KEY in the environment; `--dry-run` needs none of them
 * and prints the plan. After everything is deployed it prints the first-start code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applyPlan, deployPlan, describePlan, readRepoConfig } from './deploy';
import { cloudBaseTarget } from './deploy-cloudbase';
import {
  FIRST_START_VALID_HOURS,
  firstStartValue,
  formatFirstStartCode,
  newFirstStartCode,
} from '../registry/first-start-code';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<number> {
  const envId = argument('--env') ?? process.env.ENV_ID;
  if (!envId) {
    console.error('usage: npm run deploy -- --env <CloudBase environment id> [--dry-run] [--no-first-start-code]');
    return 2;
  }
  const repo = readRepoConfig(process.cwd());
  const dryRun = process.argv.includes('--dry-run');
  const code = process.argv.includes('--no-first-start-code') || dryRun ? null : newFirstStartCode();
  const plan = deployPlan(repo, {
    envId,
    firstStart: code ? firstStartValue(code, new Date()) : dryRun ? '<issued at deploy>' : undefined,
  });
  if (dryRun) {
    console.log(describePlan(plan).join('\n'));
    return 0;
  }
  // The bundles are built, not committed: `npm run deploy` builds first; running the tool alone may not have.
  const unbuilt = repo.functions.filter((fn) => !fs.existsSync(path.join(fn.folder, 'index.js')));
  if (unbuilt.length > 0) {
    console.error(`not built: ${unbuilt.map((fn) => fn.name).join(', ')} (run npm run build)`);
    return 2;
  }
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!secretId || !secretKey) {
    console.error('TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY must be set (a CAM key for this environment)');
    return 2;
  }
  const report = await applyPlan(plan, cloudBaseTarget({ envId, secretId, secretKey }), process.env, (line) =>
    console.log(line),
  );
  console.log(
    `deployed to ${envId}: ${report.created.length} function(s) created, ${report.updated.length} updated, ` +
      `${report.collectionsCreated.length} collection(s) and ${report.indexesCreated.length} index(es) created`,
  );
  if (code) {
    console.log(
      [
        '',
        `县级管理员初始化码（${FIRST_START_VALID_HOURS} 小时内有效，只能使用一次）：${formatFirstStartCode(code)}`,
        '在小程序首页点「县级管理员初始化」输入。县民政局已有管理员后，此码无效。',
        `First-start code (valid ${FIRST_START_VALID_HOURS} h, once; void once the county has an administrator).`,
      ].join('\n'),
    );
  }
  return 0;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`deploy failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
