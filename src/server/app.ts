import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { cardKeyRing } from './modules/cards/card-keys.js';
import { BatchedCounter } from './http/batched-counter.js';
import { STATUS_CHECKS } from './modules/registrations/status-check.service.js';
import { cardsRoutes } from './modules/cards/cards.routes.js';
import { verifyPageHtml } from '../shared/verify-page.js';
import { legalEntitiesRoutes } from './modules/legal-entities/legal-entities.routes.js';
import { apiKeysRoutes } from './modules/api-keys/api-keys.routes.js';
import { apiV1Routes } from './modules/api-v1/api-v1.routes.js';
import { startBatchWorker } from './modules/api-v1/batches.service.js';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Db } from './db/database.js';
import { AppError, badRequest } from './http/errors.js';
import { controlCharacterErrors } from '../shared/schemas/fields.js';
import { requestLanguage, textsOf } from './http/i18n.js';
import { postgresRateLimitStore } from './http/rate-limit.js';
import { securityPlugin } from './http/security.js';
import { startMaintenance } from './jobs/maintenance.js';
import { startPaymentChecks } from './jobs/payment-checks.js';
import { startOutboxWorker, type OutboxWorker } from './modules/notifications/outbox-worker.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { documentsRoutes } from './modules/documents/documents.routes.js';
import { MrzPool } from './modules/documents/mrz/mrz-pool.js';
import { localFileStorage } from './modules/documents/storage.js';
import { embeddedRegistry, loadEmbeddedRegistry } from './modules/properties/embedded-registry.js';
import { httpRegistry } from './modules/properties/http-registry.js';
import { propertiesRoutes } from './modules/properties/properties.routes.js';
import { devMailboxRoutes } from './modules/notifications/dev-mailbox.routes.js';
import { notifyOnEvents } from './modules/notifications/domain-messages.js';
import {
  devMailboxTransport,
  smsGatewayTransport,
  smtpTransport,
} from './modules/notifications/transports.js';
import type { Acquirer } from './modules/payments/acquirer.js';
import { paymentsRoutes } from './modules/payments/payments.routes.js';
import { createAcquirer, refundWhenCancelled } from './modules/payments/payments.service.js';
import { DomainEvents } from './events.js';
import { publicRoutes } from './modules/public/public.routes.js';
import { reviewRoutes } from './modules/review/review.routes.js';
import { registrationsRoutes } from './modules/registrations/registrations.routes.js';
import { sandboxAcquirer, type SandboxAcquirer } from './sandbox-acquirer/sandbox.routes.js';
import type { Secrets } from './security/secrets.js';
import { getProfile } from '../shared/profiles/index.js';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

declare module 'fastify' {
  interface FastifyInstance {
    outbox: OutboxWorker;
    ctx: AppContext;
    /** The built-in sandbox acquirer, when ACQUIRER=sandbox. */
    sandboxAcquirer: SandboxAcquirer | undefined;
  }
}

/** http://host:port of the listening server, for development without PUBLIC_URL. */
function listeningUrl(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('Konok is not listening yet: set PUBLIC_URL');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
}

export interface BuildOptions {
  config: Config;
  db: Db;
  secrets: Secrets;
  /** Proof-of-work difficulty; tests lower it. */
  captchaMaxNumber?: number;
  /** Start the outbox worker's polling loop (tests may drive it by hand). */
  startWorkers?: boolean;
  rateLimitFactor?: number;
}

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config, db, secrets } = options;
  const { secureCookies } = config;
  const ctx: AppContext = {
    config,
    db,
    secrets,
    storage: localFileStorage(path.join(config.dataDir, 'files'), secrets.fileEncryptionKey),
    cardKeys: cardKeyRing(config.dataDir),
    statusChecks: new BatchedCounter(db, {
      prefix: 'status:',
      windowMs: 60_000,
      maxBatch: STATUS_CHECKS.maxBatch,
    }),
    profile: getProfile(config.profile),
    translate: textsOf(getProfile(config.profile)),
    captcha: {
      hmacKey: secrets.challengeKey.toString('hex'),
      maxNumber: options.captchaMaxNumber ?? 100_000,
    },
    secureCookies,
    rateLimitFactor: options.rateLimitFactor ?? 1,
    mrzPool: () => (mrzPool ??= new MrzPool({ size: config.mrzWorkers })),
    events: new DomainEvents(),
    publicUrl: () => config.publicUrl ?? listeningUrl(app),
    // Set just below: the adapter needs publicUrl, which needs the context.
    acquirer: undefined as unknown as Acquirer,
    registry: config.propertyRegistryUrl
      ? httpRegistry({ baseUrl: config.propertyRegistryUrl, token: config.propertyRegistryToken })
      : embeddedRegistry(db),
  };
  let mrzPool: MrzPool | undefined;
  ctx.acquirer = createAcquirer(ctx);
  // Who acts on what another module did, in the same transaction: payments refunds a cancelled
  // application's fee; notifications tells whom each change concerns (domain-messages.ts).
  ctx.events.on('RegistrationCancelled', refundWhenCancelled(ctx));
  notifyOnEvents(ctx.events, ctx);

  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Request logs carry method, route and status only: URLs here hold no personal data,
      // and bodies, cookies and headers are never logged.
      serializers: {
        // …except a card's seal (/v/<seal>): it names a person, so it is cut from the log.
        req: (req) => ({
          method: req.method,
          url: req.url?.split('?')[0]?.replace(/^\/v\/.*/, '/v/…'),
          id: req.id,
        }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
    },
    genReqId: () => crypto.randomUUID(),
    // Only a configured proxy may say who the client is; anyone can send X-Forwarded-For.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (() => {
            const hops = config.trustProxy;
            return (_address: string, hop: number) => hop < hops;
          })()
        : config.trustProxy,
    bodyLimit: 64 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const language = requestLanguage(request);
    // Messages may quote the profile's formats ("like 1-02-07-0017-0056-012").
    const t = (key: string, values?: Record<string, unknown>) =>
      ctx.translate(language, key, { example: ctx.profile.propertyCode.example, ...values });
    // A quoted value given as `{ t: key }` (a document's name) is itself said in the reader's language.
    const quoted = (params: Record<string, unknown> = {}) =>
      Object.fromEntries(
        Object.entries(params).map(([name, value]) => [
          name,
          value && typeof value === 'object' && 't' in value ? t(String(value.t)) : value,
        ]),
      );
    const fieldMessages = (
      fields: Record<string, string>,
      values?: Record<string, unknown>,
      params: Record<string, Record<string, unknown>> = {},
    ) =>
      Object.fromEntries(
        Object.entries(fields).map(([field, key]) => [
          field,
          { key, message: t(key, { ...values, ...quoted(params[field]) }) },
        ]),
      );

    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      for (const issue of error.validation) {
        const field = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || '_';
        fields[field] ??= issue.message ?? 'errors.summary';
      }
      return reply
        .status(400)
        .send({ error: { code: 'validation', message: t('errors.summary') }, fields: fieldMessages(fields) });
    }
    if (error instanceof AppError) {
      if (error.status === 429 && typeof error.details.seconds === 'number')
        reply.header('retry-after', error.details.seconds);
      return reply.status(error.status).send({
        error: { code: error.code, message: t(error.messageKey, error.details), ...error.details },
        fields: fieldMessages(error.fields, error.details, error.fieldParams),
      });
    }
    if (error.statusCode === 429) {
      return reply
        .status(429)
        .send({ error: { code: 'rate_limited', message: t('errors.rateLimited') }, fields: {} });
    }
    if (error.statusCode === 413 && request.routeOptions.config?.apiKey) {
      // A body past the route's limit (a batch's 2 MB), said with the limit.
      const megabytes = Math.round(((request.routeOptions.bodyLimit ?? 0) / 1024 / 1024) * 10) / 10;
      return reply.status(413).send({
        error: { code: 'too_large', message: t('errors.api.tooLarge', { megabytes }) },
        fields: {},
      });
    }
    if (
      request.routeOptions.config?.apiKey &&
      (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    ) {
      return reply
        .status(400)
        .send({ error: { code: 'malformed_json', message: t('errors.api.malformedJson') }, fields: {} });
    }
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      return reply
        .status(413)
        .send({ error: { code: 'too_large', message: t('errors.file.tooLarge') }, fields: {} });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Malformed JSON, wrong content type, multipart limits…: the client's fault, said plainly.
      return reply
        .status(error.statusCode)
        .send({ error: { code: 'bad_request', message: t('errors.badRequest') }, fields: {} });
    }
    request.log.error(
      { err: { type: error.name, message: error.message, stack: error.stack } },
      'unhandled error',
    );
    return reply.status(500).send({ error: { code: 'internal', message: t('errors.internal') }, fields: {} });
  });

  // Answers above a kilobyte travel compressed when the client asks (every browser does); static
  // files come precompressed (below). Compressed request bodies are not accepted.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'], globalDecompression: false });
  // Answers of the API hold personal data unless a route says otherwise: no cache keeps them.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The ALTCHA widget injects its own stylesheet and runs its proof-of-work in a blob: worker.
        styleSrc: ["'self'", "'unsafe-inline'"],
        workerSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:', 'mediastream:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: secureCookies ? [] : null,
      },
    },
    hsts: secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, { global: false, store: postgresRateLimitStore(db) });
  await app.register(multipart, { throwFileSizeLimit: false });
  await app.register(securityPlugin, { db, codeKey: secrets.codeKey, secureCookies });
  // One rule for every text that reaches Konok, before any route's own schema sees it.
  app.addHook('preValidation', async (request) => {
    const fields = controlCharacterErrors(request.params, request.query, request.body);
    if (Object.keys(fields).length > 0) throw badRequest(fields);
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Konok API',
        version: '0.1.0',
        description:
          'Registration of foreign citizens at their place of stay. Hotels’ systems use /api/v1 with an API key from the entity cabinet: `Authorization: Bearer kk_live_…`.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'kk_live_… or kk_test_…' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(publicRoutes(ctx));
  await app.register(accountsRoutes(ctx));
  await app.register(documentsRoutes(ctx));
  await app.register(propertiesRoutes(ctx));
  await app.register(registrationsRoutes(ctx));
  await app.register(paymentsRoutes(ctx));
  await app.register(reviewRoutes(ctx));
  await app.register(cardsRoutes(ctx));
  await app.register(legalEntitiesRoutes(ctx));
  await app.register(apiKeysRoutes(ctx));
  // Batches are worked through in the background; tests that start no workers drive them by hand.
  let batchWorker: ReturnType<typeof startBatchWorker> | undefined;
  await app.register(apiV1Routes(ctx, { wake: () => batchWorker?.wake() }));
  const sandbox =
    config.acquirer.kind === 'sandbox'
      ? await sandboxAcquirer(app, {
          db,
          secret: secrets.sandboxAcquirerSecret,
          log: app.log,
          deliverEveryMs: options.startWorkers === false ? undefined : 250,
        })
      : undefined;
  app.decorate('sandboxAcquirer', sandbox);
  if (!config.propertyRegistryUrl) await loadEmbeddedRegistry(db);

  if (config.demoMode) {
    // loadConfig refuses this; a config built by hand must not slip past it either.
    if (config.smtpUrl || config.smsGatewayUrl || config.env === 'production')
      throw new Error('Demo mode with real transports or in production is refused.');
    await app.register(devMailboxRoutes(ctx));
  }

  if (fs.existsSync(webRoot)) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      // Brotli and gzip copies made at build time (vite.config.ts), sent to browsers that ask.
      preCompressed: true,
      cacheControl: false,
      // A hashed name changes with its content: kept a year. Anything else is asked again.
      setHeaders: (reply, file) =>
        reply.header(
          'cache-control',
          file.startsWith(path.join(webRoot, 'assets') + path.sep)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        ),
    });
    // The page learns its country before its first script runs: its words, languages and formats.
    const indexHtml = fs
      .readFileSync(path.join(webRoot, 'index.html'), 'utf8')
      .replace(
        '<html lang="ru">',
        `<html lang="${ctx.profile.defaultLanguage}" data-profile="${ctx.profile.code}">`,
      );
    // The card verification page: its own small page (and service worker), not the app.
    const verifyHtml = verifyPageHtml(
      fs.readFileSync(path.join(webRoot, 'verify.html'), 'utf8'),
      ctx.profile,
    );
    app.get('/v/*', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(verifyHtml),
    );
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/') || request.url.startsWith('/dev/') || request.method !== 'GET') {
        const t = (key: string) => ctx.translate(requestLanguage(request), key);
        return reply
          .status(404)
          .send({ error: { code: 'not_found', message: t('errors.notFound') }, fields: {} });
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    });
  }

  const transports = {
    email: config.smtpUrl
      ? smtpTransport({ url: config.smtpUrl, from: config.mailFrom })
      : devMailboxTransport,
    sms: config.smsGatewayUrl
      ? smsGatewayTransport({ url: config.smsGatewayUrl, token: config.smsGatewayToken })
      : devMailboxTransport,
  };
  if (config.env === 'production' && !(config.smtpUrl && config.smsGatewayUrl)) {
    throw new Error(
      'In production set SMTP_URL and SMS_GATEWAY_URL: notifications would otherwise go nowhere.',
    );
  }
  const outbox = startOutboxWorker({
    db,
    transports,
    pollMs: options.startWorkers === false ? 3_600_000 : config.outboxPollMs,
    log: app.log,
  });
  app.decorate('outbox', outbox);
  const maintenance = options.startWorkers === false ? undefined : startMaintenance(ctx, app.log);
  const paymentChecks = options.startWorkers === false ? undefined : startPaymentChecks(ctx, app.log);
  if (options.startWorkers !== false) batchWorker = startBatchWorker(ctx, app.log);
  app.addHook('onClose', async () => {
    maintenance?.stop();
    paymentChecks?.stop();
    await batchWorker?.stop();
    sandbox?.stop();
    await outbox.stop();
    await mrzPool?.close();
  });
  return app;
}
