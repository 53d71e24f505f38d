/**
 * The phone the preview pretends to be: an iPhone X-sized screen (375×812 pt, 3× pixels), the
 * values WeChat reports there. TDesign's t-navbar, t-tabs and fixed bars measure the screen through
 * these, and the frame draws its status bar, navigation bar and capsule to the same numbers.
 */
export const SCREEN_WIDTH = 375;
export const SCREEN_HEIGHT = 812;
export const STATUS_BAR_HEIGHT = 44;
export const NAVIGATION_BAR_HEIGHT = 44;
export const SAFE_AREA_BOTTOM = 34;
export const PIXEL_RATIO = 3;

/** WeChat's menu button (the capsule ··· ◎) on this screen. */
export const MENU_BUTTON = { width: 87, height: 32, top: 48, right: 368, bottom: 80, left: 281 } as const;

/** The page's viewport: below the navigation bar, unless the page draws its own (navigationStyle: custom). */
export function windowHeight(customNavigation: boolean): number {
  return customNavigation ? SCREEN_HEIGHT : SCREEN_HEIGHT - STATUS_BAR_HEIGHT - NAVIGATION_BAR_HEIGHT;
}

export function safeArea() {
  return {
    left: 0,
    right: SCREEN_WIDTH,
    top: STATUS_BAR_HEIGHT,
    bottom: SCREEN_HEIGHT - SAFE_AREA_BOTTOM,
    width: SCREEN_WIDTH,
    height: SCREEN_HEIGHT - STATUS_BAR_HEIGHT - SAFE_AREA_BOTTOM,
  };
}
