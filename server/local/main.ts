/**
 * `npm start`: the local stack on http://127.0.0.1:$PORT (default 8787), data in $DATA_DIR
 * (default ./data). `npm run reset-demo` (or `--reset-only`) puts the demo seed back and exits;
 * `npm run rotate-pii-key` (`--reseal-only`) re-seals the personal data with the current
 * JJN_PII_KEY (previous keys in JJN_PII_KEYS_PREVIOUS) and exits; `npm run rekey-persons`
 * (`--rekey-persons`) recomputes every person key under the current JJN_PERSON_KEY and exits.
 * Both print what they rewrote, by collection, and may be run again (a second run rewrites none). `npm start -- --empty` starts
 * without the demo county, as a new deployment does, and prints a first-start code (issue 12).
 */
import path from 'node:path';
import { jsonLogger, type Logger } from '../context';
import { openLocalData, startLocalStack } from './stack';
import { DEMO_CALLERS } from '../seed/demo-county';
import { resealPersonalData } from '../cases/reseal';
import { rekeyPersons } from '../cases/rekey';
import { currentKeyId, currentPersonKeyId } from '../cases/pii';
import {
  FIRST_START_ENV,
  FIRST_START_VALID_HOURS,
  firstStartValue,
  formatFirstStartCode,
  newFirstStartCode,
} from '../registry/first-start-code';

const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
const port = Number(process.env.PORT ?? 8787);

const quietLog: Logger = {
  info: process.env.LOG_CALLS ? jsonLogger.info : () => undefined,
  error: jsonLogger.error,
};

function describeCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([collection, count]) => `${collection} ${count}`);
  return parts.length > 0
    ? `rewritten: ${parts.join(', ')}`
    : 'rewritten: none (everything was already on the current key)';
}

async function main(): Promise<void> {
  if (process.argv.includes('--reset-only')) {
    const { store, file } = await openLocalData(dataDir, { reset: true });
    store.close();
    console.log(`演示数据已重置 (demo data reset): ${file}`);
    return;
  }
  if (process.argv.includes('--reseal-only') || process.argv.includes('--rekey-persons')) {
    const { store, file } = await openLocalData(dataDir, { reset: false, keepKeys: true });
    if (process.argv.includes('--reseal-only')) {
      const counts: Record<string, number> = {};
      let checked = 0;
      for (let more = true; more;) {
        const run = await resealPersonalData(store);
        checked += run.checked;
        for (const [collection, count] of Object.entries(run.byCollection))
          counts[collection] = (counts[collection] ?? 0) + count;
        more = run.more;
      }
      console.log(
        `个人信息已用当前密钥 ${currentKeyId()} 重新加密 (re-sealed; ${checked} document(s) checked): ${file}`,
      );
      console.log(`  ${describeCounts(counts)}`);
    } else {
      const counts: Record<string, number> = {};
      let checked = 0;
      for (let more = true; more;) {
        const run = await rekeyPersons(store);
        checked += run.checked;
        for (const [collection, count] of Object.entries(run.byCollection))
          counts[collection] = (counts[collection] ?? 0) + count;
        more = run.more;
      }
      console.log(
        `人员标识已按当前人员密钥 ${currentPersonKeyId()} 重算 (person keys recomputed; ${checked} document(s) checked): ${file}`,
      );
      console.log(`  ${describeCounts(counts)}`);
    }
    store.close();
    return;
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  const empty = process.argv.includes('--empty');
  let firstStartCode: string | null = null;
  if (empty && !process.env[FIRST_START_ENV]) {
    // What `npm run deploy` does for the cloud: the functions get the hash, the person the code.
    firstStartCode = newFirstStartCode();
    process.env[FIRST_START_ENV] = firstStartValue(firstStartCode, new Date());
  }
  const stack = await startLocalStack({ dataDir, port, log: quietLog, seed: empty ? 'none' : 'demo' });
  console.log(`救急难互助社 local stack: ${stack.url}`);
  console.log(`  preview:   ${stack.url}/  (the mini program's pages in the browser; WeChat is the real target)`);
  console.log(`  health:    ${stack.url}/healthz`);
  console.log(`  functions: POST ${stack.url}/functions/<name>  (header x-openid: ${DEMO_CALLERS.join(' | ')})`);
  console.log(`  data:      ${path.join(dataDir, 'local.sqlite')}  (npm run reset-demo puts the demo seed back)`);
  if (firstStartCode) {
    console.log(
      `  first start: 县级管理员初始化码 ${formatFirstStartCode(firstStartCode)} (${FIRST_START_VALID_HOURS} h, once; any x-openid may use it)`,
    );
  }
  const stop = () => {
    stack.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
