// Generated from crates/api/src/{models.rs,gallery/,tracking/models.rs,mail.rs} by `UPDATE_BINDINGS=1 cargo test -p reachright-api bindings`.
// Do not edit by hand.

export type Coded = { code: string, label: string, };

export type Labeled<C> = { code: C, label: string, };

export type CaseStatus = "open" | "waiting" | "resolved" | "closed";

export type Outcome = "pending" | "unresolved" | "no_response" | "dissatisfied" | "resolved";

export type ComposeKind = "chat" | "phone" | "email" | "ticket" | "complaint";

export type EvidenceKind = "transfer" | "chat" | "product" | "error" | "other";

export type HelpdeskKind = "rt" | "zendesk" | "manual";

export type DeadlineKind = "recharge_window" | "ticket_sla";

export type NotificationKind = "status_change" | "staff_reply" | "callback_due" | "callback_overdue" | "deadline_soon" | "deadline_passed" | "order_late" | "sync_problem";

export type Intake = { 
/**
 * The platform from the user's directory; `None` uses the built-in default profile.
 */
platform_id: string | null, 
/**
 * The user's own story, as typed or pasted.
 */
story: string, 
/**
 * Set once the user confirmed or corrected the detected problem type.
 */
problem_type: string | null, order_id: string, 
/**
 * `YYYY-MM-DDTHH:MM` (the form's date-time input) in the platform's time zone, or RFC 3339.
 */
occurred_at: string, product: string, 
/**
 * Yuan, as typed: `100`, `99.5`.
 */
amount: string, symptom: string, error_message: string, 
/**
 * One step per line.
 */
steps_tried: string, demand: string | null, 
/**
 * What evidence the user has at hand (one item per line).
 */
evidence: string, };

export type StoryReading = { 
/**
 * Only what the story says (empty where it says nothing), with the story and platform; the
 * wizard fills its empty fields from it — the one merge of typed and found values.
 */
found: Intake, problem_type: Coded, confidence: number, 
/**
 * The type is a guess the user should confirm (one click) before relying on it.
 */
needs_confirmation: boolean, alternative: Coded | null, 
/**
 * Earlier contacts the story tells of ("电话一直占线"), for the user to confirm one by one into
 * the case's history once it is saved; none is recorded without that click.
 */
suggested_contacts: Array<SuggestedContactView>, };

export type SuggestedContactView = { channel: Coded, 
/**
 * The contact-history outcome (`no_response`, `unresolved`, `dissatisfied` …).
 */
outcome: Labeled<Outcome>, 
/**
 * The phrase of the story it was read from.
 */
matched: string, 
/**
 * RFC 3339 when the story says or implies when; empty otherwise (logged as "now").
 */
at: string, };

export type Analysis = { problem_type: Coded, group: Coded, confidence: number, needs_confirmation: boolean, alternative: Coded | null, 
/**
 * Form fields still empty that a complete description needs (codes match [`Intake`]'s fields).
 */
missing: Array<Coded>, 
/**
 * The structured description of the seed: order, time, product, amount, symptom, steps, demand.
 */
description_text: string, recommendation: Recommendation, };

export type Recommendation = { primary: ChannelAction, 
/**
 * What to use this minute when the primary cannot be used now (the phone line at night);
 * `None` when the primary is also the thing to do now. The first reason says why.
 */
do_now: ChannelAction | null, 
/**
 * The rest of the ladder, in order.
 */
alternatives: Array<ChannelAction>, reasons: Array<string>, warnings: Array<WarningView>, 
/**
 * `紧急` or `一般`, as in the e-mail subject.
 */
urgency: string, urgent: boolean, subject: string, expected_response: string, prepare: Array<string>, 
/**
 * RFC 3339; set while the phone line is closed.
 */
next_phone_opening: string | null, 
/**
 * RFC 3339; set when a pending ticket or e-mail decides the result.
 */
sla_deadline: string | null, 
/**
 * RFC 3339; the end of the recharge window, for the countdown.
 */
recharge_deadline: string | null, 
/**
 * The platform has had its chance: the complaint is now the primary channel.
 */
escalated: boolean, 
/**
 * The five texts (chat, phone, email, ticket, complaint), always in Chinese.
 */
texts: Array<ComposedText>, };

export type WarningView = { code: string, message: string, at: string | null, };

export type ChannelAction = { channel: Coded, 
/**
 * The text the user sends or reads out there (a [`ComposedText::kind`]).
 */
text_kind: ComposeKind, 
/**
 * A web page to open (chat, ticket form, VIP contact page), when the platform has one.
 */
url: string | null, 
/**
 * The phone number to call (phone channel, or a VIP agent reached by phone).
 */
phone: string | null, 
/**
 * `mailto:` with the subject of domain.md (email channel).
 */
mailto: string | null, 
/**
 * The platform's 企业微信/微信 QR picture (chat and exclusive agent), to scan with the phone.
 */
qr: string | null, 
/**
 * Where to complain (third-party complaint channel).
 */
links: Array<Link>, };

export type Link = { label: string, url: string, };

export type ComposedText = { kind: ComposeKind, label: string, subject: string | null, body: string, 
/**
 * The text still has 【待补充…】 gaps the user should fill in before sending.
 */
has_placeholders: boolean, };

export type CaseSummary = { id: string, title: string, status: Labeled<CaseStatus>, problem_type: Coded, platform_name: string, 
/**
 * What to do now, e.g. `联系在线客服`.
 */
next_step: string, urgent: boolean, created_at: string, updated_at: string, contacts: number, };

export type CaseDetail = { summary: CaseSummary, intake: Intake, analysis: Analysis, contacts: Array<ContactView>, 
/**
 * The newest entries of the history ([`crate::cases::TIMELINE_FIRST`]), oldest first; the
 * earlier ones come from [`crate::cases::timeline_page`].
 */
timeline: Array<TimelineEntry>, 
/**
 * How many entries the whole history has.
 */
timeline_total: number, 
/**
 * Resolved, with "solved by self-help" somewhere in its history.
 */
resolved_by_self_help: boolean, 
/**
 * "解决了吗？" a day after the last action on an active case.
 */
nudge: Nudge | null, reminders: Array<ReminderView>, };

export type ContactInput = { channel: string, 
/**
 * RFC 3339 or the form's `YYYY-MM-DDTHH:MM`; empty means now.
 */
at: string, outcome: string, note: string, 
/**
 * A ticket number, an agent's name … anything to quote next time.
 */
reference: string, };

export type ContactView = { id: number, channel: Coded, at: string, outcome: Labeled<Outcome>, note: string, reference: string, };

export type SelfHelpRule = { text: string, source: string, };

export type SelfHelpEntry = { problem_type: Coded, title: string, 
/**
 * The checks to try before contacting anyone, in order.
 */
steps: Array<string>, rules: Array<SelfHelpRule>, };

export type SelfHelpSearch = { entries: Array<SelfHelpEntry>, resolved_count: number, };

export type TimelineEntry = { at: string, 
/**
 * `created`, `contact`, `edited`, `status`, `reminder`, `note`.
 */
kind: string, text: string, };

export type ReminderView = { id: number, case_id: string, due_at: string, kind: string, message: string, done: boolean, };

export type PlatformEntry = { 
/**
 * `None` when creating.
 */
id: string | null, profile: ProfileForm, vip: boolean, verified: boolean, };

export type ProfileForm = { name: string, timezone: string, channels: Array<string>, vip_threshold_cny: number, vip_callback_minutes: number, vip_response_hours: number, ticket_sla_business_days: number, recharge_window_hours: number, recharge_urgent_hours: number, phone: PhoneForm, links: LinksForm, calendar: CalendarForm, };

export type PhoneForm = { number: string, 
/**
 * `09:00-18:00`
 */
hours: string, business_days_only: boolean, peaks: Array<string>, callback_service: boolean, };

export type LinksForm = { chat_url: string, ticket_url: string, email: string, vip_contact: string, qq: string, 
/**
 * A pasted 企业微信/微信 QR picture (`data:image/…;base64,`), shown large to scan.
 */
contact_qr: string, };

export type CalendarForm = { extra_holidays: Array<string>, extra_workdays: Array<string>, };

export type Settings = { 
/**
 * `zh-CN`, `zh-Hant` or `en`.
 */
lang: string, 
/**
 * Whether a language was ever saved: a first start follows the system's language.
 * Read only: saving the settings saves a language, so it is then true.
 */
lang_chosen: boolean, 
/**
 * The writing of the texts sent to platforms: `zh-CN` (the default) or `zh-Hant`.
 */
send_lang: string, 
/**
 * 1.0 = normal; the large-text mode goes up to 1.6.
 */
text_scale: number, 
/**
 * `system`, `light` or `dark`.
 */
theme: string, 
/**
 * 长辈模式 (big tiles, one answer screen, read-aloud): `None` until the user has answered the
 * first start's question, so the question is asked once.
 */
simple_mode: boolean | null, contact_name: string, contact_phone: string, contact_email: string, contact_account: string, };

export type Vocabulary = { problem_types: Array<Coded>, channels: Array<Coded>, outcomes: Array<Labeled<Outcome>>, demands: Array<Coded>, statuses: Array<Labeled<CaseStatus>>, };

export type Draft = { key: string, body: string, updated_at: string, };

export type ExportedProfile = { toml: string, path: string, };

export type AppInfo = { version: string, data_dir: string, };

export type EvidenceView = { id: string, case_id: string, 
/**
 * `transfer`, `chat`, `product`, `error` or `other`, with its label.
 */
kind: Labeled<EvidenceKind>, caption: string, original_name: string, 
/**
 * Bytes of the original file.
 */
size: number, media_type: string, width: number | null, height: number | null, 
/**
 * RFC 3339 (UTC): when the picture was taken, as far as the app can tell.
 */
taken_at: string | null, 
/**
 * Where `taken_at` comes from: `exif`, `file`, `pasted` or `unknown`, with its label.
 */
taken_source: Coded, added_at: string, 
/**
 * `data:image/jpeg;base64,…`, for images; `None` for other files, and for pictures past the
 * first [`INLINE_THUMBNAILS`] of a gallery (then `thumbnail_later`).
 */
thumbnail: string | null, 
/**
 * A picture whose thumbnail is not inline: ask [`thumbnail`] for it when it is shown.
 */
thumbnail_later: boolean, 
/**
 * Can be shown full size (an image not larger than the vault's read limit).
 */
viewable: boolean, };

export type ChecklistItem = { 
/**
 * Stable: `payment`, `problem_screen`, `product_screen`, `communication`, `order_id`, `demand`,
 * `question_list`, `description`.
 */
code: string, label: string, 
/**
 * What counts, in a sentence (which kinds of evidence, or which form field).
 */
hint: string, 
/**
 * The evidence kinds that cover it; empty for items the form or a composed text covers.
 */
kinds: Array<string>, covered: boolean, };

export type Checklist = { channel: Coded, items: Array<ChecklistItem>, covered: number, total: number, };

export type Gallery = { items: Array<EvidenceView>, checklist: Checklist, 
/**
 * The kinds the user may choose, in order, with labels.
 */
kinds: Array<Labeled<EvidenceKind>>, };

export type ImportOutcome = { 
/**
 * The file's name as the user knows it.
 */
name: string, item: EvidenceView | null, 
/**
 * The case already had this exact file.
 */
duplicate: boolean, 
/**
 * `unreadable`, `image_too_large`, `bad_image`, `io` …
 */
error_code: string | null, error: string | null, };

export type DamagedItem = { id: string, name: string, kind: Labeled<EvidenceKind>, reason: string, };

export type VerifyReport = { checked: number, ok: number, damaged: Array<DamagedItem>, };

export type MissingItem = { id: string, case_id: string, name: string, };

export type VaultStatus = { open: boolean, 
/**
 * `keychain` or `passphrase` once open.
 */
protection: string | null, 
/**
 * Why it is locked: `keychain_unavailable` (no keychain, first use: a passphrase sets the
 * vault up), `passphrase_needed`, `wrong_passphrase`, `keychain_needed` (set up with the
 * keychain, which cannot be reached now), `config_missing` (vault.json gone, files remain),
 * `key_missing`, `io` …
 */
error_code: string | null, error: string | null, 
/**
 * Entering a passphrase can open (or set up) the vault.
 */
passphrase_helps: boolean, 
/**
 * Files removed at start-up that nothing used any more (an interrupted import's leftovers,
 * or the files of a deleted case).
 */
cleaned: number, 
/**
 * Items whose file is gone.
 */
missing: Array<MissingItem>, };

export type ExportResult = { path: string, folder: string, 
/**
 * Evidence files in the zip.
 */
files: number, 
/**
 * Location removal was asked for and every picture could be processed (see
 * `location_unprocessed`); false when the user kept location data.
 */
location_stripped: boolean, 
/**
 * The pictures whose location data (EXIF/XMP) was really removed, by original name.
 */
location_removed: Array<string>, 
/**
 * Photos and videos whose location data could not be removed (HEIC/AVIF, videos, GIF/BMP,
 * damaged files, larger than the vault's read limit) and went into the zip as they are.
 * Empty when the user kept location data.
 */
location_unprocessed: Array<string>, 
/**
 * The zip was shown in the file manager (set by the shell; false here).
 */
revealed: boolean, };

export type HelpdeskView = { name: string, kind: Labeled<HelpdeskKind>, url: string, queue: string | null, email: string | null, created_at: string, 
/**
 * Whether the kind needs a token from the keychain (`rt`, `zendesk`).
 */
needs_token: boolean, 
/**
 * A token is saved in the OS keychain; `None` when the keychain could not be asked (or the
 * kind needs none).
 */
token_saved: boolean | null, 
/**
 * Tickets tracked through it (it cannot be removed while there are any).
 */
tickets: number, };

export type HelpdeskForm = { name: string, 
/**
 * `rt`, `zendesk` or `manual`.
 */
kind: string, 
/**
 * `https://…` (empty for manual).
 */
url: string, 
/**
 * RT: the queue new tickets go to.
 */
queue: string | null, 
/**
 * Your address at the helpdesk (RT's Requestor; Zendesk API-token user).
 */
email: string | null, 
/**
 * Goes only to the OS keychain. Required for `rt`/`zendesk` when none is saved yet.
 */
token: string | null, };

export type TicketView = { id: number, case_id: string, helpdesk: string, helpdesk_kind: Labeled<HelpdeskKind>, 
/**
 * The helpdesk's ticket number.
 */
remote_id: string, 
/**
 * The ticket's web page, where the helpdesk has one.
 */
url: string | null, subject: string, submitted_at: string, 
/**
 * The helpdesk's status word (`open`, `resolved` …) with its label; `None` before the first sync.
 */
status: Coded | null, 
/**
 * The status is set by hand (a manual helpdesk); it is never synced.
 */
manual: boolean, 
/**
 * Resolved or closed on the platform's side: no SLA countdown any more.
 */
finished: boolean, 
/**
 * The last successful or failed sync.
 */
last_synced_at: string | null, next_sync_at: string | null, 
/**
 * When staff last replied.
 */
replied_at: string | null, 
/**
 * Why syncing stopped or keeps failing: `auth`, `not_found`, `invalid`, `failing`; `None` when fine.
 */
problem_code: string | null, 
/**
 * The same, as a sentence in the user's language (with what to do).
 */
problem: string | null, };

export type CallbackView = { id: number, case_id: string, 
/**
 * The channel that promised it (`vip_exclusive`, `hotline` …), with its label.
 */
channel: Coded, requested_at: string, 
/**
 * The promised time: the countdown's target.
 */
due_at: string, 
/**
 * When the callback counts as overdue (the tracker's grace after `due_at`), so the live
 * countdown changes state at the same moment as the tracker's alarm.
 */
overdue_at: string, note: string, 
/**
 * `waiting`, `due` (promised time passed, within 10 min grace), `overdue` or `done`, with its label.
 */
state: Coded, 
/**
 * Seconds to `due_at` at the moment of the answer; negative once passed.
 */
seconds_left: number, 
/**
 * `called`, `missed` or `cancelled`, with its label.
 */
outcome: Coded | null, outcome_at: string | null, };

export type DeadlineView = { kind: Labeled<DeadlineKind>, ticket_id: number | null, due_at: string, 
/**
 * When "about to pass" is said.
 */
warn_at: string, seconds_left: number, passed: boolean, 
/**
 * What to do, in a sentence (for a passed SLA: the complaint route).
 */
hint: string, };

export type TrackingPanel = { case_id: string, tickets: Array<TicketView>, 
/**
 * Newest request first.
 */
callbacks: Array<CallbackView>, 
/**
 * Soonest first.
 */
deadlines: Array<DeadlineView>, 
/**
 * The helpdesks a ticket can be created through.
 */
helpdesks: Array<HelpdeskView>, 
/**
 * Status words for a manual ticket, with labels.
 */
manual_statuses: Array<Coded>, 
/**
 * Callback outcomes, with labels.
 */
callback_outcomes: Array<Coded>, 
/**
 * The promises of the case's platform profile, in minutes: `vip_exclusive` (10 min) and
 * the others (2 h), for the callback form's default.
 */
vip_callback_minutes: number, callback_minutes: number, 
/**
 * The longest promise the tracker accepts, in minutes (the form refuses more).
 */
max_promise_minutes: number, };

export type SkippedAttachment = { name: string, 
/**
 * `too_large` (over the 20 MB total), `unreadable`, `vault_locked`, `location_not_removed`
 * (a photo or video whose location data could not be removed: not sent).
 */
code: string, reason: string, };

export type TicketCreated = { ticket: TicketView, 
/**
 * The evidence files attached (their names).
 */
attached: Array<string>, skipped: Array<SkippedAttachment>, 
/**
 * The attached photos whose location data was removed before sending.
 */
location_removed: Array<string>, };

export type CallbackForm = { 
/**
 * `vip_exclusive`, `hotline`, `online_chat` … (the channel that promised it).
 */
channel: string, 
/**
 * Minutes promised; `None`: the platform profile's promise for the channel.
 */
promise_minutes: number | null, 
/**
 * When it was requested (`YYYY-MM-DDTHH:MM` local or RFC 3339); empty: now.
 */
requested_at: string, note: string, };

export type AwaitedCall = { case_id: string, callback: CallbackView, };

export type PhoneHandoff = { 
/**
 * What the code holds, also shown to copy.
 */
text: string, 
/**
 * The QR code as an SVG document (shown as an image, never inserted as markup).
 */
qr_svg: string, 
/**
 * The questions were cut to fit the code (the full list is on the case page).
 */
shortened: boolean, };

export type SimpleAsk = { 
/**
 * One of [`TILES`]' codes.
 */
tile: string | null, 
/**
 * The 说出来 field.
 */
story: string, 
/**
 * The platform to ask about; `None` takes the one of the latest case, else the directory's
 * first, else the built-in default.
 */
platform_id: string | null, };

export type SimpleAnswer = { problem_type: Coded, 
/**
 * The platform asked about (`code` is its id), `None` for the built-in default.
 */
platform: Coded | null, 
/**
 * What to do now, in one sentence.
 */
headline: string, 
/**
 * The channel to use now, with its page, number or address.
 */
action: ChannelAction, 
/**
 * The platform's phone line: a person to call with one tap.
 */
phone: string | null, 
/**
 * The phone line answers now.
 */
phone_open: boolean, 
/**
 * RFC 3339, while the line is closed: when it opens.
 */
phone_opens_at: string | null, 
/**
 * What to have at hand (the channel's checklist).
 */
questions: Array<string>, 
/**
 * Deadlines and warnings, in words.
 */
reminders: Array<string>, 
/**
 * What 朗读 says: the headline, the number and whether it answers, the list, the reminders.
 */
speech: string, 
/**
 * "让家人帮我": what happened, what was tried, what to do next and the number, as text and QR.
 */
family: PhoneHandoff, 
/**
 * The form behind the answer, for "更多" (the full wizard).
 */
intake: Intake, };

export type NudgeKind = "resolved_yet" | "repeated_recharge_failure";

export type Nudge = { kind: NudgeKind, text: string, 
/**
 * The case it is about (the newest one for repeated failures).
 */
case_id: string, };

export type ManualTicketForm = { 
/**
 * A `manual` helpdesk by name; `None`: the built-in one named `manual`.
 */
helpdesk: string | null, 
/**
 * The ticket number the platform gave.
 */
remote_id: string, 
/**
 * The status word (`new`, `open`, `pending`, `resolved`, `closed`); empty: `new`.
 */
status: string, 
/**
 * The ticket's web page, if any (`https://…`).
 */
url: string, };

export type OrderWatchForm = { order_id: string, product: string, 
/**
 * Yuan, as typed.
 */
amount: string, platform_id: string | null, 
/**
 * `YYYY-MM-DDTHH:MM` local or RFC 3339; empty: now.
 */
paid_at: string, within_minutes: number, };

export type OrderWatchView = { id: number, order_id: string, product: string, amount: string, platform_id: string | null, paid_at: string, expected_at: string, 
/**
 * `waiting`, `late`, `delivered`, `dismissed`, `case_opened`, with its label.
 */
state: Coded, 
/**
 * The case opened from it.
 */
case_id: string | null, 
/**
 * Seconds to `expected_at`; negative once passed.
 */
seconds_left: number, };

export type NotificationView = { id: number, at: string, kind: Labeled<NotificationKind>, 
/**
 * The case it is about; clicking opens it.
 */
case_id: string | null, 
/**
 * Plain text (render as text, never HTML).
 */
title: string, body: string, read: boolean, 
/**
 * For `order_late`: the watch, so the UI can offer "open a case" / "it arrived".
 */
order_watch_id: number | null, };

export type NotificationList = { items: Array<NotificationView>, unread: number, };

export type NotifyKindPref = { code: string, label: string, enabled: boolean, };

export type NotifyPrefs = { kinds: Array<NotifyKindPref>, };

export type TrackerChanged = { unread: number, 
/**
 * Cases whose tracking changed in this pass (may be empty: then refresh what is shown).
 */
cases: Array<string>, };

export type OpenRequest = { case_id: string | null, notification_id: number, order_watch_id: number | null, };

export type TrayHint = { 
/**
 * "窗口已关闭，售后直达仍在托盘中继续跟踪…", in the user's language.
 */
text: string, };

export type UiEvent = { "kind": "tracker_changed" } & TrackerChanged | { "kind": "open_case" } & OpenRequest | { "kind": "tray_hidden" } & TrayHint;

export type MailPresetView = { 
/**
 * `qq`, `163`, `126`, `gmail`.
 */
id: string, name: string, domains: Array<string>, imap_host: string, imap_port: number, smtp_host: string, smtp_port: number, 
/**
 * `tls`, `starttls` or `plain`.
 */
security: string, 
/**
 * What to enter as the password (授权码 / app password) and where to get it.
 */
password_help: string, };

export type MailAccountForm = { name: string, email: string, imap_host: string, imap_port: number, smtp_host: string, smtp_port: number, 
/**
 * `tls`, `starttls` or `plain` (plain only for a server on this computer).
 */
security: string, password: string | null, };

export type MailAccountView = { name: string, email: string, imap_host: string, imap_port: number, smtp_host: string, smtp_port: number, security: string, 
/**
 * The preset the address belongs to, if any.
 */
preset: string | null, 
/**
 * Whether a password for this address and server is in the keychain (`None`: the
 * keychain could not be asked).
 */
password_saved: boolean | null, 
/**
 * The last poll's failure code (`mail_login`, `mail_tls`, `mail_connect` …), if it failed.
 */
last_error: string | null, next_poll_at: string | null, 
/**
 * E-mails sent from it.
 */
sent: number, };

export type MailTestResult = { inbox_messages: number, 
/**
 * Where sent e-mails are filed (`None`: no Sent folder found; they are still sent).
 */
sent_folder: string | null, };

export type MailSendForm = { case_id: string, account: string, to: string, 
/**
 * The evidence to attach, by id; `None` attaches all of the case's evidence.
 */
evidence_ids: Array<string> | null, 
/**
 * An earlier send of this e-mail did not finish and is not in the Sent folder: send it
 * again anyway (the user checked their mailbox).
 */
resend: boolean, };

export type MailSentView = { id: bigint, case_id: string, account: string, to: string, subject: string, message_id: string, 
/**
 * `pending` (a send that did not finish) or `sent`.
 */
state: string, created_at: string, sent_at: string | null, };

export type MailSendResult = { sent: MailSentView, attached: Array<string>, skipped: Array<SkippedAttachment>, location_removed: Array<string>, 
/**
 * The evidence went as one zip (more than 5 files).
 */
zipped: boolean, 
/**
 * The Sent folder it was filed in; `None` with `filed_error` when filing failed (the
 * e-mail was sent all the same), or when the server files it itself (Gmail).
 */
filed_in: string | null, filed_error: string | null, 
/**
 * An earlier, unfinished send was found in the Sent folder and recorded: nothing new went out.
 */
recovered: boolean, };

export type MailAnswerView = { id: bigint, case_id: string, account: string, from: string, subject: string, text: string, received_at: string, 
/**
 * `thread` (it answers our Message-ID) or `order_number` (the subject's order number,
 * from the address we wrote to).
 */
matched_by: string, 
/**
 * Its attachments, kept as the case's evidence (the platform's own proof).
 */
attachments: Array<MailAnswerFile>, };

export type MailAnswerFile = { name: string, 
/**
 * The evidence item it was kept as; `None` while it waits for the evidence vault to be
 * unlocked, or when it could not be kept (`problem`).
 */
evidence_id: string | null, 
/**
 * Why it could not be kept (`too_large`, `bad_image`, `mail_attachment_gone` …), in words.
 */
problem: string | null, };

export type CaseMail = { sent: Array<MailSentView>, answers: Array<MailAnswerView>, };
