import { useTranslation } from 'react-i18next';
import { FlaskConical } from 'lucide-react';
import { useApp } from '../../stores/app';

/** Always visible in the sandbox (npm run demo): nothing here is public, and this is where its data lives. */
export function SandboxBanner() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info);
  if (!info?.sandbox) return null;
  return (
    <section className="banner banner-sandbox" aria-labelledby="sandbox-banner-title" data-testid="sandbox-banner">
      <FlaskConical size={18} aria-hidden />
      <div className="banner-text">
        <h2 id="sandbox-banner-title" className="banner-title">
          {t('sandbox.title')}
        </h2>
        <p>{t('sandbox.body')}</p>
        <p className="banner-problem">
          {t('sandbox.dataDir')} <code>{info.dataDir}</code>
        </p>
      </div>
    </section>
  );
}
