"""One window per profile: a second start brings the first window to the front.

Two windows on one profile would each keep their own view of the same jobs and race
each other's edits. The first start holds a lock file in the profile folder and
listens on a local socket named after the folder; a second start finds the lock
held, tells the first through the socket to come to the front, and says so.

The lock is taken before the window opens; the socket listens once the window has
painted (``listen``): QtNetwork costs about as much to import as the job list's first
page, and a second start in the moment between finds the lock held all the same (its
"already open" is true; only the raise is missed, for a window that is appearing).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "tech-app.lock"
_RAISE = b"raise\n"


def server_name(folder: Path) -> str:
    import hashlib  # with the socket, after the first paint

    # Socket names are short on some systems; the folder's hash keeps profiles apart.
    return "tech-app-" + hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]


class ProfileGuard(QObject):
    """Held by the first window on a profile; ``raise_requested`` when another start asks."""

    raise_requested = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(folder)
        self._lock = QLockFile(str(folder / LOCK_NAME))
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this start holds the profile; False when another window has it
        (which has been asked to come to the front). Call ``listen`` once the window is
        up, so a later start can raise it."""
        if self._lock.tryLock(0):
            return True
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            # Not another window but a folder that cannot hold a lock file (read-only):
            # the store says what is wrong with the profile.
            return True
        self._ask_the_other_to_raise()
        return False

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    @property
    def listening(self) -> bool:
        return self._server is not None

    def listen(self) -> None:
        """Answer later starts' requests to come to the front (once; only while this start
        holds the lock)."""
        if self._server is not None or not self._lock.isLocked():
            return
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self._name)  # a socket file left by a crashed run
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_new_connection)
        self._server.listen(self._name)

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            # Slots hold no Python reference to the socket (PySide crashes when a slot
            # owns a self-deleting object's wrapper, see ui/messages.py): sender() finds it.
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _on_ready_read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_RAISE.strip()):
            self.raise_requested.emit()

    def _ask_the_other_to_raise(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if socket.waitForConnected(1000):
            socket.write(_RAISE)
            socket.waitForBytesWritten(1000)
            socket.disconnectFromServer()
