import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n.ts';

/**
 * The words of a revealed recovery phrase, numbered, to be written down. There is
 * no Copy, and copying or cutting a selection that takes in the words does nothing:
 * anything on the clipboard can be read later by other apps and sites, and clearing
 * it when the window goes cannot be relied on (docs/security-model.md §3.11).
 */
export function RecoveryPhrase({ mnemonic }: { mnemonic: string }) {
  const words = mnemonic.split(' ');
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const refuse = (event: ClipboardEvent) => {
      if (list.current && document.getSelection()?.containsNode(list.current, true)) event.preventDefault();
    };
    document.addEventListener('copy', refuse, true);
    document.addEventListener('cut', refuse, true);
    return () => {
      document.removeEventListener('copy', refuse, true);
      document.removeEventListener('cut', refuse, true);
    };
  }, []);
  return (
    <section class="card phrase">
      <ol
        ref={list}
        class="phrase__words"
        aria-label={t('exportPhraseLabel', words.length)}
        aria-describedby="phrase-no-clipboard"
        data-testid="recovery-phrase"
      >
        {words.map((word, i) => (
          <li key={i}>
            <span class="phrase__index" aria-hidden="true">
              {i + 1}
            </span>
            <span class="phrase__word">{word}</span>
          </li>
        ))}
      </ol>
      <p id="phrase-no-clipboard" class="hint">
        {t('exportWriteDown')}
      </p>
    </section>
  );
}
