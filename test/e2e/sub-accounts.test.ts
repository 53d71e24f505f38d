/**
 * R-ORG-1 in the browser preview: 东岭村 files a society with its township (no sub-account yet);
 * the federation opens its sub-account on the 分账户总览 page, confirms, and the list shows the
 * code; a code another society holds is refused in Chinese and nothing changes.
 */
import { COLLECTIONS, type SocietyDoc } from '../../server/collections';
import { describeInChromium, startPreview, type PhonePage, type PreviewHarness } from './support/preview-harness';

const FEDERATION = 'packages/oversight/pages/federation/index';

jest.setTimeout(120_000);

/** Answers the modal WeChat draws: the confirm button by its label. */
async function confirmModal(phone: PhonePage, label: string): Promise<void> {
  await phone.phone.locator('.wx-native-modal__button--confirm').filter({ hasText: label }).click();
  await phone.settled();
}

describeInChromium('federation sub-accounts in the browser preview (R-ORG-1)', () => {
  let preview: PreviewHarness;
  let societyId = '';

  beforeAll(async () => {
    preview = await startPreview();
    const created = await preview.call<{ id: string }>(
      'societies',
      { action: 'create', villageId: 'area-dongling', form: 'filed' },
      'demo-county',
    );
    if (!created.ok) throw new Error(`create failed: ${created.error.message}`);
    societyId = created.data.id;
  });

  afterAll(async () => {
    await preview?.close();
  });

  const codeOf = async (id: string) =>
    (await preview.stack.ports.store.get<SocietyDoc>(COLLECTIONS.societies, id))?.subAccountCode ?? null;

  it('R-ORG-1: the federation opens a sub-account for the newly filed 东岭村 society, after confirming (changes: one code)', async () => {
    const phone = await preview.open(FEDERATION, { caller: 'demo-federation' });
    await phone.waitForText('东岭村救急难互助社');
    expect(await phone.text()).toContain('东岭村 · 尚未开设分账户');

    await phone.tap('开设分账户');
    await phone.fill('字母、数字或短横线，如 QXLH-005', 'QXLH-002');
    await phone.tap('开设分账户');
    await confirmModal(phone, '确认开设');
    await phone.waitForText('分账户代码 QXLH-002 已经用于柳塘村救急难互助社，请换一个代码');
    expect(await codeOf(societyId)).toBeNull();

    await phone.fill('字母、数字或短横线，如 QXLH-005', 'QXLH-005');
    await phone.tap('开设分账户');
    await confirmModal(phone, '确认开设');
    await phone.waitForText('东岭村 · 分账户 QXLH-005');
    expect(await codeOf(societyId)).toBe('QXLH-005');
    expect(phone.errors).toEqual([]);
  });
});
