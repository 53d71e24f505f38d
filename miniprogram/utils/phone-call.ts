/**
 * 联系互助社: the society's public phone, set by its officers, dialled with WeChat's own dialog.
 * Nothing is shown when no number is set; a cancelled dial changes nothing.
 */

/** The button's words, the number beside them. */
export function callButtonText(phone: string): string {
  return `联系互助社 ${phone}`;
}

export function callSociety(phone: string): void {
  if (!phone) return;
  wx.makePhoneCall({ phoneNumber: phone, fail: () => undefined });
}
