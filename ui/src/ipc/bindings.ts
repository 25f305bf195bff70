// Generated from crates/cases/src/{models,gallery}.rs by `UPDATE_BINDINGS=1 cargo test -p reachright-cases bindings`.
// Do not edit by hand.

export type Coded = { code: string, label: string, };

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

export type StoryReading = { intake: Intake, problem_type: Coded, confidence: number, 
/**
 * The type is a guess the user should confirm (one click) before relying on it.
 */
needs_confirmation: boolean, alternative: Coded | null, };

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
text_kind: string, 
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
 * Where to complain (third-party complaint channel).
 */
links: Array<Link>, };

export type Link = { label: string, url: string, };

export type ComposedText = { 
/**
 * `chat`, `phone`, `email`, `ticket` or `complaint`.
 */
kind: string, label: string, subject: string | null, body: string, 
/**
 * The text still has 【待补充…】 gaps the user should fill in before sending.
 */
has_placeholders: boolean, };

export type CaseSummary = { id: string, title: string, status: Coded, problem_type: Coded, platform_name: string, 
/**
 * What to do now, e.g. `联系在线客服`.
 */
next_step: string, urgent: boolean, created_at: string, updated_at: string, contacts: number, };

export type CaseDetail = { summary: CaseSummary, intake: Intake, analysis: Analysis, contacts: Array<ContactView>, timeline: Array<TimelineEntry>, reminders: Array<ReminderView>, };

export type ContactInput = { channel: string, 
/**
 * RFC 3339 or the form's `YYYY-MM-DDTHH:MM`; empty means now.
 */
at: string, outcome: string, note: string, 
/**
 * A ticket number, an agent's name … anything to quote next time.
 */
reference: string, };

export type ContactView = { id: number, channel: Coded, at: string, outcome: Coded, note: string, reference: string, };

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

export type LinksForm = { chat_url: string, ticket_url: string, email: string, vip_contact: string, };

export type CalendarForm = { extra_holidays: Array<string>, extra_workdays: Array<string>, };

export type Settings = { 
/**
 * `zh-CN` or `en`.
 */
lang: string, 
/**
 * 1.0 = normal; the large-text mode goes up to 1.6.
 */
text_scale: number, 
/**
 * `system`, `light` or `dark`.
 */
theme: string, contact_name: string, contact_phone: string, contact_email: string, contact_account: string, };

export type Vocabulary = { problem_types: Array<Coded>, channels: Array<Coded>, outcomes: Array<Coded>, demands: Array<Coded>, statuses: Array<Coded>, };

export type Draft = { key: string, body: string, updated_at: string, };

export type ExportedProfile = { toml: string, path: string, };

export type AppInfo = { version: string, data_dir: string, };

export type EvidenceView = { id: string, case_id: string, 
/**
 * `transfer`, `chat`, `product`, `error` or `other`, with its label.
 */
kind: Coded, caption: string, original_name: string, 
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
 * `data:image/jpeg;base64,…`, for images; `None` for other files.
 */
thumbnail: string | null, 
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
kinds: Array<Coded>, };

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

export type DamagedItem = { id: string, name: string, kind: Coded, reason: string, };

export type VerifyReport = { checked: number, ok: number, damaged: Array<DamagedItem>, };

export type MissingItem = { id: string, case_id: string, name: string, };

export type VaultStatus = { open: boolean, 
/**
 * `keychain` or `passphrase` once open.
 */
protection: string | null, 
/**
 * Why it is locked: `keychain_unavailable`, `passphrase_needed`, `wrong_passphrase`,
 * `key_missing`, `io` …
 */
error_code: string | null, error: string | null, 
/**
 * Entering a passphrase can open (or set up) the vault.
 */
passphrase_helps: boolean, 
/**
 * Leftovers of an interrupted import removed at start-up.
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
files: number, location_stripped: boolean, };
