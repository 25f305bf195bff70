// An in-memory stand-in for the shell, for `npm run dev` in a plain browser and for tests.
// It returns plausible shapes, not the engine's real advice.
import type { Api, FileDrop } from './index';
import { emptyIntake } from '../lib/wizard';
import { fakeMail, type FakeMail } from './fake-mail';
import type {
  Analysis, CaseDetail, Coded, SelfHelpEntry, ComposeKind, DeadlineKind, EvidenceKind, EvidenceView, HelpdeskKind, Labeled, NotificationKind, Vocabulary, ImportOutcome, Intake, PlatformEntry, ProfileForm, ReminderView, Settings, SimpleAnswer, SimpleAsk, VaultStatus,
} from './bindings';
import type { CallbackView, DeadlineView, HelpdeskView, NotificationView, OpenRequest, OrderWatchView, TicketView, TrackerChanged, TrayHint } from './bindings';

const c = (code: string, label: string): Coded => ({ code, label });
/** A code of a closed set (a union type) with its label. */
const l = <C extends string>(code: C, label: string): Labeled<C> => ({ code, label });

/** The fake with handles a test can pull: the files the dialog "picks", drops on the window, damage. */
export interface FakeApi extends Api, FakeMail {
  /** What the next `pickFiles` returns. */
  nextPick: string[];
  /** Simulates files dropped (or dragged over) on the window. */
  drop(e: FileDrop): void;
  /** Marks an item as damaged for `evidenceVerify`. */
  damage(id: string): void;
  /** Starts locked: by default with no keychain (first use: any password sets the vault up); with
   *  `passphrase_needed` only `vaultUnlock('secret')` opens it; `keychain_needed` / `config_missing` no password opens it. */
  lock(code?: 'keychain_unavailable' | 'passphrase_needed' | 'keychain_needed' | 'config_missing'): void;
  /** Makes `vaultUnlock` throw this IPC error code once. */
  failUnlock: string | null;
  /** The ids `evidenceThumbnail` was asked for, in order. */
  thumbnailsAsked: string[];
  /** Each imported file takes this long (ms), to overlap drops and pastes. */
  importDelay: number;
  /** Whether the file manager shows an export (else the UI offers the path to copy). */
  revealWorks: boolean;
  /** The fake keychain: helpdesk name → token. */
  keychain: Map<string, string>;
  /** Added to the clock of the fake (ms): a negative shift makes new callbacks/tickets start in the past. */
  shift: number;
  /** Sets a ticket's sync problem (`auth`, `not_found` …, or null). */
  ticketProblem(ticketId: number, problem: string | null): void;
  /** Adds a notification (as the tracker would) and tells the page the tracker changed something. */
  notify(n: { kind: NotificationKind; case_id: string | null; title: string; body: string; at?: string; order_watch_id?: number }): NotificationView;
  /** Tells the page the tracker changed something. */
  emitChanged(): void;
  /** A click on a desktop notification. */
  clickNotification(r: OpenRequest): void;
  /** The window went to the tray for the first time. */
  hideToTray(text: string): void;
  /** Makes the next `ticketCreate` through this helpdesk fail with this error code. */
  failCreate: string | null;
  /** What `speak` was asked to read, in order. */
  spoken: string[];
  /** How often `speakStop` was called. */
  stops: number;
  /** Makes every `speak` fail with this error code (`speech_no_voice` …). */
  speechError: string | null;
  /** What `simpleAnswer` was asked, in order. */
  simpleAsks: SimpleAsk[];
  /** The simple answer's phone line is closed (it opens at 09:00 the next day). */
  simpleClosed: boolean;
}

/** Thumbnails a gallery sends inline (crates/api/src/gallery/mod.rs INLINE_THUMBNAILS). */
export const INLINE_THUMBNAILS = 48;

/** A 1×1 JPEG thumbnail stand-in. */
const THUMB = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';

export function fakeApi(): FakeApi {
  let settings: Settings = {
    lang: 'zh-CN', lang_chosen: true, send_lang: 'zh-CN', text_scale: 1, theme: 'system', simple_mode: null,
    contact_name: '', contact_phone: '', contact_email: '', contact_account: '',
  };
  const cases = new Map<string, CaseDetail>();
  const drafts = new Map<string, string>();
  const platforms = new Map<string, PlatformEntry>();
  let reminders: ReminderView[] = [];
  let seq = 1;
  const vocab: Vocabulary = {
    problem_types: [c('delivery_delay', '商品/卡密未到账、到账延迟'), c('recharge_failed', '充值失败'), c('card_invalid', '卡密无效'), c('other', '其他')],
    channels: [c('online_chat', '在线客服'), c('vip_exclusive', '专属客服'), c('phone', '电话客服'), c('ticket', '工单系统'), c('email', '邮件'), c('third_party_complaint', '第三方投诉')],
    outcomes: [l('pending', '等待回复'), l('unresolved', '没解决'), l('no_response', '没人回复'), l('dissatisfied', '不满意'), l('resolved', '已解决')],
    demands: [c('refund', '退款'), c('resend', '重发'), c('compensation', '补偿')],
    statuses: [l('open', '处理中'), l('waiting', '等待平台'), l('resolved', '已解决'), l('closed', '已关闭')],
  };
  const profile = (): ProfileForm => ({
    name: '默认平台', timezone: 'Asia/Shanghai', channels: ['online_chat', 'phone', 'ticket', 'email'],
    vip_threshold_cny: 500, vip_callback_minutes: 10, vip_response_hours: 2, ticket_sla_business_days: 3,
    recharge_window_hours: 24, recharge_urgent_hours: 6,
    phone: { number: '400-000-0000', hours: '09:00-18:00', business_days_only: true, peaks: ['09:00-10:00', '19:00-21:00'], callback_service: true },
    links: { chat_url: 'https://example.com/chat', ticket_url: '', email: 'kefu@example.com', vip_contact: '', qq: '', contact_qr: '' },
    calendar: { extra_holidays: [], extra_workdays: [] },
  });
  const analyse = (i: Intake, history = 0): Analysis => {
    const fields = ['order_id', 'occurred_at', 'product', 'amount', 'symptom', 'error_message', 'steps_tried'] as const;
    const missing = fields.filter((f) => !i[f].trim()).map((f) => c(f, f));
    const pt = vocab.problem_types.find((p) => p.code === i.problem_type) ?? vocab.problem_types[0];
    const ladder = ['online_chat', 'phone', 'ticket'];
    const order = ladder.slice(history % 3).concat(ladder.slice(0, history % 3));
    const ch = (code: string) => vocab.channels.find((x) => x.code === code)!;
    const gap = '【待补充】';
    const desc = `订单号${i.order_id || gap},${i.occurred_at || gap}购买${i.amount || gap}元${i.product || gap},${i.symptom || gap}`;
    const action = (code: string) => ({
      channel: ch(code), text_kind: (code === 'online_chat' ? 'chat' : code) as ComposeKind,
      url: code === 'online_chat' ? 'https://example.com/chat' : null,
      phone: code === 'phone' ? '400-000-0000' : null,
      mailto: code === 'email' ? 'mailto:kefu@example.com' : null, qr: null, links: [],
    });
    return {
      problem_type: pt, group: c('standard', '一般'), confidence: 0.8, needs_confirmation: false, alternative: null,
      missing, description_text: desc,
      recommendation: {
        primary: action(order[0]), do_now: null, alternatives: order.slice(1).map(action), reasons: ['常见问题，在线客服最快'],
        warnings: [], urgency: '一般', urgent: false, subject: `${i.order_id}-${pt.label}-一般`,
        expected_response: '约 30 秒', prepare: ['订单号', '付款截图'],
        next_phone_opening: null, sla_deadline: null, recharge_deadline: null, escalated: false,
        texts: (['chat', 'phone', 'email', 'ticket', 'complaint'] as ComposeKind[]).map((k) => ({ kind: k, label: k, subject: null, body: `${desc}(${k})`, has_placeholders: missing.length > 0 })),
      },
    };
  };
  const now = () => new Date().toISOString();
  const detail = (id: string, intake: Intake, prev?: CaseDetail): CaseDetail => {
    const contacts = prev?.contacts ?? [];
    const a = analyse(intake, contacts.length);
    return {
      summary: {
        id, title: `${intake.product || a.problem_type.label}`, status: prev?.summary.status ?? vocab.statuses[0],
        problem_type: a.problem_type, platform_name: '', next_step: a.recommendation.primary.channel.label,
        urgent: false, created_at: prev?.summary.created_at ?? now(), updated_at: now(), contacts: contacts.length,
      },
      intake, analysis: a, contacts, nudge: null, timeline: prev?.timeline ?? [{ at: now(), kind: 'created', text: '创建案件' }],
      // The fake keeps and returns the whole history, so these follow it as it grows.
      get timeline_total() { return this.timeline.length; },
      get resolved_by_self_help() { return this.summary.status.code === 'resolved' && this.timeline.some((e) => e.kind === 'selfhelp'); },
      reminders: reminders.filter((r) => r.case_id === id),
    };
  };
  // Self-help: a few entries, found by the English words of `words` (the real search is the backend's).
  let selfhelpResolved = 0;
  const selfhelp: (SelfHelpEntry & { words: string[] })[] = [
    {
      problem_type: c('delivery_delay', '商品未到账'), title: '商品或卡密没到账', words: ['delivery', 'arrived', 'delay'],
      steps: ['打开“我的订单”看状态', '查看短信和邮箱（包括垃圾邮件）'],
      rules: [{ text: '卡密进入您指定的系统并能查看时即为交付。', source: '《中华人民共和国电子商务法》第五十一条' }],
    },
    {
      problem_type: c('card_key_stolen', '卡密被盗用'), title: '卡密被盗用、显示已被使用', words: ['used', 'stolen', 'card'],
      steps: ['截图“已使用”的提示', '尽快打电话联系平台'],
      rules: [{ text: '紧急问题适合打电话。', source: '项目种子文档“电话客服”一节' }],
    },
    {
      problem_type: c('refund_request', '申请退款'), title: '申请退款', words: ['refund', 'return', 'virtual'],
      steps: ['看订单状态', '读商品页的退款说明'],
      rules: [{ text: '7天无理由退货不适用于在线下载或已拆封的数字化商品。', source: '《中华人民共和国消费者权益保护法》第二十五条' }],
    },
  ];
  const shEntry = ({ words: _w, ...e }: SelfHelpEntry & { words: string[] }): SelfHelpEntry => e;
  const resolveBySelfHelp = (id: string) => {
    const d = get(id);
    if (d.summary.status.code !== 'resolved') {
      d.summary.status = vocab.statuses.find((s) => s.code === 'resolved')!;
      d.timeline = [...d.timeline, { at: now(), kind: 'selfhelp', text: '按“先试试这几步”自己解决了，没有联系客服' }];
      selfhelpResolved += 1;
    }
    return d;
  };
  const get = (id: string) => {
    const d = cases.get(id);
    if (!d) throw { code: 'not_found', field: null, message: `case ${id}` };
    return d;
  };
  const kinds: Labeled<EvidenceKind>[] = [l('transfer', '转账记录'), l('chat', '聊天截图'), l('product', '商品异常截图'), l('error', '错误提示'), l('other', '其他')];
  const evidence = new Map<string, EvidenceView>();
  const damaged = new Set<string>();
  const dropHandlers = new Set<(e: FileDrop) => void>();
  const openVault: VaultStatus = {
    open: true, protection: 'keychain', error_code: null, error: null, passphrase_helps: false, cleaned: 0, missing: [],
  };
  let vault: VaultStatus = openVault;
  const needVault = () => {
    if (!vault.open) throw { code: 'vault_locked', field: null, message: 'the evidence vault is locked' };
  };
  const kindOf = (code: string) => {
    const k = kinds.find((x) => x.code === (code || 'other'));
    if (!k) throw { code: 'invalid_field', field: 'kind', message: `${code} is not a kind` };
    return k;
  };
  const importOne = (caseId: string, name: string, size: number, kind: string, caption: string, pasted: boolean): ImportOutcome => {
    get(caseId);
    if (/broken|truncated/i.test(name)) {
      return { name, item: null, duplicate: false, error_code: 'bad_image', error: `\`${name}\` looks like an image but cannot be read: truncated`, };
    }
    if (/bomb/i.test(name)) {
      return { name, item: null, duplicate: false, error_code: 'image_too_large', error: `\`${name}\` claims to be a 100000×100000 image`, };
    }
    if (/missing|unreadable/i.test(name)) {
      return { name, item: null, duplicate: false, error_code: 'unreadable', error: `cannot read \`${name}\`: permission denied` };
    }
    const dup = [...evidence.values()].find((e) => e.case_id === caseId && e.original_name === name);
    if (dup) return { name, item: dup, duplicate: true, error_code: null, error: null };
    const ext = /\.(png|jpe?g|gif|webp|bmp|heic)$/i.exec(name)?.[1].toLowerCase();
    const image = !!ext;
    const item: EvidenceView = {
      id: `e${seq++}`, case_id: caseId, kind: kindOf(kind), caption: caption.trim(), original_name: name, size,
      media_type: ext ? `image/${ext === 'jpg' ? 'jpeg' : ext}` : 'application/octet-stream', width: image ? 40 : null, height: image ? 30 : null,
      taken_at: now(), taken_source: pasted ? c('pasted', '粘贴时间') : c('file', '文件时间'), added_at: now(),
      thumbnail: image ? THUMB : null, thumbnail_later: false, viewable: image,
    };
    evidence.set(item.id, item);
    const d = get(caseId);
    d.timeline = [...d.timeline, { at: now(), kind: 'evidence', text: `添加了证据 ${name}` }];
    return { name, item, duplicate: false, error_code: null, error: null };
  };
  // ---- Tracking ----
  const clock = () => Date.now() + api.shift;
  const iso = (ms: number) => new Date(ms).toISOString();
  const helpdesks = new Map<string, Omit<HelpdeskView, 'token_saved' | 'tickets'>>();
  let tickets: TicketView[] = [];
  const callbacks: Omit<CallbackView, 'state' | 'seconds_left'>[] = [];
  const watches: Omit<OrderWatchView, 'seconds_left'>[] = [];
  let notifications: NotificationView[] = [];
  const kindLabels: Record<NotificationKind, string> = {
    status_change: '工单状态变化', staff_reply: '客服回复', callback_due: '回电时间到', callback_overdue: '回电超时',
    deadline_soon: '期限将到', deadline_passed: '期限已过', order_late: '订单未按时到账', sync_problem: '同步问题',
  };
  let enabled = new Set(Object.keys(kindLabels));
  const changed = new Set<(c: TrackerChanged) => void>();
  const opens = new Set<(r: OpenRequest) => void>();
  const trayHints = new Set<(h: TrayHint) => void>();
  const unread = () => notifications.filter((n) => !n.read).length;
  const fire = (cases: string[] = []) => changed.forEach((h) => h({ unread: unread(), cases }));
  const outcomes = [c('called', '接到电话了'), c('missed', '没有打来'), c('cancelled', '不需要了')];
  // The backend's labels (reachright_engine::texts::status_label), as the real shell sends them.
  const statusLabels: Record<string, string> = { new: '已提交，等待处理', open: '处理中', pending: '等待您回复', resolved: '已解决', closed: '已关闭', rejected: '已拒绝' };
  const statusCoded = (s: string) => c(s, statusLabels[s] ?? s);
  const hdKinds: Record<HelpdeskKind, string> = { rt: 'Request Tracker', zendesk: 'Zendesk', manual: '手动' };
  const cbStates: Record<string, string> = { waiting: '等待回电', due: '回电时间到', overdue: '已超时', done: '已结束' };
  const wStates: Record<string, string> = { waiting: '等待到账', late: '超时未到账', delivered: '已到账', dismissed: '不再提醒', case_opened: '已建案件' };
  const timeline = (caseId: string, kind: string, text: string) => {
    const d = get(caseId);
    d.timeline = [...d.timeline, { at: now(), kind, text }];
  };
  const getTicket = (id: number) => {
    const t = tickets.find((x) => x.id === id);
    if (!t) throw { code: 'not_found', field: null, message: `ticket ${id}` };
    return t;
  };
  const hdView = (h: Omit<HelpdeskView, 'token_saved' | 'tickets'>): HelpdeskView => ({
    ...h, token_saved: h.needs_token ? api.keychain.has(h.name) : null, tickets: tickets.filter((t) => t.helpdesk === h.name).length,
  });
  const cbView = (cb: Omit<CallbackView, 'state' | 'seconds_left'>): CallbackView => {
    const due = Date.parse(cb.due_at);
    const t = Date.now();
    const state = cb.outcome ? 'done' : t < due ? 'waiting' : t < due + 600_000 ? 'due' : 'overdue';
    return { ...cb, state: c(state, cbStates[state]), seconds_left: Math.round((due - t) / 1000) };
  };
  const wView = (w: Omit<OrderWatchView, 'seconds_left'>): OrderWatchView => {
    const left = Math.round((Date.parse(w.expected_at) - Date.now()) / 1000);
    const late = w.state.code === 'waiting' && left <= 0;
    return { ...w, state: late ? c('late', wStates.late) : w.state, seconds_left: left };
  };
  const getWatch = (id: number) => {
    const w = watches.find((x) => x.id === id);
    if (!w) throw { code: 'not_found', field: null, message: `order watch ${id}` };
    return w;
  };
  // As the shell computes it from the manifest: pictures named *gps* had location data; only JPEG, PNG and
  // WebP are processed.
  const location = (items: EvidenceView[], keep: boolean) => {
    if (keep) return { location_stripped: false, location_removed: [], location_unprocessed: [] };
    const pictures = items.filter((i) => i.media_type.startsWith('image/'));
    const ok = (i: EvidenceView) => ['image/jpeg', 'image/png', 'image/webp'].includes(i.media_type);
    const unprocessed = pictures.filter((i) => !ok(i)).map((i) => i.original_name);
    return {
      location_stripped: unprocessed.length === 0,
      location_removed: pictures.filter((i) => ok(i) && /gps/i.test(i.original_name)).map((i) => i.original_name),
      location_unprocessed: unprocessed,
    };
  };
  const itemsOf = (caseId: string) => [...evidence.values()].filter((e) => e.case_id === caseId);
  const mail = fakeMail({
    now,
    caseTitle: (id) => get(id).summary.title,
    evidenceOf: (id) => (vault.open ? itemsOf(id) : null),
    timeline: (id, kind, text) => timeline(id, kind, text),
    notify: (id, title, body) => void api.notify({ kind: 'staff_reply', case_id: id, title, body }),
    nextId: () => seq++,
    self: () => api,
  });
  const api: FakeApi = {
    ...mail,
    nextPick: [],
    drop: (e) => dropHandlers.forEach((h) => h(e)),
    damage: (id) => void damaged.add(id),
    lock: (code = 'keychain_unavailable') => {
      vault = {
        ...openVault, open: false, protection: null, error_code: code,
        error: code === 'keychain_unavailable' ? 'the system keychain is not available (no bus)' : code,
        passphrase_helps: code === 'keychain_unavailable' || code === 'passphrase_needed',
      };
    },
    failUnlock: null,
    spoken: [],
    stops: 0,
    speechError: null,
    simpleAsks: [],
    simpleClosed: false,
    // Like the backend: the tile fixes the type, else the story's reading; the answer is the
    // recommendation of that form, cut to one screen. The stand-in's line is open unless `simpleClosed`.
    simpleAnswer: async (ask): Promise<SimpleAnswer> => {
      api.simpleAsks.push(ask);
      if (!ask.tile && !ask.story.trim()) throw { code: 'invalid_field', field: 'story', message: 'choose a tile or say what happened' };
      const byTile: Record<string, string> = { not_arrived: 'delivery_delay', recharge_failed: 'recharge_failed', card_key: 'card_invalid' };
      const intake: Intake = { ...emptyIntake(), story: ask.story, platform_id: ask.platform_id, problem_type: byTile[ask.tile ?? ''] ?? 'other' };
      const a = analyse(intake);
      const open = !api.simpleClosed;
      const phone = '400-000-0000';
      const opens = open ? null : '2024-05-21T09:00:00+08:00';
      const headline = open ? 'Call the support line now.' : 'Start the online chat now.';
      const family = { text: `${headline}\n${phone}`, qr_svg: '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>', shortened: false };
      const action = open ? a.recommendation.alternatives.find((x) => x.channel.code === 'phone') ?? a.recommendation.primary : a.recommendation.primary;
      return {
        problem_type: a.problem_type, platform: ask.platform_id ? c(ask.platform_id, platforms.get(ask.platform_id)?.profile.name ?? '') : null,
        headline, action, phone, phone_open: open, phone_opens_at: opens,
        questions: a.recommendation.prepare, reminders: a.recommendation.warnings.map((w) => w.message),
        speech: [headline, phone, ...a.recommendation.prepare].join('\n'), family, intake,
      };
    },
    speak: async (text) => {
      if (api.speechError) throw { code: api.speechError, field: null, message: 'no voice' };
      api.spoken.push(text);
    },
    speakStop: async () => {
      api.stops += 1;
    },
    importDelay: 0,
    thumbnailsAsked: [],
    revealWorks: false,
    vaultStatus: async () => vault,
    vaultUnlock: async (passphrase) => {
      if (api.failUnlock) {
        const code = api.failUnlock;
        api.failUnlock = null;
        throw { code, field: null, message: `unlock failed: ${code}` };
      }
      if (!vault.passphrase_helps) return vault;
      if (vault.error_code !== 'keychain_unavailable' && passphrase !== 'secret') return { ...vault, error_code: 'wrong_passphrase', error: 'wrong passphrase' };
      vault = { ...openVault, protection: 'passphrase' };
      return vault;
    },
    evidenceList: async (caseId) => {
      needVault();
      get(caseId);
      // Like the backend: only the first thumbnails inline, the rest asked for one by one.
      const items = itemsOf(caseId).map((e, i) =>
        i < INLINE_THUMBNAILS || !e.thumbnail ? e : { ...e, thumbnail: null, thumbnail_later: true },
      );
      const has = (k: string[]) => items.some((i) => k.includes(i.kind.code));
      const checklistItems = [
        { code: 'order_id', label: '订单号', hint: '在“修改订单信息”里填写', kinds: [], covered: !!get(caseId).intake.order_id },
        { code: 'payment', label: '付款截图', hint: '类别选“转账记录”', kinds: ['transfer'], covered: has(['transfer']) },
        { code: 'problem_screen', label: '错误提示或订单状态截图', hint: '类别选“错误提示”', kinds: ['error', 'product'], covered: has(['error', 'product']) },
      ];
      return {
        items, kinds,
        checklist: {
          channel: get(caseId).analysis.recommendation.primary.channel, items: checklistItems,
          covered: checklistItems.filter((i) => i.covered).length, total: checklistItems.length,
        },
      };
    },
    evidenceImportPaths: async (caseId, paths, kind, caption) => {
      needVault();
      kindOf(kind);
      if (api.importDelay) await new Promise((r) => setTimeout(r, api.importDelay));
      return paths.map((p) => importOne(caseId, p.split(/[\\/]/).pop() || p, 1000 + p.length, kind, caption, false));
    },
    evidenceImportBytes: async (caseId, name, bytes, kind, caption) => {
      needVault();
      if (api.importDelay) await new Promise((r) => setTimeout(r, api.importDelay));
      return importOne(caseId, name || 'pasted.png', bytes.length, kind, caption, true);
    },
    evidenceUpdate: async (id, kind, caption) => {
      needVault();
      const e = evidence.get(id);
      if (!e) throw { code: 'not_found', field: null, message: `evidence ${id}` };
      const next = { ...e, kind: kindOf(kind), caption: caption.trim() };
      evidence.set(id, next);
      return next;
    },
    evidenceRemove: async (id) => {
      needVault();
      if (!evidence.delete(id)) throw { code: 'not_found', field: null, message: `evidence ${id}` };
    },
    evidenceThumbnail: async (id) => {
      needVault();
      const e = evidence.get(id);
      if (!e) throw { code: 'not_found', field: null, message: `evidence ${id}` };
      api.thumbnailsAsked.push(id);
      return e.thumbnail;
    },
    evidenceImage: async (id, mediaType) => {
      needVault();
      if (!evidence.has(id)) throw { code: 'not_found', field: null, message: `evidence ${id}` };
      return new Blob([new Uint8Array([137, 80, 78, 71])], { type: mediaType });
    },
    evidenceVerify: async (caseId) => {
      needVault();
      const items = itemsOf(caseId);
      const bad = items.filter((i) => damaged.has(i.id));
      return {
        checked: items.length, ok: items.length - bad.length,
        damaged: bad.map((i) => ({ id: i.id, name: i.original_name, kind: i.kind, reason: 'decryption failed' })),
      };
    },
    evidenceExport: async (caseId, keepLocation) => {
      needVault();
      const title = get(caseId).summary.title;
      return {
        path: `/home/user/Downloads/ReachRight-${title}-20240520-150000.zip`, folder: '/home/user/Downloads',
        files: itemsOf(caseId).length, revealed: api.revealWorks, ...location(itemsOf(caseId), keepLocation),
      };
    },
    pickFiles: async () => api.nextPick,
    onFileDrop: async (handler) => {
      dropHandlers.add(handler);
      return () => void dropHandlers.delete(handler);
    },
    appInfo: async () => ({ version: '0.0.0-dev', data_dir: '/tmp/reachright' }),
    vocabulary: async () => vocab,
    settingsGet: async () => settings,
    settingsSave: async (s) => (settings = { ...s, lang_chosen: true }),
    readStory: async (intake) => {
      const order = /\d{8,}/.exec(intake.story)?.[0] ?? '';
      const amount = /(\d+(?:\.\d+)?)\s*元/.exec(intake.story)?.[1] ?? '';
      return {
        // Like the backend: only what the story says, with the story and the platform.
        found: {
          platform_id: intake.platform_id, story: intake.story, problem_type: null, order_id: order, occurred_at: '',
          product: '', amount, symptom: '', error_message: '', steps_tried: '', demand: null, evidence: '',
        },
        problem_type: vocab.problem_types[0], confidence: 0.5,
        needs_confirmation: true, alternative: vocab.problem_types[1], suggested_contacts: [],
      };
    },
    analyse: async (intake, caseId) => analyse(intake, caseId ? cases.get(caseId)?.contacts.length ?? 0 : 0),
    caseCreate: async (intake) => {
      const id = `c${seq++}`;
      const d = detail(id, intake);
      cases.set(id, d);
      return d;
    },
    caseUpdate: async (id, intake) => {
      const d = detail(id, intake, get(id));
      d.timeline = [...d.timeline, { at: now(), kind: 'edited', text: '修改了订单信息' }];
      cases.set(id, d);
      return d;
    },
    caseList: async (page) => {
      // Like the backend: every word must appear in what the user wrote, ASCII case ignored.
      const words = (page?.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const text = (d: CaseDetail) =>
        [d.summary.title, d.intake.order_id, d.intake.product, d.intake.story, d.intake.symptom, d.intake.error_message, d.summary.platform_name]
          .join('\n')
          .toLowerCase();
      const all = [...cases.values()].filter((d) => words.every((w) => text(d).includes(w))).map((d) => d.summary);
      return page ? all.slice(page.offset, page.offset + page.limit) : all;
    },
    // The backend counts failed recharges within a day; the stand-in has none to count.
    homeNudges: async () => [],
    caseToPhone: async (id) => {
      const d = get(id);
      const text = `客服电话：400-000-0000\n\n要问的问题：\n${d.analysis.description_text}`;
      // A stand-in picture: the real one is drawn by the shell.
      return { text, qr_svg: '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>', shortened: false };
    },
    caseGet: async (id) => {
      // Like the backend: the title is written when the case is saved, not derived on every read.
      const d = detail(id, get(id).intake, get(id));
      return { ...d, summary: { ...d.summary, title: get(id).summary.title } };
    },
    caseTimeline: async (id, skip, limit) => {
      const all = get(id).timeline;
      return all.slice(Math.max(0, all.length - skip - limit), Math.max(0, all.length - skip));
    },
    caseSetStatus: async (id, status) => {
      const d = get(id);
      d.summary.status = vocab.statuses.find((s) => s.code === status) ?? d.summary.status;
      return d;
    },
    caseDelete: async (id) => void cases.delete(id),
    contactLog: async (id, contact) => {
      const prev = get(id);
      prev.contacts = [...prev.contacts, {
        id: seq++, channel: vocab.channels.find((x) => x.code === contact.channel)!, at: contact.at || now(),
        outcome: vocab.outcomes.find((x) => x.code === contact.outcome)!, note: contact.note, reference: contact.reference,
      }];
      prev.timeline = [...prev.timeline, { at: contact.at || now(), kind: 'contact', text: `联系了${contact.channel}` }];
      const d = detail(id, prev.intake, prev);
      cases.set(id, d);
      return d;
    },
    selfhelpGet: async (code) => {
      const e = selfhelp.find((x) => x.problem_type.code === code) ?? selfhelp[0];
      return shEntry({ ...e, problem_type: vocab.problem_types.find((p) => p.code === code) ?? e.problem_type });
    },
    selfhelpSearch: async (query) => {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const found = words.length ? selfhelp.filter((e) => words.some((w) => e.words.includes(w) || e.problem_type.code.includes(w))) : selfhelp;
      return { entries: found.map(shEntry), resolved_count: selfhelpResolved };
    },
    selfhelpResolve: async (id) => resolveBySelfHelp(id),
    selfhelpResolveNew: async (intake) => {
      const id = `c${seq++}`;
      cases.set(id, detail(id, intake));
      return resolveBySelfHelp(id);
    },
    reminderAdd: async (id, dueAt, kind, message) => {
      reminders.push({ id: seq++, case_id: id, due_at: dueAt, kind, message, done: false });
      return detail(id, get(id).intake, get(id));
    },
    remindersPending: async () => reminders.filter((r) => !r.done),
    reminderDone: async (rid) => {
      reminders = reminders.map((r) => (r.id === rid ? { ...r, done: true } : r));
    },
    draftSave: async (key, body) => void drafts.set(key, body),
    draftLoad: async (key) => (drafts.has(key) ? { key, body: drafts.get(key)!, updated_at: now() } : null),
    draftDiscard: async (key) => void drafts.delete(key),
    platformList: async () => [...platforms.values()],
    platformDefault: async () => profile(),
    platformQuickAdd: async (name, contact) => {
      if (!name.trim()) throw { code: 'invalid_field', field: 'name', message: 'a platform needs a name' };
      const c = contact.trim();
      const p = { ...profile(), name: name.trim() };
      if (c.startsWith('data:image/')) p.links = { ...p.links, contact_qr: c };
      else if (/^https?:\/\//i.test(c)) p.links = { ...p.links, chat_url: c };
      else if (/^\S+@\S+$/.test(c)) p.links = { ...p.links, email: c };
      else if (/^[\d\s+()-]+$/.test(c) && /-|^\+|^1\d{10}$|^[48]00\d{7}$/.test(c)) p.phone = { ...p.phone, number: c };
      else if (/^(qq\D*)?[1-9]\d{4,10}$/i.test(c.replace(/\s/g, ''))) p.links = { ...p.links, qq: c.replace(/\D/g, '') };
      else if (c) throw { code: 'invalid_field', field: 'contact', message: `${c} is not a web address, an e-mail address, a phone number or a QQ number` };
      const e = { id: `p${seq++}`, profile: p, vip: false, verified: false };
      platforms.set(e.id, e);
      return e;
    },
    platformSave: async (entry) => {
      const e = { ...entry, id: entry.id ?? `p${seq++}` };
      platforms.set(e.id!, e);
      return e;
    },
    platformDelete: async (id) => void platforms.delete(id),
    platformImport: async (toml) => {
      const name = /name\s*=\s*"([^"]*)"/.exec(toml)?.[1];
      if (!name) throw { code: 'invalid_profile', field: null, message: 'missing name' };
      const e = { id: `p${seq++}`, profile: { ...profile(), name }, vip: false, verified: false };
      platforms.set(e.id, e);
      return e;
    },
    platformExport: async (id) => ({ toml: `name = "${platforms.get(id)?.profile.name ?? ''}"\n`, path: `/tmp/${id}.toml` }),
    copyText: async () => undefined,
    openUrl: async () => undefined,

    keychain: new Map(),
    shift: 0,
    failCreate: null,
    ticketProblem: (id, problem) => {
      const t = getTicket(id);
      t.problem_code = problem;
      t.problem = problem ? `problem: ${problem}` : null;
    },
    notify: (n) => {
      const v: NotificationView = {
        id: seq++, at: n.at ?? now(), kind: l(n.kind, kindLabels[n.kind]), case_id: n.case_id, title: n.title, body: n.body,
        read: false, order_watch_id: n.order_watch_id ?? null,
      };
      notifications.push(v);
      fire(n.case_id ? [n.case_id] : []);
      return v;
    },
    emitChanged: () => fire(),
    clickNotification: (r) => opens.forEach((h) => h(r)),
    hideToTray: (text) => trayHints.forEach((h) => h({ text })),
    helpdeskList: async () => [...helpdesks.values()].map(hdView),
    helpdeskAdd: async (form) => {
      const name = form.name.trim();
      if (!name) throw { code: 'invalid_field', field: 'name', message: 'name is required' };
      if (form.kind !== 'manual' && !/^https?:\/\//.test(form.url)) throw { code: 'invalid_field', field: 'url', message: 'must be an http(s) address' };
      if (!(form.kind in hdKinds)) throw { code: 'invalid_field', field: 'kind', message: `${form.kind} is not rt, zendesk or manual` };
      const kind = form.kind as HelpdeskKind;
      const needs = kind !== 'manual';
      if (needs && !form.token && !api.keychain.has(name)) throw { code: 'invalid_field', field: 'token', message: 'a token is required' };
      if (needs && form.token) api.keychain.set(name, form.token);
      const h = {
        name, kind: l(kind, hdKinds[kind]), url: form.url.trim(), queue: form.queue?.trim() || null,
        email: form.email?.trim() || null, created_at: helpdesks.get(name)?.created_at ?? now(), needs_token: needs,
      };
      helpdesks.set(name, h);
      // A new token resumes the helpdesk's stopped tickets.
      if (form.token) tickets.forEach((t) => t.helpdesk === name && t.problem_code === 'auth' && ((t.problem_code = null), (t.problem = null)));
      return hdView(h);
    },
    helpdeskRemove: async (name) => {
      if (tickets.some((t) => t.helpdesk === name)) throw { code: 'in_use', field: null, message: `helpdesk ${name} has tickets` };
      if (!helpdesks.delete(name)) throw { code: 'not_found', field: null, message: `helpdesk ${name}` };
      api.keychain.delete(name);
    },
    trackingPanel: async (caseId) => {
      const d = get(caseId);
      const mine = tickets.filter((t) => t.case_id === caseId);
      const deadlines: DeadlineView[] = [];
      const dl = (kind: DeadlineKind, label: string, ticket: number | null, due: number, warn: number, hint: string) => {
        const left = Math.round((due - Date.now()) / 1000);
        deadlines.push({ kind: l(kind, label), ticket_id: ticket, due_at: iso(due), warn_at: iso(warn), seconds_left: left, passed: left <= 0, hint });
      };
      const occurred = Date.parse(d.intake.occurred_at);
      if (d.intake.problem_type === 'recharge_failed' && !isNaN(occurred)) {
        dl('recharge_window', '24 小时反馈期', null, occurred + 24 * 3600_000, occurred + 18 * 3600_000, '请尽快联系客服并保留截图');
      }
      for (const t of mine) {
        if (['resolved', 'closed', 'rejected'].includes(t.status?.code ?? '') || t.replied_at) continue;
        const sub = Date.parse(t.submitted_at);
        dl('ticket_sla', '工单 3 个工作日', t.id, sub + 3 * 86400_000, sub + 2 * 86400_000, '3 个工作日未处理 — 可向12315投诉');
      }
      deadlines.sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at));
      return {
        case_id: caseId,
        tickets: mine,
        callbacks: callbacks.filter((x) => x.case_id === caseId).map(cbView).reverse(),
        deadlines,
        helpdesks: [...helpdesks.values()].map(hdView),
        manual_statuses: ['new', 'open', 'pending', 'resolved', 'closed'].map(statusCoded),
        callback_outcomes: outcomes,
        vip_callback_minutes: 10,
        callback_minutes: 120,
        max_promise_minutes: 7 * 24 * 60,
      };
    },
    ticketCreate: async (caseId, name) => {
      const d = get(caseId);
      const h = helpdesks.get(name);
      if (!h) throw { code: 'not_found', field: null, message: `helpdesk ${name}` };
      if (api.failCreate) {
        const code = api.failCreate;
        api.failCreate = null;
        throw { code, field: null, message: `${code} from ${name}` };
      }
      const remote = String(1000 + seq);
      const t: TicketView = {
        id: seq++, case_id: caseId, helpdesk: name, helpdesk_kind: h.kind, remote_id: remote, url: `${h.url}/Ticket/Display.html?id=${remote}`,
        subject: d.analysis.recommendation.subject, submitted_at: iso(clock()), status: statusCoded('new'), manual: false, finished: false,
        last_synced_at: iso(clock()), next_sync_at: null, replied_at: null, problem_code: null, problem: null,
      };
      tickets.push(t);
      timeline(caseId, 'ticket', `提交了工单 #${remote}`);
      const attached = itemsOf(caseId).map((e) => e.original_name);
      return { ticket: t, attached, skipped: [], location_removed: [] };
    },
    ticketRecord: async (caseId, input) => {
      get(caseId);
      const { remote_id: remoteId, status } = input;
      if (!remoteId.trim()) throw { code: 'invalid_field', field: 'remote_id', message: 'remote_id is required' };
      const t: TicketView = {
        id: seq++, case_id: caseId, helpdesk: input.helpdesk ?? 'manual', helpdesk_kind: l('manual', hdKinds.manual), remote_id: remoteId.trim(), url: input.url.trim() || null,
        subject: get(caseId).analysis.recommendation.subject, submitted_at: iso(clock()), status: statusCoded(status || 'new'), manual: true, finished: false,
        last_synced_at: null, next_sync_at: null, replied_at: null, problem_code: null, problem: null,
      };
      tickets.push(t);
      timeline(caseId, 'ticket', `记下了工单 #${t.remote_id}`);
      return t;
    },
    ticketSetStatus: async (id, status) => {
      const t = getTicket(id);
      t.status = statusCoded(status);
      t.finished = ['resolved', 'closed', 'rejected', 'deleted'].includes(status);
      tickets = [...tickets];
      timeline(t.case_id, 'ticket_status', `工单 #${t.remote_id} 状态：${t.status.label}`);
      return t;
    },
    ticketResume: async (id) => {
      const t = getTicket(id);
      if (t.manual) throw { code: 'invalid_field', field: 'ticket', message: 'this ticket is tracked by hand' };
      t.problem_code = null;
      t.problem = null;
      t.next_sync_at = iso(clock());
      tickets = [...tickets];
      return t;
    },
    callbackRequest: async (caseId, form) => {
      get(caseId);
      const minutes = form.promise_minutes ?? (form.channel === 'vip_exclusive' ? 10 : 120);
      if (minutes <= 0 || minutes > 7 * 24 * 60) throw { code: 'invalid_field', field: 'promise', message: 'promise out of range' };
      const at = form.requested_at ? Date.parse(form.requested_at) : clock();
      const cb = {
        id: seq++, case_id: caseId, channel: vocab.channels.find((x) => x.code === form.channel) ?? c(form.channel, form.channel),
        requested_at: iso(at), due_at: iso(at + minutes * 60_000), overdue_at: iso(at + (minutes + 10) * 60_000), note: form.note, outcome: null, outcome_at: null,
      };
      callbacks.push(cb);
      timeline(caseId, 'callback', `等待回电（${minutes} 分钟内）`);
      return cbView(cb);
    },
    callbackAwait: async (platformId, form) => {
      if (!form.channel.trim()) throw { code: 'invalid_field', field: 'channel', message: 'choose who promised the callback' };
      const name = (platformId && platforms.get(platformId)?.profile.name) || profile().name;
      const d = detail(`c${seq++}`, { ...emptyIntake(), platform_id: platformId });
      d.summary.title = `等待${name}回电`;
      d.summary.status = vocab.statuses.find((s) => s.code === 'waiting')!;
      cases.set(d.summary.id, d);
      try {
        return { case_id: d.summary.id, callback: await api.callbackRequest(d.summary.id, form) };
      } catch (e) {
        cases.delete(d.summary.id);
        throw e;
      }
    },
    callbackOutcome: async (id, outcome, note) => {
      const cb = callbacks.find((x) => x.id === id);
      if (!cb) throw { code: 'not_found', field: null, message: `callback ${id}` };
      const o = outcomes.find((x) => x.code === outcome);
      if (!o) throw { code: 'invalid_field', field: 'outcome', message: outcome };
      Object.assign(cb, { outcome: o, outcome_at: now() });
      timeline(cb.case_id, 'callback_outcome', `回电结果：${o.label}${note ? `（${note}）` : ''}`);
      return cbView(cb);
    },
    orderWatchList: async () => watches.filter((w) => w.state.code === 'waiting' || w.state.code === 'late').map(wView),
    orderWatchAdd: async (form) => {
      if (!form.order_id.trim()) throw { code: 'invalid_field', field: 'order_id', message: 'order_id is required' };
      const paid = form.paid_at ? Date.parse(form.paid_at) : clock();
      if (isNaN(paid)) throw { code: 'invalid_field', field: 'paid_at', message: 'paid_at' };
      const w = {
        id: seq++, order_id: form.order_id.trim(), product: form.product.trim(), amount: form.amount.trim(), platform_id: form.platform_id,
        paid_at: iso(paid), expected_at: iso(paid + form.within_minutes * 60_000), state: c('waiting', wStates.waiting), case_id: null,
      };
      watches.push(w);
      return wView(w);
    },
    orderWatchConfirm: async (id) => {
      const w = getWatch(id);
      w.state = c('delivered', wStates.delivered);
      return wView(w);
    },
    orderWatchDismiss: async (id) => {
      const w = getWatch(id);
      w.state = c('dismissed', wStates.dismissed);
      return wView(w);
    },
    orderWatchOpenCase: async (id) => {
      const w = getWatch(id);
      const d = await api.caseCreate({
        platform_id: w.platform_id, story: `订单 ${w.order_id} 付款后没有到账`, problem_type: 'delivery_delay', order_id: w.order_id,
        occurred_at: w.paid_at, product: w.product, amount: w.amount, symptom: '付款后未到账', error_message: '', steps_tried: '', demand: null, evidence: '',
      });
      w.state = c('case_opened', wStates.case_opened);
      w.case_id = d.summary.id;
      return d;
    },
    notificationList: async () => ({
      items: [...notifications].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id),
      unread: unread(),
    }),
    notificationUnread: async () => unread(),
    notificationRead: async (id) => {
      notifications = notifications.map((n) => (n.id === id ? { ...n, read: true } : n));
      return unread();
    },
    notificationReadAll: async () => {
      notifications = notifications.map((n) => ({ ...n, read: true }));
      return unread();
    },
    notifyPrefsGet: async () => ({ kinds: Object.entries(kindLabels).map(([code, label]) => ({ code, label, enabled: enabled.has(code) })) }),
    notifyPrefsSave: async (kinds) => {
      enabled = new Set(kinds.filter((k) => k in kindLabels));
      return api.notifyPrefsGet();
    },
    onTrackerChanged: async (h) => {
      changed.add(h);
      return () => void changed.delete(h);
    },
    onOpenRequest: async (h) => {
      opens.add(h);
      return () => void opens.delete(h);
    },
    onTrayHint: async (h) => {
      trayHints.add(h);
      return () => void trayHints.delete(h);
    },
  };
  return api;
}
