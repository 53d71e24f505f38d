/**
 * Taps from a mouse. j-component makes `tap` (and `longpress`) out of touchstart + touchend, as a
 * phone does; a desktop browser sends mouse events. So a mouse press becomes a touch on the same
 * element. Real touches (a touch screen, or Playwright's `tap`) pass through untouched.
 */
let pressed: { target: EventTarget; identifier: number } | null = null;
let nextIdentifier = 1;

function touchAt(target: EventTarget, event: PointerEvent, identifier: number): Touch {
  return new Touch({
    identifier,
    target,
    clientX: event.clientX,
    clientY: event.clientY,
    pageX: event.pageX,
    pageY: event.pageY,
    screenX: event.screenX,
    screenY: event.screenY,
  });
}

function dispatch(target: EventTarget, type: string, touches: Touch[], changed: Touch): void {
  target.dispatchEvent(
    new TouchEvent(type, {
      bubbles: true,
      cancelable: true,
      composed: true,
      touches,
      targetTouches: touches,
      changedTouches: [changed],
    }),
  );
}

/** Typing into a real input must not start a tap that steals the caret. */
function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

export function bridgeMouseToTouch(): void {
  document.addEventListener(
    'pointerdown',
    (event) => {
      if (event.pointerType !== 'mouse' || event.button !== 0 || !event.target) return;
      pressed = { target: event.target, identifier: nextIdentifier++ };
      const touch = touchAt(pressed.target, event, pressed.identifier);
      dispatch(pressed.target, 'touchstart', [touch], touch);
      if (!isEditable(event.target)) event.preventDefault(); // no text selection while "touching"
    },
    true,
  );
  document.addEventListener(
    'pointermove',
    (event) => {
      if (event.pointerType !== 'mouse' || !pressed) return;
      const touch = touchAt(pressed.target, event, pressed.identifier);
      dispatch(pressed.target, 'touchmove', [touch], touch);
    },
    true,
  );
  const release = (type: 'touchend' | 'touchcancel') => (event: PointerEvent) => {
    if (event.pointerType !== 'mouse' || !pressed) return;
    const touch = touchAt(pressed.target, event, pressed.identifier);
    dispatch(pressed.target, type, [], touch);
    pressed = null;
  };
  document.addEventListener('pointerup', release('touchend'), true);
  document.addEventListener('pointercancel', release('touchcancel'), true);
}
