/** The pure functions that shape the officer's notice screens (R-PROC-6, R-OVS-3): no rendering. */
import {
  ANONYMISED_NOTE,
  CONSENT_WITHHELD_MESSAGE,
  OBJECTION_PENDING_LABEL,
  type BoardPoster,
  type NoticeContent,
  type NoticePreview,
  type ObjectionView,
  type OfficerNoticeView,
  type OfficerTodo,
  type PublishResult,
} from '../../miniprogram/domain/notices';
import type { OfficerCaseView } from '../../miniprogram/domain/case';
import {
  ALL_DONE_TEXT,
  CONSENT_WITHHELD_LABEL,
  NOT_POSTED_LABEL,
  SETTINGS_PRESIDENT_ONLY,
  answerUrl,
  isForbidden,
  publishUrl,
  remainingText,
  settingsProblem,
  toNoticeCard,
  toSettingsScreen,
  toTodoScreen,
} from '../../miniprogram/packages/officer/pages/notices/view';
import {
  PUBLISHED_MESSAGE,
  formKey,
  groupChoices,
  groupNoOf,
  groupText,
  noticeInputOf,
  toCaseHeader,
  toPreviewScreen,
  toPublishedScreen,
} from '../../miniprogram/packages/officer/pages/notice-publish/view';
import {
  EMPTY_ANSWER_MESSAGE,
  NO_OUTCOME_MESSAGE,
  OBJECTION_ANSWER_MAX,
  OUTCOME_OPTIONS,
  answerProblems,
  earlierAnswers,
  toObjectionScreen,
} from '../../miniprogram/packages/officer/pages/objection-answer/view';
import {
  LOCAL_CODE_NOTE,
  SAVE_DENIED_MESSAGE,
  SAVE_MESSAGES,
  saveOutcomeOf,
  toPosterScreen,
} from '../../miniprogram/packages/officer/pages/poster/view';

const NOW = new Date('2026-11-30T06:00:00.000Z'); // Monday 14:00 in Beijing

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

const fireNotice: OfficerNoticeView = {
  id: 'notice-demo-case-03',
  societyId: 'soc-wangjia',
  status: 'live',
  statusLabel: '公示中',
  publishedAt: '2026-11-24T09:00:00.000Z',
  endsAt: '2026-12-01T09:00:00.000Z',
  periodText: '11月24日 17:00 至 12月1日 17:00',
  content,
  lines: ['救助对象：王家村第三村民小组 陈*山', '救助类别：应急救助'],
  objectionPending: true,
  objectionLabel: OBJECTION_PENDING_LABEL,
  postedOnPaper: false,
  canObject: true,
  boardPhotoFileId: null,
  objectionCount: 2,
  openObjectionCount: 1,
  caseId: 'demo-case-03',
  caseNo: '2026-003',
  publishedByName: '刘芳',
  boardPhoto: null,
  consentWithheld: false,
};

const openObjection: ObjectionView = {
  id: 'obj-1',
  noticeId: 'notice-demo-case-03',
  noticeTitle: '王家村第三村民小组 陈*山 应急救助 1000元',
  text: '烧的主要是厨房',
  contact: null,
  raisedAt: '2026-11-30T01:10:00.000Z',
  dueAt: '2026-12-03T01:10:00.000Z',
  dueText: '截止 12月3日 09:10，剩余 2天19小时',
  dueNote: null,
  overdue: false,
  status: 'open',
  statusLabel: '待答复',
  answer: null,
};

const answeredObjection: ObjectionView = {
  ...openObjection,
  id: 'obj-0',
  text: '金额是不是多了',
  contact: '村口小卖部',
  status: 'answered',
  statusLabel: '已答复',
  dueText: '已完成（超时）',
  dueNote: null,
  answer: {
    text: '经核查符合第三档',
    outcome: 'notUpheld',
    outcomeLabel: '异议不成立，已说明情况',
    byName: '刘芳',
    at: '2026-12-04T02:00:00.000Z',
    late: true,
  },
};

function todo(overrides: Partial<OfficerTodo> = {}): OfficerTodo {
  return {
    societyId: 'soc-wangjia',
    unpublished: [
      {
        caseId: 'case 7',
        caseNo: '2026-007',
        maskedName: '赵*华',
        reliefTypeLabel: '应急救助',
        formLabel: '现金',
        amountFen: 600_00,
        amountText: '600元',
        paidAt: '2026-11-27T02:00:00.000Z',
        waitingText: '已发放 3天4小时',
        consentWithheld: true,
      },
    ],
    unpublishedTotal: 1,
    notPostedOnPaper: [fireNotice],
    openObjections: [openObjection],
    overdueObjections: 0,
    ...overrides,
  };
}

describe('notice to-do', () => {
  it('R-PROC-6: counts what waits, links each to its page, and marks a withheld consent', () => {
    const screen = toTodoScreen(todo(), NOW);

    expect(screen.summary).toBe('待公示 1 件 · 未拍照 1 条 · 待答复异议 1 条');
    expect(screen.allDone).toBe(false);
    expect(screen.overdueText).toBe('');
    expect(screen.pending).toEqual([
      {
        caseId: 'case 7',
        caseNo: '2026-007',
        title: '赵*华 应急救助 现金 600元',
        waitingText: '已发放 3天4小时，还未公示',
        consentLabel: CONSENT_WITHHELD_LABEL,
        url: '/packages/officer/pages/notice-publish/index?caseId=case%207',
      },
    ]);
    expect(screen.objections[0]).toMatchObject({
      dueText: '答复期限：截止 12月3日 09:10，剩余 2天19小时',
      raisedText: '提出时间：11月30日 09:10',
      overdueLabel: '',
      url: '/packages/officer/pages/objection-answer/index?objectionId=obj-1&societyId=soc-wangjia&noticeId=notice-demo-case-03',
    });
    expect(screen.notPosted[0]?.postedText).toBe(NOT_POSTED_LABEL);
    expect(screen.pendingMoreText).toBe('');
  });

  it('R-PROC-6: a long to-do lists its first page, counts them all and says how many more wait', () => {
    const screen = toTodoScreen(todo({ unpublishedTotal: 121 }), NOW);
    expect(screen.pending).toHaveLength(1);
    expect(screen.summary).toBe('待公示 121 件 · 未拍照 1 条 · 待答复异议 1 条');
    expect(screen.pendingMoreText).toBe('另有 120 件待公示，发布以上各件后依次列出');
  });

  it('overdue objections are marked and counted; nothing left is all done', () => {
    const overdue = { ...openObjection, overdue: true, dueText: '已超时 2小时（截止 12月3日 09:10）' };
    const screen = toTodoScreen(todo({ openObjections: [overdue], overdueObjections: 1 }), NOW);
    expect(screen.objections[0]?.overdueLabel).toBe('已超时');
    expect(screen.overdueText).toBe('有 1 条异议已超过答复期限，请尽快答复');

    const done = toTodoScreen(
      todo({ unpublished: [], unpublishedTotal: 0, notPostedOnPaper: [], openObjections: [] }),
      NOW,
    );
    expect(done.allDone).toBe(true);
    expect(ALL_DONE_TEXT).toMatch(/办完/);
  });

  it('a live notice counts down to its end; an ended one says so', () => {
    expect(remainingText('2026-12-01T09:00:00.000Z', NOW)).toBe('还剩 1天3小时');
    expect(remainingText('2026-11-30T06:00:00.000Z', NOW)).toBe('公示期满');
  });

  it('R-PROC-6: a card says whether the paper notice was photographed, and links the open objection', () => {
    const card = toNoticeCard(fireNotice, NOW, [openObjection], 'soc-wangjia');
    expect(card).toMatchObject({
      title: '王家村第三村民小组 陈*山 应急救助 1000元',
      live: true,
      remainingText: '还剩 1天3小时',
      posted: false,
      postedText: '纸质公示未拍照',
      photoSrc: '',
      pendingLabel: OBJECTION_PENDING_LABEL,
      objectionText: '异议 2 条，待答复 1 条',
      answerUrl: answerUrl(openObjection, 'soc-wangjia'),
    });

    const posted = toNoticeCard(
      {
        ...fireNotice,
        objectionPending: false,
        objectionCount: 0,
        openObjectionCount: 0,
        boardPhoto: { fileId: 'local:boards/a.jpg', at: '2026-11-24T09:30:00.000Z', byName: '刘芳' },
      },
      NOW,
      [],
      'soc-wangjia',
      (fileId) => `src:${fileId}`,
    );
    expect(posted).toMatchObject({
      posted: true,
      postedText: '已张贴（刘芳 11月24日 17:30 上传照片）',
      photoSrc: 'src:local:boards/a.jpg',
      pendingLabel: '',
      objectionText: '',
      answerUrl: '',
    });
  });

  it('only the president edits the answer time limit, within 1–15 working days', () => {
    const settings = { societyId: 'soc-wangjia', objectionAnswerDays: 3, defaults: true, updatedAt: null };
    expect(toSettingsScreen(settings, ['secretary'])).toMatchObject({
      text: '异议答复时限：3 个工作日（默认）',
      canEdit: false,
      note: SETTINGS_PRESIDENT_ONLY,
    });
    expect(toSettingsScreen({ ...settings, defaults: false }, ['secretary', 'president'])).toMatchObject({
      text: '异议答复时限：3 个工作日',
      canEdit: true,
    });
    expect(settingsProblem(1)).toBe('');
    expect(settingsProblem(15)).toBe('');
    for (const bad of [0, 16, 2.5, Number.NaN]) expect(settingsProblem(bad)).toMatch(/1–15 个工作日/);
  });

  it('a refusal is told apart from other errors by its code', () => {
    expect(isForbidden({ code: 'FORBIDDEN', message: '…' })).toBe(true);
    expect(isForbidden({ code: 'NOT_FOUND' })).toBe(false);
    expect(isForbidden(new Error('x'))).toBe(false);
    expect(publishUrl('a&b')).toBe('/packages/officer/pages/notice-publish/index?caseId=a%26b');
  });
});

describe('publishing a notice', () => {
  const preview: NoticePreview = {
    caseId: 'case-7',
    notice: { ...fireNotice, status: 'live', periodText: '11月30日 14:00 至 12月7日 14:00' },
    consentWithheld: false,
    messages: [],
    alreadyPublished: false,
  };

  it('issue 12: the officer only picks the 村民小组 by number (or none); nothing typed', () => {
    const choices = groupChoices(3);
    expect(choices).toHaveLength(31);
    expect(choices.slice(0, 4)).toEqual([
      { value: 0, label: '不写', on: false },
      { value: 1, label: '1组', on: false },
      { value: 2, label: '2组', on: false },
      { value: 3, label: '3组', on: true },
    ]);
    expect(choices.at(-1)).toEqual({ value: 30, label: '30组', on: false });
    expect(
      groupChoices(null)
        .filter((choice) => choice.on)
        .map((choice) => choice.value),
    ).toEqual([0]);
    // A tapped button's dataset value.
    expect([0, 1, '12', 30, 31, -1, 'x', undefined].map(groupNoOf)).toEqual([null, 1, 12, 30, null, null, null, null]);
    expect(groupText(13)).toBe('公示写为：第十三村民小组');
    expect(groupText(null)).toBe('公示不写村民小组');
  });

  it('the payload carries the group number only (none when consent was withheld); a change needs a new preview', () => {
    const form = { villageGroupNo: 5 };
    expect(noticeInputOf('case-7', form, false)).toEqual({ caseId: 'case-7', villageGroupNo: 5 });
    expect(noticeInputOf('case-7', form, true)).toEqual({ caseId: 'case-7', villageGroupNo: null });
    expect(noticeInputOf('case-7', { villageGroupNo: null }, false)).toEqual({
      caseId: 'case-7',
      villageGroupNo: null,
    });
    expect(formKey(form)).toBe(formKey({ villageGroupNo: 5 }));
    expect(formKey(form)).not.toBe(formKey({ villageGroupNo: 6 }));
    expect(formKey({ villageGroupNo: null })).not.toBe(formKey(form));
  });

  it('the preview shows the cloud’s lines as they are, marked not yet published, with the 7-day period', () => {
    const screen = toPreviewScreen(preview);
    expect(screen).toMatchObject({
      title: '王家村第三村民小组 陈*山 应急救助 1000元',
      statusLabel: '预览（尚未发布）',
      lines: fireNotice.lines,
      anonymised: false,
      alreadyPublished: false,
    });
    expect(screen.periodText).toBe('公示期：自发布起 7 天（如现在发布：11月30日 14:00 至 12月7日 14:00）');

    const published = toPreviewScreen({
      ...preview,
      alreadyPublished: true,
      messages: ['该案件已经公示，以下是已发布的内容'],
    });
    expect(published.statusLabel).toBe('公示中');
    expect(published.messages).toEqual(['该案件已经公示，以下是已发布的内容']);
  });

  it('consent withheld: the anonymised entry, and the consent message stands alone at the top', () => {
    const anonymisedContent: NoticeContent = {
      ...content,
      causeCategory: null,
      causeCategoryLabel: null,
      form: null,
      formLabel: null,
      decisionDate: null,
      checkFinding: null,
      recipientMaskedName: null,
      villageGroup: null,
      anonymised: true,
    };
    const screen = toPreviewScreen({
      ...preview,
      consentWithheld: true,
      messages: [CONSENT_WITHHELD_MESSAGE],
      notice: {
        ...preview.notice,
        content: anonymisedContent,
        lines: ['救助类别：应急救助', '金额：1000元', ANONYMISED_NOTE],
      },
    });
    expect(screen.anonymised).toBe(true);
    expect(screen.title).toBe('应急救助 1000元（未公开姓名）');
    expect(screen.messages).toEqual([]);
  });

  it('after publishing: the notice, the paper reminder, and a replay said plainly', () => {
    const result: PublishResult = { notice: fireNotice, replayed: false, consentWithheld: false, messages: [] };
    expect(toPublishedScreen(result)).toMatchObject({
      noticeId: 'notice-demo-case-03',
      message: PUBLISHED_MESSAGE,
      periodText: '公示期：11月24日 17:00 至 12月1日 17:00',
      posted: false,
    });
    expect(toPublishedScreen(result).reminder).toContain('村务公开栏');
    expect(toPublishedScreen({ ...result, replayed: true }).message).toContain('没有重复发布');
  });

  it('the case header carries no name', () => {
    const view = {
      caseNo: '2026-007',
      reliefTypeLabel: '应急救助',
      amountFen: 600_00,
      stateLabel: '已发放',
      consent: { publicNotice: false },
      person: { name: '赵桂华' },
      applicant: { name: '赵大' },
    } as unknown as OfficerCaseView;
    expect(toCaseHeader(view)).toEqual({ caseNo: '2026-007', line: '应急救助 · 600元 · 已发放', consented: false });
    expect(JSON.stringify(toCaseHeader(view))).not.toContain('赵');
  });
});

describe('answering an objection', () => {
  it('an empty answer or a missing outcome is a Chinese error; a long one is refused', () => {
    expect(answerProblems('   ', 'notUpheld')).toEqual([EMPTY_ANSWER_MESSAGE]);
    expect(answerProblems('已核查', '')).toEqual([NO_OUTCOME_MESSAGE]);
    expect(answerProblems('字'.repeat(OBJECTION_ANSWER_MAX + 1), 'upheld')).toEqual([
      `答复最多 ${OBJECTION_ANSWER_MAX} 字`,
    ]);
    expect(answerProblems('已核查，情况属实', 'upheld')).toEqual([]);
    expect(OUTCOME_OPTIONS.map((option) => option.label)).toEqual([
      '异议成立，已纠正或将纠正',
      '异议不成立，已说明情况',
    ]);
  });

  it('R-OVS-3: shows the contact only as given, the deadline, overdue, and a late answer', () => {
    expect(toObjectionScreen(openObjection)).toMatchObject({
      contactText: '未留联系方式',
      dueText: '答复期限：截止 12月3日 09:10，剩余 2天19小时',
      statusLabel: '待答复',
      tagTheme: 'warning',
      answered: false,
      answer: null,
    });
    expect(toObjectionScreen({ ...openObjection, overdue: true })).toMatchObject({
      statusLabel: '待答复（已超时）',
      tagTheme: 'danger',
    });
    expect(toObjectionScreen(answeredObjection)).toMatchObject({
      contactText: '联系方式：村口小卖部',
      tagTheme: 'success',
      answered: true,
      answer: {
        text: '经核查符合第三档',
        outcomeLabel: '异议不成立，已说明情况',
        byline: '刘芳 12月4日 10:00 答复（超过答复期限）',
      },
    });
  });

  it('earlier answers are the other answered objections of the notice', () => {
    const earlier = earlierAnswers([openObjection, answeredObjection, { ...answeredObjection, id: 'obj-1' }], 'obj-1');
    expect(earlier.map((item) => item.id)).toEqual(['obj-0']);
  });
});

describe('the board poster', () => {
  const poster: BoardPoster = {
    societyId: 'soc-wangjia',
    societyName: '王家村救急难互助社',
    villageName: '王家村',
    title: '王家村救急难互助社 救助公示',
    subtitle: '微信扫一扫',
    scene: 'Wj7qDemoBoard2026',
    page: 'pages/society/index',
    qrFileId: 'local:notices/board/a.png',
    qrUrl: '/files/notices/board/a.png',
    qrKind: 'local',
    howToObject: ['公示期内可提出异议'],
    supervisors: ['赵德明'],
  };

  it('shows and downloads an absolute address; a local code says it is a demo link', () => {
    const screen = toPosterScreen(poster, (url) => `http://127.0.0.1:8787${url}`);
    expect(screen.qrSrc).toBe('http://127.0.0.1:8787/files/notices/board/a.png');
    expect(screen.downloadUrl).toBe('http://127.0.0.1:8787/files/notices/board/a.png');
    expect(screen.kindNote).toBe(LOCAL_CODE_NOTE);

    const cloud = toPosterScreen({
      ...poster,
      qrKind: 'cloud',
      qrFileId: 'cloud://env/notices/a.png',
      qrUrl: 'https://tmp.example/a.png',
    });
    expect(cloud).toMatchObject({
      qrSrc: 'https://tmp.example/a.png',
      downloadUrl: 'https://tmp.example/a.png',
      kindNote: '',
    });
  });

  it('a declined album permission is told apart from a failed download', () => {
    expect(saveOutcomeOf('saveImageToPhotosAlbum:fail auth deny')).toBe('denied');
    expect(saveOutcomeOf('saveImageToPhotosAlbum:fail authorize no response')).toBe('denied');
    expect(saveOutcomeOf('downloadFile:fail timeout')).toBe('failed');
    expect(SAVE_MESSAGES.denied).toBe(SAVE_DENIED_MESSAGE);
  });
});
