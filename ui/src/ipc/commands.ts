// Typed wrappers around the shell's Tauri commands. Argument names are camelCase here; Tauri maps them to
// the Rust snake_case parameters. Every rejection is normalised to an `IpcError`.
import { invoke } from '@tauri-apps/api/core';
import { writeText } from '@tauri-apps/plugin-clipboard-manager';
import { openUrl as openerOpenUrl } from '@tauri-apps/plugin-opener';
import type {
  Analysis,
  AppInfo,
  CaseDetail,
  CaseSummary,
  ContactInput,
  Draft,
  ExportedProfile,
  Intake,
  PlatformEntry,
  ProfileForm,
  ReminderView,
  Settings,
  StoryReading,
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
export const analyse = (intake: Intake, caseId: string | null) =>
  call<Analysis>('analyse', { intake, caseId });

export const caseCreate = (intake: Intake) => call<CaseDetail>('case_create', { intake });
export const caseUpdate = (id: string, intake: Intake) => call<CaseDetail>('case_update', { id, intake });
export const caseList = () => call<CaseSummary[]>('case_list');
export const caseGet = (id: string) => call<CaseDetail>('case_get', { id });
export const caseSetStatus = (id: string, status: string) =>
  call<CaseDetail>('case_set_status', { id, status });
export const caseDelete = (id: string) => call<void>('case_delete', { id });

export const contactLog = (id: string, contact: ContactInput) =>
  call<CaseDetail>('contact_log', { id, contact });

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
export const platformDelete = (id: string) => call<void>('platform_delete', { id });
export const platformImport = (toml: string) => call<PlatformEntry>('platform_import', { toml });
export const platformExport = (id: string) => call<ExportedProfile>('platform_export', { id });

export async function copyText(text: string): Promise<void> {
  try {
    await writeText(text);
  } catch (e) {
    throw toIpcError(e);
  }
}

export async function openUrl(url: string): Promise<void> {
  try {
    await openerOpenUrl(url);
  } catch (e) {
    throw toIpcError(e);
  }
}
