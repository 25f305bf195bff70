#!/usr/bin/env bash
# What ReachRight's first screen costs WebKit by itself: the memory of the page, apart from Tauri and
# from our Rust code, in a bare WebKitGTK view (bench/page-view.py), next to the blank app's page.
# It answers where bench/app-startup.sh's difference in the WebKit process comes from.
#
#   bench/page-cost.sh [--runs N]      (default 3 runs per page; the median is reported)
#   bench/page-cost.sh --draw-only F   only draw the home screen and write it, without its scripts, to F
#                                      (bench/static-floor.sh puts that page in the app)
#
# The UI is built as for the app (minified, production Preact) but in the mode "fake", so it runs on its
# in-memory fake API (ui/src/ipc/fake.ts) in a plain page: the home screen of a first start. That
# page's DOM, once drawn, is kept as static HTML, and variants of it are measured:
#   blank            the blank app's page (bench/blank-app/dist/index.html)
#   static           the home screen's DOM and style sheet, no script
#   static, no bold  the same, every weight regular (so no bold CJK face is loaded)
#   static, Latin    the same, every CJK character replaced by "x" (so no CJK font is loaded)
#   app              the UI itself: its script renders the home screen
#   app, no JIT      the same with JavaScriptCore's JIT off (JSC_useJIT=0): only to size the JIT's
#                    part; a WebKit setting, which the app does not use
# Memory: PSS of the WebKitWebProcess, 5 s after the page has loaded, as in app-startup.sh.
#
# Needs: Linux, xvfb, dbus, the system Python with python3-gi and gir1.2-webkit2-4.1, node (ui/).
# Writes bench/out/page-cost.md (first line: the commit and date).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
draw_only=
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=${2:?--runs needs a number}; shift ;;
        --draw-only) draw_only=${2:?--draw-only needs a file}; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "page-cost: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done
py=/usr/bin/python3
"$py" -c "import gi; gi.require_version('WebKit2', '4.1')" 2>/dev/null \
    || { echo "page-cost: $py lacks python3-gi or gir1.2-webkit2-4.1" >&2; exit 1; }
for tool in xvfb-run dbus-run-session npx; do
    command -v "$tool" >/dev/null || { echo "page-cost: missing $tool" >&2; exit 1; }
done

work=$(mktemp -d /tmp/page-cost.XXXXXX)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "building the UI on its fake API ..." >&2
(cd ui && npx vite build --mode fake --outDir "$work/site" --emptyOutDir \
    --logLevel error)
cp bench/blank-app/dist/index.html "$work/site/blank.html"

# A local web server on a free port (WebKit will not load module scripts from file://).
"$py" - "$work/site" >"$work/port" 2>/dev/null <<'EOF' &
import functools, http.server, sys
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
handler.log_message = lambda *a: None
with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as httpd:
    print(httpd.server_address[1], flush=True)
    httpd.serve_forever()
EOF
server=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
base="http://127.0.0.1:$(cat "$work/port")"

view() { # URL DUMP [ENV...]: one fresh WebKit under its own Xvfb and D-Bus (no dump when
          # DUMP is empty); prints the PSS in kB
    local url=$1 dump=${2:-}
    shift 2
    env -u DBUS_SESSION_BUS_ADDRESS "$@" GDK_BACKEND=x11 WEBKIT_DISABLE_DMABUF_RENDERER=1 NO_AT_BRIDGE=1 \
        HOME="$work/home" xvfb-run -a -s "-screen 0 1280x1024x24" \
        dbus-run-session -- "$py" bench/page-view.py "$url" 5 $dump 2>/dev/null \
        | awk '/^webprocess_pss_kb/ {print $2}'
}
mkdir -p "$work/home"

echo "drawing the home screen once, to keep its DOM ..." >&2
view "$base/index.html" "$work/drawn.html" >/dev/null
[ -s "$work/drawn.html" ] || { echo "page-cost: the UI did not draw" >&2; exit 1; }
"$py" - "$work/drawn.html" "$work/site" <<'EOF'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
# The DOM as drawn, without the scripts that drew it.
page = re.sub(r'<script[^>]*>.*?</script>', '', page, flags=re.S)
page = re.sub(r'<link rel="modulepreload"[^>]*>', '', page)
out = sys.argv[2]
def write(name, text):
    open(f"{out}/{name}.html", "w", encoding="utf-8").write(text)
write("static", page)
write("static-regular", page.replace("</head>", "<style>* { font-weight: 400 !important }</style></head>"))
head, body = page.split("<body", 1)
write("static-latin", head + "<body" + re.sub(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]", "x", body))
EOF
if [ -n "$draw_only" ]; then
    cp "$work/site/static.html" "$draw_only"
    echo "page-cost: the home screen, drawn, without scripts: $draw_only" >&2
    exit 0
fi

pages=("blank|blank.html|" "static|static.html|" "static, no bold|static-regular.html|"
       "static, Latin|static-latin.html|" "app|index.html|" "app, no JIT|index.html|JSC_useJIT=0")
declare -A median
for entry in "${pages[@]}"; do
    IFS='|' read -r label file extra <<<"$entry"
    values=()
    for _ in $(seq "$runs"); do
        # shellcheck disable=SC2086
        v=$(view "$base/$file" "" $extra)
        [ -n "$v" ] && values+=("$v")
    done
    [ ${#values[@]} -gt 0 ] || { echo "page-cost: $label: no measurement" >&2; exit 1; }
    median[$label]=$(printf '%s\n' "${values[@]}" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
    echo "$label: ${values[*]} kB" >&2
done

mb() { awk -v v="$1" 'BEGIN {printf "%.1f MB", v / 1024}'; }
diff_mb() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.1f MB", (a - b) / 1024}'; }
mkdir -p bench/out
{
    echo "# The first screen's cost in WebKit, without Tauri or Rust"
    echo
    echo "Commit $(bench/commit.sh), measured $(date -u +%Y-%m-%d)."
    echo
    echo "WebKitGTK $(dpkg-query -W -f '${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo '?'), a bare" \
         "view of 1100 × 780 under Xvfb; PSS of the WebKitWebProcess 5 s after load, median of $runs."
    echo
    echo "| page | PSS | against blank | against the page it varies |"
    echo "|---|---:|---:|---:|"
    for entry in "${pages[@]}"; do
        label=${entry%%|*}
        base_of=${label%%,*}   # "static, Latin" varies "static"; "app, no JIT" varies "app"
        printf '| %s | %s | %s | %s |\n' "$label" "$(mb "${median[$label]}")" \
            "$(diff_mb "${median[$label]}" "${median[blank]}")" \
            "$([ "$base_of" != "$label" ] && diff_mb "${median[$label]}" "${median[$base_of]}" || echo "")"
    done
    echo
    echo "Produced by \`bench/page-cost.sh\`. *static*: the home screen's DOM as the UI drew it, no script;" \
         "*no bold*: all text regular; *Latin*: CJK characters replaced by x; *app*: the UI's script draws" \
         "the screen (its production build, on its fake API); *no JIT*: JavaScriptCore's JIT off, to size its part only."
} >bench/out/page-cost.md
cat bench/out/page-cost.md
