import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { STORAGE_TROUBLE_KEY, type StorageTroubleNote as Note, type StorageTroubleReason } from '@grid-wallet/protocol/storageTrouble';
import { Button } from '../components/Buttons.tsx';
import { Notice } from '../components/Notice.tsx';
import { type MessageKey, t } from '../i18n.ts';

const TEXT: Record<StorageTroubleReason, MessageKey> = {
  'storage-full': 'storageTroubleFull',
  'upgrade-blocked': 'storageTroubleBlocked',
  'damaged-record': 'storageTroubleDamaged',
};

const read = async () => (await browser.storage.session.get(STORAGE_TROUBLE_KEY))[STORAGE_TROUBLE_KEY] as Note | undefined;

/**
 * The latest storage trouble (packages/protocol/src/storageTrouble.ts), read from `storage.session`
 * rather than asked of the worker: it must show while the database cannot open.
 */
export function StorageTroubleNote() {
  const [note, setNote] = useState<Note | undefined>();
  useEffect(() => {
    const reload = () => void read().then(setNote);
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && STORAGE_TROUBLE_KEY in changes) reload();
    };
    reload();
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);
  if (!note) return null;
  return (
    <section class="storage-trouble" aria-label={t('storageTroubleTitle')}>
      <Notice tone="danger" role="alert" title={t('storageTroubleTitle')}>
        {t(TEXT[note.reason])}
      </Notice>
      <Button small onClick={() => void browser.storage.session.remove(STORAGE_TROUBLE_KEY)}>
        {t('storageTroubleDismiss')}
      </Button>
    </section>
  );
}
