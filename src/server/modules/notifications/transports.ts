import nodemailer from 'nodemailer';
import { devMailboxName } from './notifications.repo.js';

export interface Transport {
  name: string;
  /** Whether the message body stays in the outbox after delivery (only the dev mailbox needs it). */
  keepsBody: boolean;
  send(message: { recipient: string; subject: string | null; body: string }): Promise<void>;
}

export function smtpTransport(options: { url: string; from: string; timeoutMs?: number }): Transport {
  const timeout = options.timeoutMs ?? 15_000;
  // Explicit limits: a silent SMTP server must not hold a worker (and its lease) for minutes.
  const transporter = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    name: 'smtp',
    keepsBody: false,
    async send(message) {
      await transporter.sendMail({
        from: options.from,
        to: message.recipient,
        subject: message.subject ?? '',
        text: message.body,
      });
    },
  };
}

/** SMS through an HTTP gateway: POST {to, text} as JSON with a bearer token. */
export function smsGatewayTransport(options: { url: string; token?: string; timeoutMs?: number }): Transport {
  return {
    name: 'sms-gateway',
    keepsBody: false,
    async send(message) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify({ to: message.recipient, text: message.body }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

/** No gateway configured (the demo): the message stays readable at /dev/mailbox. */
export const devMailboxTransport: Transport = { name: devMailboxName, keepsBody: true, send: async () => {} };
