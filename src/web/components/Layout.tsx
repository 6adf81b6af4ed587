import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, lazyResponse } from '../api/client';
import { switchLanguage } from '../i18n';
import type { Language } from '../../shared/profiles/profile';
import { useProfile } from './profile';
import { useSession } from './session';

const LANGUAGE_NAMES: Record<Language, string> = { ru: 'Русский', ky: 'Кыргызча', en: 'English' };

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { user, refresh } = useSession();
  const profile = useProfile();
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    document.title = `${t('app.name')} — ${t('app.title')}`;
  }, [t, i18n.language]);

  const logout = async () => {
    await api('/api/logout', lazyResponse('okResponse'), { method: 'POST' }).catch(() => undefined);
    await refresh();
    navigate('/');
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand">
            <img src="/favicon.svg" alt="" width="40" height="40" />
            <span>
              <strong>{t('app.name')}</strong>
              <small>{t('app.department')}</small>
            </span>
          </Link>
          <div className="header-tools">
            <label htmlFor="language-select" className="visually-hidden">
              {t('app.language')}
            </label>
            <select
              id="language-select"
              value={i18n.language}
              onChange={(event) => {
                void switchLanguage(event.target.value as Language);
              }}
            >
              {profile.languages.map((language) => (
                <option key={language} value={language} lang={language}>
                  {LANGUAGE_NAMES[language]}
                </option>
              ))}
            </select>
            {user && (
              <>
                {location.pathname === '/' && (
                  <Link to={user.role === 'operator' ? '/operator' : '/cabinet'}>{t('app.cabinet')}</Link>
                )}
                <button type="button" className="button-secondary" onClick={() => void logout()}>
                  {t('app.logout')}
                </button>
              </>
            )}
          </div>
        </div>
        <div className="container">
          <p className="site-title">{t('app.title')}</p>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('app.ministry')}</p>
          <p>{t('app.footer')}</p>
        </div>
      </footer>
    </>
  );
}
