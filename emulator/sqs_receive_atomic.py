"""SQS receives that never hand one message to two consumers at once.

moto's ReceiveMessage checks that a message is visible and then marks it received without a lock,
so two receives in flight at once (moto's server is threaded) can both take the same message.
SQS hides a message from every other receive the moment one takes it, and Postroom's
`ack: "auto"` (at most once) relies on that. Here each pass over the queue runs under one lock;
the long poll waits outside it, so that one waiting consumer never blocks the others.
"""
import threading
import time

from moto.sqs.models import SQSBackend

_lock = threading.Lock()
_receive_message = SQSBackend.receive_message


def _atomic_receive_message(self, queue_name, count, wait_seconds_timeout, visibility_timeout, message_attribute_names=None):
    polling_end = time.time() + wait_seconds_timeout
    while True:
        with _lock:
            result = _receive_message(self, queue_name, count, 0, visibility_timeout, message_attribute_names)
        remaining = polling_end - time.time()
        if result or remaining <= 0:
            return result
        self.get_queue(queue_name).wait_for_messages(min(1, remaining))


SQSBackend.receive_message = _atomic_receive_message
