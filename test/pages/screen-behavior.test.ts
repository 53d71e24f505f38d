/**
 * miniprogram/behaviors/screen.ts in miniprogram-simulate: a page built with Component() that takes
 * the behavior gets onLoad, onPullDownRefresh, onRetry and onGoHome calling its own `_load()`, and a
 * method the page defines itself wins over the behavior's (as in WeChat).
 */
import simulate from 'miniprogram-simulate';
import { navigations, resetBoundary } from '../support/simulate-setup';
import { screenBehavior } from '../../miniprogram/behaviors/screen';

type ScreenInstance = {
  data: { loads: number; opened: string };
  onLoad(): void;
  onPullDownRefresh(): void;
  onRetry(): void;
  onGoHome(): void;
};

/** `this` in the test component's methods. */
type Self = { data: { loads: number }; setData(data: Record<string, unknown>): void };

function render(methods: Record<string, (this: Self) => unknown>) {
  const id = simulate.load({
    template: '<view>{{loads}}</view>',
    behaviors: [screenBehavior],
    data: { loads: 0, opened: '' },
    methods: {
      _load(this: Self) {
        this.setData({ loads: this.data.loads + 1 });
        return Promise.resolve();
      },
      ...methods,
    },
  });
  const root = simulate.render(id);
  root.attach(document.createElement('parent-wrapper'));
  return root.instance as unknown as ScreenInstance;
}

beforeEach(() => resetBoundary());

describe('screenBehavior', () => {
  it('loads on open and on 重试, reloads on pull-down and then stops the spinner', async () => {
    const stop = jest.spyOn(wx, 'stopPullDownRefresh');
    const page = render({});
    page.onLoad();
    page.onRetry();
    expect(page.data.loads).toBe(2);
    page.onPullDownRefresh();
    expect(page.data.loads).toBe(3);
    await simulate.sleep(0);
    expect(stop).toHaveBeenCalledTimes(1);
    stop.mockRestore();
  });

  it('返回首页 relaunches the home page', () => {
    render({}).onGoHome();
    expect(navigations()).toEqual(['/pages/home/index']);
  });

  it("keeps the page's own onLoad over the behavior's", () => {
    const page = render({
      onLoad(this: Self) {
        this.setData({ opened: 'own' });
      },
    });
    page.onLoad();
    expect(page.data).toMatchObject({ opened: 'own', loads: 0 });
    page.onRetry();
    expect(page.data.loads).toBe(1);
  });
});
