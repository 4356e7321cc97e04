"""SNS publishes that reach every subscription of a topic.

moto 5.2.5 delivers a publish to the first page (100) of the topic's subscriptions only, since it
reads them with one ListSubscriptionsByTopic call; Postroom's fan-out topic holds one subscription
per queue (up to SNS's quota), so queues declared after the hundredth never got a message.
"""
from moto.moto_api._internal import mock_random
from moto.sns.models import Topic


def _publish(self, message, subject=None, message_attributes=None, group_id=None, deduplication_id=None, message_structure=None):
    message_id = str(mock_random.uuid4())
    for subscription in self.sns_backend._get_topic_subscriptions(self):
        subscription.publish(
            message,
            message_id,
            subject=subject,
            message_attributes=message_attributes,
            group_id=group_id,
            deduplication_id=deduplication_id,
            message_structure=message_structure,
        )
    self.sent_notifications.append((message_id, message, subject, message_attributes, group_id))
    return message_id


Topic.publish = _publish
