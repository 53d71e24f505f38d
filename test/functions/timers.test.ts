/** The timer triggers deployed with each function (its config.json and cloudbaserc.json) are the ones its definition runs. */
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTIONS } from '../../server/functions';

const ROOT = path.join(__dirname, '../..');

interface Trigger {
  name: string;
  type: string;
  config: string;
}

function configTriggers(name: string): Trigger[] {
  const file = path.join(ROOT, 'cloudfunctions', name, 'config.json');
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { triggers?: Trigger[] };
  return (config.triggers ?? []).filter((trigger) => trigger.type === 'timer');
}

function cloudbasercTriggers(name: string): Trigger[] {
  const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as {
    functions: Array<{ name: string; triggers?: Trigger[] }>;
  };
  return (rc.functions.find((fn) => fn.name === name)?.triggers ?? []).filter((trigger) => trigger.type === 'timer');
}

describe('timer triggers', () => {
  it.each(Object.keys(FUNCTIONS))(
    '%s: every deployed timer names an action that allows timers, and no other',
    (name) => {
      const fn = FUNCTIONS[name]!;
      const deployed = configTriggers(name);
      expect(cloudbasercTriggers(name)).toEqual(deployed);
      expect(deployed.map((trigger) => trigger.name).sort()).toEqual(Object.keys(fn.timers ?? {}).sort());
      for (const [trigger, actionName] of Object.entries(fn.timers ?? {})) {
        expect({ trigger, timer: fn.actions[actionName]?.timer }).toEqual({ trigger, timer: true });
      }
      const timerActions = Object.entries(fn.actions)
        .filter(([, definition]) => definition.timer)
        .map(([actionName]) => actionName);
      expect(timerActions.sort()).toEqual([...new Set(Object.values(fn.timers ?? {}))].sort());
    },
  );
});
