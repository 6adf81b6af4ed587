import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SummaryRow, SummarySection } from '../../../shared/forms/summary';

interface Props {
  sections: SummarySection[];
  /** The answer in words (useAnswerText). */
  text: (row: SummaryRow) => string;
  /** What follows the answer in its row: a «Change» link, or nothing. */
  action?: (row: SummaryRow, label: string) => ReactNode;
  /** Said after the answer itself (the operator's «typed over» mark). */
  note?: (row: SummaryRow) => ReactNode;
  rowClassName?: (row: SummaryRow) => string | undefined;
  /** The heading level the sections take on this page. */
  level?: 'h3' | 'h4';
}

/** The answers of a form, section by section in its pages' order, each labelled in the reader's language. */
export function SummarySections({ sections, text, action, note, rowClassName, level = 'h3' }: Props) {
  const { t } = useTranslation();
  const Heading = level;
  return (
    <>
      {sections.map((section) => (
        <section key={section.id} className="summary-section" aria-labelledby={`summary-${section.id}`}>
          <Heading id={`summary-${section.id}`}>{t(section.title)}</Heading>
          <dl className="summary-list">
            {section.rows.map((row) => {
              const label = t(row.label);
              return (
                <div key={row.field} className={rowClassName?.(row)}>
                  <dt>{label}</dt>
                  <dd>
                    {text(row)}
                    {note?.(row)}
                  </dd>
                  <dd>{action?.(row, label)}</dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </>
  );
}
