// The API the components use. They receive it through context (see src/context.ts), so tests and the
// browser preview can pass a fake; only this folder imports @tauri-apps/*.
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
  TrackingPanel,
  CaseDetail,
  CaseSummary,
  ContactInput,
  Draft,
  EvidenceView,
  ExportedProfile,
  ExportResult,
  Gallery,
  ImportOutcome,
  Intake,
  CaseMail,
  MailAccountForm,
  MailAccountView,
  MailPresetView,
  MailSendForm,
  MailSendResult,
  MailTestResult,
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
import type { CasePage, FileDrop } from './commands';
import * as commands from './commands';


export type * from './bindings';
export type { IpcError } from './errors';
export { toIpcError } from './errors';
export type { CasePage, FileDrop } from './commands';

export interface Api {
  appInfo(): Promise<AppInfo>;
  vocabulary(): Promise<Vocabulary>;
  settingsGet(): Promise<Settings>;
  settingsSave(settings: Settings): Promise<Settings>;
  readStory(intake: Intake): Promise<StoryReading>;
  /** Simple mode: the one answer screen for a tile or a story (the wizard's reading and recommendation). */
  simpleAnswer(ask: SimpleAsk): Promise<SimpleAnswer>;
  /** Read-aloud: the OS speech engine reads the text in the app's language (errors `speech_*`). */
  speak(text: string): Promise<void>;
  speakStop(): Promise<void>;
  analyse(intake: Intake, caseId: string | null): Promise<Analysis>;
  caseCreate(intake: Intake): Promise<CaseDetail>;
  caseUpdate(id: string, intake: Intake): Promise<CaseDetail>;
  /** Every case, newest first; with `page`, only that slice of the same order. */
  caseList(page?: CasePage): Promise<CaseSummary[]>;
  caseGet(id: string): Promise<CaseDetail>;
  /** Earlier history: `limit` entries before the `skip` newest, oldest first. */
  caseTimeline(id: string, skip: number, limit: number): Promise<TimelineEntry[]>;
  /** The number, opening message and questions as text and a QR code for the phone. */
  caseToPhone(id: string): Promise<PhoneHandoff>;
  /** Nudges for the home screen (several failed recharges within a day). */
  homeNudges(): Promise<Nudge[]>;
  caseSetStatus(id: string, status: string): Promise<CaseDetail>;
  caseDelete(id: string): Promise<void>;
  contactLog(id: string, contact: ContactInput): Promise<CaseDetail>;
  /** The self-help entry ("try these steps first") of a problem type, in the user's language. */
  selfhelpGet(problemType: string): Promise<SelfHelpEntry>;
  /** Entries matching the words, best first (all for an empty query), and the resolved-by-self-help count. */
  selfhelpSearch(query: string): Promise<SelfHelpSearch>;
  /** "That solved it" on a saved case: resolved without a contact, with a timeline note. */
  selfhelpResolve(id: string): Promise<CaseDetail>;
  /** "That solved it" in the wizard: saves the case, already resolved. */
  selfhelpResolveNew(intake: Intake): Promise<CaseDetail>;
  reminderAdd(id: string, dueAt: string, kind: string, message: string): Promise<CaseDetail>;
  remindersPending(): Promise<ReminderView[]>;
  reminderDone(reminderId: number): Promise<void>;
  draftSave(key: string, body: string): Promise<void>;
  draftLoad(key: string): Promise<Draft | null>;
  draftDiscard(key: string): Promise<void>;
  platformList(): Promise<PlatformEntry[]>;
  platformDefault(): Promise<ProfileForm>;
  platformSave(entry: PlatformEntry): Promise<PlatformEntry>;
  /** A name and whatever the user has (link, e-mail, phone, QQ); the rest keeps the defaults. */
  platformQuickAdd(name: string, contact: string): Promise<PlatformEntry>;
  platformDelete(id: string): Promise<void>;
  platformImport(toml: string): Promise<PlatformEntry>;
  platformExport(id: string): Promise<ExportedProfile>;
  /** Text onto the system clipboard (the shell's copy_text: GTK on Linux, the clipboard plugin elsewhere). */
  copyText(text: string): Promise<void>;
  /** Opens an http(s)/mailto/tel link with the user's program for it (the shell's `open_link`). */
  openUrl(url: string): Promise<void>;

  /** The evidence vault: open or locked, and what the start-up check found. */
  vaultStatus(): Promise<VaultStatus>;
  vaultUnlock(passphrase: string): Promise<VaultStatus>;
  evidenceList(caseId: string): Promise<Gallery>;
  evidenceImportPaths(caseId: string, paths: string[], kind: string, caption: string): Promise<ImportOutcome[]>;
  /** A pasted image (sent as base64). */
  evidenceImportBytes(caseId: string, name: string, bytes: Uint8Array, kind: string, caption: string): Promise<ImportOutcome>;
  evidenceUpdate(id: string, kind: string, caption: string): Promise<EvidenceView>;
  evidenceRemove(id: string): Promise<void>;
  /** The original file, full size. */
  evidenceImage(id: string, mediaType: string): Promise<Blob>;
  /** A thumbnail the gallery did not send inline (`thumbnail_later`). */
  evidenceThumbnail(id: string): Promise<string | null>;
  evidenceVerify(caseId: string): Promise<VerifyReport>;
  /** Writes the zip (Downloads) and shows it in its folder. */
  evidenceExport(caseId: string, keepLocation: boolean): Promise<ExportResult>;
  /** The native file dialog; [] when cancelled. */
  pickFiles(title: string, imagesLabel: string, allLabel: string): Promise<string[]>;
  /** Files dragged onto the window; resolves to the function that stops listening. */
  onFileDrop(handler: (e: FileDrop) => void): Promise<() => void>;

  // ---- Tracking ----
  /** The user's helpdesks (never their tokens). */
  helpdeskList(): Promise<HelpdeskView[]>;
  /** Adds (or updates, by name) a helpdesk; the token goes to the OS keychain only. */
  helpdeskAdd(input: HelpdeskForm): Promise<HelpdeskView>;
  helpdeskRemove(name: string): Promise<void>;
  /** A case's tickets, callbacks and deadlines, with the helpdesks and the forms' choices. */
  trackingPanel(caseId: string): Promise<TrackingPanel>;
  /** Opens a ticket through a helpdesk (the composer's ticket text, the case's evidence attached). */
  ticketCreate(caseId: string, helpdesk: string): Promise<TicketCreated>;
  /** A ticket the user submitted elsewhere: its number and status, tracked by hand. */
  ticketRecord(caseId: string, input: ManualTicketForm): Promise<TicketView>;
  ticketSetStatus(ticketId: number, status: string): Promise<TicketView>;
  /** Check a stopped ticket again now (not a hand-tracked one). */
  ticketResume(ticketId: number): Promise<TicketView>;
  callbackRequest(caseId: string, input: CallbackForm): Promise<CallbackView>;
  /** "Waiting for a callback" without a case: opens one for the wait and starts the countdown. */
  callbackAwait(platformId: string | null, input: CallbackForm): Promise<AwaitedCall>;
  callbackOutcome(callbackId: number, outcome: string, note: string): Promise<CallbackView>;
  orderWatchList(): Promise<OrderWatchView[]>;
  orderWatchAdd(input: OrderWatchForm): Promise<OrderWatchView>;
  orderWatchConfirm(id: number): Promise<OrderWatchView>;
  orderWatchDismiss(id: number): Promise<OrderWatchView>;
  /** A case pre-filled with the order; the watch ends. */
  orderWatchOpenCase(id: number): Promise<CaseDetail>;
  notificationList(): Promise<NotificationList>;
  notificationUnread(): Promise<number>;
  /** Resolves to the unread count after. */
  notificationRead(id: number): Promise<number>;
  notificationReadAll(): Promise<number>;
  notifyPrefsGet(): Promise<NotifyPrefs>;
  /** The codes of the kinds that reach the OS. */
  notifyPrefsSave(kinds: string[]): Promise<NotifyPrefs>;

  // ---- E-mail (crates/api/src/mail.rs) ----
  /** The mailboxes with presets (QQ邮箱, 163, 126, Gmail): servers and what to enter as the password. */
  mailPresets(): Promise<MailPresetView[]>;
  /** The preset for an address as typed (null: servers by hand); Outlook/Hotmail/Live/MSN: `mail_oauth_only`. */
  mailPresetFor(email: string): Promise<MailPresetView | null>;
  /** The user's mailboxes (never their passwords). */
  mailAccountList(): Promise<MailAccountView[]>;
  /** Adds or changes a mailbox (by name); the password goes to the OS keychain only, empty keeps the saved one. */
  mailAccountSave(input: MailAccountForm): Promise<MailAccountView>;
  mailAccountRemove(name: string): Promise<void>;
  /** Logs in to both servers; the first step that fails is the error (`mail_connect`, `mail_tls`, `mail_login`, `mail_folder`). */
  mailTest(input: MailAccountForm): Promise<MailTestResult>;
  /** Sends the case's e-mail with the chosen evidence; an unfinished earlier send is `invalid_field` on `resend`. */
  mailSend(input: MailSendForm): Promise<MailSendResult>;
  /** A case's sent e-mails (unfinished ones too) and the platform's answers. */
  caseMail(caseId: string): Promise<CaseMail>;
  /** The tracker changed something (tickets, callbacks, notifications …). */
  onTrackerChanged(handler: (c: TrackerChanged) => void): Promise<() => void>;
  /** A click on a desktop notification asks to show a case (or an order watch). */
  onOpenRequest(handler: (r: OpenRequest) => void): Promise<() => void>;
  /** The window went to the tray for the first time; the hint says where the app is. */
  onTrayHint(handler: (h: TrayHint) => void): Promise<() => void>;
}

export const tauriApi: Api = { ...commands };

/** True inside the Tauri WebView (the IPC bridge is present). */
export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}
