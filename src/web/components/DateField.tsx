import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  DATE_PARTS,
  dateProblem,
  partsFromValue,
  valueFromParts,
  type DatePart,
  type DateParts,
} from './date-parts';
import { useErrorText } from './forms';

interface Props {
  registration: UseFormRegisterReturn;
  label: ReactNode;
  /** Said before the example: what the field is for, or why it holds what it holds. */
  hint?: ReactNode;
  error?: string;
  badge?: ReactNode;
  /** One's own date of birth, which the browser may fill in; anybody else's it must not. */
  ownBirthDate?: boolean;
}

const WIDTH: Record<DatePart, string> = { day: 'input-2', month: 'input-2', year: 'input-4' };
const LABEL: Record<DatePart, string> = {
  day: 'forms.date.day',
  month: 'forms.date.month',
  year: 'forms.date.year',
};
const AUTOCOMPLETE: Record<DatePart, string> = { day: 'bday-day', month: 'bday-month', year: 'bday-year' };

/**
 * A date as day, month and year in three boxes (the GOV.UK date input), not the browser's date
 * picker, which writes «mm/dd/yyyy» in the browser's language whatever the page's is. The field
 * is one group named by its legend; the form's value is one string (see date-parts.ts), put in
 * and read back through react-hook-form's `register` like any input's.
 */
export function DateField({ registration, label, hint, error, badge, ownBirthDate = false }: Props) {
  const { t } = useTranslation();
  const text = useErrorText();
  const { name, onChange, onBlur, ref } = registration;
  const [parts, setParts] = useState<DateParts>(() => partsFromValue(''));
  const boxes = useRef<Partial<Record<DatePart, HTMLInputElement | null>>>({});
  const calendar = useRef<HTMLInputElement | null>(null);
  // The boxes as last typed or set, for react-hook-form's reads between renders.
  const current = useRef(parts);

  // What react-hook-form holds for an input: it sets the value (defaults, a draft, the passport's
  // MRZ) and focuses the field (the error summary, «Change»). Without a `type` it is not taken for
  // a DOM input, and a value set from outside shows in the boxes.
  const field = useMemo(
    () => ({
      name,
      get value() {
        return valueFromParts(current.current);
      },
      set value(next: unknown) {
        if (valueFromParts(current.current) === (typeof next === 'string' ? next : '')) return;
        current.current = partsFromValue(next);
        setParts(current.current);
      },
      focus() {
        const wrong = dateProblem(valueFromParts(current.current))?.parts[0] ?? 'day';
        boxes.current[wrong]?.focus();
      },
    }),
    [name],
  );

  const id = `field-${name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const problem = error ? dateProblem(valueFromParts(parts)) : undefined;
  // A problem with the date as a whole (in the future, before the birth…) marks all three boxes.
  const wrong = (part: DatePart) => Boolean(error) && (!problem || problem.parts.includes(part));

  const set = (next: DateParts) => {
    current.current = next;
    setParts(next);
    void onChange({ target: { name, value: valueFromParts(next) }, type: 'change' });
  };
  const change = (part: DatePart, value: string) => set({ ...current.current, [part]: value });
  const typed = valueFromParts(parts);
  const complete = dateProblem(typed) === undefined && typed !== '';

  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <fieldset
        className="date-field"
        ref={(element) => ref(element ? field : null)}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
      >
        <legend>
          {label}
          {badge}
        </legend>
        <p className="hint" id={hintId}>
          {/* The field's own note on a line of its own, the example after it. */}
          {hint && <span className="date-field__note">{hint} </span>}
          {t('forms.date.hint')}
        </p>
        {error && (
          <p className="field-error" id={errorId}>
            {text(error)}
          </p>
        )}
        <div className="date-input">
          {DATE_PARTS.map((part) => (
            <div className="date-input__item" key={part}>
              <label htmlFor={part === 'day' ? id : `${id}-${part}`}>{t(LABEL[part])}</label>
              <input
                // The day box carries the field's id: the error summary and «Change» lead to it.
                id={part === 'day' ? id : `${id}-${part}`}
                ref={(element) => {
                  boxes.current[part] = element;
                }}
                className={WIDTH[part]}
                name={`${name}-${part}`}
                inputMode="numeric"
                spellCheck={false}
                autoComplete={ownBirthDate ? AUTOCOMPLETE[part] : 'off'}
                aria-invalid={wrong(part)}
                value={parts[part]}
                onChange={(event) => change(part, event.target.value)}
                onBlur={() =>
                  void onBlur({ target: { name, value: valueFromParts(current.current) }, type: 'blur' })
                }
              />
            </div>
          ))}
          <div className="date-input__item date-input__calendar">
            {/* The browser's calendar, for those who would rather pick than type: it only fills the
                boxes, so the page still shows the date one way, in the page's language. */}
            <input
              ref={calendar}
              type="date"
              className="date-input__native"
              tabIndex={-1}
              aria-hidden="true"
              value={complete ? typed : ''}
              onChange={(event) => {
                if (event.target.value) set(partsFromValue(event.target.value));
                boxes.current.day?.focus();
              }}
            />
            <button
              type="button"
              className="button-secondary date-input__pick"
              aria-label={t('forms.date.pick')}
              title={t('forms.date.pick')}
              onClick={() => {
                const picker = calendar.current;
                if (!picker) return;
                try {
                  picker.showPicker();
                } catch {
                  picker.click();
                }
              }}
            >
              <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20">
                <rect
                  x="2.5"
                  y="4"
                  width="15"
                  height="13.5"
                  rx="1.5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.6"
                />
                <path d="M2.5 8h15M6.5 2v4M13.5 2v4" stroke="currentColor" strokeWidth="1.6" />
              </svg>
            </button>
          </div>
        </div>
      </fieldset>
    </div>
  );
}
