"""`kcqa index --watch`: update the index shortly after the sources change (watchdog, debounced)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from .errors import KcqaError
from .schema import BuildReport
from .sources import SUFFIXES

DEBOUNCE_SECONDS = 1.0


class _Debouncer:
    """Runs ``action`` once, ``delay`` seconds after the last ``poke()``."""

    def __init__(self, delay: float, action: Callable[[], None]) -> None:
        self.delay = delay
        self.action = action
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def poke(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self.action)
            self._timer.daemon = True
            self._timer.start()

    def cancel(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()


def watch(
    engine,
    *,
    on_report: Callable[[BuildReport], None],
    on_error: Callable[[KcqaError], None] | None = None,
    delay: float = DEBOUNCE_SECONDS,
    stop: threading.Event | None = None,
) -> None:
    """Watch the engine's sources folder and update its index after changes, until ``stop`` is set
    (or Ctrl-C). Each update's BuildReport goes to ``on_report``; a KcqaError to ``on_error``."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    folder = Path(engine.settings.sources)
    stop = stop or threading.Event()

    def rebuild() -> None:
        try:
            report = engine.build()
            if not report.up_to_date:
                on_report(report)
        except KcqaError as exc:
            if on_error is not None:
                on_error(exc)
            else:
                print(f"kcqa: error: {exc}", flush=True)  # noqa: T201 - the CLI's own output

    debouncer = _Debouncer(delay, rebuild)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            paths = [getattr(event, "src_path", ""), getattr(event, "dest_path", "")]
            if any(str(p).lower().endswith(SUFFIXES) for p in paths) or event.is_directory:
                debouncer.poke()

    observer = Observer()
    observer.schedule(Handler(), str(Path(folder).resolve()), recursive=True)
    observer.start()
    try:
        while not stop.is_set():
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        debouncer.cancel()
        observer.stop()
        observer.join(timeout=5)


class SourceMonitor:
    """Tells cheaply whether the sources folder may have changed since the last look.

    Used by a long-running Engine once scanning the folder has become slow (many files): file
    system events mark it dirty, so most questions skip the scan. A full look is still due every
    ``recheck`` seconds, in case an event was missed.
    """

    def __init__(self, folder: Path, *, recheck: float = 30.0) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self._dirty = True  # the first look after starting always scans
        self._last = 0.0
        self.recheck = recheck
        monitor = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                monitor._dirty = True

        self._observer = Observer()
        self._observer.daemon = True
        self._observer.schedule(Handler(), str(Path(folder).resolve()), recursive=True)
        self._observer.start()

    def changed(self) -> bool:
        """True when the folder may have changed since the previous call returned True."""
        now = time.monotonic()
        if self._dirty or now - self._last > self.recheck:
            self._dirty = False
            self._last = now
            return True
        return False

    def close(self) -> None:
        self._observer.stop()
