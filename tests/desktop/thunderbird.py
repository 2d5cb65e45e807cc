"""Debian's Thunderbird as a typing target: the body of a new HTML message.

Thunderbird starts on a fresh profile (no account wizard, start page, telemetry,
updates or first-run dialogs; one local identity, which the compose window needs,
and no server it could reach) with Marionette on. A compose window is opened from
Thunderbird's own chrome code, as its "Write" button does; a test types into its
body with xdotool and reads the body back from the editor's document over
Marionette (in the chrome context), never through the clipboard.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tests.desktop.browsers import Marionette
from tests.desktop.harness import Waiting, free_port, kill_group, require_programs
from tests.waiting import wait_until

_PREFS: dict[str, Any] = {
    # no first-run pages, dialogs, updates, telemetry or network chatter: the machine is offline
    "mail.provider.enabled": False,  # the account provisioner
    "mail.shell.checkDefaultClient": False,
    "mailnews.start_page.enabled": False,
    "mail.rights.version": 1,  # the "know your rights" bar
    "mail.spotlight.firstRunDone": True,
    "mail.inline_attachments.first_run_done": True,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "toolkit.telemetry.enabled": False,
    "app.update.disabledForTesting": True,
    "extensions.update.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "mail.compose.autosave": False,  # no draft saved into Local Folders mid-test
    # a user's Thunderbird keeps Gecko's focus manager out of its test mode (see
    # browsers.py's _FIREFOX_PREFS): the window really takes the focus
    "focusmanager.testmode": False,
    # one account: Local Folders with one identity (the wizard opens without an account)
    "mail.accountmanager.accounts": "account1",
    "mail.accountmanager.localfoldersserver": "server1",
    "mail.account.account1.identities": "id1",
    "mail.account.account1.server": "server1",
    "mail.identity.id1.fullName": "Kasia Agent",
    "mail.identity.id1.useremail": "kasia@example.invalid",
    "mail.identity.id1.valid": True,
    "mail.identity.id1.compose_html": True,  # an HTML message, Thunderbird's default
    "mail.server.server1.type": "none",
    "mail.server.server1.hostname": "Local Folders",
    "mail.server.server1.name": "Local Folders",
    "mail.server.server1.userName": "nobody",
}

# Run in the chrome context of the main window: ``w`` the compose window, ``e`` its
# editor element, ``b`` the body of the message being written.
_COMPOSE = (
    "const w = Services.wm.getMostRecentWindow('msgcompose');"
    " const e = w && w.document.getElementById('messageEditor');"
    " const b = e && e.contentDocument && e.contentDocument.body;"
)
_OPEN_COMPOSE = """
const params = Cc["@mozilla.org/messengercompose/composeparams;1"]
  .createInstance(Ci.nsIMsgComposeParams);
params.type = Ci.nsIMsgCompType.New;
params.format = Ci.nsIMsgCompFormat.HTML;
params.composeFields = Cc["@mozilla.org/messengercompose/composefields;1"]
  .createInstance(Ci.nsIMsgCompFields);
params.identity = MailServices.accounts.allIdentities[0];
MailServices.compose.OpenComposeWindowWithParams(null, params);
"""
# A new HTML message's body holds an empty paragraph once the compose window has
# assembled it (mail.compose.default_to_paragraph, on by default).
EMPTY_BODY = "<p><br></p>"
# Lines are <br> or paragraphs: innerText gives them as "\n", as the agent sees them.
_TEXT = "return b.innerText.replace(/\\n$/, '');"
_CURSOR = """
const s = e.contentWindow.getSelection();
if (!s.rangeCount) return -1;
const r = s.getRangeAt(0).cloneRange();
r.setStart(b, 0);
return r.toString().length;
"""
_CLEAR = f"b.innerHTML = {json.dumps(EMPTY_BODY)};"
_CARET_TO_END = """
const last = b.lastElementChild && b.lastElementChild.nodeName === 'P' ? b.lastElementChild : b;
const s = e.contentWindow.getSelection();
s.selectAllChildren(last);
s.collapseToEnd();
e.contentWindow.focus();
"""
_FOCUSED = (
    "return w.document.hasFocus() && Services.focus.focusedWindow === e.contentWindow"
    " && Services.focus.activeWindow === w;"
)


class Thunderbird(Waiting):
    """Thunderbird with one compose window, as a typing target (harness.Target)."""

    title = "Write: "

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        require_programs("thunderbird", "xdotool")
        self.env = dict(os.environ if env is None else env)
        self.profile = tempfile.mkdtemp(prefix="expander-thunderbird-")
        self.proc: subprocess.Popen[bytes] | None = None
        self.marionette: Marionette | None = None
        try:
            self._start()
            self._open_compose()
            self.window = self._find_window()
        except BaseException:
            self.close()
            raise

    def _start(self) -> None:
        port = free_port()
        prefs = {**_PREFS, "marionette.port": port}
        Path(self.profile, "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items()),
            encoding="utf-8",
        )
        env = {**self.env, "MOZ_CRASHREPORTER_DISABLE": "1"}
        self.proc = subprocess.Popen(
            # -remote-allow-system-access: Marionette may run chrome (privileged) code
            ["thunderbird", "--marionette", "-remote-allow-system-access", "--no-remote",
             "--new-instance", "-profile", self.profile],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        self.marionette = Marionette(port)
        self.marionette.command("WebDriver:NewSession", capabilities={})
        self.marionette.command("Marionette:SetContext", value="chrome")

        def main_window_ready() -> bool:
            with contextlib.suppress(RuntimeError):
                return self.run(
                    "return document.readyState === 'complete'"
                    " && typeof MailServices === 'object'"
                    " && MailServices.accounts.allIdentities.length === 1;"
                ) is True  # fmt: skip
            return False

        if not wait_until(main_window_ready, 60, 0.1):
            raise RuntimeError("Thunderbird's main window did not load its account in 60 s")

    def _open_compose(self) -> None:
        self.run(_OPEN_COMPOSE)

        def ready() -> bool:
            with contextlib.suppress(RuntimeError):
                return self.compose(
                    f"return !!b && w.gLoadingComplete === true"
                    f" && b.innerHTML === {json.dumps(EMPTY_BODY)};"
                ) is True  # fmt: skip
            return False

        if not wait_until(ready, 60, 0.1):
            raise RuntimeError("Thunderbird's compose window did not get ready in 60 s")

    def _find_window(self) -> str:
        ids: list[str] = []

        def found() -> bool:
            out = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", f"^{self.title}"],
                capture_output=True, text=True, timeout=10,
            )  # fmt: skip
            ids[:] = out.stdout.split()
            return len(ids) == 1

        if not wait_until(found, 30, 0.1):
            raise RuntimeError(f"expected one compose window on the X server, found {ids}")
        return ids[0]

    def run(self, script: str) -> Any:
        """Run JavaScript in the main window's chrome context; its return value."""
        assert self.marionette is not None
        result = self.marionette.command("WebDriver:ExecuteScript", script=script, args=[])
        return result.get("value")

    def compose(self, script: str) -> Any:
        """Run JavaScript with ``w`` (the compose window), ``e`` (its editor
        element) and ``b`` (the message body) defined."""
        return self.run(_COMPOSE + script)

    # --- harness.Target ---

    def text(self) -> str:
        return str(self.compose(_TEXT))

    def html(self) -> str:
        return str(self.compose("return b.innerHTML;"))

    def cursor(self) -> int:
        return int(self.compose(_CURSOR))

    def clear(self) -> None:
        self.compose(_CLEAR)

    def focus(self) -> None:
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window], timeout=10,
                       capture_output=True)  # fmt: skip
        # a click in the body makes the window active (there is no window manager)
        box = self.compose("return e.getBoundingClientRect().toJSON();")
        x, y = int(box["x"] + box["width"] / 2), int(box["y"] + box["height"] / 2)
        subprocess.run(["xdotool", "mousemove", "--window", self.window, str(x), str(y),
                        "click", "1"], check=True, timeout=10)  # fmt: skip
        self.compose(_CARET_TO_END)
        if not wait_until(lambda: self.compose(_FOCUSED) is True, 5, 0.05):
            raise RuntimeError("the compose window's body did not take the focus")

    def close(self) -> None:
        if self.marionette is not None:
            # no "save this message?" prompt: the quit is forced
            with contextlib.suppress(OSError, RuntimeError, ValueError):
                self.marionette.command("Marionette:Quit", flags=["eForceQuit"])
            self.marionette.close()
            self.marionette = None
        if self.proc is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(20)
            kill_group(self.proc)  # and any process it left in its group
        shutil.rmtree(self.profile, ignore_errors=True)
