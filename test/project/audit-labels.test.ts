/**
 * R-OVS-5: the audit trail page names every action in Chinese. Every audit action the server
 * writes as a literal (`action: 'notice.publish'`) has a label; case steps are labelled by step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { auditActionLabel } from '../../miniprogram/domain/oversight';

const SERVER = path.resolve(__dirname, '../../server');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const actions = [
  ...new Set(
    sources(SERVER).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/action: '([a-z]+\.[a-zA-Z]+)'/g)].map((match) => match[1]!),
    ),
  ),
].sort();

describe('audit action labels (R-OVS-5)', () => {
  it('finds the audit actions the server writes', () => {
    expect(actions).toEqual(expect.arrayContaining(['ledger.record', 'notice.publish', 'case.exportFile']));
  });

  it.each(actions)('%s has a Chinese label', (action) => {
    expect(auditActionLabel(action)).not.toBe(action);
    expect(auditActionLabel(action)).toMatch(/[\u4e00-\u9fa5]/);
  });
});
