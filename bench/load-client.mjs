// The load generator of bench/registrations.bench.ts, in its own thread so that making requests
// does not take CPU from the server being measured. Plain JavaScript: workers load no TypeScript.
import { parentPort, workerData } from 'node:worker_threads';

const { mode, base, hosts, perHost, pin, today, firstSerial } = workerData;
let serial = firstSerial;

const addDays = (iso, days) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function foreigner(host) {
  serial += 1;
  return {
    ...host.documents,
    propertyId: host.propertyId,
    surname: 'MULLER',
    givenNames: 'ANNA',
    birthDate: '1990-05-17',
    sex: 'F',
    passportType: 'passport',
    passportCountry: 'DEU',
    passportNumber: `BN${String(serial).padStart(7, '0')}`,
    passportIssueDate: '2020-02-01',
    passportExpiryDate: '2031-02-01',
    entryDate: addDays(today, -1),
    phone: `+49 151 ${String(serial).padStart(8, '0')}`,
    email: `guest${serial}@example.de`,
    periodFrom: today,
    periodTo: addDays(today, 20),
    purpose: 'tourism',
  };
}

async function submit(host) {
  const started = performance.now();
  const response =
    mode === 'plain'
      ? await fetch(`${base}/bench/plain-insert`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: host.cookie },
          body: JSON.stringify({
            host: { id: host.id, propertyId: host.propertyId, documents: host.documents },
          }),
        })
      : await fetch(`${base}/api/registrations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': host.csrf, cookie: host.cookie },
          body: JSON.stringify({ data: foreigner(host), pin }),
        });
  const body = await response.json();
  if (response.status !== 201 || body.status !== 'submitted')
    throw new Error(`submission failed: ${response.status} ${JSON.stringify(body)}`);
  return performance.now() - started;
}

const latencies = [];
const started = performance.now();
await Promise.all(
  hosts.map(async (host) => {
    for (let i = 0; i < perHost; i++) latencies.push(await submit(host));
  }),
);
parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000 });
