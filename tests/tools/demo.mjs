// `npm start`: Backstory on a demo news page. With a display it opens Chromium (or --browser firefox) with the
// extension for you to hover names; without one it runs headless, prints the mentions it found and saves a
// screenshot of a card (tests/artifacts/demo-card.png) with a JSON report beside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, browserDistDir, launchWithExtension } from '../harness/browsers.mjs';
import { startServer } from '../harness/server.mjs';
import { collectMentions, countByEntity, waitForMarksSettled } from '../harness/mentions.mjs';

const args = process.argv.slice(2);
const browserName = args.includes('--browser') ? args[args.indexOf('--browser') + 1] : 'chromium';
if (browserName !== 'chromium' && browserName !== 'firefox') {
  console.error('usage: npm start [-- --browser chromium|firefox] [--headless]');
  process.exit(2);
}
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = args.includes('--headless') || !hasDisplay;
const artifacts = path.join(REPO_ROOT, 'tests', 'artifacts');

const server = await startServer({ root: path.join(REPO_ROOT, 'tests', 'fixtures') });
const url = server.url('demo.html');
// Headless, the test build is used only so this script can open the card's shadow root for its screenshot.
const session = await launchWithExtension(browserName, browserDistDir(browserName, { variant: headless ? 'test' : 'prod' }), { headless });
try {
  const page = (await session.browser.pages())[0] ?? (await session.browser.newPage());
  await page.setViewport(headless ? { width: 1100, height: 760 } : null);
  await page.goto(url);
  await waitForMarksSettled(page);
  const mentions = await collectMentions(page);
  console.log(`Backstory demo in ${browserName}${headless ? ' (headless: no display)' : ''}: ${url}`);
  for (const m of mentions) console.log(`  ${m.entity.padEnd(12)} «${m.text}»  …${m.before} [[${m.text}]] ${m.after}…`);
  const counts = countByEntity(mentions);
  console.log(`  ${mentions.length} mentions: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);

  if (!headless) {
    console.log('Hover a highlighted name to see its card. Close the browser window to finish.');
    await new Promise((resolve) => session.browser.once('disconnected', resolve));
  } else {
    const selector = 'p mark[data-entity="pawn-storm"]';
    await page.$eval(selector, (m) => m.scrollIntoView({ block: 'center' }));
    await page.hover(selector);
    await page.waitForFunction(() => {
      const card = document.querySelector('backstory-card')?.shadowRoot?.querySelector('[role="dialog"]');
      return card && !card.hidden;
    }, { timeout: 5000 });
    const card = await page.evaluate(() => document.querySelector('backstory-card').shadowRoot.querySelector('[role="dialog"]').innerText);
    mkdirSync(artifacts, { recursive: true });
    const shot = path.join(artifacts, `demo-card-${browserName}.png`);
    await page.screenshot({ path: shot });
    writeFileSync(path.join(artifacts, `demo-report-${browserName}.json`), `${JSON.stringify({ url, browser: browserName, counts, mentions, card }, null, 2)}\n`);
    console.log(`\nThe card for the first Pawn Storm mention:\n${card.replace(/^/gmu, '  | ')}`);
    console.log(`\nScreenshot: ${path.relative(process.cwd(), shot)}; report: ${path.relative(process.cwd(), path.join(artifacts, `demo-report-${browserName}.json`))}`);
  }
} finally {
  await session.close();
  await server.close();
}
