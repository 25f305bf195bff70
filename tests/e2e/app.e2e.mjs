// End-to-end: the real app binary under Xvfb, driven through tauri-driver + WebKitWebDriver.
// A new user pastes a story, confirms the form, reaches the recommendation, saves the case, logs a
// contact, restarts the app and finds the case with its new recommendation; later runs cover evidence,
// tracking, self-help ("这样解决了" without contacting anyone), 长辈模式 with read-aloud, and last an e-mail
// with the case's evidence through real mail servers and the platform's answer coming back. Each step
// leaves a screenshot in $E2E_OUT. Run through tests/e2e/run.sh, which starts Xvfb, D-Bus, the driver
// and the mail servers.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  await wd.parkPointer().catch((e) => console.log(`  (pointer not parked: ${e.message})`));
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

  // A second launch hands over to the running app and exits (src/single_instance.rs): the running
  // app owns the bus name and answers the call, else the launch would stop with status 1.
  const owner = execFileSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/',
    'org.freedesktop.DBus.NameHasOwner', 'string:cn.reachright.desktop.SingleInstance'], { encoding: 'utf8' });
  assert.match(owner, /boolean true/, 'the running app owns its single-instance name');
  const again = spawnSync(app, [], { encoding: 'utf8', timeout: 30000 });
  assert.equal(again.status, 0, `a second launch exits at once with 0 (status ${again.status}, ${again.signal || ''} ${again.stderr})`);
  await wd.click('[data-testid="nav-settings"]');
  await wd.waitFor('[data-screen="settings"]');

  // Large text and English, as an older or non-Chinese user would set them (on 设置, opened above).
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
  // 找案件: the order number finds the CLI's case and only it (the SQLite search behind case_list);
  // a number no case has says so; 清除 brings the whole list back.
  const listed = async () =>
    wd.execute(`return document.querySelectorAll('[data-testid="case-item"]').length;`);
  const all = await listed();
  assert.ok(all >= 2, `at least the wizard's case and the CLI's are listed, got ${all}`);
  await wd.fill('[data-testid="case-search"]', '20240611008');
  await wd.until(async () => (await listed()) === 1, 'the order number leaves one case');
  await wd.waitFor('[data-testid="case-item"]', { text: (t) => t.includes('Q币') || t.includes('20240611008') });
  await wd.fill('[data-testid="case-search"]', '99999999999');
  await wd.waitFor('[data-testid="case-search-none"]', { text: (t) => t.includes('99999999999') });
  await wd.click('[data-testid="case-search-clear"]');
  await wd.until(async () => (await listed()) === all, 'clearing brings the whole list back');
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
  if (!revealed) {
    // 复制 puts the path on the X clipboard through the shell (GTK on Linux), read back as another
    // X client would paste it.
    await wd.click('[data-testid="export-copy-path"]');
    await wd.waitFor('[data-testid="export-result"]', { text: (t) => t.includes('已复制') });
    const pasted = execFileSync('xclip', ['-o', '-selection', 'clipboard'], { encoding: 'utf8', timeout: 5000 });
    assert.equal(pasted, zip, 'the clipboard holds the bundle path');
    console.log('  clipboard: 复制 put the bundle path on the X clipboard');
  }
  // The vault key lives in the keychain only: nothing in the data folder holds it.
  const cfg = readFileSync(join(process.env.REACHRIGHT_DATA_DIR, 'vault', 'vault.json'), 'utf8');
  assert.match(cfg, /"key": "keychain"/);

  // 添加文件: the open-files dialog (GTK's, opened by the shell through rfd) used with the keyboard
  // as a user would, the path typed into its location field; the picked file is imported.
  const picked = join(dirname(f.pay), 'order-page.png');
  execFileSync('convert', ['-size', '400x300', 'xc:#ffffff', '-fill', '#1677ff', '-draw', 'rectangle 20,20 380,80', picked]);
  await wd.click('[data-testid="evidence-add"]');
  const open = () => spawnSync('xdotool', ['search', '--onlyvisible', '--name', '选择要添加的证据']).status === 0;
  // The keyboard goes to the dialog once it is mapped (no window manager here to give it focus).
  const focus = async () => {
    for (let i = 0; i < 40; i++) {
      const found = spawnSync('xdotool', ['search', '--onlyvisible', '--name', '选择要添加的证据'], { encoding: 'utf8' });
      const win = found.status === 0 ? found.stdout.trim().split('\n')[0] : null;
      if (win && spawnSync('xdotool', ['windowfocus', '--sync', win]).status === 0) return true;
      await sleep(250);
    }
    return false;
  };
  assert.ok(await focus(), 'the open-files dialog is shown');
  execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+l']);
  execFileSync('xdotool', ['type', '--delay', '15', picked]);
  // The location field may first take Return to accept its completion: press it again while the
  // dialog is still there (never after, when the key would reach the app's window).
  for (let i = 0; i < 5 && open(); i++) {
    await sleep(600);
    if (!open() || !(await focus())) break;
    execFileSync('xdotool', ['key', 'Return']);
  }
  assert.ok(!open(), 'the open-files dialog closed on Return');
  await wd.waitFor('[data-testid="evidence-gallery"]', { text: (t) => t.includes('order-page.png') });
  console.log('  dialog: a file picked in the open-files dialog was imported');
  await wd.quit();
  return { caseId, order: '20240611008', files: [f.pay, f.err, f.note, picked] };
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

// E-mail through real servers: Postfix + Dovecot on 127.0.0.1 with a throw-away CA, started by run.sh
// (tests/mail/servers.sh), which hands the app the CA (REACHRIGHT_MAIL_EXTRA_CA) and this test
// E2E_MAIL_*. The buyer's mailbox is set up in 设置 → 我的邮箱 (测试连接, 保存); the evidence case's
// e-mail goes out from its page with the case's evidence. Checked from outside the app, as the
// platform's and the buyer's own mail programs would see it (IMAP, tests/mail/mailbox.py): the
// platform's INBOX holds one message with the order number in its subject and the case's files
// attached (the same pictures, less what can hold a location), the buyer's Sent folder one copy. The
// platform answers in the thread with a picture; one tracking pass (`track --once`) finds it; the case
// page's e-mail section (the picture also among its evidence) and 通知 show it. Runs last (the
// screenshots before it keep their numbers), so it first leaves the 长辈模式 that simpleRun switched
// on. Skipped, with the reason, when run.sh could not start the servers here (E2E_MAIL_SKIP).
const mailEnv = (k) => {
  const v = process.env[`E2E_MAIL_${k}`];
  assert.ok(v, `E2E_MAIL_${k} is not set: run the test through tests/e2e/run.sh`);
  return v;
};
const MAILBOX_PY = fileURLToPath(new URL('../mail/mailbox.py', import.meta.url));

/** A folder's messages as the user's own mail program sees them (read-only: nothing marked read). */
function mailboxRead(user, password, folder) {
  const args = ['read', '--port', mailEnv('IMAPS_PORT'), '--ca', mailEnv('CA'), '--user', user, '--password', password, '--folder', folder];
  return JSON.parse(execFileSync('python3', [MAILBOX_PY, ...args], { encoding: 'utf8' }));
}

/** Delivery goes through Postfix's queue and LMTP: wait until `folder` holds `n` messages. */
async function mailboxWait(user, password, folder, n) {
  let got = [];
  for (let i = 0; i < 150; i += 1) {
    got = mailboxRead(user, password, folder);
    if (got.length >= n) return got;
    await sleep(200);
  }
  throw new Error(`${user}'s ${folder} holds ${got.length} messages, not ${n}`);
}

/** PNG chunks: [type, data] in order. */
function pngChunks(buf) {
  assert.equal(buf.subarray(0, 8).toString('latin1'), '\x89PNG\r\n\x1a\n', 'a PNG signature');
  const chunks = [];
  for (let at = 8; at + 12 <= buf.length; ) {
    const len = buf.readUInt32BE(at);
    chunks.push([buf.subarray(at + 4, at + 8).toString('latin1'), buf.subarray(at + 8, at + 8 + len)]);
    at += 12 + len;
  }
  return chunks;
}

/** JPEG segments before the picture data ([marker, bytes]) and the picture data from SOS on. */
function jpegParts(buf) {
  assert.ok(buf[0] === 0xff && buf[1] === 0xd8, 'a JPEG starts with SOI');
  const segs = [];
  let at = 2;
  while (at + 4 <= buf.length && buf[at] === 0xff && buf[at + 1] !== 0xda) {
    const len = buf.readUInt16BE(at + 2);
    segs.push([buf[at + 1], buf.subarray(at, at + 2 + len)]);
    at += 2 + len;
  }
  return { segs, scan: buf.subarray(at) };
}

/** The attachment is the evidence file, or the same picture with only metadata left out (what the
 *  location removal does: PNG ancillary chunks, JPEG APPn/COM segments; picture data untouched).
 *  Returns what differed, for the log. */
function sameEvidence(name, got, orig) {
  if (got.equals(orig)) return 'identical';
  if (/\.png$/i.test(name)) {
    const critical = (cs) => cs.filter(([t]) => /^[A-Z]/.test(t)).map(([t, d]) => t + d.toString('hex'));
    const a = pngChunks(got);
    const b = pngChunks(orig);
    assert.deepEqual(critical(a), critical(b), `${name}: the picture's chunks (IHDR, PLTE, IDAT, IEND) are unchanged`);
    const left = new Set(a.map(([t]) => t));
    const removed = b.map(([t]) => t).filter((t) => !left.has(t));
    assert.ok(removed.length > 0, `${name}: differs, yet no chunk was removed`);
    return `PNG, left out: ${[...new Set(removed)].join(' ')}`;
  }
  if (/\.jpe?g$/i.test(name)) {
    const a = jpegParts(got);
    const b = jpegParts(orig);
    assert.ok(a.scan.equals(b.scan), `${name}: the picture data (from SOS on) is unchanged`);
    const meta = (m) => (m >= 0xe0 && m <= 0xef) || m === 0xfe;
    const drawn = (p) => p.segs.filter(([m]) => !meta(m)).map(([, d]) => d.toString('hex'));
    assert.deepEqual(drawn(a), drawn(b), `${name}: the tables and frame header are unchanged`);
    return `JPEG, metadata segments ${b.segs.filter(([m]) => meta(m)).length} -> ${a.segs.filter(([m]) => meta(m)).length}`;
  }
  assert.fail(`${name}: the attachment differs from the evidence file (${got.length} vs ${orig.length} bytes)`);
}

/** Waits for `css`; on time-out says what the page shows as an error (role=alert), for the log. */
async function waitOrSay(css, opts) {
  try {
    return await wd.waitFor(css, opts);
  } catch (e) {
    const alerts = await wd
      .execute(`return [...document.querySelectorAll('[role="alert"], .error-note')].map((e) => e.textContent.trim()).filter(Boolean)`)
      .catch(() => []);
    throw new Error(`${e.message}${alerts.length ? `; the page says: ${alerts.join(' | ')}` : ''}`);
  }
}

/** A result that is not an error: no role=alert, no data-ok="false". */
async function assertNotError(id, what) {
  const [alert, ok, text] = await wd.execute(
    'const e = arguments[0]; return [e.closest(\'[role="alert"]\') !== null || e.querySelector(\'[role="alert"]\') !== null, e.dataset.ok ?? null, e.textContent.trim()]',
    wd.ref(id),
  );
  assert.ok(!alert && ok !== 'false', `${what} is an error: ${text}`);
  return text;
}

/** Brings a section to the top of the window and keeps it there: parts above it that load later
 *  (thumbnails, the follow-up list) would otherwise push it out of the screenshot. */
async function scrollToSection(testid) {
  for (let i = 0; i < 20; i += 1) {
    const top = await wd.execute(
      `const e = document.querySelector(arguments[0]); e.scrollIntoView({ block: 'start' }); scrollBy(0, -20);
       return e.getBoundingClientRect().top;`,
      `[data-testid="${testid}"]`,
    );
    await wd.settle();
    await sleep(150);
    const now = await wd.execute('return document.querySelector(arguments[0]).getBoundingClientRect().top', `[data-testid="${testid}"]`);
    if (Math.abs(now - top) < 1) return;
  }
}

async function openCaseWith(order) {
  await wd.alt('1');
  await wd.waitFor('[data-screen="cases"]', { text: (t) => t.includes(order) || t.includes('Q币') });
  const opened = await wd.execute(
    `const item = [...document.querySelectorAll('[data-testid="case-item"]')].find((e) => e.textContent.includes(arguments[0]) || e.textContent.includes('Q币'));
     if (!item) return false;
     (item.querySelector('a,button') || item).click();
     return true;`,
    order,
  );
  assert.ok(opened, `the case of order ${order} is on the list`);
  await wd.waitFor('[data-screen="case"]');
}

async function mailRun({ caseId, order, files }) {
  if (process.env.E2E_MAIL_SKIP) {
    console.log(`e2e: mail part skipped: ${process.env.E2E_MAIL_SKIP}`);
    return;
  }
  const buyer = mailEnv('BUYER');
  const buyerPw = mailEnv('BUYER_PASSWORD');
  const platform = mailEnv('PLATFORM');
  const platformPw = mailEnv('PLATFORM_PASSWORD');
  const ACCOUNT = '我的邮箱';

  await wd.start(app);
  const first = await wd.waitFor('[data-screen="elder"], [data-screen="cases"]');
  if ((await wd.execute('return arguments[0].dataset.screen', wd.ref(first))) === 'elder') {
    await wd.click('[data-testid="elder-leave"]');
    await wd.waitFor('[data-screen="cases"]');
  }

  // 设置 → 我的邮箱: the buyer's mailbox at 127.0.0.1, implicit TLS; the password goes to the keychain.
  console.log('  mail: the account in 设置');
  await wd.click('[data-testid="nav-settings"]');
  await wd.waitFor('[data-screen="settings"]');
  await wd.waitFor('[data-testid="mail-accounts"]');
  await wd.execute(`document.querySelector('[data-testid="mail-accounts"]').scrollIntoView({ block: 'start' })`);
  await wd.fill('[data-testid="mail-email"]', buyer);
  await wd.fill('[data-testid="mail-name"]', ACCOUNT);
  await wd.fill('[data-testid="mail-password"]', buyerPw);
  // No preset knows mail.test: the form may open the server fields itself once it has looked the
  // address up; else they are opened by hand.
  const hostShown = () =>
    wd.execute(`const e = document.querySelector('[data-testid="mail-imap-host"]'); return !!e && e.offsetParent !== null && !e.closest('[hidden]');`);
  let shown = false;
  for (let i = 0; i < 15 && !(shown = await hostShown()); i += 1) await sleep(150);
  if (!shown) {
    await wd.click('[data-testid="mail-manual"]');
    for (let i = 0; i < 15 && !(shown = await hostShown()); i += 1) await sleep(150);
  }
  assert.ok(shown, 'the server fields are open');
  await wd.fill('[data-testid="mail-imap-host"]', '127.0.0.1');
  await wd.fill('[data-testid="mail-imap-port"]', mailEnv('IMAPS_PORT'));
  await wd.fill('[data-testid="mail-smtp-host"]', '127.0.0.1');
  await wd.fill('[data-testid="mail-smtp-port"]', mailEnv('SMTPS_PORT'));
  await wd.fill('[data-testid="mail-security"]', 'tls');
  await wd.click('[data-testid="mail-test"]');
  const tested = await waitOrSay('[data-testid="mail-test-result"]', { timeout: 30000 });
  console.log(`  mail: test connection: ${await assertNotError(tested, 'test connection')}`);
  await wd.click('[data-testid="mail-save"]');
  await waitOrSay('[data-testid="mail-account"]', { text: (t) => t.includes(buyer) || t.includes(ACCOUNT) });

  // The case page: 发送邮件（带证据） to the platform's address, every evidence file ticked.
  console.log('  mail: sending from the case page');
  await openCaseWith(order);
  await wd.click('[data-testid="mail-send-open"]');
  await wd.waitFor('[data-testid="mail-send"]');
  // The panel lists the mailboxes once its own request answers: wait for the option (up to 10 s).
  let option = null;
  for (let i = 0; i < 50 && !option; i += 1) {
    option = await wd.execute(
      `const s = document.querySelector('[data-testid="mail-send-account"]');
       const o = s && [...s.options].find((o) => o.value === arguments[0] || o.textContent.includes(arguments[1]));
       return o ? o.value : null;`,
      ACCOUNT,
      buyer,
    );
    if (!option) await sleep(200);
  }
  assert.ok(option, 'the saved mailbox is offered as the sender');
  await wd.fill('[data-testid="mail-send-account"]', option);
  await wd.fill('[data-testid="mail-send-to"]', platform);
  await wd.waitFor('[data-testid="mail-send-evidence"]');
  const boxes = await wd.findAll('[data-testid="mail-send-evidence"]');
  assert.equal(boxes.length, files.length, `one box per evidence file (${files.length})`);
  for (const box of boxes) {
    if (!(await wd.execute('return arguments[0].checked', wd.ref(box)))) {
      await wd.request('POST', wd.s(`/element/${box}/click`), {});
    }
  }
  await wd.click('[data-testid="mail-send-go"]');
  const sent = await waitOrSay('[data-testid="mail-send-result"]', { timeout: 60000 });
  console.log(`  mail: send result: ${(await assertNotError(sent, 'the send')).replace(/\s+/g, ' ').slice(0, 200)}`);
  await scrollToSection('mail-send');
  await shot('mail-sent');
  // The answer is found by the tracking pass below, alone: the app's own tracker (woken by the send)
  // is not left running to race it.
  await wd.quit();

  // From outside: the platform's INBOX and the buyer's Sent folder, over IMAP.
  const [msg] = await mailboxWait(platform, platformPw, 'INBOX', 1);
  assert.equal(mailboxRead(platform, platformPw, 'INBOX').length, 1, "one message in the platform's INBOX");
  assert.ok(msg.subject.includes(order), `the subject ${msg.subject} holds the order number ${order}`);
  assert.ok(msg.text.includes(order), 'the body holds the order number');
  const names = msg.attachments.map((a) => a.name).sort();
  assert.deepEqual(names, files.map((f) => basename(f)).sort(), "the attachments are the case's evidence files");
  for (const a of msg.attachments) {
    const orig = readFileSync(files.find((f) => basename(f) === a.name));
    console.log(`  mail: attached ${a.name} (${a.size} bytes): ${sameEvidence(a.name, Buffer.from(a.base64, 'base64'), orig)}`);
  }
  const copies = mailboxRead(buyer, buyerPw, 'Sent');
  assert.equal(copies.length, 1, "one copy in the buyer's Sent folder");
  assert.equal(copies[0].message_id, msg.message_id, 'the copy is the message sent');

  // The platform answers in the thread, with a picture.
  const ANSWER = '您好，订单20240611008的200元已原路退回，请在1至3个工作日内查收。';
  const pic = join(out, 'evidence-in', '退款凭证.png');
  execFileSync('convert', ['-size', '240x120', 'xc:#ffffff', '-fill', '#07c160', '-draw', 'rectangle 20,20 220,100', pic]);
  execFileSync('python3', [MAILBOX_PY, 'send', '--port', mailEnv('SMTPS_PORT'), '--ca', mailEnv('CA'), '--user', platform, '--password', platformPw,
    '--subject', `Re: ${msg.subject}`, '--text', `${ANSWER}\n\n在 ${msg.from} 的来信中写道：\n> ${order}\n`, '--in-reply-to', msg.message_id, '--attach', pic, buyer]);
  await mailboxWait(buyer, buyerPw, 'INBOX', 1);

  // One tracking pass, as the app's tracker would run it. Its clock is set just past the 5-minute wait
  // (the engine's ACTIVE_INTERVAL) that the app's poll right after the send left on the mailbox; the
  // answer is dated by that clock.
  const now = new Date(Date.now() + 5 * 60_000 + 1000).toISOString();
  const lines = cli('track', '--once', '--now', now).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const answers = lines.filter((l) => l.channel === 'email');
  assert.equal(answers.length, 1, `one e-mail answer from the pass: ${JSON.stringify(lines)}`);
  assert.deepEqual([answers[0].case, answers[0].kind], [caseId, 'reply']);
  assert.ok(answers[0].text.includes(ANSWER), `the answer's text: ${answers[0].text}`);
  assert.ok(!answers[0].text.includes('来信中写道'), 'the quoted history is trimmed');

  // The app: the answer on the case page and in 通知.
  console.log('  mail: the answer in the app');
  await wd.start(app);
  await wd.waitFor('[data-screen="cases"]');
  await openCaseWith(order);
  await wd.waitFor('[data-testid="case-mail"]');
  const row = await wd.waitFor('[data-testid="mail-answer"]', { text: (t) => t.includes(ANSWER.slice(0, 12)) });
  // The answer's picture is proof: the row names it, and the pass put it into the case's evidence.
  assert.ok((await wd.text(row)).includes(basename(pic)), `the answer's row names ${basename(pic)}: ${await wd.text(row)}`);
  await wd.waitFor('[data-testid="evidence-gallery"]', { text: (t) => t.includes(basename(pic)) });
  await scrollToSection('case-mail');
  await shot('mail-answer');
  await wd.alt('5');
  await wd.waitFor('[data-screen="notifications"]');
  await wd.waitFor('[data-testid="ntf-item"]', { text: (t) => t.includes(ANSWER.slice(0, 12)) });
  await wd.quit();
}

try {
  console.log('e2e: first run');
  const next = await firstRun();
  console.log(`e2e: restart (expecting "${next}")`);
  await secondRun(next);
  console.log('e2e: evidence');
  const evidenceCase = await evidenceRun();
  console.log('e2e: tracking');
  await trackingRun();
  console.log('e2e: self-help');
  await selfHelpRun();
  console.log('e2e: simple mode');
  await simpleRun();
  console.log('e2e: e-mail');
  await mailRun(evidenceCase);
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
