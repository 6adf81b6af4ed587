import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { SessionProvider } from './components/session';
import { loadRestOfTexts } from './i18n';
import { HomePage } from './journeys/home/HomePage';
import { SignupProvider } from './journeys/signup/signup-state';

// The home page comes with the first load; every other page is its own chunk, fetched when visited
// together with the texts beyond the home page's.
const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType<never>>>, name: K) =>
  lazy(async () => {
    const [module] = await Promise.all([load(), loadRestOfTexts()]);
    return { default: module[name] as React.ComponentType<Record<string, unknown>> };
  });
const StartPage = page(() => import('./journeys/signup/StartPage'), 'StartPage');
const DetailsPage = page(() => import('./journeys/signup/DetailsPage'), 'DetailsPage');
const ActivatePage = page(() => import('./journeys/signup/ActivatePage'), 'ActivatePage');
const LegalPage = page(() => import('./journeys/legal/LegalPage'), 'LegalPage');
const ForgotPasswordPage = page(() => import('./journeys/recovery/ForgotPasswordPage'), 'ForgotPasswordPage');
const CabinetPage = page(() => import('./journeys/cabinet/CabinetPage'), 'CabinetPage');
const PropertiesPage = page(() => import('./journeys/cabinet/PropertiesPage'), 'PropertiesPage');
const ArchivePage = page(() => import('./journeys/cabinet/ArchivePage'), 'ArchivePage');
const ArchiveApplicationPage = page(
  () => import('./journeys/cabinet/application/ArchiveApplicationPage'),
  'ArchiveApplicationPage',
);
const RegisterPage = page(() => import('./journeys/register/RegisterPage'), 'RegisterPage');
const PaymentResultPage = page(() => import('./journeys/register/PaymentResultPage'), 'PaymentResultPage');
const OperatorPage = page(() => import('./journeys/operator/OperatorPage'), 'OperatorPage');
const ApplyPage = page(() => import('./journeys/legal-entities/ApplyPage'), 'ApplyPage');
const ApplicationPage = page(() => import('./journeys/legal-entities/ApplicationPage'), 'ApplicationPage');
const SetPasswordPage = page(() => import('./journeys/legal-entities/SetPasswordPage'), 'SetPasswordPage');

function PageLoading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="page-loading">
      {t('app.loading')}
    </p>
  );
}

/** On every page change focus goes to the main content, as a screen-reader user expects of a new page. */
function FocusOnNavigate() {
  const location = useLocation();
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);
  return null;
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <SignupProvider>
          <FocusOnNavigate />
          <Layout>
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/" element={<HomePage />} />
                <Route path="/signup" element={<StartPage />} />
                <Route path="/signup/details" element={<DetailsPage />} />
                <Route path="/signup/activate" element={<ActivatePage />} />
                <Route path="/terms" element={<LegalPage document="terms" />} />
                <Route path="/privacy" element={<LegalPage document="privacy" />} />
                <Route path="/forgot-password" element={<ForgotPasswordPage />} />
                <Route path="/cabinet" element={<CabinetPage />} />
                <Route path="/cabinet/properties" element={<PropertiesPage />} />
                <Route path="/cabinet/register" element={<RegisterPage />} />
                <Route path="/cabinet/payment/:orderId" element={<PaymentResultPage />} />
                <Route path="/cabinet/archive" element={<ArchivePage />} />
                <Route path="/cabinet/archive/:id" element={<ArchiveApplicationPage />} />
                <Route path="/operator" element={<OperatorPage />} />
                <Route path="/legal-entities" element={<ApplyPage />} />
                <Route path="/legal-entities/application" element={<ApplicationPage />} />
                <Route path="/legal-entities/set-password" element={<SetPasswordPage />} />
                <Route path="*" element={<HomePage />} />
              </Routes>
            </Suspense>
          </Layout>
        </SignupProvider>
      </SessionProvider>
    </BrowserRouter>
  );
}
