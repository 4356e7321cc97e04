"""CloudWatch answers SQS's own queue metrics, read from the live moto queues.

SQS publishes metrics of every active queue to CloudWatch (namespace `AWS/SQS`, dimension
`QueueName`, one datapoint a minute, free); moto 5.2.5's CloudWatch knows none of them, so
GetMetricData and GetMetricStatistics answer nothing. Here they answer four, as the SQS Developer
Guide ("Available CloudWatch metrics for Amazon SQS") describes them, for each queue of the same
account and region, with one datapoint stamped at the start of the last whole minute: the newest
SQS could have reported, as a minute's datapoint exists only once the minute is over. So a window
ending at the start of the current minute (computed just before the minute turned) still holds it:

- `ApproximateNumberOfMessagesVisible`, `...NotVisible`, `...Delayed` (Count): the queue's counts,
  as GetQueueAttributes answers them.
- `ApproximateAgeOfOldestMessage` (Seconds, whole): now minus the time the oldest message not yet
  deleted (ready, in flight or delayed) entered the queue; no datapoint for an empty queue ("reported
  if the queue contains at least one active message"). A message SQS moved to a dead-letter queue
  counts from the move, not from its send. On a standard queue a message received three times or more
  and not deleted is left out (SQS moves it to the back of the queue), unless only such messages remain.

A request reads only the queues its queries name, so it costs the same however many queues the
emulator holds. Everything else (metrics put with PutMetricData, other namespaces) is moto's own.
"""
import threading
from datetime import timedelta
from typing import Any

from moto.cloudwatch.models import CloudWatchBackend, MetricDatum
from moto.core.common_models import CloudWatchMetricProvider
from moto.core.utils import unix_time_millis, utcnow
from moto.sqs.models import Queue, sqs_backends

NAMESPACE = "AWS/SQS"
AGE = "ApproximateAgeOfOldestMessage"
COUNTS = {
    "ApproximateNumberOfMessagesVisible": lambda queue: queue.approximate_number_of_messages,
    "ApproximateNumberOfMessagesNotVisible": lambda queue: queue.approximate_number_of_messages_not_visible,
    "ApproximateNumberOfMessagesDelayed": lambda queue: queue.approximate_number_of_messages_delayed,
}
# Receives after which SQS moves a standard queue's undeleted message to the back, out of the age.
POISON_PILL_RECEIVES = 3

_local = threading.local()

# When a message entered its queue (sent, or moved to a dead-letter queue), and its receives then.
_add_message = Queue.add_message


def _add_message_stamped(self: Queue, message: Any) -> None:
    message.postroom_enqueued_at = unix_time_millis()
    message.postroom_receives_at_enqueue = message.approximate_receive_count
    _add_message(self, message)


def _oldest_age_seconds(queue: Queue, now: float) -> int | None:
    messages = list(queue._messages)
    if not messages:
        return None
    if not queue.fifo_queue:
        fresh = [m for m in messages if m.approximate_receive_count - getattr(m, "postroom_receives_at_enqueue", 0) < POISON_PILL_RECEIVES]
        messages = fresh or messages
    oldest = min(getattr(m, "postroom_enqueued_at", m.sent_timestamp) for m in messages)
    return max(0, int((now - oldest) // 1000))


def _wanted(queries: list[dict[str, Any]]) -> dict[str, set[str]]:
    """The requested AWS/SQS metrics by queue name."""
    wanted: dict[str, set[str]] = {}
    for query in queries:
        metric = query.get("MetricStat", {}).get("Metric", {})
        if metric.get("Namespace") != NAMESPACE:
            continue
        for dimension in metric.get("Dimensions", []):
            if dimension.get("Name") == "QueueName":
                wanted.setdefault(dimension.get("Value"), set()).add(metric.get("MetricName"))
    return wanted


class SqsQueueMetrics(CloudWatchMetricProvider):
    """Registers with moto's CloudWatch as a provider of built-in metrics (as S3's backend is)."""

    @staticmethod
    def get_cloudwatch_metrics(account_id: str, region: str) -> list[MetricDatum]:
        wanted = getattr(_local, "wanted", None)
        minute = utcnow().replace(second=0, microsecond=0) - timedelta(minutes=1)
        now = unix_time_millis()
        metrics = []
        queues = sqs_backends[account_id][region].queues
        requested = {name: {*COUNTS, AGE} for name in queues} if wanted is None else wanted
        for name, names in requested.items():
            queue = queues.get(name)
            if queue is None:
                continue
            for metric in names:
                if metric == AGE:
                    value, unit = _oldest_age_seconds(queue, now), "Seconds"
                elif metric in COUNTS:
                    value, unit = COUNTS[metric](queue), "Count"
                else:
                    continue
                if value is not None:
                    metrics.append(MetricDatum(NAMESPACE, metric, value, [{"Name": "QueueName", "Value": name}], minute, unit))
        return metrics


def _reading(wanted_of):
    def wrap(method):
        def wrapped(self, *args, **kwargs):
            previous = getattr(_local, "wanted", None)
            _local.wanted = wanted_of(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            finally:
                _local.wanted = previous

        return wrapped

    return wrap


def _statistics_wanted(namespace, metric_name, start_time, end_time, period, stats, dimensions, unit=None):
    return _wanted([{"MetricStat": {"Metric": {"Namespace": namespace, "MetricName": metric_name, "Dimensions": dimensions}}}])


Queue.add_message = _add_message_stamped
CloudWatchBackend.get_metric_data = _reading(lambda queries, *args, **kwargs: _wanted(queries))(CloudWatchBackend.get_metric_data)
CloudWatchBackend.get_metric_statistics = _reading(_statistics_wanted)(CloudWatchBackend.get_metric_statistics)
