import { TEST_CARDS, type CardOutcome } from './cards.js';
import { formatMoney } from '../../shared/money.js';

/** The sandbox's own words: it is another company's page, so it does not use Konok's translations. */
const WORDS = {
  ru: {
    title: 'Онлайн оплата',
    sandbox: 'Тестовый эквайер: деньги не списываются',
    order: 'Номер заказа',
    left: 'До окончания сессии осталось',
    min: 'мин.',
    sec: 'сек.',
    card: 'Номер карты',
    expiry: 'Срок действия карты (ММ/ГГ)',
    cvc: 'CVV2 / CVC2',
    holder: 'Владелец карты',
    email: 'Электронный адрес (для чека)',
    pay: 'Оплатить',
    cards: 'Тестовые карты (любой будущий срок, любой CVV)',
    outcome: { paid: 'успешная оплата', declined: 'отказ банка', insufficient_funds: 'недостаточно средств' },
    callback: {
      normal: '',
      twice: 'уведомление приходит дважды',
      delayed: 'уведомление с задержкой',
      drop_first: 'первое уведомление теряется',
      lost: 'уведомления теряются',
    },
    errors: {
      card: 'Проверьте номер карты',
      expiry: 'Укажите срок действия ММ/ГГ, не в прошлом',
      cvc: 'CVV2/CVC2 — 3 цифры с обратной стороны карты',
      holder: 'Имя владельца латиницей, как на карте',
      email: 'Проверьте электронный адрес',
      notTestCard: 'Это не тестовая карта: используйте одну из перечисленных ниже',
    },
    expired: 'Сессия оплаты истекла. Вернитесь в магазин и начните оплату заново.',
    settled: 'Этот заказ уже обработан.',
    back: 'Вернуться в магазин',
    summary: 'Исправьте ошибки в форме',
  },
  ky: {
    title: 'Онлайн төлөм',
    sandbox: 'Тесттик эквайер: акча алынбайт',
    order: 'Буйрутманын номери',
    left: 'Сессиянын аягына чейин калды',
    min: 'мүн.',
    sec: 'сек.',
    card: 'Картанын номери',
    expiry: 'Картанын жарактуулук мөөнөтү (АА/ЖЖ)',
    cvc: 'CVV2 / CVC2',
    holder: 'Картанын ээси',
    email: 'Электрондук дарек (чек үчүн)',
    pay: 'Төлөө',
    cards: 'Тесттик карталар (каалаган келечектеги мөөнөт, каалаган CVV)',
    outcome: {
      paid: 'ийгиликтүү төлөм',
      declined: 'банк баш тартты',
      insufficient_funds: 'каражат жетишсиз',
    },
    callback: {
      normal: '',
      twice: 'билдирүү эки жолу келет',
      delayed: 'билдирүү кечигип келет',
      drop_first: 'биринчи билдирүү жоголот',
      lost: 'билдирүүлөр жоголот',
    },
    errors: {
      card: 'Картанын номерин текшериңиз',
      expiry: 'Мөөнөтүн АА/ЖЖ түрүндө жазыңыз, өткөн эмес',
      cvc: 'CVV2/CVC2 — картанын артындагы 3 сан',
      holder: 'Ээсинин аты латын тамгалары менен, картадагыдай',
      email: 'Электрондук даректи текшериңиз',
      notTestCard: 'Бул тесттик карта эмес: төмөндөгүлөрдүн бирин колдонуңуз',
    },
    expired: 'Төлөм сессиясы бүттү. Дүкөнгө кайтып, төлөмдү кайра баштаңыз.',
    settled: 'Бул буйрутма иштетилип бүткөн.',
    back: 'Дүкөнгө кайтуу',
    summary: 'Формадагы каталарды оңдоңуз',
  },
  en: {
    title: 'Online payment',
    sandbox: 'Sandbox acquirer: no money is taken',
    order: 'Order number',
    left: 'Session ends in',
    min: 'min',
    sec: 's',
    card: 'Card number',
    expiry: 'Expiry date (MM/YY)',
    cvc: 'CVV2 / CVC2',
    holder: 'Card holder',
    email: 'E-mail (for the receipt)',
    pay: 'Pay',
    cards: 'Test cards (any future expiry, any CVV)',
    outcome: {
      paid: 'payment succeeds',
      declined: 'declined by the bank',
      insufficient_funds: 'insufficient funds',
    },
    callback: {
      normal: '',
      twice: 'notification delivered twice',
      delayed: 'notification delayed',
      drop_first: 'first notification lost',
      lost: 'notifications lost',
    },
    errors: {
      card: 'Check the card number',
      expiry: 'Enter the expiry as MM/YY, not in the past',
      cvc: 'CVV2/CVC2 is the 3 digits on the back of the card',
      holder: 'The holder’s name in Latin letters, as on the card',
      email: 'Check the e-mail address',
      notTestCard: 'This is not a test card: use one of those listed below',
    },
    expired: 'The payment session has ended. Go back to the shop and start the payment again.',
    settled: 'This order has already been processed.',
    back: 'Back to the shop',
    summary: 'Correct the errors in the form',
  },
} as const;
export type PageLanguage = keyof typeof WORDS;
export const pageLanguage = (value: string): PageLanguage =>
  value in WORDS ? (value as PageLanguage) : 'ru';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** As the merchant (Konok) writes it, so the two pages show one amount the same way. */
export const formatAmount = (amountMinor: number, currency: string, language: PageLanguage) =>
  formatMoney(amountMinor, currency, language);

export type FieldName = 'card' | 'expiry' | 'cvc' | 'holder' | 'email';
export type FieldError = keyof (typeof WORDS)['en']['errors'];

function layout(language: PageLanguage, title: string, body: string) {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><link rel="stylesheet" href="/sandbox-acquirer/page.css"></head>
<body><main>${body}</main><script src="/sandbox-acquirer/page.js"></script></body></html>`;
}

export function paymentPage(options: {
  language: PageLanguage;
  ref: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  expiresAt: Date;
  formToken: string;
  values?: Partial<Record<'holder' | 'email' | 'expiry', string>>;
  errors?: Partial<Record<FieldName, FieldError>>;
}) {
  const w = WORDS[options.language];
  const errors = options.errors ?? {};
  const values = options.values ?? {};
  const field = (name: FieldName, label: string, attributes: string, value = '') => {
    const error = errors[name];
    return `<div class="field${error ? ' invalid' : ''}"><label for="${name}">${escape(label)}</label>
${error ? `<p class="error" id="${name}-error">${escape(w.errors[error])}</p>` : ''}
<input id="${name}" name="${name}" ${attributes} value="${escape(value)}"${error ? ` aria-invalid="true" aria-describedby="${name}-error"` : ''}></div>`;
  };
  const seconds = Math.max(0, Math.round((options.expiresAt.getTime() - Date.now()) / 1000));
  const cards = TEST_CARDS.map(
    (c) =>
      `<li><code>${c.number.replace(/(\d{4})(?=\d)/g, '$1 ')}</code> — ${escape(w.outcome[c.outcome as CardOutcome])}${
        w.callback[c.callback] ? `; ${escape(w.callback[c.callback])}` : ''
      }</li>`,
  ).join('');
  const hasErrors = Object.keys(errors).length > 0;
  return layout(
    options.language,
    w.title,
    `<p class="sandbox">${escape(w.sandbox)}</p>
<h1>${escape(w.title)}</h1>
<dl class="order"><dt>${escape(w.order)}</dt><dd>№${escape(options.orderId)}</dd>
<dt>${escape(w.left)}</dt><dd><span id="countdown" data-seconds="${seconds}" data-min="${escape(w.min)}" data-sec="${escape(w.sec)}" role="timer" aria-live="off">${Math.floor(seconds / 60)} ${escape(w.min)} ${seconds % 60} ${escape(w.sec)}</span></dd></dl>
${hasErrors ? `<div class="summary" role="alert" tabindex="-1" id="summary">${escape(w.summary)}</div>` : ''}
<form method="post" action="/sandbox-acquirer/pay/${encodeURIComponent(options.ref)}" novalidate autocomplete="on">
<input type="hidden" name="token" value="${escape(options.formToken)}">
${field('card', w.card, 'inputmode="numeric" autocomplete="cc-number" maxlength="23" placeholder="0000 0000 0000 0000" required')}
<div class="row">
${field('expiry', w.expiry, 'inputmode="numeric" autocomplete="cc-exp" maxlength="5" placeholder="MM/YY" required', values.expiry)}
${field('cvc', w.cvc, 'type="password" inputmode="numeric" autocomplete="cc-csc" maxlength="4" required')}
</div>
${field('holder', w.holder, 'autocomplete="cc-name" maxlength="60" required', values.holder)}
${field('email', w.email, 'type="email" autocomplete="email" maxlength="120"', values.email)}
<button type="submit">${escape(w.pay)} ${escape(formatAmount(options.amountMinor, options.currency, options.language))}</button>
</form>
<section class="cards"><h2>${escape(w.cards)}</h2><ul>${cards}</ul></section>`,
  );
}

export function messagePage(language: PageLanguage, kind: 'expired' | 'settled', returnUrl?: string) {
  const w = WORDS[language];
  return layout(
    language,
    w.title,
    `<p class="sandbox">${escape(w.sandbox)}</p><h1>${escape(w.title)}</h1><p role="alert">${escape(w[kind])}</p>${
      returnUrl ? `<p><a href="${escape(returnUrl)}">${escape(w.back)}</a></p>` : ''
    }`,
  );
}
