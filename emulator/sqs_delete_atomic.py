"""SQS deletes that stick when other calls change the queue at the same time.

moto 5.2.5 deletes a message by copying the queue's message list without it and then replacing
the list, without a lock. Two deletes in flight at once (moto's server is threaded) each copy the
list as it was before the other's delete, so the later replacement brings the other's messages back:
DeleteMessageBatch answered success, yet the messages come back after their visibility timeout and
are delivered again. A send during a delete can vanish the same way, and a purge be undone. Postroom's
`ack: "auto"` (at most once) relies on a successful delete being final, as on SQS. Here a delete and
a purge hold the queue's own lock, the one moto's send already holds while it appends.
"""
from moto.sqs.models import Queue, SQSBackend

_delete_message = Queue.delete_message
_purge_queue = SQSBackend.purge_queue


def _locked_delete_message(self: Queue, receipt_handle: str) -> None:
    with self._messages_lock:
        _delete_message(self, receipt_handle)


def _locked_purge_queue(self: SQSBackend, queue_name: str) -> None:
    with self.get_queue(queue_name)._messages_lock:
        _purge_queue(self, queue_name)


Queue.delete_message = _locked_delete_message
SQSBackend.purge_queue = _locked_purge_queue
