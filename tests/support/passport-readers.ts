import type { FastifyInstance } from 'fastify';
import { renderPassportPage } from '../../scripts/mrz-samples';

/**
 * Has every passport-reader thread read one page. A thread starts with the first page it is given,
 * and its start counts against its time limit per page: on a busy test machine that first page
 * came back unreadable. Browser journeys about a form call this first; the reader's own tests do not.
 */
export async function warmUpPassportReaders(app: FastifyInstance) {
  const page = await renderPassportPage({
    documentCode: 'P',
    issuingState: 'AUT',
    surname: 'HUBER',
    givenNames: 'JONAS',
    documentNumber: 'U1234567',
    nationality: 'AUT',
    birthDate: '1980-01-01',
    sex: 'M',
    expiryDate: '2030-01-01',
    personalNumber: '',
  });
  const pool = app.ctx.mrzPool();
  await Promise.all(Array.from({ length: pool.size }, () => pool.read(page)));
}
