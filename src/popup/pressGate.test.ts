import { describe, expect, it } from 'vitest';
import { PressGate } from './pressGate.ts';

const armedAt = (at: number) => {
  const gate = new PressGate();
  gate.arm(at);
  return gate;
};

describe('PressGate', () => {
  it('refuses every click while not armed', () => {
    const gate = new PressGate();
    gate.pointerDown(10);
    expect(gate.allowsClick(true)).toBe(false);
    gate.keyDown('Enter', 10, false);
    expect(gate.allowsClick(false)).toBe(false);
  });

  it('lets a pointer click through only when its pointer-down came after arming', () => {
    const gate = armedAt(400);
    gate.pointerDown(399);
    expect(gate.allowsClick(true)).toBe(false);
    gate.pointerDown(450);
    expect(gate.allowsClick(true)).toBe(true);
  });

  it('judges Enter by its first key-down: auto-repeat from before arming never counts', () => {
    const gate = armedAt(400);
    gate.keyDown('Enter', 100, false);
    gate.keyDown('Enter', 500, true);
    expect(gate.allowsClick(false)).toBe(false);
    gate.keyUp('Enter');
    gate.keyDown('Enter', 600, false);
    expect(gate.allowsClick(false)).toBe(true);
  });

  it('never counts a key held down since before the window had focus (only its auto-repeats arrive)', () => {
    const gate = armedAt(400);
    gate.keyDown('Enter', 900, true);
    expect(gate.allowsClick(false)).toBe(false);
  });

  it('judges Space, which clicks on key-up, by its key-down', () => {
    const gate = armedAt(400);
    gate.keyDown(' ', 300, false);
    gate.keyDown('a', 500, false); // another key meanwhile changes nothing
    gate.keyUp(' ');
    expect(gate.allowsClick(false)).toBe(false);
    gate.keyDown(' ', 700, false);
    gate.keyUp(' ');
    expect(gate.allowsClick(false)).toBe(true);
  });

  it('forgets an earlier arming: a press from before the window was re-armed does not count', () => {
    const gate = armedAt(400);
    gate.pointerDown(500);
    gate.disarm();
    expect(gate.allowsClick(true)).toBe(false);
    gate.arm(1_000);
    expect(gate.allowsClick(true)).toBe(false);
  });
});
