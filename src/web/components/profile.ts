import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { getProfile } from '../../shared/profiles/index';
import type { CountryProfile } from '../../shared/profiles/profile';
import { metaResponse } from '../../shared/schemas/responses';

let loading: Promise<CountryProfile> | undefined;

/** The country profile the server runs (kg unless configured otherwise). */
export function useProfile(): CountryProfile {
  const [profile, setProfile] = useState<CountryProfile>(() => getProfile('kg'));
  useEffect(() => {
    loading ??= api('/api/meta', metaResponse)
      .then((meta) => getProfile(meta.profile))
      .catch(() => getProfile('kg'));
    void loading.then(setProfile);
  }, []);
  return profile;
}
