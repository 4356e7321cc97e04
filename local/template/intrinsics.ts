import { createHash } from 'node:crypto';
import type { CfnTemplate } from './template.ts';

/**
 * Evaluates CloudFormation intrinsic functions and condition functions against values known
 * locally. Pure: resource values come from the scope. No maintained library evaluates intrinsics
 * outside CloudFormation (cfn-include only parses them into CDK tokens), hence this module.
 */

export interface PseudoParameters {
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  readonly urlSuffix: string;
  readonly stackName: string;
}

export interface ResolutionScope {
  readonly template: CfnTemplate;
  readonly pseudo: PseudoParameters;
  /** The physical ID of a resource (what `Ref` returns); throws UnresolvableError when unknown. */
  ref(logicalId: string): unknown;
  /** A resource attribute (what `Fn::GetAtt` returns); throws UnresolvableError when unknown. */
  getAtt(logicalId: string, attribute: string): unknown;
}

/** A value that cannot be known locally (e.g. an attribute of a resource that is not emulated). */
export class UnresolvableError extends Error {
  override readonly name = 'UnresolvableError';
}

/** What `Ref: AWS::NoValue` stands for: the enclosing property or list element is removed. */
const noValue = Symbol('AWS::NoValue');

/** Resolves every intrinsic in `value`; `AWS::NoValue` at the top yields undefined. */
export function resolveValue(value: unknown, scope: ResolutionScope): unknown {
  const resolved = resolve(value, scope);
  return resolved === noValue ? undefined : resolved;
}

/** Evaluates a named entry of the template's Conditions section. */
export function evaluateCondition(name: string, scope: ResolutionScope): boolean {
  const definition = scope.template.Conditions?.[name];
  if (definition === undefined) throw new UnresolvableError(`unknown condition ${name}`);
  return conditionValue(definition, scope);
}

/** The stack ID CloudFormation would give this stack, made deterministic. */
function stackId(pseudo: PseudoParameters): string {
  const id = createHash('sha256').update(pseudo.stackName).digest('hex');
  const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
  return `arn:${pseudo.partition}:cloudformation:${pseudo.region}:${pseudo.accountId}:stack/${pseudo.stackName}/${uuid}`;
}

type Intrinsic = (argument: unknown, scope: ResolutionScope) => unknown;

const intrinsics: Record<string, Intrinsic> = {
  Ref: (name, scope) => ref(asString(name, 'Ref'), scope),
  'Fn::GetAtt': (argument, scope) => {
    const [logicalId, attribute] = getAttArguments(resolveAll(argument, scope));
    return scope.getAtt(logicalId, attribute);
  },
  'Fn::Join': (argument, scope) => {
    const [delimiter, items] = asList(argument, 'Fn::Join', 2);
    return asList(resolveAll(items, scope), 'Fn::Join').map((item) => scalar(item, 'Fn::Join')).join(asString(delimiter, 'Fn::Join'));
  },
  'Fn::Sub': (argument, scope) => substitute(argument, scope),
  'Fn::Select': (argument, scope) => {
    const [index, items] = asList(resolveAll(argument, scope), 'Fn::Select', 2);
    const list = asList(items, 'Fn::Select');
    const position = Number(index);
    if (!Number.isInteger(position) || position < 0 || position >= list.length) {
      throw new UnresolvableError(`Fn::Select index ${String(index)} is out of range`);
    }
    return list[position];
  },
  'Fn::Split': (argument, scope) => {
    const [delimiter, source] = asList(resolveAll(argument, scope), 'Fn::Split', 2);
    return asString(source, 'Fn::Split').split(asString(delimiter, 'Fn::Split'));
  },
  'Fn::If': (argument, scope) => {
    const [condition, whenTrue, whenFalse] = asList(argument, 'Fn::If', 3);
    return resolve(evaluateCondition(asString(condition, 'Fn::If'), scope) ? whenTrue : whenFalse, scope);
  },
  'Fn::FindInMap': (argument, scope) => {
    const [mapName, topKey, secondKey] = asList(resolveAll(argument, scope), 'Fn::FindInMap', 3).map((key) => asString(key, 'Fn::FindInMap'));
    const value = scope.template.Mappings?.[mapName!]?.[topKey!]?.[secondKey!];
    if (value === undefined) throw new UnresolvableError(`Fn::FindInMap ${mapName}.${topKey}.${secondKey} is not in the template`);
    return value;
  },
  'Fn::GetAZs': (argument, scope) => {
    const region = asString(resolve(argument, scope), 'Fn::GetAZs') || scope.pseudo.region;
    return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
  },
  'Fn::Base64': (argument, scope) => Buffer.from(asString(resolve(argument, scope), 'Fn::Base64')).toString('base64'),
  'Fn::ImportValue': () => {
    throw new UnresolvableError('Fn::ImportValue (cross-stack references) is not supported locally');
  },
};

function resolve(value: unknown, scope: ResolutionScope): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, scope)).filter((item) => item !== noValue);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  const intrinsic = keys.length === 1 ? intrinsics[keys[0]!] : undefined;
  if (intrinsic) return intrinsic(value[keys[0]!], scope);
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const resolved = resolve(value[key], scope);
    if (resolved !== noValue) result[key] = resolved;
  }
  return result;
}

function resolveAll(value: unknown, scope: ResolutionScope): unknown {
  const resolved = resolve(value, scope);
  if (resolved === noValue) throw new UnresolvableError('AWS::NoValue cannot be an intrinsic function argument');
  return resolved;
}

function ref(name: string, scope: ResolutionScope): unknown {
  const { pseudo } = scope;
  switch (name) {
    case 'AWS::Region':
      return pseudo.region;
    case 'AWS::AccountId':
      return pseudo.accountId;
    case 'AWS::Partition':
      return pseudo.partition;
    case 'AWS::URLSuffix':
      return pseudo.urlSuffix;
    case 'AWS::StackName':
      return pseudo.stackName;
    case 'AWS::StackId':
      return stackId(pseudo);
    case 'AWS::NotificationARNs':
      return [];
    case 'AWS::NoValue':
      return noValue;
  }
  const parameter = scope.template.Parameters?.[name];
  if (parameter) {
    if (parameter.Default === undefined) throw new UnresolvableError(`parameter ${name} has no default value`);
    return parameter.Default;
  }
  return scope.ref(name);
}

function getAttArguments(argument: unknown): [string, string] {
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    if (dot > 0) return [argument.slice(0, dot), argument.slice(dot + 1)];
  } else if (Array.isArray(argument) && argument.length === 2) {
    return [asString(argument[0], 'Fn::GetAtt'), asString(argument[1], 'Fn::GetAtt')];
  }
  throw new UnresolvableError(`malformed Fn::GetAtt ${JSON.stringify(argument)}`);
}

/** `${Name}` is a Ref, `${Name.Attribute}` a GetAtt, `${!Text}` the literal `${Text}`. */
function substitute(argument: unknown, scope: ResolutionScope): string {
  const [text, variables] = typeof argument === 'string' ? [argument, {}] : asList(argument, 'Fn::Sub', 2);
  const values = isRecord(variables) ? variables : {};
  return asString(text, 'Fn::Sub').replace(/\$\{([^}]*)\}/g, (_match, expression: string) => {
    if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
    const name = expression.trim();
    if (name in values) return scalar(resolveAll(values[name], scope), 'Fn::Sub');
    const dot = name.indexOf('.');
    const value = dot > 0 ? scope.getAtt(name.slice(0, dot), name.slice(dot + 1)) : ref(name, scope);
    return scalar(value, 'Fn::Sub');
  });
}

function conditionValue(expression: unknown, scope: ResolutionScope): boolean {
  if (typeof expression === 'boolean') return expression;
  if (typeof expression === 'string' && (expression === 'true' || expression === 'false')) return expression === 'true';
  if (isRecord(expression)) {
    const [name, argument] = Object.entries(expression)[0] ?? [];
    switch (name) {
      case 'Condition':
        return evaluateCondition(asString(argument, 'Condition'), scope);
      case 'Fn::Equals': {
        const [left, right] = asList(argument, 'Fn::Equals', 2).map((side) => JSON.stringify(resolveAll(side, scope)));
        return left === right;
      }
      case 'Fn::And':
        return asList(argument, 'Fn::And').every((operand) => conditionValue(operand, scope));
      case 'Fn::Or':
        return asList(argument, 'Fn::Or').some((operand) => conditionValue(operand, scope));
      case 'Fn::Not':
        return !conditionValue(asList(argument, 'Fn::Not', 1)[0], scope);
    }
  }
  throw new UnresolvableError(`unsupported condition ${JSON.stringify(expression)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new UnresolvableError(`${where} expects a string, got ${JSON.stringify(value)}`);
  return value;
}

function scalar(value: unknown, where: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new UnresolvableError(`${where} expects a string, got ${JSON.stringify(value)}`);
}

function asList(value: unknown, where: string, length?: number): unknown[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
    throw new UnresolvableError(`${where} expects a list${length ? ` of ${length}` : ''}, got ${JSON.stringify(value)}`);
  }
  return value;
}
