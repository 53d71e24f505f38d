/** The consent text an applicant agrees to (PIPL art. 17), and its version (issue 12). */
import {
  CONSENT_TEXT,
  CONSENT_TEXT_VERSION,
  RETENTION_YEARS,
  RIGHTS_ANSWER_WORKING_DAYS,
} from '../../miniprogram/domain/relief';

describe('the consent text (PIPL art. 17)', () => {
  it('says how long the information is kept', () => {
    expect(CONSENT_TEXT).toContain(`案件办结后，这些信息随救助档案保存 ${RETENTION_YEARS} 年，期满删除`);
  });

  it('names whom to contact and which rights can be exercised, with the answer deadline', () => {
    expect(CONSENT_TEXT).toContain('向本互助社秘书长或村监督委员会提出');
    for (const right of ['查阅', '复制', '更正', '补充', '删除', '撤回同意']) expect(CONSENT_TEXT).toContain(right);
    expect(CONSENT_TEXT).toContain(`${RIGHTS_ANSWER_WORKING_DAYS} 个工作日内答复`);
    expect(CONSENT_TEXT).toContain('乡镇人民政府或县民政局');
  });

  it('carries a new version, so consents given to the old text are told apart', () => {
    expect(CONSENT_TEXT_VERSION).toBe('consent-2026-12');
  });
});
