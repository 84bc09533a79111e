# shellcheck shell=bash
# Issue 20, for .ci/windows (sourced, not run): how gym admins start the Windows executable.
#
# - Resources: the version information, the manifest and the icon, read from the built .exe.
# - A double-click: `wine app.exe` on a pseudo-terminal owns its console (GetConsoleProcessList
#   says 1), as after a double-click in Explorer. Every exit waits for Enter there: after
#   `check --demo`, a failed check, an error at start, a panic, plain mode's end of input.
#   `--no-pause` and HACOMONO_ZOOM_SETUP_NO_PAUSE turn that off. (The full screen's own end
#   is not driven here: wine's console draws it badly and ends its input at Ctrl+C; the Linux
#   pseudo-terminal tests cover its summary, and the panic covers its restored terminal.)
# - From a shell: `wine cmd /c app.exe` shares cmd's console (it says 3): nothing waits.
# - A screen reader (the registry's Blind Access flag) starts plain mode, --full-screen aside.
#
# Sourced at the repository's root (so this directory is found), then .ci/windows calls
# `windows_start_tests` in the test directory, with `exe`, `version`, `check`, `contains`,
# `lacks` and `json` of .ci/windows at hand.

# shellcheck disable=SC2154 # exe and version are .ci/windows' own, set before the tests run
WINDOWS_START_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# on_pty NAME STEP... -- COMMAND...: COMMAND on a pseudo-terminal of its own, walked through
# the steps of .ci/wine/pty.py. NAME.tty.txt keeps what it showed, NAME.pty whether every step
# held (and NAME.pty_err which one did not).
on_pty() {
  local name=$1
  shift
  if timeout --kill-after=10 300 python3 "$WINDOWS_START_DIR/pty.py" "$name.tty" "$@" \
    2>"$name.pty_err"; then
    echo ok >"$name.pty"
  else
    echo failed >"$name.pty"
  fi
}

# own NAME STEP... -- ARGS...: the executable in a console of its own (a double-click).
own() {
  local name=$1 steps=()
  shift
  while [ "$1" != -- ]; do
    steps+=("$1")
    shift
  done
  shift
  on_pty "$name" "${steps[@]}" -- "$WINE" "$exe" "$@"
}

# shared NAME STEP... -- ARGS...: the executable started by cmd, in cmd's console.
shared() {
  local name=$1 steps=()
  shift
  while [ "$1" != -- ]; do
    steps+=("$1")
    shift
  done
  shift
  on_pty "$name" "${steps[@]}" -- "$WINE" cmd /c 'app\hacomono-zoom-setup.exe' "$@"
}

# held NAME: every step of that run held; if not, says which and what the terminal showed.
held() {
  if [ "$(cat "$1.pty")" = ok ]; then
    return 0
  fi
  sed 's/^/    /' "$1.pty_err" >&2
  echo "    the terminal showed (last 600 characters, escapes left out):" >&2
  tail -c 600 "$1.tty.txt" | fold -w 100 | sed 's/^/    | /' >&2
  echo >&2
  return 1
}

# The line that waits for Enter, in each language.
PRESS_ENTER_EN="Press Enter to close this window."
PRESS_ENTER_JA="Enter キーを押すとこのウィンドウを閉じます。"

windows_start_tests() {
  local reader_flag='HKCU\Control Panel\Accessibility\Blind Access' begun=$SECONDS

  note "issue 20: resources (version information, manifest, icon)"
  x86_64-w64-mingw32-objdump -p "$exe" >objdump.txt
  check "objdump: the .exe has a resource directory" contains objdump.txt "Resource Directory"
  python3 "$WINDOWS_START_DIR/pe_resources.py" "$exe" >resources.json
  check "resources: an icon, its group, a version and a manifest" json resources.json \
    'all(t in d["types"] for t in (3, 14, 16, 24)) and d["icons"] >= 4 and d["icon_groups"] == 1'
  check "version: the fixed file version is Cargo.toml's" json resources.json \
    "d['version']['file_version'] == '$version.0'"
  check "version: Japanese first, then English" json resources.json \
    'd["version"]["translations"] == ["041104b0", "040904b0"]'
  check "version: the product name in Japanese" json resources.json \
    'd["version"]["strings"]["041104b0"]["ProductName"] == "hacomono × Zoom 連携セットアップ"'
  check "version: the product name in English" json resources.json \
    'd["version"]["strings"]["040904b0"]["ProductName"] == "hacomono × Zoom setup"'
  check "version: both languages: the package version, a description, the file name" \
    json resources.json "all(s['ProductVersion'] == s['FileVersion'] == '$version'
      and len(s['FileDescription']) > 10
      and s['OriginalFilename'] == 'hacomono-zoom-setup.exe'
      for s in d['version']['strings'].values())"
  check "manifest: resource 1, asInvoker" json resources.json \
    'd["manifest_id"] == 1 and "level=\"asInvoker\"" in d["manifest"]'
  check "manifest: Windows 10 and 11 supported, UTF-8 as the active code page" json resources.json \
    '"{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}" in d["manifest"] and ">UTF-8</activeCodePage>" in d["manifest"]'

  note "issue 20: a console of its own (double-click) waits for Enter at every exit"
  own own_check wait="Ready: these values can be entered in hacomono." \
    wait="$PRESS_ENTER_EN" running send='\r' exit=0 -- check --demo --lang en
  check "check --demo: the result, then the wait; Enter ends it with exit 0" held own_check
  own own_check_ja wait="$PRESS_ENTER_JA" running send='\r' exit=0 -- check --demo --lang ja
  check "check --demo in Japanese: the wait is said in Japanese" held own_check_ja
  # ZOOM_CLIENT_ID picks the emulator's scenario.
  on_pty own_failed wait="[invalid_client]" wait="$PRESS_ENTER_EN" running send='\r' exit=1 -- \
    env ZOOM_CLIENT_ID=demoInvalidClient "$WINE" "$exe" check --demo --lang en
  check "a failed check: its diagnosis, then the wait; exit 1" held own_failed
  own own_bad_flag wait="there is no option '--no-such-flag'" wait="$PRESS_ENTER_EN" running \
    send='\r' exit=2 -- --no-such-flag
  check "an error at start (a wrong flag): the error in the user's words, then the wait; exit 2" held own_bad_flag
  on_pty own_panic wait="panic requested" wait="$PRESS_ENTER_EN" running send='\r' exit=101 -- \
    env HACOMONO_ZOOM_SETUP_PANIC_FOR_TEST=1 "$WINE" "$exe" --demo --lang en
  check "a panic in the full screen: its message, then the wait; exit 101" held own_panic
  own own_no_pause exit=0 -- check --demo --lang en --no-pause
  check "--no-pause: exits at once" held own_no_pause
  check "--no-pause: no wait is offered" lacks own_no_pause.tty.txt "$PRESS_ENTER_EN"
  on_pty own_no_pause_env exit=0 -- \
    env HACOMONO_ZOOM_SETUP_NO_PAUSE=1 "$WINE" "$exe" check --demo --lang en
  check "HACOMONO_ZOOM_SETUP_NO_PAUSE=1: exits at once" held own_no_pause_env
  check "HACOMONO_ZOOM_SETUP_NO_PAUSE=1: no wait is offered" \
    lacks own_no_pause_env.tty.txt "$PRESS_ENTER_EN"

  note "issue 20: started from cmd (a console shared with it), nothing waits"
  shared shared_check wait="Ready: these values can be entered in hacomono." exit=0 -- \
    check --demo --lang en
  check "cmd /c … check --demo: exits 0 by itself" held shared_check
  check "cmd /c … check --demo: no wait is offered" lacks shared_check.tty.txt "$PRESS_ENTER_EN"
  shared shared_bad_flag wait="there is no option '--no-such-flag'" exit=2 -- --no-such-flag
  check "cmd /c … --no-such-flag: exits 2 by itself" held shared_bad_flag
  check "cmd /c … --no-such-flag: no wait is offered" \
    lacks shared_bad_flag.tty.txt "$PRESS_ENTER_EN"

  note "issue 20: a screen reader running (Blind Access = 1) starts plain mode"
  wine_run reg add "$reader_flag" /v On /t REG_SZ /d 1 /f >/dev/null 2>&1 ||
    fail "could not set the screen-reader flag in wine's registry"
  # Ctrl+Z then Enter ends the console's input: plain mode says so and exits 1, after the wait.
  own reader_plain wait="A screen reader is running" wait="Plain mode: answer each question" \
    wait="Number [1]:" send='\x1a\r' wait="Input ended before the setup was finished." \
    wait="$PRESS_ENTER_EN" running send='\r' exit=1 -- --demo --lang en --reset
  check "screen reader: one line says so and how to get the full screen, then plain mode" \
    held reader_plain
  check "screen reader: the line names --full-screen" contains reader_plain.tty.txt "--full-screen"
  # --full-screen: the full screen after all, shown by its test panic, which only the full
  # screen has (wine's console ends its input at Ctrl+C, so the wizard cannot be left with it).
  on_pty reader_full wait="panic requested" wait="$PRESS_ENTER_EN" running send='\r' \
    exit=101 -- env HACOMONO_ZOOM_SETUP_PANIC_FOR_TEST=1 "$WINE" "$exe" --demo --lang en \
    --full-screen
  check "screen reader and --full-screen: the full screen starts (its test panic, then the wait)" \
    held reader_full
  check "--full-screen: no plain mode" lacks reader_full.tty.txt "Plain mode:"
  wine_run reg delete "$reader_flag" /v On /f >/dev/null 2>&1 ||
    fail "could not clear the screen-reader flag in wine's registry"
  note "issue 20: checked in $((SECONDS - begun)) s"
}
