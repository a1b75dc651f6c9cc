"""Child processes of a build: they end with it (``die_with_parent``, the initializer of the
extraction workers too), and ``Child`` runs one step of the build in a spawned child process
while the build goes on (the machine's other core): the workbook is written while the package
is validated.

The child gets only the function and its (small) arguments, never the rows: it reads what it
needs from the staged files, so no table is in memory twice. It ends with its parent (even
after ``kill -9``) and is killed when the step that started it fails. A
failure in the child is raised again in the parent as the same exception, its causes chained as
they were (so an OSError at the root still names the problem in one line); a child that ends
without a result (killed) raises ``ChildProcessError``. With ``spawn=False`` (a build asked
for one process) the function runs in this process when its result is asked for.

>>> with Child(workbook_from_json, stage / "data", cell) as child:
...     report = validate(...)
...     size, sha256 = child.result()
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable
from multiprocessing import get_context
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def _watch_parent(parent: int) -> None:
    """Exit as soon as this process's parent is no longer ``parent`` (it died)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when the build that started it dies, ``kill -9``
    too. On Linux the kernel sends SIGKILL at once; everywhere, a thread checks every second.

    >>> ProcessPoolExecutor(2, initializer=die_with_parent, initargs=(os.getpid(),))
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def portable(err: BaseException) -> BaseException:
    """The exception itself if it pickles, else a RuntimeError with its type and message."""
    try:
        pickle.loads(pickle.dumps(err))
    except Exception:  # noqa: BLE001 - any pickling problem: send the text instead
        return RuntimeError(f"{type(err).__name__}: {err}")
    return err


def causes(err: BaseException) -> list[BaseException]:
    """The exception and its causes (``__cause__`` or ``__context__``), outermost first."""
    chain: list[BaseException] = []
    seen: BaseException | None = err
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    return chain


def relink(chain: list[BaseException]) -> BaseException:
    """The outermost exception of ``causes``' list, each one's ``__cause__`` set again (pickling
    drops it)."""
    for outer, inner in zip(chain, chain[1:], strict=False):
        outer.__cause__ = inner
    return chain[0]


def _run(send: Connection, parent: int, function: Callable[..., Any], args: tuple) -> None:
    """The child: run ``function(*args)`` and send back (result, []) or (None, causes)."""
    die_with_parent(parent)
    try:
        outcome: tuple[Any, list[BaseException]] = (function(*args), [])
    except BaseException as err:  # noqa: BLE001 - every failure goes back to the parent
        outcome = (None, [portable(e) for e in causes(err)])
    send.send(outcome)
    send.close()


class Child:
    """``function(*args)`` running in a spawned child process; ``result()`` waits for it."""

    def __init__(self, function: Callable[..., Any], *args: Any, spawn: bool = True) -> None:
        self.name = getattr(function, "__name__", "child")
        self.call = None if spawn else (function, args)  # spawn=False: run in ``result()``
        if not spawn:
            return
        context = get_context("spawn")
        self._receive, send = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_run, args=(send, os.getpid(), function, args), daemon=True
        )
        self.process.start()
        send.close()  # the child holds the only sending end: its death ends ``recv``

    def result(self) -> Any:
        """The function's return value (waiting for it), or its exception raised here."""
        if self.call is not None:
            function, args = self.call
            return function(*args)
        try:
            value, chain = self._receive.recv()
        except EOFError:
            self.process.join()
            code = self.process.exitcode
            raise ChildProcessError(f"{self.name} ended without a result (exit {code})") from None
        self.process.join()
        if chain:
            raise relink(chain)
        return value

    def close(self) -> None:
        """Kill the child if it still runs (the build failed meanwhile) and wait for it."""
        if self.call is not None:
            return
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self._receive.close()

    def __enter__(self) -> Child:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
