/**
 * How every page loads what it shows: the first load goes loading → ready (or error, or
 * forbidden); a refresh that fails keeps what is on screen and says why in a toast.
 * The page's data holds `state` and `errorMessage`; `fetch` answers the data to set, or
 * 'forbidden' when the caller may not see this page.
 */
import { errorMessage } from '../services/cloud';
import { showToast } from './toast';

export type LoadState = 'loading' | 'ready' | 'forbidden' | 'error';

export async function loadScreen(
  page: WechatMiniprogram.Component.TrivialInstance,
  fetch: () => Promise<Record<string, unknown> | 'forbidden'>,
): Promise<void> {
  const refreshing = (page.data as { state?: LoadState }).state === 'ready';
  if (!refreshing) page.setData({ state: 'loading', errorMessage: '' });
  try {
    const result = await fetch();
    page.setData(result === 'forbidden' ? { state: 'forbidden' } : { ...result, state: 'ready' });
  } catch (err) {
    if (refreshing) showToast(page, { message: errorMessage(err), theme: 'error' });
    else page.setData({ state: 'error', errorMessage: errorMessage(err) });
  }
}

/**
 * loadScreen for a screen that cannot load without a query parameter (`id`: a society, a case…):
 * without it, the error `missing` and no call; with it, `fetch(id)`.
 */
export function loadScreenFor(
  page: WechatMiniprogram.Component.TrivialInstance,
  id: string,
  missing: string,
  fetch: (id: string) => Promise<Record<string, unknown> | 'forbidden'>,
): Promise<void> {
  if (!id) {
    page.setData({ state: 'error', errorMessage: missing });
    return Promise.resolve();
  }
  return loadScreen(page, () => fetch(id));
}
