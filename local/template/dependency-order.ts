import type { CfnResource } from './template.ts';

/**
 * Orders resources so that each comes after the resources it refers to (Ref, Fn::GetAtt, Fn::Sub)
 * or depends on (DependsOn), keeping template order otherwise, as CloudFormation's create order
 * would. A hand-written topological sort: a dozen lines, not worth a dependency.
 */
export function dependencyOrder(resources: ReadonlyMap<string, CfnResource>): string[] {
  const dependencies = new Map([...resources].map(([id, resource]) => [id, dependenciesOf(resource, resources)]));
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: readonly string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new Error(`circular dependency between resources: ${[...path, id].join(' -> ')}`);
    state.set(id, 'visiting');
    for (const dependency of dependencies.get(id) ?? []) visit(dependency, [...path, id]);
    state.set(id, 'done');
    ordered.push(id);
  };
  for (const id of resources.keys()) visit(id, []);
  return ordered;
}

/** The logical IDs among `resources` that `resource` refers to or depends on. */
function dependenciesOf(resource: CfnResource, resources: ReadonlyMap<string, CfnResource>): Set<string> {
  const found = new Set<string>([resource.DependsOn ?? []].flat());
  collectReferences(resource.Properties, found);
  return new Set([...found].filter((id) => resources.has(id)));
}

function collectReferences(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, found);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, argument] of Object.entries(value)) {
    if (key === 'Ref' && typeof argument === 'string') found.add(argument);
    else if (key === 'Fn::GetAtt') found.add(typeof argument === 'string' ? argument.split('.')[0]! : String((argument as unknown[])[0]));
    else if (key === 'Fn::Sub') {
      const text = typeof argument === 'string' ? argument : (argument as unknown[])[0];
      for (const [, name] of String(text).matchAll(/\$\{([^!}][^}.]*)/g)) found.add(name!.trim());
    }
    collectReferences(argument, found);
  }
}
