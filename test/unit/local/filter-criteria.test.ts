import { FilterCriteria, FilterRule } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { matchesFilters, parseFilterCriteria } from '../../../local/event-sources/filter-criteria.ts';

/** FilterCriteria as CloudFormation carries them: each pattern a JSON string. */
const criteria = (...patterns: object[]) => ({ Filters: patterns.map((pattern) => ({ Pattern: JSON.stringify(pattern) })) });
const matches = (pattern: object, record: unknown) => matchesFilters(parseFilterCriteria(criteria(pattern)), record);

const insert = { eventName: 'INSERT', dynamodb: { Keys: { pk: { S: 'orders#3' } }, NewImage: { pk: { S: 'orders#3' }, r: { S: 'x' }, n: { N: '5' } } } };

describe('Lambda event filtering in the local pollers', () => {
  it('lets every record through when the mapping has no FilterCriteria', () => {
    expect(parseFilterCriteria(undefined)).toEqual([]);
    expect(matchesFilters([], insert)).toBe(true);
  });

  it('matches the patterns the StreamConsumer construct writes with CDK FilterRules', () => {
    const filter = FilterCriteria.filter({
      eventName: FilterRule.isEqual('INSERT'),
      dynamodb: { Keys: { pk: { S: FilterRule.beginsWith('orders#') } }, NewImage: { r: { S: FilterRule.exists() } } },
    });
    const patterns = parseFilterCriteria({ Filters: [{ Pattern: filter.pattern }] });
    expect(matchesFilters(patterns, insert)).toBe(true);
    expect(matchesFilters(patterns, { ...insert, eventName: 'MODIFY' })).toBe(false);
    expect(matchesFilters(patterns, { ...insert, dynamodb: { ...insert.dynamodb, Keys: { pk: { S: 'payments#3' } } } })).toBe(false);
    expect(matchesFilters(patterns, { ...insert, dynamodb: { ...insert.dynamodb, NewImage: { pk: { S: 'orders#3' } } } })).toBe(false);
  });

  it('lets a record through when any of the mapping’s patterns matches', () => {
    const patterns = parseFilterCriteria(criteria({ eventName: ['REMOVE'] }, { eventName: ['INSERT'] }));
    expect(matchesFilters(patterns, insert)).toBe(true);
    expect(matchesFilters(patterns, { eventName: 'MODIFY' })).toBe(false);
  });

  it('ORs a field’s rules, ANDs its fields, and ORs the patterns of $or', () => {
    expect(matches({ eventName: ['MODIFY', 'INSERT'] }, insert)).toBe(true);
    expect(matches({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: ['other'] } } } }, insert)).toBe(false);
    expect(matches({ $or: [{ eventName: ['REMOVE'] }, { dynamodb: { NewImage: { r: { S: ['x'] } } } }] }, insert)).toBe(true);
    expect(matches({ $or: [{ eventName: ['REMOVE'] }, { eventName: ['MODIFY'] }] }, insert)).toBe(false);
  });

  it('compares null, empty strings, numbers and booleans exactly', () => {
    expect(matches({ a: [null] }, { a: null })).toBe(true);
    expect(matches({ a: [null] }, {})).toBe(false);
    expect(matches({ a: [''] }, { a: '' })).toBe(true);
    expect(matches({ a: [5] }, { a: 5 })).toBe(true);
    expect(matches({ a: [5] }, { a: '5' })).toBe(false);
    expect(matches({ a: [true] }, { a: true })).toBe(true);
  });

  it('tells a present field from a missing one, also below a missing parent', () => {
    expect(matches({ a: [{ exists: true }] }, { a: null })).toBe(true);
    expect(matches({ a: [{ exists: true }] }, {})).toBe(false);
    expect(matches({ a: { b: [{ exists: false }] } }, {})).toBe(true);
    expect(matches({ a: { b: [{ exists: false }] } }, { a: { b: 1 } })).toBe(false);
  });

  it('matches prefixes, suffixes and case-insensitive equality', () => {
    expect(matches({ a: [{ prefix: 'us-' }] }, { a: 'us-east-1' })).toBe(true);
    expect(matches({ a: [{ prefix: 'us-' }] }, { a: 'eu-west-1' })).toBe(false);
    expect(matches({ a: [{ prefix: { 'equals-ignore-case': 'US-' } }] }, { a: 'us-east-1' })).toBe(true);
    expect(matches({ a: [{ suffix: '.png' }] }, { a: 'cat.png' })).toBe(true);
    expect(matches({ a: [{ suffix: '.png' }] }, { a: 5 })).toBe(false);
    expect(matches({ a: [{ 'equals-ignore-case': 'alice' }] }, { a: 'ALICE' })).toBe(true);
  });

  it('matches anything but the values given, never a missing field', () => {
    expect(matches({ a: [{ 'anything-but': ['Raining', 'Snowing'] }] }, { a: 'Sunny' })).toBe(true);
    expect(matches({ a: [{ 'anything-but': ['Raining', 'Snowing'] }] }, { a: 'Raining' })).toBe(false);
    expect(matches({ a: [{ 'anything-but': 'Raining' }] }, {})).toBe(false);
    expect(matches({ a: [{ 'anything-but': { prefix: 'init' } }] }, { a: 'initializing' })).toBe(false);
    expect(matches({ a: [{ 'anything-but': { prefix: 'init' } }] }, { a: 'running' })).toBe(true);
  });

  it('matches numbers in a range, and never a numeric string', () => {
    expect(matches({ price: [{ numeric: ['>', 10, '<=', 20] }] }, { price: 20 })).toBe(true);
    expect(matches({ price: [{ numeric: ['>', 10, '<=', 20] }] }, { price: 10 })).toBe(false);
    expect(matches({ price: [{ numeric: ['=', 100] }] }, { price: 100 })).toBe(true);
    expect(matches({ price: [{ numeric: ['=', 100] }] }, { price: '100' })).toBe(false);
  });

  it('matches a list in the record when one of its elements matches', () => {
    expect(matches({ tags: ['blue'] }, { tags: ['red', 'blue'] })).toBe(true);
    expect(matches({ tags: [{ prefix: 'gr' }] }, { tags: ['red', 'blue'] })).toBe(false);
  });

  it('refuses patterns Lambda refuses, saying why', () => {
    expect(() => parseFilterCriteria({ Filters: [{ Pattern: '{"a":' }] })).toThrow('FilterCriteria pattern {"a": is not JSON');
    expect(() => parseFilterCriteria(criteria({ a: 'INSERT' }))).toThrow('field a must be a list of rules or a nested pattern');
    expect(() => parseFilterCriteria(criteria({ a: [] }))).toThrow('field a has an empty list of rules');
    expect(() => parseFilterCriteria(criteria({ a: [{ wildcard: '*.png' }] }))).toThrow('Lambda supports exists, prefix, suffix');
    expect(() => parseFilterCriteria(criteria({ a: [{ numeric: ['>', '5'] }] }))).toThrow('numeric takes');
    expect(() => parseFilterCriteria(criteria({ $or: [{ a: ['x'] }] }))).toThrow('$or takes a list of two or more patterns');
  });
});
