//! One ReachRight per user: a second launch brings the running window forward and exits, so two
//! trackers never watch the same tickets.
//!
//! On Linux the running app owns a D-Bus name on the session bus, through libdbus (the D-Bus
//! client tao already links): tauri-plugin-single-instance would link a second one (zbus) for
//! this. The name, object path and method are the plugin's, so a running older version and a
//! new one still find each other. Elsewhere the plugin does it.

use tauri::{AppHandle, Runtime};

#[cfg(not(target_os = "linux"))]
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_single_instance::init(|app, _args, _cwd| bring_forward(app))
}

fn bring_forward<R: Runtime>(app: &AppHandle<R>) {
    crate::tray::show_main(app);
}

#[cfg(target_os = "linux")]
pub use linux::plugin;

#[cfg(target_os = "linux")]
mod linux {
    use std::time::Duration;

    use dbus::blocking::Connection;
    use dbus::channel::{MatchingReceiver, Sender};
    use dbus::message::MatchRule;
    use dbus::strings::ErrorName;
    use tauri::plugin::TauriPlugin;
    use tauri::{Manager, Runtime};

    const INTERFACE: &str = "org.SingleInstance.DBus";
    const METHOD: &str = "ExecuteCallback";

    /// The bus name and object path for an app identifier (`cn.reachright.desktop`).
    pub(super) fn address(identifier: &str) -> (String, String) {
        let name = format!("{identifier}.SingleInstance");
        let path = format!("/{}", name.replace('.', "/").replace('-', "_"));
        (name, path)
    }

    pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
        tauri::plugin::Builder::new("single-instance")
            .setup(|app, _api| {
                let (name, path) = address(&app.config().identifier);
                match claim(&name) {
                    Ok(Some(bus)) => serve(bus, path, app.app_handle().clone()),
                    Ok(None) => {
                        if let Err(e) = forward(&name, &path) {
                            // Starting a second tracker beside a hung one would double every
                            // reminder: better to say so and stop.
                            crate::startup::refuse(&format!(
                                "售后直达已经在运行，但没有回应。请先关掉它（或重启电脑）再打开。\n\
                                 ReachRight is already running but does not answer ({e}). \
                                 Close it first."
                            ));
                        }
                        app.cleanup_before_exit();
                        std::process::exit(0);
                    }
                    // Without a session bus no other instance can be found: start normally.
                    Err(e) => tracing::warn!("single instance: no D-Bus session bus ({e})"),
                }
                Ok(())
            })
            .build()
    }

    /// The bus connection holding the name when this is the first instance, `None` when another
    /// instance holds it.
    fn claim(name: &str) -> Result<Option<Connection>, dbus::Error> {
        use dbus::blocking::stdintf::org_freedesktop_dbus::RequestNameReply;
        let bus = Connection::new_session()?;
        // Not queued: a second instance must learn at once that the name is taken.
        match bus.request_name(name, false, false, true)? {
            RequestNameReply::PrimaryOwner | RequestNameReply::AlreadyOwner => Ok(Some(bus)),
            RequestNameReply::Exists | RequestNameReply::InQueue => Ok(None),
        }
    }

    /// Answers later launches on a thread of its own for as long as the app runs; the name is
    /// released when the process ends.
    fn serve<R: Runtime>(bus: Connection, path: String, app: tauri::AppHandle<R>) {
        bus.start_receive(
            MatchRule::new_method_call(),
            Box::new(move |call, bus| {
                let ours = call.path().as_deref() == Some(path.as_str())
                    && call.interface().as_deref() == Some(INTERFACE)
                    && call.member().as_deref() == Some(METHOD);
                let reply = if ours {
                    super::bring_forward(&app);
                    call.method_return()
                } else {
                    call.error(
                        &ErrorName::from("org.freedesktop.DBus.Error.UnknownMethod"),
                        c"only ExecuteCallback is served here",
                    )
                };
                if !call.get_no_reply() {
                    let _ = bus.send(reply);
                }
                true
            }),
        );
        let answering = std::thread::Builder::new()
            .name("single-instance".into())
            .spawn(move || while bus.process(Duration::from_secs(3600)).is_ok() {});
        if let Err(e) = answering {
            tracing::warn!("single instance: no thread to answer later launches ({e})");
        }
    }

    /// Hands this launch's arguments to the running instance, which brings its window forward.
    fn forward(name: &str, path: &str) -> Result<(), dbus::Error> {
        let bus = Connection::new_session()?;
        let argv: Vec<String> = std::env::args_os()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let cwd = std::env::current_dir()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        bus.with_proxy(name, path, Duration::from_secs(10))
            .method_call::<(), _, _, _>(INTERFACE, METHOD, (argv, cwd))
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn the_address_is_the_plugins() {
            let (name, path) = super::address("cn.reachright.desktop");
            assert_eq!(name, "cn.reachright.desktop.SingleInstance");
            assert_eq!(path, "/cn/reachright/desktop/SingleInstance");
            assert_eq!(
                super::address("a.b-c").1,
                "/a/b_c/SingleInstance",
                "D-Bus paths allow no '-'"
            );
        }
    }
}
