#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Expander needs, only those missing.
#   scripts/system-deps.sh run    what the desktop app needs
#   scripts/system-deps.sh test   what the whole test suite needs (a superset)
# As root it runs apt-get; otherwise it uses sudo when available, or says what to
# install and fails. On a system without apt-get it only checks the commands.
set -euo pipefail

profile=${1:-run}
python=${PYTHON:-python3}

# clipboard tools; PyGObject (the tray icon's GTK/AppIndicator backends) built from
# PyPI needs a compiler, headers, GObject-introspection and cairo
packages=(xclip xsel build-essential pkg-config libgirepository1.0-dev libcairo2-dev
          gir1.2-gtk-3.0 gir1.2-ayatanaappindicator3-0.1 xdg-utils)
# the IBus backend (expander run --backend ibus; a Wayland session's default) and the
# Wayland clipboard
packages+=(ibus gir1.2-ibus-1.0 wl-clipboard)
commands=(xclip)
if ! "$python" -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' 2>/dev/null; then
  packages+=(python3-dev)
fi
if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
  packages+=(python3-venv)
fi
if ! "$python" -c 'import tkinter' 2>/dev/null; then
  packages+=(python3-tk)
fi
case "$profile" in
  run) ;;
  test)
    # a virtual screen, keys, browsers, a mail client (Thunderbird), terminals (xterm and rxvt-unicode paste with Shift+Insert,
    # lxterminal, a VTE one, with Ctrl+Shift+V), and a system tray with its D-Bus session and
    # notification daemon for the tray tests
    packages+=(xvfb xdotool x11-xserver-utils x11-utils chromium firefox-esr thunderbird dbus dbus-x11 dunst trayer xterm ibus ibus-gtk3 gir1.2-ibus-1.0 mousepad at-spi2-core
               rxvt-unicode lxterminal
               desktop-file-utils libglib2.0-bin  # desktop-file-validate, gio launch
               weston)  # a Wayland compositor (nested in Xvfb) for the wl-clipboard tests
    packages+=(gsettings-desktop-schemas)  # expander ibus setup: GNOME's input-sources schema
    commands+=(Xvfb xdotool setxkbmap chromium firefox-esr thunderbird trayer dbus-run-session dbus-monitor dunst xterm
               urxvt lxterminal weston wl-copy ibus-daemon)
    ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  missing_cmds=()
  for c in "${commands[@]}"; do command -v "$c" >/dev/null 2>&1 || missing_cmds+=("$c"); done
  if [ ${#missing_cmds[@]} -gt 0 ]; then
    echo "Not a Debian-like system: please install these programs: ${missing_cmds[*]}" >&2
    exit 1
  fi
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "Please install them as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
