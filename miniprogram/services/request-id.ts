/**
 * Client-chosen request ids: a page makes one when a form opens (or an action is first tapped)
 * and sends the same one on every retry, so the cloud does the thing once (the id becomes the
 * document id). 8–64 letters, digits, - and _, as the functions' schema asks.
 */
export function newRequestId(prefix = 'r'): string {
  const time = Date.now().toString(36);
  let random = '';
  while (random.length < 12)
    random += Math.floor(Math.random() * 36 ** 6)
      .toString(36)
      .padStart(6, '0');
  return `${prefix}-${time}-${random.slice(0, 12)}`;
}
