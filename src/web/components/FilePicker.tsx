import { useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { id: string };

/**
 * A file input that speaks the page's language: the browser's own says "Choose File" and "No file
 * chosen" in the browser's language, whatever the page's. The real input stays (keyboard, screen
 * readers, the field's label); it is only drawn as a button and the chosen file's name.
 */
export function FilePicker({ onChange, ...props }: Props) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  const chosenId = `${props.id}-chosen`;
  return (
    <div className="file-picker">
      <input
        {...props}
        type="file"
        className="file-picker-input"
        aria-describedby={[props['aria-describedby'], chosenId].filter(Boolean).join(' ')}
        onChange={(event) => {
          setChosen([...(event.target.files ?? [])].map((file) => file.name));
          onChange?.(event);
        }}
      />
      {/* Drawn as a button; the transparent input over it takes the clicks, the focus and the keys. */}
      <span className="button-secondary file-picker-button" aria-hidden="true">
        {t(props.multiple ? 'forms.chooseFiles' : 'forms.chooseFile')}
      </span>
      <span className="file-picker-chosen" id={chosenId}>
        {chosen.length > 0 ? chosen.join(', ') : t(props.multiple ? 'forms.noFiles' : 'forms.noFile')}
      </span>
    </div>
  );
}

/** A file field of its own: label, hint and the picker (where no Field wraps it). */
export function FileInput({ label, hint, ...props }: Props & { label: ReactNode; hint?: ReactNode }) {
  const hintId = hint ? `${props.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={props.id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <FilePicker {...props} aria-describedby={hintId} />
    </div>
  );
}
