import { callBackground } from '../api.ts';
import { BrandMark } from '../components/BrandMark.tsx';
import { useBackgroundData } from '../hooks/useBackgroundData.ts';
import { t } from '../i18n.ts';
import { ActivityList } from './ActivityList.tsx';
import { PausedSites } from './PausedSites.tsx';
import { PendingSection } from './PendingSection.tsx';
import { loadSettings, SettingsBanners, SettingsSection } from './SettingsSection.tsx';
import { SiteCard } from './SiteCard.tsx';
import { StorageTroubleNote } from './StorageTroubleNote.tsx';

const load = () => Promise.all([callBackground('dashboard/get'), callBackground('approvals/list')]);
const EMPTY = [{ sites: [], pausedSites: [], activity: [], pendingApprovals: 0 }, []] as Awaited<ReturnType<typeof load>>;

/** The toolbar popup: what is waiting, which sites are connected (sessions, grants), what happened lately, and settings. */
export function ToolbarApp() {
  const { data, refresh } = useBackgroundData(load, EMPTY);
  const [dashboard, pending] = data ?? EMPTY;
  const settings = useBackgroundData(loadSettings, null);
  return (
    <div class="toolbar">
      <header class="topbar">
        <BrandMark />
      </header>
      {settings.data && <SettingsBanners settings={settings.data} />}
      <main class="toolbar__main" aria-busy={data === null}>
        <StorageTroubleNote />
        <PendingSection pending={pending} />
        <section aria-labelledby="sites-title">
          <h2 id="sites-title" class="section-heading">
            {t('sitesTitle')}
          </h2>
          {data !== null && dashboard.sites.length === 0 && <p class="muted empty-note">{t('sitesEmpty')}</p>}
          {dashboard.sites.map((site, index) => (
            <SiteCard key={site.origin} site={site} headingId={`site-${index}`} changed={refresh} />
          ))}
        </section>
        <PausedSites sites={dashboard.pausedSites} changed={refresh} />
        <ActivityList activity={dashboard.activity} />
        {settings.data && <SettingsSection settings={settings.data} changed={settings.refresh} />}
      </main>
    </div>
  );
}
