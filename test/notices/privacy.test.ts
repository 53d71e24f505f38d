/**
 * The privacy scan the issue asks for: a large made-up data set — hundreds of paid cases with
 * real-looking names, valid ID numbers (region 999999, no real person's), phone numbers and
 * illness words in their descriptions, paid through the one ledger with the full name as the
 * counterparty, home visits whose sealed findings repeat all of it — published as notices with
 * nothing but a picked 村民小组 number (issue 12: no officer's text is ever published), with
 * objections raised and answered; then every public (anyone-access) action of `notices` is
 * called and every response scanned for ID numbers, phone numbers, full names and the illness
 * words. None may be found.
 */
import { COLLECTIONS } from '../../server/collections';
import { FUNCTIONS } from '../../server/functions';
import { recordLedgerEntry } from '../../server/ledger/ledger';
import { personKeyOf, seal } from '../../server/cases/pii';
import { NO_DEADLINE } from '../../server/domain/case-deadlines';
import type { CaseDoc, CaseEventDoc } from '../../server/cases/model';
import type { Actor } from '../../server/access/caller';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { importList } from '../support/list-import';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { maskIdNumber, maskName } from '../../miniprogram/domain/masking';
import { CONSENT_TEXT_VERSION, type Cause, type MaterialKind, type ReliefType } from '../../miniprogram/domain/relief';
import type { PayoutNoticeFacts } from '../../miniprogram/domain/case';
import type { BoardPoster, PublishResult, SocietyNoticePage } from '../../miniprogram/domain/notices';
import { api, LIUTANG, WANGJIA } from './support';
import { WITHHELD_RECIPIENT_TEXT } from '../../server/reports/statement';
import type { FundEntriesPage } from '../../miniprogram/domain/funds';
import { addLiutangSecretary } from '../support/people';

const SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
);
const GIVEN = Array.from(
  '建国秀英桂兰志强海燕丽华春梅玉兰德明永红淑珍小军福生金凤翠花宝山长林玉珍振华文静红霞晓东立新',
);
const COMPOUND = ['欧阳', '司马', '诸葛', '上官'];
const ILLNESSES = ['尿毒症', '白血病', '肺癌', '胃癌', '肝癌', '乳腺癌', '脑出血', '脑梗塞', '心肌梗死', '淋巴瘤'];
const TREATMENTS = ['透析', '化疗', '放疗'];
const INJURIES = ['骨折', '烧伤', '截肢'];
const ORIGINALS = [['householdBook', 'idCard'], ['idCard'], [], ['householdBook', 'idCard', 'hardshipProof']] as const;
const OBJECTIONS = ['请再核实家庭收入情况', '金额是否偏高，请说明', '听说他家另有住房，请核实'];

/** A home address as a 低保 list writes it; unique per person so the scan can find it. */
const addressOf = (person: { caseId: string }): string => `清溪县青石镇${person.caseId}号院`;

/** A small deterministic generator, so a failure can be reproduced. */
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

interface Person {
  caseId: string;
  societyId: string;
  name: string;
  idNumber: string;
  phone: string;
  words: string[];
  consent: boolean;
}

const PAID_CASES = 320;

// Building 320 paid cases through the store takes a few seconds on a loaded 2-core machine.
jest.setTimeout(60_000);

describe('privacy scan of every public response of the notices function', () => {
  let backend: TestBackend;
  let call: ReturnType<typeof api>;
  const people: Person[] = [];
  const responses: Array<{ action: string; body: string }> = [];
  const exercised = new Set<string>();

  async function publicCall(action: string, payload: Record<string, unknown>, openid: string | null): Promise<unknown> {
    const result = await backend.call('notices', { action, ...payload }, openid);
    exercised.add(action);
    responses.push({ action, body: JSON.stringify(result) });
    return result.ok ? result.data : null;
  }

  beforeAll(async () => {
    backend = await createTestBackend();
    call = api(backend);
    const { store } = backend.ports;
    const random = prng(20261130);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const secretary: Actor = { userId: 'u-liufang', openid: 'demo-secretary', name: '刘芳', role: 'secretary' };

    await addLiutangSecretary(store);
    for (const societyId of [WANGJIA, LIUTANG]) {
      await store.transaction((tx) =>
        recordLedgerEntry(
          tx,
          societyId,
          { entryId: `privacy-topup-${societyId}`, type: 'collectiveFund', amountFen: 1_000_000_00, sourceRef: 'test' },
          secretary,
          new Date('2026-01-05T09:00:00+08:00'),
        ),
      );
    }

    const names = new Set<string>();
    for (let i = 0; i < PAID_CASES; i += 1) {
      let name = '';
      while (!name || names.has(name)) {
        const roll = random();
        if (roll < 0.05) name = pick(COMPOUND) + pick(GIVEN) + pick(GIVEN);
        else if (roll < 0.15) name = pick(SURNAMES) + pick(GIVEN);
        else name = pick(SURNAMES) + pick(GIVEN) + pick(GIVEN);
      }
      names.add(name);
      const societyId = i % 3 === 2 ? LIUTANG : WANGJIA;
      const villageId = societyId === WANGJIA ? 'area-wangjia' : 'area-liutang';
      const month = 1 + Math.floor((i / PAID_CASES) * 10);
      const day = 1 + (i % 27);
      const birthYear = 1940 + Math.floor(random() * 60);
      const idNumber = makeIdNumber({
        birthDate: `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
        sequence: Math.floor(random() * 1000),
      });
      const phone = `1${pick(['3', '5', '7', '8', '9'])}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
      const cause: Cause = random() < 0.7 ? 'majorIllness' : 'accident';
      const words = cause === 'majorIllness' ? [pick(ILLNESSES), pick(TREATMENTS)] : [pick(INJURIES)];
      const description = `${name}（电话${phone}，身份证${idNumber}）${cause === 'majorIllness' ? `患${words[0]}，需长期${words[1]}` : `意外受伤${words[0]}`}，住址王家村${i}号`;
      const reliefType: ReliefType = i % 2 === 0 ? 'supplementary' : 'emergency';
      const amountFen = (reliefType === 'supplementary' ? [200_00, 300_00, 500_00] : [300_00, 600_00, 1_000_00])[
        i % 3
      ]!;
      const paidAt = new Date(`2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00+08:00`);
      const decidedAt = new Date(paidAt.getTime() - 3_600_000).toISOString();
      const caseId = `privacy-case-${String(i).padStart(3, '0')}`;
      const consent = i % 7 !== 3;
      // Most were visited before the decision; some were paid first (先行救助) with the visit still to file.
      const reliefFirst = i % 5 === 4;
      people.push({ caseId, societyId, name, idNumber, phone, words, consent });

      await store.transaction(async (tx) => {
        const { entry } = await recordLedgerEntry(
          tx,
          societyId,
          {
            entryId: `payout-${caseId}`,
            type: 'reliefPayout',
            amountFen,
            sourceRef: `case:${caseId}`,
            memo: `${words[0]} ${name}`,
            reliefType,
            counterparty: { name, anonymous: !consent },
          },
          secretary,
          paidAt,
        );
        const plan = {
          recommend: 'grant' as const,
          reliefType,
          form: 'cash' as const,
          amountFen,
          tierId: null,
          tierLabel: null,
          reason: `${name}患${words[0]}，同意`,
          by: { userId: 'u-wangjianguo', name: '王建国', role: 'president' as const },
          at: decidedAt,
        };
        const doc: CaseDoc = {
          _id: caseId,
          societyId,
          villageId,
          caseNo: `2026-${String(100 + i)}`,
          origin: 'discovery',
          requestId: `privacy-${caseId}`,
          state: 'paid',
          version: 1,
          eventCount: 1,
          applicantUserId: null,
          applicant: null,
          householdId: `case:${caseId}`,
          personKey: personKeyOf(idNumber),
          person: {
            name,
            maskedName: maskName(name),
            idNumber: seal(idNumber),
            maskedIdNumber: maskIdNumber(idNumber),
            phone: seal(phone),
            relationship: 'self',
            hukou: 'beneficiary',
          },
          situation: {
            cause,
            description: seal(description),
            assistance: reliefType === 'supplementary' ? ['dibao'] : [],
            category: reliefType === 'supplementary' ? 'other' : 'expenditureHardship',
            livingAtRisk: true,
          },
          consent: {
            processing: true,
            publicNotice: consent,
            textVersion: CONSENT_TEXT_VERSION,
            method: 'signed',
            recordedBy: { userId: 'u-liufang', name: '刘芳', role: 'secretary' },
            at: decidedAt,
          },
          discovery: { how: `${name}邻居反映`, by: { userId: 'u-liufang', name: '刘芳', role: 'secretary' } },
          materials: [],
          deadlines: {},
          nextDueAt: NO_DEADLINE,
          nextDueKind: null,
          intakeRepeat: null,
          visit: reliefFirst
            ? null
            : {
                visitedAt: decidedAt,
                // The second visitor bears the person's full name, so a leaked visitor name would be caught.
                visitors: [
                  { name: '刘芳', userId: 'u-liufang' },
                  { name, userId: null },
                ],
                // The visitors' own words, with everything a notice must never show: sealed, never published.
                findings: seal(`${name}确诊${words[0]}，电话${phone}，身份证${idNumber}，情况属实`),
                photoFileIds: [],
                originalsChecked: [...ORIGINALS[i % ORIGINALS.length]!] as MaterialKind[],
                verified: {
                  hukou: 'beneficiary',
                  assistance: reliefType === 'supplementary' ? ['dibao'] : [],
                  category: reliefType === 'supplementary' ? 'other' : 'expenditureHardship',
                  livingAtRisk: true,
                },
                opinion: plan,
                recordedBy: { userId: 'u-liufang', name: '刘芳', role: 'secretary' },
                recordedAt: decidedAt,
              },
          proposal: plan,
          decision: { ...plan, outcome: 'approved', repeat: { caseIds: [], seenCaseIds: [] } },
          payout: {
            requestId: `privacy-pay-${caseId}`,
            method: 'cash',
            amountFen,
            goodsDescription: null,
            recipientName: name,
            reliefType,
            paidAt: paidAt.toISOString(),
            paidBy: { userId: 'u-liufang', name: '刘芳', role: 'secretary' },
            reliefFirst,
            ledgerEntryId: entry._id,
          },
          reliefFirst: null,
          receipt: null,
          referrals: [],
          endReason: null,
          createdAt: decidedAt,
          acceptedAt: decidedAt,
          decidedAt,
          paidAt: paidAt.toISOString(),
          closedAt: null,
          updatedAt: paidAt.toISOString(),
        };
        const notice: PayoutNoticeFacts = {
          caseId,
          societyId,
          villageId,
          maskedName: maskName(name),
          reliefType,
          cause,
          method: 'cash',
          amountFen,
          paidAt: paidAt.toISOString(),
          reliefFirst,
          noticeConsented: consent,
          ledgerEntryId: entry._id,
        };
        const event: CaseEventDoc = {
          _id: `${caseId}:0001`,
          caseId,
          societyId,
          seq: 1,
          type: 'disburse',
          from: 'approved',
          to: 'paid',
          at: paidAt.toISOString(),
          actor: { userId: 'u-liufang', name: '刘芳', role: 'secretary' },
          summary: `以现金发放 ${amountFen / 100}元`,
          details: { notice },
        };
        await tx.insert(COLLECTIONS.cases, doc);
        await tx.insert(COLLECTIONS.caseEvents, event);
      });
    }

    // Issue 13: the same people are on their village's 低保 list, with home addresses, and on the
    // roster with visits whose sealed findings name their illness: none of it may reach the public.
    for (const societyId of [WANGJIA, LIUTANG]) {
      const officer = societyId === WANGJIA ? 'demo-secretary' : 'lt-secretary';
      const listed = people.filter((person) => person.societyId === societyId);
      // Uploaded as the roster page does it, into a list slot of the society (issue 12).
      await importList(backend, {
        openid: officer,
        owner: { societyId },
        kind: 'dibao',
        rows: listed.map((person) => ({ name: person.name, idNumber: person.idNumber, address: addressOf(person) })),
      });
      const roster = await backend.call('roster', { action: 'roster', societyId }, officer);
      const rows = (roster.ok ? (roster.data as { rows: Array<{ id: string; name: string }> }).rows : []).slice(0, 20);
      for (const [index, row] of rows.entries()) {
        const person = listed.find((each) => each.name === row.name)!;
        const visited = await backend.call(
          'roster',
          {
            action: 'recordVisit',
            requestId: `privacy-visit-${societyId}-${index}`,
            rosterId: row.id,
            visitors: ['刘芳'],
            findings: `${person.name}（${person.idNumber}，${person.phone}）${person.words.join('、')}，住${addressOf(person)}`,
          },
          officer,
        );
        if (!visited.ok) throw new Error(visited.error.message);
      }
    }

    // Publish every one: the older half 10 days ago (archived by now), the rest today (live).
    const now = backend.ports.clock.now();
    for (const [index, person] of people.entries()) {
      backend.ports.clock.set(new Date(now.getTime() - (index % 2 === 0 ? 10 : 1) * 86_400_000));
      const officer = person.societyId === WANGJIA ? 'demo-secretary' : 'lt-secretary';
      const published = await call.notices.ok<PublishResult>(
        'publishNotice',
        { caseId: person.caseId, villageGroupNo: random() < 0.2 ? null : 1 + Math.floor(random() * 30) },
        officer,
      );
      expect(published.consentWithheld).toBe(!person.consent);
    }
    backend.ports.clock.set(now);
    for (const societyId of [WANGJIA, LIUTANG]) {
      await call.notices.ok<BoardPoster>(
        'boardPoster',
        { societyId },
        societyId === WANGJIA ? 'demo-secretary' : 'lt-secretary',
      );
    }
  });
  afterAll(() => backend.close());

  it('calls every public action over the data set and finds no ID number, phone, full name or illness word', async () => {
    // Objections on live notices, from people who are not logged in; some answered.
    const live = people.filter((_, index) => index % 2 === 1);
    for (const [index, person] of live.slice(0, 60).entries()) {
      await publicCall(
        'raiseObjection',
        {
          requestId: `privacy-objection-${index}`,
          noticeId: `notice-${person.caseId}`,
          text: OBJECTIONS[index % 3]!,
          contact: '村东头',
        },
        `o-villager-${index % 10}`,
      );
      if (index % 2 === 0) {
        await call.notices.ok(
          'answerObjection',
          { objectionId: `obj-privacy-objection-${index}`, answer: '已再次入户核实，情况属实。', outcome: 'notUpheld' },
          person.societyId === WANGJIA ? 'demo-secretary' : 'lt-secretary',
        );
      }
    }
    for (const societyId of [WANGJIA, LIUTANG, 'soc-shiqiao', 'soc-baisha', 'soc-nowhere']) {
      for (const openid of [null, 'o-villager-1', 'demo-resident'])
        await publicCall('publicPage', { societyId }, openid);
    }
    for (const person of people) {
      await publicCall('getNotice', { noticeId: `notice-${person.caseId}` }, null);
      await publicCall('getNotice', { noticeId: `notice-${person.caseId}` }, 'o-villager-3');
    }
    for (const id of ['notice-demo-case-01', 'notice-demo-case-02', 'notice-demo-case-03', 'notice-nowhere']) {
      await publicCall('getNotice', { noticeId: id }, null);
    }
    const scenes = (await backend.ports.store.find<{ _id: string }>(COLLECTIONS.noticeScenes, { limit: 100 })).map(
      (doc) => doc._id,
    );
    expect(scenes.length).toBe(2);
    for (const scene of [...scenes, 'NoSuchScene123']) await publicCall('resolveScene', { scene }, null);
    for (let i = 0; i < 10; i += 1) await publicCall('myObjections', {}, `o-villager-${i}`);
    await publicCall('myObjections', {}, 'demo-resident');

    // Every action anyone may call was called.
    const publicActions = Object.entries(FUNCTIONS.notices!.actions)
      .filter(([, definition]) => definition.access === 'anyone')
      .map(([name]) => name)
      .sort();
    expect([...exercised].sort()).toEqual(publicActions);

    const idPattern = /\d{17}[\dXx]|\d{15}/g;
    const phonePattern = /1[3-9]\d{9}/g;
    const seedNames = ['王桂兰', '刘长河', '陈大山', '张国强', '李秀英'];
    const allNames = [...people.map((person) => person.name), ...seedNames];
    // Issue 13: no public action reads the roster, and no list address reaches a public response.
    expect(Object.values(FUNCTIONS.roster!.actions).filter((definition) => definition.access === 'anyone')).toEqual([]);
    const addresses = people.map(addressOf);
    const addressHits = responses.filter((response) => addresses.some((address) => response.body.includes(address)));
    expect(addressHits).toEqual([]);
    const illnessWords = [...new Set(people.flatMap((person) => person.words))];
    const hits = { idNumbers: [] as string[], phones: [] as string[], names: [] as string[], illness: [] as string[] };
    const scan = (body: string) => {
      hits.idNumbers.push(...(body.match(idPattern) ?? []));
      hits.phones.push(...(body.match(phonePattern) ?? []));
      for (const name of allNames) if (body.includes(name)) hits.names.push(name);
      for (const word of illnessWords) if (body.includes(word)) hits.illness.push(word);
    };
    for (const response of responses) scan(response.body);

    const bytes = responses.reduce((total, response) => total + Buffer.byteLength(response.body), 0);
    const liveShown = responses
      .filter((response) => response.action === 'publicPage')
      .map((response) => (JSON.parse(response.body) as { data?: SocietyNoticePage }).data?.liveNotices.length ?? 0);
    console.log(
      `privacy scan: ${people.length} paid cases (${people.filter((p) => !p.consent).length} without notice consent), ` +
        `${responses.length} public responses (${(bytes / 1024).toFixed(0)} KiB) from ${publicActions.length} actions, ` +
        `${allNames.length} full names, ${illnessWords.length} illness words; live notices on the pages: ${Math.max(...liveShown)} max; ` +
        `hits: ID ${hits.idNumbers.length}, phone ${hits.phones.length}, name ${hits.names.length}, illness ${hits.illness.length}`,
    );
    expect(hits).toEqual({ idNumbers: [], phones: [], names: [], illness: [] });

    // The responses do carry the notices (masked), and the scan finds what it looks for when it is there.
    const shown = people.find((person, index) => index % 2 === 1 && person.consent)!;
    expect(
      responses.some((response) => response.body.includes(`"recipientMaskedName":"${maskName(shown.name)}"`)),
    ).toBe(true);
    const sample = people[0]!;
    scan(JSON.stringify({ description: `${sample.name} ${sample.idNumber} ${sample.phone} ${sample.words[0]}` }));
    expect(hits.idNumbers).toContain(sample.idNumber);
    expect(hits.phones).toContain(sample.phone);
    expect(hits.names).toContain(sample.name);
    expect(hits.illness).toContain(sample.words[0]);
  });

  it('the pages still say what a notice should: masked names, categories and amounts of the right society', async () => {
    const page = await call.notices.ok<SocietyNoticePage>('publicPage', { societyId: LIUTANG }, null);
    const liutangLive = people.filter((person, index) => person.societyId === LIUTANG && index % 2 === 1);
    expect(page.liveNotices).toHaveLength(liutangLive.length);
    const masked = new Set(liutangLive.filter((p) => p.consent).map((p) => maskName(p.name)));
    for (const notice of page.liveNotices) {
      if (notice.content.anonymised) expect(notice.content.recipientMaskedName).toBeNull();
      else expect(masked.has(notice.content.recipientMaskedName!)).toBe(true);
    }
    // Issue 12: the 核查情况 and the group are generated from structured facts, nothing else.
    const shown = page.liveNotices.filter((notice) => !notice.content.anonymised);
    expect(shown.length).toBeGreaterThan(10);
    for (const notice of shown) {
      expect(notice.content.checkFinding).toMatch(
        /^(经2人入户核查(，核验了(户口簿|身份证|困难情况证明)(、(户口簿|身份证|困难情况证明))*原件)?，情况属实|先行救助，入户核查待补办)$/,
      );
      expect(notice.content.villageGroup ?? '第一村民小组').toMatch(/^第[一二三四五六七八九十]{1,3}村民小组$/);
    }
    expect(new Set(shown.map((notice) => notice.content.checkFinding)).size).toBeGreaterThan(2);
    const paidThisYear = people.filter((person) => person.societyId === LIUTANG).length;
    expect(page.totals.count).toBe(paidThisYear);
  });

  it('what members and donors get names no recipient in full, and no one who withheld consent, masked or not', async () => {
    // Every page of the members' fund entries over the year, the fund report, the donor's pledges.
    const bodies: string[] = [];
    const parties = new Map<string, string>();
    for (let offset = 0; ; offset += 50) {
      const page = await call.ok<FundEntriesPage>(
        'funds',
        'fundEntries',
        { societyId: WANGJIA, from: '2026-01', to: '2026-12', offset, limit: 50 },
        'demo-member',
      );
      bodies.push(JSON.stringify(page));
      for (const item of page.items) parties.set(item.id, item.party);
      if (page.items.length < 50) break;
    }
    bodies.push(JSON.stringify(await call.ok('funds', 'fundReport', { societyId: WANGJIA }, 'demo-member')));
    bodies.push(JSON.stringify(await call.ok('pledges', 'myPledges', {}, 'demo-donor')));
    const wangjia = people.filter((person) => person.societyId === WANGJIA);
    expect(wangjia.length).toBeGreaterThan(100);
    for (const person of wangjia) {
      const party = parties.get(`payout-${person.caseId}`);
      expect({ caseId: person.caseId, party }).toEqual({
        caseId: person.caseId,
        party: person.consent ? maskName(person.name) : WITHHELD_RECIPIENT_TEXT,
      });
    }
    const everything = bodies.join('\n');
    for (const person of people) expect(everything.includes(person.name)).toBe(false);
    for (const word of new Set(people.flatMap((person) => person.words))) expect(everything.includes(word)).toBe(false);
    expect(everything.match(/\d{17}[\dXx]|1[3-9]\d{9}/g)).toBeNull();
  });
});
