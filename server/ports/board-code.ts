/**
 * The BoardCode port: the code printed on the village notice board. In the cloud, a mini program
 * code from `wxacode.getUnlimited` (server/notices/cloud-services.ts); locally a QR code of the
 * same link (server/notices/services.ts). Handed in like Store and Files, never a global.
 */
export interface BoardCodeImage {
  content: Buffer;
  contentType: 'image/png' | 'image/jpeg';
}

export interface BoardCodeRenderer {
  /** 'cloud': a mini program code; 'local': a QR code of the page link. */
  readonly kind: 'cloud' | 'local';
  render(scene: string, page: string): Promise<BoardCodeImage>;
}
