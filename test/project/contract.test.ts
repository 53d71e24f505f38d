import path from 'node:path';
import { relinkTypeImports } from '../../server/tools/contract';

const root = path.resolve('/project');

describe('the page–cloud contract (miniprogram/services/contract.d.ts)', () => {
  it('names the mini program’s domain types by a path relative to the contract', () => {
    const printed = `{ items: import("${root}/miniprogram/domain/case").CaseQueueItem[]; }`;
    expect(relinkTypeImports(printed, root)).toEqual({
      text: '{ items: import("../domain/case").CaseQueueItem[]; }',
      outside: [],
    });
  });

  it('reports a type of the server, which would drag Node into the mini program', () => {
    const printed = `import("${root}/server/cases/queries").EligibilityCheck | import("${root}/miniprogram/domain/relief").ReliefTiers`;
    expect(relinkTypeImports(printed, root).outside).toEqual(['server/cases/queries']);
  });

  it('reports a type of services/ too: the contract must not name what it types', () => {
    const printed = `import("${root}/miniprogram/services/cases").ApplicationInput`;
    expect(relinkTypeImports(printed, root).outside).toEqual(['miniprogram/services/cases']);
  });
});
