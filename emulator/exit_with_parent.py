"""Ends the emulator when the process that started it is gone.

The Node process that starts moto stops it on shutdown, but when that process is killed with
SIGKILL (or crashes) it cannot, and moto would keep running with its port bound. On Linux the
kernel sends moto SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG; strictly, when the parent's
thread that spawned it ends: Node spawns from its main thread); elsewhere a thread notices that
moto has been reparented. POSTROOM_PARENT_PID names the parent, so that a parent that died before
this ran is noticed too.
"""
import ctypes
import os
import signal
import sys
import threading
import time

_parent = int(os.environ.get("POSTROOM_PARENT_PID", os.getppid()))


def _watch() -> None:
    while os.getppid() == _parent:
        time.sleep(0.5)
    os._exit(0)


if sys.platform == "linux":
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != _parent:
        os._exit(0)
else:
    threading.Thread(target=_watch, name="exit-with-parent", daemon=True).start()
