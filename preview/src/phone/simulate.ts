/** The parts of miniprogram-simulate's browser build (`window.simulate`) the preview uses. */

/** `this` inside a page or component built with Component(). */
export interface ComponentInstance {
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>, callback?: () => void): void;
  selectComponent(selector: string): unknown;
  [method: string]: unknown;
}

export interface RootComponent {
  readonly dom: HTMLElement;
  readonly instance: ComponentInstance;
  readonly data: Record<string, unknown>;
  attach(parent: Element): void;
  detach(): void;
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
}

export interface ComponentDefinition {
  id: string;
  tagName: string;
  template: string;
  properties?: Record<string, unknown>;
  data?: Record<string, unknown>;
  methods?: Record<string, (this: BuiltinInstance, ...args: never[]) => unknown>;
  observers?: Record<string, (this: BuiltinInstance, ...values: never[]) => void>;
  lifetimes?: Record<string, (this: BuiltinInstance) => void>;
}

/** A built-in component (input, image…) the preview draws with a real DOM element. */
export interface BuiltinInstance extends ComponentInstance {
  readonly $$: HTMLElement;
  triggerEvent(name: string, detail?: unknown, options?: { bubbles?: boolean; composed?: boolean }): void;
  __element?: HTMLElement;
}

export interface Simulate {
  load(path: string, tagName: string, options: { rootPath: string }): string;
  load(definition: ComponentDefinition): string;
  render(id: string, properties?: Record<string, unknown>): RootComponent;
  sleep(ms?: number): Promise<void>;
}

export function simulate(): Simulate {
  const found = (window as unknown as { simulate?: Simulate }).simulate;
  if (!found) throw new Error('preview: miniprogram-simulate (/preview/simulate.js) did not load');
  return found;
}
