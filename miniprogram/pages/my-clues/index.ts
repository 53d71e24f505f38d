/**
 * 我的线索: whoever reported a clue (villager, volunteer, anonymous or not) follows its outcome —
 * 已救助, 已转介, 未予救助… — without the person's name, the amount, or what the officers wrote.
 * No role needed: the list is the caller's own, by WeChat identity.
 */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { fetchMyClues } from '../../services/clues';
import { NO_CLUES_MESSAGE, toMyClueRow, type MyClueRow } from './view';

Component({
  behaviors: [screenBehavior],

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    clues: [] as MyClueRow[],
    emptyMessage: NO_CLUES_MESSAGE,
  },

  methods: {
    onShow() {
      if (this.data.state === 'ready') void this._load();
    },

    _load() {
      return loadScreen(this, async () => ({ clues: (await fetchMyClues()).map(toMyClueRow) }));
    },
  },
});
