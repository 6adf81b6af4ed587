import type { z } from 'zod';
import { apiUnchecked } from '../../api/client';
import type { paymentStartedResponse } from '../../../shared/schemas/responses';

/** «Оплатить»: the acquirer's page for an application (the same attempt again while it is open). */
export async function goToPayment(applicationId: number): Promise<void> {
  const started = await apiUnchecked<z.infer<typeof paymentStartedResponse>>(
    `/api/registrations/${applicationId}/payment`,
    { method: 'POST' },
  );
  window.location.assign(started.redirectUrl);
}
