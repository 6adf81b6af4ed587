import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The cabinet's tabs, as in the guide: «Общие данные», «Жилой фонд», «Архив регистрации» (tab 3 arrives with its form). */
export function CabinetTabs() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('cabinet.title')} className="tabs">
      <NavLink to="/cabinet" end>
        {t('cabinet.tabs.general')}
      </NavLink>
      <NavLink to="/cabinet/properties">{t('properties.tab')}</NavLink>
      <NavLink to="/cabinet/archive">{t('archive.tab')}</NavLink>
    </nav>
  );
}
