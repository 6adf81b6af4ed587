import { api } from '../../api/client';
import { paymentStartedResponse } from '../../../shared/schemas/responses';

/** «Оплатить»: the acquirer's page for an application (the same attempt again while it is open). */
export async function goToPayment(applicationId: number): Promise<void> {
  const started = await api(`/api/registrations/${applicationId}/payment`, paymentStartedResponse, {
    method: 'POST',
  });
  window.location.assign(started.redirectUrl);
}
