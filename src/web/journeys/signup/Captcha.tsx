import 'altcha';
import { createElement, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

const STRING_KEYS = [
  'label',
  'verified',
  'verifying',
  'waitAlert',
  'error',
  'expired',
  'verificationRequired',
  'loading',
  'reload',
  'verify',
];

/** Self-hosted ALTCHA proof-of-work: no third party, no puzzle to see or hear; reports its payload. */
export function Captcha({ onPayload, invalid }: { onPayload: (payload: string) => void; invalid: boolean }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  const strings = JSON.stringify(Object.fromEntries(STRING_KEYS.map((key) => [key, t(`captcha.${key}`)])));

  useEffect(() => {
    const widget = ref.current;
    if (!widget) return;
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<{ state: string; payload?: string }>).detail;
      onPayload(detail.state === 'verified' && detail.payload ? detail.payload : '');
    };
    widget.addEventListener('statechange', listener);
    return () => widget.removeEventListener('statechange', listener);
  }, [onPayload]);

  return (
    <div className={`captcha${invalid ? ' captcha--error' : ''}`} id="field-captcha" tabIndex={-1}>
      {createElement('altcha-widget', {
        ref,
        key: i18n.language,
        challengeurl: '/api/captcha/challenge',
        hidelogo: true,
        hidefooter: true,
        strings,
        name: 'captcha',
      })}
    </div>
  );
}
