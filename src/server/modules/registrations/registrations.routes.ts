import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requestLanguage, translate } from '../../http/i18n.js';
import { routeRateLimit } from '../../http/rate-limit.js';
import { requireHost } from '../../http/security.js';
import { registrationCheckResponse } from '../../../shared/schemas/index.js';
import { checkRegistration } from './registrations.service.js';

export function registrationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/registrations/check',
      {
        config: routeRateLimit(ctx, 120, 10),
        schema: {
          tags: ['registrations'],
          summary: '«Проверка данных»: every rule of the registration form, each problem on its field',
          // The shared schema runs in the service, beside the checks that need the database, so
          // that every problem is reported at once.
          body: z.record(z.string(), z.unknown()),
          response: { 200: registrationCheckResponse },
        },
      },
      async (request) => {
        const checked = await checkRegistration(ctx, requireHost(request), request.body);
        const language = requestLanguage(request);
        return {
          fee: checked.fee,
          property: checked.property,
          warnings: checked.warnings.map((warning) => ({
            code: warning.code,
            message: translate(language, `registration.warnings.${warning.code}`, warning),
          })),
        };
      },
    );
  };
}
