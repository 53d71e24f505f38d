/** R-FUND-2: donations by invitation only, receipts confirmed once by someone else, and what the money did. */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS } from '../../server/collections';
import type { FundDoc, LedgerEntryDoc } from '../../server/ledger/ledger';
import { recordLedgerEntry } from '../../server/ledger/ledger';
import { DEMO_INVITATION_CODES, DEMO_PLEDGE_ID } from '../../server/seed/demo-funds';
import type { CreatedInvitation } from '../../server/registry/members';
import type { MyPledgeView, PledgeView } from '../../miniprogram/domain/funds';
import { data, refusal, rid, snapshot } from './support';
import { REQUEST_REUSED_MESSAGE } from '../../server/api/request-ids';
import { unseal } from '../../server/cases/pii';
import { handOnWaiting } from '../../server/outbound';
import type { PledgeDoc } from '../../server/pledges/usecases';

let backend: TestBackend;
beforeEach(async () => {
  backend = await createTestBackend();
});
afterEach(() => backend.close());

const pledge = (payload: Record<string, unknown>, openid: string | null) =>
  backend.call(
    'pledges',
    {
      action: 'pledge',
      requestId: rid('pledge'),
      amountFen: 1_000_00,
      channel: 'bankToSociety',
      anonymous: false,
      ...payload,
    },
    openid,
  );

describe('R-FUND-2: no pledge without a valid personal invitation', () => {
  it('R-FUND-2: no code, a made-up code, an invitation of another role or another person: refused, nothing written', async () => {
    const before = await snapshot(backend);
    const noInvitation = await pledge({}, 'demo-resident');
    expect(noInvitation).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!noInvitation.ok && noInvitation.error.message).toContain('不开展公开募捐');
    expect(await pledge({ code: 'ABCDEFGHJK' }, 'demo-resident')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // 青石建材's accepted invitation is theirs: neither its code nor its id serves anyone else.
    expect(await pledge({ code: DEMO_INVITATION_CODES.acceptedDonor }, 'demo-resident')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await pledge({ invitationId: 'seed-inv-qsjc-02' }, 'demo-resident')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const member = await data<CreatedInvitation>(
      backend,
      'societies',
      { action: 'createInvitation', requestId: rid(), societyId: 'soc-wangjia', role: 'member', inviteeName: '某人' },
      'demo-secretary',
    );
    const after = await snapshot(backend);
    expect(await pledge({ code: member.code }, 'demo-resident')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '该邀请不是捐赠邀请' },
    });
    expect(await snapshot(backend)).toEqual(after);
    expect({ ...after, invitations: before.invitations, auditEvents: before.auditEvents }).toEqual(before);
  });

  it('R-FUND-2: an expired invitation is refused', async () => {
    backend.ports.clock.set('2028-01-01T10:00:00+08:00');
    expect(await pledge({ code: DEMO_INVITATION_CODES.openDonor }, 'someone-new')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
  });

  it('R-FUND-2: an invited new donor pledges, becomes a donor, and a retry records one pledge', async () => {
    const requestId = rid('pledge');
    const event = {
      action: 'pledge',
      requestId,
      code: DEMO_INVITATION_CODES.openDonor,
      amountFen: 2_000_00,
      channel: 'bankToSociety',
      anonymous: true,
      donorName: '王志强',
    };
    const first = await data<PledgeView>(backend, 'pledges', event, 'wang-zhiqiang');
    const again = await data<PledgeView>(backend, 'pledges', event, 'wang-zhiqiang');
    expect(again).toEqual(first);
    expect(first).toMatchObject({
      donorName: '王志强',
      anonymous: true,
      status: 'pledged',
      societyName: '王家村救急难互助社',
    });
    expect(first.payment).toMatchObject({ account: { accountName: '王家村救急难互助社' } });
    expect(await backend.ports.store.count(COLLECTIONS.pledges, { societyId: 'soc-wangjia' })).toBe(2);
    const me = await data<{ name: string; roles: Array<{ role: string }> }>(
      backend,
      'societies',
      { action: 'me' },
      'wang-zhiqiang',
    );
    expect(me).toMatchObject({ name: '王志强', roles: [{ role: 'donor' }] });
    const mine = await data<{ items: MyPledgeView[] }>(backend, 'pledges', { action: 'myPledges' }, 'wang-zhiqiang');
    expect(mine.items.map((item) => item.id)).toEqual([requestId]);
    // A filed society's channel is not offered to a registered one.
    expect(
      await pledge({ invitationId: 'seed-inv-open-01', channel: 'bankToFederation' }, 'wang-zhiqiang'),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('R-FUND-2: the federation invites donors for a filed society, who transfer to the sub-account', async () => {
    const invitation = await data<CreatedInvitation>(
      backend,
      'societies',
      {
        action: 'createInvitation',
        requestId: rid(),
        societyId: 'soc-liutang',
        role: 'donor',
        inviteeName: '柳塘乡贤会',
      },
      'demo-federation',
    );
    const made = await data<PledgeView>(
      backend,
      'pledges',
      {
        action: 'pledge',
        requestId: rid(),
        code: invitation.code,
        amountFen: 3_000_00,
        channel: 'bankToFederation',
        anonymous: false,
      },
      'liutang-donor',
    );
    expect(made.payment).toMatchObject({
      account: { accountName: '清溪县慈善协会' },
      transferNote: 'QXLH-002 柳塘村互助社捐赠',
    });
    const confirmed = await data<PledgeView>(
      backend,
      'pledges',
      { action: 'confirmReceipt', pledgeId: made.id, entryId: rid('entry'), slip: '联合会回单 1201' },
      'demo-federation',
    );
    expect(confirmed.status).toBe('received');
    expect((await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, 'soc-liutang'))?.balanceFen).toBe(33_500_00);
  });
});

describe('R-FUND-2, R-FUND-3: confirming receipt', () => {
  it('R-FUND-3: the secretary confirms once: the donation entry is written once, whatever the retries', async () => {
    const entryId = rid('entry');
    const event = { action: 'confirmReceipt', pledgeId: DEMO_PLEDGE_ID, entryId, slip: '银行回单 1130-01' };
    const auditBefore = await backend.ports.store.count(COLLECTIONS.auditEvents);
    const first = await data<PledgeView>(backend, 'pledges', event, 'demo-secretary');
    // One audit event for the action (issue 15): the pledge's, naming the entry; the ledger appends
    // none. It waits on the pledge until handed on (server/outbound.ts).
    expect(
      (await backend.ports.store.get<PledgeDoc>(COLLECTIONS.pledges, DEMO_PLEDGE_ID))?.outbound?.audit,
    ).toHaveLength(1);
    await handOnWaiting(backend.ports.store);
    const audit = await backend.ports.store.find<{ _id: string; action: string; details: Record<string, unknown> }>(
      COLLECTIONS.auditEvents,
      { where: { scopeId: 'soc-wangjia', pending: true } },
    );
    expect(await backend.ports.store.count(COLLECTIONS.auditEvents)).toBe(auditBefore + 1);
    expect(audit.map((one) => [one.action, one.details.entryId, one.details.type])).toEqual([
      ['pledge.confirm', entryId, 'donation'],
    ]);
    await data<PledgeView>(backend, 'pledges', event, 'demo-secretary');
    expect(first).toMatchObject({
      status: 'received',
      receipt: { entryId, amountFen: 5_000_00, confirmedByName: '刘芳' },
    });
    expect((await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, 'soc-wangjia'))?.balanceFen).toBe(39_200_00);
    const entry = await backend.ports.store.get<LedgerEntryDoc>(COLLECTIONS.ledgerEntries, entryId);
    expect(entry).toMatchObject({
      type: 'donation',
      amountFen: 5_000_00,
      sourceRef: `pledge:${DEMO_PLEDGE_ID}`,
    });
    // The donor's name is sealed at rest (issue 12 Keys).
    expect(unseal(entry!.counterparty!.name)).toBe('青石建材有限公司（孙伟）');
    // A second confirmation under another entry id is refused and writes nothing.
    const before = await snapshot(backend);
    expect(await backend.call('pledges', { ...event, entryId: rid('entry') }, 'demo-secretary')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(await snapshot(backend)).toEqual(before);
  });

  it('R-FUND-2: a donor cannot confirm their own pledge, even as secretary; the president and a member cannot at all', async () => {
    // 刘芳 (the secretary) pledges herself on a fresh invitation.
    const invitation = await data<CreatedInvitation>(
      backend,
      'societies',
      { action: 'createInvitation', requestId: rid(), societyId: 'soc-wangjia', role: 'donor', inviteeName: '刘芳' },
      'demo-president',
    );
    const own = await data<PledgeView>(
      backend,
      'pledges',
      {
        action: 'pledge',
        requestId: rid(),
        code: invitation.code,
        amountFen: 200_00,
        channel: 'cash',
        anonymous: false,
      },
      'demo-secretary',
    );
    const before = await snapshot(backend);
    const error = await refusal(
      backend,
      'pledges',
      { action: 'confirmReceipt', pledgeId: own.id, entryId: rid('entry'), slip: '收据 1' },
      'demo-secretary',
    );
    expect(error).toEqual({ code: 'FORBIDDEN', message: '不能确认自己的捐赠到账，请由他人确认' });
    for (const openid of ['demo-donor', 'demo-president', 'demo-member']) {
      expect(
        (
          await refusal(
            backend,
            'pledges',
            { action: 'confirmReceipt', pledgeId: DEMO_PLEDGE_ID, entryId: rid('entry'), slip: '收据 1' },
            openid,
          )
        ).code,
      ).toBe('FORBIDDEN');
    }
    expect(await snapshot(backend)).toEqual(before);
  });

  it('R-FUND-3: reversing a mistyped receipt reopens the pledge; the right amount is then confirmed', async () => {
    const wrong = rid('entry');
    await data(
      backend,
      'pledges',
      { action: 'confirmReceipt', pledgeId: DEMO_PLEDGE_ID, entryId: wrong, amountFen: 50_000_00, slip: '回单 A' },
      'demo-secretary',
    );
    await data(
      backend,
      'funds',
      {
        action: 'reverseEntry',
        societyId: 'soc-wangjia',
        entryId: rid('rev'),
        reversesEntryId: wrong,
        reason: '金额多录一个零',
      },
      'demo-secretary',
    );
    const reopened = await data<MyPledgeView>(
      backend,
      'pledges',
      { action: 'getPledge', pledgeId: DEMO_PLEDGE_ID },
      'demo-donor',
    );
    expect(reopened).toMatchObject({ status: 'pledged', receipt: null });
    // The reversed receipt again, the same entry id, amount and slip: refused as a reused request,
    // nothing written. (The ledger's replay used to answer the reversed entry, and the pledge was
    // marked received against it; now the entry is not looked up first and its insert is refused.)
    const before = await snapshot(backend);
    expect(
      await refusal(
        backend,
        'pledges',
        { action: 'confirmReceipt', pledgeId: DEMO_PLEDGE_ID, entryId: wrong, amountFen: 50_000_00, slip: '回单 A' },
        'demo-secretary',
      ),
    ).toEqual({ code: 'DUPLICATE', message: REQUEST_REUSED_MESSAGE });
    expect(await snapshot(backend)).toEqual(before);
    await data(
      backend,
      'pledges',
      { action: 'confirmReceipt', pledgeId: DEMO_PLEDGE_ID, entryId: rid('entry'), slip: '回单 A' },
      'demo-secretary',
    );
    expect((await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, 'soc-wangjia'))?.balanceFen).toBe(39_200_00);
  });
});

describe('R-FUND-2: what the donor sees', () => {
  it('R-FUND-2: the receipt and the relief paid since the money arrived, with masked names', async () => {
    await data(
      backend,
      'pledges',
      { action: 'confirmReceipt', pledgeId: DEMO_PLEDGE_ID, entryId: 'entry-qsjc-receipt', slip: '回单 B' },
      'demo-secretary',
    );
    backend.ports.clock.set('2026-12-02T10:00:00+08:00');
    await backend.ports.store.transaction((tx) =>
      recordLedgerEntry(
        tx,
        'soc-wangjia',
        {
          entryId: 'pay-after-gift',
          type: 'reliefPayout',
          amountFen: 800_00,
          sourceRef: 'case:demo-x',
          reliefType: 'emergency',
          counterparty: { name: '张国强' },
        },
        { userId: 'u-liufang', openid: 'demo-secretary', name: '刘芳', role: 'secretary' },
        backend.ports.clock.now(),
      ),
    );
    const mine = await data<{ items: MyPledgeView[] }>(backend, 'pledges', { action: 'myPledges' }, 'demo-donor');
    expect(mine.items[0]).toMatchObject({
      id: DEMO_PLEDGE_ID,
      status: 'received',
      receipt: {
        entryId: 'entry-qsjc-receipt',
        amountFen: 5_000_00,
        societyName: '王家村救急难互助社',
        registrationNumber: '清民社登字〔2026〕第001号',
      },
      reliefSince: {
        count: 1,
        fen: 800_00,
        recent: [{ party: '张*强', kindLabel: '应急救助', amountFen: 800_00, date: '2026-12-02' }],
      },
    });
    expect(JSON.stringify(mine)).not.toContain('张国强');
  });

  it("a donor cannot read someone else's pledge", async () => {
    expect(
      (await refusal(backend, 'pledges', { action: 'getPledge', pledgeId: DEMO_PLEDGE_ID }, 'demo-member')).code,
    ).toBe('FORBIDDEN');
  });
});

describe("R-FUND-2: a link to the federation's public-fundraising project, never a payment of ours", () => {
  const link = {
    qualificationHolder: '清溪县慈善协会',
    platformName: '指定互联网募捐信息平台',
    projectName: '清溪县救急难互助项目',
    url: 'https://example.org/projects/qingxi-jjn',
  };

  it('R-FUND-2: only the county bureau records it, https only; society pages and donor invitations then show the link', async () => {
    expect((await refusal(backend, 'funds', { action: 'setPublicFundraising', link }, 'demo-federation')).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (
        await refusal(
          backend,
          'funds',
          { action: 'setPublicFundraising', link: { ...link, url: 'http://example.org/x' } },
          'demo-county',
        )
      ).code,
    ).toBe('BAD_REQUEST');
    const before = await data<{ publicFundraising: unknown }>(
      backend,
      'societies',
      { action: 'getPublicPage', societyId: 'soc-wangjia' },
      null,
    );
    expect(before.publicFundraising).toBeNull();
    await data(backend, 'funds', { action: 'setPublicFundraising', link }, 'demo-county');
    const page = await data<{ publicFundraising: unknown }>(
      backend,
      'societies',
      { action: 'getPublicPage', societyId: 'soc-wangjia' },
      null,
    );
    expect(page.publicFundraising).toEqual(link);
    const invitation = await data<{ publicFundraising: unknown }>(
      backend,
      'societies',
      { action: 'openInvitation', code: DEMO_INVITATION_CODES.openDonor },
      null,
    );
    expect(invitation.publicFundraising).toEqual(link);
  });
});

describe('withdrawing a pledge', () => {
  it('the donor withdraws a pledge not yet received; it can then not be confirmed; nobody else may withdraw it', async () => {
    expect(
      (
        await refusal(
          backend,
          'pledges',
          { action: 'cancelPledge', pledgeId: DEMO_PLEDGE_ID, reason: 'x' },
          'demo-member',
        )
      ).code,
    ).toBe('FORBIDDEN');
    const cancelled = await data<PledgeView>(
      backend,
      'pledges',
      { action: 'cancelPledge', pledgeId: DEMO_PLEDGE_ID, reason: '改为明年捐赠' },
      'demo-donor',
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', statusLabel: '已取消' });
    const before = await snapshot(backend);
    expect(
      (
        await refusal(
          backend,
          'pledges',
          { action: 'confirmReceipt', pledgeId: DEMO_PLEDGE_ID, entryId: rid('entry'), slip: '回单' },
          'demo-secretary',
        )
      ).message,
    ).toBe('该认捐已取消');
    expect(await snapshot(backend)).toEqual(before);
  });
});
