// The sample chat page in a real browser: Debian's Chromium, headless, driven by playwright-core (never a
// downloaded browser). Run by ChatPageE2EIT.java against the sample app on Open Liberty; also runs against
// mock-server.mjs. Every wait is on what a user would see; nothing reloads a page after sign-in, so what
// appears comes through the WebSocket.
//
// Environment:
//   E2E_BASE_URL       the sample app, e.g. http://localhost:9080 (required)
//   E2E_CHROMIUM       the browser (default /usr/bin/chromium)
//   E2E_OUT_DIR        where the result, the screenshot and failure screenshots go (default ./out)
//   E2E_SCREENSHOT     the chat screenshot (default $E2E_OUT_DIR/chat.png)
//   E2E_PEER_ADDRESS   a libxmtp user's address: the page opens a DM with it, sends E2E_PEER_GREETING and
//                      waits for E2E_PEER_REPLY from it (the Java test makes the peer answer); no peer step
//                      when unset
//   E2E_PEER_GREETING  default "hello libxmtp"; E2E_PEER_REPLY default "hello from libxmtp"
//   E2E_WALLET         "false" skips the browser-wallet sign-in step
//   E2E_TIMEOUT_MS     how long one expected thing may take to appear (default 60000)
//   E2E_RUN_ID         makes user names unique (default: random)
// Prints progress; writes $E2E_OUT_DIR/e2e-result.json ({ok, steps, users, peer, screenshot, error}) and
// exits 0 only when every step passed.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const BASE_URL = required('E2E_BASE_URL').replace(/\/$/, '');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const OUT = resolve(process.env.E2E_OUT_DIR || 'out');
const SCREENSHOT = resolve(process.env.E2E_SCREENSHOT || join(OUT, 'chat.png'));
const PEER_ADDRESS = (process.env.E2E_PEER_ADDRESS || '').toLowerCase();
const PEER_GREETING = process.env.E2E_PEER_GREETING || 'hello libxmtp';
const PEER_REPLY = process.env.E2E_PEER_REPLY || 'hello from libxmtp';
const WALLET = process.env.E2E_WALLET !== 'false';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 60_000);
const RUN = process.env.E2E_RUN_ID || Math.random().toString(36).slice(2, 8);

/** The flags this machine needs: no sandbox as root, no GPU, and no calls to Google's services. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const result = { ok: false, runId: RUN, baseUrl: BASE_URL, steps: [], users: {}, peer: null, screenshot: null, error: null };
const pages = {};

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`chat-e2e: set ${name}`);
    process.exit(2);
  }
  return value;
}

function log(text) {
  console.log(`[e2e ${new Date().toISOString().slice(11, 23)}] ${text}`);
}

async function step(name, body) {
  const started = Date.now();
  log(`step ${name}`);
  await body();
  result.steps.push({ name, ms: Date.now() - started });
}

function expectTrue(condition, message) {
  if (!condition) throw new Error(message);
}

// ---- Page helpers ----------------------------------------------------------------------------------------

async function newUser(browser, name, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport || { width: 1100, height: 760 }, ...options.context });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('console', (m) => { if (m.type() === 'error') log(`${name} console: ${m.text()}`); });
  page.on('pageerror', (e) => log(`${name} page error: ${e.message}`));
  let loads = 0;
  page.on('load', () => { loads++; });
  pages[name] = page;
  return { name, page, context, loads: () => loads };
}

async function signInDemo(user, displayName) {
  const { page } = user;
  await page.goto(BASE_URL + '/');
  await page.getByTestId('signin-name').fill(displayName);
  await page.getByTestId('signin-demo').click();
  await waitForIdentity(user);
}

async function waitForIdentity(user) {
  const { page } = user;
  await page.getByTestId('chat-screen').waitFor();
  await page.waitForFunction(() => /^[0-9a-f]{64}$/.test(document.querySelector('[data-testid="me-inbox-id"]')?.textContent || ''),
    null, { timeout: TIMEOUT });
  user.address = (await page.getByTestId('me-address').textContent()).trim();
  user.inboxId = (await page.getByTestId('me-inbox-id').textContent()).trim();
  expectTrue(/^0x[0-9a-f]{40}$/.test(user.address), `${user.name}: shown address "${user.address}"`);
  // Set once; a reload would lose it.
  await page.evaluate(() => { window.__e2eSameDocument = true; });
  await waitLive(user);
  result.users[user.name] = { address: user.address, inboxId: user.inboxId };
  log(`${user.name}: ${user.address} inbox ${user.inboxId}`);
}

async function waitLive(user) {
  await user.page.locator('[data-testid="connection-status"][data-state="live"]').waitFor();
}

function conversationItem(page, id) {
  return page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`);
}

/** The message whose own text (not a quote of it) contains text. */
function message(page, text) {
  return page.getByTestId('message-list').getByTestId('message')
    .filter({ has: page.getByTestId('message-text').filter({ hasText: text }) });
}

async function openConversationId(page) {
  await page.waitForFunction(() => /^#\/c\/[0-9a-f]+$/.test(location.hash), null, { timeout: TIMEOUT });
  return page.evaluate(() => location.hash.slice('#/c/'.length));
}

async function send(page, text) {
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('composer-input').press('Enter');
  // The server's answer replaces the local bubble: published, or accepted and still on its way.
  const sent = message(page, text).last();
  await sent.locator('[data-testid="message-status"]:is([data-status="published"], [data-status="unpublished"])').waitFor();
  return sent;
}

async function startDm(page, peer) {
  await page.getByTestId('new-dm').click();
  await page.getByTestId('dm-peer').fill(peer);
  await page.getByTestId('dm-submit').click();
  await page.getByTestId('dm-dialog').waitFor({ state: 'hidden' });
  return openConversationId(page);
}

async function sameDocument(user) {
  const same = await user.page.evaluate(() => window.__e2eSameDocument === true);
  expectTrue(same && user.loads() === 1, `${user.name}: the page was reloaded (loads: ${user.loads()})`);
}

// ---- The test --------------------------------------------------------------------------------------------

async function run(browser) {
  const alice = await newUser(browser, 'alice', { viewport: { width: 1200, height: 780 } });
  const bob = await newUser(browser, 'bob');
  const carol = await newUser(browser, 'carol');
  const users = [alice, bob, carol];

  await step('sign in two demo users', async () => {
    await signInDemo(alice, `alice-${RUN}`);
    await signInDemo(bob, `bob-${RUN}`);
    expectTrue(alice.inboxId !== bob.inboxId, 'alice and bob have the same inbox');
  });

  await step('an unknown address is refused with a clear error', async () => {
    // An address that never registered with XMTP (a well-known burn address).
    const nobody = '0x000000000000000000000000000000000000dead';
    const { page } = alice;
    await page.getByTestId('new-dm').click();
    await page.getByTestId('dm-peer').fill(nobody);
    await page.getByTestId('dm-submit').click();
    const error = page.getByTestId('dm-error');
    await error.waitFor();
    const code = await error.getAttribute('data-code');
    const text = (await error.textContent()).trim();
    expectTrue(code === 'PEER_NOT_REACHABLE', `error code ${code}: ${text}`);
    expectTrue(text.length > 10, `error text "${text}"`);
    await page.getByTestId('dm-cancel').click();
    await page.getByTestId('dm-dialog').waitFor({ state: 'hidden' });
  });

  let dm;
  const hi = 'Hi Bob 👋 Are we still on for the weekend?';
  const howAreYou = 'I found a cabin by the lake.';
  const hey = 'Yes! Count me in 🎉';
  await step('alice starts a DM by address; it appears live at bob with an unread badge', async () => {
    dm = await startDm(alice.page, bob.address);
    await alice.page.getByTestId('conversation-title').waitFor();
    await send(alice.page, hi);
    const item = conversationItem(bob.page, dm);
    await item.waitFor();
    await item.getByTestId('conversation-preview').filter({ hasText: hi }).waitFor();
    await item.getByTestId('unread-badge').waitFor();
    const badge = Number((await item.getByTestId('unread-badge').textContent()).trim());
    expectTrue(badge >= 1, `unread badge ${badge}`);
  });

  await step('bob opens the DM: the message is there and the badge is gone', async () => {
    await conversationItem(bob.page, dm).getByRole('button').click();
    await message(bob.page, hi).waitFor();
    await conversationItem(bob.page, dm).getByTestId('unread-badge').waitFor({ state: 'detached' });
    const sender = await message(bob.page, hi).getByTestId('message-sender').getAttribute('title');
    expectTrue(sender === alice.inboxId, `sender of "${hi}" at bob: ${sender}`);
  });

  await step('messages appear live on both sides', async () => {
    await send(alice.page, howAreYou);
    await message(bob.page, howAreYou).waitFor();
    await send(bob.page, 'Sounds perfect. Send me the link?');
    await message(alice.page, 'Sounds perfect. Send me the link?').waitFor();
  });

  await step('bob replies to a message; alice sees it quoted', async () => {
    const target = message(bob.page, hi);
    await target.hover();
    await target.getByTestId('reply-button').click();
    await bob.page.getByTestId('reply-preview').waitFor();
    await send(bob.page, hey);
    const atAlice = message(alice.page, hey);
    await atAlice.waitFor();
    await atAlice.getByTestId('message-quote').filter({ hasText: hi }).waitFor();
  });

  await step('bob reacts; alice sees the emoji chip', async () => {
    const target = message(bob.page, hi);
    await target.hover();
    await target.getByTestId('react-button').click();
    await bob.page.locator('[data-testid="react-emoji"][data-emoji="👍"]').click();
    await target.locator('[data-testid="reaction-chip"][data-emoji="👍"][aria-pressed="true"]').waitFor();
    const chip = message(alice.page, hi).locator('[data-testid="reaction-chip"][data-emoji="👍"]');
    await chip.waitFor();
    expectTrue((await chip.getAttribute('data-count')) === '1', 'one 👍 at alice');
    // alice adds hers: two
    await chip.click();
    await message(bob.page, hi).locator('[data-testid="reaction-chip"][data-emoji="👍"][data-count="2"]').waitFor();
  });

  let group;
  const groupName = 'Weekend trip';
  await step('alice creates a group with bob and a third user; both see it live', async () => {
    await signInDemo(carol, `carol-${RUN}`);
    const { page } = alice;
    await page.getByTestId('new-group').click();
    await page.getByTestId('group-name').fill(groupName);
    // one member by address, one by inbox id
    await page.getByTestId('group-members').fill(`${bob.address}\n${carol.inboxId}`);
    await page.getByTestId('group-submit').click();
    await page.getByTestId('group-dialog').waitFor({ state: 'hidden' });
    group = await openConversationId(page);
    await page.getByTestId('conversation-title').filter({ hasText: groupName }).waitFor();
    await send(page, 'Who is in for Saturday?');
    for (const user of [bob, carol]) {
      const item = conversationItem(user.page, group);
      await item.getByTestId('conversation-name').filter({ hasText: groupName }).waitFor();
      await item.getByTestId('conversation-preview').filter({ hasText: 'Saturday' }).waitFor();
    }
  });

  await step('the third user writes in the group; the others see it live', async () => {
    await conversationItem(carol.page, group).getByRole('button').click();
    await message(carol.page, 'Saturday').waitFor();
    await send(carol.page, 'Me! I will bring the board games.');
    await message(alice.page, 'board games').waitFor();
    const sender = await message(alice.page, 'board games').getByTestId('message-sender').getAttribute('title');
    expectTrue(sender === carol.inboxId, `sender of carol's message: ${sender}`);
    // carol was added by inbox id, yet the page names her by her address, learned from the members list
    const shown = await message(alice.page, 'board games').getByTestId('message-sender').textContent();
    expectTrue(shown.includes(carol.address.slice(0, 6)) && shown.includes(carol.address.slice(-4)),
      `carol is shown by her address: "${shown}"`);
    await conversationItem(bob.page, group).getByTestId('conversation-preview').filter({ hasText: 'board games' }).waitFor();
    await conversationItem(bob.page, group).getByRole('button').click();
    await message(bob.page, 'board games').waitFor();
    const members = await alice.page.getByTestId('conversation-subtitle').textContent();
    expectTrue(members.includes('3 members'), `group subtitle "${members}"`);
  });

  await step('a rename reaches the open group of another user at once (header and list)', async () => {
    const renamed = 'Weekend trip (Sat)';
    const status = await alice.page.evaluate(async ({ id, name }) => {
      const response = await fetch(`/api/v1/conversations/${id}`, {
        method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name }),
      });
      return response.status;
    }, { id: group, name: renamed });
    expectTrue(status === 200, `rename answered ${status}`);
    await bob.page.getByTestId('conversation-title').filter({ hasText: renamed }).waitFor();
    await conversationItem(bob.page, group).getByTestId('conversation-name').filter({ hasText: renamed }).waitFor();
  });

  if (PEER_ADDRESS) {
    await step('a libxmtp user answers in the page', async () => {
      const peerDm = await startDm(alice.page, PEER_ADDRESS);
      await send(alice.page, PEER_GREETING);
      const reply = message(alice.page, PEER_REPLY);
      await reply.waitFor({ timeout: TIMEOUT * 2 });
      const sender = await reply.getByTestId('message-sender').getAttribute('title');
      expectTrue(sender && sender !== alice.inboxId, `sender of the peer's message: ${sender}`);
      result.peer = { conversationId: peerDm, inboxId: sender };
    });
  }

  await step('no page was reloaded', async () => {
    for (const user of users) await sameDocument(user);
  });

  await step('screenshot of the chat', async () => {
    const { page } = alice;
    await conversationItem(page, dm).getByRole('button').click();
    await message(page, hey).waitFor();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    result.screenshot = SCREENSHOT;
  });

  await step('a second tab of the same browser is signed in with the same demo name (GET /session)', async () => {
    const page = await carol.context.newPage();
    await page.goto(BASE_URL + '/');
    await page.getByTestId('chat-screen').waitFor();
    await conversationItem(page, group).waitFor();
    const name = (await page.getByTestId('me-name').textContent()).trim();
    expectTrue(name === `carol-${RUN}`, `carol's name in a second tab: "${name}"`);
    await page.close();
  });

  if (WALLET) {
    await step('sign in with a browser wallet (EIP-1193, personal_sign of the challenge)', async () => {
      const { generatePrivateKey, privateKeyToAccount } = await import('viem/accounts');
      const account = privateKeyToAccount(generatePrivateKey());
      const dave = await newUser(browser, 'dave');
      await dave.context.exposeFunction('__e2eWallet', async (method, params) => {
        if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [account.address];
        if (method === 'personal_sign') {
          const [data, address] = params;
          expectTrue(address.toLowerCase() === account.address.toLowerCase(), `personal_sign for ${address}`);
          return account.signMessage({ message: { raw: data } });
        }
        throw new Error(`wallet stub: ${method} is not supported`);
      });
      await dave.context.addInitScript(() => {
        window.ethereum = { isE2eStub: true, request: ({ method, params }) => window.__e2eWallet(method, params || []) };
      });
      await dave.page.goto(BASE_URL + '/');
      await dave.page.getByTestId('signin-wallet').click();
      await waitForIdentity(dave);
      expectTrue(dave.address === account.address.toLowerCase(), `wallet user shows ${dave.address}, wallet is ${account.address}`);
      users.push(dave);
    });
  }
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  for (const file of readdirSync(OUT)) {
    if (file.startsWith('e2e-failure-')) rmSync(join(OUT, file));
  }
  const profile = mkdtempSync(join(tmpdir(), 'socon-e2e-chromium-'));
  let browser;
  try {
    // launch() starts Chromium with a new empty profile of its own; the temporary directory also holds
    // its downloads and crash reports, removed at the end.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      chromiumSandbox: false,
      args: CHROMIUM_ARGS,
      downloadsPath: profile,
      env: { ...process.env, HOME: profile },
      timeout: TIMEOUT,
    });
    log(`Chromium ${browser.version()} at ${CHROMIUM}; ${BASE_URL}; run ${RUN}`);
    await run(browser);
    result.ok = true;
  } catch (error) {
    result.error = `${result.steps.length} steps passed; then: ${error && error.stack || error}`
      .replace(/\u001b\[[0-9;]*m/g, '');
    console.error(`chat-e2e FAILED: ${result.error}`);
    for (const [name, page] of Object.entries(pages)) {
      try {
        const file = join(OUT, `e2e-failure-${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.error(`  ${name}'s page: ${file}`);
      } catch {
        // the page is gone
      }
    }
  } finally {
    writeFileSync(join(OUT, 'e2e-result.json'), JSON.stringify(result, null, 2));
    if (browser) await browser.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
  log(result.ok ? `passed: ${result.steps.length} steps` : 'failed');
  process.exit(result.ok ? 0 : 1);
}

main();
