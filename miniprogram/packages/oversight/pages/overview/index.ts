/** Oversight overview: the societies in the caller's scope, their form, status and fund. */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { fetchMe, fetchSocieties, fetchSocietyPublicPage } from '../../../../services/societies';
import type { SocietyListItem } from '../../../../domain/society';
import {
  NOT_AN_OVERSEER_MESSAGE,
  NO_SOCIETY_MESSAGE,
  oversightEntries,
  oversightScope,
  publicViewToListItem,
  toOverviewScreen,
} from './view';
import type { OverviewScreen } from './view';
import type { EntryLink } from '../../../../domain/entries';

Component({
  behaviors: [screenBehavior],

  properties: {
    /** Narrows a county or federation view to one township. */
    townshipId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as OverviewScreen | null,
    entries: [] as EntryLink[],
    notAnOverseerMessage: NOT_AN_OVERSEER_MESSAGE,
    noSocietyMessage: NO_SOCIETY_MESSAGE,
  },

  methods: {
    _load() {
      return loadScreen(this, async () => {
        const me = await fetchMe();
        const scope = oversightScope(me);
        let items: SocietyListItem[];
        if (scope.kind === 'area') {
          items = await fetchSocieties(this.data.townshipId || undefined);
        } else if (scope.kind === 'societies') {
          const views = await Promise.all(scope.societyIds.map((id) => fetchSocietyPublicPage(id)));
          items = views.map(publicViewToListItem);
        } else {
          return 'forbidden';
        }
        return { screen: toOverviewScreen(scope.scopeNames, items), entries: oversightEntries(me) };
      });
    },
  },
});
