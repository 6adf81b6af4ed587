import { z } from 'zod';
import { isoDate } from './fields.js';

/** What a key may do; a key has at least one. */
export const API_SCOPES = ['registrations:write', 'registrations:read', 'webhooks:manage'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** The longest a rotated key keeps working beside its successor. */
export const MAX_GRACE_HOURS = 24 * 30;

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The administrator's new key: its name, what it may do, where, and until when. */
export const apiKeyCreateSchema = z.object({
  name: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : v),
    z
      .string({ error: 'errors.apiKey.name.required' })
      .min(1, 'errors.apiKey.name.required')
      .max(100, 'errors.text.tooLong'),
  ),
  scopes: z
    .array(z.enum(API_SCOPES, { error: 'errors.apiKey.scopes.required' }), {
      error: 'errors.apiKey.scopes.required',
    })
    .min(1, 'errors.apiKey.scopes.required')
    .max(API_SCOPES.length, 'errors.apiKey.scopes.required')
    .transform((scopes) => [...new Set(scopes)]),
  /** Absent or empty: every place of the entity. */
  placeIds: z
    .array(id, { error: 'errors.apiKey.places.invalid' })
    .max(200, 'errors.apiKey.places.invalid')
    .optional(),
  /** The last day the key works (the service's calendar); absent: until revoked. */
  expiresOn: z.union([isoDate('errors.date.invalid'), z.literal('')]).optional(),
});
export type ApiKeyCreate = z.output<typeof apiKeyCreateSchema>;

export const apiKeyRotateSchema = z.object({
  graceHours: z.coerce
    .number({ error: 'errors.apiKey.grace.invalid' })
    .int('errors.apiKey.grace.invalid')
    .min(0, 'errors.apiKey.grace.invalid')
    .max(MAX_GRACE_HOURS, 'errors.apiKey.grace.invalid'),
});

const apiKeyView = z.object({
  id: z.number(),
  name: z.string(),
  mode: z.enum(['live', 'test']),
  /** `kk_live_…abcd`: enough to tell keys apart, never the secret. */
  hint: z.string(),
  scopes: z.array(z.enum(API_SCOPES)),
  placeIds: z.array(z.number()).nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  state: z.enum(['active', 'expiring', 'expired', 'revoked']),
  lastUsedAt: z.string().nullable(),
  lastUsedAddress: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiKeyView = z.infer<typeof apiKeyView>;

export const apiKeyListResponse = z.object({ items: z.array(apiKeyView) });

/** The only answer that carries the secret: shown once, never again. */
export const apiKeyCreatedResponse = z.object({ key: apiKeyView, secret: z.string() });
