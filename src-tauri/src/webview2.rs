//! Windows: the window is drawn by Microsoft's WebView2 runtime. Windows 10 (since 2018) and 11
//! ship it and the installer brings its bootstrapper, but a stripped system (LTSC, some office
//! images) may lack it. Tauri then shows a fixed English box ("Could not find the WebView2
//! Runtime", not configurable in tauri-runtime-wry), so the app asks first and, when it is
//! missing, says so in Chinese (then English) and offers Microsoft's download page.

/// Microsoft's Evergreen bootstrapper download (the link Tauri's own box points to, in Chinese).
pub const DOWNLOAD: &str = "https://developer.microsoft.com/zh-cn/microsoft-edge/webview2/";

/// Shown when WebView2 is missing: Chinese first, English second, like the UI's languages.
pub const MISSING: &str =
    "售后直达需要微软的 WebView2 运行时来显示窗口，但这台电脑上没有找到它。\n\
请下载并安装“常青版引导程序”（Evergreen Bootstrapper），然后重新打开售后直达。\n\
如果已经安装过，可能是装在了另一个 Windows 用户名下，当前用户用不了。\n\n\
ReachRight needs Microsoft's WebView2 Runtime to show its window, and this computer does not \
have it. Download and install the Evergreen Bootstrapper, then open ReachRight again. It may be \
installed for another Windows user only.";

/// The button that opens [`DOWNLOAD`].
pub const DOWNLOAD_BUTTON: &str = "下载 WebView2 (Download)";
/// The button that just closes the box.
pub const CLOSE_BUTTON: &str = "关闭 (Close)";

/// True when WebView2 is there. Otherwise explains in a message box (offering the download page)
/// and returns false: the caller exits before Tauri shows its English box.
#[cfg(windows)]
pub fn present_or_explain() -> bool {
    if tauri::webview_version().is_ok() {
        return true;
    }
    let answer = rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("售后直达 ReachRight")
        .set_description(MISSING)
        .set_buttons(rfd::MessageButtons::OkCancelCustom(
            DOWNLOAD_BUTTON.into(),
            CLOSE_BUTTON.into(),
        ))
        .show();
    if answer == rfd::MessageDialogResult::Custom(DOWNLOAD_BUTTON.into()) {
        let _ = tauri_plugin_opener::open_url(DOWNLOAD, None::<&str>);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_missing_runtime_box_is_chinese_first_with_the_download_page() {
        let zh = MISSING.find("WebView2 运行时").expect("Chinese");
        let en = MISSING.find("WebView2 Runtime").expect("English");
        assert!(zh < en, "Chinese first");
        assert!(DOWNLOAD.starts_with("https://developer.microsoft.com/zh-cn/"));
        assert!(DOWNLOAD_BUTTON.starts_with("下载"));
    }
}
