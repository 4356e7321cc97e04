import { AwsClients } from '../aws/aws-clients.ts';
import type { LocalFunction } from '../lambda/local-function.ts';
import type { ProvisionedStack } from '../resources/provision-stack.ts';
import { eventSourceMappingsOf } from './event-source-mapping.ts';
import type { EventSourceType, RunningEventSource } from './event-source-type.ts';
import { dynamodbStreamEventSource } from './dynamodb-stream-event-source.ts';
import { sqsEventSource } from './sqs-event-source.ts';

/** One module per kind of source: add it to this list. */
const sourceTypes: ReadonlyMap<string, EventSourceType> = new Map([sqsEventSource, dynamodbStreamEventSource].map((type) => [type.service, type]));

/** Starts a poller for every enabled event-source mapping of the stacks whose source and function run locally. */
export function startEventSources(
  stacks: readonly ProvisionedStack[],
  functions: ReadonlyMap<string, LocalFunction>,
  aws: AwsClients,
  log: (line: string) => void,
): RunningEventSource[] {
  const running: RunningEventSource[] = [];
  for (const mapping of stacks.flatMap(eventSourceMappingsOf)) {
    const service = mapping.sourceArn.split(':')[2] ?? '';
    const type = sourceTypes.get(service);
    const fn = functions.get(mapping.functionName);
    if (!mapping.enabled) log(`${mapping.logicalId}: event-source mapping is disabled (Enabled: false); not polling`);
    else if (!type) log(`warning: ${mapping.logicalId}: ${service} event sources are not supported locally; not polling ${mapping.sourceArn}`);
    else if (!fn) log(`warning: ${mapping.logicalId}: function ${mapping.functionName} does not run locally; not polling ${mapping.sourceArn}`);
    else {
      // Lambda's pollers read the source with the function's execution role.
      const functionAws = new AwsClients({ ...aws.target, credentials: fn.definition.credentials });
      const source = type.start(mapping, fn, functionAws, log);
      running.push({ stop: () => source.stop().finally(() => functionAws.destroy()) });
    }
  }
  return running;
}
