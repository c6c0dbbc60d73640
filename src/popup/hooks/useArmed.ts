import { createContext } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { ApprovalWindowReturning } from '../../extension-protocol/internal.ts';
import { PressGate } from '../pressGate.ts';

/**
 * How long the window must have been in view, focused and free of input before
 * a press on an answering button counts: the guard browsers put on their own
 * permission prompts.
 */
export const ARM_DELAY_MS = 400;

/** Marks a button that answers the page (see AnswerButton): only a press begun while armed clicks it. */
export const ARMED_ONLY = { 'data-armed-only': '' } as const;

/** Whether the prompt's window is armed now; provided by PromptLayout, read by AnswerButton. */
export const ArmedContext = createContext(false);

/**
 * Arms the approval window ARM_DELAY_MS after a prompt appears (the component
 * using it mounts once per prompt), restarting the wait on every return to view
 * (focus, restore, visibility change, the background bringing it forward) and on
 * every key or pointer press while it waits, so a customer typing or clicking at
 * the page's rhythm never arms it. It disarms the
 * moment the window is hidden or loses focus. A click on an ARMED_ONLY button is
 * swallowed unless the press behind it began while armed (PressGate), so no input
 * meant for the page can answer a prompt (docs/security-model.md §3.12).
 * Returns whether the window is armed now, to show those buttons as unavailable until it is.
 */
export function useArmed(): boolean {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    const gate = new PressGate();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const disarm = () => {
      clearTimeout(timer);
      gate.disarm();
      setArmed(false);
    };
    const rearm = () => {
      disarm();
      if (document.visibilityState !== 'visible' || !document.hasFocus()) return;
      timer = setTimeout(() => {
        gate.arm(performance.now());
        setArmed(true);
      }, ARM_DELAY_MS);
    };
    const whileWaiting = () => !gate.armed && rearm();
    const onVisibility = () => (document.visibilityState === 'visible' ? rearm() : disarm());
    // The window's own focus and blur, not its elements' (which the capture phase also sees).
    const onFocus = (event: FocusEvent) => event.target === window && rearm();
    const onBlur = (event: FocusEvent) => event.target === window && disarm();
    const onPointerDown = (event: PointerEvent) => {
      gate.pointerDown(event.timeStamp);
      whileWaiting();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      gate.keyDown(event.key, event.timeStamp, event.repeat);
      whileWaiting();
    };
    const onKeyUp = (event: KeyboardEvent) => gate.keyUp(event.key);
    const onClick = (event: MouseEvent) => {
      if (!(event.target instanceof Element) || !event.target.closest('[data-armed-only]')) return;
      if (gate.allowsClick(event.detail > 0)) return;
      event.preventDefault(); // also cancels a form's submission
      event.stopImmediatePropagation();
    };
    const onMessage = (message: unknown) => {
      if ((message as Partial<ApprovalWindowReturning> | null)?.kind !== 'approval-window-returning') return undefined;
      rearm();
      return Promise.resolve(true); // the background waits for this before showing the window
    };
    const listeners = [
      ['focus', onFocus],
      ['blur', onBlur],
      ['visibilitychange', onVisibility],
      ['pointerdown', onPointerDown],
      ['keydown', onKeyDown],
      ['keyup', onKeyUp],
      ['click', onClick],
    ] as const;
    for (const [type, listener] of listeners) window.addEventListener(type, listener as EventListener, true);
    browser.runtime.onMessage.addListener(onMessage);
    rearm();
    return () => {
      clearTimeout(timer);
      for (const [type, listener] of listeners) window.removeEventListener(type, listener as EventListener, true);
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, []);
  return armed;
}
