// A real OpenID Connect provider for the sign-in tests: panva's `oidc-provider` (npm), with its
// development sign-in pages, on 127.0.0.1. The tests start it once per module
// (core/tests/oidc/provider.py) and write the people it knows to a JSON file, read again at each
// sign-in, so a test can change someone's groups between two sign-ins.
//
//   node provider.mjs PORT ACCOUNTS_JSON CLIENT_JSON
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';

import Provider from 'oidc-provider';

const [port, accountsFile, clientFile] = process.argv.slice(2);
const client = JSON.parse(readFileSync(clientFile, 'utf8'));
// A fresh P-256 key each run (an RSA key takes seconds to make): ID tokens are signed ES256.
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'tests', alg: 'ES256', use: 'sig' };

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [client],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['passerelle-tests-only'] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    groups: ['groups'],
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        const accounts = JSON.parse(readFileSync(accountsFile, 'utf8'));
        return { sub: id, ...(accounts[id] || {}) };
      },
    };
  },
});

provider.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write('ready\n');
});
