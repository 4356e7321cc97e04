"""SQS queues that remember a bounded number of deleted messages' receipt handles.

moto 5.2.5 adds every receipt handle of every deleted message to its queue's `deleted_messages`, so
that deleting one again succeeds, and never forgets one: ~300 bytes per message ever consumed. SQS
does not document how long a deleted message's handle stays deletable (a handle is only meant to be
used until its visibility timeout ends). Here a queue remembers the handles of its last 1,000
deletes (POSTROOM_EMULATOR_SQS_DELETED_RECEIPTS, for tests): acking twice, as an at-least-once
consumer may, still succeeds; an older handle gets ReceiptHandleIsInvalid, moto's answer for a
handle it does not know.
"""
import os
from collections.abc import Iterable
from typing import Any

from moto.sqs.models import Queue

_limit = int(os.environ.get("POSTROOM_EMULATOR_SQS_DELETED_RECEIPTS", 1000))


class _RecentReceipts:
    """The receipt handles of the last `_limit` deleted messages (a dict keeps the order they came in)."""

    def __init__(self) -> None:
        self._messages: dict[tuple[str | None, ...], None] = {}
        self._handles: set[str | None] = set()

    def __contains__(self, handle: object) -> bool:
        return handle in self._handles

    def update(self, handles: Iterable[str | None]) -> None:
        """One deleted message's handles (moto passes them all at once)."""
        message = tuple(handles)
        self._messages[message] = None
        self._handles.update(message)
        while len(self._messages) > _limit:
            oldest = next(iter(self._messages))
            del self._messages[oldest]
            self._handles.difference_update(oldest)


_init = Queue.__init__


def _init_with_recent_receipts(self: Queue, *args: Any, **kwargs: Any) -> None:
    _init(self, *args, **kwargs)
    self.deleted_messages = _RecentReceipts()


Queue.__init__ = _init_with_recent_receipts
