/** `postroom/cdk`: the broker's constructs, for your CDK app. */
export { Postroom, type PostroomProps } from './postroom.ts';
export { PostroomStack, type PostroomStackProps } from './postroom-stack.ts';
export type { IPostroomBroker } from './constructs/topology/topology-broker.ts';
export type { IBrokerApi } from './constructs/broker-api.ts';
export {
  PostroomQueue,
  type IPostroomQueue,
  type PostroomQueueAttributes,
  type PostroomQueueProps,
  type PostroomQueueSettings,
} from './constructs/topology/postroom-queue.ts';
export { PostroomExchange, type IPostroomExchange, type PostroomExchangeProps } from './constructs/topology/postroom-exchange.ts';
export { PostroomBinding, type PostroomBindingOptions, type PostroomBindingProps } from './constructs/topology/postroom-binding.ts';
export { PostroomStream, type IPostroomStream, type PostroomStreamProps, type StreamConsumeGrantOptions, type StreamLagThreshold } from './constructs/topology/postroom-stream.ts';
export { Saga, type SagaProps } from './constructs/saga/saga.ts';
export { SagaTarget, type SagaTaskOptions } from './constructs/saga/saga-target.ts';
export type { SagaRetry, SagaStep } from './constructs/saga/saga-step.ts';
export { StreamConsumer, type StreamConsumerProps } from './constructs/stream-consumer.ts';
export { PostroomOutbox, type PostroomOutboxProps } from './constructs/postroom-outbox.ts';
export { Projection, READ_MODEL_TABLE_VARIABLE, type ProjectionProps } from './constructs/projection.ts';
export { RouteGrants, type RouteParameters } from './constructs/route-grants.ts';
export { PostroomDashboard, type PostroomDashboardProps } from './constructs/monitoring/postroom-dashboard.ts';
export type { PostroomAlarmOptions } from './constructs/monitoring/postroom-alarm.ts';
export type { PostroomDefaultAlarmsProps } from './constructs/monitoring/default-alarms.ts';
export { StreamLagMonitor, type StreamLagMonitorProps } from './constructs/stream-lag-monitor.ts';
