"""The desktop app: settings, hotkeys, the file watcher, the controller (every
decision of the app, built from ports only), the composition root (``app``) and
the backends, the only modules that import a desktop library.

Importing this package loads no desktop library: the backends are imported by
the composition root when the app runs.
"""

from expander.desktop.about import about_text, team_pack_lines
from expander.desktop.app import check_desktop, configure_logging, run
from expander.desktop.controller import DesktopController, TeamPacks
from expander.desktop.options import AppOptions
from expander.desktop.session import CurrentCustomer, OwnWindows
from expander.desktop.usage import UsageStatistics
from expander.desktop.watch import (
    FileWatcher,
    ReloadDecision,
    Snapshot,
    reload_library,
    reload_value,
    snapshot,
)
from expander.ports import DesktopPorts

__all__ = [
    "AppOptions",
    "CurrentCustomer",
    "DesktopController",
    "DesktopPorts",
    "FileWatcher",
    "OwnWindows",
    "ReloadDecision",
    "Snapshot",
    "TeamPacks",
    "UsageStatistics",
    "about_text",
    "check_desktop",
    "configure_logging",
    "reload_library",
    "reload_value",
    "run",
    "snapshot",
    "team_pack_lines",
]
