"""SNS topics that keep no copy of what was published to them.

moto 5.2.5 appends every publish (id, message, subject, attributes) to its topic's
`sent_notifications`, an inspection aid for moto's own Python tests, and never removes one, so the
emulator grows by each message published through a topic. SNS keeps nothing once it has delivered:
here the list is a deque that holds none (Postroom's fan-out publish, `sns_all_subscriptions`,
appends to it like moto's own).
"""
from collections import deque
from typing import Any

from moto.sns.models import Topic

_init = Topic.__init__


def _init_keeping_nothing(self: Topic, *args: Any, **kwargs: Any) -> None:
    _init(self, *args, **kwargs)
    self.sent_notifications = deque(maxlen=0)


Topic.__init__ = _init_keeping_nothing
