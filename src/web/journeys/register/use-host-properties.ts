import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { api } from '../../api/client';
import { propertiesResponse } from '../../../shared/schemas/responses';

export type HostProperty = z.infer<typeof propertiesResponse>['properties'][number];

/** The properties a host may register a foreigner at (tab 2's, or those an operator added for an entity). */
export function useHostProperties(enabled: boolean): HostProperty[] | undefined {
  const [properties, setProperties] = useState<HostProperty[]>();
  useEffect(() => {
    if (!enabled) return;
    void api('/api/properties', propertiesResponse).then((r) => setProperties(r.properties));
  }, [enabled]);
  return properties;
}
