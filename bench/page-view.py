#!/usr/bin/python3
"""One page in a bare WebKitGTK view, for bench/page-cost.sh: no Tauri, no Rust, only WebKit.

    page-view.py URL SETTLE_S [DUMP_FILE]

Opens URL in a 1100 x 780 window (the size of ReachRight's), waits SETTLE_S seconds after the page
has loaded, and prints `webprocess_pss_kb N`: the PSS of the WebKitWebProcess that renders it. With
DUMP_FILE, it also writes the page's DOM as it is then (`outerHTML`) to that file.

Runs with the system's Python (`/usr/bin/python3`), which has the GObject bindings (python3-gi,
gir1.2-webkit2-4.1); a Python of one's own (pyenv, venv) usually has not.
"""
import os
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402


def children(pid):
    """PIDs whose parent is `pid`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                # The name may hold spaces; the parent PID is the 2nd field after ") ".
                if f.read().rsplit(") ", 1)[1].split()[1] == str(pid):
                    found.append(int(entry))
        except OSError:
            pass
    return found


def pss_kb(pid):
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def main():
    url, settle = sys.argv[1], float(sys.argv[2])
    dump = sys.argv[3] if len(sys.argv) > 3 else None
    window = Gtk.Window()
    window.set_default_size(1100, 780)
    view = WebKit2.WebView()
    window.add(view)
    window.show_all()

    def dumped(view, result, _data):
        with open(dump, "w", encoding="utf-8") as f:
            f.write("<!doctype html>\n" + view.evaluate_javascript_finish(result).to_string())
        Gtk.main_quit()

    def measure():
        for pid in children(os.getpid()):
            with open(f"/proc/{pid}/comm") as f:
                if f.read().startswith("WebKitWebProc"):
                    print(f"webprocess_pss_kb {pss_kb(pid)}", flush=True)
        if dump:
            view.evaluate_javascript("document.documentElement.outerHTML", -1, None, None, None, dumped, None)
        else:
            Gtk.main_quit()
        return False

    def load_changed(_view, event):
        if event == WebKit2.LoadEvent.FINISHED:
            GLib.timeout_add(int(settle * 1000), measure)

    view.connect("load-changed", load_changed)
    view.load_uri(url)
    Gtk.main()


if __name__ == "__main__":
    main()
