import { useEffect } from 'react';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { SessionProvider } from './components/session';
import { CabinetPage } from './journeys/cabinet/CabinetPage';
import { PropertiesPage } from './journeys/cabinet/PropertiesPage';
import { HomePage } from './journeys/home/HomePage';
import { LegalPage } from './journeys/legal/LegalPage';
import { OperatorPage } from './journeys/operator/OperatorPage';
import { ForgotPasswordPage } from './journeys/recovery/ForgotPasswordPage';
import { ActivatePage } from './journeys/signup/ActivatePage';
import { DetailsPage } from './journeys/signup/DetailsPage';
import { SignupProvider } from './journeys/signup/signup-state';
import { StartPage } from './journeys/signup/StartPage';

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
              <Route path="/operator" element={<OperatorPage />} />
              <Route path="*" element={<HomePage />} />
            </Routes>
          </Layout>
        </SignupProvider>
      </SessionProvider>
    </BrowserRouter>
  );
}
