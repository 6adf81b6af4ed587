import type { InputHTMLAttributes } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldDeclaration, FieldKind } from '../../../shared/forms/form';
import { CountrySelect } from '../CountrySelect';
import { DateField } from '../DateField';
import { Field, useErrorText } from '../forms';

interface Props {
  field: FieldDeclaration;
  registration: UseFormRegisterReturn;
  error?: string;
}

/** How a person types each kind that is typed into a box: the keyboard a phone offers, capitals. */
const TYPED: Partial<Record<FieldKind, InputHTMLAttributes<HTMLInputElement>>> = {
  text: {},
  latinName: { autoCapitalize: 'characters' },
  documentName: { autoCapitalize: 'characters' },
  documentNumber: { autoCapitalize: 'characters', spellCheck: false },
  digits: { inputMode: 'numeric' },
  identifier: { inputMode: 'numeric', spellCheck: false },
  phone: { type: 'tel' },
  email: { type: 'email' },
};

/** Kinds that have a plain control here; the others (a place, an upload) have their own journeys. */
export const hasPlainControl = (kind: FieldKind) =>
  kind in TYPED || ['select', 'date', 'country', 'boolean'].includes(kind);

/**
 * One declared field as its kind's control, labelled, with its message tied to it: the form's
 * pages are drawn from the declaration, field by field, through this one registry.
 */
export function FormField({ field, registration, error }: Props) {
  const { t } = useTranslation();
  const text = useErrorText();
  const label = t(field.label);
  if (field.kind === 'date') return <DateField registration={registration} label={label} error={error} />;
  if (field.kind === 'boolean') {
    const id = `field-${field.name}`;
    return (
      <div className={`field${error ? ' field--error' : ''}`}>
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {text(error)}
          </p>
        )}
        <div className="checkbox">
          <input
            type="checkbox"
            id={id}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? `${id}-error` : undefined}
            {...registration}
          />
          <label htmlFor={id}>{label}</label>
        </div>
      </div>
    );
  }
  return (
    <Field name={field.name} label={label} error={error}>
      {(a11y) => {
        if (field.kind === 'select')
          return (
            <select {...a11y} {...registration}>
              <option value="">{t('signup.select')}</option>
              {(field.options ?? []).map((option) => (
                <option key={option} value={option}>
                  {t(`${field.optionLabels}${option}`)}
                </option>
              ))}
            </select>
          );
        if (field.kind === 'country') return <CountrySelect {...a11y} {...registration} />;
        const length = field.length ?? field.maxLength;
        return (
          <input
            {...a11y}
            autoComplete="off"
            {...TYPED[field.kind]}
            // A short number gets a short box; spaces typed between groups of digits still fit.
            className={field.kind === 'digits' && length && length <= 10 ? 'input-short' : undefined}
            {...registration}
          />
        );
      }}
    </Field>
  );
}
