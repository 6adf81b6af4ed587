import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { mailboxResponse } from '../../../shared/schemas/index.js';
import { listMailbox } from './notifications.repo.js';

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** What the demo "sent": exists only outside production, when no SMTP or SMS gateway is configured. */
export function devMailboxRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const messages = async () =>
      (await listMailbox(ctx.db)).map((m) => ({
        id: m.id,
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
        status: m.status,
        createdAt: m.created_at.toISOString(),
      }));

    app.get(
      '/api/dev/mailbox',
      {
        schema: {
          tags: ['dev'],
          summary: 'Messages the demo sent (demo mode only)',
          response: { 200: mailboxResponse },
        },
      },
      async (_r, reply) => {
        reply.header('cache-control', 'no-store');
        return { messages: await messages() };
      },
    );

    app.get('/dev/mailbox', { schema: { hide: true } }, async (_request, reply) => {
      const rows = (await messages())
        .map(
          (
            m,
          ) => `<article class="message" data-channel="${m.channel}" data-recipient="${escapeHtml(m.recipient)}">
  <h2>${m.channel === 'email' ? 'E-mail' : 'SMS'} → ${escapeHtml(m.recipient)}</h2>
  <p class="meta">#${m.id} · ${escapeHtml(m.createdAt)} · ${m.status}</p>
  ${m.subject ? `<p><strong>${escapeHtml(m.subject)}</strong></p>` : ''}
  <pre>${escapeHtml(m.body)}</pre>
</article>`,
        )
        .join('\n');
      reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Konok dev mailbox</title>
<meta http-equiv="refresh" content="5"><link rel="stylesheet" href="/dev-mailbox.css"></head>
<body><main><h1>Dev mailbox</h1><p>Every e-mail and SMS the demo sent, newest first. This page exists only in demo mode.</p>
${rows || '<p>No messages yet.</p>'}</main></body></html>`;
    });
  };
}
