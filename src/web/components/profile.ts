import { useEffect, useState } from 'react';
import { api, lazyResponse } from '../api/client';
import { getProfile } from '../../shared/profiles/index';
import type { CountryProfile } from '../../shared/profiles/profile';

let loading: Promise<CountryProfile> | undefined;

/** The country profile the server runs (kg unless configured otherwise). */
export function useProfile(): CountryProfile {
  const [profile, setProfile] = useState<CountryProfile>(() => getProfile('kg'));
  useEffect(() => {
    loading ??= api('/api/meta', lazyResponse('metaResponse'))
      .then((meta) => getProfile(meta.profile))
      .catch(() => getProfile('kg'));
    void loading.then(setProfile);
  }, []);
  return profile;
}
