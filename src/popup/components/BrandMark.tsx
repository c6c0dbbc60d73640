import iconUrl from '../assets/icon.svg';
import { t } from '../i18n.ts';

/** The product's mark and name, at the top of every extension page. */
export function BrandMark() {
  return (
    <span class="brand">
      <img class="brand__icon" src={iconUrl} width="22" height="22" alt="" />
      <span class="brand__name">{t('brandName')}</span>
    </span>
  );
}
