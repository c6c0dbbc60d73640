import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../../components/Buttons.tsx';
import { t } from '../../i18n.ts';

/** How long a copied phrase may stay on the clipboard. */
export const CLIPBOARD_CLEAR_MS = 60_000;

/**
 * The words of a revealed recovery phrase, numbered, with Copy. A copy is wiped
 * from the clipboard after a minute, or at once when the window is being left
 * (the screen calls the clear function it was handed on Done), whichever comes first.
 */
export function RecoveryPhrase({ mnemonic, onCopyState }: { mnemonic: string; onCopyState(clear: (() => Promise<void>) | null): void }) {
  const words = mnemonic.split(' ');
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'cleared'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const clear = async () => {
    clearTimeout(timer.current);
    await navigator.clipboard.writeText('').catch(() => undefined);
    setCopyState('cleared');
    onCopyState(null);
  };

  const copy = async () => {
    await navigator.clipboard.writeText(mnemonic);
    setCopyState('copied');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void clear(), CLIPBOARD_CLEAR_MS);
    onCopyState(clear);
  };

  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <section class="card phrase">
      <ol class="phrase__words" aria-label={t('exportPhraseLabel', words.length)} data-testid="recovery-phrase">
        {words.map((word, i) => (
          <li key={i}>
            <span class="phrase__index" aria-hidden="true">
              {i + 1}
            </span>
            <span class="phrase__word">{word}</span>
          </li>
        ))}
      </ol>
      <Button small onClick={() => void copy()}>
        {t('exportCopy')}
      </Button>
      <p class="hint" role="status">
        {copyState === 'copied' ? t('exportCopied') : copyState === 'cleared' ? t('exportCleared') : ''}
      </p>
    </section>
  );
}
