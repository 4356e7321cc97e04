import { CustomResource, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type * as z from 'zod/mini';
import { InvalidRequestError, type FieldError } from '../../../functions/core/problems/index.ts';
import { parseRequest } from '../../../functions/core/validation.ts';
import type { TopologyProperties } from '../../../functions/topology-resource/topology-request.ts';
import type { IPostroomBroker } from './topology-broker.ts';

/** The CloudFormation type of every piece of static topology; the local runtime provisions it too. */
export const TOPOLOGY_RESOURCE_TYPE = 'Custom::PostroomTopology';

/**
 * The custom resource behind a queue, exchange or binding construct: the HTTP API's request, run
 * by the broker's topology function. `body` goes as one JSON string because CloudFormation hands
 * every other property value to the function as a string.
 */
export function topologyResource(scope: Construct, broker: IPostroomBroker, properties: Omit<TopologyProperties, 'Body'> & { readonly body: object }): CustomResource {
  const { body, ...rest } = properties;
  return new CustomResource(scope, 'Resource', {
    resourceType: TOPOLOGY_RESOURCE_TYPE,
    serviceToken: broker.topologyFunction.functionArn,
    properties: { ...rest, Body: Stack.of(scope).toJsonString(body) },
  });
}

/**
 * Checks a request body with the HTTP API's own schema at synth time, so that a mistake fails
 * `cdk synth` rather than the deployment. Bodies holding tokens are checked on deployment only.
 */
export function validateBody(schema: z.ZodMiniType, body: object, what: string): void {
  if (Token.isUnresolved(JSON.stringify(body))) return;
  try {
    parseRequest(schema, body, what);
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error;
    const problems = (error.extensions.errors as FieldError[]).map((problem) => `${problem.path || 'settings'} ${lowerFirst(problem.message)}`);
    throw new Error(`invalid ${what}: ${problems.join('; ')}`, { cause: error });
  }
}

/** Checks a queue's or exchange's name at synth time (unless it is a token); `rule` says what is valid. */
export function validateName(name: string, valid: (name: string) => boolean, rule: string): void {
  if (!Token.isUnresolved(name) && !valid(name)) throw new Error(`invalid ${rule}; got ${JSON.stringify(name)}`);
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
