import { z } from 'zod';
import { PAYMENT_STATUSES } from './statuses.js';

// What the API answers: the server serializes through these, the web client takes its types from
// them, so a field renamed on one side breaks the build of the other.

export const okResponse = z.object({ ok: z.literal(true) });

export const healthResponse = z.object({ status: z.literal('ok'), database: z.literal('up') });
export const healthDownResponse = z.object({ status: z.string(), database: z.string() });

const languageText = z.object({ ru: z.string(), ky: z.string(), en: z.string() });
export const metaResponse = z.object({
  profile: z.string(),
  languages: z.array(z.enum(['ru', 'ky', 'en'])),
  contacts: z.object({ phone: z.string(), email: z.string(), address: languageText }),
});

export const statusCheckResponse = z.object({
  applicationNumber: z.string(),
  registrationNumber: z.string().nullable(),
  status: z.string(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  /** «S**** J***»: enough to see it is the right person, not enough to learn a name. */
  name: z.string(),
});

export const captchaChallengeResponse = z.object({
  algorithm: z.string(),
  challenge: z.string(),
  maxnumber: z.number().optional(),
  salt: z.string(),
  signature: z.string(),
});

export const signupTicketResponse = z.object({ ticket: z.string() });
export const signupPendingResponse = z.object({ expiresAt: z.string() });
export const activationResponse = z.object({
  email: z.string(),
  phone: z.string(),
  activated: z.boolean(),
  expiresAt: z.string(),
  resendAvailableAt: z.string(),
});

export const loginResponse = z.object({
  role: z.enum(['host', 'operator']),
  /** Shown once, when an operator has just set up the authenticator app. */
  recoveryCodes: z.array(z.string()).optional(),
});
/** The password was right and more is needed: activation (host), or the second factor (operator). */
export const loginMoreResponse = z.object({
  code: z.enum(['activation_required', 'one_time_code_required', 'enrolment_required']),
  enrolment: z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }).optional(),
});

export const sessionResponse = z.object({
  user: z
    .object({
      role: z.enum(['host', 'operator']),
      name: z.string(),
      /** A legal entity's staff member: the cabinet shows the entity's data and, to its administrator, the staff. */
      entityRole: z.enum(['admin', 'staff']).optional(),
    })
    .nullable(),
});

export const accountResponse = z.object({
  surname: z.string(),
  givenNames: z.string(),
  birthDate: z.string(),
  sex: z.string(),
  subjectType: z.string(),
  passportType: z.string(),
  passportNumberMasked: z.string(),
  passportCountry: z.string(),
  passportExpiryDate: z.string(),
  phone: z.string(),
  email: z.string(),
});

/** The e-mailed link has set a staff member's password: the login to use from now on. */
export const staffPasswordSetResponse = z.object({ email: z.string() });

export const phoneChangeResponse = z.object({ expiresAt: z.string(), phone: z.string() });
export const phoneChangedResponse = z.object({ phone: z.string() });

export const operatorResponse = z.object({
  fullName: z.string(),
  email: z.string(),
  role: z.enum(['operator', 'supervisor']),
});
export const recentHostsResponse = z.object({
  hosts: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      subjectType: z.string(),
      status: z.enum(['pending_activation', 'active']),
      createdAt: z.string(),
    }),
  ),
});

export const propertyAddressSchema = z.object({
  region: z.string().min(1),
  district: z.string().min(1),
  locality: z.string().min(1),
  street: z.string().min(1),
  house: z.string().min(1),
  building: z.string().nullable(),
  /** Строение: a further part of some Russian addresses. */
  structure: z.string().nullable().optional(),
  flat: z.string().nullable(),
  postalCode: z.string().min(1),
});

export const propertyLookupResponse = z.object({
  code: z.string(),
  address: propertyAddressSchema,
  addressLine: z.string(),
  areaM2: z.number(),
  rooms: z.number(),
  suggestedCapacity: z.number(),
});

export const propertyResponse = z.object({
  id: z.number(),
  code: z.string(),
  address: propertyAddressSchema,
  addressLine: z.string(),
  /** From the registry; null for a place described by its address. */
  areaM2: z.number().nullable(),
  rooms: z.number().nullable(),
  capacity: z.number(),
  activeRegistrations: z.number(),
  createdAt: z.string(),
});
export const propertiesResponse = z.object({
  properties: z.array(propertyResponse.extend({ shared: z.boolean() })),
});
export const propertyAddedResponse = z.object({ id: z.number(), shared: z.boolean() });
export const sharedPropertiesResponse = z.object({
  properties: z.array(
    z.object({ code: z.string(), addressLine: z.string(), host: z.string(), addedAt: z.string() }),
  ),
});

export const registrationCheckResponse = z.object({
  fee: z.object({ amountMinor: z.number().int(), currency: z.string() }),
  property: z.object({ id: z.number(), code: z.string(), addressLine: z.string() }),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});
/** What «Проверка данных» found: the fee and the warnings the check-answers page shows. */
export type RegistrationCheck = z.infer<typeof registrationCheckResponse>;

/** A passport page or photo stored for a registration, by the id the form then sends. */
export const registrationDocumentResponse = z.object({ id: z.number() });
/** A file of an application's documents checklist, as Konok names it, and whether it was accepted. */
export const checklistFile = z.object({
  id: z.number(),
  type: z.string(),
  /** i18n key of the item's name; null for an item the form no longer declares. */
  label: z.string().nullable(),
  part: z.number(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  rejectedReason: z.string().nullable(),
  rejectedAt: z.string().nullable(),
});
export const attachmentRejectedResponse = z.object({
  id: z.number(),
  type: z.string(),
  rejectedReason: z.string(),
});

export const attachmentResponse = z.object({
  id: z.number(),
  type: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
});

export const draftSavedResponse = z.object({ id: z.number() });
export const draftsResponse = z.object({
  drafts: z.array(z.object({ id: z.number(), name: z.string(), updatedAt: z.string() })),
});
export const draftResponse = z.object({
  id: z.number(),
  data: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
export const applicationCreatedResponse = z.object({
  id: z.number(),
  applicationNumber: z.string(),
  /** submitted at once where the profile charges no fee. */
  status: z.enum(['awaiting_payment', 'submitted']),
  fee: z.object({ amountMinor: z.number().int(), currency: z.string() }),
});
export const applicationStatusResponse = z.object({
  id: z.number(),
  status: z.string(),
  /** Cancelled after payment: the fee goes back through the acquirer. */
  refund: z.boolean().optional(),
});

export const paymentStartedResponse = z.object({ orderId: z.string(), redirectUrl: z.string() });
export const paymentResultResponse = z.object({
  orderId: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  amountMinor: z.number().int(),
  currency: z.string(),
  failureReason: z.string().nullable(),
  application: z.object({ id: z.number(), number: z.string(), status: z.string() }),
});

export const archiveResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      applicationNumber: z.string(),
      createdAt: z.string(),
      registrationNumber: z.string().nullable(),
      fullName: z.string(),
      birthDate: z.string().nullable(),
      passportCountry: z.string().nullable(),
      passportNumberMasked: z.string(),
      property: z.object({ id: z.number(), code: z.string() }).nullable(),
      periodFrom: z.string().nullable(),
      periodTo: z.string().nullable(),
      status: z.string(),
      /** The latest payment attempt's status, or null before any. */
      paymentStatus: z.enum(PAYMENT_STATUSES).nullable(),
      decisionReason: z.string().nullable(),
      decisionNote: z.string().nullable(),
      canCancel: z.boolean(),
      canPay: z.boolean(),
      staffName: z.string().nullable(),
      attachments: z.array(checklistFile),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const mrzResponse = z.object({
  status: z.enum(['ok', 'no-mrz', 'invalid', 'unreadable', 'bad-file']),
  type: z.enum(['TD1', 'TD2', 'TD3']).optional(),
  documentCode: z.string().optional(),
  issuingState: z.string().optional(),
  surname: z.string().optional(),
  givenNames: z.string().optional(),
  documentNumber: z.string().optional(),
  nationality: z.string().optional(),
  birthDate: z.string().optional(),
  sex: z.enum(['M', 'F', 'X']).optional(),
  expiryDate: z.string().optional(),
  personalNumber: z.string().optional(),
  mrz: z.array(z.string()).optional(),
  uncertain: z.array(z.string()),
});

export const mailboxResponse = z.object({
  messages: z.array(
    z.object({
      id: z.number(),
      channel: z.enum(['email', 'sms']),
      recipient: z.string(),
      subject: z.string().nullable(),
      body: z.string(),
      status: z.string(),
      createdAt: z.string(),
    }),
  ),
});

/** Every error: a code for programs, a message for people, and a message beside each field. */
export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string() }).catchall(z.unknown()),
  fields: z.record(z.string(), z.object({ key: z.string(), message: z.string() })),
});

export type ApiResponse<S extends z.ZodType> = z.infer<S>;

export const reviewQueueResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      applicationNumber: z.string(),
      status: z.string(),
      /** A request for documents gone unanswered: its last day (the queue shows it overdue). */
      answerDue: z.string().nullable(),
      submittedAt: z.string(),
      deadline: z.string(),
      msLeft: z.number(),
      overdue: z.boolean(),
      /** Who holds it: this operator, another, or nobody. */
      claim: z.enum(['mine', 'other']).nullable(),
      fullName: z.string(),
      passportCountry: z.string().nullable(),
      /** For the queue's property filter. */
      propertyId: z.number().nullable(),
      propertyCode: z.string().nullable(),
      propertyAddress: z.string().nullable(),
      periodFrom: z.string().nullable(),
      periodTo: z.string().nullable(),
      flags: z.array(z.string()),
      host: z.object({
        kind: z.enum(['person', 'legal_entity']),
        name: z.string(),
        staffName: z.string().nullable(),
      }),
    }),
  ),
});
export const claimResponse = z.object({
  id: z.number(),
  status: z.literal('in_review'),
  claimUntil: z.string(),
});
/** Given back to the queue: the application waits for any operator again. */
export const releaseResponse = z.object({ id: z.number(), status: z.string() });
export const decisionResponse = z.object({
  id: z.number(),
  status: z.string(),
  registrationNumber: z.string().nullable(),
});

const nullableText = z.string().nullable();
const storedAnswersResponse = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** One of the host's applications as the form took it: every answer, core and beyond. */
export const hostApplicationResponse = z.object({
  id: z.number(),
  applicationNumber: z.string(),
  registrationNumber: z.string().nullable(),
  status: z.string(),
  formVersion: z.number().nullable(),
  createdAt: z.string(),
  /** When the operator approved or rejected it; null before a decision. */
  decidedAt: z.string().nullable(),
  /** The reason of a rejection (i18n key under operator.queue.reasons) and the operator's words. */
  decisionReason: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** The foreigner's passport page and photo. */
  documents: z.object({ passport: z.number().nullable(), photo: z.number().nullable() }),
  attachments: z.array(checklistFile),
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export const reviewApplicationResponse = z.object({
  id: z.number(),
  applicationNumber: z.string(),
  status: z.string(),
  fields: z.object({
    surname: nullableText,
    givenNames: nullableText,
    patronymic: nullableText,
    birthDate: nullableText,
    sex: nullableText,
    passportType: nullableText,
    passportCountry: nullableText,
    passportNumber: nullableText,
    passportIssueDate: nullableText,
    passportExpiryDate: nullableText,
    entryDate: nullableText,
    phone: nullableText,
    email: nullableText,
    periodFrom: nullableText,
    periodTo: nullableText,
    purpose: nullableText,
    withGuardian: z.boolean().nullable(),
  }),
  /** The answers the profile's form declares beyond the core, given on form `formVersion`. */
  answers: storedAnswersResponse,
  formVersion: z.number().nullable(),
  mrzFields: z.array(z.string()),
  /** Fields the host typed over what the passport's MRZ read: the operator looks at these first. */
  mrzChangedFields: z.array(z.string()),
  flags: z.array(z.string()),
  flagReasons: z.array(z.object({ code: z.string(), message: z.string() })),
  documents: z.object({
    passport: z.number().nullable(),
    photo: z.number().nullable(),
    extra: z.array(z.number()),
  }),
  attachments: z.array(checklistFile),
  /** A legal entity has no e-mail of its own (its staff do). */
  host: z.object({ name: z.string(), email: z.string().nullable() }),
  property: z.object({ code: z.string(), addressLine: z.string(), capacity: z.number() }).nullable(),
  history: z.array(
    z.object({
      applicationNumber: z.string(),
      status: z.string(),
      periodFrom: nullableText,
      periodTo: nullableText,
      samePerson: z.boolean(),
    }),
  ),
});

/** `/.well-known/konok-card-keys.json`: the public keys that verify card seals, with their dates. */
export const cardKeySetResponse = z.object({
  keys: z.array(
    z.object({
      kty: z.string(),
      crv: z.string(),
      x: z.string(),
      y: z.string(),
      kid: z.string(),
      alg: z.literal('ES256'),
      use: z.literal('sig'),
      /** Seconds since 1970: from when the key signs, and until when it is published. */
      nbf: z.number(),
      exp: z.number(),
    }),
  ),
});

// ---------- legal entities ----------

export const entityTicketResponse = z.object({ ticket: z.string() });
export const entityAppliedResponse = z.object({
  number: z.string(),
  /** The private link's token: the page keeps it in the URL's fragment. */
  token: z.string(),
  link: z.string(),
});
export const entityApplicantResponse = z.object({
  number: z.string(),
  name: z.string(),
  status: z.string(),
  submittedAt: z.string(),
  decisionReason: z.string().nullable(),
  decisionNote: z.string().nullable(),
  documents: z.array(z.object({ field: z.string(), addedAt: z.string() })),
});
export const entityResubmittedResponse = z.object({ number: z.string(), status: z.string() });
export const entityQueueResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      number: z.string(),
      name: z.string(),
      status: z.string(),
      deadline: z.string(),
      overdue: z.boolean(),
      claim: z.enum(['mine', 'other']).nullable(),
    }),
  ),
});
export const entityReviewResponse = z.object({
  id: z.number(),
  number: z.string(),
  status: z.string(),
  submittedAt: z.string(),
  deadline: z.string(),
  entity: z.object({
    name: z.string(),
    taxNumber: z.string(),
    legalAddress: z.string(),
    actualAddress: z.string(),
    activity: z.string(),
    headName: z.string(),
    headPersonalNumber: z.string().optional(),
    legalForm: z.string().optional(),
    registrationNumber: z.string().optional(),
    kpp: z.string().optional(),
    headAddress: z.string(),
    phone: z.string(),
    email: z.string(),
    trustedPosition: z.string(),
    trustedName: z.string(),
    trustedAddress: z.string(),
  }),
  properties: z.array(
    z.object({
      code: z.string(),
      capacity: z.number(),
      registry: z.object({ addressLine: z.string(), areaM2: z.number(), rooms: z.number() }).nullable(),
      /** Where places are addresses: the address as the applicant typed it. */
      addressLine: z.string().optional(),
    }),
  ),
  documents: z.array(z.object({ id: z.number(), field: z.string(), addedAt: z.string() })),
  decisionReason: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export const entityStatusResponse = z.object({ id: z.number(), status: z.string() });

export const staffListResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      fullName: z.string(),
      email: z.string(),
      role: z.enum(['admin', 'staff']),
      status: z.enum(['invited', 'active', 'disabled']),
    }),
  ),
});

export const staffInvitedResponse = z.object({ id: z.number() });

export const entityListResponse = z.object({
  items: z.array(
    z.object({
      hostId: z.number(),
      name: z.string(),
      taxNumber: z.string(),
      email: z.string(),
      properties: z.number(),
      openedAt: z.string(),
    }),
  ),
});

export const entityProfileResponse = z.object({
  name: z.string(),
  taxNumber: z.string(),
  legalAddress: z.string(),
  actualAddress: z.string(),
  activity: z.string(),
  headName: z.string(),
  email: z.string(),
  phone: z.string(),
  me: z.object({ fullName: z.string(), email: z.string(), role: z.enum(['admin', 'staff']) }),
});
