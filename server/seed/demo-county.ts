/**
 * The demo county of ../shared/notes/demo-county.md (fictional): 清溪县, two townships, four
 * village societies (registered and filed, active and still raising), the people of 王家村 in
 * every role, and some ledger history. The local stack seeds it on first run; tests use it too.
 * Every write goes through the same ledger code as production, so the figures reconcile.
 */
import { sealPendingAudit } from '../audit/seal';
import { keepAllDigests, keepMarkedDigests } from '../oversight/digest';
import { keepCountyOnSocieties } from '../registry/county-copies';
import { isOfficerMembership } from '../access/memberships';
import {
  COLLECTIONS,
  type AreaDoc,
  type MembershipDoc,
  type MetaDoc,
  type SocietyDoc,
  type UserDoc,
} from '../collections';
import { emptyFund, recordLedgerEntry, type LedgerEntryInput } from '../ledger/ledger';
import { seedDemoFunds } from './demo-funds';
import { DEMO_HOUSEHOLDS, seedDemoCases } from './demo-cases';
import { seedDemoNotices } from './demo-notices';
import type { Store } from '../ports/store';
import { loadAreaCounts } from '../registry/area-counts';
import type { Actor } from '../access/caller';
import type { Role } from '../../miniprogram/domain/society';

export const DEMO_SEED = { name: 'demo-county', version: 1 };
export const DEMO_SOCIETY_ID = 'soc-wangjia';

/** The demo callers: the OPENIDs the local stack accepts in `x-openid`. */
export const DEMO_CALLERS = [
  'demo-applicant',
  'demo-resident',
  'demo-donor',
  'demo-member',
  'demo-secretary',
  'demo-president',
  'demo-supervisor',
  'demo-township',
  'demo-county',
  'demo-federation',
] as const;
export type DemoCaller = (typeof DEMO_CALLERS)[number];

const COUNTY = 'area-qingxi';
const QINGSHI = 'area-qingshi';
const HEKOU = 'area-hekou';

const AREAS: Array<Omit<AreaDoc, 'countyId'>> = [
  { _id: COUNTY, kind: 'county', name: '清溪县', parentId: null, townshipId: null },
  { _id: QINGSHI, kind: 'township', name: '青石镇', parentId: COUNTY, townshipId: QINGSHI },
  { _id: HEKOU, kind: 'township', name: '河口乡', parentId: COUNTY, townshipId: HEKOU },
  { _id: 'area-wangjia', kind: 'village', name: '王家村', parentId: QINGSHI, townshipId: QINGSHI },
  { _id: 'area-liutang', kind: 'village', name: '柳塘村', parentId: QINGSHI, townshipId: QINGSHI },
  { _id: 'area-shiqiao', kind: 'village', name: '石桥社区', parentId: HEKOU, townshipId: HEKOU },
  { _id: 'area-baisha', kind: 'village', name: '白沙村', parentId: HEKOU, townshipId: HEKOU },
  { _id: 'area-dongling', kind: 'village', name: '东岭村', parentId: HEKOU, townshipId: HEKOU },
];

const SOCIETIES: Array<Omit<SocietyDoc, 'countyId' | 'createdAt'>> = [
  {
    _id: 'soc-wangjia',
    name: '王家村救急难互助社',
    villageId: 'area-wangjia',
    townshipId: QINGSHI,
    form: 'registered',
    status: 'active',
    registrationNumber: '清民社登字〔2026〕第001号',
    hasCharter: true,
    place: '王家村村民委员会一楼',
  },
  {
    _id: 'soc-liutang',
    name: '柳塘村救急难互助社',
    villageId: 'area-liutang',
    townshipId: QINGSHI,
    form: 'filed',
    status: 'active',
    registrationNumber: '青石备〔2026〕02号',
    hasCharter: true,
    place: '柳塘村党群服务中心',
  },
  {
    _id: 'soc-shiqiao',
    name: '石桥社区救急难互助社',
    villageId: 'area-shiqiao',
    townshipId: HEKOU,
    form: 'registered',
    status: 'preparing',
    registrationNumber: null,
    hasCharter: true,
    place: '石桥社区服务站',
  },
  {
    _id: 'soc-baisha',
    name: '白沙村救急难互助社',
    villageId: 'area-baisha',
    townshipId: HEKOU,
    form: 'filed',
    status: 'preparing',
    registrationNumber: null,
    hasCharter: false,
    place: null,
  },
];

interface DemoPerson {
  openid: DemoCaller;
  userId: string;
  name: string;
  role: Role;
  societyId: string | null;
  areaId: string | null;
}

const PEOPLE: DemoPerson[] = [
  {
    openid: 'demo-president',
    userId: 'u-wangjianguo',
    name: '王建国',
    role: 'president',
    societyId: DEMO_SOCIETY_ID,
    areaId: null,
  },
  {
    openid: 'demo-secretary',
    userId: 'u-liufang',
    name: '刘芳',
    role: 'secretary',
    societyId: DEMO_SOCIETY_ID,
    areaId: null,
  },
  {
    openid: 'demo-supervisor',
    userId: 'u-zhaodeming',
    name: '赵德明',
    role: 'supervisor',
    societyId: DEMO_SOCIETY_ID,
    areaId: null,
  },
  {
    openid: 'demo-member',
    userId: 'u-chenlixin',
    name: '陈立新',
    role: 'member',
    societyId: DEMO_SOCIETY_ID,
    areaId: null,
  },
  {
    openid: 'demo-donor',
    userId: 'u-qingshijiancai',
    name: '青石建材有限公司（孙伟）',
    role: 'donor',
    societyId: DEMO_SOCIETY_ID,
    areaId: null,
  },
  {
    openid: 'demo-applicant',
    userId: 'u-lixiuying',
    name: '李秀英',
    role: 'applicant',
    societyId: DEMO_SOCIETY_ID,
    areaId: null,
  },
  {
    openid: 'demo-resident',
    userId: 'u-zhouxiaohong',
    name: '周小红',
    role: 'resident',
    societyId: DEMO_SOCIETY_ID,
    areaId: null,
  },
  {
    openid: 'demo-township',
    userId: 'u-qingshi-mz',
    name: '青石镇民政办',
    role: 'township',
    societyId: null,
    areaId: QINGSHI,
  },
  {
    openid: 'demo-county',
    userId: 'u-qingxi-mzj',
    name: '清溪县民政局',
    role: 'county',
    societyId: null,
    areaId: COUNTY,
  },
  {
    openid: 'demo-federation',
    userId: 'u-qingxi-csxh',
    name: '清溪县慈善协会',
    role: 'federation',
    societyId: null,
    areaId: COUNTY,
  },
];

const FEN = 100;
type SeedEntry = LedgerEntryInput & { at: string };

/** Ledger history per society, in yuan × FEN; dates Beijing time. */
const LEDGER: Record<string, SeedEntry[]> = {
  'soc-wangjia': [
    {
      entryId: 'seed-wj-01',
      type: 'countySubsidy',
      amountFen: 10_000 * FEN,
      sourceRef: '清财社〔2026〕12号',
      memo: '县财政一次性启动补助',
      at: '2026-03-02T10:00:00+08:00',
    },
    {
      entryId: 'seed-wj-02',
      type: 'collectiveFund',
      amountFen: 8_000 * FEN,
      sourceRef: '村民代表会议决议 2026-02',
      memo: '村集体资金注入',
      at: '2026-03-05T10:00:00+08:00',
    },
    {
      entryId: 'seed-wj-03',
      type: 'donation',
      amountFen: 10_000 * FEN,
      sourceRef: '银行回单 0312-001',
      memo: '青石建材有限公司定向捐赠',
      at: '2026-03-12T15:30:00+08:00',
    },
    {
      entryId: 'seed-wj-04',
      type: 'donation',
      amountFen: 6_000 * FEN,
      sourceRef: '收据 2026-0001 至 0023',
      memo: '村民及在外乡贤捐赠',
      at: '2026-03-20T16:00:00+08:00',
    },
    {
      entryId: 'seed-wj-05',
      type: 'donation',
      amountFen: 20_000 * FEN,
      sourceRef: '收据 2026-0024',
      memo: '陈立新捐赠（金额录错，多录一个零）',
      at: '2026-03-25T09:10:00+08:00',
    },
    {
      entryId: 'seed-wj-06',
      type: 'reversal',
      reversesEntryId: 'seed-wj-05',
      sourceRef: '收据 2026-0024',
      memo: '冲正：金额录入错误',
      at: '2026-03-25T09:40:00+08:00',
    },
    {
      entryId: 'seed-wj-07',
      type: 'donation',
      amountFen: 2_000 * FEN,
      sourceRef: '收据 2026-0024',
      memo: '陈立新捐赠（更正后）',
      at: '2026-03-25T09:45:00+08:00',
    },
    {
      entryId: 'seed-wj-08',
      type: 'reliefPayout',
      amountFen: 300 * FEN,
      sourceRef: 'case:demo-case-01',
      memo: '补充救助（因病）',
      reliefType: 'supplementary',
      at: '2026-05-14T11:00:00+08:00',
    },
    {
      entryId: 'seed-wj-09',
      type: 'reliefPayout',
      amountFen: 500 * FEN,
      sourceRef: 'case:demo-case-02',
      memo: '补充救助（因病）',
      reliefType: 'supplementary',
      at: '2026-08-06T10:20:00+08:00',
    },
    {
      entryId: 'seed-wj-10',
      type: 'reliefPayout',
      amountFen: 1_000 * FEN,
      sourceRef: 'case:demo-case-03',
      memo: '应急救助（房屋失火）',
      reliefType: 'emergency',
      at: '2026-11-24T14:00:00+08:00',
    },
  ],
  'soc-liutang': [
    {
      entryId: 'seed-lt-01',
      type: 'countySubsidy',
      amountFen: 10_000 * FEN,
      sourceRef: '清财社〔2026〕12号',
      memo: '县财政一次性启动补助',
      at: '2026-04-01T10:00:00+08:00',
    },
    {
      entryId: 'seed-lt-02',
      type: 'collectiveFund',
      amountFen: 12_000 * FEN,
      sourceRef: '村民代表会议决议 2026-03',
      memo: '村集体资金注入',
      at: '2026-04-03T10:00:00+08:00',
    },
    {
      entryId: 'seed-lt-03',
      type: 'donation',
      amountFen: 8_500 * FEN,
      sourceRef: '联合会分帐户回单 0415',
      memo: '乡贤捐赠',
      at: '2026-04-15T10:00:00+08:00',
    },
  ],
  'soc-shiqiao': [
    {
      entryId: 'seed-sq-01',
      type: 'countySubsidy',
      amountFen: 10_000 * FEN,
      sourceRef: '清财社〔2026〕12号',
      memo: '县财政一次性启动补助',
      at: '2026-09-01T10:00:00+08:00',
    },
    {
      entryId: 'seed-sq-02',
      type: 'collectiveFund',
      amountFen: 6_000 * FEN,
      sourceRef: '社区居委会决议',
      memo: '社区集体资金',
      at: '2026-09-10T10:00:00+08:00',
    },
    {
      entryId: 'seed-sq-03',
      type: 'donation',
      amountFen: 5_000 * FEN,
      sourceRef: '银行回单 0920',
      memo: '辖区企业捐赠',
      at: '2026-09-20T10:00:00+08:00',
    },
  ],
  'soc-baisha': [
    {
      entryId: 'seed-bs-01',
      type: 'countySubsidy',
      amountFen: 10_000 * FEN,
      sourceRef: '清财社〔2026〕12号',
      memo: '县财政一次性启动补助',
      at: '2026-10-08T10:00:00+08:00',
    },
  ],
};

const SEEDED_AT = new Date('2026-03-01T09:00:00+08:00');

function membershipOf(person: DemoPerson): MembershipDoc {
  return {
    _id: `m-${person.userId}-${person.role}`,
    userId: person.userId,
    role: person.role,
    societyId: person.societyId,
    areaId: person.areaId,
    grantedAt: SEEDED_AT.toISOString(),
    grantedBy: 'seed',
  };
}

export async function isSeeded(store: Store): Promise<boolean> {
  return (await store.get<MetaDoc>(COLLECTIONS.meta, 'seed')) !== null;
}

/** Writes the demo county into an empty store. Safe to call twice: the second call writes nothing. */
export async function seedDemoCounty(store: Store): Promise<void> {
  if (await isSeeded(store)) return;
  const at = SEEDED_AT.toISOString();
  for (const area of AREAS) {
    // A village keeps its township's name, as the area import writes it.
    const township = area.kind === 'village' ? AREAS.find((other) => other._id === area.parentId) : undefined;
    await store.insert<AreaDoc>(COLLECTIONS.areas, {
      ...area,
      countyId: COUNTY,
      ...(township ? { townshipName: township.name } : {}),
    });
  }
  for (const society of SOCIETIES) {
    await store.insert<SocietyDoc>(COLLECTIONS.societies, {
      ...society,
      countyId: COUNTY,
      createdAt: at,
      reliefSettings: null,
      noticeSettings: null,
      // The demo imports no list; an import keeps this as it goes (roster/lists.ts).
      listKinds: { imported: [], importing: [] },
      // Its notices not yet posted on paper, kept as notices are published (notices/unposted.ts).
      unpostedNotices: [],
      // Its officers, as server/access/memberships.ts keeps them in the product.
      officers: PEOPLE.filter((person) => person.societyId === society._id)
        .map(membershipOf)
        .filter(isOfficerMembership),
    });
    await store.insert(COLLECTIONS.funds, emptyFund(society._id, SEEDED_AT));
  }
  for (const person of PEOPLE) {
    const membership = membershipOf(person);
    // The user keeps the grants it holds, as server/access/memberships.ts keeps them in the product.
    await store.insert<UserDoc>(COLLECTIONS.users, {
      _id: person.userId,
      openid: person.openid,
      name: person.name,
      createdAt: at,
      householdId: DEMO_HOUSEHOLDS[person.userId] ?? null,
      grants: [membership],
    });
    await store.insert<MembershipDoc>(COLLECTIONS.memberships, membership);
  }
  const secretary = PEOPLE.find((person) => person.openid === 'demo-secretary')!;
  const recorder: Actor = {
    userId: secretary.userId,
    openid: secretary.openid,
    name: secretary.name,
    role: 'secretary',
  };
  // The other societies' officers are not demo callers: their history is attributed to the seed.
  const seedActor: Actor = { userId: null, openid: null, name: '演示数据', role: null };
  for (const [societyId, entries] of Object.entries(LEDGER)) {
    const actor = societyId === DEMO_SOCIETY_ID ? recorder : seedActor;
    for (const { at: entryAt, ...entry } of entries) {
      await store.transaction((tx) => recordLedgerEntry(tx, societyId, entry, actor, new Date(entryAt)));
    }
  }
  await seedDemoFunds(store, DEMO_SOCIETY_ID, at);
  await seedDemoCases(store);
  await seedDemoNotices(store);
  // The county dashboard's counters, counted once from the areas just written (issue 15).
  await loadAreaCounts(store, COUNTY, SEEDED_AT);
  // Every society keeps the county's rules, as changing one leaves them (calendar, decision clock).
  await keepCountyOnSocieties(store, COUNTY);
  // The demo's history is chained, as the minute timer would have left it (audit/seal.ts).
  for (let more = true; more;) more = (await sealPendingAudit(store)).more;
  // And every society's overview counted, as the timer would have left it (oversight/digest.ts);
  // counted as of the seed's start, so every notice since is among the recent ones.
  for (let more = true; more;) more = (await keepMarkedDigests(store, SEEDED_AT)).more;
  await keepAllDigests(store, SEEDED_AT);
  await store.insert<MetaDoc>(COLLECTIONS.meta, { _id: 'seed', value: DEMO_SEED, updatedAt: at });
}
