import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../components/session';
import { propertiesResponse } from '../../../shared/schemas/responses';
import { AddPropertyForm } from './AddPropertyForm';
import { CabinetTabs } from './CabinetTabs';
import { PropertyList, type Property } from './PropertyList';

/**
 * Cabinet, tab 2 «Жилой фонд». A person adds and removes their own; a legal entity's are added by
 * the operators (the guide: «выберите адрес ранее добавленного операторами»), so it only sees them.
 */
export function PropertiesPage() {
  const { t } = useTranslation();
  const { user, loaded } = useSession();
  const [properties, setProperties] = useState<Property[]>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    const result = await api('/api/properties', propertiesResponse);
    setProperties(result.properties);
  }, []);
  useEffect(() => {
    if (user?.role === 'host') void load();
  }, [user, load]);

  if (loaded && user?.role !== 'host') return <Navigate to="/" replace />;
  if (!properties) return <p role="status">{t('app.loading')}</p>;
  const entity = Boolean(user?.entityRole);
  const changed = (message: string) => {
    setNotice(message);
    void load();
  };

  return (
    <>
      <h1>{t('cabinet.title')}</h1>
      <CabinetTabs />
      {entity ? (
        <p className="notice">{t('properties.entityManaged')}</p>
      ) : (
        <AddPropertyForm
          endpoint="/api/properties"
          onAdded={(code) => changed(t('properties.added', { code }))}
        />
      )}
      <div role="status" aria-live="polite" className={notice ? 'notice' : undefined}>
        {notice}
      </div>
      <PropertyList
        title={t('properties.listTitle')}
        properties={properties}
        base="/api/properties"
        actions={entity ? [] : ['remove']}
        onChanged={changed}
      />
    </>
  );
}
