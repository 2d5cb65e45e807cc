"""The desktop app: settings, hotkeys, the file watcher, the controller (every
decision of the app, built from ports only), the composition root (``app``) and
the backends, the only modules that import a desktop library.
"""
