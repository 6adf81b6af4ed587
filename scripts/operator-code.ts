// The demo operator's current authenticator code, for a newcomer without an authenticator app:
// `npm run operator-code` in the same directory (and with the same DATA_DIR) as `npm start`.
import { TOTP } from 'otpauth';
import { loadConfig } from '../src/server/config.js';
import { demoOperatorTotpSecret } from '../src/server/demo/demo-data.js';
import { deriveSecrets, loadMasterKey } from '../src/server/security/secrets.js';

const config = loadConfig();
if (!config.demoMode) {
  console.error('Demo mode is off here: real operators use their own authenticator app.');
  process.exit(1);
}
const secrets = deriveSecrets(loadMasterKey(config.dataDir, config.secretKey));
const totp = new TOTP({ secret: demoOperatorTotpSecret(secrets) });
const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${totp.generate()}  (valid for ${secondsLeft} more seconds, and once)`);
