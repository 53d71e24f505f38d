/**
 * Issue 15, bundles: every cloud function's bundle stays within 1 MB, and only the `spreadsheets`
 * function carries the xlsx library (it had been in six bundles of 3.6 MB each). Reads the
 * bundles `npm run build` wrote (npm test builds first); `npm run budget` prints the figures.
 */
import path from 'node:path';
import {
  analyseFunctionBundles,
  checkFunctionBundles,
  FUNCTION_BUNDLE_LIMIT,
  SPREADSHEETS_FUNCTION,
} from '../../server/tools/budget';
import { FUNCTIONS } from '../../server/functions';

const root = path.resolve(__dirname, '../..');

describe('cloud function bundles (issue 15)', () => {
  it('has a built bundle for every function, each within its limit, xlsx only in spreadsheets', () => {
    const bundles = analyseFunctionBundles(root);
    expect(bundles.map((bundle) => bundle.name).sort()).toEqual(Object.keys(FUNCTIONS).sort());
    expect(checkFunctionBundles(bundles)).toEqual([]);
    expect(bundles.filter((bundle) => bundle.carriesXlsx).map((bundle) => bundle.name)).toEqual([
      SPREADSHEETS_FUNCTION,
    ]);
  });

  it('refuses a bundle over 1 MB and the xlsx library outside the spreadsheets function', () => {
    expect(
      checkFunctionBundles([
        { name: 'approvals', bytes: FUNCTION_BUNDLE_LIMIT + 1, carriesXlsx: false },
        { name: 'funds', bytes: 1000, carriesXlsx: true },
        { name: SPREADSHEETS_FUNCTION, bytes: FUNCTION_BUNDLE_LIMIT * 2, carriesXlsx: true },
      ]),
    ).toEqual([
      'The approvals function bundle is 1024.0 KB, over its limit of 1024.0 KB.',
      'The funds function bundle carries the xlsx library: only spreadsheets may.',
    ]);
  });
});
