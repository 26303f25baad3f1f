// A real OpenID Connect provider for the SSO tests of Z+V Portaal: panva's certified
// oidc-provider with one client (the portal), a minimal login page, test accounts and a small
// admin endpoint the tests use to add or change accounts.
//
//   node server.js <port>
//
// Configuration (environment):
//   OIDC_TEST_REDIRECT_URIS              comma-separated redirect URIs of the portal (required)
//   OIDC_TEST_POST_LOGOUT_REDIRECT_URIS  comma-separated post-logout redirect URIs
//   OIDC_TEST_BACKCHANNEL_LOGOUT_URI     the portal's back-channel logout URI (optional)
//   OIDC_TEST_CLIENT_ID / _CLIENT_SECRET default "portaal" / "geheim-voor-tests"
//   OIDC_TEST_ID_TOKEN_TTL               seconds an id/access token lives (default 3600)
//
// Login page: any test account with the password "wachtwoord". A login may ask for the
// amr "mfa" (the account's own `amr`, or the checkbox "met tweede factor").
//
// Admin endpoint (tests only, this server binds to 127.0.0.1):
//   POST /_test/accounts  JSON {sub, email, name, amr?, groups?, email_verified?}
//   creates or replaces an account.
import crypto from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const port = Number(process.argv[2] || process.env.OIDC_TEST_PORT || 0);
if (!port) {
  console.error('usage: node server.js <port>');
  process.exit(2);
}
const list = (name) => (process.env[name] || '').split(',').map((s) => s.trim()).filter(Boolean);
const redirectUris = list('OIDC_TEST_REDIRECT_URIS');
if (!redirectUris.length) {
  console.error('OIDC_TEST_REDIRECT_URIS is required');
  process.exit(2);
}
const ttl = Number(process.env.OIDC_TEST_ID_TOKEN_TTL || 3600);
const issuer = `http://127.0.0.1:${port}`;

// Test accounts: subject -> claims. The tests add their own through /_test/accounts.
const accounts = new Map([
  ['sub-anna', { sub: 'sub-anna', email: 'anna@gemeente-a.nl', name: 'Anna de Vries', groups: [] }],
  ['sub-mila', {
    sub: 'sub-mila', email: 'mila@gemeente-a.nl', name: 'Mila Fa', groups: [], amr: ['pwd', 'mfa'],
  }],
]);

const client = {
  client_id: process.env.OIDC_TEST_CLIENT_ID || 'portaal',
  client_secret: process.env.OIDC_TEST_CLIENT_SECRET || 'geheim-voor-tests',
  redirect_uris: redirectUris,
  post_logout_redirect_uris: list('OIDC_TEST_POST_LOGOUT_REDIRECT_URIS'),
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
};
if (process.env.OIDC_TEST_BACKCHANNEL_LOGOUT_URI) {
  client.backchannel_logout_uri = process.env.OIDC_TEST_BACKCHANNEL_LOGOUT_URI;
  client.backchannel_logout_session_required = true;
}

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [client],
  jwks: { keys: [jwk] },
  cookies: { keys: ['zv-test-cookie-key'] },
  claims: {
    acr: null,
    amr: null,
    sid: null,
    auth_time: null,
    iss: null,
    openid: ['sub', 'amr', 'acr', 'sid', 'auth_time'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  scopes: ['openid', 'offline_access', 'email', 'profile', 'groups'],
  features: {
    devInteractions: { enabled: false },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => true },
  // The portal under test listens on 127.0.0.1, which the provider's SSRF protection refuses
  // for back-channel logout calls; this test provider talks to loopback only.
  fetch: (url, { dispatcher, ...options }) => globalThis.fetch(url, options),
  ttl: {
    AccessToken: ttl,
    IdToken: ttl,
    AuthorizationCode: 60,
    RefreshToken: 24 * 3600,
    Interaction: 600,
    Session: 24 * 3600,
    Grant: 24 * 3600,
  },
  // Refresh tokens for every code grant of the client (no offline_access scope needed).
  issueRefreshToken: async (ctx, c) => c.grantTypeAllowed('refresh_token'),
  // No consent page: the grant covers the requested scopes.
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(ctx.oidc.params.scope || 'openid');
    await grant.save();
    return grant;
  },
  findAccount: async (ctx, id) => {
    const account = accounts.get(id);
    if (!account) return undefined;
    return {
      accountId: id,
      claims: async () => ({
        sub: id,
        email: account.email,
        email_verified: account.email_verified ?? true,
        name: account.name,
        groups: account.groups || [],
      }),
    };
  },
});
provider.proxy = false;
provider.on('backchannel.success', (ctx, c, accountId, sid) => {
  console.log(`backchannel logout sent to ${c.clientId} for ${accountId} (${sid})`);
});
provider.on('backchannel.error', (ctx, err, c) => {
  console.error(`backchannel logout to ${c.clientId} failed: ${err.message}`);
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res, status, title, body) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(`<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>${escape(title)}</title></head>`
    + `<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (action === 'login' && req.method === 'POST') {
    const form = new URLSearchParams(await readBody(req));
    const username = form.get('username') || '';
    const account = [...accounts.values()].find(
      (a) => a.sub === username || a.email === username,
    );
    if (!account || form.get('password') !== 'wachtwoord') {
      return loginForm(res, uid, 'Onbekende gebruiker of onjuist wachtwoord.');
    }
    const amr = form.get('mfa') ? ['pwd', 'mfa'] : (account.amr || ['pwd']);
    return provider.interactionFinished(req, res, { login: { accountId: account.sub, amr } });
  }
  return loginForm(res, uid, '');
}

function loginForm(res, uid, error) {
  page(res, error ? 400 : 200, 'Testaanbieder: aanmelden', `
    ${error ? `<p role="alert" id="fout">${escape(error)}</p>` : ''}
    <form method="post" action="/interaction/${escape(uid)}/login">
      <label for="username">Gebruiker</label> <input id="username" name="username" autocomplete="username">
      <label for="password">Wachtwoord</label> <input id="password" name="password" type="password">
      <label><input type="checkbox" name="mfa" value="1"> met tweede factor</label>
      <button type="submit" id="aanmelden">Aanmelden bij de testaanbieder</button>
    </form>`);
}

const oidc = provider.callback();

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    const match = url.pathname.match(/^\/interaction\/([^/]+)(?:\/(login))?$/);
    if (match) {
      await interaction(req, res, match[1], match[2]);
      return;
    }
    if (url.pathname === '/_test/accounts' && req.method === 'POST') {
      const data = JSON.parse(await readBody(req));
      if (!data.sub) throw new Error('sub required');
      accounts.set(data.sub, data);
      res.statusCode = 204;
      res.end();
      return;
    }
    oidc(req, res);
  } catch (err) {
    console.error(err);
    if (!res.headersSent) page(res, 500, 'Fout bij de testaanbieder', `<p>${escape(err.message)}</p>`);
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`oidc test provider listening on ${issuer}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
