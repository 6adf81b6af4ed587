import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n, loadRestOfTexts } from './i18n';
import './styles.css';

void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // The rest of the texts once the page is idle: the next page then opens without waiting for them.
  const rest = () => void loadRestOfTexts();
  if ('requestIdleCallback' in window) requestIdleCallback(rest);
  else setTimeout(rest, 1000);
});
