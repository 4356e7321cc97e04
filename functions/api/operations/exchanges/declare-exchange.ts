import type { ExchangeRecord } from '../../../adapters/exchange-registry.ts';
import { exchangeSettingsDifferences, type ExchangeSettings } from '../../../core/exchanges/exchange-declaration.ts';
import { ExchangeExistsWithDifferentSettingsError } from '../../../core/problems/index.ts';
import { declareExchangeBodySchema, parseOwnExchangeName } from '../../../core/schemas/exchange-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { exchangeView } from './exchange-views.ts';

/**
 * `PUT /v1/exchanges/{name}`: RabbitMQ's exchange.declare. A conditional put makes concurrent
 * declarations end with one record: 201 for the first, 200 for an equal one, 409 for another.
 */
export const declareExchange: OperationHandler = async (request, { exchanges, now }) => {
  const name = parseOwnExchangeName(request.pathParameters.name);
  const settings = parseRequest(declareExchangeBodySchema, request.body, 'request body');

  const existing = await exchanges.find(name);
  if (existing) {
    assertSameSettings(existing, settings);
    return { status: 200, body: exchangeView(existing) };
  }
  const record: ExchangeRecord = { name, ...settings, createdAt: now().toISOString() };
  const winner = await exchanges.add(record);
  if (winner) {
    assertSameSettings(winner, settings);
    return { status: 200, body: exchangeView(winner) };
  }
  return { status: 201, body: exchangeView(record), headers: { location: `/v1/exchanges/${name}` } };
};

function assertSameSettings(existing: ExchangeRecord, requested: ExchangeSettings): void {
  const differences = exchangeSettingsDifferences(existing, requested);
  if (differences.length > 0) throw new ExchangeExistsWithDifferentSettingsError(existing.name, differences);
}
