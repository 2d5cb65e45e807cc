"""The control channel of the test windows (tk_target.py, gtk_target.py): one-line
JSON commands on a local TCP port, each answered by the window's own GUI thread.

Those programs run as scripts from this folder, so they import this module by its
plain name. GUI toolkits are not thread-safe: the socket thread only queues a
command; the GUI thread runs :meth:`CommandServer.pump` (Tk polls it, GTK is woken).
"""

from __future__ import annotations

import json
import queue
import socket
import sys
import threading
from collections.abc import Callable
from typing import Any

Request = dict[str, Any]
Command = tuple[Request, "queue.Queue[Request]"]


class CommandServer:
    """Serves ``handle`` on 127.0.0.1; prints ``PORT n`` for the test to read."""

    def __init__(
        self, handle: Callable[[Request], Request], wake: Callable[[], object] = lambda: None
    ) -> None:
        self._handle = handle
        self._wake = wake  # called on the socket thread after queueing a command
        self._commands: queue.Queue[Command] = queue.Queue()
        self._server = socket.socket()
        self._server.bind(("127.0.0.1", 0))
        self._server.listen()
        threading.Thread(target=self._serve, daemon=True).start()
        sys.stdout.write(f"PORT {self._server.getsockname()[1]}\n")
        sys.stdout.flush()

    def pump(self) -> None:
        """Answer every queued command (on the GUI thread)."""
        while True:
            try:
                request, reply = self._commands.get_nowait()
            except queue.Empty:
                return
            try:
                reply.put(self._handle(request))
            except Exception as exc:  # report to the test rather than die
                reply.put({"error": repr(exc)})

    def _serve(self) -> None:
        while True:
            conn, _ = self._server.accept()
            with conn, conn.makefile("rwb") as stream:
                for line in stream:
                    reply: queue.Queue[Request] = queue.Queue()
                    self._commands.put((json.loads(line), reply))
                    self._wake()
                    stream.write(json.dumps(reply.get(), ensure_ascii=False).encode() + b"\n")
                    stream.flush()
