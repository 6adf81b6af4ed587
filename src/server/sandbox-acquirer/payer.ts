/**
 * A payer on the sandbox acquirer's page, over HTTP as a browser would: opens the page, fills in
 * the card form (the success test card unless told otherwise) and sends it. For the demo's paid
 * application and for tests; the page itself is what a person sees.
 */
export async function payOnSandboxPage(
  redirectUrl: string,
  card: Partial<Record<'card' | 'expiry' | 'cvc' | 'holder' | 'email', string>> = {},
): Promise<{ status: number; html: string; location: string | null }> {
  const page = await fetch(redirectUrl);
  const html = await page.text();
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
  if (!token) return { status: page.status, html, location: null };
  const response = await fetch(redirectUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      token,
      card: '4111 1111 1111 1111',
      expiry: '12/30',
      cvc: '123',
      holder: 'DEMO PAYER',
      ...card,
    }).toString(),
  });
  return { status: response.status, html: await response.text(), location: response.headers.get('location') };
}
