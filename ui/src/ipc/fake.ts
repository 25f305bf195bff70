// An in-memory stand-in for the shell, for `npm run dev` in a plain browser and for tests.
// It returns plausible shapes, not the engine's real advice.
import type { Api } from './index';
import type { Analysis, CaseDetail, Coded, Intake, PlatformEntry, ProfileForm, ReminderView, Settings } from './bindings';

const c = (code: string, label: string): Coded => ({ code, label });

export function fakeApi(): Api {
  let settings: Settings = {
    lang: 'zh-CN', text_scale: 1, theme: 'system',
    contact_name: '', contact_phone: '', contact_email: '', contact_account: '',
  };
  const cases = new Map<string, CaseDetail>();
  const drafts = new Map<string, string>();
  const platforms = new Map<string, PlatformEntry>();
  let reminders: ReminderView[] = [];
  let seq = 1;
  const vocab = {
    problem_types: [c('delivery_delay', '商品/卡密未到账、到账延迟'), c('recharge_failed', '充值失败'), c('card_invalid', '卡密无效'), c('other', '其他')],
    channels: [c('online_chat', '在线客服'), c('vip_exclusive', '专属客服'), c('phone', '电话客服'), c('ticket', '工单系统'), c('email', '邮件'), c('third_party_complaint', '第三方投诉')],
    outcomes: [c('pending', '等待回复'), c('unresolved', '没解决'), c('no_response', '没人回复'), c('dissatisfied', '不满意'), c('resolved', '已解决')],
    demands: [c('refund', '退款'), c('resend', '重发'), c('compensation', '补偿')],
    statuses: [c('open', '处理中'), c('waiting', '等待平台'), c('resolved', '已解决'), c('closed', '已关闭')],
  };
  const profile = (): ProfileForm => ({
    name: '默认平台', timezone: 'Asia/Shanghai', channels: ['online_chat', 'phone', 'ticket', 'email'],
    vip_threshold_cny: 500, vip_callback_minutes: 10, vip_response_hours: 2, ticket_sla_business_days: 3,
    recharge_window_hours: 24, recharge_urgent_hours: 6,
    phone: { number: '400-000-0000', hours: '09:00-18:00', business_days_only: true, peaks: ['09:00-10:00', '19:00-21:00'], callback_service: true },
    links: { chat_url: 'https://example.com/chat', ticket_url: '', email: 'kefu@example.com', vip_contact: '' },
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
      channel: ch(code), text_kind: code === 'online_chat' ? 'chat' : code,
      url: code === 'online_chat' ? 'https://example.com/chat' : null,
      phone: code === 'phone' ? '400-000-0000' : null,
      mailto: code === 'email' ? 'mailto:kefu@example.com' : null, links: [],
    });
    return {
      problem_type: pt, group: c('standard', '一般'), confidence: 0.8, needs_confirmation: false, alternative: null,
      missing, description_text: desc,
      recommendation: {
        primary: action(order[0]), alternatives: order.slice(1).map(action), reasons: ['常见问题,在线客服最快'],
        warnings: [], urgency: '一般', urgent: false, subject: `${i.order_id}-${pt.label}-一般`,
        expected_response: '约 30 秒', prepare: ['订单号', '付款截图'],
        next_phone_opening: null, sla_deadline: null, recharge_deadline: null, escalated: false,
        texts: ['chat', 'phone', 'email', 'ticket', 'complaint'].map((k) => ({ kind: k, label: k, subject: null, body: `${desc}(${k})`, has_placeholders: missing.length > 0 })),
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
      intake, analysis: a, contacts, timeline: prev?.timeline ?? [{ at: now(), kind: 'created', text: '创建案件' }],
      reminders: reminders.filter((r) => r.case_id === id),
    };
  };
  const get = (id: string) => {
    const d = cases.get(id);
    if (!d) throw { code: 'not_found', field: null, message: `case ${id}` };
    return d;
  };
  return {
    appInfo: async () => ({ version: '0.0.0-dev', data_dir: '/tmp/reachright' }),
    vocabulary: async () => vocab,
    settingsGet: async () => settings,
    settingsSave: async (s) => (settings = s),
    readStory: async (intake) => {
      const order = /\d{8,}/.exec(intake.story)?.[0] ?? '';
      const amount = /(\d+(?:\.\d+)?)\s*元/.exec(intake.story)?.[1] ?? '';
      return {
        intake: { ...intake, order_id: order, amount }, problem_type: vocab.problem_types[0], confidence: 0.5,
        needs_confirmation: true, alternative: vocab.problem_types[1],
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
    caseList: async () => [...cases.values()].map((d) => d.summary),
    caseGet: async (id) => detail(id, get(id).intake, get(id)),
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
  };
}
