/** The pure functions that shape the resident notice screens: no rendering. */
import {
  DEFAULT_OBJECTION_ANSWER_DAYS,
  OBJECTION_PENDING_LABEL,
  sanGongKai,
  type NoticeContent,
  type PublicNoticeView,
  type SocietyNoticePage,
} from '../../miniprogram/domain/notices';
import { DEFAULT_RELIEF_TIERS } from '../../miniprogram/domain/relief';
import { decodeScene, noticeUrl, toNoticeBoardScreen, toNoticeRow } from '../../miniprogram/pages/society/view';
import { mineText, objectionUrl, toNoticeScreen } from '../../miniprogram/pages/notice/view';
import type { MyObjectionView } from '../../miniprogram/domain/notices';
import {
  EMPTY_OBJECTION_MESSAGE,
  objectionProblems,
  remainingText,
  toDoneScreen,
} from '../../miniprogram/pages/objection/view';

const content: NoticeContent = {
  societyName: '王家村救急难互助社',
  villageName: '王家村',
  reliefType: 'emergency',
  reliefTypeLabel: '应急救助',
  causeCategory: 'accident',
  causeCategoryLabel: '因意外',
  form: 'cash',
  formLabel: '现金',
  amountFen: 1_000_00,
  amountText: '1000元',
  decisionDate: '2026-11-23',
  checkFinding: '经2人入户核查，核验了户口簿、身份证原件，情况属实',
  recipientMaskedName: '陈*山',
  villageGroup: '第三村民小组',
  anonymised: false,
};

const notice: PublicNoticeView = {
  id: 'notice-demo-case-03',
  societyId: 'soc-wangjia',
  status: 'live',
  statusLabel: '公示中',
  publishedAt: '2026-11-24T09:00:00.000Z',
  endsAt: '2026-12-01T09:00:00.000Z',
  periodText: '11月24日 17:00 至 12月1日 17:00',
  content,
  lines: ['救助对象：王家村第三村民小组 陈*山'],
  objectionPending: true,
  objectionLabel: OBJECTION_PENDING_LABEL,
  postedOnPaper: false,
  canObject: true,
};

const anonymised: PublicNoticeView = {
  ...notice,
  id: 'notice-x',
  objectionPending: false,
  objectionLabel: null,
  content: {
    ...content,
    causeCategory: null,
    causeCategoryLabel: null,
    form: null,
    formLabel: null,
    recipientMaskedName: null,
    villageGroup: null,
    anonymised: true,
  },
};

describe('society page: notice rows and 三公开', () => {
  it('R-OVS-3: a row shows the masked name, type, cause category, amount, date and 有异议处理中', () => {
    expect(toNoticeRow(notice)).toEqual({
      id: 'notice-demo-case-03',
      who: '王家村第三村民小组 陈*山',
      typeLabel: '应急救助',
      causeLabel: '因意外',
      amountText: '1000元',
      dateText: '11月24日 17:00',
      metaText: '应急救助 · 因意外 · 11月24日 17:00 公示',
      pendingLabel: OBJECTION_PENDING_LABEL,
      url: '/pages/notice/index?noticeId=notice-demo-case-03',
    });
  });

  it('an anonymised notice names no one and has no cause; no objection, no label', () => {
    expect(toNoticeRow(anonymised)).toMatchObject({
      who: '未公开姓名',
      causeLabel: '',
      metaText: '应急救助 · 11月24日 17:00 公示',
      pendingLabel: '',
    });
  });

  it('R-OVS-3: 三公开 in order, with each step’s time limit, and the totals line as the cloud wrote it', () => {
    const page: SocietyNoticePage = {
      society: {
        id: 'soc-wangjia',
        name: '王家村救急难互助社',
        villageName: '王家村',
        townshipName: '青石镇',
        statusLabel: '运行中',
      },
      sanGongKai: sanGongKai(DEFAULT_RELIEF_TIERS, DEFAULT_OBJECTION_ANSWER_DAYS),
      liveNotices: [notice],
      totals: {
        year: 2026,
        count: 1,
        amountFen: 1_000_00,
        byType: [],
        text: '2026年已救助 1 人次，共 1000元（应急救助 1 人次 1000元）',
      },
      howToObject: ['可以提出异议'],
      generatedAt: '2026-11-30T06:00:00.000Z',
    };
    const screen = toNoticeBoardScreen(page);
    expect(screen.recipientsTitle).toBe('救助对象');
    expect(screen.recipients.length).toBeGreaterThan(0);
    expect(screen.standardsTitle).toBe('救助标准');
    expect(screen.tiers.map((tier) => tier.key)).toEqual(['supplementary', 'emergency']);
    expect(screen.procedureTitle).toBe('救助程序');
    expect(screen.steps[0]).toMatchObject({ title: '1. 申请或主动发现', timeLimit: '' });
    expect(screen.steps.find((step) => step.title.endsWith('异议'))?.timeLimit).toBe(
      `时限：${DEFAULT_OBJECTION_ANSWER_DAYS} 个工作日内答复`,
    );
    expect(screen.notices).toEqual([toNoticeRow(notice)]);
    expect(screen.totalsText).toBe('2026年已救助 1 人次，共 1000元（应急救助 1 人次 1000元）');
    expect(screen.howToObject).toEqual(['可以提出异议']);
  });

  it('decodes a board code’s scene; an undecodable one counts as missing', () => {
    expect(decodeScene('Wj7qDemoBoard2026')).toBe('Wj7qDemoBoard2026');
    expect(decodeScene(encodeURIComponent(' Wj7q '))).toBe('Wj7q');
    expect(decodeScene('%E0%A4%A')).toBe('');
  });

  it('encodes ids in the links it makes', () => {
    expect(noticeUrl('a b')).toBe('/pages/notice/index?noticeId=a%20b');
    expect(objectionUrl('a&b')).toBe('/pages/objection/index?noticeId=a%26b');
  });
});

describe('notice detail view', () => {
  it('R-PROC-6: title, period, lines and the way to object', () => {
    expect(toNoticeScreen(notice)).toEqual({
      id: 'notice-demo-case-03',
      societyName: '王家村救急难互助社',
      title: '王家村第三村民小组 陈*山 应急救助 1000元',
      statusLabel: '公示中',
      periodText: '公示期：11月24日 17:00 至 12月1日 17:00',
      lines: ['救助对象：王家村第三村民小组 陈*山'],
      pendingLabel: OBJECTION_PENDING_LABEL,
      canObject: true,
      objectionUrl: '/pages/objection/index?noticeId=notice-demo-case-03',
      mineText: '',
    });
  });

  it('tells the caller what they raised against this notice, answered and open, and nothing of other notices', () => {
    const mine = (noticeId: string, status: 'open' | 'answered'): MyObjectionView => ({
      id: `obj-${noticeId}-${status}`,
      noticeId,
      societyName: '王家村救急难互助社',
      noticeTitle: '',
      text: '金额有误',
      raisedAt: '2026-11-30T01:00:00.000Z',
      dueAt: '2026-12-03T01:00:00.000Z',
      dueText: '',
      dueNote: null,
      overdue: false,
      status,
      statusLabel: '',
      answer: null,
    });
    expect(mineText('notice-demo-case-03', [mine('notice-other', 'open')])).toBe('');
    expect(
      mineText('notice-demo-case-03', [
        mine('notice-demo-case-03', 'answered'),
        mine('notice-demo-case-03', 'open'),
        mine('notice-other', 'open'),
      ]),
    ).toBe('您对这条公示提出过 2 条异议，1 条已答复，1 条待答复');
    expect(toNoticeScreen(notice, [mine('notice-demo-case-03', 'open')]).mineText).toBe(
      '您对这条公示提出过 1 条异议，1 条待答复',
    );
  });
});

describe('objection form view', () => {
  it('asks for a reason, at most 500 characters, and a contact of at most 40', () => {
    expect(objectionProblems('  ', '')).toEqual([EMPTY_OBJECTION_MESSAGE]);
    expect(objectionProblems('金额有误', '')).toEqual([]);
    expect(objectionProblems('异'.repeat(501), '')).toEqual(['异议内容最多 500 字']);
    expect(objectionProblems('金额有误', '1'.repeat(41))).toEqual(['联系方式最多 40 字']);
  });

  it('counts what is left to write, by character', () => {
    expect(remainingText('')).toBe('还可以写 500 字');
    expect(remainingText('异议'.repeat(10))).toBe('还可以写 480 字');
    expect(remainingText('异'.repeat(502))).toBe('已超出 2 字');
  });

  it('the success screen keeps the cloud’s message and shows the due time in Beijing time', () => {
    expect(
      toDoneScreen({ objectionId: 'o1', dueAt: '2026-12-03T06:00:00.000Z', message: '异议已收到。', replayed: false }),
    ).toEqual({ title: '异议已提交', message: '异议已收到。', dueText: '答复期限：2026年12月3日 14:00' });
  });
});
