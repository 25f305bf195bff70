//! TypeScript declarations of the IPC types, written to `ui/src/ipc/bindings.ts`. The test below
//! fails when the committed file differs from what the Rust types say (run it with
//! `UPDATE_BINDINGS=1` to rewrite the file), so the UI and the shell cannot drift apart.

use ts_rs::{Config, TS};

use crate::gallery::*;
use crate::models::*;
use crate::tracking::*;
use reachright_core::compose::ComposeKind;
use reachright_store::EvidenceKind;

/// The whole bindings file, in a stable order.
pub fn typescript() -> String {
    let cfg = Config::default();
    let decls = [
        Coded::decl(&cfg),
        Labeled::<Status>::decl(&cfg),
        Status::decl(&cfg),
        Outcome::decl(&cfg),
        ComposeKind::decl(&cfg),
        EvidenceKind::decl(&cfg),
        HelpdeskKind::decl(&cfg),
        DeadlineKind::decl(&cfg),
        NotificationKind::decl(&cfg),
        Intake::decl(&cfg),
        StoryReading::decl(&cfg),
        SuggestedContactView::decl(&cfg),
        Analysis::decl(&cfg),
        Recommendation::decl(&cfg),
        WarningView::decl(&cfg),
        ChannelAction::decl(&cfg),
        Link::decl(&cfg),
        ComposedText::decl(&cfg),
        CaseSummary::decl(&cfg),
        CaseDetail::decl(&cfg),
        ContactInput::decl(&cfg),
        ContactView::decl(&cfg),
        SelfHelpRule::decl(&cfg),
        SelfHelpEntry::decl(&cfg),
        SelfHelpSearch::decl(&cfg),
        TimelineEntry::decl(&cfg),
        ReminderView::decl(&cfg),
        PlatformEntry::decl(&cfg),
        ProfileForm::decl(&cfg),
        PhoneForm::decl(&cfg),
        LinksForm::decl(&cfg),
        CalendarForm::decl(&cfg),
        Settings::decl(&cfg),
        Vocabulary::decl(&cfg),
        Draft::decl(&cfg),
        ExportedProfile::decl(&cfg),
        AppInfo::decl(&cfg),
        EvidenceView::decl(&cfg),
        ChecklistItem::decl(&cfg),
        Checklist::decl(&cfg),
        Gallery::decl(&cfg),
        ImportOutcome::decl(&cfg),
        DamagedItem::decl(&cfg),
        VerifyReport::decl(&cfg),
        MissingItem::decl(&cfg),
        VaultStatus::decl(&cfg),
        ExportResult::decl(&cfg),
        HelpdeskView::decl(&cfg),
        HelpdeskForm::decl(&cfg),
        TicketView::decl(&cfg),
        CallbackView::decl(&cfg),
        DeadlineView::decl(&cfg),
        TrackingPanel::decl(&cfg),
        SkippedAttachment::decl(&cfg),
        TicketCreated::decl(&cfg),
        CallbackForm::decl(&cfg),
        AwaitedCall::decl(&cfg),
        crate::share::PhoneHandoff::decl(&cfg),
        crate::simple::SimpleAsk::decl(&cfg),
        crate::simple::SimpleAnswer::decl(&cfg),
        crate::nudges::NudgeKind::decl(&cfg),
        crate::nudges::Nudge::decl(&cfg),
        ManualTicketForm::decl(&cfg),
        OrderWatchForm::decl(&cfg),
        OrderWatchView::decl(&cfg),
        NotificationView::decl(&cfg),
        NotificationList::decl(&cfg),
        NotifyKindPref::decl(&cfg),
        NotifyPrefs::decl(&cfg),
        TrackerChanged::decl(&cfg),
        OpenRequest::decl(&cfg),
        TrayHint::decl(&cfg),
        UiEvent::decl(&cfg),
        crate::mail::MailPresetView::decl(&cfg),
        crate::mail::MailAccountForm::decl(&cfg),
        crate::mail::MailAccountView::decl(&cfg),
        crate::mail::MailTestResult::decl(&cfg),
        crate::mail::MailSendForm::decl(&cfg),
        crate::mail::MailSentView::decl(&cfg),
        crate::mail::MailSendResult::decl(&cfg),
        crate::mail::MailAnswerView::decl(&cfg),
        crate::mail::MailAnswerFile::decl(&cfg),
        crate::mail::CaseMail::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from crates/api/src/{models.rs,gallery/,tracking/models.rs,mail.rs} by `UPDATE_BINDINGS=1 cargo test -p reachright-api bindings`.\n// Do not edit by hand.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn bindings_ts_is_up_to_date() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/ipc/bindings.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/ipc/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p reachright-api bindings`"
        );
    }
}
