import { useTranslation } from 'react-i18next';
import { useProfile } from '../../components/profile';

/** The user agreement or the privacy policy, in the version a host accepts at signup. */
export function LegalPage({ document }: { document: 'terms' | 'privacy' }) {
  const { t } = useTranslation();
  const profile = useProfile();
  const paragraphs = t(`legal.${document}`, { returnObjects: true }) as string[];
  return (
    <article className="panel legal">
      <h1>{t(`legal.${document}Title`)}</h1>
      <p className="hint">{t('legal.version', { date: profile.legal[document] })}</p>
      {paragraphs.map((p, i) => (
        <p key={i}>
          {i + 1}. {p}
        </p>
      ))}
    </article>
  );
}
