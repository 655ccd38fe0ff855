/**
 * Whether this process traces, from the standard OpenTelemetry variables.
 * The SDK alone would export to a local OTLP collector whenever it runs; the
 * platform instead stays off until an exporter or an endpoint is named, so an
 * installation without a collector pays nothing. OTEL_SDK_DISABLED=true wins.
 */
export function tracingRequested(env: Readonly<Record<string, string | undefined>>): boolean {
  if ((env['OTEL_SDK_DISABLED'] ?? '').trim().toLowerCase() === 'true') return false;
  const exporters = (env['OTEL_TRACES_EXPORTER'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (exporters.length > 0) return exporters.some((name) => name !== 'none');
  return Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim() || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']?.trim());
}
