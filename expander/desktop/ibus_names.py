"""What IBus knows Expander by: the names the engine backend registers and the
setup command writes, in one place so the two can never disagree."""

from __future__ import annotations

__all__ = [
    "COMPONENT_NAME",
    "ENGINE_DESCRIPTION",
    "ENGINE_LANGUAGE",
    "ENGINE_LAYOUT",
    "ENGINE_LONGNAME",
    "ENGINE_NAME",
    "ENGINE_SYMBOL",
]

ENGINE_NAME = "expander"
"""The engine's name: ``ibus engine expander`` selects it; GNOME lists it as the
input source ``('ibus', 'expander')``."""

COMPONENT_NAME = "org.freedesktop.IBus.Expander"
"""The D-Bus name the running app owns on IBus's bus; ibus-daemon starts the
component's command when the engine is selected and nobody owns it."""

ENGINE_LONGNAME = "Expander"
ENGINE_DESCRIPTION = "Canned replies: type a trigger such as ;delay to insert the reply"
ENGINE_LANGUAGE = "other"
# "default" keeps the user's keyboard layout (IBUS-NOTES: "us" replaced Polish with US)
ENGINE_LAYOUT = "default"
# GNOME's top bar shows the symbol of the selected input source (else a keyboard glyph)
ENGINE_SYMBOL = "Ex"
