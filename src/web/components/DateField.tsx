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

  const change = (part: DatePart, value: string) => {
    const next = { ...current.current, [part]: value };
    current.current = next;
    setParts(next);
    void onChange({ target: { name, value: valueFromParts(next) }, type: 'change' });
  };

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
        </div>
      </fieldset>
    </div>
  );
}
