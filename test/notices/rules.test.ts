/** The pure rules of notices and oversight (miniprogram/domain), the scene tokens and the cloud ports' adapters. */
import {
  buildNoticeContent,
  causeCategoryOf,
  checkFindingLine,
  chineseNumber,
  liveSince,
  noticeEndsAt,
  noticeLines,
  noticeStatusAt,
  noticeTitle,
  sanGongKai,
  totalsText,
  type NoticeSource,
} from '../../miniprogram/domain/notices';
import { auditActionLabel } from '../../miniprogram/domain/oversight';
import { DEFAULT_RELIEF_TIERS, type ReliefTiers } from '../../miniprogram/domain/relief';
import { SCENE_PATTERN, newSceneToken } from '../../server/notices/scene';
import { openApiBoardCode, openApiContentCheck, type NoticeOpenApi } from '../../server/notices/cloud-services';
import { localBoardLink } from '../../server/notices/services';

jest.mock('wx-server-sdk', () => ({ openapi: {} }));

const source: NoticeSource = {
  societyName: '王家村救急难互助社',
  villageName: '王家村',
  maskedName: '陈*山',
  reliefType: 'emergency',
  cause: 'accident',
  method: 'transfer',
  amountFen: 1_000_00,
  decisionDate: '2026-11-23',
  consented: true,
  reliefFirst: false,
  visit: { visitorCount: 2, originalsChecked: ['idCard', 'householdBook'] },
};

describe('notice lifecycle (R-PROC-6)', () => {
  const publishedAt = '2026-11-24T09:00:00.000Z';

  it('R-PROC-6: live for exactly 7 days from publication, computed from the stored start', () => {
    expect(noticeEndsAt(publishedAt)).toBe('2026-12-01T09:00:00.000Z');
    expect(noticeStatusAt(publishedAt, new Date('2026-12-01T08:59:59.999Z'))).toBe('live');
    expect(noticeStatusAt(publishedAt, new Date('2026-12-01T09:00:00.000Z'))).toBe('archived');
    expect(noticeStatusAt(publishedAt, new Date('2027-06-01T00:00:00Z'))).toBe('archived');
    // The public page's query: published after this instant is live now.
    expect(liveSince(new Date('2026-12-01T09:00:00.000Z'))).toBe(publishedAt);
  });
});

describe('notice content (R-PROC-6, R-OVS-3 四公布)', () => {
  it('R-PROC-6: built from structured fields only: masked name, village and group number, type, cause category, form and amount, date, visit', () => {
    const content = buildNoticeContent(source, { villageGroupNo: 3 });
    expect(content).toMatchObject({
      recipientMaskedName: '陈*山',
      villageGroup: '第三村民小组',
      reliefTypeLabel: '应急救助',
      causeCategoryLabel: '因意外',
      formLabel: '现金',
      amountText: '1000元',
      decisionDate: '2026-11-23',
      checkFinding: '经2人入户核查，核验了户口簿、身份证原件，情况属实',
      anonymised: false,
    });
    expect(noticeLines(content)).toEqual([
      '救助对象：王家村第三村民小组 陈*山',
      '救助类别：应急救助',
      '困难原因：因意外',
      '救助形式和金额：现金 1000元',
      '审批日期：2026年11月23日',
      '核查情况：经2人入户核查，核验了户口簿、身份证原件，情况属实',
    ]);
    expect(noticeTitle(content)).toBe('王家村第三村民小组 陈*山 应急救助 1000元');
  });

  it('R-OVS-3: the 核查情况 line says only how many visited and which originals were checked', () => {
    expect(checkFindingLine({ reliefFirst: false, visit: { visitorCount: 3, originalsChecked: [] } })).toBe(
      '经3人入户核查，情况属实',
    );
    expect(
      checkFindingLine({
        reliefFirst: true,
        visit: { visitorCount: 2, originalsChecked: ['hardshipProof', 'householdBook', 'idCard'] },
      }),
    ).toBe('经2人入户核查，核验了户口簿、身份证、困难情况证明原件，情况属实');
    // R-PROC-5: paid first, the visit is filed after.
    expect(checkFindingLine({ reliefFirst: true, visit: null })).toBe('先行救助，入户核查待补办');
    expect(checkFindingLine({ reliefFirst: false, visit: null })).toBeNull();
    const content = buildNoticeContent({ ...source, reliefFirst: true, visit: null }, {});
    expect(noticeLines(content)).toEqual([
      '救助对象：王家村 陈*山',
      '救助类别：应急救助',
      '困难原因：因意外',
      '救助形式和金额：现金 1000元',
      '审批日期：2026年11月23日',
      '核查情况：先行救助，入户核查待补办',
    ]);
  });

  it('the 村民小组 is a number from 1 to 30 written in Chinese; anything else shows no group', () => {
    expect([1, 2, 9, 10, 11, 19, 20, 21, 30].map(chineseNumber)).toEqual([
      '一',
      '二',
      '九',
      '十',
      '十一',
      '十九',
      '二十',
      '二十一',
      '三十',
    ]);
    expect(buildNoticeContent(source, { villageGroupNo: 12 }).villageGroup).toBe('第十二村民小组');
    expect(buildNoticeContent(source, { villageGroupNo: 30 }).villageGroup).toBe('第三十村民小组');
    for (const villageGroupNo of [0, 31, 2.5, -1, null, undefined]) {
      expect(buildNoticeContent(source, { villageGroupNo }).villageGroup).toBeNull();
    }
  });

  it('the cause is a category, never the diagnosis: 因病 / 因意外 / 其他', () => {
    expect(causeCategoryOf('majorIllness')).toBe('illness');
    expect(causeCategoryOf('accident')).toBe('accident');
    expect(causeCategoryOf('other')).toBe('other');
  });

  it('goods are 实物; a referral moves no money', () => {
    expect(buildNoticeContent({ ...source, method: 'goods', amountFen: 450_00 }, {})).toMatchObject({
      formLabel: '实物',
      amountText: '450元',
    });
    expect(buildNoticeContent({ ...source, method: 'referral', amountFen: 0 }, {})).toMatchObject({
      formLabel: '转介服务',
      amountText: '不涉及资金',
    });
  });

  it('a recipient who withheld consent gets an anonymised entry: the relief type and the amount only', () => {
    const content = buildNoticeContent({ ...source, consented: false }, { villageGroupNo: 3 });
    expect(content).toEqual({
      societyName: '王家村救急难互助社',
      villageName: '王家村',
      reliefType: 'emergency',
      reliefTypeLabel: '应急救助',
      amountFen: 1_000_00,
      amountText: '1000元',
      causeCategory: null,
      causeCategoryLabel: null,
      form: null,
      formLabel: null,
      decisionDate: null,
      checkFinding: null,
      recipientMaskedName: null,
      villageGroup: null,
      anonymised: true,
    });
    expect(noticeLines(content)).toHaveLength(3);
  });
});

describe('三公开 (R-OVS-3)', () => {
  it('R-OVS-3: recipients, the caps (R-CAP-1/2) and the society tiers (R-CAP-3), the procedure with its time limits', () => {
    const tiers: ReliefTiers = {
      supplementary: [{ id: 's1', label: '一档', amountFen: 250_00 }],
      emergency: [{ id: 'e1', label: '一档', amountFen: 800_00 }],
    };
    const open = sanGongKai(tiers, 4);
    expect(open.recipients.items.join('')).toContain('本村户籍');
    expect(open.standards.caps.map((cap) => cap.capFen)).toEqual([500_00, 1_000_00]);
    expect(open.standards.tiers.map((type) => type.items.map((tier) => tier.text))).toEqual([
      ['一档：250元'],
      ['一档：800元'],
    ]);
    expect(open.procedure.steps.map((step) => [step.title, step.timeLimit])).toEqual([
      ['申请或主动发现', null],
      ['受理', null],
      ['入户核查', '受理后 1 个工作日内'],
      ['审批', null],
      ['发放', '批准后 1 个工作日内'],
      ['先行救助', '发放后 1 个工作日内补办'],
      ['公示', '7 天'],
      ['异议', '4 个工作日内答复'],
    ]);
    expect(sanGongKai(DEFAULT_RELIEF_TIERS, 3).standards.tiers[0]!.items).toHaveLength(3);
  });

  it('the totals line counts person-times and amounts by type', () => {
    expect(
      totalsText({
        year: 2026,
        count: 3,
        amountFen: 1_800_00,
        byType: [
          { reliefType: 'supplementary', label: '补充救助', count: 2, amountFen: 800_00 },
          { reliefType: 'emergency', label: '应急救助', count: 1, amountFen: 1_000_00 },
        ],
      }),
    ).toBe('2026年已救助 3 人次，共 1800元（补充救助 2 人次 800元，应急救助 1 人次 1000元）');
    expect(totalsText({ year: 2027, count: 0, amountFen: 0, byType: [] })).toBe('2027年暂未发放救助');
  });
});

describe('scene tokens and the board code', () => {
  it('are random, opaque, letters and digits, at most 32 characters', () => {
    const tokens = new Set(Array.from({ length: 500 }, () => newSceneToken()));
    expect(tokens.size).toBe(500);
    for (const token of tokens) {
      expect(token).toMatch(SCENE_PATTERN);
      expect(token).toHaveLength(20);
    }
    expect(SCENE_PATTERN.test('a'.repeat(33))).toBe(false);
  });

  it('locally encode the same page and scene the cloud code opens', () => {
    expect(localBoardLink('Wj7qDemoBoard2026', 'pages/society/index')).toBe(
      'pages/society/index?scene=Wj7qDemoBoard2026',
    );
  });
});

describe('the cloud adapters of the notices ports', () => {
  function fakeApi(overrides: Partial<{ check: unknown; code: unknown }> = {}) {
    const calls: unknown[] = [];
    const api: NoticeOpenApi = {
      security: {
        msgSecCheck: async (param) => {
          calls.push(param);
          if (overrides.check instanceof Error || (overrides.check as { errCode?: number })?.errCode)
            throw overrides.check;
          return (
            (overrides.check as { result: { suggest: string } }) ?? {
              errCode: 0,
              result: { suggest: 'pass', label: 100 },
            }
          );
        },
      },
      wxacode: {
        getUnlimited: async (param) => {
          calls.push(param);
          return (
            (overrides.code as { buffer: Buffer }) ?? {
              contentType: 'image/jpeg',
              buffer: Buffer.from([0xff, 0xd8, 0xff]),
            }
          );
        },
      },
    };
    return { api, calls };
  }

  it('msgSecCheck: v2 with the openid, pass or not; code 87014 is risky; other failures throw', async () => {
    const passing = fakeApi();
    expect(await openApiContentCheck(() => passing.api).check('请核实', 'o-1')).toEqual({ ok: true });
    expect(passing.calls).toEqual([{ content: '请核实', version: 2, scene: 2, openid: 'o-1' }]);
    await openApiContentCheck(() => passing.api).check('请核实', null);
    expect(passing.calls[1]).toEqual({ content: '请核实' });
    const risky = fakeApi({ check: { errCode: 0, result: { suggest: 'risky', label: 20001 } } });
    expect(await openApiContentCheck(() => risky.api).check('x', 'o-1')).toMatchObject({ ok: false });
    const v1 = fakeApi({ check: Object.assign(new Error('risky'), { errCode: 87014 }) });
    expect(await openApiContentCheck(() => v1.api).check('x', null)).toMatchObject({ ok: false });
    const down = fakeApi({ check: Object.assign(new Error('system error'), { errCode: -1 }) });
    await expect(openApiContentCheck(() => down.api).check('x', 'o-1')).rejects.toThrow('system error');
  });

  it('wxacode.getUnlimited: the scene and page go in, the image comes out; an error code throws', async () => {
    const ok = fakeApi();
    const image = await openApiBoardCode(() => ok.api).render('Wj7qDemoBoard2026', 'pages/society/index');
    expect(ok.calls).toEqual([
      { scene: 'Wj7qDemoBoard2026', page: 'pages/society/index', checkPath: false, width: 430 },
    ]);
    expect(image.contentType).toBe('image/jpeg');
    const failed = fakeApi({ code: { errCode: 41030, errMsg: 'invalid page' } });
    await expect(openApiBoardCode(() => failed.api).render('x', 'pages/nope')).rejects.toThrow('41030');
  });
});

describe('audit action labels', () => {
  it('name known actions in Chinese and keep unknown ones as they are', () => {
    expect(auditActionLabel('case.approve')).toBe('案件：批准');
    expect(auditActionLabel('notice.publish')).toBe('发布公示');
    expect(auditActionLabel('case.noSuchStep')).toBe('case.noSuchStep');
    expect(auditActionLabel('something.new')).toBe('something.new');
  });
});
