/**
 * A society's public page: anyone who scans the village notice-board QR code lands here (the
 * code carries an opaque `scene` token; links inside the app carry `societyId`). Shows the
 * society and its fund, then its 三公开, live notices and this year's totals (R-OVS-3).
 */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { fetchSocietyPublicPage } from '../../services/societies';
import { fetchNoticePage, resolveScene } from '../../services/notices';
import { rememberVisitedSociety } from '../../utils/visited-society';
import { callSociety } from '../../utils/phone-call';
import {
  CONTACT_NOTE,
  MISSING_SOCIETY_MESSAGE,
  NO_LIVE_NOTICES_MESSAGE,
  SAN_GONG_KAI_NOTE,
  decodeScene,
  societyShareCard,
  toNoticeBoardScreen,
  toSocietyScreen,
} from './view';
import type { NoticeBoardScreen, SocietyScreen } from './view';

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
    /** From a board code (wxacode.getUnlimited): URI-encoded scene token. */
    scene: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as SocietyScreen | null,
    board: null as NoticeBoardScreen | null,
    noNoticesMessage: NO_LIVE_NOTICES_MESSAGE,
    sanGongKaiNote: SAN_GONG_KAI_NOTE,
    contactNote: CONTACT_NOTE,
  },

  methods: {
    /** Anyone may apply from here, first application included; the form opens with this society chosen. */
    onApply() {
      if (this.data.screen?.canApply) void wx.navigateTo({ url: this.data.screen.applyUrl });
    },

    /** 联系互助社: dials the society's public phone (shown only when its officers set one). */
    onCallSociety() {
      callSociety(this.data.screen?.phone ?? '');
    },

    /** Issue 13: anyone reports a clue about someone who may need help. */
    onReportClue() {
      if (this.data.screen?.canApply) void wx.navigateTo({ url: this.data.screen.clueUrl });
    },

    /**
     * The society's public page is the one page shared (R-FUND-2: no donation link, no private data):
     * the card opens this page for this society.
     */
    onShareAppMessage() {
      return societyShareCard(this.data.societyId, this.data.screen);
    },

    onOpenNotice(event: { currentTarget: { dataset: { url: string } } }) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    _load() {
      const givenId = this.data.societyId;
      const scene = decodeScene(this.data.scene);
      if (!givenId && !scene) {
        this.setData({ state: 'error', errorMessage: MISSING_SOCIETY_MESSAGE });
        return Promise.resolve();
      }
      return loadScreen(this, async () => {
        const societyId = givenId || (await resolveScene(scene)).societyId;
        const [society, notices] = await Promise.all([fetchSocietyPublicPage(societyId), fetchNoticePage(societyId)]);
        const screen = toSocietyScreen(society);
        wx.setNavigationBarTitle({ title: screen.name });
        // Home offers 申请救助 here again to whoever opened this page, role or not.
        rememberVisitedSociety({ societyId, name: screen.name, acceptsApplications: screen.canApply });
        // Later loads (refresh) go straight to the society.
        return { societyId, screen, board: toNoticeBoardScreen(notices) };
      });
    },
  },
});
