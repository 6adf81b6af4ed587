// The keys that sign registration cards (DATA_DIR/card-keys.json).
//   npm run card-keys            lists them: id, created, signs until, published until
//   npm run card-keys -- rotate  starts a new key now; the old one stops signing but stays
//                                published, so the cards it signed still verify
// Running Konok processes pick the change up on their next card or key-set request.
import { loadConfig } from '../src/server/config.js';
import { cardKeyRing } from '../src/server/modules/cards/card-keys.js';

const config = loadConfig();
const ring = cardKeyRing(config.dataDir);
if (process.argv[2] === 'rotate') {
  const key = ring.rotate();
  console.log(`New card key ${key.kid}: signs from now until ${key.signUntil}.`);
} else if (process.argv[2]) {
  console.error('Usage: npm run card-keys [-- rotate]');
  process.exit(1);
}
const active = ring.active().kid;
for (const key of ring.published())
  console.log(
    `${String(key.kid).padStart(5)}  created ${key.createdAt}  signs until ${key.signUntil}  published until ${key.publishUntil}${key.kid === active ? '  (signing)' : ''}`,
  );
