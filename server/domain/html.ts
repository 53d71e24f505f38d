/** Text into HTML (the printable exports: 一人一档, the board poster): every markup character as an entity. */
export const escapeHtml = (text: unknown): string =>
  String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
