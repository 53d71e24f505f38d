/**
 * The ContentCheck port: whether a text a villager typed (an objection) may be kept. In the cloud,
 * WeChat's `security.msgSecCheck` (server/notices/cloud-services.ts); locally a fake that refuses
 * a few test words (server/notices/services.ts). Handed in like Store and Files, never a global.
 */
export interface ContentVerdict {
  ok: boolean;
  /** Why not, for the logs (e.g. the service's label). */
  label?: string;
}

export interface ContentCheck {
  /** ok: false when the text may not be kept; throws when the check itself cannot run. */
  check(text: string, openid: string | null): Promise<ContentVerdict>;
}
