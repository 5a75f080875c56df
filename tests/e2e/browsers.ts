// Which browsers the e2e suite runs in. Both must be installed (.ci/run installs them); a missing one fails
// the suite rather than passing it quietly, unless BACKSTORY_BROWSERS names a subset on purpose.
import { availableBrowsers } from '../harness/browsers.mjs';

const wanted = (process.env['BACKSTORY_BROWSERS'] ?? 'chromium,firefox').split(',').filter(Boolean) as ('chromium' | 'firefox')[];
const present = availableBrowsers();
const missing = wanted.filter((b) => !present.includes(b));
if (missing.length) throw new Error(`e2e: ${missing.join(', ')} not installed (apt-get install -y chromium firefox-esr)`);

export const BROWSERS = wanted;
