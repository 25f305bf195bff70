// End-to-end: the real app binary under Xvfb, driven through tauri-driver + WebKitWebDriver.
// A new user pastes a story, confirms the form, reaches the recommendation, saves the case, logs a
// contact, restarts the app and finds the case with its new recommendation; later runs cover evidence,
// tracking, self-help ("这样解决了" without contacting anyone) and 长辈模式 with read-aloud. Each step leaves a
// screenshot in $E2E_OUT. Run through tests/e2e/run.sh, which starts Xvfb, D-Bus and the driver.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WebDriver } from './webdriver.mjs';

const app = process.env.E2E_APP;
const out = process.env.E2E_OUT || 'target/e2e';
assert.ok(app, 'E2E_APP must name the app binary');
mkdirSync(out, { recursive: true });

const STORY =
  '我在平台上买了100元的王者荣耀点券,订单号20240520001,昨天晚上8点付的款,到现在还没到账。' +
  '已经刷新过页面,也重新登录过游戏,还是没有。希望尽快补发或者退款。';

const PLATFORM = '星辰卡盟';
const PHONE = '400-800-1234';

const wd = new WebDriver();
let step = 0;
async function shot(name) {
  step += 1;
  const file = join(out, `${String(step).padStart(2, '0')}-${name}.png`);
  // WebKitWebDriver 2.50's screenshot command never answers under Xvfb, so the picture is taken from the
  // X server instead (ImageMagick's `import`), cropped to the window, which sits at the top left.
  // Desktop popups (dunst, activated on this session bus by the tracker's notifications) are the OS's,
  // not the app's, and may be in the language of an earlier step: close them so the picture shows the
  // window alone. The in-app list keeps every notification.
  try {
    execFileSync('dunstctl', ['close-all'], { stdio: 'ignore' });
  } catch {
    // No notification daemon on this bus: nothing to close.
  }
  await wd.settle();
  const [w, h] = await wd.execute('return [innerWidth, innerHeight]');
  execFileSync('import', ['-window', 'root', '-crop', `${w}x${h}+0+0`, '+repage', file]);
  console.log(`  screenshot ${file}`);
}

const primaryLabel = async () => (await wd.text(await wd.waitFor('[data-testid="rec-primary"]'))).trim();

/** `HH:00-HH:01` twelve hours from now in Beijing time: a phone line that is closed now. */
function closedWindow() {
  const beijing = (new Date().getUTCHours() + 8) % 24;
  const h = String((beijing + 12) % 24).padStart(2, '0');
  return `${h}:00-${h}:01`;
}

async function firstRun() {
  console.log('  starting the app');
  await wd.start(app);
  await wd.waitFor('[data-screen="cases"]');
  await shot('home-empty');

  // The platform directory: the user adds the platform they bought from, with its phone line.
  await wd.click('[data-testid="nav-platforms"]');
  await wd.waitFor('[data-screen="platforms"]');
  await wd.click('[data-testid="platform-add"]');
  await wd.fill('#pf-name', PLATFORM);
  await wd.fill('#pf-phone_number', PHONE);
  // A line that is closed whenever the test runs (a one-minute window twelve hours away), so the
  // case below meets "now versus later" as at night: the phone is best, the ticket is for now.
  await wd.fill('#pf-phone_hours', closedWindow());
  await wd.click('[data-testid="platform-save"]');
  await wd.waitFor('[data-testid="platform-item"]', { text: (t) => t.includes(PLATFORM) });
  await shot('platforms');

  // 1. platform: the one just added.
  await wd.click('[data-testid="nav-new"]');
  await wd.waitFor('[data-screen="wizard-1"]');
  await wd.click('[data-testid="platform-pick"]');
  await wd.click('[data-testid="wizard-next"]');

  // 2. the story, read by the app.
  await wd.waitFor('[data-screen="wizard-2"]');
  await wd.fill('[data-testid="story-input"]', STORY);
  await wd.click('[data-testid="story-parse"]');
  const detected = await wd.waitFor('[data-testid="detected-type"]', { text: (t) => t.includes('未到账') });
  assert.match(await wd.text(detected), /商品未到账/);
  await shot('story-read');
  const confirm = await wd.findAll('[data-testid="confirm-type"]');
  if (confirm.length) await wd.click('[data-testid="confirm-type"]');

  // 3. the form, pre-filled, with the description written live.
  if (!(await wd.findAll('[data-screen="wizard-3"]')).length) await wd.click('[data-testid="wizard-next"]');
  await wd.waitFor('[data-screen="wizard-3"]');
  assert.equal(await wd.value('[data-testid="form-order_id"]'), '20240520001');
  assert.equal(await wd.value('[data-testid="form-amount"]'), '100');
  await wd.fill('[data-testid="form-error_message"]', '充值记录显示“处理中”');
  await wd.waitFor('[data-testid="live-description"]', { text: (t) => t.includes('20240520001') && t.includes('处理中') });
  await shot('form');

  // 4. the recommendation.
  await wd.click('[data-testid="wizard-next"]');
  await wd.waitFor('[data-screen="wizard-4"]');
  const first = await primaryLabel();
  assert.match(first, /在线客服/, 'a standard problem starts with online chat');
  await wd.waitFor('[data-testid="rec-reasons"]', { text: (t) => t.length > 10 });
  await shot('recommendation');

  // Save the case and log "I contacted them": chat did not solve it.
  await wd.click('[data-testid="case-save"]');
  await wd.waitFor('[data-screen="case"]');
  await wd.click('[data-testid="contact-open"]');
  await wd.fill('[data-testid="contact-channel"]', 'online_chat');
  await wd.fill('[data-testid="contact-outcome"]', 'unresolved');
  await wd.fill('[data-testid="contact-reference"]', '客服工号 A102');
  await wd.click('[data-testid="contact-save"]');
  await wd.waitFor('[data-testid="timeline"]', { text: (t) => t.includes('A102') });
  const next = await primaryLabel();
  assert.doesNotMatch(next, /在线客服/, 'after chat failed, the next channel is recommended');
  assert.match(next, /电话客服/, 'the phone line is still the best channel');
  await wd.waitFor('[data-testid="rec-do-now"]', { text: (t) => t.includes('工单系统') });
  const why = await wd.text(await wd.find('[data-testid="rec-reasons"]'));
  assert.match(why, /开通；现在先用工单系统/, 'the first reason says when the line opens and what to do now');
  const page = await wd.text(await wd.find('[data-screen="case"]'));
  assert.ok(page.includes(PLATFORM), 'the case names its platform');
  assert.ok(page.includes(PHONE), "the phone action shows the platform's own number");
  await shot('after-contact');
  await wd.quit();
  return next;
}

async function secondRun(expected) {
  // The same data folder: the case, its contact and its recommendation are still there.
  await wd.start(app);
  await wd.waitFor('[data-screen="cases"]');
  const item = await wd.waitFor('[data-testid="case-item"]');
  assert.match(await wd.text(item), /王者荣耀|点券|20240520001/);
  await shot('home-after-restart');
  await wd.click('[data-testid="case-item"]');
  await wd.waitFor('[data-screen="case"]');
  assert.equal(await primaryLabel(), expected);
  await wd.waitFor('[data-testid="timeline"]', { text: (t) => t.includes('A102') });
  await shot('case-after-restart');

  // Large text and English, as an older or non-Chinese user would set them.
  await wd.click('[data-testid="nav-settings"]');
  await wd.waitFor('[data-screen="settings"]');
  const before = await wd.execute('return parseFloat(getComputedStyle(document.documentElement).fontSize)');
  await wd.click('[data-testid="settings-large-text"]');
  await new Promise((r) => setTimeout(r, 500));
  const after = await wd.execute('return parseFloat(getComputedStyle(document.documentElement).fontSize)');
  assert.ok(after >= before * 1.3, `large text grows the font (${before} -> ${after})`);
  const lh = await wd.execute('const s = getComputedStyle(document.body); return parseFloat(s.lineHeight) / parseFloat(s.fontSize)');
  assert.ok(lh >= 1.3, `line spacing ${lh} is at least 1.3`);
  await shot('large-text');
  await wd.fill('[data-testid="settings-lang"]', 'en');
  // Alt+1, not a click: in large English text the six-entry menu wraps while the language changes,
  // and a click can land on whatever moved under it (seen under load).
  await wd.waitFor('[data-testid="nav-cases"]', { text: (t) => t.includes('My cases') });
  await wd.alt('1');
  await wd.waitFor('[data-screen="cases"]', { text: (t) => /[A-Za-z]{4,}/.test(t) });
  await shot('english');
  await wd.quit();
}

// The evidence vault with a real Secret Service (gnome-keyring, started by run.sh in this D-Bus
// session). The CLI opens a case and adds two pictures and a text file into the same data folder — the
// native file dialog cannot be driven through WebDriver — then the app shows them: thumbnails, kinds,
// the checklist, verify and export.
function cli(...args) {
  const bin = process.env.E2E_CLI;
  return execFileSync(bin, [...args, '--data-dir', process.env.REACHRIGHT_DATA_DIR], { encoding: 'utf8' }).trim();
}

function evidenceFiles() {
  const dir = join(out, 'evidence-in');
  mkdirSync(dir, { recursive: true });
  const pay = join(dir, '微信支付-付款成功.png');
  const err = join(dir, '充值失败提示.jpg');
  const note = join(dir, '客服聊天记录.txt');
  execFileSync('convert', ['-size', '540x960', 'gradient:#07c160-#ffffff', '-fill', '#ffffff', '-draw', 'roundrectangle 40,300 500,620 24,24', '-fill', '#07c160', '-draw', 'circle 270,420 270,470', pay]);
  execFileSync('convert', ['-size', '800x500', 'xc:#f4f4f4', '-fill', '#d93025', '-draw', 'rectangle 0,0 800,80', '-fill', '#ffffff', '-draw', 'roundrectangle 150,160 650,400 16,16', '-quality', '85', err]);
  execFileSync('bash', ['-c', `printf '客服:请耐心等待\n我:已经等了一天了\n' > "${note}"`]);
  return { pay, err, note };
}

async function evidenceRun() {
  const story = '订单号20240611008,6月11日晚上9点充值了200元Q币,支付成功但是一直显示充值失败,钱已经扣了,希望退款';
  const caseId = cli('case', 'new', '--description', story).split('\n').pop().trim();
  assert.match(caseId, /^\w+$/, `case id: ${caseId}`);
  const f = evidenceFiles();
  cli('evidence', 'add', caseId, f.pay, '--kind', 'transfer', '--caption', '微信支付 200 元');
  cli('evidence', 'add', caseId, f.err, '--kind', 'error', '--caption', '充值失败的提示');
  cli('evidence', 'add', caseId, f.note, '--kind', 'chat');

  await wd.start(app);
  await wd.waitFor('[data-screen="cases"]');
  // The previous run left English and large text on: back to the defaults for the pictures.
  await wd.click('[data-testid="nav-settings"]');
  await wd.waitFor('[data-screen="settings"]');
  if (await wd.execute('return document.querySelector(\'[data-testid="settings-large-text"]\').checked')) {
    await wd.click('[data-testid="settings-large-text"]');
  }
  // 繁體中文, as a user in Hong Kong or Taiwan would choose it: the menu and the list in Traditional.
  await wd.fill('[data-testid="settings-lang"]', 'zh-Hant');
  // Alt+1, not a click: the menu reflows while the language and text size change back (six entries
  // wrap in large English text), and a click aimed at the old place can land on the next entry.
  await wd.waitFor('[data-testid="nav-settings"]', { text: (t) => t.includes('設定') });
  await wd.alt('1');
  await wd.waitFor('[data-screen="cases"]', { text: (t) => t.includes('Q币') || t.includes('20240611008') });
  await shot('traditional');
  await wd.click('[data-testid="nav-settings"]');
  await wd.waitFor('[data-screen="settings"]');
  await wd.fill('[data-testid="settings-lang"]', 'zh-CN');
  await wd.alt('1');
  await wd.waitFor('[data-screen="cases"]', { text: (t) => t.includes('我的案件') });
  // The list loads after the screen: wait for the case itself, not just the heading.
  await wd.waitFor('[data-screen="cases"]', { text: (t) => t.includes('Q币') || t.includes('20240611008') });
  const opened = await wd.execute(
    `const item = [...document.querySelectorAll('[data-testid="case-item"]')].find((e) => e.textContent.includes('Q币') || e.textContent.includes('20240611008'));
     if (!item) return false;
     (item.querySelector('a,button') || item).click();
     return true;`,
  );
  assert.ok(opened, 'the CLI case is on the list');
  await wd.waitFor('[data-screen="case"]');
  await wd.waitFor('[data-testid="evidence-gallery"]');
  const thumbs = await wd.execute(
    `return [...document.querySelectorAll('[data-testid="evidence-thumb"]')].map((i) => [i.complete && i.naturalWidth > 0, i.src.slice(0, 23)]);`,
  );
  assert.equal(thumbs.length, 2, 'two pictures have thumbnails');
  for (const [loaded, src] of thumbs) {
    assert.ok(loaded, 'the thumbnail is drawn');
    assert.equal(src, 'data:image/jpeg;base64,');
  }
  const gallery = await wd.text(await wd.find('[data-testid="evidence-gallery"]'));
  for (const s of ['转账记录', '错误提示', '聊天截图', '微信支付 200 元', '客服聊天记录.txt']) assert.ok(gallery.includes(s), `gallery shows ${s}`);
  const checklist = await wd.text(await wd.find('[data-testid="evidence-checklist"]'));
  assert.match(checklist, /需要准备的材料/);
  const ticks = await wd.execute(
    `return [...document.querySelectorAll('[data-testid="check-item"]')].filter((e) => e.dataset.covered === 'true').length`,
  );
  assert.ok(ticks >= 2, `the payment record and the error screen tick the checklist (${ticks})`);
  await wd.execute(`document.querySelector('[data-testid="evidence"]').scrollIntoView({ block: 'start' }); scrollBy(0, -80);`);
  await shot('evidence-gallery');

  // The full-size picture, decrypted and shown from a blob URL.
  await wd.click('[data-testid="evidence-open"]');
  await wd.waitFor('[data-testid="viewer-img"]');
  const full = await wd.execute(
    `const i = document.querySelector('[data-testid="viewer-img"]');
     return new Promise((ok) => { const done = () => ok([i.src.slice(0, 5), i.naturalWidth, i.naturalHeight]); i.complete ? done() : (i.onload = done, i.onerror = done); });`,
  );
  assert.equal(full[0], 'blob:');
  assert.ok(full[1] >= 540, `full size (${full[1]}x${full[2]})`);
  await shot('evidence-full-size');
  await wd.click('[data-testid="viewer-close"]');

  await wd.click('[data-testid="evidence-verify"]');
  await wd.waitFor('[data-testid="verify-report"]', { text: (t) => t.includes('全部 3 份证据完好') });
  await wd.click('[data-testid="evidence-export"]');
  const result = await wd.text(await wd.waitFor('[data-testid="export-result"]', { text: (t) => t.includes('.zip') }));
  const zip = /证据包已保存到：(\S+\.zip)/.exec(result)?.[1];
  assert.ok(zip && existsSync(zip), `the zip exists (${zip})`);
  assert.ok(statSync(zip).size > 1000);
  const listing = execFileSync('unzip', ['-l', zip], { encoding: 'utf8' });
  for (const s of ['manifest.json', 'report.html']) assert.ok(listing.includes(s), `zip holds ${s}`);
  const manifest = JSON.parse(execFileSync('unzip', ['-p', zip, 'manifest.json'], { encoding: 'utf8' }));
  assert.equal(manifest.files.length, 3, 'the manifest lists the three files');
  // What happened to location data is said from the manifest; "shown in its folder" only when the file
  // manager really showed it (this private session has none): otherwise the path with a copy button.
  const location = await wd.text(await wd.find('[data-testid="export-location"]'));
  assert.ok(location.length > 4, `the export says what happened to location data (${location})`);
  assert.equal((await wd.findAll('[data-testid="export-location-unprocessed"]')).length, 0, 'PNG and JPEG are processed');
  const revealed = (await wd.findAll('[data-testid="export-revealed"]')).length > 0;
  if (!revealed) {
    assert.doesNotMatch(result, /已在文件夹中显示/);
    await wd.waitFor('[data-testid="export-copy-path"]');
  }
  await wd.execute(`document.querySelector('[data-testid="export-result"]').scrollIntoView({ block: 'end' })`);
  await shot('evidence-exported');
  // The vault key lives in the keychain only: nothing in the data folder holds it.
  const cfg = readFileSync(join(process.env.REACHRIGHT_DATA_DIR, 'vault', 'vault.json'), 'utf8');
  assert.match(cfg, /"key": "keychain"/);
  await wd.quit();
}

// Tracking against the real app: on the case page's 跟进 section, a callback promised "within 10
// minutes" with a live countdown, a ticket number recorded by hand; on the home screen, order watches
// (one already late, one counting down); the 通知 screen reached with Alt+5.
const pad2 = (n) => String(n).padStart(2, '0');
const localInput = (d) => `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}T${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function addWatch(order, product, paidAt, within) {
  await wd.click('[data-testid="ow-add"]');
  await wd.waitFor('[data-testid="ow-form"]');
  await wd.fill('[data-testid="ow-order"]', order);
  await wd.fill('[data-testid="ow-product"]', product);
  await wd.fill('[data-testid="ow-paid"]', localInput(paidAt));
  await wd.fill('[data-testid="ow-within"]', String(within));
  await wd.click('[data-testid="ow-save"]');
  await wd.waitFor('[data-testid="order-watches"]', { text: (t) => t.includes(order) });
  return wd.execute(
    `return [...document.querySelectorAll('[data-testid="ow-item"]')].filter((e) => e.textContent.includes(arguments[0])).map((e) => [e.dataset.phase, e.textContent])[0]`,
    order,
  );
}

async function trackingRun() {
  const TICKET = 'GD-20240612-0077';
  await wd.start(app);
  await wd.waitFor('[data-screen="cases"]');
  await wd.waitFor('[data-screen="cases"]', { text: (t) => t.includes('Q币') || t.includes('20240611008') });
  const opened = await wd.execute(
    `const item = [...document.querySelectorAll('[data-testid="case-item"]')].find((e) => e.textContent.includes('Q币') || e.textContent.includes('20240611008'));
     if (!item) return false;
     (item.querySelector('a,button') || item).click();
     return true;`,
  );
  assert.ok(opened, 'the evidence case is on the list');
  await wd.waitFor('[data-screen="case"]');
  const section = await wd.waitFor('[data-testid="follow-up"]', { text: (t) => t.includes('跟进') });
  await wd.execute(`document.querySelector('[data-testid="follow-up"]').scrollIntoView({ block: 'start' })`);
  assert.match(await wd.text(section), /跟进/);

  // The platform promised a call back within 10 minutes: a countdown that ticks each second.
  await wd.click('[data-testid="fu-callback"]');
  await wd.waitFor('[data-testid="fu-callback-form"]');
  await wd.click('[data-testid="fu-promise-10m"]');
  await wd.click('[data-testid="fu-callback-save"]');
  const clock = await wd.waitFor('[data-testid="fu-cb-countdown"]', { text: (t) => /\d/.test(t) });
  const before = (await wd.text(clock)).trim();
  await sleep(2200);
  const after = (await wd.text(await wd.find('[data-testid="fu-cb-countdown"]'))).trim();
  assert.notEqual(after, before, `the countdown moves (${before} -> ${after})`);
  assert.match(before, /9|10/, `about ten minutes are left (${before})`);
  assert.equal(await wd.execute(`return document.querySelector('[data-testid="fu-cb"]').dataset.phase`), 'waiting');

  // A ticket submitted on the platform's own site: its number recorded by hand and listed.
  await wd.click('[data-testid="fu-manual"]');
  await wd.waitFor('[data-testid="fu-manual-form"]');
  await wd.fill('[data-testid="fu-number"]', TICKET);
  await wd.click('[data-testid="fu-manual-save"]');
  await wd.waitFor('[data-testid="fu-tickets"]', { text: (t) => t.includes(TICKET) });
  await wd.execute(`document.querySelector('[data-testid="follow-up"]').scrollIntoView({ block: 'start' }); scrollBy(0, -20);`);
  await shot('follow-up');

  // Home: order watches — one paid two hours ago with delivery promised within 30 minutes (late), one
  // paid just now (counting down).
  await wd.alt('1');
  await wd.waitFor('[data-screen="cases"]');
  await wd.waitFor('[data-testid="order-watches"]');
  const [latePhase, lateText] = await addWatch('20240612009', '腾讯视频会员月卡', new Date(Date.now() - 2 * 3600_000), 30);
  assert.equal(latePhase, 'late');
  assert.match(lateText, /超时未到账/);
  const [waitPhase, waitText] = await addWatch('20240612010', '王者荣耀 60 点券', new Date(), 30);
  assert.equal(waitPhase, 'waiting');
  assert.match(waitText, /等待到账/);

  // Alt+5: the notifications screen, where the tracker has put the late order (the desktop
  // notification may vanish; this list keeps it).
  await wd.alt('5');
  await wd.waitFor('[data-screen="notifications"]');
  await wd.waitFor('[data-testid="ntf-item"]', { text: (t) => t.includes('20240612009'), timeout: 30000 });
  await shot('notifications');

  await wd.alt('1');
  await wd.waitFor('[data-screen="cases"]');
  await wd.waitFor('[data-testid="order-watches"]', { text: (t) => t.includes('20240612010') && t.includes('20240612009') });
  await wd.execute(`document.querySelector('[data-testid="order-watches"]').scrollIntoView({ block: 'start' }); scrollBy(0, -20);`);
  await shot('order-watch');
  await wd.quit();
}

// Self-help before contact: the 帮助 screen finds the entry for a card key shown as used, and in the
// wizard the detected type's "先试试这几步" closes the case with "这样解决了" — nobody contacted,
// counted on the 帮助 screen. Runs last, on a fresh case, so the earlier runs see the data they expect.
async function selfHelpRun() {
  await wd.start(app);
  await wd.waitFor('[data-screen="cases"]');
  await wd.click('[data-testid="nav-help"]');
  await wd.waitFor('[data-testid="help-resolved-count"]', { text: (t) => t.includes('已靠自助解决 0 次') });
  await wd.fill('[data-testid="help-search"]', '卡密显示已使用');
  await wd.waitFor('[data-testid="help-entry"]', { text: (t) => t.includes('卡密被盗用') });
  const ranked = await wd.execute(`return [...document.querySelectorAll('[data-testid="help-entry"]')].map((e) => e.dataset.type)`);
  assert.equal(ranked[0], 'card_key_stolen', `best first: ${ranked.join(', ')}`);
  assert.ok(ranked.length < 13, 'unrelated entries are left out');
  await shot('help-search');

  await wd.click('[data-testid="nav-new"]');
  await wd.waitFor('[data-screen="wizard-1"]');
  await wd.click('[data-testid="wizard-next"]');
  await wd.waitFor('[data-screen="wizard-2"]');
  await wd.fill('[data-testid="story-input"]', '昨天买的腾讯视频会员卡密，兑换时显示卡密已使用，可我从来没用过，订单号20240613005');
  await wd.click('[data-testid="story-parse"]');
  const panel = await wd.waitFor('[data-testid="selfhelp-panel"]', { text: (t) => t.includes('先试试这几步') });
  assert.match(await wd.text(panel), /已使用/, 'the steps of the detected type');
  await wd.execute(`document.querySelector('[data-testid="selfhelp-panel"]').scrollIntoView({ block: 'start' }); scrollBy(0, -20);`);
  await shot('selfhelp-wizard');
  await wd.click('[data-testid="selfhelp-resolved"]');
  await wd.waitFor('[data-screen="case"]');
  assert.equal(await wd.value('#case-status'), 'resolved');
  await wd.waitFor('[data-testid="timeline"]', { text: (t) => t.includes('没有联系客服') });
  await wd.waitFor('[data-testid="selfhelp-done"]');
  await wd.click('[data-testid="nav-help"]');
  await wd.waitFor('[data-testid="help-resolved-count"]', { text: (t) => t.includes('已靠自助解决 1 次') });
  await wd.quit();
}

// 长辈模式: switched on in 设置, then the app restarted in the mode — one tap on 没到账 gives the answer
// with the platform's number (from the first run) and the light of its closed line; 朗读 reads it.
async function simpleRun() {
  await wd.start(app);
  await wd.waitFor('[data-screen="cases"]');
  // The first start's question is still open on the home screen (no run answered it).
  await wd.waitFor('[data-testid="elder-offer"]', { text: (t) => t.includes('字大一点、步骤少一点？') });
  await wd.click('[data-testid="nav-settings"]');
  await wd.waitFor('[data-screen="settings"]');
  await wd.click('[data-testid="settings-simple"]');
  await wd.waitFor('[data-screen="elder"]');
  await wd.quit();

  await wd.start(app);
  await wd.waitFor('[data-screen="elder"]');
  await wd.waitFor('[data-testid="elder-tile-not_arrived"]', { text: (t) => t.includes('没到账') });
  await shot('simple-mode');
  let taps = 0;
  await wd.click('[data-testid="elder-tile-not_arrived"]');
  taps += 1;
  await wd.waitFor('[data-screen="elder-answer"]');
  assert.equal(taps, 1, 'one tap from the start of the mode to the answer');
  console.log(`  taps from the start to the answer: ${taps} (first start: ${taps + 1}, with the question answered)`);
  assert.equal((await wd.text(await wd.waitFor('[data-testid="elder-number"]'))).trim(), PHONE);
  assert.equal((await wd.text(await wd.waitFor('[data-testid="elder-platform"]'))).trim(), `平台：${PLATFORM}`);
  // The first run's line opens twelve hours from now: closed, with when it opens.
  const light = await wd.waitFor('[data-testid="elder-light"]', { text: (t) => t.includes('开通') });
  assert.equal(await wd.execute('return arguments[0].dataset.open', wd.ref(light)), 'no');
  assert.ok((await wd.text(await wd.waitFor('[data-testid="elder-headline"]'))).trim().length > 0, 'what to do now');
  const questions = await wd.text(await wd.waitFor('[data-testid="elder-questions"]'));
  assert.ok(questions.trim().length > 0, 'the list of what to have at hand');

  await wd.click('[data-testid="elder-read"]');
  if (process.env.E2E_SPEECH_RAW) {
    // run.sh gave the app a private Speech Dispatcher whose sound goes to a file: it must fill.
    await wd.waitFor('[data-testid="elder-reading"]', { text: (t) => t.includes('正在朗读') });
    const raw = process.env.E2E_SPEECH_RAW;
    const size = () => (existsSync(raw) ? statSync(raw).size : 0);
    for (let i = 0; i < 300 && size() < 44100; i += 1) await new Promise((r) => setTimeout(r, 100));
    assert.ok(size() >= 44100, `the answer was spoken (${size()} bytes of sound)`);
    console.log(`  read aloud: ${size()} bytes of sound`);
    await shot('simple-answer');
    await wd.click('[data-testid="elder-stop"]');
    await wd.waitFor('[data-testid="elder-reading"]', { text: (t) => t.trim() === '' });
  } else {
    // No speech server here: the app says plainly why it cannot read.
    await wd.waitFor('#elder-read-error', { text: (t) => t.includes('朗读') });
    await shot('simple-answer');
  }
  await wd.quit();
}

try {
  console.log('e2e: first run');
  const next = await firstRun();
  console.log(`e2e: restart (expecting "${next}")`);
  await secondRun(next);
  console.log('e2e: evidence');
  await evidenceRun();
  console.log('e2e: tracking');
  await trackingRun();
  console.log('e2e: self-help');
  await selfHelpRun();
  console.log('e2e: simple mode');
  await simpleRun();
  console.log(`e2e: passed (${step} screenshots in ${out})`);
} catch (e) {
  try {
    await shot('failure');
  } catch (_) {
    /* the session may be gone */
  }
  await wd.quit();
  console.error(`e2e: FAILED: ${e.stack || e}`);
  process.exit(1);
}
