import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { METRIC_NAMESPACE, Metrics, type MetricDefinition } from '../../functions/core/metrics/metric-catalogue.ts';
import { LATENCY_BUCKETS_SECONDS, prometheusLabel, prometheusName } from '../../functions/core/metrics/prometheus-names.ts';

/** The part of an EMF record the collector reads. */
interface EmfRecord {
  readonly _aws: { readonly CloudWatchMetrics: readonly { readonly Namespace: string; readonly Dimensions: readonly (readonly string[])[]; readonly Metrics: readonly { readonly Name: string }[] }[] };
  readonly [key: string]: unknown;
}

type Instrument = { readonly metric: MetricDefinition; readonly record: (labels: Record<string, string>, values: readonly number[]) => void };

/** Totals across every label, for the live summary line. */
export interface EmfTotals {
  readonly published: number;
  readonly acked: number;
  readonly deadLettered: number;
}

/**
 * The local runtime's CloudWatch: takes the lines functions print, and aggregates the embedded
 * metric format records among them into Prometheus counters, histograms and gauges (labels from
 * each record's most specific dimension set), writing the records to a log file rather than the
 * terminal. What it aggregated since `npm start` began is appended to the API's `GET /v1/metrics`.
 */
export class EmfCollector {
  readonly #registry = new Registry();
  readonly #instruments = new Map<string, Instrument>();
  readonly #file: WriteStream | undefined;
  readonly #sums = new Map<string, number>();

  constructor(options: { readonly logFile?: string | undefined } = {}) {
    if (options.logFile) {
      mkdirSync(dirname(options.logFile), { recursive: true });
      this.#file = createWriteStream(options.logFile, { flags: 'a' });
    }
    for (const metric of Object.values(Metrics)) this.#instruments.set(metric.name, this.#instrument(metric));
  }

  /** Takes a line a function printed: true when it was an EMF record (aggregated and logged), false for any other line. */
  accept(line: string): boolean {
    if (!line.startsWith('{') || !line.includes('"_aws"')) return false;
    let record: EmfRecord;
    try {
      record = JSON.parse(line) as EmfRecord;
    } catch {
      return false;
    }
    const directives = record._aws?.CloudWatchMetrics;
    if (!Array.isArray(directives)) return false;
    this.#file?.write(`${line}\n`);
    for (const directive of directives) {
      if (directive.Namespace !== METRIC_NAMESPACE) continue;
      const dimensions: readonly string[] = [...directive.Dimensions].sort((a, b) => b.length - a.length)[0] ?? [];
      const labels = Object.fromEntries(dimensions.map((dimension) => [prometheusLabel(dimension), String(record[dimension])]));
      for (const { Name } of directive.Metrics) {
        const raw = record[Name];
        const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is number => typeof value === 'number');
        this.#instruments.get(Name)?.record(labels, values);
        this.#sums.set(Name, (this.#sums.get(Name) ?? 0) + values.reduce((sum, value) => sum + value, 0));
      }
    }
    return true;
  }

  /** The counters, histograms and gauges aggregated so far, in the Prometheus text format. */
  exposition(): Promise<string> {
    return this.#registry.metrics();
  }

  totals(): EmfTotals {
    const sum = (metric: MetricDefinition) => this.#sums.get(metric.name) ?? 0;
    return { published: sum(Metrics.queuePublished), acked: sum(Metrics.queueAcked), deadLettered: sum(Metrics.queueDeadLettered) };
  }

  async close(): Promise<void> {
    const file = this.#file;
    if (file) await new Promise((resolve) => file.end(resolve));
  }

  #instrument(metric: MetricDefinition): Instrument {
    const labelNames = [...new Set(metric.resourceDimensions.flat().map(prometheusLabel))];
    const common = { name: prometheusName(metric), help: metric.description, labelNames, registers: [this.#registry] };
    if (metric.kind === 'counter') {
      const counter = new Counter(common);
      return { metric, record: (labels, values) => counter.inc(labels, values.reduce((sum, value) => sum + value, 0)) };
    }
    if (metric.kind === 'distribution') {
      const histogram = new Histogram({ ...common, buckets: LATENCY_BUCKETS_SECONDS });
      return { metric, record: (labels, values) => values.forEach((value) => histogram.observe(labels, value / 1000)) };
    }
    const gauge = new Gauge(common);
    return { metric, record: (labels, values) => values.length > 0 && gauge.set(labels, values.at(-1)!) };
  }
}
