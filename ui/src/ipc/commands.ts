// Typed wrappers around the shell's Tauri commands. Argument names are camelCase here; Tauri maps them to
// the Rust snake_case parameters. Every rejection is normalised to an `IpcError`.
import { Channel, invoke } from '@tauri-apps/api/core';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import type {
  Analysis,
  AppInfo,
  AwaitedCall,
  Nudge,
  PhoneHandoff,
  CallbackForm,
  CallbackView,
  HelpdeskForm,
  HelpdeskView,
  ManualTicketForm,
  NotificationList,
  NotifyPrefs,
  OpenRequest,
  OrderWatchForm,
  OrderWatchView,
  TicketCreated,
  TicketView,
  TrackerChanged,
  TrayHint,
  UiEvent,
  TrackingPanel,
  CaseDetail,
  CaseMail,
  CaseSummary,
  ContactInput,
  MailAccountForm,
  MailAccountView,
  MailPresetView,
  MailSendForm,
  MailSendResult,
  MailTestResult,
  Draft,
  EvidenceView,
  ExportedProfile,
  ExportResult,
  Gallery,
  ImportOutcome,
  Intake,
  PlatformEntry,
  ProfileForm,
  ReminderView,
  SelfHelpEntry,
  SelfHelpSearch,
  Settings,
  SimpleAnswer,
  SimpleAsk,
  StoryReading,
  TimelineEntry,
  VaultStatus,
  VerifyReport,
  Vocabulary,
} from './bindings';
import { toIpcError } from './errors';

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toIpcError(e);
  }
}

export const appInfo = () => call<AppInfo>('app_info');
export const vocabulary = () => call<Vocabulary>('vocabulary');

export const settingsGet = () => call<Settings>('settings_get');
export const settingsSave = (settings: Settings) => call<Settings>('settings_save', { settings });

export const readStory = (intake: Intake) => call<StoryReading>('read_story', { intake });
export const simpleAnswer = (ask: SimpleAsk) => call<SimpleAnswer>('simple_answer', { ask });
export const speak = (text: string) => call<void>('speak', { text });
export const speakStop = () => call<void>('speak_stop');
export const analyse = (intake: Intake, caseId: string | null) =>
  call<Analysis>('analyse', { intake, caseId });

export const caseCreate = (intake: Intake) => call<CaseDetail>('case_create', { intake });
export const caseUpdate = (id: string, intake: Intake) => call<CaseDetail>('case_update', { id, intake });
/**
 * A slice of the case list: `limit` cases (at most 500) after the first `offset`; with a `query`,
 * only the cases where every word of it appears (order number, product, story, platform, ticket).
 */
export interface CasePage {
  offset: number;
  limit: number;
  query?: string;
}
export const caseList = (page?: CasePage) => call<CaseSummary[]>('case_list', page ? { ...page } : undefined);
export const caseGet = (id: string) => call<CaseDetail>('case_get', { id });
export const caseTimeline = (id: string, skip: number, limit: number) =>
  call<TimelineEntry[]>('case_timeline', { id, skip, limit });
export const caseToPhone = (id: string) => call<PhoneHandoff>('case_to_phone', { id });
export const homeNudges = () => call<Nudge[]>('home_nudges');
export const caseSetStatus = (id: string, status: string) =>
  call<CaseDetail>('case_set_status', { id, status });
export const caseDelete = (id: string) => call<void>('case_delete', { id });

export const contactLog = (id: string, contact: ContactInput) =>
  call<CaseDetail>('contact_log', { id, contact });

export const selfhelpGet = (problemType: string) => call<SelfHelpEntry>('selfhelp_get', { problemType });
export const selfhelpSearch = (query: string) => call<SelfHelpSearch>('selfhelp_search', { query });
export const selfhelpResolve = (id: string) => call<CaseDetail>('selfhelp_resolve', { id });
export const selfhelpResolveNew = (intake: Intake) => call<CaseDetail>('selfhelp_resolve_new', { intake });

export const reminderAdd = (id: string, dueAt: string, kind: string, message: string) =>
  call<CaseDetail>('reminder_add', { id, dueAt, kind, message });
export const remindersPending = () => call<ReminderView[]>('reminders_pending');
export const reminderDone = (reminderId: number) => call<void>('reminder_done', { reminderId });

export const draftSave = (key: string, body: string) => call<void>('draft_save', { key, body });
export const draftLoad = (key: string) => call<Draft | null>('draft_load', { key });
export const draftDiscard = (key: string) => call<void>('draft_discard', { key });

export const platformList = () => call<PlatformEntry[]>('platform_list');
export const platformDefault = () => call<ProfileForm>('platform_default');
export const platformSave = (entry: PlatformEntry) => call<PlatformEntry>('platform_save', { entry });
export const platformQuickAdd = (name: string, contact: string) =>
  call<PlatformEntry>('platform_quick_add', { name, contact });
export const platformDelete = (id: string) => call<void>('platform_delete', { id });
export const platformImport = (toml: string) => call<PlatformEntry>('platform_import', { toml });
export const platformExport = (id: string) => call<ExportedProfile>('platform_export', { id });

export const copyText = (text: string) => call<void>('copy_text', { text });

export const openUrl = (url: string) => call<void>('open_link', { url });

// ---- Evidence ----

export const vaultStatus = () => call<VaultStatus>('vault_status');
export const vaultUnlock = (passphrase: string) => call<VaultStatus>('vault_unlock', { passphrase });
export const evidenceList = (caseId: string) => call<Gallery>('evidence_list', { caseId });
export const evidenceImportPaths = (caseId: string, paths: string[], kind: string, caption: string) =>
  call<ImportOutcome[]>('evidence_import_paths', { caseId, paths, kind, caption });
export const evidenceImportBytes = (caseId: string, name: string, bytes: Uint8Array, kind: string, caption: string) =>
  call<ImportOutcome>('evidence_import_bytes', { caseId, name, base64: toBase64(bytes), kind, caption });
export const evidenceUpdate = (id: string, kind: string, caption: string) =>
  call<EvidenceView>('evidence_update', { id, kind, caption });
export const evidenceRemove = (id: string) => call<void>('evidence_remove', { id });
export const evidenceVerify = (caseId: string) => call<VerifyReport>('evidence_verify', { caseId });
export const evidenceExport = (caseId: string, keepLocation: boolean) =>
  call<ExportResult>('evidence_export', { caseId, keepLocation });

/** The full-size file: the command answers with raw bytes (an ArrayBuffer), never JSON. */
export const evidenceThumbnail = (id: string) => call<string | null>('evidence_thumbnail', { id });
export async function evidenceImage(id: string, mediaType: string): Promise<Blob> {
  const buf = await call<ArrayBuffer>('evidence_image', { id });
  return new Blob([buf], { type: mediaType });
}

/** Bytes → base64 in slices, so a large screenshot never builds one huge argument list. */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/** The native "open files" dialog, shown by the shell, which remembers what was picked: only those
 * files (and files dropped on the window) can be imported. Cancel gives []. */
export const pickFiles = (title: string, imagesLabel: string, allLabel: string) =>
  call<string[]>('pick_files', { title, imagesLabel, allLabel });

/** Files dragged over and dropped on the window (the webview's drag-drop event). Returns the unlisten. */
export async function onFileDrop(handler: (e: FileDrop) => void): Promise<() => void> {
  return getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload;
    if (p.type === 'enter') handler({ type: 'over', paths: p.paths });
    else if (p.type === 'over') handler({ type: 'over', paths: [] });
    else if (p.type === 'drop') handler({ type: 'drop', paths: p.paths });
    else handler({ type: 'leave', paths: [] });
  });
}

export interface FileDrop {
  type: 'over' | 'drop' | 'leave';
  paths: string[];
}

// ---- Tracking ----

export const helpdeskList = () => call<HelpdeskView[]>('helpdesk_list');
export const helpdeskAdd = (input: HelpdeskForm) => call<HelpdeskView>('helpdesk_add', { input });
export const helpdeskRemove = (name: string) => call<void>('helpdesk_remove', { name });
export const trackingPanel = (caseId: string) => call<TrackingPanel>('tracking_panel', { caseId });
export const ticketCreate = (caseId: string, helpdesk: string) => call<TicketCreated>('ticket_create', { caseId, helpdesk });
export const ticketRecord = (caseId: string, input: ManualTicketForm) => call<TicketView>('ticket_record', { caseId, input });
export const ticketSetStatus = (ticketId: number, status: string) => call<TicketView>('ticket_set_status', { ticketId, status });
export const ticketResume = (ticketId: number) => call<TicketView>('ticket_resume', { ticketId });
export const callbackAwait = (platformId: string | null, input: CallbackForm) =>
  call<AwaitedCall>('callback_await', { platformId, input });
export const callbackRequest = (caseId: string, input: CallbackForm) =>
  call<CallbackView>('callback_request', { caseId, input });
export const callbackOutcome = (callbackId: number, outcome: string, note: string) =>
  call<CallbackView>('callback_outcome', { callbackId, outcome, note });
export const orderWatchList = () => call<OrderWatchView[]>('order_watch_list');
export const orderWatchAdd = (input: OrderWatchForm) => call<OrderWatchView>('order_watch_add', { input });
export const orderWatchConfirm = (id: number) => call<OrderWatchView>('order_watch_confirm', { id });
export const orderWatchDismiss = (id: number) => call<OrderWatchView>('order_watch_dismiss', { id });
export const orderWatchOpenCase = (id: number) => call<CaseDetail>('order_watch_open_case', { id });
export const notificationList = () => call<NotificationList>('notification_list');
export const notificationUnread = () => call<number>('notification_unread');
export const notificationRead = (id: number) => call<number>('notification_read', { id });
export const notificationReadAll = () => call<number>('notification_read_all');
export const notifyPrefsGet = () => call<NotifyPrefs>('notify_prefs_get');
export const notifyPrefsSave = (kinds: string[]) => call<NotifyPrefs>('notify_prefs_save', { kinds });

// E-mail (crates/api/src/mail.rs): the password in `input` goes to the OS keychain only.
export const mailPresets = () => call<MailPresetView[]>('mail_presets');
export const mailPresetFor = (email: string) => call<MailPresetView | null>('mail_preset_for', { email });
export const mailAccountList = () => call<MailAccountView[]>('mail_account_list');
export const mailAccountSave = (input: MailAccountForm) => call<MailAccountView>('mail_account_save', { input });
export const mailAccountRemove = (name: string) => call<void>('mail_account_remove', { name });
export const mailTest = (input: MailAccountForm) => call<MailTestResult>('mail_test', { input });
export const mailSend = (input: MailSendForm) => call<MailSendResult>('mail_send', { input });
export const caseMail = (caseId: string) => call<CaseMail>('case_mail', { caseId });

// ---- What the shell tells the page unasked (src-tauri/src/ui_events.rs) ----

// One channel for the page, opened with the first handler. Not Tauri's `listen`: registering a
// listener makes the shell run a script in the page, which costs the app's process a JavaScript
// engine of its own (about 3 MB); a channel costs nothing until there is news.
const uiHandlers = new Set<(e: UiEvent) => void>();
let uiChannel: Promise<void> | null = null;

/** Adds a handler of the shell's events; resolves to the function that removes it. */
async function onUiEvent(handler: (e: UiEvent) => void): Promise<() => void> {
  uiHandlers.add(handler);
  if (!uiChannel) {
    const channel = new Channel<UiEvent>();
    channel.onmessage = (e) => uiHandlers.forEach((h) => h(e));
    uiChannel = call<void>('ui_events', { channel }).catch((e) => {
      uiChannel = null; // the next handler tries again
      throw e;
    });
  }
  try {
    await uiChannel;
  } catch (e) {
    uiHandlers.delete(handler);
    throw e;
  }
  return () => void uiHandlers.delete(handler);
}

/** The tracker changed something: the unread count and the cases touched. */
export const onTrackerChanged = (handler: (c: TrackerChanged) => void) =>
  onUiEvent((e) => {
    if (e.kind === 'tracker_changed') handler(e);
  });

/** A desktop notification was clicked. */
export const onOpenRequest = (handler: (r: OpenRequest) => void) =>
  onUiEvent((e) => {
    if (e.kind === 'open_case') handler(e);
  });

/** The window was closed to the tray for the first time: what to tell the user when it is back. */
export const onTrayHint = (handler: (h: TrayHint) => void) =>
  onUiEvent((e) => {
    if (e.kind === 'tray_hidden') handler(e);
  });
