import { decodeSeal, fromBase64Url, sealVerdict, type SealData, type SealVerdict } from '../../shared/seal';
import { formatDate, formatPeriod } from '../../shared/dates';
import { VERIFY_PROFILE_ID, type VerifyPageProfile } from '../../shared/verify-page';
import { STRINGS, type Strings, type VerifyLanguage } from './strings';
import './verify.css';

interface Jwk {
  kty: string;
  crv: string;
  x: string;
  y: string;
  kid: string;
  nbf?: number;
  exp?: number;
}
interface Revocations {
  iat: number;
  revoked: string[];
}
type Outcome =
  | { verdict: SealVerdict; data: SealData; revocations?: Revocations; offline: boolean }
  | { verdict: 'forged'; data?: undefined; offline: boolean }
  | { verdict: 'unknown' | 'insecure'; data?: SealData; offline: boolean };

const KEYS_URL = '/.well-known/konok-card-keys.json';
const REVOCATIONS_URL = '/.well-known/konok-card-revocations.jws';
const root = document.getElementById('verify')!;
const sealText = decodeURIComponent(location.pathname.replace(/^\/v\//, '').split('/')[0] ?? '');

/** The deployment's languages, document and authority, which the server writes into the page. */
function readProfile(): VerifyPageProfile {
  const written = document.getElementById(VERIFY_PROFILE_ID)?.textContent;
  if (written) return JSON.parse(written) as VerifyPageProfile;
  // Served without the server (the Vite dev server): the page's own words, in all its languages.
  return {
    languages: ['ru', 'ky', 'en'],
    defaultLanguage: 'ru',
    title: {},
    authority: {},
    showsPlaceCode: true,
    clock: { utcOffsetHours: 6, label: {} },
  };
}
const profile = readProfile();

function pickLanguage(): VerifyLanguage {
  const offered = (code: string | null | undefined): code is VerifyLanguage =>
    (profile.languages as readonly string[]).includes(code ?? '');
  const saved =
    /(?:^|; )lang=(ru|ky|en)/.exec(document.cookie)?.[1] ?? localStorage.getItem('konok-verify-lang');
  if (offered(saved)) return saved;
  const browser = navigator.language.slice(0, 2);
  return offered(browser) ? browser : profile.defaultLanguage;
}
let language = pickLanguage();

/**
 * The network first, then this device's copy: the service worker keeps one, and so does
 * localStorage (for browsers without a service worker). `offline` says the copy was used.
 */
async function fetchText(url: string): Promise<{ text: string; offline: boolean } | undefined> {
  try {
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) throw new Error(String(response.status));
    const text = await response.text();
    localStorage.setItem(`konok-verify:${url}`, text);
    return { text, offline: response.headers.get('x-konok-offline') === '1' };
  } catch {
    const kept = localStorage.getItem(`konok-verify:${url}`);
    return kept === null ? undefined : { text: kept, offline: true };
  }
}

const fromB64 = (text: string) => fromBase64Url(text) ?? new Uint8Array();
const importKey = (jwk: Jwk) =>
  crypto.subtle.importKey(
    'jwk',
    { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true },
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
const verifyEs256 = (key: CryptoKey, signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, data);

/** The list of cancelled cards, only if its signature is good with one of the keys. */
async function revocations(keys: Jwk[]): Promise<{ list?: Revocations; offline: boolean }> {
  const fetched = await fetchText(REVOCATIONS_URL);
  if (!fetched) return { offline: true };
  const [header, payload, signature] = fetched.text.trim().split('.');
  if (!header || !payload || !signature) return { offline: fetched.offline };
  try {
    const { kid } = JSON.parse(new TextDecoder().decode(fromB64(header))) as { kid: string };
    const jwk = keys.find((k) => k.kid === kid);
    if (!jwk) return { offline: fetched.offline };
    const good = await verifyEs256(
      await importKey(jwk),
      fromB64(signature),
      new TextEncoder().encode(`${header}.${payload}`),
    );
    if (!good) return { offline: fetched.offline };
    return {
      list: JSON.parse(new TextDecoder().decode(fromB64(payload))) as Revocations,
      offline: fetched.offline,
    };
  } catch {
    return { offline: fetched.offline };
  }
}

async function check(): Promise<Outcome> {
  const bytes = fromBase64Url(sealText);
  const decoded = bytes && decodeSeal(bytes);
  if (!decoded) return { verdict: 'forged', offline: false };
  if (!globalThis.crypto?.subtle) return { verdict: 'insecure', data: decoded.data, offline: false };
  const fetched = await fetchText(KEYS_URL);
  if (!fetched) return { verdict: 'unknown', data: decoded.data, offline: true };
  let keys: Jwk[];
  try {
    keys = (JSON.parse(fetched.text) as { keys: Jwk[] }).keys;
  } catch {
    return { verdict: 'unknown', data: decoded.data, offline: fetched.offline };
  }
  const now = Date.now() / 1000;
  // A key past its publication date is retired: a seal made with it now is not ours.
  const jwk = keys.find((k) => k.kid === String(decoded.data.keyId) && (k.exp === undefined || k.exp > now));
  let signatureValid = false;
  if (jwk) {
    try {
      signatureValid = await verifyEs256(await importKey(jwk), decoded.signature, decoded.message);
    } catch {
      signatureValid = false;
    }
  }
  if (!signatureValid) return { verdict: 'forged', offline: fetched.offline };
  const { list, offline } = await revocations(keys);
  return {
    verdict: sealVerdict({
      signatureValid,
      data: decoded.data,
      revoked: new Set(list?.revoked ?? []),
      now: new Date(),
      clock: profile.clock,
    }),
    data: decoded.data,
    revocations: list,
    offline: fetched.offline || offline,
  };
}

const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
};
const dateOf = (iso: string) => formatDate(iso, language);
/** An instant on the reader's own clock: the officer compares it with the phone's time, wherever it is. */
const localDateTime = (instant: Date) =>
  `${dateOf(instant.toLocaleDateString('sv-SE'))}, ${instant.toLocaleTimeString('sv-SE').slice(0, 5)}`;
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

function age(s: Strings, seconds: number) {
  const minutes = Math.max(0, Math.round(seconds / 60));
  if (minutes < 120) return fill(s.minutes, { n: String(minutes) });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return fill(s.hours, { n: String(hours) });
  return fill(s.days, { n: String(Math.round(hours / 24)) });
}

function languageSwitch(s: Strings, rerender: () => void) {
  const nav = el('nav', { 'aria-label': s.language, class: 'languages' });
  for (const code of profile.languages) {
    const button = el(
      'button',
      { type: 'button', lang: code, 'aria-pressed': String(code === language) },
      code === 'ky' ? 'Кыр' : code === 'ru' ? 'Рус' : 'Eng',
    );
    button.addEventListener('click', () => {
      language = code;
      localStorage.setItem('konok-verify-lang', code);
      rerender();
    });
    nav.append(button);
  }
  return nav;
}

let photoUrl: string | undefined;
async function loadPhoto(figure: HTMLElement, s: Strings) {
  try {
    const response = await fetch('/api/public/cards/photo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seal: sealText }),
    });
    if (!response.ok || response.headers.get('x-konok-offline') === '1') throw new Error();
    photoUrl ??= URL.createObjectURL(await response.blob());
  } catch {
    if (!photoUrl) figure.replaceChildren(el('p', { class: 'muted' }, s.photoOffline));
    return;
  }
  figure.replaceChildren(
    el('img', { src: photoUrl, alt: s.photo, width: '120' }),
    el('figcaption', {}, s.photo),
  );
}

function render(outcome: Outcome | undefined) {
  const s = STRINGS[language];
  const title = profile.title[language] ?? s.title;
  document.documentElement.lang = language;
  document.title = `${title} — Konok`;
  const rerender = () => render(outcome);
  const authority = profile.authority[language] ?? [];
  const parts: Node[] = [languageSwitch(s, rerender)];
  // The ministry, and under it its department in plain type.
  const [ministry, department] = authority;
  if (ministry)
    parts.push(
      el(
        'p',
        { class: 'authority' },
        ministry,
        ...(department ? [el('br'), el('span', { class: 'authority-department' }, department)] : []),
      ),
    );
  parts.push(el('h1', {}, title));
  if (!outcome) {
    parts.push(el('p', { role: 'status' }, s.checking));
    root.replaceChildren(...parts);
    return;
  }
  const verdict = outcome.verdict === 'insecure' ? 'unknown' : outcome.verdict;
  const good = verdict === 'valid';
  parts.push(
    el(
      'section',
      {
        class: `verdict verdict--${good ? 'good' : verdict === 'forged' ? 'bad' : 'warn'}`,
        role: 'status',
        'data-verdict': verdict,
      },
      el('p', { class: 'verdict-word' }, s[verdict]),
      el('p', {}, outcome.verdict === 'insecure' ? s.insecure : s[`${verdict}Text` as keyof Strings]),
    ),
  );
  if (outcome.data && verdict !== 'forged') {
    const d = outcome.data;
    const row = (term: string, value: string) => [el('dt', {}, term), el('dd', {}, value)];
    const figure = el('figure', { class: 'photo' });
    parts.push(
      el('p', { class: 'muted' }, s.matchHint),
      el(
        'div',
        { class: 'person' },
        figure,
        el(
          'dl',
          {},
          ...row(s.name, `${d.surname} ${d.givenNames}`.trim()),
          ...row(s.birthDate, dateOf(d.birthDate)),
          ...row(s.nationality, d.nationality),
          ...row(s.document, d.documentNumber),
          ...row(s.period, formatPeriod(d.validFrom, d.validUntil, language)),
          ...row(s.number, d.registrationNumber),
          ...(profile.showsPlaceCode ? row(s.property, d.propertyCode) : []),
        ),
      ),
    );
    if (verdict === 'valid' || verdict === 'expired' || verdict === 'notYetValid') void loadPhoto(figure, s);
  }
  if ('revocations' in outcome && outcome.verdict !== 'forged') {
    const list = outcome.revocations;
    parts.push(
      el(
        'p',
        { class: 'muted list-age' },
        list
          ? fill(s.listAge, {
              when: localDateTime(new Date(list.iat * 1000)),
              age: age(s, Date.now() / 1000 - list.iat),
            })
          : s.listMissing,
      ),
    );
  }
  if (outcome.offline) parts.push(el('p', { class: 'muted offline' }, s.offline));
  root.replaceChildren(...parts);
}

render(undefined);
void check().then(render, () => render({ verdict: 'unknown', offline: true }));

// Keep working with no network: the worker caches this page, its code, the keys and the list.
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/v/sw.js', { scope: '/v/' });
