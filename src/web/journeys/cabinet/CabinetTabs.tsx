import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';

/** The cabinet's tabs, as in the guide: «Общие данные», «Жилой фонд», «Регистрация иностранного гражданина», «Архив регистрации». */
export function CabinetTabs() {
  const { t } = useTranslation();
  // Paying is the registration's last step: its result page stays under that tab.
  const paying = useLocation().pathname.startsWith('/cabinet/payment/');
  return (
    <nav aria-label={t('cabinet.title')} className="tabs">
      <NavLink to="/cabinet" end>
        {t('cabinet.tabs.general')}
      </NavLink>
      <NavLink to="/cabinet/properties">{t('properties.tab')}</NavLink>
      <NavLink
        to="/cabinet/register"
        className={({ isActive }) => (isActive || paying ? 'active' : undefined)}
        aria-current={paying ? 'page' : undefined}
      >
        {t('registration.tab')}
      </NavLink>
      <NavLink to="/cabinet/archive">{t('archive.tab')}</NavLink>
    </nav>
  );
}
