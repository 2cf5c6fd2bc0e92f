// A bench-only worker: one password hash per request, so `npm run bench` can time the hashing
// inside workerd apart from everything else a sign-in does. Never deployed.
import { hashPassword, verifyPassword } from '../../worker/src/auth/password';

let stored: string | undefined;

export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/verify') {
      stored ??= await hashPassword('correct horse battery staple 42');
      const { ok } = await verifyPassword('correct horse battery staple 42', stored);
      return new Response(ok ? 'ok' : 'mismatch', { status: ok ? 200 : 500 });
    }
    return new Response('ok');
  },
};
