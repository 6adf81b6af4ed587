import { useCallback, useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client';
import type { RegistrationInput } from '../../../shared/schemas/registrations';
import {
  draftResponse,
  draftSavedResponse,
  draftsResponse,
  okResponse,
} from '../../../shared/schemas/responses';
import type { RegistrationDefaults } from './registration-defaults';

export type DraftSummary = z.infer<typeof draftsResponse>['drafts'][number];
export interface SaveState {
  state: 'idle' | 'saving' | 'saved' | 'failed';
  at?: Date;
}

const AUTOSAVE_MS = 1200;

/** The host's drafts, as the tab lists them; deleting one lists the rest. */
export function useDraftList(enabled: boolean) {
  const [drafts, setDrafts] = useState<DraftSummary[]>([]);
  const reload = useCallback(async () => {
    setDrafts((await api('/api/registrations/drafts', draftsResponse)).drafts);
  }, []);
  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);
  const remove = async (id: number) => {
    await api(`/api/registrations/drafts/${id}`, okResponse, { method: 'DELETE' });
    await reload();
  };
  return { drafts, remove };
}

/** What is typed, fit to keep: no empty answers, and the fields the passport filled. */
function draftData(values: Record<string, unknown>, mrzFields: string[]) {
  const entries: [string, unknown][] = [...Object.entries(values), ['mrzFields', mrzFields]];
  return Object.fromEntries(
    entries.filter(
      ([, v]) =>
        v !== undefined &&
        v !== '' &&
        v !== false &&
        !(Array.isArray(v) && v.length === 0) &&
        !(typeof v === 'number' && Number.isNaN(v)),
    ),
  );
}

/**
 * The form as a draft: a new registration starts from the defaults; `?draft=N` resumes one exactly
 * as it was typed; what is typed is saved as the host goes (one save at a time; the first makes the
 * draft and puts it in the URL), and a failed save is tried again later.
 */
export function useDraft({
  form: { getValues, reset, watch },
  enabled,
  defaults,
  mrzFields,
  onResumeFailed,
}: {
  form: UseFormReturn<RegistrationInput>;
  enabled: boolean;
  defaults: RegistrationDefaults | undefined;
  mrzFields: string[];
  onResumeFailed: (message: string) => void;
}) {
  const [params, setParams] = useSearchParams();
  const draftParam = params.get('draft');
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const draftId = useRef<number | undefined>(draftParam ? Number(draftParam) : undefined);
  const loadedDraft = useRef<number | undefined>(undefined);
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<number | undefined>(undefined);
  const finished = useRef(false);
  // Read when a save runs, so that a new reading of the passport does not restart the timer.
  const filledFromPassport = useRef(mrzFields);
  useEffect(() => {
    filledFromPassport.current = mrzFields;
  });

  // A new registration (not a draft being resumed) starts from the defaults.
  useEffect(() => {
    if (defaults && !draftId.current) reset(defaults);
  }, [defaults, reset]);

  // Resuming a draft: its values back in the form, exactly as they were typed.
  useEffect(() => {
    if (!enabled || !draftParam || loadedDraft.current === Number(draftParam)) return;
    loadedDraft.current = Number(draftParam);
    void api(`/api/registrations/drafts/${Number(draftParam)}`, draftResponse)
      .then((draft) => {
        draftId.current = draft.id;
        reset(draft.data as RegistrationInput);
        setSave({ state: 'saved', at: new Date(draft.updatedAt) });
      })
      .catch((error: unknown) => {
        setParams({}, { replace: true });
        onResumeFailed(error instanceof ApiError ? error.message : 'errors.network');
      });
  }, [enabled, draftParam, reset, setParams, onResumeFailed]);

  const saveDraft = useCallback(() => {
    if (finished.current) return;
    saving.current = saving.current.then(async () => {
      const data = draftData(getValues() as Record<string, unknown>, filledFromPassport.current);
      // A form with nothing but its defaults (a new registration just opened) is not a draft yet.
      const untouched = defaults as Record<string, unknown> | undefined;
      if (Object.entries(data).every(([k, v]) => untouched?.[k] === v || k === 'mrzFields')) return;
      setSave((s) => ({ ...s, state: 'saving' }));
      try {
        const id = draftId.current;
        const saved = await api(
          id ? `/api/registrations/drafts/${id}` : '/api/registrations/drafts',
          draftSavedResponse,
          { body: data },
        );
        if (!id) {
          draftId.current = saved.id;
          loadedDraft.current = saved.id;
          setParams({ draft: String(saved.id) }, { replace: true });
        }
        setSave({ state: 'saved', at: new Date() });
      } catch {
        setSave({ state: 'failed' });
        timer.current = window.setTimeout(saveDraft, AUTOSAVE_MS * 5);
      }
    });
  }, [getValues, defaults, setParams]);

  useEffect(() => {
    const subscription = watch(() => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(saveDraft, AUTOSAVE_MS);
    });
    return () => subscription.unsubscribe();
  }, [watch, saveDraft]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  return {
    /** The draft named in the URL, being resumed or already saved. */
    draftParam,
    currentDraftId: () => draftId.current,
    save,
    /** «Новая регистрация»: an empty form from the defaults, saved as a new draft once typed into. */
    startNew: () => {
      draftId.current = undefined;
      loadedDraft.current = undefined;
      if (defaults) reset(defaults);
      setSave({ state: 'idle' });
    },
    /** Confirmed with the PIN: the draft is gone with it, nothing more to save. */
    finish: () => {
      finished.current = true;
      window.clearTimeout(timer.current);
    },
  };
}
