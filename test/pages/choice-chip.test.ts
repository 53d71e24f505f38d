/**
 * Issue 11: a choice shows which one is chosen with ✓ as well as colour (jj-choice), here on the
 * officer's pledge filters over the real backend.
 */
import { usePageBackend } from '../support/page-backend';
import { openPage, tap, textsOf, waitFor, type PageComponent } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { PLEDGE_FILTERS } from '../../miniprogram/packages/officer/pages/pledges/view';

jest.setTimeout(30_000);

usePageBackend();

const PLEDGES = 'packages/officer/pages/pledges/index';

const marks = (page: PageComponent) => textsOf(page, '.jj-choice--jj-choice__mark');
const chosen = (page: PageComponent) =>
  Array.from(page.dom?.querySelectorAll('.jj-choice--jj-choice--on') ?? []).map((chip) =>
    (chip.textContent ?? '').replace(/\s+/g, '').trim(),
  );

describe('choice chips (jj-choice)', () => {
  it('issue 11: the chosen filter carries ✓, the others none; tapping another moves the ✓', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(PLEDGES, { societyId: 'soc-wangjia' });
    expect(textsOf(page, '.jj-choice--jj-choice__label')).toEqual(PLEDGE_FILTERS.map((filter) => filter.label));
    const first = PLEDGE_FILTERS.findIndex((filter) => filter.value === page.data.filter);
    expect(marks(page)).toEqual(PLEDGE_FILTERS.map((_, at) => (at === first ? '✓' : '')));
    expect(chosen(page)).toEqual([`✓${PLEDGE_FILTERS[first]!.label}`]);

    const other = PLEDGE_FILTERS.findIndex((_, at) => at !== first);
    const chips = page.dom?.querySelectorAll('.jj-choice--jj-choice') ?? [];
    await tap(chips[other]!);
    await waitFor(() => page.data.filter === PLEDGE_FILTERS[other]!.value);
    expect(marks(page)).toEqual(PLEDGE_FILTERS.map((_, at) => (at === other ? '✓' : '')));
    expect(chosen(page)).toEqual([`✓${PLEDGE_FILTERS[other]!.label}`]);
  });
});
