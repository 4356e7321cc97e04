/**
 * Replays what CloudFormation sends a stack's custom resources when one version of a template is
 * deployed over another, in CloudFormation's order: Create for new logical ids and Update for
 * changed properties, in dependency order; then, in the cleanup phase and in reverse dependency
 * order, Delete for the logical ids that are gone and for the old physical id of every resource
 * whose Update answered a new one (with the old properties, as CloudFormation sends them).
 */

export interface CustomResourceDefinition {
  readonly properties: Record<string, unknown>;
  readonly dependsOn: readonly string[];
}

/** What the stack holds after a deployment: each custom resource's properties and physical id. */
export type DeployedResources = ReadonlyMap<string, CustomResourceDefinition & { readonly physicalId: string }>;

export interface CustomResourceEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly LogicalResourceId: string;
  readonly ResourceProperties: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
  readonly PhysicalResourceId?: string;
}

export interface CustomResourceAnswer {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly PhysicalResourceId: string;
  readonly Reason?: string;
}

/** The custom resources of a synthesized template (`Template.toJSON()`) of one CloudFormation type. */
interface TemplateResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly DependsOn?: string | string[];
}

export function customResourcesOf(template: { Resources: Record<string, TemplateResource> }, type: string): Map<string, CustomResourceDefinition> {
  const resources = Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
  const ids = new Set(resources.map(([id]) => id));
  return new Map(
    resources.map(([id, resource]) => {
      const { ServiceToken: _token, ...properties } = resource.Properties;
      const dependsOn = [resource.DependsOn ?? []].flat().filter((dependency) => ids.has(dependency));
      return [id, { properties, dependsOn }];
    }),
  );
}

/** Deploys `next` over `deployed`, sending each event to `send`; throws on a FAILED answer. */
export async function deployCustomResources(
  deployed: DeployedResources,
  next: ReadonlyMap<string, CustomResourceDefinition>,
  send: (event: CustomResourceEvent) => Promise<CustomResourceAnswer>,
): Promise<DeployedResources> {
  const result = new Map<string, CustomResourceDefinition & { physicalId: string }>();
  const cleanup = new Map<string, CustomResourceEvent>();
  for (const id of dependencyOrder(next)) {
    const definition = next.get(id)!;
    const previous = deployed.get(id);
    if (previous && JSON.stringify(previous.properties) === JSON.stringify(definition.properties)) {
      result.set(id, { ...definition, physicalId: previous.physicalId });
      continue;
    }
    const event: CustomResourceEvent = previous
      ? { RequestType: 'Update', LogicalResourceId: id, ResourceProperties: definition.properties, OldResourceProperties: previous.properties, PhysicalResourceId: previous.physicalId }
      : { RequestType: 'Create', LogicalResourceId: id, ResourceProperties: definition.properties };
    const answer = await expectSuccess(send, event);
    result.set(id, { ...definition, physicalId: answer.PhysicalResourceId });
    // A new physical id replaced the resource: the old one is deleted in the cleanup.
    if (previous && answer.PhysicalResourceId !== previous.physicalId) cleanup.set(id, deleteEvent(id, previous));
  }
  for (const [id, previous] of deployed) if (!next.has(id)) cleanup.set(id, deleteEvent(id, previous));
  // Dependents first: the reverse of the order the old resources were created in.
  for (const id of dependencyOrder(deployed).reverse()) {
    const event = cleanup.get(id);
    if (event) await expectSuccess(send, event);
  }
  return result;
}

const deleteEvent = (id: string, { properties, physicalId }: DeployedResources extends ReadonlyMap<string, infer R> ? R : never): CustomResourceEvent => ({
  RequestType: 'Delete',
  LogicalResourceId: id,
  ResourceProperties: properties,
  PhysicalResourceId: physicalId,
});

async function expectSuccess(send: (event: CustomResourceEvent) => Promise<CustomResourceAnswer>, event: CustomResourceEvent): Promise<CustomResourceAnswer> {
  const answer = await send(event);
  if (answer.Status !== 'SUCCESS') throw new Error(`${event.RequestType} of ${event.LogicalResourceId} failed: ${answer.Reason}`);
  return answer;
}

/** Logical ids with each after the resources it depends on (the template's order otherwise). */
function dependencyOrder(resources: ReadonlyMap<string, CustomResourceDefinition>): string[] {
  const ordered: string[] = [];
  const visit = (id: string) => {
    if (ordered.includes(id) || !resources.has(id)) return;
    for (const dependency of resources.get(id)!.dependsOn) visit(dependency);
    ordered.push(id);
  };
  for (const id of resources.keys()) visit(id);
  return ordered;
}
