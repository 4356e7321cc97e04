import { describe, expect, it } from 'vitest';
import { call, uniqueName } from '../support/client.ts';
import { exclusively } from '../support/exclusively.ts';
import { ack, receive } from '../support/queues.ts';
import { ended, executionsPath, timeline } from '../support/sagas.ts';

// The example saga `trip` (hotel, compensated → flight), whose steps no worker of the stack serves:
// this test is the HTTP worker. It receives each step's message from trip.<step>, answers with the
// message's task token and acks it, as README's "Sagas over HTTP" shows. The README test drives the
// same queues, so the two take turns (exclusively).

interface StepMessage {
  receipt: string;
  headers: Record<string, unknown>;
  body: { taskToken: string; saga: string; executionId: string; step: string; phase: string; input: unknown; results: Record<string, unknown> };
}

async function start(executionId: string, headers: Record<string, string> = {}): Promise<void> {
  const response = await call('POST', executionsPath('trip'), { input: { tripId: executionId, to: 'Lisbon' }, executionId }, { headers });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
}

/** This execution's message for `step` from trip.<step>; other executions' messages stay in the queue. */
async function stepMessage(executionId: string, step: 'hotel' | 'flight'): Promise<StepMessage> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const messages = (await receive(`trip.${step}`, { maxMessages: 10, waitSeconds: 5 })) as unknown as StepMessage[];
    const mine = messages.find((message) => message.body.executionId === executionId);
    if (mine) return mine;
  }
  throw new Error(`no message of ${executionId} in trip.${step} within 30 s`);
}

/** Answers the step's task as an HTTP worker would (204), then acks its message. */
async function answer(message: StepMessage, outcome: 'success' | 'failure', answerBody: Record<string, unknown>): Promise<void> {
  const response = await call('POST', `/v1/tasks/${outcome}`, { taskToken: message.body.taskToken, ...answerBody });
  expect(response.status, JSON.stringify(response.body)).toBe(204);
  expect((await ack(`trip.${message.body.step}`, [message.receipt])).acked).toBe(1);
}

describe('the trip saga, served by HTTP workers', () => {
  it('completes when each step is answered with success, passing earlier results on', () =>
    exclusively('trip-saga', async () => {
      const executionId = uniqueName('trip');
      await start(executionId);

      const hotel = await stepMessage(executionId, 'hotel');
      expect(hotel.body).toMatchObject({ saga: 'trip', executionId, step: 'hotel', phase: 'action', input: { tripId: executionId, to: 'Lisbon' } });
      await answer(hotel, 'success', { output: { bookingId: 'h-7' } });
      const flight = await stepMessage(executionId, 'flight');
      expect(flight.body).toMatchObject({ step: 'flight', phase: 'action', results: { hotel: { bookingId: 'h-7' } } });
      await answer(flight, 'success', { output: { ticket: 'f-9' } });

      const execution = await ended('trip', executionId);
      expect(execution.status).toBe('COMPLETED');
      expect(timeline(execution)).toEqual(['hotel action succeeded', 'flight action succeeded']);
      expect(execution.output.results).toEqual({ hotel: { bookingId: 'h-7' }, flight: { ticket: 'f-9' } });
    }));

  it('compensates the hotel when the flight is answered with failure, without asking again', () =>
    exclusively('trip-saga', async () => {
      const executionId = uniqueName('trip');
      await start(executionId);

      await answer(await stepMessage(executionId, 'hotel'), 'success', { output: { bookingId: 'h-8' } });
      await answer(await stepMessage(executionId, 'flight'), 'failure', { error: 'NoSeats', cause: 'the flight is full' });
      const cancellation = await stepMessage(executionId, 'hotel');
      expect(cancellation.body).toMatchObject({ step: 'hotel', phase: 'compensation', results: { hotel: { bookingId: 'h-8' } } });
      await answer(cancellation, 'success', { output: { cancelled: true } });

      const execution = await ended('trip', executionId);
      expect(execution).toMatchObject({ status: 'COMPENSATED', error: 'Saga.Compensated' });
      expect(timeline(execution)).toEqual(['hotel action succeeded', 'flight action failed', 'hotel compensation succeeded']);
      expect(execution.steps[1]).toMatchObject({ error: 'NoSeats', cause: 'the flight is full', attempts: 1 });
    }));

  it("carries the start's W3C traceparent to each step's message, and the answers' next steps, with a parent id of their own", () =>
    exclusively('trip-saga', async () => {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const executionId = uniqueName('trip');
      await start(executionId, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });

      const hotel = await stepMessage(executionId, 'hotel');
      await answer(hotel, 'success', { output: { bookingId: 'h-9' } });
      const flight = await stepMessage(executionId, 'flight');
      await answer(flight, 'failure', { error: 'NoSeats', cause: 'the flight is full' });
      const cancellation = await stepMessage(executionId, 'hotel');
      await answer(cancellation, 'success', { output: { cancelled: true } });

      const parents = [hotel, flight, cancellation].map((message) => {
        const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(String(message.headers.traceparent));
        expect(match?.[1], String(message.headers.traceparent)).toBe(traceId);
        return match![2];
      });
      expect(new Set([...parents, '00f067aa0ba902b7']).size).toBe(4);
      expect((await ended('trip', executionId)).status).toBe('COMPENSATED');
    }));

  it('puts an execution started without a traceparent in a new trace of its own, carried to each step', () =>
    exclusively('trip-saga', async () => {
      const executionId = uniqueName('trip');
      await start(executionId);

      const hotel = await stepMessage(executionId, 'hotel');
      await answer(hotel, 'success', { output: { bookingId: 'h-10' } });
      const flight = await stepMessage(executionId, 'flight');
      await answer(flight, 'success', { output: { ticket: 'f-10' } });

      const [hotelTrace, flightTrace] = [hotel, flight].map((message) => /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(String(message.headers.traceparent)));
      expect(hotelTrace, String(hotel.headers.traceparent)).not.toBeNull();
      expect(flightTrace?.[1]).toBe(hotelTrace![1]);
      expect(flightTrace?.[2]).not.toBe(hotelTrace![2]);
      expect((await ended('trip', executionId)).status).toBe('COMPLETED');
    }));
});
