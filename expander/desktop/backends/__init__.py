"""Adapters to the desktop: the only modules that import pynput, pystray,
pyperclip, tkinter or Xlib.

Each adapter is thin and imported lazily by whoever needs it (the app's
composition root, or a CLI command that touches the desktop), so importing the
core library never loads a desktop library.
"""
