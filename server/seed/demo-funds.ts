/**
 * The money side of the demo county (../shared/notes/demo-county.md): 王家村's own account, the
 * federation's account and the filed societies' sub-accounts, the officers' seats, one donation
 * pledge of 青石建材 (demo-donor) not yet received, one open donor invitation with a known
 * code, and the general meeting 王建国 called for 20 December. All fictional: the account
 * numbers are made up.
 */
import { COLLECTIONS, type SocietyDoc } from '../collections';
import type { Store } from '../ports/store';
import type { Actor } from '../access/caller';
import type { CountySettingsDoc } from '../funds/settings';
import type { InvitationDoc, RoleSeatDoc } from '../registry/members';
import { hashInvitationCode } from '../registry/invitations';
import { sealBankAccount } from '../registry/bank-account';
import type { PledgeDoc } from '../pledges/usecases';
import type { MeetingDoc } from '../funds/meetings';

/** Codes a demo or a test can type: the open donor invitation of 王家村 and the one 青石建材 accepted. */
export const DEMO_INVITATION_CODES = { openDonor: 'WJHZ-2026-DONOR', acceptedDonor: 'QSJC-2026-GIFT' } as const;
export const DEMO_PLEDGE_ID = 'seed-pledge-qsjc-01';
export const DEMO_MEETING_ID = 'seed-meeting-wj-2026h2';

const COUNTY = 'area-qingxi';

const president: Actor = { userId: 'u-wangjianguo', openid: 'demo-president', name: '王建国', role: 'president' };
const secretary: Actor = { userId: 'u-liufang', openid: 'demo-secretary', name: '刘芳', role: 'secretary' };

const OFFICERS: Array<{ userId: string; role: 'president' | 'secretary' | 'supervisor' }> = [
  { userId: 'u-wangjianguo', role: 'president' },
  { userId: 'u-liufang', role: 'secretary' },
  { userId: 'u-zhaodeming', role: 'supervisor' },
];

export async function seedDemoFunds(store: Store, societyId: string, at: string): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.update(COLLECTIONS.societies, 'soc-wangjia', {
      bankAccount: sealBankAccount({
        accountName: '王家村救急难互助社',
        bankName: '清溪农村商业银行王家支行',
        accountNumber: '6230 9999 0000 0001',
      }),
    } satisfies Partial<SocietyDoc>);
    await tx.update(COLLECTIONS.societies, 'soc-liutang', { subAccountCode: 'QXLH-002' });
    await tx.update(COLLECTIONS.societies, 'soc-baisha', { subAccountCode: 'QXLH-004' });
    await tx.set<CountySettingsDoc>(COLLECTIONS.countySettings, {
      _id: COUNTY,
      federationAccount: {
        accountName: '清溪县慈善协会',
        bankName: '清溪农村商业银行营业部',
        accountNumber: '6230 9999 0000 0009',
      },
      publicFundraising: null,
      updatedAt: at,
      updatedBy: null,
    });
  });

  for (const officer of OFFICERS) {
    const membershipId = `m-${officer.userId}-${officer.role}`;
    const seat = { membershipId, userId: officer.userId, societyId, role: officer.role, updatedAt: at };
    await store.insert<RoleSeatDoc>(COLLECTIONS.roleSeats, { _id: `user:${officer.userId}`, ...seat });
    if (officer.role !== 'supervisor') {
      await store.insert<RoleSeatDoc>(COLLECTIONS.roleSeats, { _id: `${societyId}:${officer.role}`, ...seat });
    }
  }

  const invitation = (id: string, code: string, inviteeName: string, createdAt: string): InvitationDoc => ({
    _id: id,
    societyId,
    role: 'donor',
    inviteeName,
    message: '感谢您支持王家村救急难互助社',
    codeHash: hashInvitationCode(code),
    status: 'open',
    createdAt,
    createdBy: secretary,
    // Valid for a year, so the demo keeps working whatever day it is shown.
    expiresAt: new Date(Date.parse(createdAt) + 365 * 24 * 3600 * 1000).toISOString(),
    acceptedAt: null,
    acceptedBy: null,
    membershipId: null,
    revokedAt: null,
    revokedBy: null,
  });
  await store.insert<InvitationDoc>(COLLECTIONS.invitations, {
    ...invitation(
      'seed-inv-qsjc-02',
      DEMO_INVITATION_CODES.acceptedDonor,
      '青石建材有限公司',
      '2026-11-20T09:00:00.000Z',
    ),
    status: 'accepted',
    acceptedAt: '2026-11-21T02:00:00.000Z',
    acceptedBy: { userId: 'u-qingshijiancai', name: '青石建材有限公司（孙伟）' },
    membershipId: 'm-u-qingshijiancai-donor',
  });
  await store.insert<InvitationDoc>(
    COLLECTIONS.invitations,
    invitation('seed-inv-open-01', DEMO_INVITATION_CODES.openDonor, '王志强（在外乡贤）', '2026-11-26T01:00:00.000Z'),
  );
  await store.insert<PledgeDoc>(COLLECTIONS.pledges, {
    _id: DEMO_PLEDGE_ID,
    societyId,
    invitationId: 'seed-inv-qsjc-02',
    donorUserId: 'u-qingshijiancai',
    donorName: '青石建材有限公司（孙伟）',
    anonymous: false,
    amountFen: 5_000_00,
    channel: 'bankToSociety',
    message: '年终再捐一笔，用于大病救助',
    status: 'pledged',
    pledgedAt: '2026-11-21T02:05:00.000Z',
    receipt: null,
    pastReceipts: [],
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
  });
  await store.insert<MeetingDoc>(COLLECTIONS.meetings, {
    _id: DEMO_MEETING_ID,
    societyId,
    title: '王家村救急难互助社2026年下半年会员大会',
    half: '2026-H2',
    startsAt: '2026-12-20T01:00:00.000Z',
    place: '王家村村民委员会二楼会议室',
    agenda: '一、2026年下半年互助资金收支情况报告\n二、救助工作情况报告\n三、审议2027年救助分档标准',
    status: 'scheduled',
    scheduledBy: president,
    scheduledAt: '2026-11-25T02:00:00.000Z',
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
    pack: null,
    files: [],
  });
}
