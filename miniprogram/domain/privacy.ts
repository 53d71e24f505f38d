/**
 * What the privacy popup says (PIPL art. 17, WeChat's 隐私保护指引): why the mini program asks,
 * what it collects, who sees it, how long it is kept and how to exercise one's rights. The
 * 隐私保护指引 itself is filled in on the WeChat admin console; this is its short form.
 */
export const PRIVACY_POPUP = {
  title: '个人信息保护提示',
  lines: [
    '申请救助时需要拍摄证件和材料照片，互助社只用它们办理您的救助。',
    '照片和个人信息只有本互助社的秘书长、社长、村监督委员会和您本人能看到。',
    '您可以随时查阅、更正或要求删除您的信息，也可以不同意：不影响浏览其他内容。',
  ],
  contractName: '《隐私保护指引》',
  agree: '同意并继续',
  disagree: '不同意',
} as const;
