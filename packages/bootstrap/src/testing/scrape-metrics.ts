import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export interface MetricSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface ScrapedMetrics {
  /** The family's type as the exposition declares it (COUNTER, GAUGE, HISTOGRAM…); undefined when absent. */
  type(family: string): string | undefined;
  /** Every sample of one series name (for a histogram: `<name>_count`, `<name>_sum`, `<name>_bucket`). */
  samples(series: string): MetricSample[];
  /** The value of the one sample of `series` carrying at least these labels; throws when there is none. */
  value(series: string, labels?: Readonly<Record<string, string>>): number;
}

/**
 * GETs a /metrics URL and parses it with parse-prometheus-text-format. The
 * parser folds a histogram's series into one and drops their labels when
 * the histogram has labels of its own, so samples are read from a second
 * parse without the HELP and TYPE lines, where each series stands alone.
 */
export async function scrapeMetrics(url: string): Promise<ScrapedMetrics> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  const text = await response.text();
  const types = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family.type]));
  const bare = text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
  const series = new Map<string, MetricSample[]>();
  for (const family of parsePrometheusTextFormat(bare)) {
    const list = series.get(family.name) ?? [];
    for (const sample of family.metrics) list.push({ labels: sample.labels ?? {}, value: Number(sample.value) });
    series.set(family.name, list);
  }
  const samples = (name: string) => series.get(name) ?? [];
  return {
    type: (family) => types.get(family),
    samples,
    value(name, labels = {}) {
      const found = samples(name).filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
      if (found.length !== 1) throw new Error(`${found.length} samples of ${name} with ${JSON.stringify(labels)}`);
      return found[0]!.value;
    },
  };
}

/** TCP servers this process listens with now (to show a start opened none). */
export function listeningServers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;
}
