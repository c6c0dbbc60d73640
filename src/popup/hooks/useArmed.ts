import { useEffect, useState } from 'preact/hooks';

/**
 * False for a moment after a prompt appears (and again for each new prompt in
 * the queue), so a key press or double click meant for something else cannot
 * approve it: the same guard browsers put on their own permission prompts.
 */
export const ARM_DELAY_MS = 400;

export function useArmed(promptId: string): boolean {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    setArmed(false);
    const timer = setTimeout(() => setArmed(true), ARM_DELAY_MS);
    return () => clearTimeout(timer);
  }, [promptId]);
  return armed;
}
