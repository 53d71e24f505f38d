/** How the frame (the outer document) and the phone (its iframe, same origin) talk: plain calls. */

/** What the phone tells the frame after every navigation or title change. */
export interface PhoneState {
  /** The top page and its query, e.g. `pages/society/index?societyId=soc-wangjia`. */
  url: string;
  route: string;
  title: string;
  /** How many pages are on the stack (the back arrow shows above 1). */
  depth: number;
  navigationBar: {
    custom: boolean;
    backgroundColor: string;
    textStyle: 'black' | 'white';
    loading: boolean;
  };
  canPullDownRefresh: boolean;
}

/** What the phone offers the frame (and the end-to-end tests), on `window.__jjPreview`. */
export interface PhoneControl {
  reLaunch(url: string): Promise<void>;
  navigateBack(): Promise<void>;
  pullDownRefresh(): void;
  state(): PhoneState | null;
  /** Cloud calls and requests not answered yet. */
  pendingCalls(): number;
  /** Milliseconds from the phone document's start to the first page on screen. */
  firstRenderMs(): number | null;
}

/** What the frame offers the phone, on the frame's window. */
export interface FrameHooks {
  phoneChanged(state: PhoneState): void;
}

export const FRAME_HOOKS = '__jjFrame';
export const PHONE_CONTROL = '__jjPreview';
